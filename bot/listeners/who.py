"""Who sent an interaction (button click, modal submission), from the payload as Slack sends it."""

from __future__ import annotations

from typing import Any

from bot.runtime import Runtime
from commands.context import Invocation


class NoWorkspace(ValueError):
    """An interaction that names no workspace: there is nobody's data it could act on."""


def interaction_team_id(body: dict[str, Any]) -> str:
    """The workspace an interaction came from: ``team.id``, or on Enterprise Grid (where
    ``team`` may be null) the user's own workspace; ``NoWorkspace`` when it names neither."""
    team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id")
    if not isinstance(team, str) or not team:
        raise NoWorkspace(f"a {body.get('type')} payload names no workspace")
    return team


def invocation_from_interaction(body: dict[str, Any], runtime: Runtime) -> Invocation:
    """The clicker or submitter, in the workspace the interaction came from."""
    user = body.get("user") or {}
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
        "channel_id"
    )
    return Invocation(
        team_id=interaction_team_id(body),
        user_id=user["id"],
        now=runtime.clock(),
        user_name=user.get("username") or user.get("name"),
        channel_id=channel,
    )


def on_the_app_home(body: dict[str, Any]) -> bool:
    """Whether an interaction came from a button on the user's App Home tab."""
    view = body.get("view") or {}
    return (body.get("container") or {}).get("type") == "view" and view.get("type") == "home"
