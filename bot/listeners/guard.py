"""Turn away people from other organisations before any listener runs.

In a Slack Connect channel shared with another company, anyone there can click the buttons on
Corong's messages. Their payload names our workspace as ``team.id`` but their own as
``user.team_id``. They are not members of this workspace, so they must not become one by
clicking: the click is acknowledged, refused privately, and nothing runs.
"""

from __future__ import annotations

import logging
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import BoltResponse

from bot.blocks.render import render
from bot.runtime import Runtime
from bot.slack_client import post_to_response_url
from commands.i18n import language_for
from commands.replies import Problem

log = logging.getLogger("corong.guard")

INTERACTIONS = ("block_actions", "view_submission", "view_closed", "block_suggestion")


def foreign_user(body: dict[str, Any]) -> bool:
    """True when an interaction comes from a user of another workspace than the one it names.

    Corong installs per workspace (no org-wide installs). On Enterprise Grid a payload's
    ``user.team_id`` is the user's home workspace, so a member of a sibling workspace of the
    same organisation is turned away too: their home workspace should install Corong.
    """
    if body.get("type") not in INTERACTIONS:
        return False
    user_team = (body.get("user") or {}).get("team_id")
    team = (body.get("team") or {}).get("id")
    return bool(user_team and team and user_team != team)


def refuse_foreign_user(body: dict[str, Any], runtime: Runtime) -> BoltResponse | None:
    """The answer to an interaction from another organisation's user (acknowledged, refused
    privately, nothing runs); None for everyone else. Checked on every request before Bolt
    routes it (``bot.app.CorongApp``): a plain function costs less than a Bolt middleware."""
    if not foreign_user(body):
        return None
    log.info(
        "refused an interaction from another workspace: team=%s user_team=%s",
        (body.get("team") or {}).get("id"),
        (body.get("user") or {}).get("team_id"),
    )
    lang = language_for((body.get("user") or {}).get("locale"))
    refusal = render(Problem("guard.foreign_user"), lang, ZoneInfo("UTC")).as_dicts()
    post_to_response_url(
        body.get("response_url"),
        {"response_type": "ephemeral", "replace_original": False, **refusal},
        runtime.settings.response_url_prefixes,
    )
    return BoltResponse(status=200, body="")  # acknowledged; no listener runs
