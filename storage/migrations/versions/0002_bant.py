"""BANT qualifications and the workspace BANT policy

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:53:15.535744
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "bantrecord",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("budget", sa.String(length=16), nullable=False),
        sa.Column("budget_value", sa.BigInteger(), nullable=True),
        sa.Column("budget_currency", sa.String(length=3), nullable=True),
        sa.Column("authority", sa.String(length=16), nullable=False),
        sa.Column("authority_name", sa.String(length=200), nullable=True),
        sa.Column("need", sa.String(length=16), nullable=False),
        sa.Column("need_pain", sa.String(length=2000), nullable=True),
        sa.Column("timeline", sa.String(length=24), nullable=False),
        sa.Column("timeline_date", sa.Date(), nullable=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", storage.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["deal_id"],
            ["deal.id"],
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("bantrecord", schema=None) as batch_op:
        batch_op.create_index("ix_bant_deal_time", ["deal_id", "created_at"], unique=False)
        batch_op.create_index("ix_bant_ws_verdict", ["workspace_id", "verdict"], unique=False)

    with op.batch_alter_table("workspace", schema=None) as batch_op:
        batch_op.add_column(sa.Column("bant_policy", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workspace", schema=None) as batch_op:
        batch_op.drop_column("bant_policy")

    with op.batch_alter_table("bantrecord", schema=None) as batch_op:
        batch_op.drop_index("ix_bant_ws_verdict")
        batch_op.drop_index("ix_bant_deal_time")

    op.drop_table("bantrecord")
