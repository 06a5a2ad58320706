"""Forms (``commands.forms``) rendered as Slack modals, and their submitted values read back."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import (
    DatePickerElement,
    HeaderBlock,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot import ids
from bot.blocks.text import plain, stage_label
from commands.errors import CommandError
from commands.forms import Field
from commands.i18n import translate

TITLE_KEYS = {
    "deal_add": "modal.deal_add_title",
    "call": "modal.call_title",
    "bant": "modal.bant_title",
    "follow_up": "modal.follow_up_title",
}
# Forms whose closing Slack should report (view_closed), so a half-filled dialog is logged as
# abandoned rather than silently lost.
NOTIFY_ON_CLOSE = {"bant"}
INPUT_MAX_LENGTH = {
    "name": 200,
    "contact": 200,
    "next": 500,
    "notes": 2000,
    "deal": 200,
    "value": 40,
    "duration": 20,
    "budget_value": 40,
    "authority_name": 200,
    "need_pain": 2000,
}


def _choice_label(field: Field, choice: str, lang: str) -> str:
    if field.choice_label_prefix == "stage.":
        return stage_label(choice, lang)
    return translate(f"{field.choice_label_prefix}{choice}", lang)


def _element(field: Field, lang: str, prefill: dict[str, str]) -> Any:
    initial = prefill.get(field.name)
    if field.kind == "date":
        return DatePickerElement(action_id=field.name, initial_date=initial)
    if field.kind == "choice":
        options = [Option(value=c, text=_choice_label(field, c, lang)) for c in field.choices]
        chosen = next((o for o in options if o.value == initial), None)
        return StaticSelectElement(
            action_id=field.name,
            placeholder=plain("modal.choose", lang),
            options=options,
            initial_option=chosen,
        )
    return PlainTextInputElement(
        action_id=field.name,
        multiline=field.kind == "long_text",
        initial_value=initial,
        placeholder=field.placeholder,
        max_length=INPUT_MAX_LENGTH.get(field.name),
    )


def build_form_modal(
    form: str,
    fields: tuple[Field, ...],
    lang: str,
    metadata: dict[str, Any],
    prefill: dict[str, str] | None = None,
    subject_ref: str | None = None,
) -> View:
    """The modal for a form; ``metadata`` travels in private_metadata (checked on return)."""
    prefill = prefill or {}
    blocks: list[Any] = []
    for field in fields:
        if field.section_key:
            blocks.append(HeaderBlock(text=plain(field.section_key, lang)))
        blocks.append(
            InputBlock(
                block_id=ids.field_block_id(field.name),
                label=plain(field.label_key, lang),
                hint=plain(field.hint_key, lang) if field.hint_key else None,
                optional=not field.required,
                element=_element(field, lang, prefill),
            )
        )
    return View(
        type="modal",
        callback_id=ids.form_callback_id(form),
        title=plain(TITLE_KEYS[form], lang, ref=subject_ref or ""),
        submit=plain("modal.submit", lang),
        close=plain("modal.cancel", lang),
        private_metadata=json.dumps(metadata, separators=(",", ":")),
        notify_on_close=form in NOTIFY_ON_CLOSE,
        blocks=blocks,
    )


def submitted_values(view: dict[str, Any]) -> dict[str, str | None]:
    """Field name -> submitted text, from a view_submission's ``state.values``."""
    values: dict[str, str | None] = {}
    for block_id, actions in (view.get("state", {}).get("values") or {}).items():
        if not block_id.startswith("field_"):
            continue
        for action_id, state in actions.items():
            kind = state.get("type")
            if kind == "datepicker":
                values[action_id] = state.get("selected_date")
            elif kind == "static_select":
                option = state.get("selected_option") or {}
                values[action_id] = option.get("value")
            else:
                values[action_id] = state.get("value")
    return values


def field_errors(errors: dict[str, CommandError], lang: str, render: Any) -> dict[str, str]:
    """block_id -> message, for ``response_action: errors``."""
    return {ids.field_block_id(field): render(error) for field, error in errors.items()}
