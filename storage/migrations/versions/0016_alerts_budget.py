"""Deal alerts per team, and the daily budget of scheduled posts

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 22:10:00

``team.alerts`` holds a team's opt-in thresholds for deal alerts in its channel (won, closeable,
lost). A deal alert waits in the outbox as a ``queued`` delivery (no new table: the status
column is free text). ``delivery.counted_at`` marks a post counted toward its workspace's daily
budget, indexed for the count taken before each post.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("team") as batch:
        batch.add_column(sa.Column("alerts", sa.JSON(), nullable=True))
    with op.batch_alter_table("delivery") as batch:
        batch.add_column(sa.Column("counted_at", storage.types.UTCDateTime(), nullable=True))
        batch.create_index("ix_delivery_ws_counted", ["workspace_id", "counted_at"])


def downgrade() -> None:
    with op.batch_alter_table("delivery") as batch:
        batch.drop_index("ix_delivery_ws_counted")
        batch.drop_column("counted_at")
    with op.batch_alter_table("team") as batch:
        batch.drop_column("alerts")
