"""``/sales import``'s modal and ``/sales export``'s file.

A submission of the upload form is checked in its ack (an admin, a CSV file within Slack's
size limit; else the answer stands next to the file) and answered by turning the modal into
"Checking FILE…" (``response_action: update``), well within Slack's 3 seconds. After the ack the
file is fetched with the bot token, read and checked whole by the code ``corong import --dry-run``
runs, and the modal shows the summary (views.update), with an *Import* button when there is
something to import. Pressing it fetches the file again and imports it through the code
``corong import`` runs: one change, which ``/sales undo`` takes back.

``/sales export`` is answered in its ack; the file follows in the admin's DM.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot import ids
from bot.after_change import refresh_after_change
from bot.blocks.imports import (
    Upload,
    checked_view,
    problem_view,
    submitted_upload,
    upload_modal,
    waiting_view,
)
from bot.blocks.render import render
from bot.blocks.text import say
from bot.handling import internal_error, run_work
from bot.listeners.forms import inline_text
from bot.listeners.handoff import hand_over, taken_over
from bot.listeners.replying import send_reply
from bot.listeners.who import invocation_from_interaction
from bot.runtime import Runtime
from bot.slack_client import call_slack
from bot.slack_files import DownloadFailed, download_file, share_in_dm
from bot.slack_people import SlackPeople, SlackUnavailable
from commands.context import CommandContext, Invocation, open_context
from commands.errors import UsageError
from commands.exports.files import export_file
from commands.imports.deals import decode_file
from commands.imports.upload import (
    MAX_FILE_BYTES,
    ImportChecked,
    OpenImport,
    check_upload,
    may_import,
)
from commands.replies import Notice, Problem, Reply
from storage.db import unit_of_work

log = logging.getLogger("corong.imports")


@dataclass
class UploadHandoff:
    """A submitted upload, for the check after the ack."""

    upload: Upload


def upload_form(request: OpenImport, lang: str) -> dict[str, Any]:
    """The upload form ``/sales import`` opens, as the dict views.open takes."""
    return upload_modal(lang, request.kind).to_dict()


def register(app: App, runtime: Runtime) -> None:
    """Attach the upload form's submission and its *Import* button."""

    def submitted(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        upload, name = submitted_upload(body["view"])

        def work(ctx: CommandContext) -> Reply:
            may_import(ctx, file_name=name, size=upload.size if upload else None)
            if upload is None:  # a file without the link to fetch it by
                raise UsageError("import.download_failed", file=name, reason="no download link")
            return Notice("import.checking")

        handled = run_work(runtime.engine, invocation_from_interaction(body, runtime), work)
        if isinstance(handled.reply, Problem):
            text = inline_text(handled.reply, handled.lang, handled.tz)
            ack(response_action="errors", errors={ids.IMPORT_FILE: text})
            return
        assert upload is not None  # the work refuses a submission without one
        hand_over(context, UploadHandoff(upload))
        ack(response_action="update", view=waiting_view("import.checking", handled.lang, upload))

    def check(body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        handoff = taken_over(context, UploadHandoff)
        if handoff is None:  # refused inline: the form said why
            return
        run_upload(client, body, handoff.upload, apply=False)

    def press(body: dict[str, Any], client: WebClient) -> None:
        view = body.get("view") or {}
        upload = Upload.from_metadata(view.get("private_metadata"))
        if upload is None or not view.get("id"):
            log.warning("an Import press without the upload it is about")
            return
        invocation = invocation_from_interaction(body, runtime)
        with unit_of_work(runtime.engine) as session:
            lang = open_context(session, invocation).lang
        # The button goes at once, so the file is not imported twice by a double press.
        call_slack(
            "views.update",
            client.views_update,
            view_id=view["id"],
            view=waiting_view("import.importing", lang, upload),
        )
        run_upload(client, body, upload, apply=True)

    def run_upload(client: WebClient, body: dict[str, Any], upload: Upload, *, apply: bool) -> None:
        """Fetch the file, check it (``apply``: import it too), and show what came of it."""
        invocation = invocation_from_interaction(body, runtime)
        raw, failed = b"", None
        try:
            raw = download_file(
                upload.url, client.token, runtime.settings.file_url_prefixes, limit=MAX_FILE_BYTES
            )
        except DownloadFailed as error:
            failed = error.reason

        def work(ctx: CommandContext) -> Reply:
            may_import(ctx, file_name=upload.name, size=upload.size)  # an admin, still
            if failed is not None:
                raise UsageError("import.download_failed", file=upload.name, reason=failed)
            text = decode_file(raw)
            if text is None:
                raise UsageError("import.not_utf8", path=upload.name)
            try:
                return check_upload(
                    ctx,
                    upload.options,
                    text=text,
                    file_name=upload.name,
                    people=SlackPeople(client),
                    apply=apply,
                )
            except SlackUnavailable:
                raise UsageError("import.slack_unavailable") from None

        handled = run_work(runtime.engine, invocation, work)
        if isinstance(handled.reply, ImportChecked):
            view = checked_view(handled.reply, handled.lang, upload)
        elif isinstance(handled.reply, Problem):
            view = problem_view(handled.reply, handled.lang, handled.tz, upload)
        else:  # the work answers with nothing else
            log.error("an upload answered with %s", type(handled.reply).__name__)
            return
        call_slack("views.update", client.views_update, view_id=body["view"]["id"], view=view)
        if handled.changed:
            refresh_after_change(runtime, client, invocation, todays_nudge=handled.todays_nudge)

    def just_ack(ack: Ack) -> None:
        ack()

    app.view(ids.IMPORT_CALLBACK)(ack=submitted, lazy=[check])
    app.action(ids.IMPORT_RUN)(ack=just_ack, lazy=[press])


def send_export(
    runtime: Runtime,
    client: WebClient,
    invocation: Invocation,
    kind: str,
    response_url: str | None,
) -> None:
    """Build the export of ``kind`` and share it in the caller's DM; say so if Slack refused."""
    lang = "en"
    try:
        with unit_of_work(runtime.engine, read_only=True) as session:
            ctx = open_context(session, invocation)
            lang, tz = ctx.lang, ctx.tz
            built = export_file(session, ctx.workspace, kind, invocation.now)
    except Exception:
        problem = internal_error("export", invocation)
        send_reply(
            runtime,
            client,
            render(problem, lang, ZoneInfo("UTC")).as_dicts(),
            user_id=invocation.user_id,
            response_url=response_url,
            channel_id=invocation.channel_id,
        )
        return
    key = "export.comment_one" if built.rows == 1 else "export.comment"
    comment = say(key, lang, tz, file=built.name, count=built.rows, time=invocation.now)
    if share_in_dm(
        client,
        invocation.user_id,
        content=built.text.encode("utf-8"),
        filename=built.name,
        title=built.name,
        comment=comment,
        what="export",
    ):
        return
    send_reply(
        runtime,
        client,
        render(Problem("export.upload_failed"), lang, tz).as_dicts(),
        user_id=invocation.user_id,
        response_url=response_url,
        channel_id=invocation.channel_id,
    )
