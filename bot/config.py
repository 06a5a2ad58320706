"""Settings from the environment or a ``.env`` file, checked once at start-up.

A missing or malformed setting stops start-up with one line naming it and where to get it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

SLACK_DEFAULT_API_URL = "https://slack.com/api/"
SLACK_RESPONSE_URL_PREFIX = "https://hooks.slack.com/"


class ConfigError(Exception):
    """A setting that prevents start-up; its message is the one line the operator sees."""


class Settings(BaseSettings):
    """Everything Corong reads from its environment."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = SLACK_DEFAULT_API_URL
    database_url: str = ""
    port: int = 3000
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    # The nudges, standups and digests; every replica may run them (the outbox posts once).
    scheduled_posts: bool = True
    # The app's id (Basic Information): lets a nudge's "and N more" link to the App Home.
    slack_app_id: str | None = Field(default=None, pattern=r"^A[A-Z0-9]{6,20}$")

    @property
    def socket_mode(self) -> bool:
        return bool(self.slack_app_token)

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
    "log_level": "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL",
    "scheduled_posts": "SCHEDULED_POSTS must be true or false",
    "slack_app_id": "SLACK_APP_ID must be the App ID from your Slack app's Basic Information "
    "page (like A0123ABCDEF)",
}


def load_settings(env_file: str | None = ".env") -> Settings:
    """Read settings; a bad value becomes a ``ConfigError`` naming the variable."""
    try:
        settings = Settings(_env_file=env_file)  # type: ignore[call-arg]
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
    """What ``corong run`` needs on top: tokens for Slack."""
    token = settings.slack_bot_token
    if not token or not token.startswith("xoxb-"):
        raise ConfigError(
            ("SLACK_BOT_TOKEN is missing: " if not token else "") + _HOW_TO_GET["slack_bot_token"]
        )
    if settings.slack_app_token is not None and not settings.slack_app_token.startswith("xapp-"):
        raise ConfigError(_HOW_TO_GET["slack_app_token"])
    if not settings.socket_mode and not settings.slack_signing_secret:
        raise ConfigError("SLACK_SIGNING_SECRET is missing: " + _HOW_TO_GET["slack_signing_secret"])


def configure_logging(level: str) -> None:
    """One log format for the whole process."""
    logging.basicConfig(
        level=getattr(logging, level, logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
