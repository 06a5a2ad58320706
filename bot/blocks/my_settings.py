"""A person's own settings as Block Kit: the answer of ``/sales me`` (a line per setting under
what changed) and the App Home's "Your settings", the same lines with a select for each."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    DividerBlock,
    Option,
    StaticSelectElement,
)

from bot import ids
from bot.blocks.elements import OPTION_TEXT_LIMIT, RenderedMessage, clip, context, section
from bot.blocks.text import escape, message, plain
from commands.i18n.formatting import format_number
from commands.posts.prefs import DAILY, IGNORED_LIMIT, OFF, WEEKLY
from commands.workspace.me import MySettings

# What the App Home offers; a person's own time or quiet hours typed with ``/sales me`` are
# offered too, so the select always shows what is set.
HOME_TIMES = ("07:00", "07:30", "08:00", "08:30", "09:00", "09:30", "10:00")
HOME_QUIET = ("18:00-07:00", "19:00-07:00", "20:00-07:00", "21:00-06:00", "22:00-06:00")
NO_QUIET = "off"
AUTO_LANGUAGE = "auto"


def settings_lines(settings: MySettings, lang: str) -> list[str]:
    """One line per setting, plus what the quiet hours do to the nudge and why it is weekly."""
    zone = escape(settings.zone)
    key = "me.line.time" if settings.time_chosen else "me.line.time_default"
    lines = [plain(key, lang, time=settings.nudge_time, zone=zone)]
    lines.append(plain(f"me.line.cadence.{settings.cadence}", lang))
    if settings.not_acting:
        count = format_number(IGNORED_LIMIT, lang)
        lines.append(plain("me.line.not_acting", lang, count=count))
    speaks = plain(f"me.language.{settings.speaks}", lang)
    key = "me.line.language_chosen" if settings.language else "me.line.language_auto"
    lines.append(plain(key, lang, language=speaks))
    if settings.quiet is None:
        lines.append(plain("me.line.quiet_none", lang))
    else:
        start, end = settings.quiet
        lines.append(plain("me.line.quiet", lang, start=start, end=end))
        if settings.quiet_skips and settings.cadence != OFF:
            lines.append(plain("me.line.quiet_skips", lang))
        elif settings.quiet_end_moves and settings.cadence != OFF:
            lines.append(plain("me.line.quiet_moves", lang, end=end))
    return lines


def render_my_settings(reply: MySettings, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """What changed (or "Your own settings:"), the settings, and how to change them."""
    headline = message(reply.key, lang, tz, reply.params)
    blocks: list[Block] = [
        section(headline),
        section("\n".join(settings_lines(reply, lang))),
        context(plain("me.footer", lang)),
    ]
    return RenderedMessage(text=clip(headline, 3000), blocks=blocks)


def _option(value: str, text: str) -> Option:
    return Option(value=value, text=clip(text, OPTION_TEXT_LIMIT))


def _select(
    action_id: str, options: list[Option], chosen: str, placeholder: str
) -> StaticSelectElement:
    initial = next((option for option in options if option.value == chosen), None)
    return StaticSelectElement(
        action_id=action_id,
        placeholder=clip(placeholder, OPTION_TEXT_LIMIT),
        options=options,
        initial_option=initial,
    )


def home_settings_blocks(settings: MySettings, lang: str) -> list[Block]:
    """The App Home's "Your settings": the lines, then a select each for the nudge time, how
    often, the language and the quiet hours (``bot.listeners.my_settings`` applies a choice)."""
    times = sorted({*HOME_TIMES, settings.nudge_time})
    quiet_now = "-".join(settings.quiet) if settings.quiet else NO_QUIET
    quiet = [NO_QUIET, *sorted({*HOME_QUIET, quiet_now} - {NO_QUIET})]
    language_now = settings.language or AUTO_LANGUAGE

    def quiet_text(value: str) -> str:
        if value == NO_QUIET:
            return plain("home.me.quiet_none", lang)
        start, end = value.split("-")
        return plain("home.me.quiet", lang, start=start, end=end)

    selects = [
        _select(
            ids.HOME_ME_TIME,
            [_option(t, plain("home.me.time", lang, time=t)) for t in times],
            settings.nudge_time,
            plain("home.me.time", lang, time=settings.nudge_time),
        ),
        _select(
            ids.HOME_ME_CADENCE,
            [_option(c, plain(f"home.me.{c}", lang)) for c in (DAILY, WEEKLY, OFF)],
            settings.cadence,
            plain("home.me.daily", lang),
        ),
        _select(
            ids.HOME_ME_LANGUAGE,
            [
                _option(AUTO_LANGUAGE, plain("home.me.language_auto", lang)),
                _option("en", plain("me.language.en", lang)),
                _option("id", plain("me.language.id", lang)),
            ],
            language_now,
            plain("home.me.language_auto", lang),
        ),
        _select(
            ids.HOME_ME_QUIET,
            [_option(q, quiet_text(q)) for q in quiet],
            quiet_now,
            plain("home.me.quiet_none", lang),
        ),
    ]
    title = plain("home.me.title", lang)
    return [
        section(f"*{title}*\n" + "\n".join(settings_lines(settings, lang))),
        ActionsBlock(elements=selects),
        DividerBlock(),
    ]
