"""Covering indexes for the funnel reports

The report reads a period's activities and stage changes, each deal's moves and first activity,
and a trailing year of closed deals. These indexes hold every column those reads need, so they
are answered from the index alone instead of one table row per entry; the old indexes they
widen are dropped.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 06:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, old index and its columns, new index and its columns)
WIDENED = (
    (
        "activity",
        ("ix_activity_ws_time", ["workspace_id", "occurred_at"]),
        (
            "ix_activity_ws_time_cover",
            ["workspace_id", "occurred_at", "member_id", "kind", "deal_id", "deleted_at"],
        ),
    ),
    (
        "activity",
        ("ix_activity_ws_member_time", ["workspace_id", "member_id", "occurred_at"]),
        (
            "ix_activity_ws_member_time_cover",
            ["workspace_id", "member_id", "occurred_at", "kind", "deal_id", "deleted_at"],
        ),
    ),
    (
        "activity",
        ("ix_activity_deal_time", ["deal_id", "occurred_at"]),
        ("ix_activity_deal_time_cover", ["deal_id", "occurred_at", "deleted_at"]),
    ),
    (
        "stagechange",
        ("ix_stagechange_ws_time", ["workspace_id", "changed_at"]),
        (
            "ix_stagechange_ws_time_cover",
            ["workspace_id", "changed_at", "deal_id", "id", "to_stage", "reverted_at"],
        ),
    ),
    (
        "stagechange",
        ("ix_stagechange_deal_time", ["deal_id", "changed_at"]),
        (
            "ix_stagechange_deal_time_cover",
            ["deal_id", "changed_at", "id", "to_stage", "reverted_at"],
        ),
    ),
    (
        "deal",
        ("ix_deal_ws_closed", ["workspace_id", "closed_at"]),
        ("ix_deal_ws_closed_cover", ["workspace_id", "closed_at", "status", "deleted_at", "id"]),
    ),
)


def upgrade() -> None:
    for table, (old, _old_columns), (new, new_columns) in WIDENED:
        op.create_index(new, table, new_columns, unique=False)
        op.drop_index(old, table_name=table)


def downgrade() -> None:
    for table, (old, old_columns), (new, _new_columns) in reversed(WIDENED):
        op.create_index(old, table, old_columns, unique=False)
        op.drop_index(new, table_name=table)
