"""The forecast call, its kept results, a team's leaderboard and where a lead came from

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 02:00:00

``forecast`` keeps every submission of a rep's commit and best case for a month or quarter
(never updated, so the change since last week can be read back); ``forecastresult`` keeps, once a
period has ended, each rep's last commit beside what they booked: the forecast's accuracy.
A team gains its forecast day, time, reminder time and period, and whether its digest shows a
leaderboard; a deal gains the lead source win rates are read by.
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEAM_COLUMNS: tuple[sa.Column[Any], ...] = (
    sa.Column("forecast_weekday", sa.Integer(), nullable=False, server_default="4"),
    sa.Column("forecast_time", sa.String(length=5), nullable=False, server_default="14:00"),
    sa.Column("forecast_due", sa.String(length=5), nullable=False, server_default="17:00"),
    sa.Column("forecast_period", sa.String(length=8), nullable=False, server_default="month"),
    sa.Column("leaderboard", sa.Boolean(), nullable=False, server_default=sa.false()),
)


def upgrade() -> None:
    op.create_table(
        "forecast",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("workspace_id", sa.Integer(), sa.ForeignKey("workspace.id"), nullable=False),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("member.id"), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("commit", sa.BigInteger(), nullable=False),
        sa.Column("best_case", sa.BigInteger(), nullable=False),
        sa.Column("weighted", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.Column("submitted_at", storage.types.UTCDateTime(), nullable=False),
    )
    op.create_index(
        "ix_forecast_ws_period",
        "forecast",
        ["workspace_id", "period", "period_start", "member_id"],
    )
    op.create_table(
        "forecastresult",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("workspace_id", sa.Integer(), sa.ForeignKey("workspace.id"), nullable=False),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("member.id"), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("commit", sa.BigInteger(), nullable=True),
        sa.Column("best_case", sa.BigInteger(), nullable=True),
        sa.Column("booked", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("kept_at", storage.types.UTCDateTime(), nullable=False),
        sa.UniqueConstraint("workspace_id", "member_id", "period", "period_start"),
    )
    # Plain ADD COLUMNs: SQLite's batch mode would copy tables other rows reference.
    for column in _TEAM_COLUMNS:
        op.add_column("team", column)
    op.add_column("deal", sa.Column("lead_source", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column("deal", "lead_source")
    for column in reversed(_TEAM_COLUMNS):
        op.drop_column("team", column.name)
    op.drop_table("forecastresult")
    op.drop_index("ix_forecast_ws_period", table_name="forecast")
    op.drop_table("forecast")
