"""Pipeline presets and how a typed stage name maps to a stage.

A pipeline is an ordered list of open stages; ``won`` and ``lost`` close a deal in any pipeline.
Stage keys are stable identifiers stored on deals; labels come from the message catalog.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from commands.errors import UsageError
from commands.i18n import CATALOG

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
        raise UsageError("stage.ambiguous", example=prefixed[0], typed=typed, stages=prefixed)
    raise UsageError(
        "stage.unknown",
        example=pipeline.stages[min(1, len(pipeline.stages) - 1)],
        typed=typed,
        stages=pipeline.stages,
    )
