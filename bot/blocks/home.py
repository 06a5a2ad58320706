"""The App Home tab as a Block Kit view: today's follow-ups, deals by stage, the week's numbers."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot import ids
from bot.blocks.replies import SECTION_TEXT_LIMIT, _button, _context, _deal_line, _section, clip
from bot.blocks.text import escape, plain, say, stage_label
from commands.i18n.formatting import format_day, format_money
from commands.report_replies import HomeDashboard

HEADER_LIMIT = 150


def _money_list(values: tuple, lang: str) -> str:
    return " + ".join(format_money(m.value, m.currency, lang) for m in values)


def render_home(home: HomeDashboard, lang: str, tz: ZoneInfo) -> View:
    """The home view; at most ~30 blocks, inside Slack's 100 for a home tab."""
    blocks: list[Block] = [
        HeaderBlock(text=clip(plain("home.title", lang), HEADER_LIMIT)),
        _context(say("home.week_of", lang, date=format_day(home.week_start, lang))),
    ]
    calls = say(
        "home.calls",
        lang,
        week=home.calls_this_week,
        week_target=home.calls_target_week,
        today=home.calls_today,
        day_target=home.calls_target_day,
    )
    won = say("home.won", lang, count=home.won_count_week)
    if home.won_value_week:
        won += " \u00b7 " + _money_list(home.won_value_week, lang)
    blocks.append(_section(f"{calls}\n{won}"))
    blocks.append(DividerBlock())
    blocks.append(_section("*" + say("home.follow_ups", lang, count=home.follow_ups_total) + "*"))
    if not home.follow_ups:
        blocks.append(_context(plain("home.no_follow_ups", lang)))
    for index, item in enumerate(home.follow_ups):
        when = (
            say("home.overdue", lang, days=item.overdue_days)
            if item.overdue_days
            else plain("home.due_today", lang)
        )
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(
                    text=clip(f"{_deal_line(item.deal, lang)}\n{when}", SECTION_TEXT_LIMIT)
                ),
                accessory=_button(
                    plain("button.log_call", lang), f"{ids.LOG_CALL}_{index}", item.deal.ref
                ),
            )
        )
    hidden = home.follow_ups_total - len(home.follow_ups)
    if hidden > 0:
        blocks.append(_context(say("home.more_follow_ups", lang, count=hidden)))
    blocks.append(DividerBlock())
    title = say("home.open_deals", lang, count=home.open_total)
    lines = [f"*{title}*"]
    for total in home.stage_totals:
        line = f"{escape(stage_label(total.stage, lang))}: " + say(
            "list.stage_count", lang, count=total.count
        )
        if total.values:
            line += " \u00b7 " + _money_list(total.values, lang)
        lines.append(line)
    if home.stale_count:
        lines.append(":zzz: " + say("home.stale", lang, count=home.stale_count))
    blocks.append(_section("\n".join(lines)))
    blocks.append(_context(plain("home.commands", lang)))
    blocks.append(
        ActionsBlock(elements=[_button(plain("home.refresh", lang), ids.HOME_REFRESH, "refresh")])
    )
    return View(type="home", blocks=blocks)
