"""Pending choices also hold the questions a command asks, and the answers given so far

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 21:45:00

A pending choice used to be only a deal picker. It now also holds a question with buttons
(``2M``: 2 juta or 2 miliar? a close date that has passed: keep or change?): ``kind`` says
which, and ``answers`` carries what the user already answered for the same command, so a
second question (or a picker) after the first does not forget the first answer.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("pendingchoice") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(length=16), nullable=False, server_default="deal")
        )
        batch.add_column(sa.Column("answers", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pendingchoice") as batch:
        batch.drop_column("answers")
        batch.drop_column("kind")
