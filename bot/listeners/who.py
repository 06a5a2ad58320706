"""Who sent an interaction (button click, modal submission), from the payload as Slack sends it."""

from __future__ import annotations

from typing import Any

from bot.runtime import Runtime
from commands.context import Invocation


def invocation_from_interaction(body: dict[str, Any], runtime: Runtime) -> Invocation:
    """The clicker or submitter, in the workspace the interaction came from."""
    user = body.get("user") or {}
    team = (body.get("team") or {}).get("id") or user.get("team_id")
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
        "channel_id"
    )
    return Invocation(
        team_id=team,
        user_id=user["id"],
        now=runtime.clock(),
        user_name=user.get("username") or user.get("name"),
        channel_id=channel,
    )
