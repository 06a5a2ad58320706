"""Time off: the days a member is away

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 10:00:00

``timeoff`` holds a member's time off, set with ``/sales away`` or read from their Slack status:
no nudges then, the standup and digest say they are away, and their deals do not turn stale or
stuck for those days. Read by workspace and day (the schedule, reports) and by member.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "timeoff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("note", sa.String(length=100), nullable=False),
        sa.Column("set_by", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"]),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"]),
        sa.ForeignKeyConstraint(["set_by"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_timeoff_ws_last", "timeoff", ["workspace_id", "last_day"])
    op.create_index("ix_timeoff_member_last", "timeoff", ["member_id", "last_day"])


def downgrade() -> None:
    op.drop_index("ix_timeoff_member_last", table_name="timeoff")
    op.drop_index("ix_timeoff_ws_last", table_name="timeoff")
    op.drop_table("timeoff")
