"""``/funnel`` as Block Kit: one section per part of the report, readable top to bottom.

Every metric comes from the engine's ``FunnelReport`` and is worded with the shared helpers of
``commands.reports.format``, so Slack, the terminal and the digest say the same thing. Lists
that grow with the team (calls per rep) are split over sections of ``REPS_PER_SECTION`` lines
to stay within Slack's 3,000 characters per section; hygiene lists show a few deals and the
count of the rest. The weekly digest's thread reuses the section builders, so it reads the same.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block, DividerBlock

from bot.blocks.board import scope_title
from bot.blocks.elements import RenderedMessage, clip, context, section
from bot.blocks.text import escape, plain, say
from bot.blocks.winloss import win_loss_blocks
from commands.i18n import translate
from commands.i18n.formatting import format_moment, format_number
from commands.replies import Money
from commands.reports.attainment import Attainment, attainment_text
from commands.reports.format import (
    HYGIENE_LISTS,
    format_amounts,
    format_conversion,
    format_days,
    format_growth,
    format_hours,
    format_ratio,
    hygiene_detail,
    not_available,
    period_label,
    stage_name,
)
from commands.reports.metrics import FunnelReport
from commands.reports.replies import FunnelView

REPS_PER_SECTION = 25
MAX_REP_SECTIONS = 8  # 200 reps; beyond that the report names how many more
HYGIENE_SHOWN = 3
NAME_PREVIEW = 60


def _t(key: str, lang: str, **params: object) -> str:
    return translate(key, lang, **params)


def funnel_section(report: FunnelReport, lang: str) -> list[Block]:
    """Each stage's open deals, entries and conversion, the leak, and the cohort it counts."""
    funnel = report.funnel
    lines = [f"*{_t('report.section.funnel', lang)}*"]
    for row in funnel.stages:
        parts = [
            f"*{escape(stage_name(row.stage, lang))}*",
            say("funnel.open", lang, count=row.open_count),
        ]
        if row.open_value:
            parts.append(format_amounts(row.open_value, lang))
        parts.append(say("funnel.entered", lang, count=row.entered))
        parts.append("\u2192 " + format_conversion(row.conversion, row.benchmark, lang))
        if row.stage == funnel.leak:
            parts.append(":warning:")
        lines.append(" \u00b7 ".join(parts))
    if funnel.leak:
        leak = escape(stage_name(funnel.leak, lang))
        lines.append(":warning: " + _t("report.leak_at", lang, stage=leak))
    elif any(row.benchmark for row in funnel.stages):
        lines.append(_t("report.no_leak", lang))
    cohort = _t(
        "report.cohort",
        lang,
        size=format_number(funnel.cohort_size, lang),
        days=format_number((funnel.cohort_end - funnel.cohort_start).days, lang),
        won=format_number(funnel.cohort_won, lang),
    )
    return [section("\n".join(lines)), context(escape(cohort))]


def outcomes_section(
    report: FunnelReport, lang: str, attainment: Attainment | None = None
) -> Block:
    """Bookings (against quota, when the period has one), losses, win rate and growth on the
    previous period."""
    out = report.outcomes
    bookings = _t("report.won_deals", lang, count=format_number(out.won_count, lang))
    if out.won_value:
        bookings += " \u00b7 " + format_amounts(out.won_value, lang)
    lines = [
        f"*{_t('report.section.outcomes', lang)}*",
        f"{_t('report.bookings', lang)}: {bookings}",
        f"{_t('report.lost', lang)}: {format_number(out.lost_count, lang)}",
        f"{_t('report.win_rate', lang)}: {format_ratio(out.win_rate, lang)}",
        f"{_t('report.growth', lang)}: {format_growth(out.growth, lang)} ("
        + say("funnel.previous", lang, value=Money(out.previous_won_value, out.currency))
        + ")",
    ]
    if attainment is not None:
        lines.insert(2, f"{_t('report.attainment', lang)}: {attainment_text(attainment, lang)}")
    return section("\n".join(lines))


def activity_sections(view: FunnelView, lang: str) -> list[Block]:
    """The call target, then each rep's calls against it, 25 reps to a section; a manager's
    own calls come after the reps', marked, with no target of their own."""
    activity = view.report.activity
    target = activity.calls_target
    head = [
        f"*{_t('report.section.activity', lang)}*",
        _t(
            "report.calls_target",
            lang,
            target=format_number(target, lang),
            days=format_number(activity.work_days, lang),
        ),
    ]
    followups = not_available(lang)
    if activity.followups_per_deal is not None:
        followups = format_number(round(activity.followups_per_deal, 1), lang)
    head.append(f"{_t('report.followups_per_deal', lang)}: {followups}")
    reps = activity.rep_calls
    at_target = sum(1 for row in reps if row.calls >= target)
    if reps:
        head.append(say("funnel.at_target", lang, count=at_target, reps=len(reps)))
    blocks: list[Block] = [section("\n".join(head))]
    lines = []
    for row in activity.calls:
        user = view.user_ids.get(row.member_id)
        who = f"<@{user}>" if user else f"#{row.member_id}"
        calls = format_number(row.calls, lang)
        if row.manager:  # their own calls, shown but not held to the reps' target
            lines.append(f":briefcase: {who} {_t('report.manager_mark', lang)} {calls}")
            continue
        mark = ":white_check_mark:" if row.calls >= target else ":small_red_triangle_down:"
        lines.append(f"{mark} {who} {calls} / {format_number(target, lang)}")
    chunks = [lines[i : i + REPS_PER_SECTION] for i in range(0, len(lines), REPS_PER_SECTION)]
    for chunk in chunks[:MAX_REP_SECTIONS]:
        blocks.append(section("\n".join(chunk)))
    hidden = sum(len(chunk) for chunk in chunks[MAX_REP_SECTIONS:])
    if hidden:
        blocks.append(context(say("funnel.more_reps", lang, count=hidden)))
    return blocks


def speed_section(report: FunnelReport, lang: str) -> Block:
    """Sales cycle, time in each stage, the bottleneck and lead response time."""
    speed = report.speed
    stage_times = " \u00b7 ".join(
        f"{escape(stage_name(row.stage, lang))} {format_days(row.median_days, lang)}"
        for row in speed.stage_times
    )
    lines = [
        f"*{_t('report.section.speed', lang)}*",
        f"{_t('report.sales_cycle', lang)}: {format_days(speed.cycle_median_days, lang)} ("
        + _t("report.sales_cycle_detail", lang, count=format_number(speed.cycle_deals, lang))
        + ")",
        f"{_t('report.time_in_stage', lang)}: {stage_times}",
        f"{_t('report.bottleneck', lang)}: "
        + (
            escape(stage_name(speed.bottleneck, lang))
            if speed.bottleneck
            else _t("report.none", lang)
        ),
        f"{_t('report.lead_response', lang)}: "
        + format_hours(speed.lead_response_median_hours, lang)
        + " ("
        + _t(
            "report.lead_response_detail",
            lang,
            count=format_number(speed.leads_responded, lang),
            awaiting=format_number(speed.leads_awaiting_response, lang),
        )
        + ")",
    ]
    return section("\n".join(lines))


def hygiene_section(report: FunnelReport, lang: str, tz: ZoneInfo) -> Block:
    """Deals that need care (stale, overdue, stuck, ...): a few by name, the rest counted."""
    hygiene = report.hygiene
    lines = [f"*{_t('report.section.hygiene', lang)}*"]
    for field, label_key in HYGIENE_LISTS:
        sample = getattr(hygiene, field)
        label = _t(label_key, lang)
        if not sample.total:
            lines.append(f":white_check_mark: {label}: {_t('report.all_clear', lang)}")
            continue
        deals = ", ".join(
            f"{deal.ref} {escape(clip(deal.name, NAME_PREVIEW))} ("
            + escape(hygiene_detail(field, deal, lang, tz))
            + ")"
            for deal in sample.deals[:HYGIENE_SHOWN]
        )
        line = f":warning: {label}: *{format_number(sample.total, lang)}* \u2014 {deals}"
        hidden = sample.total - min(len(sample.deals), HYGIENE_SHOWN)
        if hidden > 0:
            line += " " + _t("report.more_deals", lang, count=format_number(hidden, lang))
        lines.append(line)
    share = _t(
        "report.pile_up_detail",
        lang,
        share=format_ratio(hygiene.pile_up_share, lang),
        stage=stage_name(hygiene.pile_up_stage, lang),
    )
    mark = ":warning:" if hygiene.pile_up else ":white_check_mark:"
    lines.append(f"{mark} {_t('report.pile_up', lang)}: {escape(share)}")
    return section("\n".join(lines))


def forecast_section(report: FunnelReport, lang: str) -> Block:
    """The weighted pipeline, and how many deals it could not weigh."""
    forecast = report.forecast
    lines = [
        f"*{_t('report.section.forecast', lang)}*",
        f"{_t('report.weighted_pipeline', lang)}: {format_amounts(forecast.weighted, lang)}",
    ]
    if forecast.unweighted_count:
        lines.append(
            _t("report.unweighted", lang, count=format_number(forecast.unweighted_count, lang))
        )
    return section("\n".join(lines))


def render_funnel(view: FunnelView, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """The whole report: about 12 blocks plus one per 25 reps, inside Slack's 50."""
    report = view.report
    workspace_tz = ZoneInfo(view.tz_name)
    period = period_label(report.period_start, report.period_end, lang, workspace_tz)
    title = f"{scope_title(view.scope, lang, 'funnel')} \u00b7 {period}"
    blocks: list[Block] = [
        section(f"*{title}*"),
        context(
            escape(_t("report.as_of", lang, moment=format_moment(report.now, lang, tz)))
            + " \u00b7 "
            + plain("funnel.chart_note", lang)
        ),
        *funnel_section(report, lang),
        DividerBlock(),
        outcomes_section(report, lang, view.attainment),
        *(win_loss_blocks(view.win_loss, lang, workspace_tz) if view.win_loss else []),
        *activity_sections(view, lang),
        speed_section(report, lang),
        DividerBlock(),
        hygiene_section(report, lang, workspace_tz),
        forecast_section(report, lang),
    ]
    return RenderedMessage(text=title, blocks=blocks)
