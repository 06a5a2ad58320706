"""No token or secret ever reaches a log line, even at DEBUG, where slack_sdk logs every request
and response body (oauth.v2.access carries the client secret and answers with tokens).

Each test does what an operator's logs would record (installs, commands, a token refresh, a
modal, a scheduled post, revocations), captures every line at DEBUG and searches it for every
secret involved.
"""

from __future__ import annotations

import base64
import logging
import subprocess
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from bot.config import REDACTED, configure_logging
from tests.clock import ManualClock
from tests.fakeslack import FakeSlack, event_callback_body, sign, slash_command_body
from tests.fakeslack.ids import VERIFICATION_TOKEN
from tests.harness import SIGNING_SECRET, TEAM, Bot
from tests.patience import PATIENCE, PROCESS_PATIENCE
from tests.processes import clean_env, corong, free_port
from tests.test_oauth import CLIENT_ID, CLIENT_SECRET, OTHER_TEAM, OAuthBot, browse

BUDI = "U0BUDI0001"
RINA = "U0RINA0001"
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def secrets_of(fake: FakeSlack, *teams: str) -> set[str]:
    """Every credential in play: the app's, and each token Slack issued to these teams."""
    found = {
        CLIENT_SECRET,
        SIGNING_SECRET,
        base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode(),  # Basic auth
        VERIFICATION_TOKEN,  # the legacy token inside every request body
    }
    for team in teams:
        found.update(fake.tokens_of(team))
        found.update(fake.refresh_tokens_of(team))
    return found


def assert_clean(log: str, secrets: set[str]) -> None:
    leaked = sorted(secret for secret in secrets if secret in log)
    assert not leaked, f"{len(leaked)} secret(s) in the log, e.g. {leaked[0][:12]}..."


@SQLITE_ONLY
def test_debug_logs_of_installs_commands_refreshes_and_posts_hold_no_secret(
    engine: Engine, fake_slack: FakeSlack, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake_slack.add_team(TEAM, name="Acme Sales")
    fake_slack.add_team(OTHER_TEAM, name="Beta Traders")
    bot = OAuthBot(engine, fake_slack, clock, log_level="DEBUG")
    configure_logging(bot.settings.log_level, secrets=bot.settings.secret_values())
    try:
        bot.install(TEAM, rotation=True, expires_in=60)  # refreshed at every use below
        bot.install(OTHER_TEAM)
        bot.know(BUDI, team=TEAM, name="Budi")
        bot.know(RINA, team=OTHER_TEAM, name="Rina")
        bot.slash("/deal", "add Acme 50jt next:demo due:today", user=BUDI, team=TEAM)
        bot.slash("/deal", "add Beta 9jt next:call due:today", user=RINA, team=OTHER_TEAM)
        bot.slash("/deal", "", user=BUDI, team=TEAM)  # a modal opens
        assert "Beta" in bot.slash("/pipeline", user=RINA, team=OTHER_TEAM).ack.text
        fake_slack.wait_for("views.open")
        report = bot.run_posts(datetime(2026, 11, 24, 8, 31, tzinfo=ZoneInfo("Asia/Jakarta")))
        assert report.sent == 2
        revoked = {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["U0BOTB0001"]}}
        assert bot.event(revoked, OTHER_TEAM).status == 200
        assert bot.event({"type": "app_uninstalled"}, TEAM).status == 200
    finally:
        bot.close()

    log = caplog.text
    # The test means something only if slack_sdk's DEBUG lines were there to leak from.
    assert "oauth.v2.access" in log and "Received the following response" in log
    assert len(fake_slack.tokens_of(TEAM)) >= 3  # install, then refreshed for request and post
    assert_clean(log, secrets_of(fake_slack, TEAM, OTHER_TEAM))
    assert REDACTED in log


@SQLITE_ONLY
def test_debug_logs_of_a_single_token_bot_hold_no_secret(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    bot.slash("/deal", "add Acme 50jt")
    bot.slash("/deal", "")
    bot.fake.wait_for("views.open")
    assert "Sending a request" in caplog.text
    assert_clean(caplog.text, {"xoxb-test-token", SIGNING_SECRET, VERIFICATION_TOKEN})


def test_corong_run_at_debug_keeps_secrets_out_of_its_output(tmp_path: Path) -> None:
    """The real process: ``configure_logging`` under gunicorn, an install and a command."""
    fake = FakeSlack(team_id=TEAM).start()
    fake.add_team(TEAM, name="Acme Sales")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    fake.register_app(CLIENT_ID, CLIENT_SECRET, redirect_url=url + "/slack/oauth_redirect")
    env = clean_env(
        SLACK_CLIENT_ID=CLIENT_ID,
        SLACK_CLIENT_SECRET=CLIENT_SECRET,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake.api_url,
        DATABASE_URL=f"sqlite:///{tmp_path / 'corong.db'}",
        PORT=str(port),
        LOG_LEVEL="DEBUG",
        SCHEDULED_POSTS="false",
    )
    log_path = tmp_path / "bot.log"
    with log_path.open("w") as log_file:
        process = subprocess.Popen(
            corong("run"), env=env, cwd=tmp_path, stdout=log_file, stderr=subprocess.STDOUT
        )
    try:
        _wait_healthy(url, process, log_path)
        fake.approve_install(TEAM, rotation=True, expires_in=60)
        start = browse(url + "/slack/install")
        finished = browse(browse(start.location).location, cookie=start.cookie)
        assert finished.status == 200, finished.body
        response_url = fake.response_url()
        body = slash_command_body(
            "/pipeline",
            "",
            user_id="U0BUDI0001",
            team_id=TEAM,
            response_url=response_url,
            trigger_id=fake.new_trigger_id(),
        )
        request = urllib.request.Request(
            url + "/slack/events", data=body.encode(), headers=sign(body, SIGNING_SECRET)
        )
        with urllib.request.urlopen(request, timeout=PATIENCE) as answer:
            assert answer.status == 200
        uninstall = event_callback_body({"type": "app_uninstalled"}, team_id=TEAM)
        request = urllib.request.Request(
            url + "/slack/events", data=uninstall.encode(), headers=sign(uninstall, SIGNING_SECRET)
        )
        with urllib.request.urlopen(request, timeout=PATIENCE) as answer:
            assert answer.status == 200
    finally:
        process.terminate()
        process.wait(timeout=PROCESS_PATIENCE)
        fake.stop()
    log = log_path.read_text()
    assert "oauth.v2.access" in log, log[-2000:]
    assert len(fake.tokens_of(TEAM)) == 2  # installed, then refreshed for the command
    assert_clean(log, secrets_of(fake, TEAM))
    assert REDACTED in log


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + PROCESS_PATIENCE
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=PATIENCE) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            pass
        assert process.poll() is None, log_path.read_text()
        assert time.monotonic() < deadline, "bot did not become healthy"
        time.sleep(0.1)


def test_redaction_catches_every_token_shape_and_secret_field() -> None:
    """The patterns, on the shapes Slack uses and the ways libraries print them."""
    configure_logging("WARNING", secrets=["s3cr3t-signing-value"])
    record = logging.getLogRecordFactory()(
        "t",
        logging.INFO,
        __file__,
        1,
        "%s %s %s %s %s %s %s",
        (
            "xoxb-1-2-abc",
            "xoxe.xoxb-1-MS0yLTEy",
            "xoxe-1-My0xLTIt",
            "xapp-1-A1-2-ff",
            "{'client_secret': 'plain', \"refresh_token\": \"r\"}",
            "token=gIkuvaNz&team_id=T1",
            "s3cr3t-signing-value",
        ),
        None,
    )
    text = record.getMessage()
    for secret in ("abc", "MS0y", "My0x", "A1-2", "plain", '"r"', "gIkuvaNz", "s3cr3t"):
        assert secret not in text, text
    assert "team_id=T1" in text  # ordinary fields stay readable
