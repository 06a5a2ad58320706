"""Publishing a rep's App Home: when they open it, and shortly after they change something.

``views.publish`` replaces the whole tab, so the dashboard is rebuilt from the database each
time. Opening the tab always publishes at once. Refreshes after changes are coalesced per user:
the first publishes at once; more within ``REFRESH_EVERY`` wait and publish once at the end of
it, with the newest numbers. A rep logging calls in a burst costs two builds, not twenty, and the
tab never ends on older numbers.
"""

from __future__ import annotations

import logging
import threading
import time
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

REFRESH_EVERY = 2.0  # seconds: at most one refresh per user per this, after changes


@dataclass
class _Refresh:
    """One user's refreshes: one build at a time, the newest request waiting for its turn
    (with the client it came with: in many-workspace mode that carries the current token)."""

    guard: threading.Lock = field(default_factory=threading.Lock)
    running: bool = False
    waiting: tuple[WebClient, Invocation] | None = None
    urgent: bool = False  # the waiting request is someone opening the tab: no pause
    last_started: float = float("-inf")


def _refresh_for(runtime: Runtime, team_id: str, user_id: str) -> _Refresh:
    shared = runtime.shared
    with shared.lock:
        found: _Refresh = shared.home_refreshes.setdefault((team_id, user_id), _Refresh())
        return found


def publish_home(
    runtime: Runtime, client: WebClient, invocation: Invocation, *, after_change: bool = False
) -> bool:
    """Build the caller's dashboard and publish it; False (logged) when that failed.

    ``after_change``: the caller (a known member) just changed something, so the build only
    reads and may wait its turn; True is returned when it was queued or coalesced.
    """
    refresh = _refresh_for(runtime, invocation.team_id, invocation.user_id)
    with refresh.guard:
        if refresh.running or (after_change and refresh.waiting is not None):
            refresh.waiting = (client, invocation)  # the running or queued build picks it up
            refresh.urgent = refresh.urgent or not after_change
            return True
        wait = refresh.last_started + REFRESH_EVERY - time.monotonic()
        if after_change and wait > 0:
            refresh.waiting = (client, invocation)
            _later(wait, runtime, refresh)
            return True
        refresh.running, refresh.waiting, refresh.urgent = True, None, False  # the newest
    return _run(runtime, client, refresh, invocation, read_only=after_change)


def _later(delay: float, runtime: Runtime, refresh: _Refresh) -> None:
    """Publish what is waiting once the interval has passed."""

    def fire() -> None:
        with refresh.guard:
            if refresh.running or refresh.waiting is None:
                return
            (client, invocation), refresh.waiting = refresh.waiting, None
            refresh.running, refresh.urgent = True, False
        try:
            _run(runtime, client, refresh, invocation, read_only=True)
        except Exception:  # a timer thread's error would otherwise go unseen
            log.exception("App Home refresh failed")

    timer = threading.Timer(delay, fire)
    timer.daemon = True
    timer.start()


def _run(
    runtime: Runtime,
    client: WebClient,
    refresh: _Refresh,
    invocation: Invocation,
    *,
    read_only: bool,
) -> bool:
    """Build and publish; then hand any request that arrived meanwhile to a timer."""
    try:
        with refresh.guard:
            refresh.last_started = time.monotonic()
        return _build_and_publish(runtime, client, invocation, read_only=read_only)
    finally:
        with refresh.guard:
            refresh.running = False
            if refresh.waiting is not None:
                wait = refresh.last_started + REFRESH_EVERY - time.monotonic()
                _later(0.0 if refresh.urgent else max(wait, 0.0), runtime, refresh)


def _build_and_publish(
    runtime: Runtime, client: WebClient, invocation: Invocation, *, read_only: bool
) -> bool:
    handled = run_work(runtime.engine, invocation, build_home, read_only=read_only)
    if not isinstance(handled.reply, HomeDashboard):  # an internal error, already logged
        return False
    view = render_home(handled.reply, handled.lang, handled.tz)
    published = call_slack(
        "views.publish", client.views_publish, user_id=invocation.user_id, view=view
    )
    return bool(published)
