"""Installs into many workspaces: Slack OAuth, installations in Corong's own database, and each
workspace's bot token for requests and scheduled posts.

With SLACK_CLIENT_ID and SLACK_CLIENT_SECRET set, Bolt answers ``GET /slack/install`` (a
redirect to Slack's consent page with a one-time state) and ``GET /slack/oauth_redirect``
(exchanges Slack's code for the workspace's bot token and stores the installation). The stores
are slack_sdk's SQLAlchemy ones on the app's engine (tables from migration 0007). Every Web API
call, oauth.v2.access included, goes to SLACK_API_URL. Tokens that expire (token rotation on)
are refreshed two hours ahead, by Bolt for requests and by ``bot.posts.tokens`` for posts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlparse

import sqlalchemy
from slack_bolt import App, BoltContext
from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.listener.builtins import TokenRevocationListeners
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import Bot, Installation, InstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, MetaData

from bot.config import SLACK_DEFAULT_API_URL, Settings
from storage.db import READ_ONLY

log = logging.getLogger("corong.oauth")

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
SLACK_AUTHORIZE_URL = "https://slack.com/oauth/v2/authorize"
# The bot scopes of manifest.yml (tests/test_manifest.py keeps the two equal).
BOT_SCOPES = (
    "commands",
    "chat:write",
    "im:write",
    "users:read",
    "users:read.email",
    "users.profile:read",
    "channels:read",
    "groups:read",
    "files:write",
    "files:read",
    "team:read",
)
REFRESH_MINUTES_BEFORE_EXPIRY = 120  # Bolt's default: a rotating token lives 12 hours
STATE_SECONDS = 600  # how long an installer has between /slack/install and Slack's redirect


def authorize_url(api_url: str) -> str:
    """Slack's consent page: slack.com's, or the same host's when SLACK_API_URL is custom
    (GovSlack, tests)."""
    if api_url == SLACK_DEFAULT_API_URL:
        return SLACK_AUTHORIZE_URL
    parsed = urlparse(api_url)
    return f"{parsed.scheme}://{parsed.netloc}/oauth/v2/authorize"


class CorongInstallationStore(InstallationStore):
    """slack_sdk's SQLAlchemy installation store on Corong's engine, with two differences:
    lookups run read-only (on SQLite they never queue behind the write lock), and a revoked bot
    token is forgotten in the installations too (slack_sdk forgets it only in its bots table,
    where Bolt's lookup does not read it)."""

    def __init__(self, client_id: str, engine: Engine, logger: logging.Logger = log) -> None:
        self._writer = SQLAlchemyInstallationStore(client_id, engine, logger=logger)
        self._reader = SQLAlchemyInstallationStore(
            client_id, engine.execution_options(**{READ_ONLY: True}), logger=logger
        )
        self._logger = logger

    @property
    def client_id(self) -> str:
        return self._writer.client_id

    @property
    def metadata(self) -> MetaData:
        """The tables slack_sdk expects (migration 0007 creates them)."""
        return self._writer.metadata

    @property
    def logger(self) -> logging.Logger:
        return self._logger

    def save(self, installation: Installation) -> None:
        self._writer.save(installation)

    def save_bot(self, bot: Bot) -> None:
        self._writer.save_bot(bot)

    def find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        return self._reader.find_bot(
            enterprise_id=enterprise_id,
            team_id=team_id,
            is_enterprise_install=is_enterprise_install,
        )

    def find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        return self._reader.find_installation(
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
            is_enterprise_install=is_enterprise_install,
        )

    def delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        self._forget_bot(enterprise_id=enterprise_id, team_id=team_id)
        log.info("workspace %s: its bot token was revoked and is forgotten", team_id)

    def delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        self._writer.delete_installation(
            enterprise_id=enterprise_id, team_id=team_id, user_id=user_id
        )

    def delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        self._forget_bot(enterprise_id=enterprise_id, team_id=team_id)
        self.delete_installation(enterprise_id=enterprise_id, team_id=team_id)
        log.info(
            "workspace %s uninstalled Corong: its tokens are deleted, its deals and reports kept",
            team_id,
        )

    def _forget_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        self._writer.delete_bot(enterprise_id=enterprise_id, team_id=team_id)
        table = self._writer.installations
        with self._writer.engine.begin() as connection:
            connection.execute(
                table.update()
                .where(
                    table.c.client_id == self.client_id,
                    table.c.enterprise_id == enterprise_id,
                    table.c.team_id == team_id,
                )
                .values(bot_token=None, bot_refresh_token=None, bot_token_expires_at=None)
            )

    def installation_for_team(self, team_id: str) -> Installation | None:
        """The workspace's latest installation, whether or not it sits in an Enterprise Grid
        org (Corong knows workspaces by team id only)."""
        table = self._reader.installations
        query = (
            sqlalchemy.select(table.c.enterprise_id)
            .where(table.c.client_id == self.client_id, table.c.team_id == team_id)
            .order_by(table.c.installed_at.desc())
            .limit(1)
        )
        with self._reader.engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None:
            return None
        return self.find_installation(enterprise_id=row.enterprise_id, team_id=team_id)


class CorongStateStore(SQLAlchemyOAuthStateStore):
    """slack_sdk's state store on Corong's engine; issuing a state also clears out the states
    of installs abandoned half-way, so the table does not grow for ever."""

    def issue(self, *args: object, **kwargs: object) -> str:
        state = super().issue(*args, **kwargs)
        now = datetime.now(UTC).replace(tzinfo=None)  # the column is naive UTC
        with self.engine.begin() as connection:
            table = self.oauth_states
            connection.execute(table.delete().where(table.c.expire_at < now))
        return state


@dataclass(frozen=True)
class OAuthParts:
    """What the Bolt app needs for OAuth: its settings, an authorize bound to our client, and
    the installation store they share."""

    settings: OAuthSettings
    authorize: InstallationStoreAuthorize
    store: CorongInstallationStore


def build_oauth(
    settings: Settings, engine: Engine, client: WebClient, logger: logging.Logger
) -> OAuthParts:
    """OAuth settings on Corong's database, and an authorize whose token refreshes use
    ``client`` (so SLACK_API_URL) instead of a default client pointed at slack.com."""
    assert settings.slack_client_id and settings.slack_client_secret
    store = CorongInstallationStore(settings.slack_client_id, engine)
    oauth_settings = OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=list(BOT_SCOPES),
        user_scopes=[],
        redirect_uri=settings.slack_redirect_uri,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        # Straight to Slack's consent page: Corong has no page of its own to show first.
        install_page_rendering_enabled=False,
        authorization_url=authorize_url(settings.slack_api_url),
        installation_store=store,
        token_rotation_expiration_minutes=REFRESH_MINUTES_BEFORE_EXPIRY,
        state_store=CorongStateStore(expiration_seconds=STATE_SECONDS, engine=engine),
        state_expiration_seconds=STATE_SECONDS,
        logger=logger,
    )
    authorize = InstallationStoreAuthorize(
        logger=logger,
        installation_store=store,
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        token_rotation_expiration_minutes=REFRESH_MINUTES_BEFORE_EXPIRY,
        client=client,
        # auth.test once per token, not on every request: the installation is still looked up
        # each time, so an uninstalled workspace is refused at once.
        cache_enabled=True,
    )
    return OAuthParts(oauth_settings, authorize, store)


def register_revocation_listeners(app: App, store: CorongInstallationStore) -> None:
    """Forget a workspace's tokens when Slack says it uninstalled Corong (``app_uninstalled``)
    or revoked them (``tokens_revoked``), as Bolt's own listeners do, unless the news is older
    than the workspace's current installation.

    Slack retries an event for minutes after the first try, with its original ``event_time``:
    an uninstall delivered after the workspace reinstalled would otherwise delete the new
    installation, and every command would then get "reinstall". Slack's ``event_time`` counts
    whole seconds, so an event in the same second as the install still counts as newer.
    """
    bolt = TokenRevocationListeners(store)

    @app.event("tokens_revoked")
    def tokens_revoked(event: dict[str, Any], body: dict[str, Any], context: BoltContext) -> None:
        if not _older_than_installation(store, body, context):
            bolt.handle_tokens_revoked_events(event, context)

    @app.event("app_uninstalled")
    def app_uninstalled(body: dict[str, Any], context: BoltContext) -> None:
        if not _older_than_installation(store, body, context):
            bolt.handle_app_uninstalled_events(context)


def _older_than_installation(
    store: CorongInstallationStore, body: dict[str, Any], context: BoltContext
) -> bool:
    """True when the event happened before the workspace's current installation (logged)."""
    event_time = body.get("event_time")
    if not isinstance(event_time, int) or isinstance(event_time, bool):
        return False  # no time to compare: act on it, as Bolt would
    installation = store.find_installation(
        enterprise_id=context.enterprise_id,
        team_id=context.team_id,
        is_enterprise_install=context.is_enterprise_install,
    )
    if installation is None or event_time >= int(installation.installed_at):
        return False
    log.info(
        "workspace %s: ignored %s from %s, older than its installation of %s",
        context.team_id,
        (body.get("event") or {}).get("type"),
        datetime.fromtimestamp(event_time, UTC).isoformat(timespec="seconds"),
        datetime.fromtimestamp(installation.installed_at, UTC).isoformat(timespec="seconds"),
    )
    return True
