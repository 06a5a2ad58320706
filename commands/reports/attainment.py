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

A shorter report (a week, a few days: at most 31 of them) is measured to date instead: the
month its last day (or today, while it is under way) falls in, from the month's first day to
that day, against the rep's or teams' month quota (their quarter's, quarter to date, when they
have no month quota). The value says so (``to_date``), and so does its text. The App Home and
the weekly digest measure the month and quarter under way the same way (``measure``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from babel.numbers import format_percent
from sqlmodel import Session

from commands.calendar.workdays import WorkCalendar
from commands.i18n import translate
from commands.i18n.formatting import babel_locale, format_day, format_money
from commands.localtime import local_midnight
from commands.reports.metrics import FunnelReport
from commands.reports.policy import calendar_of
from storage import quotas, standings, teams
from storage.models import Quota, Workspace

PERIOD_KINDS = ("month", "quarter")
TO_DATE_DAYS = 31  # the longest report measured month (or quarter) to date


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
    # A shorter report's: measured from the period's first day up to and including this one.
    to_date: date | None = None


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


def period_around(kind: str, day: date) -> tuple[date, date]:
    """The first and last days of the month or quarter ``day`` falls in."""
    months = 3 if kind == "quarter" else 1
    first = date(day.year, (day.month - 1) // months * months + 1, 1)
    index = first.year * 12 + first.month - 1 + months
    following = date(index // 12, index % 12 + 1, 1)
    return first, following - timedelta(days=1)


def quota_amount(
    rows: Sequence[Quota],
    kind: str,
    *,
    member_id: int | None = None,
    team_ids: Sequence[int] = (),
) -> int | None:
    """The quota of ``kind`` among ``rows`` (``storage.quotas.quotas_in_force``) of a rep, or
    the sum of some teams' when every one of them has one; None without one."""
    if member_id is not None:
        amounts = [r.amount for r in rows if r.member_id == member_id and r.period == kind]
    else:
        wanted = set(team_ids)
        amounts = [r.amount for r in rows if r.team_id in wanted and r.period == kind]
        if not wanted or len(amounts) != len(wanted):
            return None
    quota = sum(amounts)
    return quota if amounts and quota > 0 else None


def measure(
    *,
    kind: str,
    quota: int,
    currency: str,
    booked: int,
    first: date,
    last: date,
    today: date,
    calendar: WorkCalendar,
    to_date: date | None = None,
) -> Attainment:
    """Booked against a quota for the period ``first``..``last``, as of ``today``: the
    attainment, and the pace while the period is under way."""
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
        to_date=to_date,
    )


def attainment_for(
    session: Session,
    workspace: Workspace,
    report: FunnelReport,
    *,
    member_id: int | None = None,
    team_names: Sequence[str] = (),
) -> Attainment | None:
    """The report's attainment and pace for a rep (``member_id``) or teams; None without a
    quota for its period. A report of at most ``TO_DATE_DAYS`` days that is no whole month is
    measured month (or quarter) to date (``_to_date``)."""
    assert workspace.id is not None
    tz = ZoneInfo(workspace.timezone)
    first = report.period_start.astimezone(tz).date()
    last = (report.period_end - timedelta(microseconds=1)).astimezone(tz).date()
    if member_id is None and not team_names:
        return None
    team_ids: list[int] = []
    for name in team_names:
        team = teams.team_by_name(session, workspace_id=workspace.id, name=name)
        if team is None or team.id is None:
            return None
        team_ids.append(team.id)
    kind = period_kind(first, last)
    today = report.now.astimezone(tz).date()
    if kind is None:
        if (last - first).days >= TO_DATE_DAYS or today < first:
            return None
        return _to_date(session, workspace, report, min(today, last), member_id, team_ids)
    rows = quotas.quotas_in_force(session, workspace_id=workspace.id, on=min(today, last))
    quota = quota_amount(rows, kind, member_id=member_id, team_ids=team_ids)
    if quota is None:
        return None
    currency = workspace.currency
    booked = sum(m.value for m in report.outcomes.won_value if m.currency == currency)
    return measure(
        kind=kind,
        quota=quota,
        currency=currency,
        booked=booked,
        first=first,
        last=last,
        today=today,
        calendar=calendar_of(session, workspace, around=today),
    )


def _to_date(
    session: Session,
    workspace: Workspace,
    report: FunnelReport,
    as_of: date,
    member_id: int | None,
    team_ids: Sequence[int],
) -> Attainment | None:
    """A week's or a few days' report: the month ``as_of`` falls in, booked from its first day
    to the report's end (or now), against the month quota; the quarter's when there is no month
    quota. Bookings are the report's owners' (a rep's own, a team's reps' and managers'), up to
    the report's end."""
    assert workspace.id is not None
    rows = quotas.quotas_in_force(session, workspace_id=workspace.id, on=as_of)
    for kind in PERIOD_KINDS:
        quota = quota_amount(rows, kind, member_id=member_id, team_ids=team_ids)
        if quota is None:
            continue
        first, last = period_around(kind, as_of)
        tz = ZoneInfo(workspace.timezone)
        booked = standings.won_value_per_owner(
            session,
            workspace_id=workspace.id,
            owner_ids=report.owner_ids or (),
            start=local_midnight(first, tz),
            end=report.period_end,
            currency=workspace.currency,
        )
        return measure(
            kind=kind,
            quota=quota,
            currency=workspace.currency,
            booked=sum(booked.values()),
            first=first,
            last=last,
            today=as_of,
            calendar=calendar_of(session, workspace, around=as_of),
            to_date=as_of,
        )
    return None


def attainment_text(att: Attainment, lang: str) -> str:
    """``40% of the IDR 500,000,000 month quota · at this pace 82% by month end``; measured to
    date, it starts ``Month to Sun, Nov 29:``."""
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
    if att.to_date is not None:
        day = format_day(att.to_date, lang)
        text = translate(f"attainment.{att.period}_to", lang, day=day) + " " + text
    return text
