"""Events the manifest subscribes to. ``app_home_opened`` publishes the rep's dashboard; the
others are acknowledged so Slack does not retry them (in many-workspace mode ``bot.oauth``'s
listeners, registered first, forget an uninstalled workspace's tokens; team channels arrive with
a later release). Slack's retries of any event never reach these twice (``bot.events_once``)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.app_home import publish_home
from bot.profiles import profile_state, refresh_profile
from bot.runtime import Runtime
from commands.context import Invocation

log = logging.getLogger("corong.events")


def register(app: App, runtime: Runtime) -> None:
    """Attach the event listeners."""

    def just_ack(ack: Ack) -> None:
        ack()

    def home_opened(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab") != "home":  # the Messages tab: nothing to draw
            return
        team_id = body.get("team_id") or (body.get("authorizations") or [{}])[0].get("team_id")
        if not team_id or not event.get("user"):
            return
        invocation = Invocation(team_id=team_id, user_id=event["user"], now=runtime.clock())
        if profile_state(runtime.engine, team_id, invocation.user_id, invocation.now) != "fresh":
            # A first visit: learn their language and time zone before drawing the tab.
            refresh_profile(runtime.engine, client, team_id, invocation.user_id, invocation.now)
        publish_home(runtime, client, invocation)

    def noted(event: dict, logger: logging.Logger) -> None:
        logger.debug("event %s received", event.get("type"))

    app.event("app_home_opened")(ack=just_ack, lazy=[home_opened])
    for event_type in ("app_uninstalled", "tokens_revoked", "member_joined_channel"):
        app.event(event_type)(noted)
