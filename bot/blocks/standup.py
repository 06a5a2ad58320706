"""The standup post as Block Kit: each rep's plan for today and the previous work day's calls
and stage moves, several reps to a section.

Reps are packed into sections of at most 3,000 characters; a team too big for Slack's 50 blocks
is cut with "and N more reps" rather than left unsent.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block, HeaderBlock

from bot.blocks.away import away_until
from bot.blocks.elements import (
    FALLBACK_LIMIT,
    HEADER_LIMIT,
    MAX_BLOCKS,
    SECTION_TEXT_LIMIT,
    RenderedMessage,
    clip,
    context,
    section,
)
from bot.blocks.post_parts import day_count, pack_sections, short_day, stage_text
from bot.blocks.text import escape, plain
from commands.i18n.formatting import format_number
from commands.posts.replies import StageMove, Standup, StandupRep
from commands.replies import DealSummary

STANDUP_PLAN_SHOWN = 5
STANDUP_MOVES_SHOWN = 5
STANDUP_NAME = 40
STANDUP_STEP = 80


def _plan_entry(deal: DealSummary, day: date, lang: str) -> str:
    text = f"*{deal.ref}* {escape(clip(deal.name, STANDUP_NAME))}"
    if deal.next_step:
        text += " \u2014 " + escape(clip(deal.next_step, STANDUP_STEP))
    if deal.next_step_due is not None and deal.next_step_due < day:
        late = day_count((day - deal.next_step_due).days, lang)
        text += " _(" + plain("jobs.standup.overdue", lang, days=late) + ")_"
    return text


def _move_entry(move: StageMove, lang: str) -> str:
    name = escape(clip(move.deal_name, STANDUP_NAME))
    if move.from_stage:
        change = f"{stage_text(move.from_stage, lang)} \u2192 {stage_text(move.to_stage, lang)}"
    else:
        change = plain("jobs.standup.move_new", lang, stage=stage_text(move.to_stage, lang))
    return f"{move.deal_ref} {name}: {change}"


def _calls_text(count: int, lang: str) -> str:
    if count == 1:
        return plain("jobs.standup.calls_one", lang)
    return plain("jobs.standup.calls", lang, count=format_number(count, lang))


def _rep_text(rep: StandupRep, standup: Standup, lang: str) -> str:
    who = f"<@{rep.user_id}>"
    role = f" {plain('report.manager_mark', lang)}" if rep.manager else ""
    since = short_day(standup.since, lang)
    active = rep.calls or rep.moves or rep.moves_more
    away = f":palm_tree: _{away_until(rep.away, lang)}_" if rep.away is not None else ""
    if away and not active:
        return f"{who}{role} \u2014 {away}"
    if not rep.plan and not rep.plan_more and not active:
        return f"{who}{role} \u2014 _{plain('jobs.standup.idle', lang, since=since)}_"
    lines = [f"*{who}*{role}"]
    shown = rep.plan[:STANDUP_PLAN_SHOWN]
    plan_more = rep.plan_more + len(rep.plan) - len(shown)
    if away:  # away today: their plan waits for them
        lines.append(away)
    elif shown or plan_more:
        entries = [_plan_entry(deal, standup.day, lang) for deal in shown]
        if plan_more:
            entries.append(
                plain("jobs.standup.plan_more", lang, count=format_number(plan_more, lang))
            )
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
            entries.append(
                plain("jobs.standup.plan_more", lang, count=format_number(moves_more, lang))
            )
        activity.append(plain("jobs.standup.moves", lang) + ": " + ", ".join(entries))
    lines.append(f":telephone_receiver: {since}: " + " \u00b7 ".join(activity))
    return clip("\n".join(lines), SECTION_TEXT_LIMIT)


def render_standup(standup: Standup, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """The standup post: each rep's plan for today and the previous work day's calls and moves,
    several reps per section; a team too big for 50 blocks is cut with "and N more reps"."""
    day = short_day(standup.day, lang)
    since = short_day(standup.since, lang)
    title = plain("jobs.standup.title", lang, team=standup.team_name, day=day)
    blocks: list[Block] = [
        HeaderBlock(text=clip(title, HEADER_LIMIT)),
        context(plain("jobs.standup.subtitle", lang, since=since)),
    ]
    texts = [_rep_text(rep, standup, lang) for rep in standup.reps]
    if not texts:
        blocks.append(section(plain("jobs.standup.no_reps", lang)))
    room = MAX_BLOCKS - len(blocks) - 2  # the closing line, and perhaps "and N more reps"
    chunks, placed = pack_sections(texts, separator="\n\n", room=room)
    blocks.extend(section(chunk) for chunk in chunks)
    if placed < len(texts):
        hidden = format_number(len(texts) - placed, lang)
        blocks.append(context(plain("jobs.standup.more_reps", lang, count=hidden)))
    blocks.append(context(plain("jobs.standup.closing", lang)))
    due = sum(len(rep.plan) + rep.plan_more for rep in standup.reps)
    text = plain(
        "jobs.standup.fallback",
        lang,
        team=escape(standup.team_name),
        day=day,
        count=format_number(due, lang),
    )
    return RenderedMessage(text=clip(text, FALLBACK_LIMIT), blocks=blocks)
