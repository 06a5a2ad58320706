"""The real app over real HTTP, talking to a fake Slack: what feature tests drive.

``Bot`` serves Corong's WSGI app (the same one gunicorn serves) on a loopback port, points its
Web API client at ``FakeSlack``, and sends requests exactly as Slack does: signed, form-encoded
slash commands and ``payload=`` interactions.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from bot.app import create_app
from bot.config import Settings
from bot.runtime import Runtime
from bot.server import wsgi_app
from storage import queries, teams
from storage.db import unit_of_work
from storage.models import Activity, AuditEntry, Deal, PendingChoice, StageChange
from tests.clock import ManualClock
from tests.fakeslack import FakeSlack
from tests.fakeslack import requests as slack_requests
from tests.patience import PATIENCE

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TEAM = "T0123ABCDE"
OTHER_TEAM = "T0999ZZZZZ"
BUDI = "U0BUDI0001"  # English-speaking rep
SARI = "U0SARI0001"  # Indonesian-speaking rep
ANDI = "U0ANDI0001"  # a workspace admin
RINA = "U0RINA0001"  # an English-speaking user tests make a team's manager
CHANNEL = "C0SALES001"


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@dataclass
class Answer:
    """What the bot answered over HTTP."""

    status: int
    body: str

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.body) if self.body else {}

    @property
    def text(self) -> str:
        """All visible text of an ack message (top-level text and block texts)."""
        return message_text(self.json)


def message_text(message: dict[str, Any]) -> str:
    """Every piece of text a user would read in a message, joined."""
    parts = [message.get("text") or ""]
    for block in message.get("blocks") or []:
        if block.get("text"):
            parts.append(block["text"].get("text", ""))
        for item in (block.get("fields") or []) + (block.get("elements") or []):
            text = item.get("text")
            parts.append(text.get("text", "") if isinstance(text, dict) else (text or ""))
        for row in block.get("rows") or []:  # a table block: one line a row, cells by tabs
            parts.append("\t".join(_cell_text(cell) for cell in row))
    return "\n".join(parts)


def _cell_text(cell: Any) -> str:
    """A table cell as a reader sees it; a rich_text user element as its mention code."""
    if not isinstance(cell, dict):
        return ""
    if cell.get("type") != "rich_text":
        return str(cell.get("text", ""))
    words = []
    for part in cell.get("elements") or []:
        for element in part.get("elements") or []:
            if element.get("type") == "user":
                words.append(f"<@{element.get('user_id')}>")
            else:
                words.append(str(element.get("text", "")))
    return "".join(words)


def accessory_buttons(message: dict[str, Any]) -> list[dict[str, str]]:
    """The buttons beside section text (one per list row): action_id, value, block_id, text."""
    return [
        {
            "action_id": block["accessory"]["action_id"],
            "value": block["accessory"].get("value", ""),
            "block_id": block.get("block_id", ""),
            "text": block["accessory"]["text"]["text"],
        }
        for block in message.get("blocks") or []
        if (block.get("accessory") or {}).get("type") == "button"
    ]


def button_values(message: dict[str, Any]) -> list[dict[str, str]]:
    """The buttons of a message: action_id, value, block_id, text."""
    found = []
    for block in message.get("blocks") or []:
        if block.get("type") != "actions":
            continue
        for element in block.get("elements", []):
            if element.get("type") == "button":
                found.append(
                    {
                        "action_id": element["action_id"],
                        "value": element.get("value", ""),
                        "block_id": block.get("block_id", ""),
                        "text": element["text"]["text"],
                    }
                )
    return found


class AfterAckWorkers(ThreadPoolExecutor):
    """The app's after-ack workers, each piece of work remembered so a test can wait for it."""

    def __init__(self) -> None:
        super().__init__(max_workers=16, thread_name_prefix="corong-after-ack")
        self._lock = threading.Lock()
        self._started: list[Future[Any]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future = super().submit(fn, *args, **kwargs)
        with self._lock:
            self._started.append(future)
        return future

    @property
    def handed_over(self) -> int:
        """How many pieces of after-ack work the app has handed over so far."""
        with self._lock:
            return len(self._started)

    def settle(self, timeout: float = 10.0) -> None:
        """Wait until every piece of after-ack work handed over so far has finished."""
        while True:
            with self._lock:
                running = [future for future in self._started if not future.done()]
            if not running:
                return
            _, still_running = wait(running, timeout=timeout)
            assert not still_running, f"{len(still_running)} after-ack job(s) still running"


class Bot:
    """Corong under test."""

    def __init__(
        self,
        engine: Engine,
        fake: FakeSlack,
        clock: ManualClock,
        *,
        settings: Settings | None = None,
    ) -> None:
        """Serve the app with ``settings`` (default: one workspace, its bot token)."""
        self.engine = engine
        self.fake = fake
        self.clock = clock
        self.settings = settings or Settings(
            _env_file=None,
            slack_bot_token="xoxb-test-token",
            slack_signing_secret=SIGNING_SECRET,
            slack_api_url=fake.api_url,
            database_url=str(engine.url),
            slack_app_token=None,
        )
        # After-ack work runs on workers a test can wait for (``settle``).
        self.workers = AfterAckWorkers()
        self.runtime = Runtime(settings=self.settings, engine=engine, clock=clock)
        self.app = create_app(self.runtime, executor=self.workers)
        self.server = make_server(
            "127.0.0.1",
            0,
            wsgi_app(
                self.app,
                engine,
                signing_secret=self.settings.slack_signing_secret,
                events=not self.settings.socket_mode,
            ),
            server_class=_ThreadingWSGIServer,
            handler_class=_QuietHandler,
        )
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def settle(self) -> None:
        """Wait until the work after every ack so far is done (replies, refreshes, redraws)."""
        self.workers.settle()

    def close(self) -> None:
        """Stop serving; finish the after-ack work in flight."""
        self.server.shutdown()
        self.server.server_close()
        self.workers.shutdown(wait=True)

    # --- HTTP ----------------------------------------------------------------------------------

    def post(self, body: str, headers: dict[str, str], path: str = "/slack/events") -> Answer:
        request = urllib.request.Request(
            self.url + path, data=body.encode(), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=PATIENCE) as response:
                return Answer(response.status, response.read().decode())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read().decode())

    def get(self, path: str) -> Answer:
        try:
            with urllib.request.urlopen(self.url + path, timeout=PATIENCE) as response:
                return Answer(response.status, response.read().decode())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read().decode())

    def signed(self, body: str) -> Answer:
        return self.post(body, slack_requests.sign(body, SIGNING_SECRET))

    # --- what users do ---------------------------------------------------------------------------

    def slash(
        self,
        command: str,
        text: str = "",
        *,
        user: str = BUDI,
        team: str = TEAM,
        channel: str = CHANNEL,
        trigger_id: str | None = None,
    ) -> Slash:
        response_url = self.fake.response_url(f"{command}-{user}")
        body = slack_requests.slash_command_body(
            command,
            text,
            user_id=user,
            team_id=team,
            channel_id=channel,
            response_url=response_url,
            trigger_id=trigger_id or self.fake.new_trigger_id(),
            user_name=user.lower(),
        )
        ack = self.signed(body)
        if ack.status == 200 and ack.body.lstrip().startswith("{"):
            self.fake.check_ack(ack.json)  # an ack message obeys Block Kit's rules, tables too
        return Slash(ack, response_url, self.fake)

    def click(
        self,
        button: dict[str, str],
        *,
        user: str = BUDI,
        team: str = TEAM,
        response_url: str | None = None,
    ) -> Answer:
        return self.signed(self.click_body(button, user=user, team=team, response_url=response_url))

    def click_body(
        self,
        button: dict[str, str],
        *,
        user: str = BUDI,
        team: str = TEAM,
        response_url: str | None = None,
    ) -> str:
        """The ``payload=`` body Slack sends when ``user`` presses ``button`` of an ephemeral
        reply (for tests that tamper with it before signing)."""
        return slack_requests.block_actions_body(
            user_id=user,
            team_id=team,
            actions=[
                {
                    "type": "button",
                    "action_id": button["action_id"],
                    "block_id": button["block_id"],
                    "value": button["value"],
                    "text": {"type": "plain_text", "text": button["text"]},
                }
            ],
            container=slack_requests.message_container(
                CHANNEL, "1700000000.000100", is_ephemeral=True
            ),
            response_url=response_url or self.fake.response_url("click"),
            trigger_id=self.fake.new_trigger_id(),
            channel_id=CHANNEL,
        )

    def submit(
        self, view: dict[str, Any], answers: dict[str, Any], *, user: str = BUDI, team: str = TEAM
    ) -> Answer:
        values = slack_requests.submission_values_from_view(view, answers)
        body = slack_requests.view_submission_body(view, values, user_id=user, team_id=team)
        return self.signed(body)

    # --- what is stored ------------------------------------------------------------------------

    def count(self, model: Any) -> int:
        with Session(self.engine) as session:
            return session.exec(select(func.count()).select_from(model)).one()

    def counts(self) -> dict[str, int]:
        """Rows in every table a command can write: to prove bad input wrote nothing."""
        return {
            model.__name__: self.count(model)
            for model in (Deal, Activity, StageChange, AuditEntry, PendingChoice)
        }

    def deal(self, number: int, team: str = TEAM) -> Deal | None:
        with unit_of_work(self.engine) as session:
            workspace = queries.get_or_create_workspace(session, slack_team_id=team)
            assert workspace.id is not None
            return queries.deal_by_number(session, workspace_id=workspace.id, number=number)

    def existing_deal(self, number: int, team: str = TEAM) -> Deal:
        """Deal ``number``, which the test expects to be there."""
        deal = self.deal(number, team)
        assert deal is not None, f"no D-{number} in {team}"
        return deal

    def know(
        self,
        user: str,
        *,
        team: str = TEAM,
        locale: str = "en-US",
        tz: str = "Asia/Jakarta",
        name: str | None = None,
        admin: bool = False,
    ) -> None:
        """A user Corong has met before: Slack knows them and their profile is cached."""
        self.fake.add_user(
            user, team_id=team, name=name or user.lower(), locale=locale, tz=tz, is_admin=admin
        )
        with unit_of_work(self.engine) as session:
            workspace = queries.get_or_create_workspace(session, slack_team_id=team)
            assert workspace.id is not None
            member = queries.get_or_create_member(
                session, workspace_id=workspace.id, slack_user_id=user, name=name or user.lower()
            )
            member.locale, member.timezone = locale, tz
            member.is_admin = admin
            member.profile_fetched_at = self.clock()

    def team(
        self,
        name: str,
        *,
        reps: tuple[str, ...] = (),
        managers: tuple[str, ...] = (),
        channel: str | None = None,
        team: str = TEAM,
    ) -> None:
        """A team as an admin would set it up: its reps, managers and channel."""
        with unit_of_work(self.engine) as session:
            workspace = queries.get_or_create_workspace(session, slack_team_id=team)
            assert workspace.id is not None
            found = teams.team_by_name(session, workspace_id=workspace.id, name=name)
            made = found or teams.create_team(session, workspace_id=workspace.id, name=name)
            made.channel_id = channel or made.channel_id
            for user, role in [
                *((u, teams.REP) for u in reps),
                *((u, teams.MANAGER) for u in managers),
            ]:
                member = queries.get_or_create_member(
                    session, workspace_id=workspace.id, slack_user_id=user
                )
                assert member.id is not None
                teams.add_to_team(session, team=made, member_id=member.id, role=role)


@dataclass
class Slash:
    """A slash command sent, with where its delayed replies go."""

    ack: Answer
    response_url: str
    fake: FakeSlack

    def replies(self, count: int = 1, timeout: float = PATIENCE) -> list[dict[str, Any]]:
        """Posts to this command's response_url (after-ack replies), waiting for ``count``
        (they normally arrive within milliseconds; ``timeout`` is only a ceiling)."""
        self.fake.wait_until(
            lambda: len(self.fake.response_url_calls(self.response_url)) >= count, timeout
        )
        calls = self.fake.response_url_calls(self.response_url)
        assert len(calls) >= count, f"expected {count} response_url posts, got {len(calls)}"
        return [call.args for call in calls]


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack(team_id=TEAM).start()
    try:
        yield fake
        fake.assert_no_violations()
    finally:
        fake.stop()


@pytest.fixture
def bot(engine: Engine, fake_slack: FakeSlack, clock: ManualClock) -> Iterator[Bot]:
    bot = Bot(engine, fake_slack, clock)
    bot.know(BUDI, name="Budi")
    bot.know(SARI, locale="id-ID", name="Sari")
    bot.know(ANDI, name="Andi", admin=True)
    bot.know(RINA, name="Rina")
    try:
        yield bot
    finally:
        bot.close()


def eventually(check: Any, timeout: float = PATIENCE) -> None:
    """Wait until ``check()`` is true: work after the ack finishes on its own thread (normally
    within milliseconds; ``timeout`` is only a ceiling for a busy machine)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.01)
