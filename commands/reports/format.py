"""The funnel report as words and numbers for a reader, and as JSON for a program.

Framework-free helpers every renderer shares (the terminal report, the chart, ``/funnel`` in
Slack, the digest), so a percent, a median or a period reads the same everywhere and in the
reader's language; plus the two whole-report renderings the terminal offers:
``report_as_text`` and ``report_as_json``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_decimal
from babel.numbers import format_percent as babel_format_percent

from commands.i18n import CATALOG, translate
from commands.i18n.formatting import (
    babel_locale,
    format_day,
    format_moment,
    format_money,
    format_number,
)
from commands.pipelines import stage_label_key
from commands.replies import Money
from commands.reports.attainment import Attainment, attainment_text
from commands.reports.metrics import FunnelReport
from storage.reports import DealFacts

# --- one value at a time ------------------------------------------------------------------------


def not_available(lang: str) -> str:
    """What a metric with no value shows (no deal closed, nothing to divide by)."""
    return translate("report.not_available", lang)


def stage_name(stage: str, lang: str) -> str:
    """A stage key as its label in ``lang``; a custom stage shows as the admin typed it."""
    key = stage_label_key(stage)
    return translate(key, lang) if key in CATALOG else stage


def format_ratio(ratio: float | None, lang: str) -> str:
    """A ratio as a whole percent for the locale (``0.5`` -> ``50%``); a dash when undefined."""
    if ratio is None:
        return not_available(lang)
    return babel_format_percent(ratio, locale=babel_locale(lang))


def format_growth(growth: float | None, lang: str) -> str:
    """Growth with its sign (``+25%``, ``-10%``, ``0%``): up or down must read at a glance."""
    if growth is None:
        return not_available(lang)
    pattern = "+#,##0%;-#,##0%" if round(growth * 100) else "#,##0%"
    return babel_format_percent(growth, format=pattern, locale=babel_locale(lang))


def _one_decimal(value: float, lang: str) -> str:
    return format_decimal(round(value, 1), format="#,##0.#", locale=babel_locale(lang))


def format_days(days: float | None, lang: str) -> str:
    """A median in days, one decimal: ``4.5 d`` / ``4,5 hari``."""
    if days is None:
        return not_available(lang)
    return translate("report.days", lang, value=_one_decimal(days, lang))


def format_hours(hours: float | None, lang: str) -> str:
    """A median in hours, one decimal: ``3.2 h`` / ``3,2 jam``."""
    if hours is None:
        return not_available(lang)
    return translate("report.hours", lang, value=_one_decimal(hours, lang))


def format_conversion(conversion: float | None, benchmark: float | None, lang: str) -> str:
    """A stage's conversion with its benchmark beside it when there is one:
    ``40% (benchmark 50%)`` / ``40% (acuan 50%)``."""
    if benchmark is None or conversion is None:
        return format_ratio(conversion, lang)
    return translate(
        "report.vs_benchmark",
        lang,
        conversion=format_ratio(conversion, lang),
        benchmark=format_ratio(benchmark, lang),
    )


def format_amounts(amounts: Sequence[Money], lang: str) -> str:
    """Money in several currencies, never added across them: ``IDR 90,000,000 · USD 5,000``."""
    if not amounts:
        return not_available(lang)
    return " · ".join(format_money(m.value, m.currency, lang) for m in amounts)


def _local_day(moment: datetime, tz: ZoneInfo) -> date:
    return moment.astimezone(tz).date()


def _short_day(day: date, lang: str) -> str:
    return format_date(day, "d MMM y", locale=babel_locale(lang))


def _day_range(first: date, last: date, lang: str) -> str:
    """Two days, saying a shared month and year once: ``1 – 9 Oct 2026``,
    ``1 Oct – 31 Dec 2026``, ``15 Dec 2026 – 10 Jan 2027``."""
    if (first.year, first.month) == (last.year, last.month):
        start = format_date(first, "d", locale=babel_locale(lang))
    elif first.year == last.year:
        start = format_date(first, "d MMM", locale=babel_locale(lang))
    else:
        start = _short_day(first, lang)
    return translate("report.period.range", lang, start=start, end=_short_day(last, lang))


def _calendar_months(first: date, last: date) -> int:
    """How many whole calendar months ``first`` to ``last`` (included) spans; 0 when it does
    not start on a first and end on a last day of a month."""
    next_day = last + timedelta(days=1)
    if first.day != 1 or next_day.day != 1:
        return 0
    return (next_day.year - first.year) * 12 + next_day.month - first.month


def period_label(start: datetime, end: datetime, lang: str, tz: ZoneInfo) -> str:
    """A period as a reader names it: ``Week of 23 Nov 2026`` / ``Minggu 23 Nov 2026`` for an
    ISO week, ``November 2026`` for a calendar month, ``Q4 2026`` / ``Kuartal 4 2026`` for a
    calendar quarter, ``2026`` for a calendar year, else its first and last day. The shape of
    the days decides, so the same days read the same however they were asked for."""
    first = _local_day(start, tz)
    last = _local_day(end - timedelta(microseconds=1), tz)
    whole_days = start.astimezone(tz).time() == end.astimezone(tz).time() == datetime.min.time()
    if not whole_days:
        return _day_range(first, last, lang)
    if first.weekday() == 0 and (last - first).days == 6:
        return translate("report.period.week_of", lang, day=_short_day(first, lang))
    months = _calendar_months(first, last)
    if months == 1:
        return format_date(first, "LLLL y", locale=babel_locale(lang))
    if months == 3 and first.month % 3 == 1:
        year = format_date(first, "y", locale=babel_locale(lang))
        quarter = format_number((first.month - 1) // 3 + 1, lang)
        return translate("report.period.calendar_quarter", lang, quarter=quarter, year=year)
    if months == 12 and first.month == 1:
        return format_date(first, "y", locale=babel_locale(lang))
    return _day_range(first, last, lang)


def scope_label(
    report: FunnelReport, lang: str, names: Mapping[int, str], team: str | None = None
) -> str:
    """Who the report is about: a team, one rep, some reps, or the whole workspace."""
    if team:
        return translate("report.scope.team", lang, team=team)
    if report.owner_ids is None:
        return translate("report.scope.workspace", lang)
    if len(report.owner_ids) == 1:
        return member_name(report.owner_ids[0], names)
    return translate("report.scope.reps", lang, count=format_number(len(report.owner_ids), lang))


def member_name(member_id: int, names: Mapping[int, str]) -> str:
    """A member's display name, or ``#id`` when the caller did not know it."""
    return names.get(member_id, f"#{member_id}")


def person_name(member_id: int, names: Mapping[int, str], lang: str, *, manager: bool) -> str:
    """A member's name where a report lists people, a manager's marked as one (``Rina
    (manager)``): their calls are theirs, never one of the reps'."""
    name = member_name(member_id, names)
    return f"{name} {translate('report.manager_mark', lang)}" if manager else name


def hygiene_detail(kind: str, deal: DealFacts, lang: str, tz: ZoneInfo) -> str:
    """Why a deal is on a hygiene list, in the words that list calls for (``kind`` is the
    ``Hygiene`` field: stale, overdue, stuck, uncontacted, missing_bant)."""
    if kind == "stale":
        touched = deal.last_activity_at or deal.created_at
        return translate("report.idle_since", lang, day=format_day(_local_day(touched, tz), lang))
    if kind == "overdue" and deal.next_step_due is not None:
        return translate("report.due_on", lang, day=format_day(deal.next_step_due, lang))
    if kind == "stuck":
        return translate(
            "report.in_stage_since",
            lang,
            stage=stage_name(deal.stage, lang),
            day=format_day(_local_day(deal.stage_entered_at, tz), lang),
        )
    if kind == "uncontacted":
        day = format_day(_local_day(deal.created_at, tz), lang)
        return translate("report.created_on", lang, day=day)
    return translate("report.in_stage", lang, stage=stage_name(deal.stage, lang))


HYGIENE_LISTS = (
    ("stale", "report.stale"),
    ("overdue", "report.overdue"),
    ("stuck", "report.stuck"),
    ("uncontacted", "report.uncontacted"),
    ("missing_bant", "report.missing_bant"),
)


# --- the terminal report ------------------------------------------------------------------------

INDENT = "  "


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], align: str) -> list[str]:
    """Rows in aligned columns; ``align`` has one ``l`` or ``r`` per column."""
    body = [list(header), *(list(row) for row in rows)]
    widths = [max(len(row[i]) for row in body) for i in range(len(header))]
    lines = []
    for row in body:
        cells = [
            cell.rjust(width) if side == "r" else cell.ljust(width)
            for cell, width, side in zip(row, widths, align, strict=True)
        ]
        lines.append(INDENT + "  ".join(cells).rstrip())
    return lines


def _pairs(rows: Sequence[tuple[str, str]]) -> list[str]:
    """Label and value lines with the values lined up."""
    width = max(len(label) for label, _ in rows)
    return [f"{INDENT}{label.ljust(width)}  {value}".rstrip() for label, value in rows]


def _heading(key: str, lang: str) -> list[str]:
    return ["", translate(key, lang).upper()]


def _funnel_lines(report: FunnelReport, lang: str) -> list[str]:
    funnel = report.funnel
    columns = ("stage", "open", "value", "entered", "reached", "conversion", "benchmark")
    header = [translate(f"report.column.{column}", lang) for column in columns]
    rows = [
        [
            stage_name(row.stage, lang),
            format_number(row.open_count, lang),
            format_amounts(row.open_value, lang),
            format_number(row.entered, lang),
            format_number(row.reached, lang),
            format_ratio(row.conversion, lang),
            format_ratio(row.benchmark, lang),
        ]
        for row in funnel.stages
    ]
    days = (funnel.cohort_end - funnel.cohort_start).days
    cohort = translate(
        "report.cohort",
        lang,
        size=format_number(funnel.cohort_size, lang),
        days=format_number(days, lang),
        won=format_number(funnel.cohort_won, lang),
    )
    leak = (
        translate("report.leak_at", lang, stage=stage_name(funnel.leak, lang))
        if funnel.leak
        else translate("report.no_leak", lang)
    )
    return [*_table(header, rows, "lrlrrrr"), "", INDENT + cohort, INDENT + leak]


def _outcome_lines(
    report: FunnelReport, lang: str, attainment: Attainment | None = None
) -> list[str]:
    o = report.outcomes
    won = translate("report.won_deals", lang, count=format_number(o.won_count, lang))
    if o.won_value:
        won += " · " + format_amounts(o.won_value, lang)
    growth = format_growth(o.growth, lang)
    previous = translate(
        "report.previous_bookings",
        lang,
        value=format_money(o.previous_won_value, o.currency, lang),
    )
    against = [] if attainment is None else [attainment_text(attainment, lang)]
    return _pairs(
        [
            (translate("report.bookings", lang), won),
            *[(translate("report.attainment", lang), text) for text in against],
            (translate("report.lost", lang), format_number(o.lost_count, lang)),
            (translate("report.win_rate", lang), format_ratio(o.win_rate, lang)),
            (translate("report.growth", lang), f"{growth} ({previous})"),
        ]
    )


def _activity_lines(report: FunnelReport, lang: str, names: Mapping[int, str]) -> list[str]:
    a = report.activity
    target = translate(
        "report.calls_target",
        lang,
        target=format_number(a.calls_target, lang),
        days=format_number(a.work_days, lang),
    )
    lines = [f"{INDENT}{translate('report.calls_per_rep', lang)} ({target})"]
    if a.calls:
        header = [
            translate("report.column.rep", lang),
            translate("report.column.calls", lang),
            translate("report.column.target", lang),
            "%",
        ]
        rows = [
            [
                person_name(row.member_id, names, lang, manager=row.manager),
                format_number(row.calls, lang),
                not_available(lang) if row.manager else format_number(a.calls_target, lang),
                format_ratio(
                    row.calls / a.calls_target if a.calls_target and not row.manager else None,
                    lang,
                ),
            ]
            for row in a.calls
        ]
        lines += [INDENT + line for line in _table(header, rows, "lrrr")]
    else:
        lines.append(INDENT * 2 + translate("report.no_data", lang))
    detail = translate(
        "report.followups_detail",
        lang,
        activities=format_number(a.activities, lang),
        deals=format_number(a.deals_touched, lang),
    )
    followups = a.followups_per_deal
    value = not_available(lang) if followups is None else _one_decimal(followups, lang)
    lines += ["", *_pairs([(translate("report.followups_per_deal", lang), f"{value} ({detail})")])]
    return lines


def _speed_lines(report: FunnelReport, lang: str) -> list[str]:
    s = report.speed
    cycle = translate("report.sales_cycle_detail", lang, count=format_number(s.cycle_deals, lang))
    response = translate(
        "report.lead_response_detail",
        lang,
        count=format_number(s.leads_responded, lang),
        awaiting=format_number(s.leads_awaiting_response, lang),
    )
    bottleneck = stage_name(s.bottleneck, lang) if s.bottleneck else not_available(lang)
    cycle_days = format_days(s.cycle_median_days, lang)
    response_hours = format_hours(s.lead_response_median_hours, lang)
    lines = _pairs(
        [
            (translate("report.sales_cycle", lang), f"{cycle_days} ({cycle})"),
            (translate("report.lead_response", lang), f"{response_hours} ({response})"),
            (translate("report.bottleneck", lang), bottleneck),
        ]
    )
    header = [
        translate("report.column.stage", lang),
        translate("report.column.median", lang),
        translate("report.column.stays", lang),
    ]
    rows = [
        [
            stage_name(row.stage, lang),
            format_days(row.median_days, lang),
            format_number(row.stays, lang),
        ]
        for row in s.stage_times
    ]
    return [
        *lines,
        "",
        INDENT + translate("report.time_in_stage", lang),
        *(INDENT + line for line in _table(header, rows, "lrr")),
    ]


def _hygiene_lines(
    report: FunnelReport, lang: str, names: Mapping[int, str], tz: ZoneInfo
) -> list[str]:
    h = report.hygiene
    labels = [translate(key, lang) for _, key in HYGIENE_LISTS]
    labels.append(translate("report.pile_up", lang))
    width = max(len(label) for label in labels)
    listed = [deal for kind, _ in HYGIENE_LISTS for deal in getattr(h, kind).deals]
    managers = {row.member_id for row in report.activity.calls if row.manager}
    ref_width = max((len(deal.ref) for deal in listed), default=0)
    lines = []
    for (kind, _key), label in zip(HYGIENE_LISTS, labels, strict=False):
        sample = getattr(h, kind)
        count = format_number(sample.total, lang)
        clear = "" if sample.total else "  " + translate("report.all_clear", lang)
        lines.append(f"{INDENT}{label.ljust(width)}  {count.rjust(4)}{clear}")
        for deal in sample.deals:
            detail = hygiene_detail(kind, deal, lang, tz)
            manager = deal.owner_id in managers
            owner = person_name(deal.owner_id, names, lang, manager=manager)
            lines.append(
                f"{INDENT * 2}{deal.ref.ljust(ref_width)}  {deal.name} · {owner} · {detail}"
            )
        if sample.total > len(sample.deals):
            more = format_number(sample.total - len(sample.deals), lang)
            lines.append(INDENT * 2 + translate("report.more_deals", lang, count=more))
    share = format_ratio(h.pile_up_share, lang)
    pile_up = f"{INDENT}{labels[-1].ljust(width)}  {share.rjust(4)}"
    if h.pile_up_share is not None:
        stage = stage_name(h.pile_up_stage, lang)
        pile_up += "  " + translate("report.pile_up_share_in", lang, stage=stage)
        if h.pile_up:
            pile_up += f" ({translate('report.pile_up_flag', lang)})"
    lines.append(pile_up)
    return lines


def _forecast_lines(report: FunnelReport, lang: str) -> list[str]:
    f = report.forecast
    lines = _pairs(
        [(translate("report.weighted_pipeline", lang), format_amounts(f.weighted, lang))]
    )
    header = [
        translate("report.column.stage", lang),
        translate("report.column.win_rate", lang),
        translate("report.column.closed", lang),
    ]
    rows = [
        [
            stage_name(row.stage, lang),
            format_ratio(row.rate, lang),
            f"{format_number(row.won, lang)} / {format_number(row.closed, lang)}",
        ]
        for row in f.win_rates
    ]
    lines += ["", INDENT + translate("report.stage_win_rates", lang)]
    lines += [INDENT + line for line in _table(header, rows, "lrr")]
    if f.unweighted_count:
        count = format_number(f.unweighted_count, lang)
        lines += ["", INDENT + translate("report.unweighted", lang, count=count)]
    return lines


def report_as_text(
    report: FunnelReport,
    lang: str,
    names: Mapping[int, str],
    tz: ZoneInfo,
    *,
    team: str | None = None,
    attainment: Attainment | None = None,
) -> str:
    """The whole report for a terminal: every metric, in ``lang``, columns aligned, dates in
    ``tz``; ``names`` turns member ids into names, ``team`` names the team it is about, and
    ``attainment`` how bookings stand against its quota."""
    title = " · ".join(
        [
            translate("report.title", lang),
            scope_label(report, lang, names, team),
            period_label(report.period_start, report.period_end, lang, tz),
        ]
    )
    first = format_day(_local_day(report.period_start, tz), lang)
    last = format_day(_local_day(report.period_end - timedelta(microseconds=1), tz), lang)
    subtitle = " · ".join(
        [
            translate("report.period.range", lang, start=first, end=last),
            translate("report.as_of", lang, moment=format_moment(report.now, lang, tz)),
            report.pipeline.name,
        ]
    )
    lines = [title, subtitle]
    lines += [*_heading("report.section.funnel", lang), *_funnel_lines(report, lang)]
    lines += [
        *_heading("report.section.outcomes", lang),
        *_outcome_lines(report, lang, attainment),
    ]
    lines += [*_heading("report.section.activity", lang), *_activity_lines(report, lang, names)]
    lines += [*_heading("report.section.speed", lang), *_speed_lines(report, lang)]
    lines += [
        *_heading("report.section.hygiene", lang),
        *_hygiene_lines(report, lang, names, tz),
    ]
    lines += [*_heading("report.section.forecast", lang), *_forecast_lines(report, lang)]
    return "\n".join(lines) + "\n"


# --- JSON -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportMember:
    """A member as the JSON names them: Corong's id, their Slack user id, and the name the
    other renderings print (their Slack name, else their Slack user id)."""

    member_id: int
    slack_user_id: str | None
    name: str | None


# Keys holding member ids, and the key beside each that names those members.
MEMBER_KEYS = {"member_id": "member", "owner_id": "owner", "owner_ids": "owners"}


def display_names(members: Mapping[int, ReportMember]) -> dict[int, str]:
    """The names the text renderings print, by member id (``#7`` for a nameless one)."""
    return {mid: member.name or f"#{mid}" for mid, member in members.items()}


def _member(member_id: int, members: Mapping[int, ReportMember]) -> dict[str, Any]:
    found = members.get(member_id) or ReportMember(member_id, None, None)
    return {"member_id": member_id, "slack_user_id": found.slack_user_id, "name": found.name}


def _with_members(fields: dict[str, Any], members: Mapping[int, ReportMember]) -> dict[str, Any]:
    """``fields`` with a member object (or a list of them) right after each member id key, so a
    script reads who a row is about without a second look-up; the id keys stay as they were."""
    named: dict[str, Any] = {}
    for key, value in fields.items():
        named[key] = value
        if key not in MEMBER_KEYS:
            continue
        if isinstance(value, list):
            named[MEMBER_KEYS[key]] = [_member(member_id, members) for member_id in value]
        else:
            named[MEMBER_KEYS[key]] = None if value is None else _member(value, members)
    return named


def _jsonable(value: Any, members: Mapping[int, ReportMember]) -> Any:
    """Plain JSON values: datetimes and dates as ISO 8601, money as value and currency, deals
    with their ``D-12`` reference, members named beside their ids, every dataclass as an
    object in field order."""
    if isinstance(value, Money):
        return {"value": value.value, "currency": value.currency}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {k: _jsonable(v, members) for k, v in _fields(value).items()}
        if isinstance(value, DealFacts):
            fields = {"ref": value.ref, **fields}
        return _with_members(fields, members)
    if isinstance(value, list | tuple):
        return [_jsonable(item, members) for item in value]
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v, members) for k, v in value.items()}
    return value


def _fields(value: Any) -> dict[str, Any]:
    return {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}


def report_as_json(
    report: FunnelReport,
    members: Mapping[int, ReportMember],
    attainment: Attainment | None = None,
) -> dict[str, Any]:
    """The whole report as a JSON-ready dict for scripts and spreadsheets: the report's own
    field names as keys (stable across releases, in field order), times in UTC ISO 8601,
    ratios as fractions (0.5, not 50), ``null`` where a metric is undefined. Beside every
    member id (``member_id``, ``owner_id``, ``owner_ids``) comes who that is (``member``,
    ``owner``, ``owners``): ``{"member_id", "slack_user_id", "name"}`` from ``members``."""
    result: dict[str, Any] = _jsonable(report, members)
    result["attainment"] = _jsonable(attainment, members)  # null: no quota for the period
    return result
