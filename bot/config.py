"""Settings from the environment or a ``.env`` file, checked once at start-up.

A missing or malformed setting stops start-up with one line naming it and where to get it.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SLACK_DEFAULT_API_URL = "https://slack.com/api/"
SLACK_RESPONSE_URL_PREFIX = "https://hooks.slack.com/"
SLACK_FILES_PREFIX = "https://files.slack.com/"
# Each HTTP worker keeps its own database pool (up to 40 connections): more than this many is a
# typo sooner than a plan, and would exhaust PostgreSQL's connections.
MAX_WEB_CONCURRENCY = 64


class ConfigError(Exception):
    """A setting that prevents start-up; its message is the one line the operator sees."""


class Settings(BaseSettings):
    """Everything Corong reads from its environment."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    # Secrets stay out of repr(), so a logged Settings never shows them.
    slack_bot_token: str | None = Field(default=None, repr=False)
    slack_signing_secret: str | None = Field(default=None, repr=False)
    slack_app_token: str | None = Field(default=None, repr=False)
    # Installs into many workspaces (Slack OAuth); with these, SLACK_BOT_TOKEN goes unused.
    slack_client_id: str | None = None
    slack_client_secret: str | None = Field(default=None, repr=False)
    # Only when the app lists several redirect URLs: the one Slack sends installers back to.
    slack_redirect_uri: str | None = None
    slack_api_url: str = SLACK_DEFAULT_API_URL
    database_url: str = Field(default="", repr=False)
    port: int = 3000
    # HTTP worker processes under gunicorn (gunicorn's own variable name); one unless set.
    web_concurrency: int = Field(default=1, ge=1, le=MAX_WEB_CONCURRENCY)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    # SQLite only. FULL: a reply that said "saved" survives a power cut. NORMAL: it survives a
    # crash of Corong or the OS, but a power cut may lose the last moments; commits cost less.
    sqlite_synchronous: Literal["full", "normal"] = "full"
    # The nudges, standups and digests; every replica may run them (the outbox posts once).
    scheduled_posts: bool = True
    # The app's id (Basic Information): lets a nudge's "and N more" link to the App Home.
    slack_app_id: str | None = Field(default=None, pattern=r"^A[A-Z0-9]{6,20}$")
    # Scheduled posts a workspace may get in one of its days (a guard against a fault flooding
    # Slack); unset: max(50, 3 x its members), see commands/posts/budget.py.
    daily_post_budget: int | None = Field(default=None, ge=1)
    # What makes a Slack status time off: emoji and words, comma-separated (unset: the defaults
    # of commands/calendar/status.py, :palm_tree:, vacationing, ooo, cuti, sakit, ...).
    away_status: str | None = Field(default=None, max_length=2000)

    @field_validator("sqlite_synchronous", mode="before")
    @classmethod
    def _any_case(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @property
    def socket_mode(self) -> bool:
        return bool(self.slack_app_token)

    @property
    def oauth(self) -> bool:
        """Installable into many workspaces: tokens come from the installations, not the env."""
        return bool(self.slack_client_id or self.slack_client_secret)

    def secret_values(self) -> tuple[str, ...]:
        """Every secret this process was given, for the log redaction."""
        values = (
            self.slack_bot_token,
            self.slack_signing_secret,
            self.slack_app_token,
            self.slack_client_secret,
            urlparse(self.database_url).password if self.database_url else None,
        )
        return tuple(value for value in values if value)

    @property
    def database(self) -> str:
        """The database URL; a SQLite file in the working directory when none is set."""
        return self.database_url or f"sqlite:///{Path.cwd() / 'corong.db'}"

    @property
    def response_url_prefixes(self) -> tuple[str, ...]:
        """Where response_url posts may go: Slack's hooks host, or the custom API host."""
        prefixes = [SLACK_RESPONSE_URL_PREFIX]
        if self.slack_api_url != SLACK_DEFAULT_API_URL:
            parsed = urlparse(self.slack_api_url)
            prefixes.append(f"{parsed.scheme}://{parsed.netloc}/")
        return tuple(prefixes)

    @property
    def file_url_prefixes(self) -> tuple[str, ...]:
        """Where a file a user uploaded may be fetched with the bot token: Slack's files host,
        or the custom API host (never anywhere else: the token goes with the request)."""
        return (SLACK_FILES_PREFIX, *self.response_url_prefixes[1:])


_HOW_TO_GET = {
    "slack_bot_token": "SLACK_BOT_TOKEN must be the Bot User OAuth Token (starts with xoxb-), "
    "from your Slack app's OAuth & Permissions page",
    "slack_signing_secret": "SLACK_SIGNING_SECRET is needed in HTTP mode: copy the Signing "
    "Secret from your Slack app's Basic Information page (or set SLACK_APP_TOKEN for Socket Mode)",
    "slack_app_token": "SLACK_APP_TOKEN must be an app-level token (starts with xapp-) with the "
    "connections:write scope, from your Slack app's Basic Information page",
    "slack_api_url": "SLACK_API_URL must be an http(s) URL ending in /api/, "
    "e.g. https://slack.com/api/",
    "database_url": "DATABASE_URL must look like sqlite:///corong.db or "
    "postgresql+psycopg://user:password@host/dbname",
    "port": "PORT must be a TCP port number between 1 and 65535",
    "web_concurrency": "WEB_CONCURRENCY must be the number of HTTP worker processes, a whole "
    f"number from 1 to {MAX_WEB_CONCURRENCY}",
    "log_level": "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL",
    "sqlite_synchronous": "SQLITE_SYNCHRONOUS must be full (the default: a saved reply survives "
    "a power cut) or normal (cheaper commits; a power cut may lose the last moments)",
    "scheduled_posts": "SCHEDULED_POSTS must be true or false",
    "slack_client_id": "SLACK_CLIENT_ID is needed to install into many workspaces: copy the "
    "Client ID from your Slack app's Basic Information page (App Credentials)",
    "slack_client_secret": "SLACK_CLIENT_SECRET is needed to install into many workspaces: copy "
    "the Client Secret from your Slack app's Basic Information page (App Credentials)",
    "slack_redirect_uri": "SLACK_REDIRECT_URI must be the https URL of /slack/oauth_redirect on "
    "your host, as listed under Redirect URLs on your Slack app's OAuth & Permissions page",
    "daily_post_budget": "DAILY_POST_BUDGET must be a whole number of scheduled posts a "
    "workspace may get a day, 1 or more (leave it unset for max(50, 3 x members))",
    "away_status": "AWAY_STATUS must be a comma-separated list of emoji and words that make a "
    "Slack status time off, e.g. :palm_tree:, vacationing, ooo, cuti, sakit",
    "slack_app_id": "SLACK_APP_ID must be the App ID from your Slack app's Basic Information "
    "page (like A0123ABCDEF)",
}


def load_settings(env_file: str | None = ".env") -> Settings:
    """Read settings; a bad value becomes a ``ConfigError`` naming the variable."""
    try:
        settings = Settings(_env_file=env_file)
    except ValidationError as error:
        field = str(error.errors()[0]["loc"][0]) if error.errors() else ""
        raise ConfigError(_HOW_TO_GET.get(field, str(error).splitlines()[0])) from None
    check_common(settings)
    return settings


def check_common(settings: Settings) -> None:
    """Checks that apply to every command (shell included)."""
    url = settings.slack_api_url
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or not url.endswith("/"):
        raise ConfigError(_HOW_TO_GET["slack_api_url"])
    if settings.database_url and not settings.database_url.startswith(("sqlite", "postgresql")):
        raise ConfigError(_HOW_TO_GET["database_url"])
    if not 0 < settings.port < 65536:
        raise ConfigError(_HOW_TO_GET["port"])


def check_for_run(settings: Settings) -> None:
    """What ``corong run`` needs on top: a bot token, or the OAuth credentials to get one per
    workspace."""
    if settings.oauth:
        check_oauth_credentials(settings)
        if not settings.slack_signing_secret:
            raise ConfigError(
                "SLACK_SIGNING_SECRET is missing: installs into many workspaces need it (Slack "
                "signs every request): copy the Signing Secret from your Slack app's Basic "
                "Information page"
            )
    else:
        token = settings.slack_bot_token
        if not token:
            raise ConfigError(
                "SLACK_BOT_TOKEN is missing: set it to the Bot User OAuth Token (xoxb-...) from "
                "your Slack app's OAuth & Permissions page, or set SLACK_CLIENT_ID and "
                "SLACK_CLIENT_SECRET to install into many workspaces"
            )
        if not token.startswith("xoxb-"):
            raise ConfigError(_HOW_TO_GET["slack_bot_token"])
    if settings.slack_app_token is not None and not settings.slack_app_token.startswith("xapp-"):
        raise ConfigError(_HOW_TO_GET["slack_app_token"])
    if not settings.socket_mode and not settings.slack_signing_secret:
        raise ConfigError(
            "SLACK_SIGNING_SECRET is missing: HTTP mode needs it; copy the Signing Secret from "
            "your Slack app's Basic Information page (or set SLACK_APP_TOKEN for Socket Mode)"
        )
    check_workers(settings)


def check_workers(settings: Settings) -> None:
    """Several HTTP workers need HTTP mode and PostgreSQL.

    Socket Mode is one connection to Slack, so one process. On SQLite one process queues its
    writers on a lock before SQLite's own file lock; writers in several processes would fight
    over the file instead, and wait in SQLite's sleep-and-retry loop until some time out."""
    workers = settings.web_concurrency
    if workers == 1:
        return
    if settings.socket_mode:
        raise ConfigError(
            f"WEB_CONCURRENCY={workers} needs HTTP mode: Socket Mode runs in one process (one "
            "connection to Slack); unset WEB_CONCURRENCY, or unset SLACK_APP_TOKEN to serve HTTP"
        )
    if settings.database.startswith("sqlite"):
        raise ConfigError(
            f"WEB_CONCURRENCY={workers} needs PostgreSQL: on SQLite one process queues the "
            "writers, several would fight over the database file; set WEB_CONCURRENCY=1 or "
            "DATABASE_URL=postgresql+psycopg://user:password@host/dbname"
        )


def check_oauth_credentials(settings: Settings) -> None:
    """Both halves of the app's OAuth credentials, and a redirect URL that is a URL."""
    for field in ("slack_client_id", "slack_client_secret"):
        if not getattr(settings, field):
            raise ConfigError(_HOW_TO_GET[field])
    redirect = settings.slack_redirect_uri
    if redirect is not None and urlparse(redirect).scheme not in ("http", "https"):
        raise ConfigError(_HOW_TO_GET["slack_redirect_uri"])


def configure_logging(level: str, *, secrets: Iterable[str] = ()) -> None:
    """One log format for the whole process, with tokens and secrets redacted from every line."""
    install_log_redaction(secrets)
    logging.basicConfig(
        level=getattr(logging, level, logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


# --- keeping secrets out of the logs ---------------------------------------------------------
# slack_sdk logs every request and response body at DEBUG (oauth.v2.access carries the client
# secret and hands back tokens), and any library may put a token in an error. So redaction
# happens where every log record is made, before any handler or formatter sees it.

REDACTED = "[redacted]"
# Bot, user, refresh (xoxe-), rotating (xoxe.xoxb-) and app-level tokens.
_TOKEN_RE = re.compile(r"\b(?:xox[a-z]|xapp)[.-][A-Za-z0-9.-]+")
# key=value, 'key': 'value' and "key": "value" for keys that hold secrets, whatever the value.
_SECRET_FIELD_RE = re.compile(
    r"""(?P<key>\b(?:client_secret|signing_secret|(?:bot_|user_)?(?:refresh_|access_)?token)"""
    r"""['"]?\s*[:=]\s*['"]?)(?P<value>[^'"&\s,}\]]+)"""
)
_MIN_SECRET_LENGTH = 6  # shorter "secrets" (test placeholders) would redact ordinary words


class _Redactor:
    """Rewrites each new log record with its secrets replaced; installed once per process."""

    def __init__(self, make_record: Any) -> None:
        self.make_record = make_record
        self.secrets: frozenset[str] = frozenset()
        self.lock = threading.Lock()

    def add(self, secrets: Iterable[str]) -> None:
        with self.lock:
            new = {s for s in secrets if s and len(s) >= _MIN_SECRET_LENGTH}
            self.secrets = self.secrets | new

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        text = _TOKEN_RE.sub(REDACTED, text)
        return _SECRET_FIELD_RE.sub(lambda m: m.group("key") + REDACTED, text)

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record: logging.LogRecord = self.make_record(*args, **kwargs)
        try:
            record.msg, record.args = self.redact(record.getMessage()), ()
        except Exception:  # a broken format string: logging reports it; leave it as it is
            return record
        if record.exc_info and not record.exc_text:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return record


def redact_secrets(text: str) -> str:
    """``text`` as the logs would show it (for messages that leave the process other ways)."""
    factory = logging.getLogRecordFactory()
    return factory.redact(text) if isinstance(factory, _Redactor) else text


def install_log_redaction(secrets: Iterable[str] = ()) -> None:
    """Redact Slack tokens, secret fields and ``secrets`` from every log record from now on."""
    factory = logging.getLogRecordFactory()
    if not isinstance(factory, _Redactor):
        factory = _Redactor(factory)
        logging.setLogRecordFactory(factory)
    factory.add(secrets)
