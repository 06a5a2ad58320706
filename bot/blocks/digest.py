"""The weekly digest as Block Kit: its channel summary (one line per headline number), the
thread reply with the whole funnel report, and the title of the chart posted between them.

The thread reuses ``bot.blocks.funnel``'s sections, so it reads exactly like ``/funnel``.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block, DividerBlock

from bot.blocks.attainment import digest_attainment_blocks, digest_attainment_lines
from bot.blocks.away import who_is_away
from bot.blocks.elements import (
    FALLBACK_LIMIT,
    SECTION_TEXT_LIMIT,
    RenderedMessage,
    clip,
    context,
    section,
)
from bot.blocks.forecast import digest_forecast_blocks
from bot.blocks.funnel import (
    activity_sections,
    forecast_section,
    funnel_section,
    hygiene_section,
    outcomes_section,
    speed_section,
)
from bot.blocks.leaderboard import leaderboard_blocks
from bot.blocks.post_parts import pack_sections
from bot.blocks.text import escape, plain, say
from bot.blocks.winloss import win_loss_blocks
from commands.i18n import CATALOG
from commands.i18n.formatting import format_moment, format_money, format_number
from commands.posts.replies import Digest
from commands.replies import People
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
        days = format_number((funnel.cohort_end - funnel.cohort_start).days, lang)
        return [f":bar_chart: {label}: " + plain("jobs.digest.funnel_empty", lang, days=days)]
    steps = [
        f"{escape(stage_name(row.stage, lang))} {format_number(row.reached, lang)}"
        for row in funnel.stages
    ]
    steps.append(f"{escape(stage_name('won', lang))} {format_number(funnel.cohort_won, lang)}")
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
    count = format_number(out.won_count, lang)
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
    parts = [plain("jobs.digest.calls_total", lang, count=format_number(total, lang))]
    reps = activity.rep_calls  # a manager's calls are in the total, not held to the target
    target = activity.calls_target
    if reps and target > 0:
        below = sum(1 for row in reps if row.calls < target)
        params = {"reps": format_number(len(reps), lang), "target": format_number(target, lang)}
        if below:
            parts.append(
                plain("jobs.digest.calls_below", lang, count=format_number(below, lang), **params)
            )
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
        won=format_number(out.won_count, lang),
        lost=format_number(out.lost_count, lang),
    )
    if speed.cycle_median_days is None:
        cycle = format_days(None, lang)
    else:
        cycle = plain(
            "jobs.digest.cycle",
            lang,
            days=format_days(speed.cycle_median_days, lang),
            count=format_number(speed.cycle_deals, lang),
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
        awaiting=format_number(speed.leads_awaiting_response, lang),
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
            warnings.append(plain(key, lang, count=format_number(total, lang)))
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
        *digest_attainment_lines(digest.attainment, lang),
        _calls_summary(view, lang),
        *_speed_lines(view, lang),
        _hygiene_line(view, lang),
    ]
    if digest.away:
        away = who_is_away(digest.away, lang)
        lines.append(f":palm_tree: {_label('jobs.digest.away', lang)}: {away}")
    if digest.not_acting:
        people = People(digest.not_acting, shown=len(digest.not_acting))
        lines.append(say("jobs.digest.not_acting", lang, people=people))
    if digest.win_loss is not None:
        lines.append(":mag: " + plain("winloss.monthly", lang))
    lines = [clip(line, SECTION_TEXT_LIMIT) for line in lines]
    chunks, _ = pack_sections(lines, separator="\n", room=len(lines))
    blocks: list[Block] = [section(f"*{title}*")]
    if digest.moved_from is not None:
        moved = digest.moved_from
        blocks.append(
            context(say("jobs.digest.moved", lang, tz, day=moved.day, name=moved.name or "—"))
        )
    blocks += [
        *(section(chunk) for chunk in chunks),
        *leaderboard_blocks(digest.leaderboard, lang),
        *digest_forecast_blocks(digest, lang),
        context(plain("jobs.digest.footer", lang)),
    ]
    out = view.report.outcomes
    won = format_number(out.won_count, lang)
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
        *digest_attainment_blocks(digest.attainment, lang),
        *activity_sections(view, lang),
        speed_section(report, lang),
        DividerBlock(),
        hygiene_section(report, lang, ZoneInfo(view.tz_name)),
        forecast_section(report, lang),
    ]
    if digest.win_loss is not None:  # the monthly edition
        blocks += [DividerBlock(), *win_loss_blocks(digest.win_loss, lang, ZoneInfo(view.tz_name))]
    return RenderedMessage(text=clip(title, FALLBACK_LIMIT), blocks=blocks)
