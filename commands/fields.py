"""A form's questions and how its answers are checked: shared by every form of every wing.

A form is a list of fields; Slack shows it as a modal, the shell as prompts (``commands.forms``
knows which forms exist).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from commands.errors import CommandError
from commands.grammar.free_text import clean_text
from commands.i18n import Text


@dataclass(frozen=True)
class Field:
    """One question of a form."""

    name: str
    kind: str  # "text", "long_text", "date", "choice", "radio", "checkboxes"
    label_key: str
    required: bool = False
    hint_key: str | None = None
    placeholder: Text | None = None  # an example answer, in the reader's language
    hint_params: Mapping[str, object] = dataclass_field(default_factory=dict)
    choices: tuple[str, ...] = ()  # option keys of a choice, labelled by choice_label_prefix
    choice_label_prefix: str = ""  # catalog key prefix of the choice labels
    # Labels of choices that are no catalog key (a workspace's own lost reasons), by choice.
    choice_texts: Mapping[str, Text] = dataclass_field(default_factory=dict)
    section_key: str | None = None  # a heading shown before this field


def collect_fields(
    values: Mapping[str, str | None], checks: Mapping[str, Callable[[str], Any]]
) -> tuple[dict[str, Any], dict[str, CommandError]]:
    """Each submitted value cleaned and checked: parsed values, and an error per bad field."""
    parsed: dict[str, Any] = {}
    errors: dict[str, CommandError] = {}
    for field, check in checks.items():
        raw = clean_text(values.get(field))
        if raw is None:
            parsed[field] = None
            continue
        try:
            parsed[field] = check(raw)
        except CommandError as error:
            errors[field] = error
    return parsed, errors
