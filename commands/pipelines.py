"""Pipeline presets and how a typed stage name maps to a stage.

A pipeline is an ordered list of open stages; ``won`` and ``lost`` close a deal in any pipeline.
Stage keys are stable identifiers stored on deals; labels come from the message catalog.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from commands.errors import UsageError
from commands.i18n import CATALOG, Phrase, Text

PRESETS: dict[str, tuple[str, ...]] = {
    "funnel4": ("lead", "prospect", "potential", "closeable"),
    "seven-step": (
        "prospecting",
        "qualification",
        "research",
        "demo",
        "objection_handling",
        "closing",
    ),
    "nine-stage": (
        "prospecting",
        "qualification",
        "contacting",
        "meeting",
        "needs",
        "presentation",
        "negotiation",
        "closing",
        "referral",
    ),
}
DEFAULT_PRESET = "funnel4"
WON, LOST = "won", "lost"
CLOSED_STAGES = (WON, LOST)


@dataclass(frozen=True)
class Pipeline:
    """The ordered open stages of a workspace."""

    name: str
    stages: tuple[str, ...]

    def index(self, stage: str) -> int:
        """Position of ``stage`` (closed stages sort after every open one)."""
        if stage in self.stages:
            return self.stages.index(stage)
        return len(self.stages) + CLOSED_STAGES.index(stage) if stage in CLOSED_STAGES else 99

    @property
    def first(self) -> str:
        return self.stages[0]


def pipeline_for(preset: str, custom_stages: Sequence[str] | None = None) -> Pipeline:
    """The pipeline a workspace uses; a custom list wins over the preset name."""
    if custom_stages:
        return Pipeline("custom", tuple(custom_stages))
    return Pipeline(preset, PRESETS.get(preset, PRESETS[DEFAULT_PRESET]))


def _normalise(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().casefold())


def stage_label_key(stage: str) -> str:
    """Catalog key of a stage's display label."""
    return f"stage.{stage}"


def stage_phrase(stage: str) -> Text:
    """A stage as a reader types it: its label in their language (a custom stage as named)."""
    key = stage_label_key(stage)
    return Phrase(key) if key in CATALOG else stage


def _names_for(stage: str) -> set[str]:
    names = {_normalise(stage)}
    for text in CATALOG.get(stage_label_key(stage), {}).values():
        names.add(_normalise(text))
    return names


def resolve_stage(pipeline: Pipeline, typed: str, *, allow_closed: bool = False) -> str:
    """The stage key meant by ``typed``: a key, an English or Indonesian label, a unique prefix
    of one, or its number in the pipeline (``2`` = second stage)."""
    wanted = _normalise(typed)
    candidates = list(pipeline.stages) + (list(CLOSED_STAGES) if allow_closed else [])
    if wanted.isdigit() and 1 <= int(wanted) <= len(pipeline.stages):
        return pipeline.stages[int(wanted) - 1]
    exact = [stage for stage in candidates if wanted in _names_for(stage)]
    if exact:
        return exact[0]
    prefixed = [
        stage
        for stage in candidates
        if wanted and any(name.startswith(wanted) for name in _names_for(stage))
    ]
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        raise UsageError(
            "stage.ambiguous", example=stage_phrase(prefixed[0]), typed=typed, stages=prefixed
        )
    raise UsageError(
        "stage.unknown",
        example=stage_phrase(pipeline.stages[min(1, len(pipeline.stages) - 1)]),
        typed=typed,
        stages=pipeline.stages,
    )


# --- custom pipelines -------------------------------------------------------------------------

CUSTOM = "custom"
CUSTOM_STAGES = (2, 10)  # fewer is not a funnel; more does not fit a report or a picker
STAGE_NAME_LIMIT = 40  # fits a Slack option (75) and reads in one line of a report
# Letters, digits, spaces and a little punctuation: nothing the command grammar reads (":",
# quotes, mentions) and nothing Slack formats (*, ~, `, <, >).
_STAGE_NAME = re.compile(r"[\w &/+.'()\-]+")
_LIST_MARK = re.compile(r"^(?:[-*\u2022]\s+|[0-9]{1,2}[.)]\s+)")


def _known_stages() -> tuple[str, ...]:
    return tuple(dict.fromkeys(stage for stages in PRESETS.values() for stage in stages))


def parse_custom_stages(text: str, current: Sequence[str] = ()) -> tuple[str, ...]:
    """An admin's ordered stages, one per line, checked whole.

    A line naming a preset stage (``Prospek``, ``objection handling``) becomes that stage's key,
    so its label is translated and deals already in it stay there; a line naming a stage of the
    ``current`` pipeline keeps that stage's spelling for the same reason. List marks (``1.``,
    ``-``) are dropped. Commas and semicolons separate stages as line breaks do (no stage name
    holds one), so a terminal's single line works too. ``won``/``lost`` are reserved: every
    pipeline ends in them.
    """
    example = Phrase("example.stages")
    lines = [" ".join(line.split()) for line in re.split(r"[\n\r,;]", text)]
    names = [_LIST_MARK.sub("", line) for line in lines if line]
    low, high = CUSTOM_STAGES
    if not low <= len(names) <= high:
        raise UsageError("setup.stage_count", example=example, count=len(names), low=low, high=high)
    stages: list[str] = []
    for name in names:
        stage = _custom_stage(name, current, example)
        if any(_normalise(stage) == _normalise(seen) for seen in stages):
            raise UsageError("setup.stage_duplicate", example=example, name=name)
        stages.append(stage)
    return tuple(stages)


def _custom_stage(name: str, current: Sequence[str], example: Text) -> str:
    """One line of a custom pipeline as the stage key it stands for."""
    if len(name) > STAGE_NAME_LIMIT:
        raise UsageError("setup.stage_too_long", example=example, name=name, limit=STAGE_NAME_LIMIT)
    if not _STAGE_NAME.fullmatch(name) or name.isdigit():
        raise UsageError("setup.stage_chars", example=example, name=name)
    wanted = _normalise(name)
    if any(wanted in _names_for(stage) for stage in CLOSED_STAGES):
        raise UsageError("setup.stage_reserved", example=example, name=name)
    for stage in (*_known_stages(), *current):
        if wanted in _names_for(stage):
            return stage
    if stage_label_key(name) in CATALOG:  # "unknown": a catalog message, not a stage label
        raise UsageError("setup.stage_reserved", example=example, name=name)
    return name
