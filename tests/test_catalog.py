"""The message catalog: every key the code uses exists, in English and Indonesian, with the
same placeholders, so no user ever sees a raw key or a formatting crash."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from commands.deals.bant_scoring import DIMENSIONS
from commands.deals.call import OUTCOMES
from commands.i18n import CATALOG, LANGUAGES
from commands.pipelines import CLOSED_STAGES, PRESETS

ROOT = Path(__file__).resolve().parents[1]
_KEY_CALL = re.compile(
    r"(?:UsageError|NotFound|NotAllowed|CommandError|Notice|Problem|Phrase|plain|message|translate)"
    r"\(\s*\"([a-z_]+(?:\.[a-z_]+)+)\""
)


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_message_is_in_both_languages_with_the_same_placeholders(key: str) -> None:
    texts = CATALOG[key]
    assert set(texts) == set(LANGUAGES)
    assert all(text.strip() for text in texts.values())
    assert _placeholders(texts["en"]) == _placeholders(texts["id"])


def test_every_literal_key_in_the_code_is_in_the_catalog() -> None:
    used = set()
    for path in [*ROOT.glob("commands/**/*.py"), *ROOT.glob("bot/**/*.py")]:
        used |= set(_KEY_CALL.findall(path.read_text()))
    assert used, "the scan found no keys: the pattern is broken"
    assert sorted(used - set(CATALOG)) == []


def test_computed_keys_exist_for_every_stage_outcome_status_and_undo() -> None:
    stages = {stage for preset in PRESETS.values() for stage in preset} | set(CLOSED_STAGES)
    computed = (
        {f"stage.{stage}" for stage in stages}
        | {f"outcome.{outcome}" for outcome in OUTCOMES}
        | {f"status.{status}" for status in ("open", "won", "lost")}
        | {
            f"undo.{action}"
            for action in (
                "deal.add",
                "deal.move",
                "deal.won",
                "deal.lost",
                "call.log",
                "bant.submit",
                "deal.follow_up",
                "workspace.pipeline",
                "workspace.bant_policy",
            )
        }
        | {f"history.{kind}" for kind in ("created", "stage", "call", "meeting", "email", "note")}
        | {"deal.won", "deal.lost"}
        | {f"bant.{name}.{answer}" for name, answers in DIMENSIONS.items() for answer in answers}
        | {f"bant.verdict.{v}" for v in ("qualified", "nurture", "disqualify")}
        | {f"bant.section_{name}" for name in DIMENSIONS}
        | {f"bant.mode.{mode}" for mode in ("strict", "warn")}
        | {f"bant.{name}.{answer}" for name, answers in DIMENSIONS.items() for answer in answers}
        | {f"bant.verdict.{v}" for v in ("qualified", "nurture", "disqualify")}
        | {f"bant.section_{name}" for name in DIMENSIONS}
        | {f"bant.mode.{mode}" for mode in ("strict", "warn")}
    )
    assert sorted(computed - set(CATALOG)) == []


def test_commands_and_storage_never_import_slack() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in [*ROOT.glob("commands/**/*.py"), *ROOT.glob("storage/**/*.py")]
        if re.search(r"^\s*(from|import)\s+slack_(sdk|bolt)", path.read_text(), re.MULTILINE)
    ]
    assert offenders == []
