"""Reports: ``/funnel`` and ``/pipeline``, the funnel metrics behind them and their settings.

metrics.py computes every KPI as plain values, format.py words them, request.py says which
deals and period a report covers, scopes.py parses ``mine``/``@rep``/``team``/``all``, policy.py
and settings.py hold the targets and benchmark admins set (``/sales targets|benchmark``).
"""
