"""A daily snapshot of each workspace's slow report yardsticks, and an index of deleted deals

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 06:00:00

Every report, nudge and digest judged "stuck" against the median stay of the last 90 days and
weighted the forecast by the last 365 days' win rates, reading a quarter's moves and a year's
closed deals each time. They are now built once per local day and kept here. A report checks
each activity of its period against the workspace's few deleted deals, from an index of them
alone.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "yardstick",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("stages", sa.String(length=2000), nullable=False),
        sa.Column("stay_window_days", sa.Integer(), nullable=False),
        sa.Column("win_rate_days", sa.Integer(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("built_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "workspace_id",
            "as_of",
            "stages",
            "stay_window_days",
            "win_rate_days",
            name="uq_yardstick_measure",
        ),
    )

    op.create_index(
        "ix_deal_ws_deleted",
        "deal",
        ["workspace_id", "id"],
        sqlite_where=sa.text("deleted_at IS NOT NULL"),
        postgresql_where=sa.text("deleted_at IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_deal_ws_deleted", table_name="deal")
    op.drop_table("yardstick")
