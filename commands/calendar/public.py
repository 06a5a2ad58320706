"""Public holidays by country, named in the reader's language, from the ``holidays`` package."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays

DEFAULT_COUNTRY = "ID"
# Indonesia's government category holds cuti bersama, the joint leave days offices close on.
_CATEGORIES = ("public", "government")


def country_known(code: str) -> bool:
    """Whether ``holidays`` has a calendar for the ISO 3166 country ``code`` (upper case)."""
    return code in holidays.list_supported_countries()


@lru_cache(maxsize=256)
def public_holidays(country: str, year: int, lang: str) -> dict[date, str]:
    """The country's public holidays (and joint leave days) in ``year``: date -> name, in
    Indonesian for Indonesian readers and in English otherwise where the package has it.
    Several holidays on one day are named together."""
    try:
        kind = holidays.country_holidays(country)
    except NotImplementedError:
        return {}
    languages = kind.supported_languages or ()
    wanted = "id" if lang == "id" else "en_US"
    language = wanted if wanted in languages else None
    categories = tuple(c for c in _CATEGORIES if c in (kind.supported_categories or ("public",)))
    found = holidays.country_holidays(country, years=year, categories=categories, language=language)
    return {day: "; ".join(found.get_list(day)) for day in sorted(found)}
