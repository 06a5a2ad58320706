"""Named admins, and one team per rep

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 10:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN: SQLite's batch mode would copy the member table, which the rows
    # referencing it forbid.
    op.add_column(
        "member",
        sa.Column("admin_granted", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    with op.batch_alter_table("teammember", schema=None) as batch_op:
        batch_op.create_index(
            "uq_teammember_one_team_per_rep",
            ["member_id"],
            unique=True,
            sqlite_where=sa.text("role = 'rep'"),
            postgresql_where=sa.text("role = 'rep'"),
        )


def downgrade() -> None:
    with op.batch_alter_table("teammember", schema=None) as batch_op:
        batch_op.drop_index("uq_teammember_one_team_per_rep")
    op.drop_column("member", "admin_granted")  # SQLite 3.35+ drops a column in place
