"""Catalog messages turned into Slack text: parameters formatted and escaped for mrkdwn."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale

from commands.i18n import CATALOG, Phrase, in_language, translate
from commands.i18n.formatting import (
    babel_locale,
    format_day,
    format_moment,
    format_money,
    format_number,
)
from commands.pipelines import stage_label_key
from commands.replies import Channel, Money, People

_STAGE_PARAMS = {"stage", "from_stage", "to_stage"}


QUOTE_LIMIT = 200


def escape(text: str) -> str:
    """Neutralise Slack's control characters so user text can't ping channels or forge links."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_escape = escape


def _keep(text: str) -> str:
    return text


def stage_label(stage: str, lang: str) -> str:
    """A stage key as its label (unknown custom stages show as typed)."""
    key = stage_label_key(stage)
    return translate(key, lang) if key in CATALOG else stage


def format_param(name: str, value: Any, lang: str, tz: ZoneInfo, *, mrkdwn: bool = True) -> str:
    """One message parameter, ready to drop into mrkdwn (or plain text when ``mrkdwn`` is off).

    Long user text is shortened: a message quotes it, it does not repeat a 3,000-char input.
    """
    escape = _escape if mrkdwn else _keep
    if isinstance(value, People):
        return people_text(value, lang)
    if isinstance(value, Channel):
        return f"<#{value.channel_id}>" if value.channel_id else translate("channel.none", lang)
    if isinstance(value, Money):
        return format_money(value.value, value.currency, lang)
    if isinstance(value, datetime):
        return format_moment(value, lang, tz)
    if isinstance(value, date):
        return format_day(value, lang)
    if name in _STAGE_PARAMS and isinstance(value, str):
        return escape(stage_label(value, lang))
    if name == "stages" and isinstance(value, Sequence) and not isinstance(value, str):
        return ", ".join(escape(stage_label(stage, lang)) for stage in value)
    if isinstance(value, Phrase) or (
        isinstance(value, tuple) and all(isinstance(v, str | Phrase) for v in value)
    ):
        return escape(in_language(value, lang))  # words a reader may type, in their language
    if name == "status" and isinstance(value, str):
        return translate(f"status.{value}", lang)
    if name == "country" and isinstance(value, str):
        return escape(country_name(value, lang))
    if name == "mode" and isinstance(value, str):
        return translate(f"bant.mode.{value}", lang)
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value, lang)
    text = str(value)
    if len(text) > QUOTE_LIMIT:
        text = text[: QUOTE_LIMIT - 1].rstrip() + "\u2026"
    return escape(text)


def country_name(code: str, lang: str) -> str:
    """``Singapura (SG)``: a country's name in the reader's language, with its code."""
    name = Locale.parse(babel_locale(lang)).territories.get(code)
    return f"{name} ({code})" if name else code


def people_text(people: People, lang: str) -> str:
    """``<@U1>, <@U2>``: Slack shows each as the person's current name."""
    if not people.user_ids:
        return translate(people.none_key, lang)
    shown = ", ".join(f"<@{user_id}>" for user_id in people.user_ids[: people.shown])
    return shown if len(people.user_ids) <= people.shown else f"{shown}, \u2026"


def message(
    key: str,
    lang: str,
    tz: ZoneInfo,
    params: dict[str, Any] | None = None,
    *,
    mrkdwn: bool = True,
) -> str:
    """A catalog message with its parameters formatted for the reader."""
    formatted = {
        name: format_param(name, value, lang, tz, mrkdwn=mrkdwn)
        for name, value in (params or {}).items()
    }
    return translate(key, lang, **formatted)


def plain(key: str, lang: str, /, **params: Any) -> str:
    """A catalog message for plain_text fields (labels, titles, buttons)."""
    return translate(key, lang, **params)


def say(key: str, lang: str, tz: ZoneInfo | None = None, /, **params: Any) -> str:
    """A catalog message for mrkdwn with its parameters formatted (``1.234``, ``Rp 5.000``)."""
    return message(key, lang, tz or ZoneInfo("UTC"), params)
