"""Deal alerts a change earns: a team's channel hears of a big win, a big deal about to close,
a big loss.

A team opts in with thresholds (``/sales team Jakarta alerts won:100jt closeable:250jt
lost:100jt``, ``commands.workspace.teams``). A deal change calls ``deal_changed`` the way it calls
``audit.record``: each team whose report counts the deal (its owner's teams) and whose threshold
the deal reaches gets an alert queued in the outbox, in the change's own unit of work. So an
alert is never lost once the change is committed, and never posted for a change rolled back.
The scheduler's next tick posts it (``bot.posts.delivery``; what it says:
``commands.posts.alerts``).

The outbox key is (team, event, deal): each deal earns each alert once per team. Won, undone and
won again is one alert; one still queued when it was undone is not posted (``earns`` is asked
again before sending), and one skipped that way is queued anew by the next win.

Thresholds are in one currency (the workspace's unless typed with another); Corong converts
nothing, so a deal in another currency earns no alert.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from commands.context import CommandContext
from commands.pipelines import LOST, WON, Pipeline
from storage import outbox, teams
from storage.models import Deal, Team

ALERT = "alert"  # the outbox job
CLOSEABLE = "closeable"  # moved into the pipeline's closing stage (``closing_stage``)
_CLOSING_NAMES = ("closeable", "closing")
EVENTS = (WON, CLOSEABLE, LOST)
# The event in an outbox period, short enough for its 16 characters with a deal id.
_PERIOD_CODES = {WON: "won", CLOSEABLE: "close", LOST: "lost"}
_EVENTS_BY_CODE = {code: event for event, code in _PERIOD_CODES.items()}
# A team post's outbox target, as ``commands.posts.schedule.team_target`` writes it (a test
# holds the two together): the admins' App Home names the team of a failed alert from it.
_TEAM_TARGET = "team:{}"


@dataclass(frozen=True)
class Threshold:
    """The least value of a deal that earns a team an alert of one event."""

    event: str
    value: int
    currency: str


def thresholds(team: Team) -> dict[str, Threshold]:
    """The team's alert thresholds by event, in ``EVENTS`` order; empty when alerts are off."""
    stored = team.alerts or {}
    found: dict[str, Threshold] = {}
    for event in EVENTS:
        entry = stored.get(event)
        if isinstance(entry, dict) and isinstance(entry.get("value"), int):
            found[event] = Threshold(event, entry["value"], str(entry.get("currency") or ""))
    return found


def keep_thresholds(team: Team, chosen: Mapping[str, Threshold]) -> None:
    """Store ``chosen`` as the team's thresholds (none: alerts off)."""
    team.alerts = {
        event: {"value": chosen[event].value, "currency": chosen[event].currency}
        for event in EVENTS
        if event in chosen
    } or None


def closing_stage(pipeline: Pipeline) -> str:
    """The stage ``closeable`` alerts watch: the one named for closing (funnel4's *Closeable*,
    the other presets' *Closing*, which in nine-stage comes before *Referral*), else the last
    open one."""
    named = [stage for stage in pipeline.stages if stage in _CLOSING_NAMES]
    return named[-1] if named else pipeline.stages[-1]


def earns(team: Team, deal: Deal, event: str, pipeline: Pipeline) -> bool:
    """Whether ``deal`` as it stands earns ``team`` an alert of ``event``."""
    threshold = thresholds(team).get(event)
    if threshold is None or deal.value is None or deal.deleted_at is not None:
        return False
    if deal.currency != threshold.currency or deal.value < threshold.value:
        return False
    if event == CLOSEABLE:
        return deal.status == "open" and deal.stage == closing_stage(pipeline)
    return deal.status == event


def deal_changed(ctx: CommandContext, deal: Deal, event: str) -> None:
    """Queue the alerts the change just made to ``deal`` earns (``event``: won, lost, or
    closeable for a deal that entered the closing stage), in the change's unit of work."""
    if deal.value is None or deal.id is None:
        return
    if event == CLOSEABLE and deal.stage != closing_stage(ctx.pipeline):
        return
    owners_teams = teams.teams_of(
        ctx.session, workspace_id=ctx.workspace_id, member_id=deal.owner_id
    )
    for team in owners_teams:
        if team.id is not None and team.channel_id and earns(team, deal, event, ctx.pipeline):
            outbox.enqueue(
                ctx.session, alert_key(ctx.workspace_id, team.id, event, deal.id), now=ctx.now
            )


def alert_key(workspace_id: int, team_id: int, event: str, deal_id: int) -> outbox.SlotKey:
    """The outbox key of one alert: once per team, event and deal."""
    return outbox.SlotKey(
        workspace_id=workspace_id,
        job=ALERT,
        target=_TEAM_TARGET.format(team_id),
        period=f"{_PERIOD_CODES[event]}:{deal_id}",
    )


def alert_of(period: str) -> tuple[str, int] | None:
    """The event and deal id an alert's outbox period names; None when it names none."""
    code, _, digits = period.partition(":")
    event = _EVENTS_BY_CODE.get(code)
    if event is None or not (digits.isascii() and digits.isdigit()):
        return None
    return event, int(digits)
