"""A member's own settings, and whether they act on their nudges

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 12:00:00

``/sales me`` (and the App Home) keep each person's settings on their member row, read with the
statement every command and the schedule already read the member with: their nudge time
(``nudge_time``, HH:MM; empty for Corong's default), how often they are nudged
(``nudge_cadence``: daily, weekly or off), a language chosen over their Slack locale
(``language``) and quiet hours (``quiet_start`` to ``quiet_end``) when nothing scheduled is sent
to them. ``nudges_ignored`` counts their nudges in a row that went unanswered, ``nudge_sent_at``
is when the latest went out and ``nudge_acted`` whether they acted on it: after five unanswered
a rep gets a weekly summary instead.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMNs: SQLite's batch mode would copy the member table, which the rows
    # referencing it forbid.
    for column in (
        sa.Column("nudge_time", sa.String(length=5), nullable=True),
        sa.Column("nudge_cadence", sa.String(length=8), nullable=False, server_default="daily"),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("quiet_start", sa.String(length=5), nullable=True),
        sa.Column("quiet_end", sa.String(length=5), nullable=True),
        sa.Column("nudges_ignored", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("nudge_sent_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("nudge_acted", sa.Boolean(), nullable=False, server_default=sa.false()),
    ):
        op.add_column("member", column)


def downgrade() -> None:
    for name in (
        "nudge_acted",
        "nudge_sent_at",
        "nudges_ignored",
        "quiet_end",
        "quiet_start",
        "language",
        "nudge_cadence",
        "nudge_time",
    ):
        op.drop_column("member", name)  # SQLite 3.35+ drops a column in place
