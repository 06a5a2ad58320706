"""``corong shell`` as someone types into it: the real loop (``run_shell``) reading scripted
lines, the real app behind it. One name stands for one member; ``:quit`` and Ctrl-D leave even
from inside a form; a slash command typed into a form runs instead of being taken for an
answer; a box of several lines (custom stages) takes several lines."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.profiles import store_profile
from bot.shell import repl
from storage.models import Deal, Member

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

EOF = object()  # Ctrl-D at that point of the script
TEAM_ID = repl.ShellOptions().team_id


class Ran:
    """What one shell session printed, and the lines it never read."""

    def __init__(self, printed: list[str], prompts: list[str], unread: list[object]) -> None:
        self.out = "\n".join(printed)
        self.prompts = prompts
        self.unread = unread


def shell(engine: Engine, *lines: object) -> Ran:
    """Run the shell over ``lines`` (``EOF`` is Ctrl-D; lines after it are what a terminal
    would still offer); it must end by itself."""
    script = list(lines)
    printed: list[str] = []
    prompts: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        if not script:
            raise EOFError
        line = script.pop(0)
        if line is EOF:
            raise EOFError
        assert isinstance(line, str)
        return line

    assert repl.run_shell(engine, repl.ShellOptions(), ask=ask, say=printed.append) == 0
    return Ran(printed, prompts, script)


def members_called(engine: Engine, name: str) -> list[str]:
    with Session(engine) as session:
        rows = session.exec(select(Member).where(Member.name == name))
        return sorted(member.slack_user_id for member in rows)


def deal_names(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return sorted(deal.name for deal in session.exec(select(Deal)))


def test_a_name_another_member_has_is_refused_with_how_to_choose(engine: Engine) -> None:
    run = shell(
        engine,
        "/sales team add Jakarta @budi",
        ":user U123 budi",
        ":user budi",  # the budi of the team
        "/deal add Toko Maju 10jt",
        ":user U0SHELL001",
        "/deal list @budi",
    )
    [budi] = members_called(engine, "budi")
    assert f"budi is already {budi}: type :user {budi} to act as them" in run.out
    assert f"You are now budi ({budi})." in run.out
    # Back as the shell's own user, under the name Corong knows, and @budi is that one rep.
    assert "You are now you (U0SHELL001)." in run.out
    assert "Open deals of @budi" in run.out and "Toko Maju" in run.out
    assert members_called(engine, "U123") == [] and members_called(engine, "you") == ["U0SHELL001"]


def test_a_mention_of_a_name_two_members_share_is_not_guessed(engine: Engine) -> None:
    # Two people in Slack with one display name, as users.info reported them.
    for user_id in ("U0BUDIA001", "U0BUDIB002"):
        store_profile(
            engine,
            TEAM_ID,
            user_id,
            datetime.now(UTC),
            locale="en-US",
            timezone="Asia/Jakarta",
            name="budi",
            is_admin=False,
        )
    run = shell(engine, "/sales team add Jakarta @budi", "/sales team add Jakarta <@U0BUDIB002>")
    assert (
        "Several members are called budi (U0BUDIA001, U0BUDIB002): say which by id, "
        "<@U0BUDIA001> in a command or :user U0BUDIA001. Nothing changed."
    ) in run.out
    assert run.out.count("Team *Jakarta* created") == 1  # only the second line reached the bot
    assert members_called(engine, "budi") == ["U0BUDIA001", "U0BUDIB002"]


def test_quit_inside_a_form_leaves_the_shell(engine: Engine) -> None:
    run = shell(engine, "/deal add", "Acme", ":quit", "/deal add Never 1jt")
    assert "Form closed; nothing saved." in run.out
    assert run.unread == ["/deal add Never 1jt"]  # the shell was gone
    assert deal_names(engine) == []


def test_ctrl_d_inside_a_form_leaves_the_shell(engine: Engine) -> None:
    run = shell(engine, "/call", "D-1", EOF, "/deal add Never 1jt")
    assert "Form closed; nothing saved." in run.out
    assert run.unread == ["/deal add Never 1jt"]
    assert deal_names(engine) == []


@pytest.mark.parametrize("typed", ["/deal add ", "/deal add", "/deal\tadd", "/call "])
def test_a_command_typed_into_a_form_closes_it_and_runs(engine: Engine, typed: str) -> None:
    run = shell(engine, typed, "/deal add Acme 5jt", "/deal list")
    assert "== New deal ==" in run.out or "== Log a call ==" in run.out
    assert "Form closed; nothing saved. Running /deal add Acme 5jt instead." in run.out
    assert "Added D-1." in run.out and "Your open deals" in run.out
    assert deal_names(engine) == ["Acme"]  # not a deal called "/deal add Acme 5jt"


def test_a_trailing_space_asks_the_same_questions(engine: Engine) -> None:
    with_space = shell(engine, "/deal add ", "cancel").prompts
    without = shell(engine, "/deal add", "cancel").prompts
    assert with_space == without and any("Deal name" in p for p in with_space)


def test_custom_stages_are_typed_one_per_line_in_the_setup_form(engine: Engine) -> None:
    setup = ["/sales setup", "", "", "4", "Discovery \\", "Demo\\", "Proposal", "", "", "", ""]
    again = ["/sales setup", *[""] * 8]  # re-opened: Enter keeps every field as it is
    run = shell(engine, *setup, *again, "/deal add Acme 5jt stage:demo", "/sales pipeline custom")
    asked = next(prompt for prompt in run.prompts if "Custom stages" in prompt)
    assert "(end a line with \\ to type another)" in asked
    assert "→ custom (Discovery → Demo → Proposal)" in run.out
    assert any("[Discovery ⏎ Demo ⏎ Proposal]" in prompt for prompt in run.prompts)
    assert "Nothing changed: the settings you saved" in run.out
    assert "*D-1* Acme · Demo" in run.out
    assert "Stages of your own are typed in /sales setup." in run.out
