"""What a deal alert says when it goes out, and when a team's alerts come batched.

An alert is queued by the change that earned it (``commands.deal_alerts``); when the scheduler
takes it, the deal is read again, so the post shows the deal as it stands and an alert no longer
earned (the win undone, the team's alerts turned off) is skipped instead.

A team's channel gets at most ``BATCH_AFTER`` alert posts in any hour: while fewer went out in
the last hour, the alerts waiting go out one post each if they fit, or together in one post if
they do not; once ``BATCH_AFTER`` went out, the next ones wait until the oldest of those is an
hour old, and then go out together. So more than ``BATCH_AFTER`` alerts in an hour become one
batched post, and a quiet hour's alerts are posted as they come.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from commands.deal_alerts import alert_of, earns
from commands.deals.summaries import summarize
from commands.pipelines import pipeline_for
from commands.replies import DealSummary
from storage import queries
from storage.models import Team, Workspace
from storage.outbox import Delivery

BATCH_AFTER = 3  # alert posts a team channel gets in an hour before the rest are batched
WINDOW = timedelta(hours=1)
# Why a queued alert was skipped, as ``corong jobs status`` shows it.
NOT_AN_ALERT, DEAL_GONE, NOT_EARNED = "not_an_alert", "deal_gone", "no_longer_earned"


@dataclass(frozen=True)
class DealAlert:
    """One alert as the channel reads it: what happened to which deal, and when."""

    event: str  # won | closeable | lost
    deal: DealSummary
    at: datetime


@dataclass(frozen=True)
class AlertPost:
    """One post to a team channel: a single alert, or several batched."""

    team_name: str
    alerts: tuple[DealAlert, ...]
    batched: bool


def waits(posted_this_hour: int) -> bool:
    """Whether the team's alerts wait: its channel had its hour's share of alert posts."""
    return posted_this_hour >= BATCH_AFTER


def batched(posted_this_hour: int, waiting: int) -> bool:
    """Whether the waiting alerts go out as one post: one post each would go over the share."""
    return posted_this_hour + waiting > BATCH_AFTER


def read_alerts(
    session: Session, workspace: Workspace, team: Team, rows: Sequence[Delivery]
) -> tuple[list[tuple[Delivery, DealAlert]], list[tuple[Delivery, str]]]:
    """The queued alerts still earned, with what each says, and the rows no longer earned with
    why, as of now."""
    assert workspace.id is not None
    pipeline = pipeline_for(workspace.pipeline, workspace.custom_stages)
    kept: list[tuple[Delivery, DealAlert]] = []
    dropped: list[tuple[Delivery, str]] = []
    for row in rows:
        parsed = alert_of(row.period)
        if parsed is None:
            dropped.append((row, NOT_AN_ALERT))
            continue
        event, deal_id = parsed
        deal = queries.deal_by_id(session, workspace_id=workspace.id, deal_id=deal_id)
        if deal is None:
            dropped.append((row, DEAL_GONE))
        elif not earns(team, deal, event, pipeline):
            dropped.append((row, NOT_EARNED))
        else:
            owner = queries.get_member(session, workspace_id=workspace.id, member_id=deal.owner_id)
            kept.append((row, DealAlert(event, summarize(deal, owner), row.fire_at)))
    return kept, dropped
