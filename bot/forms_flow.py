"""Opening a form as a modal: built during the ack (fields follow the workspace's pipeline),
opened with views.open right after it."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_sdk import WebClient

from bot.blocks.forms import build_form_modal
from bot.runtime import Runtime
from bot.slack_client import call_slack
from commands.context import Invocation, open_context
from commands.forms import form_fields
from commands.replies import OpenForm
from storage.db import unit_of_work

log = logging.getLogger("corong.forms")
METADATA_LIMIT = 3000


def form_metadata(channel_id: str | None, response_url: str | None) -> dict[str, str]:
    """Where to confirm once the form is saved; response_url is dropped if it would not fit."""
    metadata = {"c": channel_id or ""}
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
    metadata = form_metadata(invocation.channel_id, body.get("response_url"))
    view = build_form_modal(request.form, fields, lang, metadata, request.prefill)
    return view.to_dict()


def open_form_modal(client: WebClient, trigger_id: str | None, view: dict[str, Any]) -> None:
    """Open the modal; without a trigger (e.g. an expired one) Slack refuses and we log it."""
    if not trigger_id:
        log.warning("cannot open a form without a trigger_id")
        return
    call_slack("views.open", client.views_open, trigger_id=trigger_id, view=view)
