"""The aligned-text form of a table: what the App Home, modals and the digest show."""

from __future__ import annotations

from bot.blocks.tables import Table, aligned_section


def _text(table: Table) -> str:
    block = aligned_section(table).to_dict()
    return str(block["text"]["text"])


def test_user_text_in_a_cell_cannot_ping_or_link_and_columns_stay_aligned() -> None:
    table = Table(
        header=["Rep", "Calls"],
        rows=[["<!channel> & co", "3"], ["Budi", "12"]],
        numeric=[False, True],
    )
    text = _text(table)
    assert "<!channel>" not in text
    assert "&lt;!channel&gt; &amp; co" in text
    lines = text.split("\n")[1:-1]
    # Escaped after padding: each line is as wide as the header once Slack un-escapes it.
    shown = [line.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") for line in lines]
    assert len({len(line) for line in shown}) == 1, shown
    assert shown[2].endswith("12") and shown[1].endswith(" 3")


def test_a_long_table_is_cut_with_an_ellipsis_inside_the_section_limit() -> None:
    rows = [[f"Rep number {n} with a long name", str(n)] for n in range(200)]
    text = _text(Table(header=["Rep", "Calls"], rows=rows, numeric=[False, True]))
    assert len(text) <= 3000
    assert text.startswith("```\n") and text.endswith("\n```")
    assert text.split("\n")[-2] == "\u2026"


def test_a_backtick_in_a_cell_cannot_close_the_block_early() -> None:
    text = _text(Table(header=["Deal"], rows=[["```oops"]]))
    assert text.count("```") == 2
