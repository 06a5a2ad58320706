"""The App Home tab as a Block Kit view: today's follow-ups, deals by stage, the week's numbers,
the person's own settings (with selects), and for admins the scheduled posts that failed."""

from __future__ import annotations

import re
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
from bot.blocks.attainment import home_attainment_blocks
from bot.blocks.elements import (
    HEADER_LIMIT,
    SECTION_TEXT_LIMIT,
    button,
    clip,
    context,
    deal_line,
    section,
)
from bot.blocks.forecast import home_forecast_blocks
from bot.blocks.my_settings import home_settings_blocks
from bot.blocks.post_parts import work_day_count
from bot.blocks.text import escape, plain, say, stage_label
from commands.home.replies import (
    HELD,
    REFUSED,
    SLACK_FAILING,
    STOPPED,
    UNREACHABLE,
    FailedPost,
    FailedPosts,
    HomeDashboard,
)
from commands.i18n.formatting import format_day, format_money

ERROR_SHOWN = 60  # characters of an error code: a reason can be long
_CHANNEL = re.compile(r"[CG][A-Z0-9]{2,}")
# Error codes an admin can act on, and the catalog hint that says how; others show bare.
ERROR_HINTS = {
    "channel_not_found": "home.jobs.hint.invite",
    "not_in_channel": "home.jobs.hint.invite",
    "is_archived": "home.jobs.hint.archived",
    "account_inactive": "home.jobs.hint.inactive",
    "missing_scope": "home.jobs.hint.scope",
    "expired": "home.jobs.hint.expired",
    "daily_budget_reached": "home.jobs.hint.daily_budget",
}
# How each kind of failure reads (the code and the tries fill it in), and a hint for a kind
# whose every post needs the same from the admin.
KIND_TEXTS = {
    REFUSED: "home.jobs.refused",
    UNREACHABLE: "home.jobs.unreachable",
    SLACK_FAILING: "home.jobs.slack_failing",
    STOPPED: "home.jobs.stopped",
    HELD: "home.jobs.held",
}
KIND_HINTS = {UNREACHABLE: "home.jobs.hint.unreachable"}


def _money_list(values: tuple, lang: str) -> str:
    return " + ".join(format_money(m.value, m.currency, lang) for m in values)


def _what(post: FailedPost, lang: str) -> str:
    """What the post was and for whom: the rep mentioned, or the team by name and channel."""
    if post.job == "nudge" and post.user_id:
        return plain("home.jobs.nudge", lang, user=f"<@{post.user_id}>")
    if post.job in ("forecast", "forecast_remind") and post.user_id:  # the forecast call
        return plain(f"home.jobs.{post.job}", lang, user=f"<@{post.user_id}>")
    team = escape(post.team_name) if post.team_name else plain("home.jobs.deleted_team", lang)
    if post.job in ("standup", "digest", "alert"):
        what = plain(f"home.jobs.{post.job}", lang, team=f"*{team}*")
        if post.channel_id and _CHANNEL.fullmatch(post.channel_id):
            what += f" (<#{post.channel_id}>)"
        return what
    return plain("home.jobs.other", lang, job=escape(post.job), target=team)


def _when(post: FailedPost, lang: str) -> str:
    if post.period_start is None:
        return escape(post.period)
    if "W" in post.period:
        return say("home.week_of", lang, date=format_day(post.period_start, lang))
    return format_day(post.period_start, lang)


def _failed_post_line(post: FailedPost, lang: str) -> str:
    """What the post was, when, why it failed (Slack's refusal reads nothing like a Slack that
    could not be reached) and, when the admin can do something, what."""
    code = clip(post.reason.replace("`", "'"), ERROR_SHOWN) or "?"
    why = say(KIND_TEXTS[post.kind], lang, code=code, tries=post.attempts)
    line = f"\u2022 {_what(post, lang)} \u00b7 {_when(post, lang)} \u00b7 {why}"
    hint = ERROR_HINTS.get(post.reason) or KIND_HINTS.get(post.kind)
    return f"{line}\n{plain(hint, lang)}" if hint else line


def _failed_posts_blocks(posts: FailedPosts, lang: str) -> list[Block]:
    """At most eight blocks: the title, five posts, how many more, how many retrying."""
    title = say("home.jobs.title", lang, count=posts.failed_total)
    blocks: list[Block] = [section(f"*{title}*\n{plain('home.jobs.intro', lang)}")]
    blocks.extend(section(_failed_post_line(post, lang)) for post in posts.shown)
    hidden = posts.failed_total - len(posts.shown)
    if hidden > 0:
        blocks.append(context(say("home.jobs.more", lang, count=hidden)))
    if posts.retrying:
        blocks.append(context(say("home.jobs.retrying", lang, count=posts.retrying)))
    blocks.append(DividerBlock())
    return blocks


def render_home(home: HomeDashboard, lang: str, tz: ZoneInfo) -> View:
    """The home view; at most ~40 blocks, inside Slack's 100 for a home tab."""
    blocks: list[Block] = [
        HeaderBlock(text=clip(plain("home.title", lang), HEADER_LIMIT)),
        context(say("home.week_of", lang, date=format_day(home.week_start, lang))),
    ]
    if home.failed_posts:
        blocks.extend(_failed_posts_blocks(home.failed_posts, lang))
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
    blocks.append(section(f"{calls}\n{won}"))
    blocks.append(DividerBlock())
    blocks.extend(home_attainment_blocks(home.attainment, lang))
    blocks.extend(home_forecast_blocks(home.forecast, lang, home.attainment))
    blocks.append(section("*" + say("home.follow_ups", lang, count=home.follow_ups_total) + "*"))
    if not home.follow_ups:
        blocks.append(context(plain("home.no_follow_ups", lang)))
    for index, item in enumerate(home.follow_ups):
        when = (
            say("home.overdue", lang, days=work_day_count(item.overdue_days, lang))
            if item.overdue_days
            else plain("home.due_today", lang)
        )
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(
                    text=clip(f"{deal_line(item.deal, lang)}\n{when}", SECTION_TEXT_LIMIT)
                ),
                accessory=button(
                    plain("button.log_call", lang), f"{ids.LOG_CALL}_{index}", item.deal.ref
                ),
            )
        )
    hidden = home.follow_ups_total - len(home.follow_ups)
    if hidden > 0:
        blocks.append(context(say("home.more_follow_ups", lang, count=hidden)))
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
    blocks.append(section("\n".join(lines)))
    blocks.append(DividerBlock())
    if home.settings is not None:
        blocks.extend(home_settings_blocks(home.settings, lang))
    blocks.append(context(plain("home.commands", lang)))
    blocks.append(
        ActionsBlock(elements=[button(plain("home.refresh", lang), ids.HOME_REFRESH, "refresh")])
    )
    return View(type="home", blocks=blocks)
