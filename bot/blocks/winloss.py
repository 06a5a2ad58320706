"""The win/loss section as Block Kit: a heading with the headline numbers, then its tables.

``/funnel`` (a month or a quarter) and the digest's monthly edition show it. Both replies hold
other sections and may hold other tables, so the tables are aligned monospace text
(``in_message=False``), all three in as few sections as Slack's 3,000 characters allow: two or
three blocks in all, whatever the number of reasons or sources.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block

from bot.blocks.elements import SECTION_TEXT_LIMIT, context, section
from bot.blocks.tables import Table, aligned_lines, code_block
from bot.blocks.text import escape
from commands.reports.winloss import WinLoss, more_sources, summary_lines, tables, title


def win_loss_blocks(analysis: WinLoss, lang: str, tz: ZoneInfo) -> list[Block]:
    """The heading and the tables: each table's title and its aligned rows, packed into
    sections under Slack's limit."""
    head = [f"*{escape(title(analysis, lang, tz))}*"]
    head += [escape(line) for line in summary_lines(analysis, lang)]
    blocks: list[Block] = [section("\n".join(head))]
    chunk: list[str] = []
    for plain in tables(analysis, lang):
        table = Table(plain.header, plain.rows, plain.numeric)
        part = [f"*{escape(plain.title)}*", code_block(aligned_lines(table))]
        if chunk and len("\n".join([*chunk, *part])) > SECTION_TEXT_LIMIT - 10:
            blocks.append(section("\n".join(chunk)))
            chunk = []
        chunk += part
    if chunk:
        blocks.append(section("\n".join(chunk)))
    more = more_sources(analysis, lang)
    if more:
        blocks.append(context(escape(more)))
    return blocks
