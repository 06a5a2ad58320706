"""What else must be redrawn once a rep changed something: their App Home and today's nudge."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.app_home import publish_home
from bot.posts.nudge_redraw import redraw_sent_nudge, refresh_todays_nudge
from bot.runtime import Runtime
from commands.context import Invocation


def refresh_after_change(
    runtime: Runtime,
    client: WebClient,
    invocation: Invocation,
    *,
    from_message: tuple[str, str] | None = None,
) -> None:
    """Republish the rep's App Home and redraw this morning's nudge if they got one, and the
    nudge (of any morning) whose button started the change, ``from_message`` (channel, ts)."""
    publish_home(runtime, client, invocation, after_change=True)
    if from_message is not None and redraw_sent_nudge(runtime, client, invocation, *from_message):
        refresh_todays_nudge(runtime, client, invocation, already=from_message)
        return
    refresh_todays_nudge(runtime, client, invocation)
