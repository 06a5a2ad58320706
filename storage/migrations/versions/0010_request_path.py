"""Today's nudge on the member row, and a version on the workspace row

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 21:00:00

After a rep changes something, the bot redraws the nudge they got this morning. Which message
that is used to take a query of the outbox after every command; it now rides on the member row
every command reads anyway. The workspace's version changes with every change of its settings,
so each process may keep the settings it read and know, from the same statement that reads the
member, when they are out of date.
"""

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMNs: SQLite's batch mode would copy tables that other rows reference.
    op.add_column("member", sa.Column("nudge_day", sa.Date(), nullable=True))
    op.add_column("member", sa.Column("nudge_channel_id", sa.String(length=32), nullable=True))
    op.add_column("member", sa.Column("nudge_ts", sa.String(length=32), nullable=True))
    op.add_column(
        "workspace", sa.Column("version", sa.Integer(), nullable=False, server_default="0")
    )
    # The nudges already sent: each member's newest one, so today's is redrawn as before.
    latest = sa.text(
        """
        SELECT d.workspace_id, d.target, d.period, d.channel_id, d.message_ts
        FROM delivery d
        WHERE d.job = 'nudge' AND d.status = 'sent' AND d.message_ts IS NOT NULL
          AND d.channel_id IS NOT NULL
          AND NOT EXISTS (
            SELECT 1 FROM delivery newer
            WHERE newer.workspace_id = d.workspace_id AND newer.target = d.target
              AND newer.job = 'nudge' AND newer.status = 'sent' AND newer.period > d.period
          )
        """
    )
    connection = op.get_bind()
    for workspace_id, target, period, channel_id, ts in connection.execute(latest).all():
        try:
            day = date.fromisoformat(period)
        except ValueError:
            continue
        connection.execute(
            sa.text(
                "UPDATE member SET nudge_day = :day, nudge_channel_id = :channel, nudge_ts = :ts"
                " WHERE workspace_id = :workspace AND slack_user_id = :user"
            ),
            {
                "day": day,
                "channel": channel_id,
                "ts": ts,
                "workspace": workspace_id,
                "user": target,
            },
        )


def downgrade() -> None:
    op.drop_column("workspace", "version")
    op.drop_column("member", "nudge_ts")
    op.drop_column("member", "nudge_channel_id")
    op.drop_column("member", "nudge_day")
