"""What else must be redrawn once a rep changed something: the nudge they got today, and the
App Home when the change started there.

Whether they got a nudge today is on their member row, read by the change's own statement
(``CommandContext.todays_nudge``): most changes need nothing redrawn, and cost no query to
find that out.
"""

from __future__ import annotations

from slack_sdk import WebClient

from bot.app_home import publish_home
from bot.posts.nudge_redraw import redraw_sent_nudge
from bot.runtime import Runtime
from commands.context import Invocation

Message = tuple[str, str]  # (channel id, ts)


def refresh_after_change(
    runtime: Runtime,
    client: WebClient,
    invocation: Invocation,
    *,
    todays_nudge: Message | None,
    from_message: Message | None = None,
    from_home: bool = False,
) -> None:
    """Redraw the nudge (of any morning) whose button started the change, ``from_message``,
    and today's nudge if it is another; republish the App Home if the change began there."""
    if from_message is not None and redraw_sent_nudge(runtime, client, invocation, *from_message):
        if todays_nudge is not None and todays_nudge != from_message:
            redraw_sent_nudge(runtime, client, invocation, *todays_nudge)
    elif todays_nudge is not None:
        redraw_sent_nudge(runtime, client, invocation, *todays_nudge)
    if from_home:
        publish_home(runtime, client, invocation)


def needs_refresh(todays_nudge: Message | None, *, from_home: bool = False) -> bool:
    """Whether a committed change leaves anything to redraw after the answer."""
    return todays_nudge is not None or from_home
