"""The forecast call in Block Kit: the rep's modal, its confirmation, the roll-up (a table in a
message; aligned text on the App Home and in the digest) and the rep's own App Home line."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_percent
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    DividerBlock,
    InputBlock,
    PlainTextInputElement,
)
from slack_sdk.models.views import View

from bot import ids
from bot.blocks.elements import RenderedMessage, button, clip, context, section
from bot.blocks.tables import Table, table_blocks
from bot.blocks.text import escape, plain, say
from commands.forecasts.accuracy import Accuracy
from commands.forecasts.replies import (
    ForecastForm,
    ForecastHome,
    ForecastRollup,
    ForecastSaved,
    MyForecast,
    RepLine,
    TeamRollup,
)
from commands.i18n import translate
from commands.i18n.formatting import babel_locale, compact_amount, format_moment, format_money
from commands.posts.replies import Digest
from commands.reports.standings import HomeStanding, TeamStanding

AMOUNT_MAX_LENGTH = 40
NOTE_MAX_LENGTH = 1000
TABLE_CHARS = 9_500  # Slack allows 10,000 characters across a table's cells


def period_label(kind: str, first: date, lang: str) -> str:
    """``December 2026`` / ``Desember 2026``, or ``Q4 2026`` / ``K4 2026``."""
    if kind == "quarter":
        return translate(
            "forecast.quarter", lang, number=(first.month - 1) // 3 + 1, year=first.year
        )
    return format_date(first, "LLLL y", locale=babel_locale(lang))


def _short_period(kind: str, first: date, lang: str) -> str:
    """``Dec 2026`` or ``Q4 2026``: a past period in the accuracy lines."""
    if kind == "quarter":
        return period_label(kind, first, lang)
    return format_date(first, "LLL y", locale=babel_locale(lang))


def percent(share: float, lang: str) -> str:
    return format_percent(share, locale=babel_locale(lang))


# --- the modal ---------------------------------------------------------------------------------


def forecast_modal(reply: ForecastForm, lang: str, tz: ZoneInfo, metadata: dict[str, str]) -> View:
    """The modal: the period, this week's weighted pipeline and the rep's accuracy, then commit,
    best case and a note. ``metadata`` travels in private_metadata with the period added."""
    period = period_label(reply.kind, reply.first, lang)
    weighted = format_money(reply.weighted, reply.currency, lang)
    intro = [
        say("forecast.modal_heading", lang, period=period),
        say("forecast.weighted_now", lang, amount=weighted),
    ]
    blocks: list[Block] = [section("\n".join(intro))]
    if reply.submitted_at is not None:
        moment = format_moment(reply.submitted_at, lang, tz)
        blocks.append(context(say("forecast.submitted_before", lang, moment=moment)))
    elif reply.prefill:
        blocks.append(context(say("forecast.filled_from_latest", lang)))
    if reply.accuracy is not None:
        blocks.append(context(accuracy_text(reply.accuracy, reply.currency, lang)))
    prefill = reply.prefill
    blocks += [
        _amount_input("commit", "forecast.commit", lang, prefill.get("commit"), weighted=weighted),
        _amount_input("best_case", "forecast.best_case", lang, prefill.get("best_case")),
        InputBlock(
            block_id=ids.field_block_id("note"),
            label=plain("forecast.note", lang),
            optional=True,
            element=PlainTextInputElement(
                action_id="note",
                multiline=True,
                initial_value=prefill.get("note") or None,
                placeholder=plain("forecast.note_placeholder", lang),
                max_length=NOTE_MAX_LENGTH,
            ),
        ),
    ]
    private = {**metadata, "p": reply.kind, "s": reply.first.isoformat()}
    return View(
        type="modal",
        callback_id=ids.FORECAST_CALLBACK,
        title=plain("forecast.modal_title", lang),
        submit=plain("forecast.modal_submit", lang),
        close=plain("modal.cancel", lang),
        private_metadata=json.dumps(private, separators=(",", ":")),
        blocks=blocks,
    )


def _amount_input(
    name: str, label_key: str, lang: str, initial: str | None, *, weighted: str | None = None
) -> InputBlock:
    hint = (
        plain("forecast.commit_hint", lang, amount=weighted)
        if weighted is not None
        else plain("forecast.best_case_hint", lang)
    )
    return InputBlock(
        block_id=ids.field_block_id(name),
        label=plain(label_key, lang),
        hint=hint,
        element=PlainTextInputElement(
            action_id=name,
            initial_value=initial or None,
            placeholder="500jt",
            max_length=AMOUNT_MAX_LENGTH,
        ),
    )


def accuracy_text(accuracy: Accuracy, currency: str, lang: str) -> str:
    """The average (``Last 6 months: 92% of commit booked on average``), then each period."""
    average = accuracy.average
    if average is None:
        head = say("forecast.accuracy_no_commit", lang)
    else:
        head = say(
            f"forecast.accuracy.{accuracy.kind}",
            lang,
            count=len(accuracy.periods),
            share=percent(average, lang),
        )
    lines = [head]
    for period in accuracy.periods:
        label = _short_period(accuracy.kind, period.first, lang)
        booked = format_money(period.booked, period.currency, lang)
        if period.commit is None or period.accuracy is None:
            lines.append(say("forecast.accuracy_period_none", lang, period=label, booked=booked))
            continue
        lines.append(
            say(
                "forecast.accuracy_period",
                lang,
                period=label,
                booked=booked,
                commit=format_money(period.commit, period.currency, lang),
                share=percent(period.accuracy, lang),
            )
        )
    return clip("\n".join(lines), 2000)


# --- the confirmation --------------------------------------------------------------------------


def render_forecast_saved(reply: ForecastSaved, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """What was saved, the weighted pipeline now, and the change from the commit it replaced."""
    money = partial(format_money, currency=reply.currency, lang=lang)
    head = say(
        "forecast.saved",
        lang,
        period=period_label(reply.kind, reply.first, lang),
        commit=money(reply.commit),
        best_case=money(reply.best_case),
    )
    lines = [say("forecast.saved_weighted", lang, amount=money(reply.weighted))]
    if reply.previous_commit is not None:
        change = signed_money(reply.commit - reply.previous_commit, reply.currency, lang)
        lines.append(
            say("forecast.saved_change", lang, previous=money(reply.previous_commit), change=change)
        )
    blocks: list[Block] = [section(head), context("\n".join(lines))]
    return RenderedMessage(text=clip(head, 3000), blocks=blocks)


def signed_money(value: int, currency: str, lang: str) -> str:
    """``+IDR 50,000,000``, ``−Rp 20.000.000`` or the plain zero."""
    if value == 0:
        return format_money(0, currency, lang)
    sign = "+" if value > 0 else "\u2212"
    return sign + format_money(abs(value), currency, lang)


# --- the roll-up -------------------------------------------------------------------------------


FULL_COLUMNS = ("rep", "commit", "best_case", "weighted", "booked", "quota", "change", "accuracy")
# Beside the attainment table (which has each rep's booked and quota), those two go.
HOME_COLUMNS = ("rep", "commit", "best_case", "weighted", "change", "accuracy")
DIGEST_COLUMNS = ("rep", "commit", "best_case", "weighted", "booked", "change")
DIGEST_BESIDE_COLUMNS = ("rep", "commit", "best_case", "weighted", "change")
_AMOUNTS = ("commit", "best_case", "weighted", "booked", "quota")


def rollup_table(
    rollups: Sequence[TeamRollup],
    currency: str,
    lang: str,
    *,
    columns: Sequence[str] = FULL_COLUMNS,
) -> Table:
    """One table for the teams: each rep, then the team's total. Amounts are compact (``300M``,
    ``300 jt``) so the table fits a phone; the commit's header names the currency once."""
    header = [
        translate("forecast.col.commit_in", lang, currency=currency)
        if key == "commit"
        else translate(f"forecast.col.{key}", lang)
        for key in columns
    ]
    rows: list[list[str]] = []
    for team in rollups:
        for line in team.reps:
            rows.append(_cells(line, columns, lang))
        if len(rollups) > 1 or team.reps:
            total = _cells(team.total, columns, lang, total=True)
            total[0] = translate("forecast.total", lang, team=team.name)
            rows.append(total)
    return Table(header, rows, numeric=[False, *([True] * (len(columns) - 1))])


def _cells(line: RepLine, keys: Sequence[str], lang: str, *, total: bool = False) -> list[str]:
    """A rep's cells; a team's total (``total``) shows a dash under commit when nobody has
    submitted (else the sum of the commits submitted: the line above says how many)."""
    amount = partial(compact_amount, lang=lang)
    dash = "\u2013"
    if line.commit is not None:
        commit = amount(line.commit)
    else:
        commit = dash if total else translate("forecast.not_submitted", lang)
    cells: dict[str, str] = {
        "rep": translate("forecast.away", lang, name=line.name) if line.away else line.name,
        "commit": commit,
        "best_case": amount(line.best_case) if line.best_case is not None else dash,
        "weighted": amount(line.weighted),
        "booked": amount(line.booked),
        "quota": amount(line.quota) if line.quota is not None else dash,
        "change": _change(line, lang),
        "accuracy": percent(line.accuracy, lang) if line.accuracy is not None else dash,
    }
    return [cells[key] for key in keys]


def signed_compact(value: int, lang: str) -> str:
    """``+50M``, ``\u221220 jt`` or ``0``: a change in a table cell."""
    if value == 0:
        return compact_amount(0, lang)
    return ("+" if value > 0 else "\u2212") + compact_amount(abs(value), lang)


def _change(line: RepLine, lang: str) -> str:
    if line.change is not None:
        return signed_compact(line.change, lang)
    if line.commit is not None and line.user_id:  # a rep whose first commit is this week's
        return translate("forecast.new", lang)
    return "\u2013"


def _team_line(team: TeamRollup, lang: str, key: str = "forecast.rollup_team") -> str:
    submitted = sum(1 for line in team.reps if line.submitted)
    return say(
        key,
        lang,
        team=team.name,
        period=period_label(team.kind, team.first, lang),
        submitted=submitted,
        reps=len(team.reps),
    )


def _table_chars(table: Table) -> int:
    return sum(len(cell) for row in [table.header, *table.rows] for cell in row)


def render_rollup(reply: ForecastRollup, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """``/forecast team``: a line per team (its period, who submitted), then one table."""
    title = plain("forecast.rollup_title", lang)
    lines = [f"*{escape(title)}*"]
    for team in reply.teams:
        lines.append(_team_line(team, lang))
        if not team.reps:
            lines.append(say("forecast.rollup_no_reps", lang, team=team.name))
    table = rollup_table(reply.teams, reply.currency, lang)
    blocks: list[Block] = [section("\n".join(lines))]
    blocks += table_blocks(table, in_message=_table_chars(table) <= TABLE_CHARS)
    blocks.append(context(say("forecast.rollup_explained", lang)))
    return RenderedMessage(text=title, blocks=blocks)


# --- the App Home and the digest ------------------------------------------------------------


def attainment_beside(team: TeamRollup, standings: Sequence[TeamStanding]) -> bool:
    """Whether the attainment table shown next to the roll-up has this team's people's booked
    and quota for the roll-up's period (the month's table always, the quarter's when someone
    has a quarter quota: ``bot.blocks.attainment``)."""
    standing = next((s for s in standings if s.name == team.name), None)
    if standing is None or not standing.people:
        return False
    if team.kind == "month":
        return True
    return any(person.standing.quarter is not None for person in standing.people)


def home_rollup_blocks(
    rollups: Sequence[TeamRollup],
    currency: str,
    lang: str,
    beside: Sequence[TeamStanding] = (),
) -> list[Block]:
    """A manager's App Home: their teams' roll-up as aligned text (no table blocks there);
    booked and quota are left to the attainment table above when it shows every team's."""
    if not rollups:
        return []
    title = plain("forecast.rollup_title", lang)
    lines = [f"*{escape(title)}*", *(_team_line(team, lang) for team in rollups)]
    blocks: list[Block] = [section("\n".join(lines))]
    shown = all(attainment_beside(team, beside) for team in rollups)
    columns = HOME_COLUMNS if shown else FULL_COLUMNS
    table = rollup_table(rollups, currency, lang, columns=columns)
    blocks += table_blocks(table, in_message=False)
    return blocks


def home_mine_blocks(mine: MyForecast, lang: str) -> list[Block]:
    """A rep's App Home: their own commit and best case for the period, and a button to update
    it (the same modal ``/forecast`` opens)."""
    money = partial(format_money, currency=mine.currency, lang=lang)
    period = period_label(mine.kind, mine.first, lang)
    if mine.commit is not None and mine.best_case is not None:
        text = say(
            "forecast.home_mine",
            lang,
            commit=money(mine.commit),
            best_case=money(mine.best_case),
            weighted=money(mine.weighted),
        )
        label = "forecast.home_update"
    else:
        text = say("forecast.home_none", lang, period=period, weighted=money(mine.weighted))
        label = "forecast.home_submit"
    blocks: list[Block] = [
        section(say("forecast.home_title", lang, period=period) + "\n" + text),
        ActionsBlock(
            elements=[button(plain(label, lang), ids.FORECAST_OPEN, mine.first.isoformat())]
        ),
    ]
    if mine.accuracy is not None:
        blocks.append(context(accuracy_text(mine.accuracy, mine.currency, lang)))
    return blocks


def digest_rollup_blocks(
    team: TeamRollup, currency: str, lang: str, beside: TeamStanding | None = None
) -> list[Block]:
    """The weekly digest's compact roll-up of its team: a heading and aligned text (the
    digest carries several tables, so none is a table block). No quota or accuracy; no
    booked either when the digest's attainment table has it."""
    if not team.reps:
        return []
    heading = _team_line(team, lang, "forecast.digest_title")
    shown = beside is not None and attainment_beside(team, [beside])
    columns = DIGEST_BESIDE_COLUMNS if shown else DIGEST_COLUMNS
    table = rollup_table([team], currency, lang, columns=columns)
    return [section(heading), *table_blocks(table, in_message=False)]


def view_metadata(view: dict[str, Any]) -> dict[str, str]:
    """The modal's private_metadata as written; anything else counts as empty."""
    try:
        data = json.loads(view.get("private_metadata") or "{}")
    except (ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: value for key, value in data.items() if isinstance(value, str)}


def home_forecast_blocks(
    home: ForecastHome | None, lang: str, attainment: HomeStanding | None = None
) -> list[Block]:
    """The App Home's forecast section, ending in a divider; nothing without one.
    ``attainment``: the App Home's attainment section above it, whose tables the roll-up
    does not repeat."""
    if home is None:
        return []
    if home.rollups:
        beside = attainment.teams if attainment is not None else ()
        blocks = home_rollup_blocks(home.rollups, home.currency, lang, beside)
    elif home.mine is not None:
        blocks = home_mine_blocks(home.mine, lang)
    else:
        return []
    return [*blocks, DividerBlock()]


def digest_forecast_blocks(digest: Digest, lang: str) -> list[Block]:
    """The digest's forecast section: its team's compact roll-up (nothing without reps)."""
    if digest.forecast is None:
        return []
    return digest_rollup_blocks(
        digest.forecast, digest.funnel.currency, lang, beside=digest.attainment
    )
