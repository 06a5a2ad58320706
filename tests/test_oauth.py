"""Installs into many workspaces: Slack OAuth through the real WSGI app and the fake Slack.

An admin's browser goes to ``/slack/install``, on to Slack's consent page (the fake's, since
SLACK_API_URL points there) and back to ``/slack/oauth_redirect`` with a code; the bot swaps the
code for the workspace's bot token and keeps it in its own database. From then on every request
and every scheduled post of that workspace uses that token, refreshed before it expires, until
Slack says the app was uninstalled or its token revoked.
"""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine
from sqlmodel import col

from bot.config import ConfigError, Settings, check_for_run
from bot.oauth import BOT_SCOPES, CorongInstallationStore, authorize_url
from bot.posts.cli import settings_check
from bot.posts.delivery import RunReport
from bot.posts.scheduler import deliverer_for
from bot.posts.tokens import WorkspaceTokens
from storage.db import make_engine
from storage.migrate import alembic_config, upgrade
from storage.models import Deal, Delivery
from tests.clock import ManualClock
from tests.fakeslack import FakeSlack, event_callback_body
from tests.harness import (
    SIGNING_SECRET,
    TEAM,
    Answer,
    Bot,
)
from tests.patience import PATIENCE

CLIENT_ID = "4711000001.9876543210123"
CLIENT_SECRET = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
OTHER_TEAM = "T0BETA0001"
BUDI = "U0BUDI0001"  # a rep in the first workspace
RINA = "U0RINA0001"  # a rep in the second workspace
JAKARTA = ZoneInfo("Asia/Jakarta")
REINSTALL = "your installation with this app is no longer available"
# Where only Slack's side is at stake; what the stores write runs on both databases.
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def oauth_settings(fake: FakeSlack, engine: Engine, **extra: Any) -> Settings:
    values: dict[str, Any] = {
        "slack_bot_token": None,
        "slack_client_id": CLIENT_ID,
        "slack_client_secret": CLIENT_SECRET,
        "slack_signing_secret": SIGNING_SECRET,
        "slack_api_url": fake.api_url,
        "database_url": str(engine.url),
        "slack_app_token": None,
    }
    return Settings(_env_file=None, **{**values, **extra})


@dataclass
class Page:
    """An HTTP answer as a browser sees it, redirects not followed."""

    status: int
    headers: dict[str, str]
    body: str

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    @property
    def cookie(self) -> str:
        """The ``name=value`` of the cookie set, for the browser's next request."""
        return self.headers.get("set-cookie", "").split(";")[0]


def browse(url: str, cookie: str | None = None) -> Page:
    """GET ``url`` like a browser would, one hop only."""
    parts = urlsplit(url)
    assert parts.hostname is not None, url
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=PATIENCE)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        headers = {k.lower(): v for k, v in response.getheaders()}
        return Page(response.status, headers, response.read().decode())
    finally:
        connection.close()


class OAuthBot(Bot):
    """Corong installed into many workspaces, served like ``Bot`` (see tests.harness)."""

    def __init__(self, engine: Engine, fake: FakeSlack, clock: ManualClock, **extra: Any) -> None:
        super().__init__(engine, fake, clock, settings=oauth_settings(fake, engine, **extra))
        fake.register_app(CLIENT_ID, CLIENT_SECRET, redirect_url=self.url + "/slack/oauth_redirect")

    def install(self, team: str, **grant: Any) -> Page:
        """An admin of ``team`` clicks Add to Slack, then Allow: the page they end on."""
        self.fake.approve_install(team, **grant)
        start = browse(self.url + "/slack/install")
        assert start.status == 302, start
        consent = browse(start.location)
        assert consent.status == 302, consent
        return browse(consent.location, cookie=start.cookie)

    def installations(self) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            rows = connection.execute(
                sqlalchemy.text(
                    "SELECT team_id, bot_token, bot_refresh_token, bot_token_expires_at "
                    "FROM slack_installations ORDER BY id"
                )
            )
            return [dict(row._mapping) for row in rows]

    def bots(self) -> list[str]:
        with self.engine.connect() as connection:
            rows = connection.execute(sqlalchemy.text("SELECT team_id FROM slack_bots"))
            return [row.team_id for row in rows]

    def event(self, event: dict[str, Any], team: str) -> Answer:
        return self.signed(event_callback_body(event, team_id=team))

    def run_posts(self, moment: datetime) -> RunReport:
        self.clock.now = moment
        return deliverer_for(self.settings, self.engine, clock=self.clock).run_due()


@pytest.fixture
def oauth_bot(engine: Engine, fake_slack: FakeSlack, clock: ManualClock) -> Iterator[OAuthBot]:
    fake_slack.add_team(TEAM, name="Acme Sales")
    fake_slack.add_team(OTHER_TEAM, name="Beta Traders")
    bot = OAuthBot(engine, fake_slack, clock)
    try:
        yield bot
    finally:
        bot.close()


def tokens_used(fake: FakeSlack, method: str) -> list[str | None]:
    return [call.token for call in fake.calls_to(method)]


def with_work(bot: OAuthBot, user: str, team: str) -> None:
    """A rep whose next step is due today (Monday), so Tuesday morning brings a nudge."""
    bot.know(user, team=team, name=user.lower())
    answer = bot.slash("/deal", "add Acme 50jt next:demo due:today", user=user, team=team).ack
    assert answer.status == 200 and "D-1" in answer.text, answer


def tuesday_morning() -> datetime:
    return datetime(2026, 11, 24, 8, 31, tzinfo=JAKARTA).astimezone(UTC)


def nudged_with(bot: OAuthBot) -> dict[str, str | None]:
    """Which token opened each rep's DM for the nudge."""
    return {call.args["users"]: call.token for call in bot.fake.calls_to("conversations.open")}


# --- the install flow ------------------------------------------------------------------------


@SQLITE_ONLY
def test_install_link_sends_the_admin_to_slacks_consent_page_with_a_fresh_state(
    oauth_bot: OAuthBot,
) -> None:
    start = browse(oauth_bot.url + "/slack/install")

    assert start.status == 302
    where = urlsplit(start.location)
    assert f"{where.scheme}://{where.netloc}{where.path}" == (
        oauth_bot.fake.base_url + "/oauth/v2/authorize"
    )
    query = {key: values[0] for key, values in parse_qs(where.query).items()}
    assert query["client_id"] == CLIENT_ID
    assert set(query["scope"].split(",")) == set(BOT_SCOPES)
    assert query["state"] and start.cookie.endswith("=" + query["state"])
    again = browse(oauth_bot.url + "/slack/install")
    assert parse_qs(urlsplit(again.location).query)["state"][0] != query["state"]


def test_allowing_the_install_stores_the_workspaces_bot_token(oauth_bot: OAuthBot) -> None:
    page = oauth_bot.install(TEAM)

    assert page.status == 200, page.body
    (token,) = oauth_bot.fake.tokens_of(TEAM)
    assert [(row["team_id"], row["bot_token"]) for row in oauth_bot.installations()] == [
        (TEAM, token)
    ]
    assert oauth_bot.bots() == [TEAM]
    (exchange,) = oauth_bot.fake.calls_to("oauth.v2.access")
    assert exchange.response["ok"] and "client_secret" not in exchange.args  # sent as Basic auth
    assert token in tokens_used(oauth_bot.fake, "auth.test")  # Bolt learns the bot's id


@SQLITE_ONLY
def test_a_missing_forged_or_reused_state_installs_nothing(oauth_bot: OAuthBot) -> None:
    fake = oauth_bot.fake
    fake.approve_install(TEAM)
    start = browse(oauth_bot.url + "/slack/install")
    back = browse(start.location).location  # Slack's redirect: the code and the state
    code = parse_qs(urlsplit(back).query)["code"][0]
    redirect = oauth_bot.url + "/slack/oauth_redirect"

    missing = browse(f"{redirect}?code={code}", cookie=start.cookie)
    other_browser = browse(back, cookie="slack-app-oauth-state=someone-elses")
    forged = browse(f"{redirect}?code={code}&state=forged", cookie="slack-app-oauth-state=forged")
    assert (missing.status, other_browser.status, forged.status) == (400, 400, 401)
    assert fake.calls_to("oauth.v2.access") == [] and oauth_bot.installations() == []

    assert browse(back, cookie=start.cookie).status == 200  # the real thing, once
    replayed = browse(back, cookie=start.cookie)
    assert replayed.status == 401
    assert len(fake.calls_to("oauth.v2.access")) == 1 and len(oauth_bot.installations()) == 1


# --- one bot, many workspaces ----------------------------------------------------------------


@SQLITE_ONLY
def test_each_workspace_is_answered_with_its_own_token(oauth_bot: OAuthBot) -> None:
    oauth_bot.install(TEAM)
    oauth_bot.install(OTHER_TEAM)
    (token_a,), (token_b,) = oauth_bot.fake.tokens_of(TEAM), oauth_bot.fake.tokens_of(OTHER_TEAM)
    oauth_bot.know(BUDI, team=TEAM, name="Budi")
    oauth_bot.know(RINA, team=OTHER_TEAM, name="Rina")

    assert "D-1" in oauth_bot.slash("/deal", "add Acme 50jt", user=BUDI, team=TEAM).ack.text
    assert "D-1" in oauth_bot.slash("/deal", "add Beta 9jt", user=RINA, team=OTHER_TEAM).ack.text
    trigger_a, trigger_b = oauth_bot.fake.new_trigger_id(), oauth_bot.fake.new_trigger_id()
    oauth_bot.slash("/deal", "", user=RINA, team=OTHER_TEAM, trigger_id=trigger_b)  # a form
    oauth_bot.slash("/deal", "", user=BUDI, team=TEAM, trigger_id=trigger_a)

    opened = oauth_bot.fake.wait_for("views.open", 2)
    assert {call.args["trigger_id"]: call.token for call in opened} == {
        trigger_a: token_a,
        trigger_b: token_b,
    }
    assert {token_a, token_b} <= set(tokens_used(oauth_bot.fake, "auth.test"))
    assert oauth_bot.existing_deal(1, team=TEAM).name == "Acme"
    assert oauth_bot.existing_deal(1, team=OTHER_TEAM).name == "Beta"


@SQLITE_ONLY
def test_scheduled_posts_go_out_with_each_workspaces_own_token(oauth_bot: OAuthBot) -> None:
    oauth_bot.install(TEAM)
    oauth_bot.install(OTHER_TEAM)
    with_work(oauth_bot, BUDI, TEAM)
    with_work(oauth_bot, RINA, OTHER_TEAM)

    report = oauth_bot.run_posts(tuesday_morning())

    assert report.sent == 2, report
    assert nudged_with(oauth_bot) == {
        BUDI: oauth_bot.fake.tokens_of(TEAM)[0],
        RINA: oauth_bot.fake.tokens_of(OTHER_TEAM)[0],
    }
    posts = oauth_bot.fake.calls_to("chat.postMessage")
    assert sorted(call.token or "" for call in posts) == sorted(
        oauth_bot.fake.tokens_of(TEAM) + oauth_bot.fake.tokens_of(OTHER_TEAM)
    )


def test_a_token_about_to_expire_is_refreshed_for_requests_and_for_posts(
    oauth_bot: OAuthBot,
) -> None:
    fake = oauth_bot.fake
    # Token rotation on, and the token has only a minute left: inside the two-hour margin.
    oauth_bot.install(TEAM, rotation=True, expires_in=60)
    (first,) = fake.tokens_of(TEAM)
    assert first.startswith("xoxe.xoxb-") and oauth_bot.installations()[0]["bot_refresh_token"]

    with_work(oauth_bot, BUDI, TEAM)  # a request: Bolt refreshes before answering

    (refresh,) = fake.calls_to("oauth.v2.access")[1:]
    assert refresh.args["grant_type"] == "refresh_token"
    assert refresh.args["refresh_token"] == fake.refresh_tokens_of(TEAM)[0]
    tokens = fake.tokens_of(TEAM)
    assert len(tokens) == 2
    with_token = [call for call in fake.calls if call.token]
    assert (with_token[0].method, with_token[0].token) == ("auth.test", first)  # the install
    assert {call.token for call in with_token[1:]} == {tokens[-1]}  # everything since
    (row,) = oauth_bot.installations()
    assert row["bot_token"] == tokens[-1]
    assert row["bot_refresh_token"] == fake.refresh_tokens_of(TEAM)[-1]

    assert oauth_bot.run_posts(tuesday_morning()).sent == 1  # a post: refreshed again first
    newest = fake.tokens_of(TEAM)[-1]
    # Twice, with a token of a minute: to read Budi's Slack status, then to post his nudge.
    assert len(fake.tokens_of(TEAM)) == 4
    assert nudged_with(oauth_bot) == {BUDI: newest}
    assert tokens_used(fake, "chat.postMessage") == [newest]
    assert oauth_bot.installations()[0]["bot_token"] == newest


@SQLITE_ONLY
def test_a_refresh_slack_refuses_fails_that_post_and_not_the_batch(oauth_bot: OAuthBot) -> None:
    oauth_bot.install(TEAM, rotation=True, expires_in=12 * 3600)
    oauth_bot.install(OTHER_TEAM, rotation=True, expires_in=60)
    with_work(oauth_bot, BUDI, TEAM)
    with_work(oauth_bot, RINA, OTHER_TEAM)
    # Refused twice: before Rina's status is read (which then goes unread), and before her nudge.
    oauth_bot.fake.fail("oauth.v2.access", error="invalid_refresh_token", times=2)

    report = oauth_bot.run_posts(tuesday_morning())

    assert (report.sent, report.failed) == (1, 1), report
    assert report.errors == {"token_refresh_failed:invalid_refresh_token": 1}
    assert set(nudged_with(oauth_bot)) == {BUDI}


@SQLITE_ONLY
def test_a_post_uses_the_token_another_replica_refreshed_first(oauth_bot: OAuthBot) -> None:
    """Slack revokes a refresh token once it is used: the replica that loses the race to
    refresh gets ``invalid_refresh_token``, and then takes the winner's new token."""
    oauth_bot.install(TEAM, rotation=True, expires_in=60)
    client = WebClient(base_url=oauth_bot.fake.api_url)
    other_replica = WorkspaceTokens.for_settings(oauth_bot.settings, oauth_bot.engine, client)
    won: list[str] = []

    class RacedStore(CorongInstallationStore):
        def installation_for_team(self, team_id: str) -> Installation | None:
            found = super().installation_for_team(team_id)
            if not won:  # just after this replica read it, the other one refreshes
                won.append(other_replica.bot_token(team_id))
            return found

    this_replica = WorkspaceTokens(RacedStore(CLIENT_ID, oauth_bot.engine), other_replica.rotator)

    assert this_replica.bot_token(TEAM) == won[0] == oauth_bot.fake.tokens_of(TEAM)[-1]
    refreshes = oauth_bot.fake.calls_to("oauth.v2.access")[1:]
    assert [call.response.get("error") for call in refreshes] == [None, "invalid_refresh_token"]


@SQLITE_ONLY
def test_a_token_far_from_expiry_is_used_as_it_is(oauth_bot: OAuthBot) -> None:
    oauth_bot.install(TEAM, rotation=True, expires_in=12 * 3600)
    with_work(oauth_bot, BUDI, TEAM)
    assert oauth_bot.run_posts(tuesday_morning()).sent == 1
    assert len(oauth_bot.fake.calls_to("oauth.v2.access")) == 1  # the install only
    assert tokens_used(oauth_bot.fake, "chat.postMessage") == oauth_bot.fake.tokens_of(TEAM)


# --- uninstalls and revoked tokens -----------------------------------------------------------


def test_uninstall_forgets_the_tokens_keeps_the_deals_and_stops_posting_there(
    oauth_bot: OAuthBot,
) -> None:
    fake = oauth_bot.fake
    oauth_bot.install(TEAM)
    oauth_bot.install(OTHER_TEAM)
    with_work(oauth_bot, BUDI, TEAM)
    with_work(oauth_bot, RINA, OTHER_TEAM)

    fake.revoke_team(TEAM)
    assert oauth_bot.event({"type": "app_uninstalled"}, TEAM).status == 200

    assert [row["team_id"] for row in oauth_bot.installations()] == [OTHER_TEAM]
    assert oauth_bot.bots() == [OTHER_TEAM]
    assert oauth_bot.deal(1, team=TEAM) is not None  # Corong's own data stays
    report = oauth_bot.run_posts(tuesday_morning())
    assert (report.sent, report.skipped, report.failed) == (1, 1, 0)
    assert report.errors == {"app_not_installed": 1}
    assert set(nudged_with(oauth_bot)) == {RINA}  # nothing was even tried in the other one
    with oauth_bot.engine.connect() as connection:
        rows = connection.execute(
            sqlalchemy.select(col(Delivery.target), col(Delivery.status), col(Delivery.error))
        )
        assert sorted(map(tuple, rows)) == [
            (BUDI, "skipped", "app_not_installed"),
            (RINA, "sent", None),
        ]

    # A command from there gets Bolt's standard "reinstall" reply, and changes nothing.
    deals = oauth_bot.count(Deal)
    slash = oauth_bot.slash("/deal", "add Gamma 1jt", user=BUDI, team=TEAM)
    assert slash.ack.status == 200 and slash.ack.body == ""
    assert REINSTALL in slash.replies()[0]["text"]
    assert oauth_bot.count(Deal) == deals


@SQLITE_ONLY
def test_revoked_bot_token_is_forgotten_and_the_workspace_skipped(oauth_bot: OAuthBot) -> None:
    fake = oauth_bot.fake
    oauth_bot.install(TEAM)
    with_work(oauth_bot, BUDI, TEAM)
    bot_user = fake.calls_to("oauth.v2.access")[0].response["bot_user_id"]

    fake.revoke_team(TEAM)
    revoked = {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": [bot_user]}}
    assert oauth_bot.event(revoked, TEAM).status == 200

    assert [row["bot_token"] for row in oauth_bot.installations()] == [None]
    assert oauth_bot.bots() == []
    report = oauth_bot.run_posts(tuesday_morning())
    assert (report.sent, report.skipped) == (0, 1) and fake.calls_to("chat.postMessage") == []
    slash = oauth_bot.slash("/pipeline", user=BUDI, team=TEAM)
    assert REINSTALL in slash.replies()[0]["text"]


@SQLITE_ONLY
def test_reinstalling_after_an_uninstall_brings_the_workspace_back(oauth_bot: OAuthBot) -> None:
    oauth_bot.install(TEAM)
    oauth_bot.know(BUDI, team=TEAM, name="Budi")
    oauth_bot.slash("/deal", "add Acme 50jt", user=BUDI, team=TEAM)
    oauth_bot.event({"type": "app_uninstalled"}, TEAM)

    oauth_bot.install(TEAM)

    answer = oauth_bot.slash("/deal", "show D-1", user=BUDI, team=TEAM).ack
    assert "Acme" in answer.text  # the deals were kept all along
    assert oauth_bot.installations()[0]["bot_token"] == oauth_bot.fake.tokens_of(TEAM)[-1]


# --- single-token mode, Socket Mode, settings ------------------------------------------------


@SQLITE_ONLY
def test_single_token_mode_has_no_install_pages_and_keeps_its_one_token(bot: Bot) -> None:
    assert bot.app.oauth_flow is None
    assert bot.get("/slack/install").status == 404
    assert bot.get("/slack/oauth_redirect?code=x&state=y").status == 404
    assert "D-1" in bot.slash("/deal", "add Acme 50jt").ack.text
    bot.slash("/deal", "")
    assert [c.token for c in bot.fake.wait_for("views.open")] == ["xoxb-test-token"]
    with bot.engine.connect() as connection:
        count = connection.execute(sqlalchemy.text("SELECT count(*) FROM slack_installations"))
        assert count.scalar() == 0


@SQLITE_ONLY
def test_socket_mode_serves_the_install_pages_but_no_unsigned_events(
    engine: Engine, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    fake_slack.add_team(TEAM, name="Acme Sales")
    bot = OAuthBot(engine, fake_slack, clock, slack_app_token="xapp-1-A0123-456-abcdef")
    try:
        assert browse(bot.url + "/slack/install").status == 302
        assert bot.signed(
            event_callback_body({"type": "app_uninstalled"}, team_id=TEAM)
        ).status == (404)
        assert bot.get("/healthz").status == 200
    finally:
        bot.close()


def test_oauth_settings_need_both_credentials_and_the_signing_secret() -> None:
    def settings(**values: Any) -> Settings:
        return Settings(_env_file=None, **values)

    with pytest.raises(ConfigError, match="^SLACK_CLIENT_SECRET is needed"):
        check_for_run(settings(slack_client_id=CLIENT_ID))
    with pytest.raises(ConfigError, match="^SLACK_CLIENT_ID is needed"):
        check_for_run(settings(slack_client_secret=CLIENT_SECRET))
    with pytest.raises(ConfigError, match="^SLACK_SIGNING_SECRET is missing"):
        check_for_run(settings(slack_client_id=CLIENT_ID, slack_client_secret=CLIENT_SECRET))
    with pytest.raises(ConfigError, match="^SLACK_REDIRECT_URI must be"):
        check_for_run(
            settings(
                slack_client_id=CLIENT_ID,
                slack_client_secret=CLIENT_SECRET,
                slack_signing_secret="s",
                slack_redirect_uri="corong.example.com/slack/oauth_redirect",
            )
        )
    # No SLACK_BOT_TOKEN needed: each workspace's comes from its installation.
    installable = settings(
        slack_client_id=CLIENT_ID, slack_client_secret=CLIENT_SECRET, slack_signing_secret="s"
    )
    check_for_run(installable)
    settings_check(installable)  # `corong jobs run` too
    assert CLIENT_SECRET not in repr(settings(slack_client_secret=CLIENT_SECRET))


def test_consent_page_is_slacks_unless_the_api_url_is_custom() -> None:
    assert authorize_url("https://slack.com/api/") == "https://slack.com/oauth/v2/authorize"
    assert authorize_url("https://slack-gov.com/api/") == "https://slack-gov.com/oauth/v2/authorize"


# --- the schema ------------------------------------------------------------------------------


def test_migration_builds_exactly_the_tables_the_stores_expect(engine: Engine) -> None:
    stores = [
        CorongInstallationStore(CLIENT_ID, engine).metadata,
        SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=engine).metadata,
    ]
    store_tables = {name for metadata in stores for name in metadata.tables}
    assert store_tables == {"slack_installations", "slack_bots", "slack_oauth_states"}

    expected = sqlalchemy.MetaData()
    for metadata in stores:
        for table in metadata.tables.values():
            table.to_metadata(expected)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, expected)
    assert [d for d in differences if _table_of(d) in store_tables] == []
    assert {"slack_installations_idx", "slack_bots_idx"} <= {
        index["name"]
        for name in ("slack_installations", "slack_bots")
        for index in sqlalchemy.inspect(engine).get_indexes(name)
    }


def _table_of(difference: Any) -> str | None:
    """The table an Alembic autogenerate difference is about."""
    first = difference[0] if isinstance(difference, list) else difference  # column changes
    kind, subject = first[0], first[1]
    if kind in ("add_table", "remove_table"):
        return str(subject.name)
    if kind in ("add_index", "remove_index", "add_constraint", "remove_constraint"):
        return str(subject.table.name)
    if kind in ("add_fk", "remove_fk"):
        return str(subject.parent.name)
    return str(first[2])  # (kind, schema, table, column, ...)


def test_migration_0007_downgrades_and_upgrades_again(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'corong.db'}")
    try:
        upgrade(engine, "0007")
        command.downgrade(alembic_config(engine), "0006")
        assert not {"slack_installations", "slack_bots", "slack_oauth_states"} & set(
            sqlalchemy.inspect(engine).get_table_names()
        )
        upgrade(engine, "0007")
        assert "slack_installations" in sqlalchemy.inspect(engine).get_table_names()
    finally:
        engine.dispose()


@SQLITE_ONLY
def test_the_fake_refuses_a_wrong_client_secret(oauth_bot: OAuthBot) -> None:
    """So the install tests above prove the bot sends the right credentials."""
    client = WebClient(base_url=oauth_bot.fake.api_url)
    with pytest.raises(SlackApiError) as refused:
        client.oauth_v2_access(client_id=CLIENT_ID, client_secret="wrong", code="nope")
    assert refused.value.response["error"] == "bad_client_secret"
    oauth_bot.fake.reset()  # that refusal was the point, not a mistake of the bot's
