"""Scheduled posts at work: the scheduler's tick, the outbox claim and send, Slack's pace.

scheduler.py asks the database what is due; delivery.py claims each post in the outbox and
records how it went; compose.py builds it from ``commands.posts`` and sends it step by step;
sender.py and rate_gate.py keep to Slack's rate limits; cli.py is ``corong jobs``.
"""
