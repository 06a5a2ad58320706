"""Which system a CSV export came from, and which of its columns holds which deal field.

Each source is known by the header row its deal export writes. Headers are compared loosely
(case, spaces, ``Deal -`` prefixes and punctuation ignored), and ``--map "Column=field"`` fixes
a column the recognition got wrong or a renamed one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from commands.errors import UsageError

AUTO = "auto"
HUBSPOT, PIPEDRIVE, SALESFORCE, CORONG = "hubspot", "pipedrive", "salesforce", "corong"
SOURCES = (HUBSPOT, PIPEDRIVE, SALESFORCE, CORONG)

FIELDS = (
    "external_id",
    "source",
    "name",
    "value",
    "currency",
    "stage",
    "status",
    "lost_reason",
    "lost_reason_key",
    "owner",
    "contact",
    "company",
    "lead_source",
    "created",
    "stage_entered",
    "close_date",
    "closed",
    "next_step",
    "next_step_due",
    "last_activity",
)
"""Every field a row may carry; Corong's own format has one column per field, in this order.
``source`` names the system an ``external_id`` belongs to, where it is not the file's own
(a Corong export of deals imported from HubSpot); ``lead_source`` is where the lead came from
(referral, website ...), which win rates are read by."""

REQUIRED = ("name", "stage", "owner")

_COMMON: dict[str, str] = {
    "id": "external_id",
    "external id": "external_id",
    "name": "name",
    "title": "name",
    "deal": "name",
    "value": "value",
    "amount": "value",
    "currency": "currency",
    "stage": "stage",
    "status": "status",
    "owner": "owner",
    "contact": "contact",
    "company": "company",
    "organization": "company",
    "created": "created",
    "lost reason": "lost_reason",
    "lost reason key": "lost_reason_key",
    "lead source": "lead_source",
    "next step": "next_step",
    "close date": "close_date",
    "expected close date": "close_date",
}

PROFILES: dict[str, dict[str, str]] = {
    HUBSPOT: {
        "record id": "external_id",
        "deal id": "external_id",
        "deal name": "name",
        "amount": "value",
        "deal currency code": "currency",
        "currency": "currency",
        "deal stage": "stage",
        "deal owner": "owner",
        "associated contact": "contact",
        "associated company": "company",
        "create date": "created",
        "date entered current stage": "stage_entered",
        "close date": "close_date",
        "closed lost reason": "lost_reason",
        "original source": "lead_source",
        "original traffic source": "lead_source",
        "next step": "next_step",
        "next activity date": "next_step_due",
        "last activity date": "last_activity",
    },
    PIPEDRIVE: {
        "id": "external_id",
        "title": "name",
        "value": "value",
        "currency": "currency",
        "stage": "stage",
        "status": "status",
        "lost reason": "lost_reason",
        "source": "lead_source",
        "owner": "owner",
        "contact person": "contact",
        "organization": "company",
        "deal created": "created",
        "last stage change": "stage_entered",
        "expected close date": "close_date",
        "won time": "closed",
        "lost time": "closed",
        "next activity subject": "next_step",
        "next activity date": "next_step_due",
        "last activity date": "last_activity",
    },
    SALESFORCE: {
        "opportunity id": "external_id",
        "opportunity name": "name",
        "amount": "value",
        "amount currency": "currency",
        "opportunity currency": "currency",
        "stage": "stage",
        "opportunity owner": "owner",
        "contact name": "contact",
        "primary contact": "contact",
        "account name": "company",
        "created date": "created",
        "last stage change date": "stage_entered",
        "close date": "close_date",
        "loss reason": "lost_reason",
        "lead source": "lead_source",
        "next step": "next_step",
        "last activity": "last_activity",
    },
    CORONG: {field.replace("_", " "): field for field in FIELDS},
}
# Columns a Corong export adds for people to read, which an import needs not mention.
_SILENT = {"ref"}

# Headers only that system writes: how a file is recognised.
_SIGNATURES: dict[str, tuple[str, ...]] = {
    HUBSPOT: ("record id", "deal name", "deal stage", "deal owner"),
    PIPEDRIVE: ("deal created", "contact person", "won time", "lost time", "last stage change"),
    SALESFORCE: ("opportunity name", "opportunity owner", "opportunity id", "account name"),
    CORONG: ("external id", "stage entered", "next step due", "last activity"),
}

_PREFIX = re.compile(r"^(deal|opportunity)\s*-\s*")


def normalise_header(header: str) -> str:
    """``"Deal - Expected close date"`` -> ``"expected close date"``; ``"Record ID"`` ->
    ``"record id"``. Pipedrive prefixes every column with the entity it belongs to."""
    text = header.strip().lstrip("\ufeff").casefold()
    text = _PREFIX.sub("", text)
    return " ".join(re.sub(r"[_()\[\]:.]+", " ", text).split())


def detect_source(headers: Sequence[str]) -> str | None:
    """The system whose export has these headers, or None when none is recognisable."""
    seen = {normalise_header(h) for h in headers}
    pipedrive_prefixed = sum(1 for h in headers if h.strip().lower().startswith("deal - "))
    if pipedrive_prefixed >= 3:
        return PIPEDRIVE
    scores = {source: len(seen & set(sign)) for source, sign in _SIGNATURES.items()}
    best = max(scores, key=lambda source: scores[source])
    return best if scores[best] >= 2 else None


@dataclass(frozen=True)
class ColumnMap:
    """Which column (by position) holds each field; columns no field needs are left out."""

    source: str
    fields: Mapping[str, tuple[int, ...]]  # a field may come from two columns (won/lost time)
    headers: tuple[str, ...]
    ignored: tuple[str, ...]

    def column_of(self, field: str) -> str | None:
        """The header a field is read from (the first, if several)."""
        places = self.fields.get(field)
        return self.headers[places[0]] if places else None


def parse_mapping(pairs: Sequence[str]) -> dict[str, str]:
    """``--map "Column=field"`` options as {normalised header: field}."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        header, sep, field = pair.rpartition("=")
        field = field.strip().casefold().replace(" ", "_").replace("-", "_")
        if not sep or not header.strip():
            raise UsageError("import.bad_map", example='--map "Deal Title=name"', given=pair)
        if field not in FIELDS and field != "ignore":
            raise UsageError(
                "import.unknown_field",
                example='--map "Deal Title=name"',
                field=field,
                fields=", ".join(FIELDS),
            )
        mapping[normalise_header(header)] = field
    return mapping


def map_columns(
    headers: Sequence[str], source: str, overrides: Mapping[str, str] | None = None
) -> ColumnMap:
    """Match each header to a field: the ``overrides`` first, then the source's own names,
    then names every export uses. A field two columns claim keeps the first, except the close
    time, which Pipedrive splits into won time and lost time."""
    profile = {**_COMMON, **PROFILES[source], **(overrides or {})}
    fields: dict[str, list[int]] = {}
    ignored: list[str] = []
    for position, header in enumerate(headers):
        field = profile.get(normalise_header(header))
        if field is None or field == "ignore":
            if header.strip() and normalise_header(header) not in _SILENT:
                ignored.append(header.strip())
            continue
        if field in fields and field != "closed":
            ignored.append(header.strip())
            continue
        fields.setdefault(field, []).append(position)
    missing = [field for field in REQUIRED if field not in fields]
    if missing:
        raise UsageError(
            "import.missing_columns",
            example=f'--map "{headers[0] if headers else "Column"}={missing[0]}"',
            fields=", ".join(missing),
            source=source,
            headers=", ".join(h.strip() for h in headers) or "-",
        )
    return ColumnMap(
        source=source,
        fields={field: tuple(places) for field, places in fields.items()},
        headers=tuple(h.strip() for h in headers),
        ignored=tuple(ignored),
    )
