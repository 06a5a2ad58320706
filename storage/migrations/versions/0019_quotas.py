"""Sales quotas: a rep's or a team's target per month or quarter, with its history

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 22:00:00

One row per quota set (``/sales quota``), never updated: a changed quota is a new row from its
date, so the quota in force on any day can be read back (``storage.quotas``). Exactly one of
``member_id`` and ``team_id`` is set; ``amount`` is in ``currency``, the workspace's.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "quota",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("workspace_id", sa.Integer(), sa.ForeignKey("workspace.id"), nullable=False),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("member.id"), nullable=True),
        sa.Column("team_id", sa.Integer(), sa.ForeignKey("team.id"), nullable=True),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("set_by", sa.Integer(), sa.ForeignKey("member.id"), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.CheckConstraint("(member_id IS NULL) <> (team_id IS NULL)", name="ck_quota_target"),
    )
    op.create_index("ix_quota_workspace_from", "quota", ["workspace_id", "effective_from"])


def downgrade() -> None:
    op.drop_index("ix_quota_workspace_from", table_name="quota")
    op.drop_table("quota")
