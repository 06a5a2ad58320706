"""Publishing a rep's App Home: when they open it, and whenever they change something.

``views.publish`` replaces the whole tab, so the dashboard is rebuilt from the database each
time. Two quick changes refresh from two threads; building and publishing under one lock per
user makes the later build the later publish, so the tab never ends on the older numbers.
"""

from __future__ import annotations

import logging
import threading

from slack_sdk import WebClient

from bot.blocks.home import render_home
from bot.handling import run_work
from bot.runtime import Runtime
from bot.slack_client import call_slack
from commands.context import Invocation
from commands.home import build_home
from commands.report_replies import HomeDashboard

log = logging.getLogger("corong.home")

_locks: dict[tuple[str, str], threading.Lock] = {}  # one per (team, user) ever published
_locks_guard = threading.Lock()


def _lock_for(team_id: str, user_id: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault((team_id, user_id), threading.Lock())


def publish_home(runtime: Runtime, client: WebClient, invocation: Invocation) -> bool:
    """Build the caller's dashboard and publish it; False (logged) when that failed."""
    with _lock_for(invocation.team_id, invocation.user_id):
        handled = run_work(runtime.engine, invocation, build_home)
        if not isinstance(handled.reply, HomeDashboard):  # an internal error, already logged
            return False
        view = render_home(handled.reply, handled.lang, handled.tz)
        published = call_slack(
            "views.publish", client.views_publish, user_id=invocation.user_id, view=view
        )
    return bool(published)
