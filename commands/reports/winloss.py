"""Win/loss analysis for a month or a quarter: why deals were lost, where in the pipeline, which
lead sources win, and how often a deal qualified with BANT was lost anyway.

It reads the deals won or lost in the period (closed in it, not deleted; a loss taken back with
``/sales undo`` is not a loss, ``storage.winloss``), for the same scope as the funnel report:

    losses by reason     lost deals per reason key (count, and value per currency), most first
    losses by stage      lost deals per stage they were lost from, in pipeline order; a loss
                         whose stage is not known (imported without one) is "stage unknown"
    win rate by source   won ÷ (won + lost) per lead source, sources grouped ignoring case and
                         spacing (shown as most often typed); deals without one are "not set"
    qualified losses     lost deals whose latest BANT before the loss was "qualified", as a
                         share of all losses: qualifications that did not hold

``/funnel`` shows it for a month or quarter (``attainment.period_kind``), the CLI report too,
and the weekly digest's monthly edition for the month before (``month_before``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.deals.lost_reasons import DEFAULT_REASONS, OTHER, key_of, label, reasons_of
from commands.i18n import Text, in_language, translate
from commands.i18n.formatting import format_number
from commands.pipelines import pipeline_for
from commands.replies import Money
from commands.reports.attainment import period_kind
from commands.reports.format import format_amounts, format_ratio, period_label, stage_name
from commands.reports.metrics import FunnelReport
from storage import winloss
from storage.models import Workspace

QUALIFIED = "qualified"  # commands.deals.bant_scoring.QUALIFIED
SOURCES_SHOWN = 8  # rows of the lead source table; the rest are counted in one line


@dataclass(frozen=True)
class ReasonLosses:
    """Deals lost for one reason: its key, how a reader names it, count and value."""

    reason: str
    label: Text
    count: int
    value: tuple[Money, ...]


@dataclass(frozen=True)
class StageLosses:
    """Deals lost from one stage (None: the stage is not known)."""

    stage: str | None
    count: int
    value: tuple[Money, ...]


@dataclass(frozen=True)
class SourceWins:
    """Deals won and lost of one lead source (None: not set), and the win rate."""

    source: str | None
    won: int
    lost: int

    @property
    def win_rate(self) -> float | None:
        closed = self.won + self.lost
        return self.won / closed if closed else None


@dataclass(frozen=True)
class WinLoss:
    """The analysis of one period and scope."""

    period: str  # "month" or "quarter"
    period_start: datetime
    period_end: datetime
    won: int
    lost: int
    by_reason: tuple[ReasonLosses, ...]
    by_stage: tuple[StageLosses, ...]
    by_source: tuple[SourceWins, ...]
    qualified_losses: int  # losses after a qualifying BANT

    @property
    def qualified_share(self) -> float | None:
        return self.qualified_losses / self.lost if self.lost else None

    @property
    def win_rate(self) -> float | None:
        closed = self.won + self.lost
        return self.won / closed if closed else None


# --- building -------------------------------------------------------------------------------


def build_win_loss(
    session: Session,
    workspace: Workspace,
    *,
    owner_ids: Sequence[int] | None,
    start: datetime,
    end: datetime,
    kind: str,
) -> WinLoss:
    """The analysis of the deals owned by ``owner_ids`` (None: the workspace) closed in
    ``[start, end)``."""
    assert workspace.id is not None
    deals = winloss.closed_deals(
        session, workspace_id=workspace.id, owner_ids=owner_ids, start=start, end=end
    )
    lost = [deal for deal in deals if deal.status == winloss.LOST]
    return WinLoss(
        period=kind,
        period_start=start,
        period_end=end,
        won=len(deals) - len(lost),
        lost=len(lost),
        by_reason=_by_reason(lost, workspace),
        by_stage=_by_stage(lost, workspace),
        by_source=_by_source(deals),
        qualified_losses=sum(1 for deal in lost if deal.bant_verdict == QUALIFIED),
    )


def win_loss_for_report(
    session: Session, workspace: Workspace, report: FunnelReport
) -> WinLoss | None:
    """The analysis beside a funnel report of a whole month or quarter; None for any other
    period (a week is too few deals to read reasons from)."""
    tz = ZoneInfo(workspace.timezone)
    first = report.period_start.astimezone(tz).date()
    last = (report.period_end - timedelta(microseconds=1)).astimezone(tz).date()
    kind = period_kind(first, last)
    if kind is None:
        return None
    return build_win_loss(
        session,
        workspace,
        owner_ids=report.owner_ids,
        start=report.period_start,
        end=report.period_end,
        kind=kind,
    )


def month_before(day: date) -> tuple[date, date]:
    """The first and last day of the calendar month before ``day``'s."""
    last = day.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def win_loss_of_month(
    session: Session,
    workspace: Workspace,
    *,
    owner_ids: Sequence[int] | None,
    first: date,
    last: date,
) -> WinLoss:
    """The analysis of the calendar month ``first``..``last`` in the workspace's time zone."""
    tz = ZoneInfo(workspace.timezone)
    start = datetime.combine(first, datetime.min.time(), tzinfo=tz)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    return build_win_loss(
        session, workspace, owner_ids=owner_ids, start=start, end=end, kind="month"
    )


def _values(deals: Sequence[winloss.ClosedDeal]) -> tuple[Money, ...]:
    sums: dict[str, int] = {}
    for deal in deals:
        if deal.value is not None:
            sums[deal.currency] = sums.get(deal.currency, 0) + deal.value
    return tuple(Money(value, currency) for currency, value in sorted(sums.items()))


def _reason_label(key: str, entries: dict[str, str]) -> Text:
    if key in entries:
        return label(entries[key])
    if key in DEFAULT_REASONS:
        return label(key)
    return key.replace("_", " ")  # a custom reason removed from the list since


def _by_reason(
    lost: Sequence[winloss.ClosedDeal], workspace: Workspace
) -> tuple[ReasonLosses, ...]:
    listed = reasons_of(workspace)
    entries = {key_of(entry): entry for entry in listed}
    order = {key: i for i, key in enumerate(entries)}
    groups: dict[str, list[winloss.ClosedDeal]] = {}
    for deal in lost:
        groups.setdefault(deal.lost_reason_key or OTHER, []).append(deal)
    ranked = sorted(groups, key=lambda key: (-len(groups[key]), order.get(key, len(order)), key))
    return tuple(
        ReasonLosses(key, _reason_label(key, entries), len(groups[key]), _values(groups[key]))
        for key in ranked
    )


def _by_stage(lost: Sequence[winloss.ClosedDeal], workspace: Workspace) -> tuple[StageLosses, ...]:
    stages = pipeline_for(workspace.pipeline, workspace.custom_stages).stages
    groups: dict[str | None, list[winloss.ClosedDeal]] = {}
    for deal in lost:
        groups.setdefault(deal.lost_from, []).append(deal)

    def place(stage: str | None) -> tuple[int, int, str]:
        if stage is None:
            return (2, 0, "")
        if stage in stages:
            return (0, stages.index(stage), stage)
        return (1, 0, stage)  # a stage of a pipeline the workspace no longer uses

    return tuple(
        StageLosses(stage, len(groups[stage]), _values(groups[stage]))
        for stage in sorted(groups, key=place)
    )


def source_key(source: str | None) -> str:
    """How lead sources are grouped: case and spacing aside (``""``: not set)."""
    return " ".join((source or "").split()).casefold()


def _by_source(deals: Sequence[winloss.ClosedDeal]) -> tuple[SourceWins, ...]:
    spelled: dict[str, Counter[str]] = {}
    won: Counter[str] = Counter()
    lost: Counter[str] = Counter()
    for deal in deals:
        key = source_key(deal.lead_source)
        if key:
            spelled.setdefault(key, Counter())[" ".join((deal.lead_source or "").split())] += 1
        (won if deal.status == winloss.WON else lost)[key] += 1

    def shown(key: str) -> str | None:
        if not key:
            return None
        counts = spelled[key]
        return min(counts, key=lambda text: (-counts[text], text))

    keys = sorted(set(won) | set(lost), key=lambda k: (not k, -(won[k] + lost[k]), k))
    return tuple(SourceWins(shown(key), won[key], lost[key]) for key in keys)


# --- wording --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlainTable:
    """A table as strings (header, rows, which columns are numbers), for any renderer."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]


def _t(key: str, lang: str, **params: Any) -> str:
    return translate(key, lang, **params)


def title(analysis: WinLoss, lang: str, tz: ZoneInfo) -> str:
    """``Win/loss · November 2026``."""
    period = period_label(analysis.period_start, analysis.period_end, lang, tz)
    return _t("winloss.title", lang, period=period)


def summary_lines(analysis: WinLoss, lang: str) -> list[str]:
    """The headline: won, lost and win rate; the losses after a qualifying BANT."""
    if not analysis.won and not analysis.lost:
        return [_t("winloss.none", lang)]
    lines = [
        _t(
            "winloss.summary",
            lang,
            won=format_number(analysis.won, lang),
            lost=format_number(analysis.lost, lang),
            rate=format_ratio(analysis.win_rate, lang),
        )
    ]
    if analysis.lost:
        lines.append(
            _t(
                "winloss.qualified",
                lang,
                count=format_number(analysis.qualified_losses, lang),
                lost=format_number(analysis.lost, lang),
                share=format_ratio(analysis.qualified_share, lang),
            )
        )
    return lines


def _amounts(value: tuple[Money, ...], lang: str) -> str:
    return format_amounts(value, lang) if value else "\u2013"


def stage_text(stage: str | None, lang: str) -> str:
    """A stage lost at, or "stage unknown"."""
    return stage_name(stage, lang) if stage else _t("winloss.stage_unknown", lang)


def source_text(source: str | None, lang: str) -> str:
    """A lead source as shown, or "not set"."""
    return source if source else _t("winloss.source_not_set", lang)


def tables(analysis: WinLoss, lang: str) -> list[PlainTable]:
    """The three tables, those with rows: losses by reason, by stage, win rate by source (the
    first ``SOURCES_SHOWN`` sources; ``more_sources`` counts the rest)."""
    out: list[PlainTable] = []
    lost, value = _t("winloss.column.lost", lang), _t("winloss.column.value", lang)
    if analysis.by_reason:
        out.append(
            PlainTable(
                _t("winloss.by_reason", lang),
                (_t("winloss.column.reason", lang), lost, value),
                tuple(
                    (in_language(row.label, lang), format_number(row.count, lang))
                    + (_amounts(row.value, lang),)
                    for row in analysis.by_reason
                ),
                (False, True, True),
            )
        )
    if analysis.by_stage:
        out.append(
            PlainTable(
                _t("winloss.by_stage", lang),
                (_t("winloss.column.stage", lang), lost, value),
                tuple(
                    (stage_text(row.stage, lang), format_number(row.count, lang))
                    + (_amounts(row.value, lang),)
                    for row in analysis.by_stage
                ),
                (False, True, True),
            )
        )
    if analysis.by_source:
        out.append(
            PlainTable(
                _t("winloss.by_source", lang),
                (
                    _t("winloss.column.source", lang),
                    _t("winloss.column.won", lang),
                    lost,
                    _t("winloss.column.win_rate", lang),
                ),
                tuple(
                    (
                        source_text(row.source, lang),
                        format_number(row.won, lang),
                        format_number(row.lost, lang),
                        format_ratio(row.win_rate, lang),
                    )
                    for row in analysis.by_source[:SOURCES_SHOWN]
                ),
                (False, True, True, True),
            )
        )
    return out


def more_sources(analysis: WinLoss, lang: str) -> str | None:
    """``… and 3 more sources``, when the source table leaves some out."""
    hidden = len(analysis.by_source) - SOURCES_SHOWN
    if hidden <= 0:
        return None
    return _t("winloss.more_sources", lang, count=format_number(hidden, lang))


def aligned(table: PlainTable, indent: str = "") -> list[str]:
    """A table as padded lines: names left, numbers right."""
    body = [table.header, *table.rows]
    widths = [max(len(row[i]) for row in body) for i in range(len(table.header))]
    lines = []
    for row in body:
        cells = [
            cell.rjust(widths[i]) if table.numeric[i] else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append((indent + "  ".join(cells)).rstrip())
    return lines


def win_loss_text(analysis: WinLoss, lang: str, tz: ZoneInfo) -> list[str]:
    """The section as terminal lines (``corong report funnel``), after the report's own."""
    indent = "  "
    lines = ["", title(analysis, lang, tz).upper()]
    lines += [indent + line for line in summary_lines(analysis, lang)]
    for table in tables(analysis, lang):
        lines += ["", indent + table.title, *aligned(table, indent)]
    more = more_sources(analysis, lang)
    if more:
        lines.append(indent + more)
    return lines


def win_loss_as_json(analysis: WinLoss | None, lang: str) -> dict[str, Any] | None:
    """The analysis for scripts: keys stable, times in UTC, ratios as fractions, money as value
    and currency, labels in ``lang`` beside the keys (null: the period is no month or quarter)."""
    if analysis is None:
        return None

    def money(values: tuple[Money, ...]) -> list[dict[str, Any]]:
        return [{"value": m.value, "currency": m.currency} for m in values]

    return {
        "period": analysis.period,
        "period_start": analysis.period_start.astimezone(UTC).isoformat(),
        "period_end": analysis.period_end.astimezone(UTC).isoformat(),
        "won": analysis.won,
        "lost": analysis.lost,
        "win_rate": analysis.win_rate,
        "by_reason": [
            {
                "reason": row.reason,
                "label": in_language(row.label, lang),
                "count": row.count,
                "value": money(row.value),
            }
            for row in analysis.by_reason
        ],
        "by_stage": [
            {
                "stage": row.stage,
                "label": stage_text(row.stage, lang),
                "count": row.count,
                "value": money(row.value),
            }
            for row in analysis.by_stage
        ],
        "by_source": [
            {"source": row.source, "won": row.won, "lost": row.lost, "win_rate": row.win_rate}
            for row in analysis.by_source
        ],
        "qualified_losses": analysis.qualified_losses,
        "qualified_share": analysis.qualified_share,
    }
