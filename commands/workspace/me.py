"""``/sales me`` (``/sales saya``): a person's own settings, which anyone may change for
themselves, and the App Home's selects change the same way.

    /sales me                            what they are
    /sales me nudge 07:30                the nudge's time, in their own zone (default: 08:30)
    /sales me nudges weekly              daily, weekly (the week's first work day) or off
    /sales me language id                the language Corong speaks to them (auto: Slack's)
    /sales me quiet 19:00-07:00          quiet hours: nothing scheduled reaches them (or off)

Indonesian: ``pengingat`` (07:30, harian, mingguan, mati), ``bahasa`` (id, en, otomatis),
``tenang`` or ``sepi`` (19:00-07:00, mati). A setting is personal, so it is not audited (undo
takes back changes to deals); bad input changes nothing. Choosing daily nudges also clears a
streak of unanswered ones (``commands.posts.prefs``): the rep asked for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from commands.context import CommandContext
from commands.errors import UsageError
from commands.grammar import Token
from commands.grammar.lexer import join_words
from commands.i18n import Phrase, language_for
from commands.posts.prefs import (
    CADENCES,
    DAILY,
    NOT_ACTING,
    OFF,
    WEEKLY,
    NudgePrefs,
    clock_text,
    read_clock,
)
from commands.replies import Reply

NUDGE_WORDS = ("nudge", "nudges", "pengingat")
LANGUAGE_WORDS = ("language", "lang", "bahasa")
QUIET_WORDS = ("quiet", "tenang", "sepi")
CADENCE_WORDS = {
    DAILY: DAILY,
    "harian": DAILY,
    "on": DAILY,
    WEEKLY: WEEKLY,
    "mingguan": WEEKLY,
    OFF: OFF,
    "mati": OFF,
    "none": OFF,
}
DEFAULT_WORDS = ("default", "bawaan")
LANGUAGE_CHOICES: dict[str, str | None] = {
    "en": "en",
    "english": "en",
    "inggris": "en",
    "id": "id",
    "indonesia": "id",
    "indonesian": "id",
    "auto": None,
    "otomatis": None,
    "slack": None,
}
NO_QUIET_WORDS = ("off", "mati", "none", "tidak")
NUDGE_EXAMPLE = Phrase("example.me_nudge")
CADENCE_EXAMPLE = Phrase("example.me_nudges")
LANGUAGE_EXAMPLE = Phrase("example.me_language")
QUIET_EXAMPLE = Phrase("example.me_quiet")
_QUIET = re.compile(r"(\S+?)\s*(?:-|\u2013|\u2014|\s)\s*(\S+)")


@dataclass(frozen=True)
class MySettings(Reply):
    """A person's settings under a headline (``key``): what ``/sales me`` shows, and the
    App Home's "Your settings"."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    nudge_time: str = "08:30"
    time_chosen: bool = False
    zone: str = "UTC"
    cadence: str = DAILY
    not_acting: bool = False  # weekly for now: their last nudges went unanswered
    language: str | None = None  # chosen; None: their Slack's
    speaks: str = "en"  # the language Corong speaks to them now
    quiet: tuple[str, str] | None = None
    quiet_end_moves: bool = False  # their nudge time is in quiet hours: it waits for the end
    quiet_skips: bool = False  # ... which last past midnight: no nudge at all


def my_settings(
    ctx: CommandContext, key: str = "me.settings", params: dict[str, Any] | None = None
) -> MySettings:
    """The caller's settings as they stand, under ``key``."""
    prefs = NudgePrefs.of(ctx.member, at=ctx.now)
    at, quiet_end = prefs.fire_time()
    return MySettings(
        key,
        params or {},
        nudge_time=clock_text(prefs.nudge_at),
        time_chosen=prefs.time_chosen,
        zone=ctx.tz.key,
        cadence=prefs.cadence,
        not_acting=prefs.weekly == NOT_ACTING,
        language=prefs.language,
        speaks=ctx.lang,
        quiet=(clock_text(prefs.quiet[0]), clock_text(prefs.quiet[1])) if prefs.quiet else None,
        quiet_end_moves=at is not None and quiet_end is not None,
        quiet_skips=at is None,
    )


def run_me(ctx: CommandContext, tokens: list[Token]) -> MySettings:
    """Dispatch ``/sales me …``."""
    if not tokens:
        return my_settings(ctx)
    word = tokens[0].value.casefold() if tokens[0].kind == "word" else ""
    rest = join_words(tokens[1:]).strip()
    if word in NUDGE_WORDS:
        if not rest:
            raise UsageError("me.nudge_missing", example=NUDGE_EXAMPLE)
        if rest.casefold() in CADENCE_WORDS:
            return set_cadence(ctx, rest)
        return set_nudge_time(ctx, rest)
    if word in LANGUAGE_WORDS:
        if not rest:
            raise UsageError("me.language_missing", example=LANGUAGE_EXAMPLE)
        return set_language(ctx, rest)
    if word in QUIET_WORDS:
        if not rest:
            raise UsageError("me.quiet_missing", example=QUIET_EXAMPLE)
        return set_quiet(ctx, rest)
    raise UsageError("me.usage", example=NUDGE_EXAMPLE, text=tokens[0].text[:40])


def set_nudge_time(ctx: CommandContext, text: str) -> MySettings:
    """The caller's nudge comes at ``text`` (``07:30``), or Corong's usual time (``default``)."""
    if text.strip().casefold() in DEFAULT_WORDS:
        ctx.member.nudge_time = None
        prefs = NudgePrefs.of(ctx.member)
        return _changed(ctx, "me.time_default", time=clock_text(prefs.nudge_at))
    at = read_clock(text)
    if at is None:
        raise UsageError("me.nudge_bad", example=NUDGE_EXAMPLE, text=text[:40])
    ctx.member.nudge_time = clock_text(at)
    return _changed(ctx, "me.time_set", time=clock_text(at))


def set_cadence(ctx: CommandContext, text: str) -> MySettings:
    """Daily nudges, a weekly summary, or none. Asking for daily ones also ends a streak of
    unanswered nudges that turned them weekly."""
    cadence = CADENCE_WORDS.get(text.strip().casefold())
    if cadence is None or cadence not in CADENCES:
        raise UsageError("me.nudge_bad", example=CADENCE_EXAMPLE, text=text[:40])
    ctx.member.nudge_cadence = cadence
    if cadence == DAILY:
        ctx.member.nudges_ignored = 0
        ctx.member.nudge_acted = True
    return _changed(ctx, f"me.cadence_set.{cadence}")


def set_language(ctx: CommandContext, text: str) -> MySettings:
    """The language Corong speaks to the caller, over their Slack locale; ``auto`` follows
    Slack again. The answer is already in the new language."""
    word = text.strip().casefold()
    if word not in LANGUAGE_CHOICES:
        raise UsageError("me.language_bad", example=LANGUAGE_EXAMPLE, text=text[:40])
    chosen = LANGUAGE_CHOICES[word]
    ctx.member.language = chosen
    ctx.lang = language_for(chosen or ctx.member.locale, fallback=ctx.workspace.language)
    key = "me.language_set" if chosen else "me.language_auto"
    return _changed(ctx, key, language=Phrase(f"me.language.{ctx.lang}"))


def set_quiet(ctx: CommandContext, text: str) -> MySettings:
    """Quiet hours from start to end (``19:00-07:00``, past midnight or not), or none."""
    if text.strip().casefold() in NO_QUIET_WORDS:
        ctx.member.quiet_start = ctx.member.quiet_end = None
        return _changed(ctx, "me.quiet_off")
    match = _QUIET.fullmatch(text.strip())
    start = read_clock(match.group(1)) if match else None
    end = read_clock(match.group(2)) if match else None
    if start is None or end is None:
        raise UsageError("me.quiet_bad", example=QUIET_EXAMPLE, text=text[:40])
    if start == end:
        raise UsageError("me.quiet_same", example=QUIET_EXAMPLE, start=clock_text(start))
    ctx.member.quiet_start, ctx.member.quiet_end = clock_text(start), clock_text(end)
    return _changed(ctx, "me.quiet_set", start=clock_text(start), end=clock_text(end))


def _changed(ctx: CommandContext, key: str, **params: Any) -> MySettings:
    ctx.session.add(ctx.member)
    ctx.session.flush()
    return my_settings(ctx, key, {"zone": ctx.tz.key, **params})
