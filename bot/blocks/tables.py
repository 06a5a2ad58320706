"""Tables of numbers (attainment, the forecast roll-up, the leaderboard, win/loss) readable on a
phone.

Slack's ``table`` block draws a real table in a message, but only in messages and only one per
message; a table anywhere else (the App Home, a modal, a message's second table) is drawn as
aligned monospace text instead: names left, numbers right, columns padded to the widest cell.
Renderers describe a table once as a ``Table`` and ask for the blocks their surface allows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.models.blocks import Block, SectionBlock
from slack_sdk.models.blocks.blocks import TableBlock

from bot.blocks.elements import SECTION_TEXT_LIMIT, clip, section
from bot.blocks.text import escape

TABLE_ROWS_LIMIT = 100  # rows in a table block, its header row included
TABLE_CELLS_LIMIT = 20  # cells in a row, and column settings
CELL_LIMIT = 60  # Corong's own cap on a cell, so a long deal or rep name cannot break a row
TABLE_CHARS_LIMIT = 10_000  # characters across a table block's cells (and a message's tables)
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


@dataclass(frozen=True)
class Table:
    """A table as plain strings: a header row and data rows of the same width. ``numeric``
    marks the columns drawn right-aligned (the number columns)."""

    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    numeric: Sequence[bool] = field(default=())

    def right_aligned(self, index: int) -> bool:
        """Whether column ``index`` holds numbers."""
        return index < len(self.numeric) and self.numeric[index]


def _cells(table: Table) -> list[list[str]]:
    """The header and rows within Slack's limits, every row as wide as the header (Slack
    refuses a table whose rows differ), an empty cell shown as a dash."""
    rows = [list(table.header), *(list(row) for row in table.rows)][:TABLE_ROWS_LIMIT]
    width = min(len(rows[0]), TABLE_CELLS_LIMIT)
    return [
        [clip(cell, CELL_LIMIT) or "\u2013" for cell in (row + [""] * width)[:width]]
        for row in rows
    ]


def _table_cell(text: str) -> dict[str, Any]:
    """A cell of a table block: a rep's mention (``<@U123>``, alone in its cell) becomes a
    rich_text user element Slack shows as their name (a raw_text cell would show the code);
    anything else is raw text."""
    mention = _MENTION.fullmatch(text)
    if mention:
        user = {"type": "user", "user_id": mention.group(1)}
        section = {"type": "rich_text_section", "elements": [user]}
        return {"type": "rich_text", "elements": [section]}
    return {"type": "raw_text", "text": text}


def _within_budget(cells: list[list[str]]) -> list[list[str]]:
    """The rows whose cells fit Slack's 10,000 characters a table, ending in an ellipsis row
    when some had to be left off."""
    kept: list[list[str]] = []
    used = 0
    for row in cells:
        size = sum(len(cell) for cell in row)
        if used + size > TABLE_CHARS_LIMIT - len(row) * 2:
            kept.append(["\u2026"] + ["\u2013"] * (len(row) - 1))
            break
        kept.append(row)
        used += size
    return kept


def table_block(table: Table, *, block_id: str | None = None) -> TableBlock:
    """Slack's ``table`` block: for a message, and at most one per message."""
    cells = _within_budget(_cells(table))
    width = len(cells[0])
    return TableBlock(
        block_id=block_id,
        rows=[[_table_cell(cell) for cell in row] for row in cells],
        column_settings=[
            {"align": "right"} if table.right_aligned(i) else {"is_wrapped": True}
            for i in range(width)
        ],
    )


def align_rows(rows: Sequence[Sequence[str]], right: Sequence[bool] = ()) -> list[str]:
    """Rows of cells as padded text lines, columns two spaces apart, column ``i`` right-aligned
    when ``right[i]``: the one alignment rule the monospace block and the terminal share (the
    terminal gets a table block's dicts back and aligns their cells with this)."""
    if not rows:
        return []
    width = max(len(row) for row in rows)
    grid = [list(row) + [""] * (width - len(row)) for row in rows]
    widths = [max(len(row[i]) for row in grid) for i in range(width)]
    lines = []
    for row in grid:
        padded = [
            cell.rjust(widths[i]) if i < len(right) and right[i] else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(padded).rstrip())
    return lines


def aligned_lines(table: Table) -> list[str]:
    """The table as padded text lines: what the monospace block and the terminal show."""
    cells = _cells(table)
    return align_rows(cells, [table.right_aligned(i) for i in range(len(cells[0]))])


def code_block(lines: Sequence[str]) -> str:
    """Padded lines as a monospace block. Escaped after padding (Slack shows ``&lt;`` as one
    character, so columns stay aligned); a backtick in a cell can't close the block early."""
    body = "\n".join(escape(line.replace("`", "\u02cb")) for line in lines)
    return f"```\n{body}\n```"


def aligned_section(table: Table) -> SectionBlock:
    """The table as a monospace block, for surfaces without table blocks. Rows that would pass
    a section's 3,000 characters are left off, ending in an ellipsis row."""
    kept: list[str] = []
    for line in aligned_lines(table):
        if len(code_block([*kept, line, "\u2026"])) > SECTION_TEXT_LIMIT:
            kept.append("\u2026")
            break
        kept.append(line)
    return section(code_block(kept))


def table_blocks(table: Table, *, in_message: bool, block_id: str | None = None) -> list[Block]:
    """The table as blocks: a ``table`` block in a message (the caller makes sure it is the
    message's only one), aligned text elsewhere."""
    if not table.rows:
        return []
    if in_message:
        return [table_block(table, block_id=block_id)]
    return [aligned_section(table)]
