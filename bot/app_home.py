"""Publishing a rep's App Home: when they open it, and shortly after they change something.

``views.publish`` replaces the whole tab, so the dashboard is rebuilt from the database each
time. Opening the tab always publishes at once. Refreshes after changes are coalesced per user:
the first publishes at once; more within ``REFRESH_EVERY`` wait and publish once at the end of
it, with the newest numbers. A rep logging calls in a burst costs two builds, not twenty, and the
tab never ends on older numbers. Time is the runtime's clock; the publish that waits is handed to
the runtime's ``later``, so it never outlives the app.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from slack_sdk import WebClient

from bot.blocks.dashboard import render_home
from bot.handling import run_work
from bot.runtime import Runtime
from bot.slack_client import call_slack
from commands.context import Invocation
from commands.home.dashboard import build_home
from commands.home.replies import HomeDashboard

log = logging.getLogger("corong.home")

REFRESH_EVERY = timedelta(seconds=2)  # at most one refresh per user per this, after changes
AT_ONCE = timedelta(0)


@dataclass
class _Refresh:
    """One user's refreshes: one build at a time, the newest request waiting for its turn
    (with the client it came with: in many-workspace mode that carries the current token)."""

    guard: threading.Lock = field(default_factory=threading.Lock)
    running: bool = False
    waiting: tuple[WebClient, Invocation] | None = None
    urgent: bool = False  # the waiting request is someone opening the tab: no pause
    last_started: datetime | None = None  # on the runtime's clock
    # The one publish of ``waiting`` handed to ``runtime.later``; any other it was handed
    # earlier finds it is no longer this one and does nothing.
    next_turn: object | None = None

    def due(self) -> datetime | None:
        """When the interval since the last build ends (None: no build yet)."""
        return None if self.last_started is None else self.last_started + REFRESH_EVERY

    def start(self, now: datetime) -> tuple[WebClient, Invocation] | None:
        """Mark a build as running from ``now``; what was waiting is taken by it."""
        taken = self.waiting
        self.running, self.waiting, self.urgent, self.next_turn = True, None, False, None
        self.last_started = now
        return taken


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
        now, due = runtime.clock(), refresh.due()
        if after_change and due is not None and now < due:
            refresh.waiting = (client, invocation)
            turn = refresh.next_turn = object()
            wait = due - now
        else:
            refresh.start(now)  # the newest: anything waiting is superseded
            turn = None
    if turn is not None:
        _hand_to_later(runtime, refresh, turn, wait)
        return True
    return _run(runtime, client, refresh, invocation, read_only=after_change)


def _hand_to_later(runtime: Runtime, refresh: _Refresh, turn: object, delay: timedelta) -> None:
    """Publish what is waiting once ``delay`` has passed, unless its turn was taken."""

    def publish_waiting() -> None:
        with refresh.guard:
            if refresh.next_turn is not turn or refresh.running:
                return
            waiting = refresh.start(runtime.clock())
        if waiting is None:
            return
        client, invocation = waiting
        try:
            _run(runtime, client, refresh, invocation, read_only=True)
        except Exception:  # on the runtime's worker the error would otherwise go unseen
            log.exception("App Home refresh failed")

    runtime.later.call_later(delay, publish_waiting)


def _run(
    runtime: Runtime,
    client: WebClient,
    refresh: _Refresh,
    invocation: Invocation,
    *,
    read_only: bool,
) -> bool:
    """Build and publish; then hand any request that arrived meanwhile to ``runtime.later``:
    at once for someone opening the tab, else when the interval is over."""
    try:
        return _build_and_publish(runtime, client, invocation, read_only=read_only)
    finally:
        turn, delay = None, AT_ONCE
        with refresh.guard:
            refresh.running = False
            if refresh.waiting is not None:
                turn = refresh.next_turn = object()
                due = refresh.due()
                if not refresh.urgent and due is not None:
                    delay = max(due - runtime.clock(), AT_ONCE)
        if turn is not None:
            _hand_to_later(runtime, refresh, turn, delay)


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
