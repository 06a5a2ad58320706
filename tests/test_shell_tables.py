"""Tables in the terminal (``corong shell``, ``bot.blocks.terminal``): a ``table`` block Slack
draws as a table prints as aligned text, the same alignment ``bot.blocks.tables`` gives a table
where Slack draws none (names left, numbers right, columns two spaces apart), and a rep's
mention prints as their name."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.blocks.tables import Table, aligned_lines, aligned_section, table_block
from bot.blocks.terminal import render_blocks
from bot.shell import repl
from storage import quotas
from storage.models import Member, Workspace

CALLS = Table(
    ["Rep", "Calls", "Target"],
    [["Budi", "12", "20"], ["Sari Wulandari", "7", "20"], ["Eko", "105", "20"]],
    numeric=(False, True, True),
)


def test_a_table_block_prints_as_the_aligned_text_of_the_same_table() -> None:
    text, buttons = render_blocks([table_block(CALLS).to_dict()], {})
    assert text.splitlines() == [
        "Rep             Calls  Target",
        "Budi               12      20",
        "Sari Wulandari      7      20",
        "Eko               105      20",
    ]
    assert text.splitlines() == aligned_lines(CALLS) and buttons == []
    # Where Slack draws no table (the App Home, the digest) the same lines, without the fences.
    assert render_blocks([aligned_section(CALLS).to_dict()], {})[0] == text


def test_a_rep_in_a_table_block_prints_by_name() -> None:
    table = Table(
        ["Rep", "Calls"], [["<@U0BUDI0001>", "12"], ["<@U0SARI0001>", "7"]], (False, True)
    )
    block = table_block(table).to_dict()
    assert block["rows"][1][0]["type"] == "rich_text"  # Slack shows the name, not the code
    text, _ = render_blocks([block], {"U0BUDI0001": "budi", "U0SARI0001": "sari"})
    assert text.splitlines() == ["Rep    Calls", "@budi     12", "@sari      7"]


def run(engine: Engine, *lines: str) -> str:
    script = list(lines)
    printed: list[str] = []

    def ask(prompt: str) -> str:
        if not script:
            raise EOFError
        return script.pop(0)

    assert repl.run_shell(engine, repl.ShellOptions(), ask=ask, say=printed.append) == 0
    return "\n".join(printed)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_shell_shows_the_quota_list_as_an_aligned_table(engine: Engine) -> None:
    assert "No quotas yet." in run(engine, "/sales quota")  # the shell meets its workspace
    with Session(engine) as session:
        workspace = session.exec(
            select(Workspace).where(Workspace.slack_team_id == repl.ShellOptions().team_id)
        ).one()
        me = session.exec(
            select(Member).where(Member.slack_user_id == repl.ShellOptions().user_id)
        ).one()
        assert workspace.id is not None and me.id is not None
        for amount, period in ((500_000_000, "month"), (1_200_000_000, "quarter")):
            quotas.add_quota(
                session,
                workspace_id=workspace.id,
                member_id=me.id,
                period=period,
                amount=amount,
                currency="IDR",
                effective_from=date(2026, 1, 1),
                set_by=me.id,
            )
        session.commit()
    shown = run(engine, "/sales quota").splitlines()
    start = shown.index("Rep or team              Quota  Per      Since")
    # The amounts end in one column; the rep is named, not an id.
    assert shown[start + 1 : start + 3] == [
        "@you           IDR 500,000,000  month    Thu, Jan 1, 2026",
        "@you         IDR 1,200,000,000  quarter  Thu, Jan 1, 2026",
    ]
