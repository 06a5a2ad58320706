"""Days off: the country whose public holidays count, and the company's own days

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 22:00:00

Scheduled posts keep quiet on days off. A workspace follows a country's public holidays
(``holiday_country``, Indonesia by default, cuti bersama included); a team may follow another.
``companyday`` holds the company's own days off (an offsite) and the public holidays it works.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("workspace") as batch:
        batch.add_column(
            sa.Column("holiday_country", sa.String(length=8), nullable=False, server_default="ID")
        )
    with op.batch_alter_table("team") as batch:
        batch.add_column(sa.Column("holiday_country", sa.String(length=8), nullable=True))
    op.create_table(
        "companyday",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("works", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"]),
        sa.ForeignKeyConstraint(["created_by"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("workspace_id", "day"),
    )


def downgrade() -> None:
    op.drop_table("companyday")
    with op.batch_alter_table("team") as batch:
        batch.drop_column("holiday_country")
    with op.batch_alter_table("workspace") as batch:
        batch.drop_column("holiday_country")
