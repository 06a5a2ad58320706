"""``/sales team Jakarta forecast ...``: when a team's reps are asked for their forecast, when
they are reminded, and for which period.

    /sales team Jakarta forecast friday 14:00        the day and time of the ask
    /sales team Jakarta forecast due 17:00           the reminder, the same day
    /sales team Jakarta forecast quarter             forecasts per quarter (or month)
    /sales team Jakarta proyeksi jumat 14:00 tenggat 17:00 bulan
    /sales team Jakarta forecast off                 no ask, no reminder, no digest roll-up
    /sales team Jakarta proyeksi nyala               (on; Indonesian ``mati``/``nonaktif``: off)

Any of them in one command; what is not typed is kept. Off keeps the day (``ForecastSetting``),
so ``forecast on`` brings the call back as it was; ``/forecast`` works for the team's reps
either way. The team's managers and admins set it;
anyone reads it on the team's card. Times are the team's (its time zone, ``schedule tz:``), and
the day must be a work day. What is sent when: ``commands.posts.forecast``.
"""

from __future__ import annotations

import re

from commands import audit, permissions
from commands.context import CommandContext
from commands.errors import UsageError
from commands.grammar import Token
from commands.grammar.dates import WEEKDAYS
from commands.i18n import Phrase
from commands.posts.forecast import MONTH, QUARTER, ForecastSetting, stored_weekday
from commands.reports.policy import ReportPolicy
from storage import queries
from storage.models import Team

FORECAST_WORDS = ("forecast", "forecasts", "proyeksi", "prakiraan")
FORECAST_EXAMPLE = Phrase("example.team_forecast")
DUE_WORDS = ("due", "reminder", "remind", "tenggat", "pengingat")
PERIOD_WORDS = {
    "month": MONTH,
    "monthly": MONTH,
    "bulan": MONTH,
    "bulanan": MONTH,
    "quarter": QUARTER,
    "quarterly": QUARTER,
    "kuartal": QUARTER,
    "kuartalan": QUARTER,
    "triwulan": QUARTER,
}
ON_WORDS = ("on", "nyala", "aktif", "hidup")
OFF_WORDS = ("off", "mati", "nonaktif")
_CLOCK = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)")


def change_forecast(ctx: CommandContext, team: Team, args: list[Token]) -> dict[str, object] | None:
    """Change the team's forecast call as typed; the saved message's parameters, or None when
    nothing was typed after the word (the team's card shows it). Bad input changes nothing."""
    if not args:
        return None
    assert team.id is not None
    permissions.require_team_manager(
        ctx, team.id, team.name, "role.team_forecast_not_yours", example=FORECAST_EXAMPLE
    )
    queries.lock_workspace(ctx.session, ctx.workspace, exclusive=True)
    typed = _parse(args)
    current = ForecastSetting.of(team)
    weekday = typed.get("weekday", current.weekday)
    at = typed.get("time", _clock_text(current.at.hour, current.at.minute))
    due = typed.get("due", _clock_text(current.due.hour, current.due.minute))
    period = typed.get("period", current.period)
    on = typed.get("switch", "on" if current.on else "off") == "on"
    assert isinstance(weekday, int) and isinstance(at, str) and isinstance(due, str)
    work_days = ReportPolicy.from_workspace(ctx.workspace).work_days
    if weekday not in work_days:
        raise UsageError(
            "team.forecast_not_work_day",
            example=FORECAST_EXAMPLE,
            day=Phrase(f"forecast_weekday.{weekday}"),
            days=tuple(Phrase(f"forecast_weekday.{day}") for day in work_days),
        )
    if due <= at:  # both "HH:MM": text order is time order
        raise UsageError("team.forecast_due_early", example=FORECAST_EXAMPLE, due=due, time=at)
    team.forecast_weekday = stored_weekday(weekday, on=on)
    team.forecast_time, team.forecast_due = at, due
    team.forecast_period = str(period)
    ctx.session.add(team)
    ctx.session.flush()
    chosen = {"weekday": weekday, "time": at, "due": due, "period": team.forecast_period, "on": on}
    audit.record(ctx, "team.forecast", after={"team": team.name, "forecast": chosen})
    if not on:
        return {"key": "team.forecast_off", "team": team.name}
    return {
        "team": team.name,
        "day": Phrase(f"forecast_weekday.{weekday}"),
        "time": at,
        "due": due,
        "period": Phrase(f"forecast_period.{team.forecast_period}"),
        "tz": team.timezone or ctx.workspace.timezone,
    }


def _parse(args: list[Token]) -> dict[str, int | str]:
    """The settings typed, each at most once; a clear refusal for anything else."""
    typed: dict[str, int | str] = {}

    def put(name: str, value: int | str, token: Token) -> None:
        if name in typed:
            raise UsageError("team.forecast_twice", example=FORECAST_EXAMPLE, text=token.value)
        typed[name] = value

    waiting_due: Token | None = None
    for token in args:
        word = token.value.casefold()
        if token.kind == "option" and (token.key or "").casefold() in DUE_WORDS:
            put("due", _clock(token.value, token), token)
            continue
        if token.kind != "word":
            raise UsageError("team.forecast_usage", example=FORECAST_EXAMPLE, text=_typed(token))
        if waiting_due is not None:
            put("due", _clock(token.value, token), token)
            waiting_due = None
        elif word in DUE_WORDS:
            waiting_due = token
        elif word in WEEKDAYS:
            put("weekday", WEEKDAYS[word], token)
        elif word in ON_WORDS or word in OFF_WORDS:
            put("switch", "on" if word in ON_WORDS else "off", token)
        elif word in PERIOD_WORDS:
            put("period", PERIOD_WORDS[word], token)
        elif "@" in word and word.split("@", 1)[0] in WEEKDAYS:  # fri@14:00, as digests take
            day, clock = word.split("@", 1)
            put("weekday", WEEKDAYS[day], token)
            put("time", _clock(clock, token), token)
        else:
            put("time", _clock(token.value, token), token)
    if waiting_due is not None:
        raise UsageError("team.forecast_due_missing", example=FORECAST_EXAMPLE)
    return typed


def _clock(text: str, token: Token) -> str:
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        raise UsageError("team.forecast_usage", example=FORECAST_EXAMPLE, text=_typed(token))
    return _clock_text(int(match.group(1)), int(match.group(2)))


def _clock_text(hour: int, minute: int) -> str:
    return f"{hour:02d}:{minute:02d}"


def _typed(token: Token) -> str:
    return f"{token.key}:{token.value}" if token.kind == "option" else token.value
