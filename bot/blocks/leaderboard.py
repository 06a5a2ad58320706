"""The weekly digest's leaderboard as Block Kit: a title with how it ranks, and the ranked
table as aligned text (the digest carries several tables, so none is a ``table`` block)."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.blocks.elements import section
from bot.blocks.post_parts import short_day
from bot.blocks.tables import Table, table_blocks
from bot.blocks.text import plain
from commands.i18n.formatting import compact_amount, format_number
from commands.reports.leaderboard import Leaderboard


def leaderboard_table(board: Leaderboard, lang: str) -> Table:
    """Rank, name (a manager marked), calls, meetings, bookings: best first."""
    manager = plain("report.manager_mark", lang)
    rows = [
        [
            format_number(rank, lang),
            f"{row.name} {manager}" if row.manager else row.name,
            format_number(row.calls, lang),
            format_number(row.meetings, lang),
            compact_amount(row.booked, lang),
        ]
        for rank, row in enumerate(board.rows, start=1)
    ]
    header = [
        plain("leaderboard.column.rank", lang),
        plain("attainment.column.name", lang),
        plain("leaderboard.column.calls", lang),
        plain("leaderboard.column.meetings", lang),
        plain("leaderboard.column.booked", lang, currency=board.currency),
    ]
    return Table(header, rows, numeric=(True, False, True, True, True))


def leaderboard_blocks(board: Leaderboard | None, lang: str) -> list[Block]:
    """Two blocks, or none when the team has the leaderboard off or nobody to rank."""
    if board is None or not board.rows:
        return []
    period = f"{short_day(board.week.first, lang)} \u2013 {short_day(board.week.last, lang)}"
    title = plain("leaderboard.title", lang, period=period)
    note = plain("leaderboard.note", lang)
    return [
        section(f"{title}\n_{note}_"),
        *table_blocks(leaderboard_table(board, lang), in_message=False),
    ]
