"""BANT qualification: the answers, the score (0-100) and the verdict, as plain values.

Each answer maps to a factor between 0 and 1; the score is the weighted sum (weights add up to
100). Thresholds turn the score into a verdict, with rules no score can override: a buyer with
no need is disqualified, and one with no budget, a weak need or a purchase more than six months
away is at best nurtured.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

BUDGET = {"confirmed": 1.0, "estimated": 0.6, "unknown": 0.2, "none": 0.0}
AUTHORITY = {"decision_maker": 1.0, "influencer": 0.6, "user": 0.3, "unknown": 0.1}
NEED = {"strong": 1.0, "moderate": 0.6, "weak": 0.25, "none": 0.0}
TIMELINE = {
    "within_month": 1.0,
    "one_to_three_months": 0.75,
    "three_to_six_months": 0.4,
    "later": 0.15,
    "unknown": 0.1,
}
DIMENSIONS: dict[str, dict[str, float]] = {
    "budget": BUDGET,
    "authority": AUTHORITY,
    "need": NEED,
    "timeline": TIMELINE,
}
QUALIFIED, NURTURE, DISQUALIFY = "qualified", "nurture", "disqualify"

# Which stage of each preset is where qualification happens; moving past it wants BANT.
QUALIFICATION_STAGE = {
    "funnel4": "prospect",
    "seven-step": "qualification",
    "nine-stage": "qualification",
}


@dataclass(frozen=True)
class BantAnswers:
    """The four answers, each one of its dimension's keys."""

    budget: str
    authority: str
    need: str
    timeline: str

    def __post_init__(self) -> None:
        for name, choices in DIMENSIONS.items():
            if getattr(self, name) not in choices:
                raise ValueError(f"{name} must be one of {', '.join(choices)}")


DEFAULT_WEIGHTS = {"budget": 25, "authority": 25, "need": 30, "timeline": 20}


@dataclass(frozen=True)
class BantPolicy:
    """How answers become a verdict; an admin may change every number."""

    weights: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    qualified_at: int = 70
    nurture_at: int = 40
    strict: bool = False  # True: moving past qualification without BANT is refused

    def __post_init__(self) -> None:
        if set(self.weights) != set(DIMENSIONS) or any(w < 0 for w in self.weights.values()):
            raise ValueError("weights need budget, authority, need and timeline, none negative")
        if sum(self.weights.values()) != 100:
            raise ValueError("weights must add up to 100")
        if not 0 < self.nurture_at < self.qualified_at <= 100:
            raise ValueError("thresholds need 0 < nurture < qualified <= 100")

    def as_json(self) -> dict[str, Any]:
        return {
            "weights": dict(self.weights),
            "qualified_at": self.qualified_at,
            "nurture_at": self.nurture_at,
            "strict": self.strict,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> BantPolicy:
        """The stored policy, or the defaults when none (or a broken one) is stored."""
        if not data:
            return cls()
        try:
            return cls(
                weights={k: int(v) for k, v in data.get("weights", DEFAULT_WEIGHTS).items()},
                qualified_at=int(data.get("qualified_at", 70)),
                nurture_at=int(data.get("nurture_at", 40)),
                strict=bool(data.get("strict", False)),
            )
        except (ValueError, TypeError, AttributeError):
            return cls()


def score(answers: BantAnswers, policy: BantPolicy) -> int:
    """0-100: the weighted sum of each answer's factor."""
    total = sum(
        policy.weights[name] * DIMENSIONS[name][getattr(answers, name)] for name in DIMENSIONS
    )
    return math.floor(total + 0.5)  # half up: 39.5 is 40 and so is 40.5 -> 41


def verdict(answers: BantAnswers, policy: BantPolicy) -> str:
    """qualified / nurture / disqualify."""
    if answers.need == "none":
        return DISQUALIFY
    points = score(answers, policy)
    result = (
        QUALIFIED
        if points >= policy.qualified_at
        else NURTURE
        if points >= policy.nurture_at
        else DISQUALIFY
    )
    capped = answers.budget == "none" or answers.need == "weak" or answers.timeline == "later"
    if capped and result == QUALIFIED:
        return NURTURE  # no money, a weak need or a far-off purchase: keep warm, don't chase
    return result


def timeline_bucket(target: date, today: date) -> str:
    """The timeline answer a purchase date means, seen from today."""
    days = (target - today).days
    if days <= 31:
        return "within_month"
    if days <= 92:
        return "one_to_three_months"
    if days <= 183:
        return "three_to_six_months"
    return "later"


def qualification_stage(preset: str, stages: tuple[str, ...]) -> str:
    """The stage a deal must be qualified in before moving further (for a custom pipeline,
    its second stage)."""
    stage = QUALIFICATION_STAGE.get(preset)
    return stage if stage in stages else stages[min(1, len(stages) - 1)]


def stages_past_qualification(preset: str, stages: tuple[str, ...]) -> tuple[str, ...]:
    """The open stages a deal should only be in once qualified: those after
    ``qualification_stage`` (what reports and nudges flag as missing a BANT)."""
    return stages[stages.index(qualification_stage(preset, stages)) + 1 :]
