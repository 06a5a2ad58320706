"""``corong`` run in this process, as an operator runs it: the environment they give it (the
test database, the fake Slack, no .env of the developer's), and what it printed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import Settings
from tests.harness import Bot


@dataclass(frozen=True)
class Ran:
    """What ``corong ...`` did: its exit status and what it printed."""

    status: int
    out: str
    err: str


def corong_in_process(
    *,
    database_url: str,
    slack_api_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    prefix: tuple[str, ...] = (),
) -> Callable[..., Ran]:
    """A function running ``corong <prefix> <args>`` against ``database_url``, with a bot token
    and ``slack_api_url`` as Slack."""
    monkeypatch.chdir(tmp_path)  # no .env of the developer's is read
    for name in [*Settings.model_fields, "DATABASE_URL"]:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SLACK_API_URL", slack_api_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test-token")

    def run(*args: str) -> Ran:
        capsys.readouterr()
        status = main([*prefix, *args])
        captured = capsys.readouterr()
        return Ran(status, captured.out, captured.err)

    return run


@pytest.fixture
def corong_cli(
    bot: Bot,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Callable[..., Ran]:
    """``corong <args>`` against the bot's database, with the fake Slack as Slack."""
    return corong_in_process(
        database_url=database_url,
        slack_api_url=bot.fake.api_url,
        tmp_path=tmp_path,
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
