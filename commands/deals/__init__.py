"""Deals, calls and BANT qualification: everything a rep does to one deal.

``/deal`` (deal.py), ``/call`` (call.py) and ``/bant`` (bant.py, with the pure scoring in
bant_scoring.py); finding a deal from what was typed (resolve.py) and describing it in a reply
(summaries.py). The other wings read deals through these; nothing here reads them.
"""
