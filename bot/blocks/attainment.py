"""Attainment as Block Kit: the App Home's (one's own, a manager's teams with a table of their
people) and the weekly digest's (a line per period in the summary, the table in the thread).

Tables here are aligned text (``in_message=False``): the App Home has no table blocks, and the
digest carries several tables. Amounts in a table are compact (``240 jt``, ``240M``), with the
currency in the column's header; the lines above them give the full amounts.
"""

from __future__ import annotations

from babel.numbers import format_percent
from slack_sdk.models.blocks import Block, DividerBlock

from bot.blocks.elements import SECTION_TEXT_LIMIT, clip, context, section
from bot.blocks.tables import Table, table_blocks
from bot.blocks.text import escape, plain, say
from commands.i18n.formatting import babel_locale, compact_amount
from commands.reports.attainment import Attainment, attainment_text
from commands.reports.standings import HomeStanding, PersonStanding, Standing, TeamStanding

PERIOD_LABELS = {"month": "attainment.month_to_date", "quarter": "attainment.quarter_to_date"}
TABLE_TITLES = {"month": "attainment.table_month", "quarter": "attainment.table_quarter"}


def percent(share: float, lang: str) -> str:
    """``48%``."""
    return format_percent(share, locale=babel_locale(lang))


def standing_lines(standing: Standing, lang: str) -> list[str]:
    """``*Month to date*: 48% of the IDR 500,000,000 month quota · at this pace 63% by month
    end``, then the quarter's, for what has a quota."""
    lines = []
    for att in (standing.month, standing.quarter):
        if att is not None:
            lines.append(
                f"*{plain(PERIOD_LABELS[att.period], lang)}*: {attainment_text(att, lang)}"
            )
    return lines


def _of(person: PersonStanding, kind: str) -> Attainment | None:
    return person.standing.month if kind == "month" else person.standing.quarter


def people_table(team: TeamStanding, kind: str, lang: str) -> Table:
    """Each person's bookings this month (or quarter) against their own quota, with the pace;
    a dash where they have no quota."""
    manager = plain("report.manager_mark", lang)
    rows = []
    for person in team.people:
        att = _of(person, kind)
        booked = person.booked_month if kind == "month" else person.booked_quarter
        rows.append(
            [
                f"{person.name} {manager}" if person.manager else person.name,
                compact_amount(booked, lang),
                compact_amount(att.quota, lang) if att else "",
                percent(att.attainment, lang) if att else "",
                percent(att.pace, lang) if att and att.pace is not None else "",
            ]
        )
    header = [
        plain("attainment.column.name", lang),
        plain("attainment.column.booked", lang, currency=team.currency),
        plain("attainment.column.quota", lang),
        plain("attainment.column.share", lang),
        plain("attainment.column.pace", lang),
    ]
    return Table(header, rows, numeric=(False, True, True, True, True))


def _table_kinds(team: TeamStanding) -> list[str]:
    """The month's table always (who booked what this month), the quarter's when someone has
    a quarter quota of their own."""
    kinds = ["month"]
    if any(person.standing.quarter is not None for person in team.people):
        kinds.append("quarter")
    return kinds if team.people else []


def _team_blocks(team: TeamStanding, lang: str, *, title: str) -> list[Block]:
    """The team's lines, then a table per period: at most three blocks."""
    lines = standing_lines(team.standing, lang) or [f"_{plain('attainment.team_no_quota', lang)}_"]
    blocks: list[Block] = [section(clip("\n".join([title, *lines]), SECTION_TEXT_LIMIT))]
    for kind in _table_kinds(team):
        table = people_table(team, kind, lang)
        if len(_table_kinds(team)) > 1:
            blocks.append(context(plain(TABLE_TITLES[kind], lang)))
        blocks.extend(table_blocks(table, in_message=False))
    return blocks


def home_attainment_blocks(home: HomeStanding | None, lang: str) -> list[Block]:
    """The App Home's attainment: one's own, then each managed team with its table; a manager
    whose teams have no quota is told how to set one. Nothing for a rep without a quota."""
    if home is None:
        return []
    blocks: list[Block] = []
    own = standing_lines(home.own, lang)
    if own:
        title = f"*:dart: {plain('attainment.yours', lang)}*"
        blocks.append(section(clip("\n".join([title, *own]), SECTION_TEXT_LIMIT)))
    for team in home.teams:
        title = f"*:dart: {escape(plain('attainment.team', lang, team=team.name))}*"
        blocks.extend(_team_blocks(team, lang, title=title))
    if home.teams_more:
        blocks.append(context(say("attainment.teams_more", lang, count=home.teams_more)))
    if home.manager and not home.teams:
        blocks.append(context(plain("attainment.hint", lang)))
    if blocks:
        blocks.append(DividerBlock())
    return blocks


def digest_attainment_lines(team: TeamStanding | None, lang: str) -> list[str]:
    """The digest summary's lines: the team's month and quarter to date as of the post."""
    if team is None:
        return []
    return [f":dart: {line}" for line in standing_lines(team.standing, lang)]


def digest_attainment_blocks(team: TeamStanding | None, lang: str) -> list[Block]:
    """The digest thread's attainment: the team's lines and its people's table(s)."""
    if team is None:
        return []
    title = f"*{plain('report.attainment', lang)}*"
    return _team_blocks(team, lang, title=title)
