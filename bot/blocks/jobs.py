"""The posts Corong makes on its own, as Block Kit: the morning nudge, the standup and the weekly
digest (its channel summary, its thread of details and its chart title).

Every builder stays inside Slack's limits whatever the data: the nudge shows at most
``NUDGE_MAX_ITEMS`` items and counts the rest as "more"; the standup packs reps into sections of
at most 3,000 characters and names how many reps it had to leave out rather than exceed 50
blocks; the digest's details reuse ``bot.blocks.funnel`` so the thread reads like ``/funnel``.
"""

from __future__ import annotations

import json
from datetime import date
from zoneinfo import ZoneInfo

from babel.dates import format_date
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    DividerBlock,
    HeaderBlock,
    Option,
    OverflowMenuElement,
    StaticSelectElement,
)

from bot import ids
from bot.blocks.elements import (
    BUTTON_TEXT_LIMIT,
    SECTION_TEXT_LIMIT,
    RenderedMessage,
    button,
    clip,
    context,
    section,
)
from bot.blocks.funnel import (
    activity_sections,
    forecast_section,
    funnel_section,
    hygiene_section,
    outcomes_section,
    speed_section,
)
from bot.blocks.text import escape, plain, stage_label
from commands.i18n import CATALOG
from commands.i18n.formatting import babel_locale, format_moment, format_money, format_number
from commands.posts import replies as jobs
from commands.posts.nudge import SNOOZE_DAYS
from commands.posts.replies import Digest, Nudge, NudgeItem, Standup, StandupRep
from commands.replies import DealSummary
from commands.reports.format import (
    HYGIENE_LISTS,
    format_amounts,
    format_conversion,
    format_days,
    format_growth,
    format_hours,
    format_ratio,
    period_label,
    stage_name,
)
from commands.reports.replies import FunnelView

MAX_BLOCKS = 50
HEADER_LIMIT = 150
OPTION_TEXT_LIMIT = 75
OPTION_VALUE_LIMIT = 150
OPTIONS_LIMIT = 100
CONFIRM_TEXT_LIMIT = 300
FALLBACK_LIMIT = 3000

NUDGE_MAX_ITEMS = 15  # 3 blocks each (section, buttons or outcome, divider) + 4 around them
STEP_PREVIEW = 150
NAME_IN_CONFIRM = 80
FALLBACK_DEALS = 3

STANDUP_PLAN_SHOWN = 5
STANDUP_MOVES_SHOWN = 5
STANDUP_NAME = 40
STANDUP_STEP = 80

REASON_EMOJI = {
    jobs.OVERDUE: ":alarm_clock:",
    jobs.DUE_TODAY: ":calendar:",
    jobs.UNCONTACTED: ":new:",
    jobs.STUCK: ":hourglass_flowing_sand:",
    jobs.STALE: ":zzz:",
    jobs.NO_BANT: ":clipboard:",
}


def _json(value: dict[str, object]) -> str:
    """Compact JSON for button and option values (option values hold at most 150 chars)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _short_day(day: date, lang: str) -> str:
    """A day without its year, as posts dated this week read: ``Fri, Nov 20`` / ``Jum, 20 Nov``."""
    pattern = "EEE, d MMM" if lang == "id" else "EEE, MMM d"
    return format_date(day, pattern, locale=babel_locale(lang))


def _num(value: int | float, lang: str) -> str:
    return format_number(value, lang)


def _days(count: int, lang: str) -> str:
    """``1 day`` / ``3 days`` / ``3 hari``."""
    if count == 1:
        return plain("jobs.days_one", lang)
    return plain("jobs.days", lang, count=_num(count, lang))


def _stage(stage: str, lang: str) -> str:
    return escape(stage_label(stage, lang))


# --- the morning nudge --------------------------------------------------------------------------


def _deal_title(deal: DealSummary, lang: str) -> str:
    parts = [f"*{deal.ref}* {escape(deal.name)}", _stage(deal.stage, lang)]
    if deal.value is not None:
        parts.append(format_money(deal.value.value, deal.value.currency, lang))
    return " \u00b7 ".join(parts)


def _reason_line(item: NudgeItem, reason: str, lang: str) -> str:
    deal = item.deal
    step = escape(clip(deal.next_step, STEP_PREVIEW)) if deal.next_step else None
    if reason == jobs.OVERDUE:
        days = _days(item.overdue_days, lang)
        if step:
            text = plain("jobs.nudge.reason.overdue", lang, days=days, step=step)
        else:
            text = plain("jobs.nudge.reason.overdue_no_step", lang, days=days)
    elif reason == jobs.DUE_TODAY:
        if step:
            text = plain("jobs.nudge.reason.due_today", lang, step=step)
        else:
            text = plain("jobs.nudge.reason.due_today_no_step", lang)
    elif reason == jobs.UNCONTACTED:
        text = plain("jobs.nudge.reason.uncontacted", lang, days=_days(item.idle_days, lang))
    elif reason == jobs.STUCK:
        text = plain(
            "jobs.nudge.reason.stuck",
            lang,
            stage=_stage(deal.stage, lang),
            days=_days(item.days_in_stage, lang),
        )
    elif reason == jobs.STALE:
        text = plain("jobs.nudge.reason.stale", lang, days=_days(item.idle_days, lang))
    else:
        text = plain("jobs.nudge.reason.no_bant", lang)
    return f"{REASON_EMOJI.get(reason, ':small_orange_diamond:')} {text}"


def _outcome_line(outcome: jobs.ItemOutcome, lang: str) -> str:
    if outcome.kind == jobs.DONE_SNOOZED:
        try:
            until = date.fromisoformat(outcome.detail or "")
        except ValueError:
            text = plain("jobs.nudge.done.snoozed_no_day", lang)
        else:
            text = plain("jobs.nudge.done.snoozed", lang, day=_short_day(until, lang))
        return f":zzz: {text}"
    if outcome.kind == jobs.DONE_MOVED and outcome.detail:
        return ":white_check_mark: " + plain(
            "jobs.nudge.done.moved", lang, stage=_stage(outcome.detail, lang)
        )
    keys = {
        jobs.DONE_CALL: "jobs.nudge.done.call",
        jobs.DONE_WON: "jobs.nudge.done.won",
        jobs.DONE_LOST: "jobs.nudge.done.lost",
        jobs.DONE_BANT: "jobs.nudge.done.bant",
    }
    return ":white_check_mark: " + plain(keys.get(outcome.kind, "jobs.nudge.done.other"), lang)


def _move_select(item: NudgeItem, n: int, stages: tuple[str, ...], lang: str) -> Block | None:
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
                    else plain("jobs.nudge.snooze_days", lang, count=_num(days, lang))
                ),
            )
            for days in SNOOZE_DAYS
        ],
    )


def _lost_button(deal: DealSummary, n: int, lang: str) -> ButtonElement:
    label = plain("button.mark_lost", lang)
    text = plain(
        "jobs.nudge.lost_confirm_text",
        lang,
        ref=deal.ref,
        name=escape(clip(deal.name, NAME_IN_CONFIRM)),
    )
    return ButtonElement(
        text=clip(label, BUTTON_TEXT_LIMIT),
        action_id=f"{ids.NUDGE_LOST}_{n}",
        value=deal.ref,
        style="danger",
        confirm=ConfirmObject(
            title=plain("jobs.nudge.lost_confirm_title", lang),
            text=clip(text, CONFIRM_TEXT_LIMIT),
            confirm=label,
            deny=plain("modal.cancel", lang),
            style="danger",
        ),
    )


def _item_actions(item: NudgeItem, n: int, nudge: Nudge, lang: str) -> ActionsBlock:
    ref = item.deal.ref
    elements: list = [
        button(plain("button.log_call", lang), f"{ids.LOG_CALL}_{n}", ref, primary=True)
    ]
    if jobs.NO_BANT in item.reasons:
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


def _calls_line(nudge: Nudge, lang: str) -> str:
    day = _short_day(nudge.calls_day, lang)
    if nudge.calls_target <= 0:
        text = plain("jobs.nudge.calls_no_target", lang, day=day, count=_num(nudge.calls, lang))
        return f":telephone_receiver: {text}"
    mark = (
        ":white_check_mark:" if nudge.calls >= nudge.calls_target else ":small_red_triangle_down:"
    )
    text = plain(
        "jobs.nudge.calls",
        lang,
        day=day,
        count=_num(nudge.calls, lang),
        target=_num(nudge.calls_target, lang),
    )
    return f":telephone_receiver: {text} {mark}"


def _safe_url(url: str | None) -> str | None:
    """A URL that can sit inside ``<url|label>`` (ours, but never trusted to be well formed)."""
    if not url or any(char in url for char in "<>| \n"):
        return None
    return url.replace("&", "&amp;")  # Slack reads entities in mrkdwn, link targets included


def _nudge_intro(nudge: Nudge, shown: tuple[NudgeItem, ...], more: int, lang: str) -> str:
    day = _short_day(nudge.day, lang)
    total = len(shown) + more
    done = sum(1 for item in shown if item.outcome is not None)
    if total == 0:
        return plain("jobs.nudge.intro_calls_only", lang, day=day)
    pending = total - done
    if not pending:
        return plain("jobs.nudge.all_done", lang, day=day)
    if pending == 1:
        intro = plain("jobs.nudge.intro_one", lang, day=day)
    else:
        intro = plain("jobs.nudge.intro", lang, count=_num(pending, lang), day=day)
    if done:
        intro += " \u00b7 " + plain("jobs.nudge.progress", lang, count=_num(done, lang))
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
        text = plain("jobs.nudge.fallback_one", lang, deals=deals)
    else:
        text = plain("jobs.nudge.fallback", lang, count=_num(total, lang), deals=deals)
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
    blocks: list[Block] = [section(f"{intro}\n{_calls_line(nudge, lang)}"), DividerBlock()]
    for n, item in enumerate(shown):
        blocks.extend(_item_blocks(item, n, nudge, lang))
        if n < len(shown) - 1:
            blocks.append(DividerBlock())
    if more > 0:
        url = _safe_url(home_url)
        count = _num(more, lang)
        if url:
            blocks.append(context(plain("jobs.nudge.more_home", lang, count=count, url=url)))
        else:
            blocks.append(context(plain("jobs.nudge.more", lang, count=count)))
    return RenderedMessage(text=_nudge_fallback(nudge, shown, more, lang), blocks=blocks)


# --- the standup --------------------------------------------------------------------------------


def _plan_entry(deal: DealSummary, day: date, lang: str) -> str:
    text = f"*{deal.ref}* {escape(clip(deal.name, STANDUP_NAME))}"
    if deal.next_step:
        text += " \u2014 " + escape(clip(deal.next_step, STANDUP_STEP))
    if deal.next_step_due is not None and deal.next_step_due < day:
        late = _days((day - deal.next_step_due).days, lang)
        text += " _(" + plain("jobs.standup.overdue", lang, days=late) + ")_"
    return text


def _move_entry(move: jobs.StageMove, lang: str) -> str:
    name = escape(clip(move.deal_name, STANDUP_NAME))
    if move.from_stage:
        change = f"{_stage(move.from_stage, lang)} \u2192 {_stage(move.to_stage, lang)}"
    else:
        change = plain("jobs.standup.move_new", lang, stage=_stage(move.to_stage, lang))
    return f"{move.deal_ref} {name}: {change}"


def _calls_text(count: int, lang: str) -> str:
    if count == 1:
        return plain("jobs.standup.calls_one", lang)
    return plain("jobs.standup.calls", lang, count=_num(count, lang))


def _rep_text(rep: StandupRep, standup: Standup, lang: str) -> str:
    who = f"<@{rep.user_id}>"
    since = _short_day(standup.since, lang)
    active = rep.calls or rep.moves or rep.moves_more
    if not rep.plan and not rep.plan_more and not active:
        return f"{who} \u2014 _{plain('jobs.standup.idle', lang, since=since)}_"
    lines = [f"*{who}*"]
    shown = rep.plan[:STANDUP_PLAN_SHOWN]
    plan_more = rep.plan_more + len(rep.plan) - len(shown)
    if shown or plan_more:
        entries = [_plan_entry(deal, standup.day, lang) for deal in shown]
        if plan_more:
            entries.append(plain("jobs.standup.plan_more", lang, count=_num(plan_more, lang)))
        lines.append(f":dart: {plain('jobs.standup.plan', lang)}: " + " \u00b7 ".join(entries))
    else:
        lines.append(
            f":dart: {plain('jobs.standup.plan', lang)}: {plain('jobs.standup.no_plan', lang)}"
        )
    activity = [_calls_text(rep.calls, lang)]
    moves = rep.moves[:STANDUP_MOVES_SHOWN]
    moves_more = rep.moves_more + len(rep.moves) - len(moves)
    if moves or moves_more:
        entries = [_move_entry(move, lang) for move in moves]
        if moves_more:
            entries.append(plain("jobs.standup.plan_more", lang, count=_num(moves_more, lang)))
        activity.append(plain("jobs.standup.moves", lang) + ": " + ", ".join(entries))
    lines.append(f":telephone_receiver: {since}: " + " \u00b7 ".join(activity))
    return clip("\n".join(lines), SECTION_TEXT_LIMIT)


def _pack(texts: list[str], *, separator: str, room: int) -> tuple[list[str], int]:
    """Texts joined, in order, into at most ``room`` chunks of at most 3,000 characters (each
    text is already shorter); also how many texts fitted."""
    chunks: list[str] = []
    placed = 0
    for text in texts:
        if chunks and len(chunks[-1]) + len(separator) + len(text) <= SECTION_TEXT_LIMIT:
            chunks[-1] += separator + text
        elif len(chunks) < room:
            chunks.append(text)
        else:
            break
        placed += 1
    return chunks, placed


def render_standup(standup: Standup, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """The standup post: each rep's plan for today and the previous work day's calls and moves,
    several reps per section; a team too big for 50 blocks is cut with "and N more reps"."""
    day = _short_day(standup.day, lang)
    since = _short_day(standup.since, lang)
    title = plain("jobs.standup.title", lang, team=standup.team_name, day=day)
    blocks: list[Block] = [
        HeaderBlock(text=clip(title, HEADER_LIMIT)),
        context(plain("jobs.standup.subtitle", lang, since=since)),
    ]
    texts = [_rep_text(rep, standup, lang) for rep in standup.reps]
    if not texts:
        blocks.append(section(plain("jobs.standup.no_reps", lang)))
    room = MAX_BLOCKS - len(blocks) - 2  # the closing line, and perhaps "and N more reps"
    chunks, placed = _pack(texts, separator="\n\n", room=room)
    blocks.extend(section(chunk) for chunk in chunks)
    if placed < len(texts):
        hidden = _num(len(texts) - placed, lang)
        blocks.append(context(plain("jobs.standup.more_reps", lang, count=hidden)))
    blocks.append(context(plain("jobs.standup.closing", lang)))
    due = sum(len(rep.plan) + rep.plan_more for rep in standup.reps)
    text = plain(
        "jobs.standup.fallback",
        lang,
        team=escape(standup.team_name),
        day=day,
        count=_num(due, lang),
    )
    return RenderedMessage(text=clip(text, FALLBACK_LIMIT), blocks=blocks)


# --- the weekly digest --------------------------------------------------------------------------


def _period(view: FunnelView, lang: str) -> str:
    report = view.report
    return period_label(report.period_start, report.period_end, lang, ZoneInfo(view.tz_name))


def digest_chart_title(digest: Digest, lang: str) -> str:
    """The funnel chart's title as the upload shows it (plain text: no mrkdwn, no escaping)."""
    return plain(
        "jobs.digest.title", lang, team=digest.team_name, period=_period(digest.funnel, lang)
    )


def _label(key: str, lang: str) -> str:
    return f"*{plain(key, lang)}*"


def _funnel_line(view: FunnelView, lang: str) -> list[str]:
    funnel = view.report.funnel
    label = _label("report.section.funnel", lang)
    if not funnel.cohort_size:
        days = _num((funnel.cohort_end - funnel.cohort_start).days, lang)
        return [f":bar_chart: {label}: " + plain("jobs.digest.funnel_empty", lang, days=days)]
    steps = [
        f"{escape(stage_name(row.stage, lang))} {_num(row.reached, lang)}" for row in funnel.stages
    ]
    steps.append(f"{escape(stage_name('won', lang))} {_num(funnel.cohort_won, lang)}")
    lines = [f":bar_chart: {label}: " + " \u2192 ".join(steps)]
    stages = [row.stage for row in funnel.stages]
    if funnel.leak and funnel.leak in stages:
        index = stages.index(funnel.leak)
        row = funnel.stages[index]
        following = stages[index + 1] if index + 1 < len(stages) else "won"
        leak = plain(
            "jobs.digest.leak",
            lang,
            stage=escape(stage_name(row.stage, lang)),
            next_stage=escape(stage_name(following, lang)),
            conversion=format_conversion(row.conversion, row.benchmark, lang),
        )
        lines.append(f":warning: {leak}")
    elif any(row.benchmark for row in funnel.stages):
        lines.append(":white_check_mark: " + plain("jobs.digest.no_leak", lang))
    return lines


def _bookings_line(view: FunnelView, lang: str) -> str:
    out = view.report.outcomes
    value = (
        format_amounts(out.won_value, lang)
        if out.won_value
        else format_money(0, out.currency, lang)
    )
    count = _num(out.won_count, lang)
    if out.growth is None:
        text = plain("jobs.digest.bookings_no_growth", lang, count=count, value=value)
    else:
        text = plain(
            "jobs.digest.bookings",
            lang,
            count=count,
            value=value,
            growth=f"*{format_growth(out.growth, lang)}*",
            previous=format_money(out.previous_won_value, out.currency, lang),
        )
    if out.growth is None:
        mark = ":moneybag:"
    elif out.growth >= 0:
        mark = ":chart_with_upwards_trend:"
    else:
        mark = ":chart_with_downwards_trend:"
    return f"{mark} {_label('report.bookings', lang)}: {text}"


def _calls_summary(view: FunnelView, lang: str) -> str:
    activity = view.report.activity
    total = sum(row.calls for row in activity.calls)
    parts = [plain("jobs.digest.calls_total", lang, count=_num(total, lang))]
    reps = len(activity.calls)
    target = activity.calls_target
    if reps and target > 0:
        below = sum(1 for row in activity.calls if row.calls < target)
        params = {"reps": _num(reps, lang), "target": _num(target, lang)}
        if below:
            parts.append(plain("jobs.digest.calls_below", lang, count=_num(below, lang), **params))
        else:
            parts.append(plain("jobs.digest.calls_all_at_target", lang, **params))
    return f":telephone_receiver: {_label('report.column.calls', lang)}: " + " \u00b7 ".join(parts)


def _speed_lines(view: FunnelView, lang: str) -> list[str]:
    report = view.report
    out, speed = report.outcomes, report.speed
    win_rate = plain(
        "jobs.digest.win_rate",
        lang,
        rate=format_ratio(out.win_rate, lang),
        won=_num(out.won_count, lang),
        lost=_num(out.lost_count, lang),
    )
    if speed.cycle_median_days is None:
        cycle = format_days(None, lang)
    else:
        cycle = plain(
            "jobs.digest.cycle",
            lang,
            days=format_days(speed.cycle_median_days, lang),
            count=_num(speed.cycle_deals, lang),
        )
    if speed.bottleneck:
        medians = {row.stage: row.median_days for row in speed.stage_times}
        bottleneck = plain(
            "jobs.digest.bottleneck",
            lang,
            stage=escape(stage_name(speed.bottleneck, lang)),
            days=format_days(medians.get(speed.bottleneck), lang),
        )
    else:
        bottleneck = plain("report.none", lang)
    response = plain(
        "jobs.digest.lead_response",
        lang,
        hours=format_hours(speed.lead_response_median_hours, lang),
        awaiting=_num(speed.leads_awaiting_response, lang),
    )
    return [
        f":trophy: {_label('report.win_rate', lang)}: {win_rate}",
        f":stopwatch: {_label('report.sales_cycle', lang)}: {cycle}",
        f":construction: {_label('report.bottleneck', lang)}: {bottleneck}",
        f":zap: {_label('report.lead_response', lang)}: {response}",
    ]


_HYGIENE_COUNT_KEYS = {
    "stale": "jobs.digest.hygiene.stale",
    "overdue": "jobs.digest.hygiene.overdue",
    "stuck": "jobs.digest.hygiene.stuck",
    "uncontacted": "jobs.digest.hygiene.uncontacted",
    "missing_bant": "jobs.digest.hygiene.missing_bant",
}


def _hygiene_line(view: FunnelView, lang: str) -> str:
    hygiene = view.report.hygiene
    warnings = []
    for field, _label_key in HYGIENE_LISTS:
        total = getattr(hygiene, field).total
        key = _HYGIENE_COUNT_KEYS[field]
        if total == 1 and f"{key}_one" in CATALOG:
            warnings.append(plain(f"{key}_one", lang))
        elif total:
            warnings.append(plain(key, lang, count=_num(total, lang)))
    if hygiene.pile_up:
        warnings.append(
            plain(
                "jobs.digest.hygiene.pile_up",
                lang,
                share=format_ratio(hygiene.pile_up_share, lang),
                stage=escape(stage_name(hygiene.pile_up_stage, lang)),
            )
        )
    label = _label("report.section.hygiene", lang)
    if not warnings:
        return f":white_check_mark: {label}: {plain('jobs.digest.hygiene_clear', lang)}"
    return f":broom: {label}: " + " \u00b7 ".join(warnings)


def render_digest_summary(digest: Digest, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """The channel post, readable in 20 seconds: one line per headline number; the chart and
    the full report follow in its thread."""
    view = digest.funnel
    title = plain(
        "jobs.digest.title", lang, team=escape(digest.team_name), period=_period(view, lang)
    )
    lines = [
        *_funnel_line(view, lang),
        _bookings_line(view, lang),
        _calls_summary(view, lang),
        *_speed_lines(view, lang),
        _hygiene_line(view, lang),
    ]
    lines = [clip(line, SECTION_TEXT_LIMIT) for line in lines]
    chunks, _ = _pack(lines, separator="\n", room=len(lines))
    blocks: list[Block] = [
        section(f"*{title}*"),
        *(section(chunk) for chunk in chunks),
        context(plain("jobs.digest.footer", lang)),
    ]
    out = view.report.outcomes
    won = _num(out.won_count, lang)
    if out.growth is None:
        text = plain("jobs.digest.fallback_no_growth", lang, title=title, won=won)
    else:
        growth = format_growth(out.growth, lang)
        text = plain("jobs.digest.fallback", lang, title=title, won=won, growth=growth)
    return RenderedMessage(text=clip(text, FALLBACK_LIMIT), blocks=blocks)


def render_digest_details(digest: Digest, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """The thread reply: the whole funnel report, worded exactly as ``/funnel`` words it."""
    view = digest.funnel
    report = view.report
    title = plain(
        "jobs.digest.details_title", lang, team=escape(digest.team_name), period=_period(view, lang)
    )
    as_of = plain("report.as_of", lang, moment=format_moment(report.now, lang, tz))
    blocks: list[Block] = [
        section(f"*{title}*"),
        context(escape(as_of)),
        *funnel_section(report, lang),
        DividerBlock(),
        outcomes_section(report, lang),
        *activity_sections(view, lang),
        speed_section(report, lang),
        DividerBlock(),
        hygiene_section(report, lang, ZoneInfo(view.tz_name)),
        forecast_section(report, lang),
    ]
    return RenderedMessage(text=clip(title, FALLBACK_LIMIT), blocks=blocks)
