"""What else must be redrawn once a rep changed something: their App Home and today's nudge."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.home_tab import publish_home
from bot.nudge_refresh import refresh_todays_nudge
from bot.runtime import Runtime
from commands.context import Invocation


def refresh_after_change(runtime: Runtime, client: WebClient, invocation: Invocation) -> None:
    """Republish the rep's App Home and redraw this morning's nudge if they got one."""
    publish_home(runtime, client, invocation)
    refresh_todays_nudge(runtime, client, invocation)
