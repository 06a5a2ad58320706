"""The App Home's "Your settings" selects: each choice runs through ``/sales me``'s own rules
(``commands.workspace.me``), then the tab is published again showing it.

A chosen option's value is never trusted: it is read exactly as typed text would be, so a forged
value changes nothing and its author is told why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import ids
from bot.app_home import publish_home
from bot.handling import run_work
from bot.listeners.replying import send_reply
from bot.listeners.who import invocation_from_interaction
from bot.runtime import Runtime
from commands.context import CommandContext
from commands.replies import Problem
from commands.workspace.me import (
    MySettings,
    set_cadence,
    set_language,
    set_nudge_time,
    set_quiet,
)

Setter = Callable[[CommandContext, str], MySettings]


def _chosen(body: dict[str, Any]) -> str:
    action = (body.get("actions") or [{}])[0]
    value = (action.get("selected_option") or {}).get("value")
    return value if isinstance(value, str) else ""


def register(app: App, runtime: Runtime) -> None:
    """Attach the App Home's settings selects."""

    def just_ack(ack: Ack) -> None:
        ack()

    def applying(setter: Setter) -> Callable[[dict[str, Any], WebClient], None]:
        def apply(body: dict[str, Any], client: WebClient) -> None:
            value = _chosen(body)
            invocation = invocation_from_interaction(body, runtime)
            handled = run_work(runtime.engine, invocation, lambda ctx: setter(ctx, value))
            if isinstance(handled.reply, Problem):
                send_reply(runtime, client, handled.render().as_dicts(), user_id=invocation.user_id)
                return
            publish_home(runtime, client, invocation)

        return apply

    app.action(ids.HOME_ME_TIME)(ack=just_ack, lazy=[applying(set_nudge_time)])
    app.action(ids.HOME_ME_CADENCE)(ack=just_ack, lazy=[applying(set_cadence)])
    app.action(ids.HOME_ME_LANGUAGE)(ack=just_ack, lazy=[applying(set_language)])
    app.action(ids.HOME_ME_QUIET)(ack=just_ack, lazy=[applying(set_quiet)])
