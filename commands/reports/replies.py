"""Reply values of the reading commands: ``/pipeline`` and ``/funnel``.

Like ``commands.replies``, these are plain values; ``bot.blocks`` turns them into Block Kit and
the shell prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

from commands.localtime import Period
from commands.replies import DealSummary, Reply, StageTotal
from commands.reports.attainment import Attainment
from commands.reports.metrics import FunnelReport
from commands.reports.scopes import ReportScope
from commands.reports.winloss import WinLoss


@dataclass(frozen=True)
class BoardRow:
    """One open deal on the pipeline board, with how urgent it is."""

    deal: DealSummary
    days_in_stage: int
    idle_days: int  # days since the last logged activity (or since creation)
    overdue_days: int  # days the next step is past due; 0 when not overdue
    stale: bool  # idle for at least the workspace's stale threshold
    contacted: bool  # any activity logged yet (else idle counts from creation)
    manager_owner: bool = False  # a manager's own deal, marked as theirs on a team's board


@dataclass(frozen=True)
class PipelineBoard(Reply):
    """``/pipeline``: a page of open deals by stage, most urgent first within each stage."""

    scope: ReportScope
    rows: tuple[BoardRow, ...]
    total: int
    offset: int
    page_size: int
    stage_totals: tuple[StageTotal, ...]  # for the whole scope, not only this page
    stale_count: int
    overdue_count: int
    stale_days: int


@dataclass(frozen=True)
class FunnelView(Reply):
    """``/funnel``: the report with what the reader needs to read it."""

    report: FunnelReport
    scope: ReportScope
    period: Period  # as asked: a name such as last_week, or a DateRange
    user_ids: dict[int, str]  # member id -> Slack user id, for calls per rep
    currency: str  # the workspace currency growth is measured in
    tz_name: str  # the workspace time zone the period's edges are in
    attainment: Attainment | None = None  # against the quota of a month or quarter, if set
    win_loss: WinLoss | None = None  # why deals were lost, where, and by lead source
