"""Each workspace's bot token for scheduled posts, refreshed before it expires.

Requests get theirs from Bolt's authorize step; posts go out with no request behind them, so they
read the installation themselves (``bot.oauth``'s store) and rotate the token when needed.
"""

from __future__ import annotations

import logging
import threading

from slack_sdk import WebClient
from slack_sdk.errors import SlackTokenRotationError
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import Engine

from bot.config import Settings
from bot.oauth import REFRESH_MINUTES_BEFORE_EXPIRY, CorongInstallationStore
from bot.posts.sender import NotInstalled, SendFailure
from storage.outbox import CONNECTION

log = logging.getLogger("corong.oauth")


class WorkspaceTokens:
    """The bot token for posting into a workspace, read from its installation and refreshed
    (then saved) when it expires within two hours. A workspace without an installation raises
    ``NotInstalled``; a refresh Slack refuses raises ``SendFailure``."""

    def __init__(
        self,
        store: CorongInstallationStore,
        rotator: TokenRotator,
        *,
        minutes_before_expiry: int = REFRESH_MINUTES_BEFORE_EXPIRY,
    ) -> None:
        self.store = store
        self.rotator = rotator
        self.minutes_before_expiry = minutes_before_expiry
        self._locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()
        self._missing: set[str] = set()

    @classmethod
    def for_settings(cls, settings: Settings, engine: Engine, client: WebClient) -> WorkspaceTokens:
        """Tokens from the installations in ``engine``; refreshes go through ``client``."""
        assert settings.slack_client_id and settings.slack_client_secret
        rotator = TokenRotator(
            client_id=settings.slack_client_id,
            client_secret=settings.slack_client_secret,
            client=client,
        )
        return cls(CorongInstallationStore(settings.slack_client_id, engine), rotator)

    def bot_token(self, team_id: str) -> str:
        """The token to post into ``team_id`` with, as of now."""
        with self._lock(team_id):  # one refresh per workspace; the other threads reuse it
            installation = self.store.installation_for_team(team_id)
            if installation is None or not installation.bot_token:
                self._note_missing(team_id)
                raise NotInstalled(team_id)
            with self._locks_lock:
                self._missing.discard(team_id)
            if not installation.bot_refresh_token:
                return installation.bot_token
            try:
                refreshed = self._refresh(installation)
            except SendFailure:
                # Slack revokes a refresh token once used: if a request (Bolt) or another
                # replica refreshed first, its new token is in the store by now.
                latest = self.store.installation_for_team(team_id)
                if latest and latest.bot_token and latest.bot_token != installation.bot_token:
                    return latest.bot_token
                raise
            if refreshed is None:
                return installation.bot_token
            self.store.save(refreshed)
            log.info("workspace %s: bot token refreshed before it expired", team_id)
            assert refreshed.bot_token is not None
            return refreshed.bot_token

    def _refresh(self, installation: Installation) -> Installation | None:
        try:
            return self.rotator.perform_token_rotation(
                installation=installation, minutes_before_expiration=self.minutes_before_expiry
            )
        except SlackTokenRotationError as error:
            cause = error.api_error
            code = str(cause.response.get("error") or f"http_{cause.response.status_code}")
            transient = cause.response.status_code >= 500 or cause.response.status_code == 429
            raise SendFailure(f"token_refresh_failed:{code}"[:100], transient) from None
        except Exception as error:  # the connection, after the client's own retries
            name = type(error).__name__
            raise SendFailure(f"token_refresh_failed:{CONNECTION}{name}"[:100], True) from None

    def _lock(self, team_id: str) -> threading.Lock:
        with self._locks_lock:
            return self._locks.setdefault(team_id, threading.Lock())

    def _note_missing(self, team_id: str) -> None:
        """Say once (per process) that a workspace's posts are skipped, not once per post."""
        with self._locks_lock:
            first = team_id not in self._missing
            self._missing.add(team_id)
        if first:
            log.info(
                "workspace %s has no installation (uninstalled?): its scheduled posts are skipped",
                team_id,
            )
