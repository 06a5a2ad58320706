"""Forms (``commands.forms``) rendered as Slack modals, their submitted values read back, and
the confirmation of a saved settings form."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    CheckboxesElement,
    DatePickerElement,
    HeaderBlock,
    InputBlock,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot import ids
from bot.blocks.elements import RenderedMessage, context, section, weekdays_text
from bot.blocks.text import escape, plain, say, stage_label
from commands.errors import CommandError
from commands.forms import Field
from commands.i18n import in_language, translate
from commands.workspace.setup import SetupSaved

TITLE_KEYS = {
    "deal_add": "modal.deal_add_title",
    "call": "modal.call_title",
    "bant": "modal.bant_title",
    "follow_up": "modal.follow_up_title",
    "setup": "modal.setup_title",
    "deal_lost": "lost_form.title",
}
# Forms whose closing Slack should report (view_closed), so a half-filled dialog is logged as
# abandoned rather than silently lost.
NOTIFY_ON_CLOSE = {"bant"}
INPUT_MAX_LENGTH = {
    "name": 200,
    "contact": 200,
    "source": 64,
    "next": 500,
    "notes": 2000,
    "deal": 200,
    "value": 40,
    "duration": 20,
    "budget_value": 40,
    "authority_name": 200,
    "need_pain": 2000,
    "custom_stages": 600,
    "stale_days": 4,
    "calls_per_day": 4,
    "details": 500,
}


def _choice_label(field: Field, choice: str, lang: str) -> str:
    if choice in field.choice_texts:
        return in_language(field.choice_texts[choice], lang)
    if field.choice_label_prefix == "stage.":
        return stage_label(choice, lang)
    return translate(f"{field.choice_label_prefix}{choice}", lang)


def _element(field: Field, lang: str, prefill: dict[str, str]) -> Any:
    initial = prefill.get(field.name)
    if field.kind == "date":
        return DatePickerElement(action_id=field.name, initial_date=initial)
    options = [Option(value=c, text=_choice_label(field, c, lang)) for c in field.choices]
    chosen = next((o for o in options if o.value == initial), None)
    if field.kind == "choice":
        return StaticSelectElement(
            action_id=field.name,
            placeholder=plain("modal.choose", lang),
            options=options,
            initial_option=chosen,
        )
    if field.kind == "radio":
        return RadioButtonsElement(action_id=field.name, options=options, initial_option=chosen)
    if field.kind == "checkboxes":
        # Several choices prefill as space-separated values; Slack wants the very options back.
        checked = set((initial or "").split())
        return CheckboxesElement(
            action_id=field.name,
            options=options,
            initial_options=[o for o in options if o.value in checked] or None,
        )
    return PlainTextInputElement(
        action_id=field.name,
        multiline=field.kind == "long_text",
        initial_value=initial or None,
        placeholder=in_language(field.placeholder, lang) if field.placeholder else None,
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
                hint=plain(field.hint_key, lang, **field.hint_params) if field.hint_key else None,
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


def build_new_dates_modal(fields: Sequence[str], lang: str, metadata: dict[str, Any]) -> View:
    """The *Change* answer to a date that has passed: one date picker per date asked about."""
    blocks = [
        InputBlock(
            block_id=ids.field_block_id(name),
            label=plain(f"deal.new_{name}", lang),
            element=DatePickerElement(action_id=name),
        )
        for name in fields
    ]
    return View(
        type="modal",
        callback_id=ids.NEW_DATES,
        title=plain("deal.new_dates_title", lang),
        submit=plain("deal.new_dates_submit", lang),
        close=plain("modal.cancel", lang),
        private_metadata=json.dumps(metadata, separators=(",", ":")),
        blocks=blocks,
    )


def submitted_values(view: dict[str, Any]) -> dict[str, str | None]:
    """Field name -> submitted text, from a view_submission's ``state.values``.

    Checkboxes come back as their checked values joined by spaces ("" when none is)."""
    values: dict[str, str | None] = {}
    for block_id, actions in (view.get("state", {}).get("values") or {}).items():
        if not block_id.startswith("field_") or not isinstance(actions, dict):
            continue
        for action_id, state in actions.items():
            if isinstance(state, dict):
                values[action_id] = _state_text(state)
    return values


def _state_text(state: dict[str, Any]) -> str | None:
    kind = state.get("type")
    if kind == "datepicker":
        return state.get("selected_date")
    if kind in ("static_select", "radio_buttons"):
        return _option_value(state.get("selected_option"))
    if kind == "checkboxes":
        chosen = state.get("selected_options") or []
        return " ".join(filter(None, (_option_value(o) for o in chosen)))
    value = state.get("value")
    return value if isinstance(value, str) or value is None else str(value)


def _option_value(option: Any) -> str | None:
    value = option.get("value") if isinstance(option, dict) else None
    return value if isinstance(value, str) else None


def initial_values(view: dict[str, Any]) -> dict[str, str | None]:
    """Field name -> the value the form opened with, read like ``submitted_values``: what the
    user saw, so a form can tell what they changed from what someone else changed meanwhile."""
    values: dict[str, str | None] = {}
    for block in view.get("blocks") or []:
        if not isinstance(block, dict) or block.get("type") != "input":
            continue
        element = block.get("element")
        if not isinstance(element, dict):
            continue
        action_id = element.get("action_id")
        if not isinstance(action_id, str):
            continue
        values[action_id] = _state_text(
            {
                "type": element.get("type"),
                "selected_date": element.get("initial_date"),
                "selected_option": element.get("initial_option"),
                "selected_options": element.get("initial_options"),
                "value": element.get("initial_value"),
            }
        )
    return values


def field_errors(errors: dict[str, CommandError], lang: str, render: Any) -> dict[str, str]:
    """block_id -> message, for ``response_action: errors``."""
    return {ids.field_block_id(field): render(error) for field, error in errors.items()}


def render_setup_saved(reply: SetupSaved, lang: str) -> RenderedMessage:
    """What a setup submission changed, one line a setting: ``Currency: IDR → USD``."""
    title = plain("setup.saved", lang)
    lines = [
        f"\u2022 *{plain(f'setup.field.{change.name}', lang)}*: "
        f"{_setting_text(change.name, change.before, lang)} \u2192 "
        f"{_setting_text(change.name, change.after, lang)}"
        for change in reply.changes
    ]
    blocks = [
        section(f"*{title}*\n" + "\n".join(lines)),
        context(plain("setup.undo_hint", lang)),
    ]
    return RenderedMessage(text=title, blocks=blocks)


def _setting_text(name: str, value: Any, lang: str) -> str:
    """One setting's value as the reader reads it (mrkdwn, user text escaped)."""
    if name == "language":
        return plain(f"setup.language.{value}", lang)
    if name == "pipeline":
        stages = " \u2192 ".join(escape(stage_label(stage, lang)) for stage in value.stages)
        return f"{escape(value.name)} ({stages})"
    if name == "bant_mode":
        return plain(f"setup.mode.{value}", lang)
    if name == "stale_days":
        return say("setup.days_value_one" if value == 1 else "setup.days_value", lang, count=value)
    if name == "calls_per_day":
        return say("setup.calls_value", lang, count=value)
    if name == "work_days":
        return weekdays_text(value, lang)
    return escape(str(value))
