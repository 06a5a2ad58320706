"""Each Events API event is handled once, however many times Slack delivers it.

Slack delivers an event again (``X-Slack-Retry-Num`` 1 to 3, with the reason in
``X-Slack-Retry-Reason``; in Socket Mode the envelope's ``retry_attempt``) when it did not get our
200 in time, with the same ``event_id``. Without a memory of what was handled, an App Home was
published once per delivery, and an ``app_uninstalled`` retried after the workspace reinstalled
deleted the new installation.

Every request to the app passes ``EventsOnce.dispatch`` (``bot.app.CorongApp``), over HTTP and
Socket Mode alike. An ``event_callback`` is claimed in the database (``storage.events``, shared by
every replica) before Bolt runs its listeners:

- the first delivery claims it and is handled; once Bolt has answered, the event is finished;
- a delivery of an event already finished is acknowledged (200) and nothing runs;
- a delivery while another attempt is still at work (claimed under ``LEASE`` ago, unfinished)
  is answered 503 and nothing runs: Slack tries again later, when the first attempt has either
  finished (that retry is then acknowledged) or failed (and then the retry handles it);
- when handling fails (an exception, or Bolt answering anything but 2xx) the claim is
  released, so Slack's next retry handles the event afresh;
- an attempt that died mid-way (the process was killed) leaves an unfinished claim; after
  ``LEASE`` the next retry takes it over and handles the event. That is the one case where an
  event can run twice, and only the part of it the dead attempt had done.

"Handled" means acknowledged: work a listener puts after the ack (the App Home's publish) is not
waited for. Slack stops retrying once it has our 200, so such work never ran twice anyway.
If the database cannot be reached to claim the event, it is handled without a claim: a rare
duplicate is better than dropping Slack's event.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from slack_bolt import BoltRequest, BoltResponse
from sqlalchemy import Engine

from storage import events
from storage.db import unit_of_work

log = logging.getLogger("corong.events")

# Long past any acknowledgement (Slack waits 3 seconds), short of Slack's retry a minute later.
LEASE = timedelta(seconds=30)


class EventsOnce:
    """Claims, finishes and releases events around Bolt's dispatch."""

    def __init__(
        self, engine: Engine, clock: Callable[[], datetime], *, lease: timedelta = LEASE
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.lease = lease

    def dispatch(
        self, request: BoltRequest, handle: Callable[[BoltRequest], BoltResponse]
    ) -> BoltResponse:
        """``handle(request)`` unless ``request`` is an event already handled or in hand."""
        body: dict[str, Any] = request.body if isinstance(request.body, dict) else {}
        event_id = body.get("event_id")
        if body.get("type") != "event_callback" or not isinstance(event_id, str) or not event_id:
            return handle(request)
        event = body.get("event")
        event_type = str(event.get("type")) if isinstance(event, dict) else "?"
        team_id = body.get("team_id") if isinstance(body.get("team_id"), str) else None
        retry = _header(request, "x-slack-retry-num")
        reason = _header(request, "x-slack-retry-reason")
        attempt = secrets.token_hex(8)

        try:
            with unit_of_work(self.engine) as session:
                claim = events.claim(
                    session,
                    event_id,
                    event_type=event_type,
                    team_id=team_id,
                    attempt=attempt,
                    now=self.clock(),
                    lease=self.lease,
                )
        except Exception as error:  # the database is away: handling beats dropping the event
            log.warning(
                "event %s (%s): could not claim it (%s); handling it unclaimed",
                event_id,
                event_type,
                type(error).__name__,
            )
            return handle(request)

        if claim is events.Claim.HANDLED:
            log.info(
                "event %s (%s) was handled already; Slack's retry %s (%s) acknowledged",
                event_id,
                event_type,
                retry,
                reason,
            )
            return BoltResponse(status=200, body="")
        if claim is events.Claim.IN_PROGRESS:
            log.info(
                "event %s (%s) is being handled by an earlier delivery; Slack's retry %s (%s) "
                "told to come back later",
                event_id,
                event_type,
                retry,
                reason,
            )
            return BoltResponse(status=503, body="")

        try:
            response = handle(request)
        except BaseException:
            self._settle(event_id, attempt, handled=False)
            raise
        self._settle(event_id, attempt, handled=200 <= response.status < 300)
        return response

    def _settle(self, event_id: str, attempt: str, *, handled: bool) -> None:
        """Finish the claim, or release it when handling failed so Slack's retry runs afresh."""
        try:
            with unit_of_work(self.engine) as session:
                if handled:
                    events.finish(session, event_id, attempt=attempt, now=self.clock())
                else:
                    events.release(session, event_id, attempt=attempt)
        except Exception as error:  # the lease runs out instead; a retry may then handle it
            log.warning(
                "event %s: could not record how handling went (%s)",
                event_id,
                type(error).__name__,
            )


def _header(request: BoltRequest, name: str) -> str | None:
    values = request.headers.get(name) or []
    return values[0] if values else None
