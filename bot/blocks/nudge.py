"""The morning nudge as Block Kit: a rep's most urgent deals, each with why it needs them today
and one-click actions (log a call, BANT, move, snooze, mark lost). A weekly summary reads the
same, worded for the week, with a line saying why it is weekly.

It stays inside Slack's limits whatever the data: at most ``NUDGE_MAX_ITEMS`` items are shown
and the rest are counted as "more"; a handled item shows what was done in place of its buttons
when the message is redrawn.
"""

from __future__ import annotations

import json
from datetime import date
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DividerBlock,
    InteractiveElement,
    Option,
    OverflowMenuElement,
    StaticSelectElement,
)

from bot import ids
from bot.blocks.elements import (
    BUTTON_TEXT_LIMIT,
    FALLBACK_LIMIT,
    OPTION_TEXT_LIMIT,
    OPTION_VALUE_LIMIT,
    OPTIONS_LIMIT,
    RenderedMessage,
    button,
    clip,
    context,
    section,
)
from bot.blocks.post_parts import day_count, short_day, stage_text, work_day_count
from bot.blocks.text import escape, plain, stage_label
from commands.i18n.formatting import format_money, format_number
from commands.posts.nudge import SNOOZE_DAYS
from commands.posts.prefs import IGNORED_LIMIT, NOT_ACTING, week_start
from commands.posts.replies import (
    DONE_BANT,
    DONE_CALL,
    DONE_LOST,
    DONE_MOVED,
    DONE_SNOOZED,
    DONE_WON,
    DUE_TODAY,
    DUE_WEEK,
    NO_BANT,
    OVERDUE,
    STALE,
    STUCK,
    UNCONTACTED,
    ItemOutcome,
    Nudge,
    NudgeItem,
)
from commands.replies import DealSummary

NUDGE_MAX_ITEMS = 15  # 3 blocks each (section, buttons or outcome, divider) + 4 around them
STEP_PREVIEW = 150
FALLBACK_DEALS = 3

REASON_EMOJI = {
    OVERDUE: ":alarm_clock:",
    DUE_TODAY: ":calendar:",
    DUE_WEEK: ":date:",
    UNCONTACTED: ":new:",
    STUCK: ":hourglass_flowing_sand:",
    STALE: ":zzz:",
    NO_BANT: ":clipboard:",
}


def _json(value: dict[str, object]) -> str:
    """Compact JSON for button and option values (option values hold at most 150 chars)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _deal_title(deal: DealSummary, lang: str) -> str:
    parts = [f"*{deal.ref}* {escape(deal.name)}", stage_text(deal.stage, lang)]
    if deal.value is not None:
        parts.append(format_money(deal.value.value, deal.value.currency, lang))
    return " \u00b7 ".join(parts)


def _reason_line(item: NudgeItem, reason: str, lang: str) -> str:
    deal = item.deal
    step = escape(clip(deal.next_step, STEP_PREVIEW)) if deal.next_step else None
    if reason == OVERDUE:
        days = work_day_count(item.overdue_days, lang)
        if step:
            text = plain("jobs.nudge.reason.overdue", lang, days=days, step=step)
        else:
            text = plain("jobs.nudge.reason.overdue_no_step", lang, days=days)
    elif reason == DUE_TODAY:
        if step:
            text = plain("jobs.nudge.reason.due_today", lang, step=step)
        else:
            text = plain("jobs.nudge.reason.due_today_no_step", lang)
    elif reason == DUE_WEEK and deal.next_step_due is not None:
        due = short_day(deal.next_step_due, lang)
        if step:
            text = plain("jobs.nudge.reason.due_week", lang, day=due, step=step)
        else:
            text = plain("jobs.nudge.reason.due_week_no_step", lang, day=due)
    elif reason == UNCONTACTED:
        text = plain("jobs.nudge.reason.uncontacted", lang, days=day_count(item.idle_days, lang))
    elif reason == STUCK:
        text = plain(
            "jobs.nudge.reason.stuck",
            lang,
            stage=stage_text(deal.stage, lang),
            days=day_count(item.days_in_stage, lang),
        )
    elif reason == STALE:
        text = plain("jobs.nudge.reason.stale", lang, days=day_count(item.idle_days, lang))
    else:
        text = plain("jobs.nudge.reason.no_bant", lang)
    return f"{REASON_EMOJI.get(reason, ':small_orange_diamond:')} {text}"


def _outcome_line(outcome: ItemOutcome, lang: str) -> str:
    if outcome.kind == DONE_SNOOZED:
        try:
            until = date.fromisoformat(outcome.detail or "")
        except ValueError:
            text = plain("jobs.nudge.done.snoozed_no_day", lang)
        else:
            text = plain("jobs.nudge.done.snoozed", lang, day=short_day(until, lang))
        return f":zzz: {text}"
    if outcome.kind == DONE_MOVED and outcome.detail:
        return ":white_check_mark: " + plain(
            "jobs.nudge.done.moved", lang, stage=stage_text(outcome.detail, lang)
        )
    keys = {
        DONE_CALL: "jobs.nudge.done.call",
        DONE_WON: "jobs.nudge.done.won",
        DONE_LOST: "jobs.nudge.done.lost",
        DONE_BANT: "jobs.nudge.done.bant",
    }
    return ":white_check_mark: " + plain(keys.get(outcome.kind, "jobs.nudge.done.other"), lang)


def _move_select(
    item: NudgeItem, n: int, stages: tuple[str, ...], lang: str
) -> StaticSelectElement | None:
    ref, current = item.deal.ref, item.deal.stage
    options = []
    for stage in stages:
        value = _json({"r": ref, "s": stage})
        if stage == current or len(value) > OPTION_VALUE_LIMIT:
            continue
        options.append(Option(value=value, text=clip(stage_label(stage, lang), OPTION_TEXT_LIMIT)))
    if not options:
        return None
    return StaticSelectElement(
        action_id=f"{ids.NUDGE_MOVE}_{n}",
        placeholder=plain("jobs.nudge.move_placeholder", lang),
        options=options[:OPTIONS_LIMIT],
    )


def _snooze_menu(ref: str, n: int, lang: str) -> OverflowMenuElement:
    return OverflowMenuElement(
        action_id=f"{ids.NUDGE_SNOOZE}_{n}",
        options=[
            Option(
                value=_json({"r": ref, "n": days}),
                text=(
                    plain("jobs.nudge.snooze_days_one", lang)
                    if days == 1
                    else plain("jobs.nudge.snooze_days", lang, count=format_number(days, lang))
                ),
            )
            for days in SNOOZE_DAYS
        ],
    )


def _lost_button(deal: DealSummary, n: int, lang: str) -> ButtonElement:
    """*Mark lost* opens the lost form, which asks why (and is itself the confirmation)."""
    return ButtonElement(
        text=clip(plain("button.mark_lost", lang), BUTTON_TEXT_LIMIT),
        action_id=f"{ids.NUDGE_LOST}_{n}",
        value=deal.ref,
        style="danger",
    )


def _item_actions(item: NudgeItem, n: int, nudge: Nudge, lang: str) -> ActionsBlock:
    ref = item.deal.ref
    elements: list[InteractiveElement] = [
        button(plain("button.log_call", lang), f"{ids.LOG_CALL}_{n}", ref, primary=True)
    ]
    if NO_BANT in item.reasons:
        elements.append(button(plain("button.run_bant", lang), f"{ids.RUN_BANT}_{n}", ref))
    select = _move_select(item, n, nudge.move_stages, lang)
    if select is not None:
        elements.append(select)
    elements.append(_snooze_menu(ref, n, lang))
    elements.append(_lost_button(item.deal, n, lang))
    return ActionsBlock(elements=elements)


def _item_blocks(item: NudgeItem, n: int, nudge: Nudge, lang: str) -> list[Block]:
    title = _deal_title(item.deal, lang)
    if item.outcome is not None:
        return [section(title), context(_outcome_line(item.outcome, lang))]
    lines = [title, *(_reason_line(item, reason, lang) for reason in item.reasons)]
    return [section("\n".join(lines)), _item_actions(item, n, nudge, lang)]


def _key(nudge: Nudge, key: str) -> str:
    """A nudge message's key, or its weekly summary's (``jobs.nudge.week_…``)."""
    return key.replace("jobs.nudge.", "jobs.nudge.week_") if nudge.weekly else key


def _calls_line(nudge: Nudge, lang: str) -> str:
    day = short_day(nudge.calls_day, lang)
    if nudge.calls_target <= 0:
        text = plain(
            _key(nudge, "jobs.nudge.calls_no_target"),
            lang,
            day=day,
            count=format_number(nudge.calls, lang),
        )
        return f":telephone_receiver: {text}"
    mark = (
        ":white_check_mark:" if nudge.calls >= nudge.calls_target else ":small_red_triangle_down:"
    )
    text = plain(
        _key(nudge, "jobs.nudge.calls"),
        lang,
        day=day,
        count=format_number(nudge.calls, lang),
        target=format_number(nudge.calls_target, lang),
    )
    return f":telephone_receiver: {text} {mark}"


def _safe_url(url: str | None) -> str | None:
    """A URL that can sit inside ``<url|label>`` (ours, but never trusted to be well formed)."""
    if not url or any(char in url for char in "<>| \n"):
        return None
    return url.replace("&", "&amp;")  # Slack reads entities in mrkdwn, link targets included


def _nudge_intro(nudge: Nudge, shown: tuple[NudgeItem, ...], more: int, lang: str) -> str:
    day = short_day(week_start(nudge.day) if nudge.weekly else nudge.day, lang)
    total = len(shown) + more
    done = sum(1 for item in shown if item.outcome is not None)
    if total == 0:
        return plain(_key(nudge, "jobs.nudge.intro_calls_only"), lang, day=day)
    pending = total - done
    if not pending:
        return plain(_key(nudge, "jobs.nudge.all_done"), lang, day=day)
    if pending == 1:
        intro = plain(_key(nudge, "jobs.nudge.intro_one"), lang, day=day)
    else:
        count = format_number(pending, lang)
        intro = plain(_key(nudge, "jobs.nudge.intro"), lang, count=count, day=day)
    if done:
        intro += " \u00b7 " + plain("jobs.nudge.progress", lang, count=format_number(done, lang))
    return intro


def _nudge_fallback(nudge: Nudge, shown: tuple[NudgeItem, ...], more: int, lang: str) -> str:
    """The notification preview: how many deals, and the first few by name."""
    pending = [item for item in shown if item.outcome is None]
    total = len(pending) + more
    if total == 0:
        return _nudge_intro(nudge, shown, more, lang).replace("*", "")
    deals = ", ".join(
        f"{item.deal.ref} {escape(clip(item.deal.name, 60))}" for item in pending[:FALLBACK_DEALS]
    )
    if len(pending) > FALLBACK_DEALS or (more and pending):
        deals += ", \u2026"
    if total == 1:
        text = plain(_key(nudge, "jobs.nudge.fallback_one"), lang, deals=deals)
    else:
        count = format_number(total, lang)
        text = plain(_key(nudge, "jobs.nudge.fallback"), lang, count=count, deals=deals)
    return clip(text, FALLBACK_LIMIT)


def render_nudge(
    nudge: Nudge, lang: str, tz: ZoneInfo, *, home_url: str | None = None
) -> RenderedMessage:
    """The morning DM: most urgent deals first, each with its reasons and one-click actions;
    a handled item shows what was done in place of its buttons (the message is updated in place).

    Button and select ids carry the item's index (``call_open_form_3``) so each click names its
    item; at most ``NUDGE_MAX_ITEMS`` fit, the rest are counted in "and N more"."""
    shown = nudge.items[:NUDGE_MAX_ITEMS]
    more = nudge.more + len(nudge.items) - len(shown)
    intro = _nudge_intro(nudge, shown, more, lang)
    blocks: list[Block] = [section(f"{intro}\n{_calls_line(nudge, lang)}")]
    if nudge.weekly == NOT_ACTING:
        count = format_number(IGNORED_LIMIT, lang)
        blocks.append(context(plain("jobs.nudge.weekly_not_acting", lang, count=count)))
    elif nudge.weekly:
        blocks.append(context(plain("jobs.nudge.weekly_chosen", lang)))
    blocks.append(DividerBlock())
    for n, item in enumerate(shown):
        blocks.extend(_item_blocks(item, n, nudge, lang))
        if n < len(shown) - 1:
            blocks.append(DividerBlock())
    if more > 0:
        url = _safe_url(home_url)
        count = format_number(more, lang)
        if url:
            blocks.append(context(plain("jobs.nudge.more_home", lang, count=count, url=url)))
        else:
            blocks.append(context(plain("jobs.nudge.more", lang, count=count)))
    return RenderedMessage(text=_nudge_fallback(nudge, shown, more, lang), blocks=blocks)
