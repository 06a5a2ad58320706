"""Attainment against quota, and the pace a period is on, for a funnel report.

A report is measured against a quota only when its period is a whole calendar month or
quarter (this month, last quarter, ``2026-10-01..2026-12-31``) and its subject has a quota of
that kind: a rep's own, or a team's (several teams: the sum, when each has one). The quota is
the one in force on the period's last day, or today for the period under way
(``storage.quotas``), so a quota changed mid-period counts from its date.

    attainment = booked ÷ quota
    pace       = booked ÷ work days elapsed × work days in the period ÷ quota

Booked is the report's bookings in the workspace currency. Work days come from the workspace's
calendar (its work days and public holidays); elapsed counts today. Pace is only for the period
under way, once a work day of it has passed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from babel.numbers import format_percent
from sqlmodel import Session

from commands.i18n import translate
from commands.i18n.formatting import babel_locale, format_money
from commands.reports.metrics import FunnelReport
from commands.reports.policy import calendar_of
from storage import quotas, teams
from storage.models import Workspace


@dataclass(frozen=True)
class Attainment:
    """How a report's bookings stand against the quota of its period."""

    period: str  # "month" or "quarter"
    quota: int  # in ``currency``
    currency: str
    booked: int
    attainment: float  # booked ÷ quota (0.5, not 50)
    pace: float | None  # the attainment at this pace by period end; None: not under way
    work_days: int  # in the whole period
    work_days_elapsed: int  # up to and including today (all of them for a past period)


def period_kind(first: date, last: date) -> str | None:
    """``month`` or ``quarter`` when ``first``..``last`` is exactly one, else None."""
    if first.day != 1 or (last + timedelta(days=1)).day != 1:
        return None
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months == 1:
        return "month"
    if months == 3 and first.month % 3 == 1:
        return "quarter"
    return None


def attainment_for(
    session: Session,
    workspace: Workspace,
    report: FunnelReport,
    *,
    member_id: int | None = None,
    team_names: Sequence[str] = (),
) -> Attainment | None:
    """The report's attainment and pace for a rep (``member_id``) or teams; None without a
    quota for its period."""
    assert workspace.id is not None
    tz = ZoneInfo(workspace.timezone)
    first = report.period_start.astimezone(tz).date()
    last = (report.period_end - timedelta(microseconds=1)).astimezone(tz).date()
    kind = period_kind(first, last)
    if kind is None or (member_id is None and not team_names):
        return None
    today = report.now.astimezone(tz).date()
    rows = quotas.quotas_in_force(session, workspace_id=workspace.id, on=min(today, last))
    if member_id is not None:
        amounts = [r.amount for r in rows if r.member_id == member_id and r.period == kind]
    else:
        ids = [teams.team_by_name(session, workspace_id=workspace.id, name=n) for n in team_names]
        wanted = {t.id for t in ids if t is not None}
        amounts = [r.amount for r in rows if r.team_id in wanted and r.period == kind]
        if len(amounts) != len(team_names):
            return None
    quota = sum(amounts)
    if not amounts or quota <= 0:
        return None
    currency = workspace.currency
    booked = sum(m.value for m in report.outcomes.won_value if m.currency == currency)
    calendar = calendar_of(session, workspace, around=today)
    before = first - timedelta(days=1)
    work_days = calendar.work_days_between(before, last)
    elapsed = calendar.work_days_between(before, min(today, last))
    under_way = first <= today <= last and elapsed > 0
    pace = booked / elapsed * work_days / quota if under_way else None
    return Attainment(
        period=kind,
        quota=quota,
        currency=currency,
        booked=booked,
        attainment=booked / quota,
        pace=pace,
        work_days=work_days,
        work_days_elapsed=elapsed,
    )


def attainment_text(att: Attainment, lang: str) -> str:
    """``40% of the IDR 500,000,000 month quota · at this pace 82% by month end``."""
    locale = babel_locale(lang)
    period = translate(f"quota.period.{att.period}", lang)
    text = translate(
        "quota.attainment",
        lang,
        share=format_percent(att.attainment, locale=locale),
        quota=format_money(att.quota, att.currency, lang),
        period=period,
    )
    if att.pace is not None:
        pace = format_percent(att.pace, locale=locale)
        text += " \u00b7 " + translate("quota.pace", lang, share=pace, period=period)
    return text
