"""Sending the funnel chart that goes with a ``/funnel`` answer.

A command's answer is ephemeral (only the caller sees it), and an uploaded file cannot live in
an ephemeral message. So the chart goes to the caller's direct messages with Corong
(``bot.slack_files.share_in_dm``), where it stays private to them.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from slack_sdk import WebClient

from bot.blocks.board import scope_title
from bot.blocks.text import escape
from bot.charts import funnel_chart_png
from bot.slack_files import share_in_dm
from commands.i18n import translate
from commands.localtime import period_slug
from commands.reports.format import period_label
from commands.reports.replies import FunnelView


def send_funnel_chart(client: WebClient, view: FunnelView, lang: str, user_id: str) -> bool:
    """Render the chart and share it in the caller's DM; False (logged) when Slack refused."""
    period = period_label(
        view.report.period_start, view.report.period_end, lang, ZoneInfo(view.tz_name)
    )
    title = f"{scope_title(view.scope, lang, 'funnel', mrkdwn=False)} \u00b7 {period}"
    png = funnel_chart_png(view.report, lang, title=title, attainment=view.attainment)
    return share_in_dm(
        client,
        user_id,
        content=png,
        filename=f"funnel-{period_slug(view.period)}.png",
        title=title,
        comment=translate("funnel.chart_comment", lang, title=escape(title)),
        what="funnel chart",
    )
