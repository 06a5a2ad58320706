"""Events Corong has handled, so Slack's retries of them are not handled again

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "handledevent",
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=True),
        sa.Column("claimed_by", sa.String(length=32), nullable=False),
        sa.Column("claimed_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("finished_at", storage.types.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("event_id"),
    )
    with op.batch_alter_table("handledevent", schema=None) as batch_op:
        batch_op.create_index("ix_handledevent_claimed_at", ["claimed_at"])


def downgrade() -> None:
    with op.batch_alter_table("handledevent", schema=None) as batch_op:
        batch_op.drop_index("ix_handledevent_claimed_at")
    op.drop_table("handledevent")
