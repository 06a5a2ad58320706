"""Sending the funnel chart that goes with a ``/funnel`` answer.

A command's answer is ephemeral (only the caller sees it), and an uploaded file cannot live in
an ephemeral message. So the chart goes to the caller's direct messages with Corong, through
Slack's current upload flow (files.getUploadURLExternal, the bytes, then
files.completeUploadExternal, which ``files_upload_v2`` runs), where it stays private to them.
"""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.blocks.board import scope_title
from bot.blocks.text import escape
from bot.charts import funnel_chart_png
from bot.slack_client import call_slack
from commands.i18n import translate
from commands.localtime import period_slug
from commands.reports.format import period_label
from commands.reports.replies import FunnelView

log = logging.getLogger("corong.charts")


def send_funnel_chart(client: WebClient, view: FunnelView, lang: str, user_id: str) -> bool:
    """Render the chart and share it in the caller's DM; False (logged) when Slack refused."""
    period = period_label(
        view.report.period_start, view.report.period_end, lang, ZoneInfo(view.tz_name)
    )
    title = f"{scope_title(view.scope, lang, 'funnel', mrkdwn=False)} \u00b7 {period}"
    png = funnel_chart_png(view.report, lang, title=title)
    opened = call_slack("conversations.open", client.conversations_open, users=user_id)
    if not opened:
        return False
    try:
        client.files_upload_v2(
            channel=opened["channel"]["id"],
            content=png,
            filename=f"funnel-{period_slug(view.period)}.png",
            title=title,
            initial_comment=translate("funnel.chart_comment", lang, title=escape(title)),
        )
    except SlackApiError as error:
        log.warning("funnel chart upload failed: error=%s", error.response.get("error"))
        return False
    except Exception as error:  # network trouble after retries: the text answer still stands
        log.warning("funnel chart upload failed: %s", type(error).__name__)
        return False
    return True
