"""Bad input gets an ephemeral message saying what was wrong with one correct example, and
writes nothing; text a user controls never pings a channel or forges a link."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from bot.handling import run_command
from commands.context import Invocation
from commands.replies import OpenForm, Problem
from tests.harness import Bot

BAD_INPUTS = [
    ("/deal", "frobnicate acme", "has no “frobnicate”"),
    ("/deal", "mvoe acme potential", "Did you mean /deal move?"),
    ("/deal", "add Acme Corp 50jtt", "“50jtt”"),
    ("/deal", "add Acme Corp 50jt close:someday", "“someday”"),
    ("/deal", "add Acme Corp 50jt due:2026-02-30", "“2026-02-30”"),
    ("/deal", "add Acme Corp 50jt color:red", "Unknown option “color:”"),
    ("/deal", 'add "Acme Corp 50jt', "quote"),
    ("/deal", "move zeta potential", "No deal matches “zeta”"),
    ("/deal", "move D-99 potential", "no deal D-99"),
    ("/deal", "move acme nowhere", "“nowhere” is not a stage"),
    ("/deal", "won", "Say which deal"),
    ("/call", "acme 0m", "“0m”"),
    ("/call", "acme outcome:maybe", "“maybe” is not a call outcome"),
    ("/deal", "add " + "x" * 4000, "3,000"),
    ("/deal", "add Acme\x00Corp 50jt", "control"),
    ("/deal", "add Acme'; DROP TABLE deal; -- 50jtx", "“50jtx”"),
    ("/sales", "udno", "Did you mean /sales undo?"),
]


@pytest.mark.parametrize(("command", "text", "expected"), BAD_INPUTS)
def test_bad_input_says_what_was_wrong_and_writes_nothing(
    bot: Bot, command: str, text: str, expected: str
) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    before = bot.counts()
    answer = bot.slash(command, text).ack
    assert answer.status == 200
    assert answer.json.get("response_type", "ephemeral") == "ephemeral"
    assert expected in answer.text
    assert "Example:" in answer.text or "3,000" in answer.text or "control" in answer.text
    assert "Traceback" not in answer.text
    assert bot.counts() == before


def test_sql_in_a_deal_name_is_just_text(bot: Bot) -> None:
    answer = bot.slash("/deal", "add Robert'); DROP TABLE deal;-- 5jt").ack
    assert "Added D-1" in answer.text
    deal = bot.deal(1)
    assert deal is not None and deal.name == "Robert'); DROP TABLE deal;--"
    assert bot.slash("/deal", "show D-1").ack.status == 200


@pytest.mark.parametrize(
    "name", ["&lt;!channel&gt; Corp", "<!here> Corp", "&lt;https://evil.example|click&gt; Corp"]
)
def test_mrkdwn_in_a_deal_name_cannot_ping_or_link(bot: Bot, name: str) -> None:
    bot.slash("/deal", f"add {name} 5jt")
    for answer in (bot.slash("/deal", "show D-1").ack, bot.slash("/deal", "list").ack):
        assert "<!channel>" not in answer.body and "<!here>" not in answer.body
        assert "<https://evil.example" not in answer.body


# --- the grammar, property-based -------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "add",
        "move",
        "won",
        "lost",
        "show",
        "list",
        "acme",
        "D-1",
        "D-999",
        "50jt",
        "1.5M",
        "Rp",
        "$12k",
        "juta",
        "potential",
        "lead",
        "besok",
        "fri",
        "due:fri",
        "next:x",
        "close:",
        '"',
        "“",
        "<@U0BUDI0001>",
        "&lt;",
        "20m",
        "connected",
        "reason:",
        "'",
        ";",
        "--",
        "%",
        "_",
    ]
)
_TEXT = st.one_of(
    st.lists(_WORDS, max_size=8).map(" ".join),
    st.text(max_size=300),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(command=st.sampled_from(["/deal", "/call", "/sales"]), text=_TEXT)
def test_any_text_either_works_or_explains_and_never_half_writes(
    sqlite_engine_with_a_deal: Engine, command: str, text: str
) -> None:
    engine = sqlite_engine_with_a_deal
    before = _counts(engine)
    invocation = Invocation(
        team_id="T0123ABCDE", user_id="U0BUDI0001", now=datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    )
    handled = run_command(engine, invocation, command, text)
    if isinstance(handled.reply, Problem):
        assert handled.reply.key != "error.internal", "a crash, not a message"
        assert _counts(engine) == before
    if not isinstance(handled.reply, OpenForm):
        handled.render()  # every reply renders as valid Block Kit (slack_sdk checks the limits)


def _counts(engine: Engine) -> tuple[int, ...]:
    with engine.connect() as connection:
        return tuple(
            connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()
            for table in ("deal", "activity", "stagechange", "auditentry")
        )


@pytest.fixture
def sqlite_engine_with_a_deal(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: object
) -> Engine:
    import shutil

    from storage.db import make_engine

    path = tmp_path_factory.mktemp("prop") / "corong.db"
    shutil.copy(str(sqlite_template), path)
    engine = make_engine(f"sqlite:///{path}")
    invocation = Invocation(
        team_id="T0123ABCDE", user_id="U0BUDI0001", now=datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    )
    run_command(engine, invocation, "/deal", "add Acme Corp 50jt")
    run_command(engine, invocation, "/deal", "add Acme Ltd 20jt")
    return engine
