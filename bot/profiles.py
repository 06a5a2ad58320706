"""Slack profile facts Corong caches per member: locale (language), time zone, name, admin flag.

Looked up with users.info after the ack, stored on the member row (so every replica shares
the cache) and refreshed once a day; before acting, for someone never looked up or whose admin
rights rest on an old reading of Slack's flag.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.slack_client import call_slack
from commands.permissions import slack_admin_flag_stale
from storage import queries
from storage.db import unit_of_work
from storage.models import Member

log = logging.getLogger("corong.profiles")
PROFILE_TTL = timedelta(hours=24)
RETRY_AFTER_FAILURE = timedelta(minutes=10)


def must_look_up_first(member: Member, now: datetime, *, may_act_as_admin: bool) -> bool:
    """Whether Slack must be asked about the member before a command of theirs starts: Corong
    never looked them up (their language and time zone are unknown), or the command may need
    admin rights and theirs rest on Slack's flag read too long ago to act on
    (``permissions.require_admin``)."""
    if member.profile_fetched_at is None:
        return True
    return may_act_as_admin and slack_admin_flag_stale(member, now)


def profile_state(engine: Engine, team_id: str, user_id: str, now: datetime) -> str:
    """``"unknown"`` (never looked up), ``"stale"`` (older than a day) or ``"fresh"``."""
    member = _known_member(engine, team_id, user_id)
    if member is None or member.profile_fetched_at is None:
        return "unknown"
    return "stale" if now - member.profile_fetched_at > PROFILE_TTL else "fresh"


def refresh_profile(
    engine: Engine, client: WebClient, team_id: str, user_id: str, now: datetime
) -> None:
    """Look the user up in Slack and store what we learn.

    A failed look-up keeps what was known and is tried again ``RETRY_AFTER_FAILURE`` later,
    not a day later: the admin flag in particular must not outlive a demotion for long.
    """
    response = call_slack("users.info", client.users_info, user=user_id, include_locale=True)
    user = response.get("user") if response is not None else None
    with unit_of_work(engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=team_id)
        assert workspace.id is not None
        member = queries.get_or_create_member(
            session, workspace_id=workspace.id, slack_user_id=user_id
        )
        if not user:
            member.profile_fetched_at = now - PROFILE_TTL + RETRY_AFTER_FAILURE
            return
        member.profile_fetched_at = now
        member.locale = user.get("locale") or member.locale
        member.timezone = user.get("tz") or member.timezone
        member.name = (user.get("real_name") or user.get("name") or member.name or "")[:200] or None
        member.is_admin = bool(user.get("is_admin") or user.get("is_owner"))


def store_profile(
    engine: Engine,
    team_id: str,
    user_id: str,
    now: datetime,
    *,
    locale: str | None,
    timezone: str | None,
    name: str | None,
    is_admin: bool,
) -> None:
    """Record profile facts learned elsewhere than users.info (the shell's own options)."""
    with unit_of_work(engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=team_id)
        assert workspace.id is not None
        member = queries.get_or_create_member(
            session, workspace_id=workspace.id, slack_user_id=user_id
        )
        member.locale, member.timezone, member.name = locale, timezone, name
        member.is_admin = is_admin
        member.profile_fetched_at = now


def known_admin_flag(engine: Engine, team_id: str, user_id: str, *, if_new: bool) -> bool:
    """The member's admin flag if Corong knows them already, ``if_new`` for someone new."""
    member = _known_member(engine, team_id, user_id)
    return if_new if member is None else member.is_admin


def _known_member(engine: Engine, team_id: str, user_id: str) -> Member | None:
    """The member row for a Slack user, read without creating anything."""
    with unit_of_work(engine, read_only=True) as session:
        workspace = queries.find_workspace(session, slack_team_id=team_id)
        if workspace is None or workspace.id is None:
            return None
        return queries.find_member(session, workspace_id=workspace.id, slack_user_id=user_id)
