"""Events the manifest subscribes to. Acknowledged so Slack does not retry them; the features
behind them (App Home, uninstall clean-up) arrive with later releases."""

from __future__ import annotations

import logging

from slack_bolt import App

from bot.runtime import Runtime

log = logging.getLogger("corong.events")


def register(app: App, runtime: Runtime) -> None:
    """Acknowledge subscribed events."""

    def noted(event: dict, logger: logging.Logger) -> None:
        logger.debug("event %s received", event.get("type"))

    for event_type in (
        "app_home_opened",
        "app_uninstalled",
        "tokens_revoked",
        "member_joined_channel",
    ):
        app.event(event_type)(noted)
