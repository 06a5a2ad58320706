"""The message catalog: every user-facing string, in English and Indonesian.

Catalog entries live in ``catalog_*.py`` modules as ``{key: {"en": ..., "id": ...}}`` dicts with
``str.format`` placeholders. ``translate`` picks the language, falling back to English for a
language Corong does not speak.

What a reader may type back (an example under an error, a list of option names) is a ``Phrase``
when its words differ by language: a catalog key chosen only once the reader's language is
known, so an Indonesian reply never shows ``due:fri`` where ``tenggat:jumat`` works.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

from commands.i18n import (
    catalog_alerts,
    catalog_attainment,
    catalog_away,
    catalog_bant,
    catalog_calendar,
    catalog_core,
    catalog_display,
    catalog_examples,
    catalog_forecast,
    catalog_forecast_polish,
    catalog_forecast_schedule,
    catalog_grammar,
    catalog_imports,
    catalog_lost_modal,
    catalog_me,
    catalog_nudges,
    catalog_posts,
    catalog_quotas,
    catalog_reasons,
    catalog_reports,
    catalog_roles,
    catalog_settings,
    catalog_setup,
    catalog_teams,
    catalog_views,
    catalog_winloss,
)

LANGUAGES = ("en", "id")
DEFAULT_LANGUAGE = "en"

CATALOG: dict[str, dict[str, str]] = {}
for _module in (
    catalog_core,
    catalog_examples,
    catalog_forecast_schedule,
    catalog_grammar,
    catalog_bant,
    catalog_reports,
    catalog_views,
    catalog_settings,
    catalog_posts,
    catalog_nudges,
    catalog_roles,
    catalog_teams,
    catalog_setup,
    catalog_imports,
    catalog_calendar,
    catalog_alerts,
    catalog_away,
    catalog_me,
    catalog_reasons,
    catalog_quotas,
    catalog_attainment,
    catalog_forecast,
    catalog_forecast_polish,
    catalog_lost_modal,
    catalog_winloss,
    catalog_display,
):
    for _key, _texts in _module.MESSAGES.items():
        if _key in CATALOG:
            raise RuntimeError(f"message key defined twice: {_key}")
        CATALOG[_key] = _texts


def language_for(locale: str | None, fallback: str = DEFAULT_LANGUAGE) -> str:
    """Map a Slack locale such as ``id-ID`` or ``en-US`` to a catalog language."""
    if locale:
        lang = locale.replace("_", "-").split("-")[0].lower()
        if lang in LANGUAGES:
            return lang
    return fallback if fallback in LANGUAGES else DEFAULT_LANGUAGE


def translate(key: str, lang: str, /, **params: Any) -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in (a message may have its own
    ``{key}`` or ``{lang}``)."""
    texts = CATALOG[key]
    template = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    return template.format(**params) if params else template


class Phrase:
    """Words that differ by language, kept as a catalog key and its parameters until the
    reader's language is known (``in_language``). A parameter may itself be a ``Phrase`` or a
    sequence of them (shown joined by commas)."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:  # frozen dataclasses holding one (help topics) hash it
        return hash((self.key, tuple(sorted((k, repr(v)) for k, v in self.params.items()))))

    def __repr__(self) -> str:
        params = "".join(f", {name}={value!r}" for name, value in self.params.items())
        return f"Phrase({self.key!r}{params})"


Text: TypeAlias = str | Phrase
"""What a reader may type back: a ``str`` reads the same in every language (``/deal list``,
``50jt``); a ``Phrase`` is put in the reader's language."""


def in_language(text: Text | Sequence[Text], lang: str) -> str:
    """``text`` for a reader of ``lang``: a phrase translated, a sequence joined by commas (once
    each: ``note`` and ``notes`` are both ``catatan``)."""
    if isinstance(text, Phrase):
        params = {
            name: value if isinstance(value, int) else in_language(value, lang)
            for name, value in text.params.items()
        }
        return translate(text.key, lang, **params)
    if isinstance(text, str):
        return text
    return ", ".join(dict.fromkeys(in_language(item, lang) for item in text))
