"""Persistence: SQLModel tables, the engine, workspace-scoped queries and Alembic migrations.

Nothing here imports Slack libraries; every query takes the workspace it is scoped to.
"""
