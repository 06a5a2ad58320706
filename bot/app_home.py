"""Publishing a rep's App Home: when they open it, or press its *Refresh*.

``views.publish`` replaces the whole tab, so the dashboard is rebuilt from the database each
time; it is not rebuilt after every change the rep makes (that was most of a command's cost,
for a tab that is usually closed). Slack sends ``app_home_opened`` whenever the tab is opened,
so what the rep sees is built when they look. Builds are one at a time per user: a request that
arrives during a build is built right after it, once, with the newest numbers, so quick opens
cost two builds at most and the tab never ends on older numbers.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from slack_sdk import WebClient

from bot.blocks.dashboard import render_home
from bot.handling import run_work
from bot.runtime import Runtime
from bot.slack_client import call_slack
from commands.context import Invocation
from commands.home.dashboard import build_home
from commands.home.replies import HomeDashboard

log = logging.getLogger("corong.home")


@dataclass
class _Publishing:
    """One user's builds: whether one is running, and the newest request waiting for it
    (with the client it came with: in many-workspace mode that carries the current token)."""

    guard: threading.Lock = field(default_factory=threading.Lock)
    running: bool = False
    waiting: tuple[WebClient, Invocation] | None = None


def _publishing_for(runtime: Runtime, team_id: str, user_id: str) -> _Publishing:
    shared = runtime.shared
    with shared.lock:
        found: _Publishing = shared.home_refreshes.setdefault((team_id, user_id), _Publishing())
        return found


def publish_home(runtime: Runtime, client: WebClient, invocation: Invocation) -> bool:
    """Build the caller's dashboard and publish it; False (logged) when that failed. During
    another build of theirs, the request is left for that build's thread (True)."""
    publishing = _publishing_for(runtime, invocation.team_id, invocation.user_id)
    with publishing.guard:
        if publishing.running:
            publishing.waiting = (client, invocation)  # the newest replaces an older one
            return True
        publishing.running = True
    published = False
    while True:
        try:
            published = _build_and_publish(runtime, client, invocation)
        except Exception:  # the next request must not be stranded behind a failed build
            log.exception("App Home publish failed for %s", invocation.user_id)
            published = False
        with publishing.guard:
            if publishing.waiting is None:
                publishing.running = False
                return published
            (client, invocation), publishing.waiting = publishing.waiting, None


def _build_and_publish(runtime: Runtime, client: WebClient, invocation: Invocation) -> bool:
    handled = run_work(runtime.engine, invocation, build_home)
    if not isinstance(handled.reply, HomeDashboard):  # an internal error, already logged
        return False
    view = render_home(handled.reply, handled.lang, handled.tz)
    published = call_slack(
        "views.publish", client.views_publish, user_id=invocation.user_id, view=view
    )
    return bool(published)
