"""A command whose caller must be looked up in Slack first runs once, after the look-up.

Someone Corong never looked up (language, time zone unknown), or an admin whose rights rest on
an old reading of Slack's flag running a command that may need them, gets an empty ack; the
command then runs exactly once. Counted through the real app: runs of the command dispatcher
and the SQL statements the database saw.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from bot import handling
from commands.i18n import in_language
from commands.registry import SUBCOMMANDS
from storage.models import AuditEntry, Deal
from tests.harness import ANDI, TEAM, Bot, message_text


class Recorder:
    """What ran while a test watched: dispatched commands and SQL statements, in order."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.commands: list[tuple[str, str]] = []
        self.statements: list[str] = []

    def command(self, command: str, text: str) -> None:
        with self._lock:
            self.commands.append((command, text))

    def statement(self, sql: str) -> None:
        with self._lock:
            self.statements.append(" ".join(sql.split()))

    def count(self, prefix: str) -> int:
        return sum(statement.startswith(prefix) for statement in self.statements)


@pytest.fixture
def ran(bot: Bot, monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    recorder = Recorder()
    dispatch = handling.execute

    def counted_execute(ctx: Any, command: str, text: str) -> Any:
        recorder.command(command, text)
        return dispatch(ctx, command, text)

    def seen(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        recorder.statement(sql)

    monkeypatch.setattr(handling, "execute", counted_execute)
    event.listen(bot.engine, "before_cursor_execute", seen)
    try:
        yield recorder
    finally:
        event.remove(bot.engine, "before_cursor_execute", seen)


def test_a_first_time_callers_command_does_its_work_once(bot: Bot, ran: Recorder) -> None:
    newcomer = "U0NEWREP09"
    bot.fake.add_user(newcomer, team_id=TEAM, name="dewi", locale="id-ID", tz="Asia/Makassar")
    sent = bot.slash("/deal", "add Warung Sejahtera 5jt", user=newcomer)
    assert sent.ack.status == 200 and sent.ack.body == ""  # nothing decided before the look-up
    assert "D-1 ditambahkan" in message_text(sent.replies(1)[0])  # answered in their language
    bot.settle()
    assert ran.commands == [("/deal", "add Warung Sejahtera 5jt")]
    assert ran.count("INSERT INTO member") == 1  # created once, not created and rolled back
    assert ran.count("INSERT INTO deal") == 1 and ran.count("INSERT INTO auditentry") == 1
    assert bot.count(Deal) == 1 and bot.count(AuditEntry) == 1
    assert len(bot.fake.calls_to("users.info")) == 1


def test_an_admin_on_an_old_reading_of_slacks_flag_is_looked_up_then_runs_once(
    bot: Bot, ran: Recorder
) -> None:
    bot.clock.advance(hours=2)  # Andi, still a Slack admin, was looked up two hours ago
    sent = bot.slash("/sales", "pipeline seven-step", user=ANDI)
    assert sent.ack.body == ""
    assert "seven-step" in message_text(sent.replies(1)[0])
    bot.settle()
    assert ran.commands == [("/sales", "pipeline seven-step")]
    assert len(bot.fake.calls_to("users.info")) == 1
    assert "Prospecting" in bot.slash("/sales", "pipeline", user=ANDI).ack.text  # now fresh


def test_a_demoted_admin_is_refused_by_a_command_run_once(bot: Bot, ran: Recorder) -> None:
    bot.fake.add_user(ANDI, name="andi", is_admin=False)  # Slack took his admin role away
    bot.clock.advance(hours=2)
    sent = bot.slash("/sales", "team add Jakarta", user=ANDI)
    assert sent.ack.body == ""
    assert "Only Corong admins" in message_text(sent.replies(1)[0])
    bot.settle()
    assert ran.commands == [("/sales", "team add Jakarta")]


@pytest.mark.parametrize(
    "subcommand",
    [s for s in SUBCOMMANDS if not s.admin],
    ids=lambda s: in_language(s.example, "en"),
)
def test_commands_that_never_need_admin_rights_answer_an_admin_at_once(
    bot: Bot, ran: Recorder, subcommand: Any
) -> None:
    """An old reading of Slack's admin flag holds up only commands declared ``admin``; one
    that asked for admin rights without saying so would come back empty here."""
    bot.clock.advance(hours=2)
    command, _, text = in_language(subcommand.example, "en").partition(" ")
    sent = bot.slash(command, text, user=ANDI)
    bot.settle()
    # Answered in the ack, or (a form) opened right after it without asking Slack who it is.
    assert sent.ack.body != "" or bot.fake.calls_to("views.open")
    assert ran.commands == [(command, text)]
    assert bot.fake.calls_to("users.info") == []
