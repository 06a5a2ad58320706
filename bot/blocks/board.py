"""``/pipeline`` as Block Kit: stage headers with totals, one row per deal, page buttons.

A page holds at most 20 deals and a stage header per stage on it, well inside Slack's 50 blocks
per message; the header line always counts the whole scope, so nothing is cut silently.
"""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import ActionsBlock, Block, MarkdownTextObject, SectionBlock

from bot import ids
from bot.blocks.elements import (
    SECTION_TEXT_LIMIT,
    RenderedMessage,
    button,
    clip,
    context,
    deal_line,
    section,
)
from bot.blocks.post_parts import work_day_count
from bot.blocks.text import escape, plain, say, stage_label
from commands.i18n.formatting import format_money
from commands.reports.replies import BoardRow, PipelineBoard
from commands.reports.scopes import ReportScope


def scope_title(scope: ReportScope, lang: str, prefix: str, *, mrkdwn: bool = True) -> str:
    """``Your pipeline`` / ``Pipeline of @budi`` / ``Pipeline of team Jakarta`` / ``... all``.

    Plain text (a chart title, a file title) cannot show a mention, so it names the rep."""
    clean = escape if mrkdwn else str
    if scope.kind == "member":
        user = f"<@{scope.user_id}>" if mrkdwn else (scope.member_name or scope.user_id or "")
        return plain(f"{prefix}.title_member", lang, user=user)
    if scope.kind == "team":
        return plain(f"{prefix}.title_team", lang, team=clean(", ".join(scope.team_names)))
    return plain(f"{prefix}.title_{scope.kind}", lang)


def _row_line(row: BoardRow, lang: str, show_owner: bool) -> str:
    parts = [deal_line(row.deal, lang, with_stage=False)]
    facts = [say("board.in_stage", lang, days=row.days_in_stage)]
    if row.overdue_days:
        facts.append(
            ":alarm_clock: "
            + say("board.overdue", lang, days=work_day_count(row.overdue_days, lang))
        )
    if row.stale:
        facts.append(":zzz: " + say("board.stale", lang, days=row.idle_days))
    elif row.contacted:
        facts.append(say("board.touched", lang, days=row.idle_days))
    else:
        facts.append(say("board.not_contacted", lang, days=row.idle_days))
    if show_owner and row.deal.owner_user_id:
        owner = f"<@{row.deal.owner_user_id}>"
        if row.manager_owner:
            owner += " " + plain("report.manager_mark", lang)
        facts.append(owner)
    parts.append(" \u00b7 ".join(facts))
    return "\n".join(parts)


def render_board(reply: PipelineBoard, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """A page of the scope's open deals by stage, each row saying what needs attention."""
    title = scope_title(reply.scope, lang, "board")
    blocks: list[Block] = []
    summary = say("board.summary", lang, count=reply.total)
    if reply.stale_count or reply.overdue_count:
        summary += " \u00b7 " + say(
            "board.attention",
            lang,
            stale=reply.stale_count,
            overdue=reply.overdue_count,
            days=reply.stale_days,
        )
    blocks.append(section(f"*{title}*\n{summary}"))
    if not reply.rows:
        blocks.append(context(plain("board.empty", lang)))
        return RenderedMessage(text=f"{title}: {summary}", blocks=blocks)
    totals = {total.stage: total for total in reply.stage_totals}
    show_owner = reply.scope.kind != "mine"
    current = None
    for row in reply.rows:
        if row.deal.stage != current:
            current = row.deal.stage
            header = f"*{escape(stage_label(current, lang))}*"
            total = totals.get(current)
            if total is not None:
                header += " \u00b7 " + say("list.stage_count", lang, count=total.count)
                header += "".join(
                    " \u00b7 " + format_money(m.value, m.currency, lang) for m in total.values
                )
            blocks.append(context(header))
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(
                    text=clip(_row_line(row, lang, show_owner), SECTION_TEXT_LIMIT)
                ),
                accessory=button(
                    plain("button.open", lang), f"{ids.SHOW_DEAL}_{len(blocks)}", row.deal.ref
                ),
            )
        )
    first, last = reply.offset + 1, reply.offset + len(reply.rows)
    blocks.append(context(say("list.range", lang, first=first, last=last, total=reply.total)))
    buttons = []
    scope_text = reply.scope.canonical
    if reply.offset > 0:
        value = json.dumps({"f": scope_text, "o": max(0, reply.offset - reply.page_size)})
        buttons.append(button(plain("list.previous", lang), ids.PIPELINE_PAGE + "_prev", value))
    if last < reply.total:
        value = json.dumps({"f": scope_text, "o": last})
        buttons.append(button(plain("list.next", lang), ids.PIPELINE_PAGE, value))
    if buttons:
        blocks.append(ActionsBlock(elements=buttons))
    return RenderedMessage(text=f"{title}: {summary}", blocks=blocks)
