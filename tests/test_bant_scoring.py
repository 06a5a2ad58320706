"""BANT scoring on a table of answer sets: score and verdict under the default policy, the two
override rules, timeline buckets, and the limits an admin's changes must respect."""

from __future__ import annotations

from datetime import date

import pytest

from commands.deals.bant_scoring import BantAnswers, BantPolicy, score, timeline_bucket, verdict

DEFAULT = BantPolicy()


@pytest.mark.parametrize(
    ("budget", "authority", "need", "timeline", "points", "expected"),
    [
        # Weights 25/25/30/20; thresholds qualified >= 70, nurture >= 40.
        ("confirmed", "decision_maker", "strong", "within_month", 100, "qualified"),
        # 25*.6 + 25*.6 + 30*.6 + 20*.75 = 15 + 15 + 18 + 15 = 63
        ("estimated", "influencer", "moderate", "one_to_three_months", 63, "nurture"),
        # 25 + 25 + 30 + 20*.4 = 88
        ("confirmed", "decision_maker", "strong", "three_to_six_months", 88, "qualified"),
        # 25*.2 + 25*.1 + 30*.25 + 20*.1 = 5 + 2.5 + 7.5 + 2 = 17
        ("unknown", "unknown", "weak", "unknown", 17, "disqualify"),
        # 25*.6 + 25*.3 + 30 + 20*.15 = 15 + 7.5 + 30 + 3 = 55.5 -> 56 (half up by round())
        ("estimated", "user", "strong", "later", 56, "nurture"),
        # No need disqualifies whatever the rest: 25 + 25 + 0 + 20 = 70
        ("confirmed", "decision_maker", "none", "within_month", 70, "disqualify"),
        # No budget is at most nurture: 0 + 25 + 30 + 20 = 75
        ("none", "decision_maker", "strong", "within_month", 75, "nurture"),
        # A weak need or a purchase beyond six months is at most nurture:
        # 25 + 25 + 30*.25 + 20 = 77.5 -> 78;  25 + 25 + 30 + 20*.15 = 83
        ("confirmed", "decision_maker", "weak", "within_month", 78, "nurture"),
        ("confirmed", "decision_maker", "strong", "later", 83, "nurture"),
        # Exactly on the threshold qualifies: 25*.6 + 25 + 30 + 0 .. = 15+25+30+20*.1=72
        ("estimated", "decision_maker", "strong", "unknown", 72, "qualified"),
    ],
)
def test_answer_sets_score_and_verdict(
    budget: str, authority: str, need: str, timeline: str, points: int, expected: str
) -> None:
    answers = BantAnswers(budget, authority, need, timeline)
    assert score(answers, DEFAULT) == points
    assert verdict(answers, DEFAULT) == expected


def test_an_admins_weights_and_thresholds_change_the_verdict() -> None:
    answers = BantAnswers("estimated", "influencer", "moderate", "one_to_three_months")
    lenient = BantPolicy(
        weights={"budget": 10, "authority": 10, "need": 40, "timeline": 40},
        qualified_at=60,
        nurture_at=30,
    )
    # 10*.6 + 10*.6 + 40*.6 + 40*.75 = 6 + 6 + 24 + 30 = 66
    assert score(answers, lenient) == 66
    assert verdict(answers, lenient) == "qualified"
    assert verdict(answers, DEFAULT) == "nurture"


@pytest.mark.parametrize(
    ("weights", "qualified", "nurture"),
    [
        ({"budget": 50, "authority": 25, "need": 30, "timeline": 20}, 70, 40),  # 125
        ({"budget": 25, "authority": 25, "need": 50}, 70, 40),  # a dimension missing
        ({"budget": 25, "authority": 25, "need": 30, "timeline": 20}, 40, 70),  # upside down
        ({"budget": -5, "authority": 35, "need": 50, "timeline": 20}, 70, 40),
    ],
)
def test_a_policy_that_makes_no_sense_is_refused(
    weights: dict[str, int], qualified: int, nurture: int
) -> None:
    with pytest.raises(ValueError):
        BantPolicy(weights=weights, qualified_at=qualified, nurture_at=nurture)


def test_a_broken_stored_policy_falls_back_to_the_defaults() -> None:
    assert BantPolicy.from_json({"weights": {"budget": "x"}}) == DEFAULT
    assert BantPolicy.from_json(None) == DEFAULT
    custom = BantPolicy(qualified_at=80, nurture_at=50, strict=True)
    assert BantPolicy.from_json(custom.as_json()) == custom


@pytest.mark.parametrize(
    ("target", "bucket"),
    [
        (date(2026, 12, 1), "within_month"),
        (date(2026, 12, 24), "within_month"),
        (date(2027, 1, 15), "one_to_three_months"),
        (date(2027, 4, 30), "three_to_six_months"),
        (date(2027, 9, 1), "later"),
        (date(2026, 11, 1), "within_month"),  # already past: buying now or never; treat as soon
    ],
)
def test_a_purchase_date_becomes_a_timeline_bucket(target: date, bucket: str) -> None:
    assert timeline_bucket(target, date(2026, 11, 23)) == bucket
