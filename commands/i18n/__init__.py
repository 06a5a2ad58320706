"""The message catalog: every user-facing string, in English and Indonesian.

Catalog entries live in ``catalog_*.py`` modules as ``{key: {"en": ..., "id": ...}}`` dicts with
``str.format`` placeholders. ``translate`` picks the language, falling back to English for a
language Corong does not speak.
"""

from __future__ import annotations

from typing import Any

from commands.i18n import (
    catalog_bant,
    catalog_core,
    catalog_grammar,
    catalog_imports,
    catalog_nudges,
    catalog_posts,
    catalog_reports,
    catalog_roles,
    catalog_settings,
    catalog_setup,
    catalog_teams,
    catalog_views,
)

LANGUAGES = ("en", "id")
DEFAULT_LANGUAGE = "en"

CATALOG: dict[str, dict[str, str]] = {}
for _module in (
    catalog_core,
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


def translate(key: str, lang: str, **params: Any) -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in."""
    texts = CATALOG[key]
    template = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    return template.format(**params) if params else template
