"""Labels of the funnel report's metrics, shared by the terminal report, the chart, ``/funnel``
and the weekly digest."""

MESSAGES: dict[str, dict[str, str]] = {}
