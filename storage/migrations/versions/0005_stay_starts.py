"""Each stage change records when the deal entered the stage it left

A report's time in stage reads each stay from the move that ended it, one index range scan,
instead of looking up every move's previous move. Existing moves are filled from the deal's
previous standing move; the covering index gains the two columns a stay needs.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types
from storage.stays import fill_stay_starts

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_INDEX = (
    "ix_stagechange_ws_time_cover",
    ["workspace_id", "changed_at", "deal_id", "id", "to_stage", "reverted_at"],
)
NEW_INDEX = ("ix_stagechange_ws_stays", [*OLD_INDEX[1], "from_stage", "from_entered_at"])


def upgrade() -> None:
    with op.batch_alter_table("stagechange", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("from_entered_at", storage.types.UTCDateTime(), nullable=True)
        )
    fill_stay_starts(op.get_bind())
    op.create_index(NEW_INDEX[0], "stagechange", NEW_INDEX[1], unique=False)
    op.drop_index(OLD_INDEX[0], table_name="stagechange")


def downgrade() -> None:
    op.create_index(OLD_INDEX[0], "stagechange", OLD_INDEX[1], unique=False)
    op.drop_index(NEW_INDEX[0], table_name="stagechange")
    with op.batch_alter_table("stagechange", schema=None) as batch_op:
        batch_op.drop_column("from_entered_at")
