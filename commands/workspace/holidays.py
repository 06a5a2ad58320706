"""``/sales holidays`` (``/sales libur``): the days off ahead, and (admins) the country whose
public holidays count, the company's own days off, and public holidays the company works.

    /sales holidays                            the next days off
    /sales holidays country SG                 follow Singapore's public holidays
    /sales holidays add 2027-08-19 "Offsite"   a company day off
    /sales holidays remove 2027-08-19          take it back (or work a public holiday)
"""

from __future__ import annotations

from datetime import date, timedelta

from commands import permissions
from commands.calendar.public import country_known, public_holidays
from commands.calendar.replies import DayOffLine, HolidayList
from commands.calendar.workdays import WorkCalendar
from commands.context import CommandContext
from commands.errors import UsageError
from commands.grammar import Token, parse_date
from commands.grammar.free_text import check_length, clean_text
from commands.grammar.lexer import join_words
from commands.i18n import Phrase, Text
from commands.reports.policy import calendar_of
from storage import calendar, queries

COUNTRY_WORDS = ("country", "negara")
ADD_WORDS = ("add", "tambah")
REMOVE_WORDS = ("remove", "hapus")
LIST_EXAMPLE = "/sales holidays"
COUNTRY_EXAMPLE = Phrase("example.holidays_country")
ADD_EXAMPLE = Phrase("example.holidays_add")
REMOVE_EXAMPLE = Phrase("example.holidays_remove")
SHOWN = 10  # days off listed
_AHEAD = timedelta(days=366)


def run_holidays(ctx: CommandContext, tokens: list[Token]) -> HolidayList:
    """Dispatch ``/sales holidays …``."""
    if not tokens:
        return holiday_list(ctx, "holidays.list", {})
    word = tokens[0].value.casefold() if tokens[0].kind == "word" else ""
    if word in COUNTRY_WORDS:
        return _set_country(ctx, tokens[1:])
    if word in ADD_WORDS:
        return _add(ctx, tokens[1:])
    if word in REMOVE_WORDS:
        return _remove(ctx, tokens[1:])
    raise UsageError("holidays.usage", example=ADD_EXAMPLE, text=tokens[0].value[:40])


def holiday_list(ctx: CommandContext, key: str, params: dict[str, object]) -> HolidayList:
    """The next days off (public holidays, the company's own) from today, and the public
    holidays the company works."""
    today = ctx.today
    cal = _calendar(ctx, today)
    upcoming = cal.days_off_between(today, today + _AHEAD)
    worked = [
        DayOffLine(day, "worked", public_holidays(cal.country, day.year, ctx.lang).get(day, name))
        for day, (name, works) in sorted(cal.own_days.items())
        if works and day >= today
    ]
    return HolidayList(
        key,
        params,
        country=cal.country or ctx.workspace.holiday_country,
        days=tuple(DayOffLine(day, off.kind, off.name) for day, off in upcoming[:SHOWN]),
        more=max(0, len(upcoming) - SHOWN),
        worked=tuple(worked),
    )


def _calendar(ctx: CommandContext, around: date) -> WorkCalendar:
    return calendar_of(ctx.session, ctx.workspace, around=around, lang=ctx.lang)


def parse_country(tokens: list[Token], example: Text) -> str:
    """An ISO 3166 country code the holidays calendar knows (``SG``, ``id``)."""
    if len(tokens) != 1 or tokens[0].kind != "word":
        raise UsageError("holidays.country_usage", example=example)
    code = tokens[0].value.upper()
    if not country_known(code):
        raise UsageError(
            "holidays.unknown_country",
            example=example,
            text=tokens[0].value[:20],
        )
    return code


def _set_country(ctx: CommandContext, tokens: list[Token]) -> HolidayList:
    permissions.require_admin(ctx, example=COUNTRY_EXAMPLE)
    code = parse_country(tokens, COUNTRY_EXAMPLE)
    queries.lock_workspace(ctx.session, ctx.workspace, exclusive=True)
    ctx.workspace.holiday_country = code
    ctx.session.add(ctx.workspace)
    ctx.session.flush()
    return holiday_list(ctx, "holidays.country_set", {"country": code})


def _day(ctx: CommandContext, tokens: list[Token], example: Phrase) -> date:
    if not tokens or tokens[0].kind not in ("word", "quoted"):
        raise UsageError("holidays.date_missing", example=example)
    day = parse_date(tokens[0].value, ctx.today)
    if day < ctx.today:
        raise UsageError("holidays.day_past", example=example, day=day)
    return day


def _add(ctx: CommandContext, tokens: list[Token]) -> HolidayList:
    permissions.require_admin(ctx, example=ADD_EXAMPLE)
    day = _day(ctx, tokens, ADD_EXAMPLE)
    rest = tokens[1:]
    if any(token.kind not in ("word", "quoted") for token in rest):
        raise UsageError("holidays.add_usage", example=ADD_EXAMPLE)
    name = check_length("name", clean_text(join_words(rest)), 100, ADD_EXAMPLE) or ""
    calendar.set_company_day(
        ctx.session,
        workspace_id=ctx.workspace_id,
        day=day,
        name=name,
        works=False,
        member_id=ctx.member_id,
        now=ctx.now,
    )
    return holiday_list(ctx, "holidays.added", {"day": day, "name": name or "—"})


def _remove(ctx: CommandContext, tokens: list[Token]) -> HolidayList:
    """Take back a company day off; on a public holiday, the company works it instead."""
    permissions.require_admin(ctx, example=REMOVE_EXAMPLE)
    day = _day(ctx, tokens, REMOVE_EXAMPLE)
    if len(tokens) > 1:
        raise UsageError("holidays.remove_usage", example=REMOVE_EXAMPLE)
    own = calendar.company_day(ctx.session, workspace_id=ctx.workspace_id, day=day)
    if own is not None and not own.works:
        calendar.forget_company_day(ctx.session, row=own)
        return holiday_list(ctx, "holidays.removed", {"day": day, "name": own.name or "—"})
    cal = _calendar(ctx, day)
    off = cal.day_off(day)
    if off is None or off.kind != "holiday":
        raise UsageError("holidays.not_a_day_off", example=LIST_EXAMPLE, day=day)
    calendar.set_company_day(
        ctx.session,
        workspace_id=ctx.workspace_id,
        day=day,
        name=off.name,
        works=True,
        member_id=ctx.member_id,
        now=ctx.now,
    )
    return holiday_list(ctx, "holidays.worked", {"day": day, "name": off.name})
