"""``corong run`` with SLACK_APP_TOKEN set: Socket Mode against a fake Slack that behaves like the
real one (apps.connections.open on SLACK_API_URL, a WebSocket handshake, ``hello``, envelopes,
acks), with no network access."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fakeslack import FakeSlack, app_home_opened_event, event_callback_body
from tests.fakeslack.socket_mode import (
    FakeSocketMode,
    events_api_envelope,
    slash_commands_envelope,
)
from tests.patience import PATIENCE, PROCESS_PATIENCE
from tests.processes import clean_env, corong, free_port

USER = "U0BUDI0001"


@dataclass
class SocketBot:
    fake: FakeSlack
    socket_mode: FakeSocketMode
    process: subprocess.Popen[bytes]
    port: int
    database: Path
    log: Path

    def explain(self, problem: str) -> str:
        status = self.process.poll()
        state = "running" if status is None else f"exited with {status}"
        return f"{problem}\n--- bot ({state}) log ---\n{self.log.read_text()}"

    def command(self, text: str) -> tuple[dict[str, object], str]:
        """Send ``/deal <text>`` from Budi; -> (the envelope, its response_url)."""
        response_url = self.fake.response_url()
        envelope = slash_commands_envelope(
            "/deal",
            text,
            user_id=USER,
            team_id=self.fake.team_id,
            response_url=response_url,
            trigger_id=self.fake.new_trigger_id(),
        )
        self.socket_mode.send_envelope(envelope)
        return envelope, response_url


@contextlib.contextmanager
def bot_log_on_failure(bot: SocketBot) -> Iterator[None]:
    try:
        yield
    except AssertionError as error:
        raise AssertionError(bot.explain(str(error))) from None


@pytest.fixture
def socket_bot(tmp_path: Path) -> Iterator[SocketBot]:
    fake = FakeSlack().start()
    socket_mode = FakeSocketMode(app_id=fake.app_id).start()
    fake.socket_mode_url = socket_mode.url
    fake.add_user(USER, team_id=fake.team_id, name="budi", locale="en-US")
    port = free_port()
    database = tmp_path / "corong.db"
    env = clean_env(
        SLACK_BOT_TOKEN="xoxb-test-token",
        SLACK_APP_TOKEN="xapp-test-token",
        SLACK_API_URL=fake.api_url,
        DATABASE_URL=f"sqlite:///{database}",
        PORT=str(port),
        LOG_LEVEL="INFO",
    )
    log_path = tmp_path / "bot.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        corong("run"), env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT
    )
    bot = SocketBot(fake, socket_mode, process, port, database, log_path)
    try:
        deadline = time.monotonic() + PROCESS_PATIENCE
        while socket_mode.connection_count < 1:
            if process.poll() is not None:
                raise AssertionError(bot.explain("corong run exited before connecting"))
            if time.monotonic() > deadline:
                raise AssertionError(
                    bot.explain(
                        f"no Socket Mode connection within {PROCESS_PATIENCE:g} s; "
                        f"calls to the fake: {[c.method for c in fake.calls]}; "
                        f"handshakes: {socket_mode.handshakes}"
                    )
                )
            time.sleep(0.05)
        yield bot
    finally:
        process.terminate()
        try:
            process.wait(timeout=PROCESS_PATIENCE)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=PROCESS_PATIENCE)
        log.close()
        socket_mode.stop()
        fake.stop()


def _healthz(port: int) -> tuple[int, dict[str, object]]:
    deadline = time.monotonic() + PATIENCE
    while True:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/healthz", timeout=PATIENCE
            ) as reply:
                return reply.status, json.loads(reply.read())
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"/healthz on port {port} did not answer within {PATIENCE:g} s"
                ) from None
            time.sleep(0.1)


def test_socket_mode_connects_through_slack_api_url_and_answers_deal_add(
    socket_bot: SocketBot,
) -> None:
    bot = socket_bot
    fake, socket_mode = bot.fake, bot.socket_mode
    with bot_log_on_failure(bot):
        # The socket client asked the fake (SLACK_API_URL) for the WebSocket URL, with the
        # app-level token.
        (opened,) = fake.calls_to("apps.connections.open")
        assert opened.token == "xapp-test-token"
        authorization = {k.lower(): v for k, v in opened.headers.items()}.get("authorization")
        assert authorization == "Bearer xapp-test-token"
        assert opened.status == 200 and opened.response["ok"] is True
        assert socket_mode.handshakes[0].accepted

        assert _healthz(bot.port) == (200, {"ok": True, "database": "reachable"})

        # First contact: the ack is empty; the reply follows on the response_url once Budi's
        # locale is known.
        envelope, response_url = bot.command("add Acme Corp 50jt")
        ack = socket_mode.wait_for_ack(str(envelope["envelope_id"]))
        assert ack == {"envelope_id": envelope["envelope_id"]}, ack
        deadline = time.monotonic() + PATIENCE
        while not fake.response_url_calls(response_url):
            assert time.monotonic() < deadline, (
                f"no post to the response_url within {PATIENCE:g} s; "
                f"calls: {[c.method for c in fake.calls]}"
            )
            time.sleep(0.05)
        first = fake.response_url_calls(response_url)[0].args
        assert first["text"] == "Added D-1.", first
        assert first.get("response_type", "ephemeral") == "ephemeral", first

        # From then on the confirmation travels in the ack itself.
        envelope, response_url = bot.command("add Beta 5jt")
        ack = socket_mode.wait_for_ack(str(envelope["envelope_id"]))
        assert ack["payload"]["text"] == "Added D-2.", ack
        assert not fake.response_url_calls(response_url)

        with contextlib.closing(sqlite3.connect(bot.database)) as connection:
            numbers = sorted(row[0] for row in connection.execute("SELECT number FROM deal"))
        assert numbers == [1, 2]

        assert socket_mode.pings_received() >= 1  # the client pings right after connecting
        socket_mode.assert_no_violations()
        fake.assert_no_violations()


def test_socket_mode_handles_a_retried_event_once_and_survives_junk_envelopes(
    socket_bot: SocketBot,
) -> None:
    bot = socket_bot
    fake, socket_mode = bot.fake, bot.socket_mode
    with bot_log_on_failure(bot):
        body = event_callback_body(
            app_home_opened_event(USER), team_id=fake.team_id, event_id="Ev0SOCK0001"
        )
        first = events_api_envelope(body)
        socket_mode.send_envelope(first)
        socket_mode.wait_for_ack(str(first["envelope_id"]))
        fake.wait_for("views.publish")
        retried = events_api_envelope(body, retry_attempt=1, retry_reason="timeout")
        socket_mode.send_envelope(retried)
        assert socket_mode.wait_for_ack(str(retried["envelope_id"])) == {
            "envelope_id": retried["envelope_id"]
        }
        assert len(fake.calls_to("views.publish")) == 1  # the retry published nothing
        assert "was handled already; Slack's retry 1 (timeout)" in bot.log.read_text()

        # Envelopes Slack never sends: logged by the Socket Mode client, which keeps serving.
        for number, payload in enumerate(
            (
                [1, 2],
                None,
                {"type": "event_callback", "event": "x", "authorizations": "x"},
                {"type": "block_actions", "user": "U1", "team": 5, "authorizations": [1]},
            )
        ):
            socket_mode.send_envelope(
                {"envelope_id": f"junk-{number}", "payload": payload, "type": "events_api"}
            )
        envelope, _ = bot.command("add Acme Corp 50jt")
        ack = socket_mode.wait_for_ack(str(envelope["envelope_id"]), timeout=5)
        assert ack["payload"]["text"] == "Added D-1.", ack
        assert bot.process.poll() is None
