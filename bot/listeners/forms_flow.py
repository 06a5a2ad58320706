"""Opening a form as a modal: built during the ack (fields follow the workspace's pipeline),
opened with views.open right after it."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_sdk import WebClient

from bot.blocks.forms import build_form_modal
from bot.listeners.who import invocation_from_interaction, on_the_app_home
from bot.runtime import Runtime
from bot.slack_client import call_slack, post_to_response_url
from commands.context import Invocation, open_context
from commands.forms import form_fields
from commands.i18n import translate
from commands.replies import OpenForm
from storage.db import unit_of_work

log = logging.getLogger("corong.forms")
METADATA_LIMIT = 3000


def form_metadata(
    channel_id: str | None,
    response_url: str | None,
    subject: int | None = None,
    message_ts: str | None = None,
    *,
    from_home: bool = False,
) -> dict[str, str]:
    """Where to confirm once the form is saved (and which deal it is about, the message whose
    button opened it, which may be a nudge to redraw, and whether it was opened from the App
    Home, which is then built again); response_url is dropped if it would not fit."""
    metadata = {"c": channel_id or ""}
    if from_home:
        metadata["h"] = "1"
    if subject is not None:
        metadata["d"] = str(subject)
    if message_ts:
        metadata["m"] = message_ts[:32]
    if response_url and len(json.dumps({**metadata, "u": response_url})) < METADATA_LIMIT:
        metadata["u"] = response_url
    return metadata


def prepare_form(
    runtime: Runtime, invocation: Invocation, request: OpenForm, body: dict[str, Any]
) -> dict[str, Any]:
    """The modal for ``request`` as a plain dict (validated by slack_sdk while building)."""
    with unit_of_work(runtime.engine) as session:
        ctx = open_context(session, invocation)
        fields = form_fields(ctx, request.form)
        lang = ctx.lang
    container = body.get("container") or {}
    message_ts = None if container.get("is_ephemeral") else container.get("message_ts")
    metadata = form_metadata(
        invocation.channel_id,
        body.get("response_url"),
        request.subject,
        message_ts,
        from_home=on_the_app_home(body),
    )
    view = build_form_modal(
        request.form, fields, lang, metadata, request.prefill, request.subject_ref
    )
    return view.to_dict()


def open_form_modal(
    runtime: Runtime, client: WebClient, body: dict[str, Any], view: dict[str, Any]
) -> None:
    """Open the modal; if Slack refuses (say, an expired trigger) tell the user so."""
    trigger_id = body.get("trigger_id")
    opened = trigger_id and call_slack(
        "views.open", client.views_open, trigger_id=trigger_id, view=view
    )
    if opened:
        return
    if "user_id" in body:  # a slash command
        who = Invocation(team_id=body["team_id"], user_id=body["user_id"], now=runtime.clock())
    else:  # a button
        who = invocation_from_interaction(body, runtime)
    with unit_of_work(runtime.engine) as session:
        lang = open_context(session, who).lang
    text = translate("form.open_failed", lang)
    post_to_response_url(
        body.get("response_url"),
        {"response_type": "ephemeral", "text": text},
        runtime.settings.response_url_prefixes,
    )
