"""Which of the workspace's stages a CRM's stage name stands for.

A stage named like one of ours (key, English or Indonesian label) is that stage. The default
stages of HubSpot, Pipedrive and Salesforce map by their place in the vendor's pipeline onto
ours (the first onto the first, the last open one onto the last), so a team on a vendor's
defaults imports with no mapping at all; anything else needs ``--stage "Theirs=ours"``, which
the dry-run's summary shows how to write.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from commands.errors import UsageError
from commands.i18n import Phrase
from commands.imports.columns import HUBSPOT, PIPEDRIVE, SALESFORCE
from commands.pipelines import CLOSED_STAGES, LOST, WON, Pipeline, resolve_stage, stage_phrase

VENDOR_STAGES: dict[str, tuple[tuple[str, ...], ...]] = {
    HUBSPOT: (
        ("appointment scheduled", "appointmentscheduled"),
        ("qualified to buy", "qualifiedtobuy"),
        ("presentation scheduled", "presentationscheduled"),
        ("decision maker bought in", "decisionmakerboughtin"),
        ("contract sent", "contractsent"),
    ),
    PIPEDRIVE: (
        ("qualified",),
        ("contact made",),
        ("demo scheduled",),
        ("proposal made",),
        ("negotiations started",),
    ),
    SALESFORCE: (
        ("prospecting",),
        ("qualification",),
        ("needs analysis",),
        ("value proposition",),
        ("id decision makers",),
        ("perception analysis",),
        ("proposal price quote",),
        ("negotiation review",),
    ),
}
_CLOSED: dict[str, str] = {
    "closed won": WON,
    "closedwon": WON,
    "won": WON,
    "menang": WON,
    "closed lost": LOST,
    "closedlost": LOST,
    "lost": LOST,
    "kalah": LOST,
}


def normalise_stage(text: str) -> str:
    """``"Proposal/Price Quote"`` -> ``"proposal price quote"``; ``"Decision maker bought-in"``
    -> ``"decision maker bought in"``."""
    return " ".join(re.sub(r"[\s_\-/.,()]+", " ", text.casefold()).split())


def parse_stage_mapping(pairs: Sequence[str], pipeline: Pipeline) -> dict[str, str]:
    """``--stage "Theirs=ours"`` options as {normalised theirs: our stage key}."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        theirs, sep, ours = pair.rpartition("=")
        if not sep or not theirs.strip() or not ours.strip():
            last = stage_phrase(pipeline.stages[-1])
            example = Phrase("example.stage_map", theirs="Contract Sent", ours=last)
            raise UsageError("import.bad_stage_map", example=example, given=pair)
        mapping[normalise_stage(theirs)] = resolve_stage(pipeline, ours, allow_closed=True)
    return mapping


def vendor_stage(source: str, wanted: str, pipeline: Pipeline) -> str | None:
    """Our stage for a vendor's default stage, by its place in the vendor's pipeline."""
    stages = VENDOR_STAGES.get(source, ())
    for position, names in enumerate(stages):
        if wanted in names:
            if len(stages) == 1 or len(pipeline.stages) == 1:
                return pipeline.stages[0]
            place = position * (len(pipeline.stages) - 1) / (len(stages) - 1)
            return pipeline.stages[round(place)]
    return None


def stage_for(text: str, *, pipeline: Pipeline, source: str, overrides: Mapping[str, str]) -> str:
    """Our stage key (an open stage, ``won`` or ``lost``) for a stage cell."""
    wanted = normalise_stage(text)
    if not wanted:
        raise UsageError("import.stage_missing", example=stage_phrase(pipeline.first))
    if wanted in overrides:
        return overrides[wanted]
    if wanted in _CLOSED:
        return _CLOSED[wanted]
    try:
        ours = resolve_stage(pipeline, text.strip(), allow_closed=True)
    except UsageError:
        ours = None
    if ours is not None and (not wanted.isdigit() or ours in CLOSED_STAGES):
        return ours
    found = vendor_stage(source, wanted, pipeline)
    if found is not None:
        return found
    raise UsageError(
        "import.unknown_stage",
        example=Phrase("example.stage_map", theirs=text.strip(), ours=stage_phrase(pipeline.first)),
        text=text.strip(),
        stages=pipeline.stages,
    )
