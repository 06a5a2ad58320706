"""Persistence: SQLModel tables, the engine, workspace-scoped queries and Alembic migrations.

Nothing here imports Slack libraries; every query takes the workspace it is scoped to, and no
SQL is written outside this package. Where the queries are, by what they are about:

- ``queries``: what a slash command reads and writes (the caller's workspace and member, deals,
  their history and BANT, the audit log for undo, pending pickers).
- ``teams``: teams, their members and roles, and which have a channel for posts.
- ``reports``: the funnel report's aggregates.
- ``posts``: the scheduled posts' reads (who is nudged, a standup's plans and moves, what a rep
  did about a nudge since it was sent).
- ``outbox``: the ``delivery`` table, its only reader and writer (claims, leases, failures).
- ``workspaces``: workspaces by stored id or all of them, for the scheduler and the CLI.
- ``models``, ``types``, ``db`` (engine and unit of work), ``migrate`` and ``migrations``;
  ``stays`` fills when a deal entered the stage a move left, for moves stored without it.
"""
