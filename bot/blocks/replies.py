"""The generic command replies (``commands.replies``) as Block Kit messages: notices, problems,
deal cards and lists, the deal picker, help, BANT summaries, the pipeline, report targets and the
benchmark. ``bot.blocks.render`` picks which of these draws a reply."""

from __future__ import annotations

import json
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    DividerBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot import ids
from bot.blocks.elements import (
    SECTION_TEXT_LIMIT,
    RenderedMessage,
    button,
    clip,
    context,
    deal_line,
    field,
    section,
    weekdays_text,
)
from bot.blocks.text import escape, message, plain, stage_label
from commands.i18n import Text, in_language
from commands.i18n.formatting import (
    format_day,
    format_duration,
    format_moment,
    format_money,
    format_number,
)
from commands.replies import (
    Asked,
    BantSummary,
    BantView,
    BenchmarkInfo,
    DealCard,
    DealList,
    DealSummary,
    Help,
    HistoryItem,
    Notice,
    Picker,
    PipelineInfo,
    Problem,
    ReportTargets,
)

NOTE_PREVIEW = 280


def render_problem(problem: Problem, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """What was wrong, and one correct example."""
    text = ":warning: " + message(problem.key, lang, tz, problem.params)
    blocks: list[Block] = [section(text)]
    if problem.example:
        typed = escape(in_language(problem.example, lang))
        blocks.append(context(plain("error.example", lang, example=f"`{typed}`")))
        text = f"{text}\n{plain('error.example', lang, example=typed)}"
    if problem.bant_ref:
        blocks.append(
            ActionsBlock(
                elements=[
                    button(
                        plain("button.run_bant", lang), ids.RUN_BANT, problem.bant_ref, primary=True
                    )
                ]
            )
        )
    return RenderedMessage(text=clip(text, SECTION_TEXT_LIMIT), blocks=blocks)


def render_notice(reply: Notice, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """A message; when it is about a deal, the deal in one line and buttons to go on from it."""
    text = message(reply.key, lang, tz, reply.params)
    blocks: list[Block] = [section(text)]
    if reply.deal is not None:
        blocks.append(context(deal_line(reply.deal, lang)))
        buttons = [button(plain("button.show", lang), ids.SHOW_DEAL, reply.deal.ref)]
        if reply.bant_warning:
            blocks.append(context(":warning: " + plain("bant.warning", lang, ref=reply.deal.ref)))
            buttons.insert(
                0,
                button(plain("button.run_bant", lang), ids.RUN_BANT, reply.deal.ref, primary=True),
            )
        if reply.deal.status == "open":
            buttons.append(button(plain("button.log_call", lang), ids.LOG_CALL, reply.deal.ref))
        blocks.append(ActionsBlock(elements=buttons))
    return RenderedMessage(text=text, blocks=blocks)


def lost_reason_text(deal: DealSummary, lang: str) -> str:
    """Why a deal was lost, as ``Price — “too expensive vs competitor X”``: the reason in the
    reader's language, then the words typed (left out when they only repeat the reason)."""
    return _reason_and_words(deal.lost_reason_label, deal.lost_reason, lang, limit=None)


def _reason_and_words(
    reason: Text | None, words: str | None, lang: str, *, limit: int | None = NOTE_PREVIEW
) -> str:
    label = escape(in_language(reason, lang)) if reason is not None else ""
    if not words or (label and words.casefold() == in_language(reason or "", lang).casefold()):
        return label
    quoted = "\u201c" + escape(clip(words, limit) if limit else words) + "\u201d"
    return f"{label} \u2014 {quoted}" if label else quoted


def _history_line(item: HistoryItem, lang: str, tz: ZoneInfo) -> str:
    actor = f"<@{item.actor_user_id}>" if item.actor_user_id else "?"
    when = format_moment(item.at, lang, tz)
    if item.kind in ("created", "stage"):
        key = "history.created" if item.kind == "created" else "history.stage"
        params = {"actor": actor, "from_stage": item.from_stage or "", "to_stage": item.to_stage}
        what = plain(
            key,
            lang,
            **{
                name: (stage_label(value, lang) if name.endswith("stage") and value else value)
                for name, value in params.items()
            },
        )
        if item.reason is not None:
            what += " \u00b7 " + _reason_and_words(item.reason, item.notes, lang)
    elif item.kind == "bant":
        verdict = plain(f"bant.verdict.{item.outcome}", lang)
        what = plain("history.bant", lang, actor=actor) + f" \u00b7 {verdict} ({item.score}/100)"
    else:
        what = plain(f"history.{item.kind}", lang, actor=actor)
        details = []
        if item.outcome:
            details.append(plain(f"outcome.{item.outcome}", lang))
        if item.duration_seconds:
            details.append(format_duration(item.duration_seconds, lang))
        if details:
            what += " \u00b7 " + ", ".join(details)
        if item.notes:
            what += f" \u2014 _{escape(clip(item.notes, NOTE_PREVIEW))}_"
    return f"{when} \u00b7 {what}"


def render_deal_card(reply: DealCard, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """A deal's facts, its last BANT, what to do next and its recent history."""
    deal = reply.deal
    none = plain("card.none", lang)
    stage = stage_label(deal.stage, lang)
    since = format_day(deal.stage_entered_at.astimezone(tz).date(), lang)
    stage += " \u00b7 " + plain("card.in_stage_since", lang, date=since)
    value = format_money(deal.value.value, deal.value.currency, lang) if deal.value else none
    next_step = escape(clip(deal.next_step, 1500)) if deal.next_step else none
    if deal.next_step_due:
        next_step += "\n" + plain("card.due", lang, date=format_day(deal.next_step_due, lang))
    last = (
        format_moment(deal.last_activity_at, lang, tz)
        if deal.last_activity_at
        else plain("card.never", lang)
    )
    fields = [
        ("card.stage", stage),
        ("card.value", value),
        ("card.owner", f"<@{deal.owner_user_id}>" if deal.owner_user_id else none),
        ("card.contact", escape(deal.contact) if deal.contact else none),
        ("card.close", format_day(deal.close_date, lang) if deal.close_date else none),
        ("card.last_activity", last),
        ("card.next_step", next_step),
    ]
    if deal.lead_source:
        fields.append(("card.lead_source", escape(deal.lead_source)))
    if deal.status == "lost" and (deal.lost_reason or deal.lost_reason_label):
        fields.append(("card.lost_reason", lost_reason_text(deal, lang)))
    title = f"*{deal.ref} \u00b7 {escape(deal.name)}*"
    if deal.status != "open":
        title += f"  ({plain('status.' + deal.status, lang)})"
    blocks: list[Block] = [
        section(title),
        _fields(fields, lang),
    ]
    blocks.append(context(_bant_line(reply.bant, lang, tz)))
    if deal.status == "open":
        blocks.append(
            ActionsBlock(
                elements=[
                    button(plain("button.log_call", lang), ids.LOG_CALL, deal.ref, primary=True),
                    button(plain("button.run_bant", lang), ids.RUN_BANT, deal.ref),
                ]
            )
        )
    blocks.append(DividerBlock())
    blocks.append(section(f"*{plain('card.history', lang)}*"))
    for item in reply.history:
        blocks.append(context(_history_line(item, lang, tz)))
    hidden = reply.history_total - len(reply.history)
    if hidden > 0:
        blocks.append(context(plain("card.history_more", lang, count=hidden)))
    text = f"{deal.ref} \u00b7 {escape(deal.name)} \u00b7 {stage_label(deal.stage, lang)}"
    return RenderedMessage(text=clip(text, SECTION_TEXT_LIMIT), blocks=blocks)


def _bant_line(bant: BantView | None, lang: str, tz: ZoneInfo) -> str:
    if bant is None:
        return plain("bant.none_yet", lang)
    return plain(
        "bant.card_line",
        lang,
        verdict=plain(f"bant.verdict.{bant.verdict}", lang),
        score=bant.score,
        date=format_day(bant.at.astimezone(tz).date(), lang),
    )


def _bant_answer(bant: BantView, name: str, lang: str) -> str:
    text = plain(f"bant.{name}.{getattr(bant, name)}", lang)
    detail = None
    if name == "budget" and bant.budget_value is not None:
        detail = format_money(bant.budget_value.value, bant.budget_value.currency, lang)
    elif name == "authority" and bant.authority_name:
        detail = escape(bant.authority_name)
    elif name == "need" and bant.need_pain:
        detail = "_" + escape(clip(bant.need_pain, 600)) + "_"
    elif name == "timeline" and bant.timeline_date is not None:
        detail = format_day(bant.timeline_date, lang)
    return f"{text} \u00b7 {detail}" if detail else text


def render_bant_summary(reply: BantSummary, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """The four BANT answers, the score and verdict, and the one action the verdict suggests."""
    bant, deal = reply.bant, reply.deal
    verdict = plain(f"bant.verdict.{bant.verdict}", lang)
    title = plain("bant.summary_title", lang, ref=deal.ref, name=escape(deal.name))
    blocks: list[Block] = [
        section(f"*{title}*"),
        SectionBlock(
            fields=[
                field(plain(f"bant.section_{name}", lang), _bant_answer(bant, name, lang))
                for name in ("budget", "authority", "need", "timeline")
            ]
        ),
        section(plain("bant.score_line", lang, score=bant.score, verdict=verdict)),
        context(plain("bant.version_line", lang, count=reply.versions)),
    ]
    if bant.verdict == "qualified" and reply.next_stage:
        action = button(
            plain("button.move_to", lang, stage=stage_label(reply.next_stage, lang)),
            ids.BANT_MOVE,
            json.dumps(
                {"r": deal.ref, "s": reply.next_stage, "f": deal.stage, "b": bant.record_id}
            ),
            primary=True,
        )
    elif bant.verdict == "qualified":
        action = button(plain("button.show", lang), ids.SHOW_DEAL, deal.ref)
    elif bant.verdict == "nurture":
        action = button(plain("button.follow_up", lang), ids.BANT_FOLLOW_UP, deal.ref, primary=True)
    else:  # opens the lost form, which asks why (and is itself the confirmation)
        action = button(
            plain("button.mark_lost", lang),
            ids.BANT_MARK_LOST,
            json.dumps({"r": deal.ref, "b": bant.record_id}),
        )
    blocks.append(ActionsBlock(elements=[action]))
    text = f"{deal.ref}: {verdict} ({bant.score}/100)"
    return RenderedMessage(text=text, blocks=blocks)


def render_deal_list(reply: DealList, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """One page of deals grouped by stage, each stage with its count and value, and page buttons."""
    if reply.scope == "mine":
        title = plain("list.title_mine", lang)
    elif reply.scope == "member":
        title = plain("list.title_member", lang, user=f"<@{reply.owner_user_id}>")
    else:
        title = plain("list.title_all", lang)
    blocks: list[Block] = [section(f"*{title}*")]
    if not reply.deals:
        blocks.append(context(plain("list.empty", lang)))
        return RenderedMessage(text=title, blocks=blocks)
    current_stage = None
    totals = {total.stage: total for total in reply.stage_totals}
    for deal in reply.deals:
        if deal.stage != current_stage:
            current_stage = deal.stage
            header = f"*{escape(stage_label(deal.stage, lang))}*"
            total = totals.get(deal.stage)
            if total is not None:
                header += " \u00b7 " + plain("list.stage_count", lang, count=total.count)
                header += "".join(
                    " \u00b7 " + format_money(m.value, m.currency, lang) for m in total.values
                )
            blocks.append(context(header))
        line = deal_line(deal, lang, with_stage=False)
        if reply.scope != "mine" and deal.owner_user_id:
            line += f" \u00b7 <@{deal.owner_user_id}>"
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text=clip(line, SECTION_TEXT_LIMIT)),
                accessory=button(
                    plain("button.open", lang), f"{ids.SHOW_DEAL}_{len(blocks)}", deal.ref
                ),
            )
        )
    first, last = reply.offset + 1, reply.offset + len(reply.deals)
    blocks.append(context(plain("list.range", lang, first=first, last=last, total=reply.total)))
    buttons = []
    if reply.offset > 0:
        value = json.dumps({"f": reply.filter_text, "o": max(0, reply.offset - reply.page_size)})
        buttons.append(button(plain("list.previous", lang), ids.LIST_PAGE + "_prev", value))
    if last < reply.total:
        value = json.dumps({"f": reply.filter_text, "o": last})
        buttons.append(button(plain("list.next", lang), ids.LIST_PAGE, value))
    if buttons and all(len(b.value or "") <= 2000 for b in buttons):
        blocks.append(ActionsBlock(elements=buttons))
    return RenderedMessage(text=f"{title} ({reply.total})", blocks=blocks)


def render_picker(reply: Picker, lang: str, tz: ZoneInfo, *, token: str) -> RenderedMessage:
    """The picker: one button per candidate deal, plus cancel; buttons carry only the token."""
    text = message(
        "deal.ambiguous", lang, tz, {"query": reply.query, "count": len(reply.candidates)}
    )
    buttons = [
        button(
            f"{c.ref} {c.name} ({stage_label(c.stage, lang)})",
            ids.PICK_DEAL + f"_{index}",
            json.dumps({"t": token, "r": c.ref}),
        )
        for index, c in enumerate(reply.candidates)
    ]
    buttons.append(button(plain("picker.cancel", lang), ids.PICK_CANCEL, json.dumps({"t": token})))
    return RenderedMessage(text=text, blocks=[section(text), ActionsBlock(elements=buttons)])


def render_asked(reply: Asked, lang: str, tz: ZoneInfo, *, token: str) -> RenderedMessage:
    """A question: one button per answer, plus cancel; buttons carry only the token, the
    answer's code and the fields it asks for anew."""
    text = message(reply.key, lang, tz, reply.params)
    buttons = []
    for index, answer in enumerate(reply.answers):
        value: dict[str, Any] = {"t": token, "a": answer.code}
        if answer.fields:
            value["f"] = list(answer.fields)
        label = message(answer.label_key, lang, tz, answer.label_params, mrkdwn=False)
        buttons.append(button(label, ids.ANSWER + f"_{index}", json.dumps(value)))
    buttons.append(button(plain("picker.cancel", lang), ids.PICK_CANCEL, json.dumps({"t": token})))
    return RenderedMessage(text=text, blocks=[section(text), ActionsBlock(elements=buttons)])


def render_help(reply: Help, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """Each topic as an example and its usage, five to a section."""
    intro = message(reply.intro_key, lang, tz, reply.intro_params)
    lines = [
        f"`{escape(in_language(topic.example, lang))}`\n{plain(topic.usage_key, lang)}"
        for topic in reply.topics
    ]
    blocks: list[Block] = [section(intro)]
    for start in range(0, len(lines), 5):
        blocks.append(section("\n\n".join(lines[start : start + 5])))
    blocks.append(context(plain("help.no_args", lang)))
    blocks.append(context(plain("help.tips", lang)))
    return RenderedMessage(text=intro, blocks=blocks)


def render_pipeline_info(reply: PipelineInfo, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """The workspace's stages in order, and the presets it could switch to."""
    title = plain("pipeline.title", lang, preset=reply.preset)
    stages = " \u2192 ".join(escape(stage_label(s, lang)) for s in reply.stages)
    blocks: list[Block] = [
        section(f"*{escape(title)}*\n{stages}"),
        context(plain("pipeline.presets", lang, presets=", ".join(reply.presets))),
    ]
    return RenderedMessage(text=f"{title}: {stages}", blocks=blocks)


def _percent(share: float, lang: str) -> str:
    return format_number(round(share * 100, 1), lang) + "%"


def _ratio_text(ratio: tuple[float, ...], lang: str) -> str:
    """``10:5:3:1`` (``10:5:2,5:1`` for Indonesian readers)."""
    return ":".join(format_number(n, lang) for n in ratio)


def _fields(pairs: list[tuple[str, str]], lang: str) -> SectionBlock:
    """Facts as a two-column grid, each labelled by its catalog key."""
    return SectionBlock(fields=[field(plain(key, lang), text) for key, text in pairs])


def render_report_targets(reply: ReportTargets, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """The targets reports measure against, and who may change them and how."""
    title = plain("settings.targets_saved" if reply.saved else "settings.targets_title", lang)
    stale = "settings.stale_value_one" if reply.stale_days == 1 else "settings.stale_value"
    share = _percent(reply.pile_up_share, lang)
    pile_up = {"share": share, "stage": reply.last_stage}
    benchmark = (
        _ratio_text(reply.benchmark, lang)
        if reply.benchmark
        else plain("settings.benchmark_none", lang)
    )
    pairs = [
        (
            "settings.calls_label",
            message("settings.calls_value", lang, tz, {"count": reply.calls_per_day}),
        ),
        ("settings.stale_label", message(stale, lang, tz, {"count": reply.stale_days})),
        ("settings.pile_up_label", message("settings.pile_up_value", lang, tz, pile_up)),
        (
            "settings.cohort_label",
            message("settings.cohort_value", lang, tz, {"count": reply.cohort_days}),
        ),
        ("settings.work_days_label", weekdays_text(reply.work_days, lang)),
        ("settings.benchmark_label", f"{benchmark} \u00b7 `/sales benchmark`"),
    ]
    hint = (
        plain(
            "settings.targets_change_hint",
            lang,
            example=f"`{escape(in_language(reply.example, lang))}`",
        )
        if reply.can_change
        else plain("settings.admins_hint", lang)
    )
    blocks: list[Block] = [
        section(f"*{title}*"),
        _fields(pairs, lang),
        context(hint),
    ]
    return RenderedMessage(text=title, blocks=blocks)


def render_benchmark(reply: BenchmarkInfo, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """The stage-to-stage ratio the funnel is compared with, as counts and conversions."""
    title = plain(f"settings.benchmark_{reply.headline}", lang, preset=escape(reply.preset))
    blocks: list[Block] = [section(f"*{title}*")]
    if reply.ratio:
        labels = [escape(stage_label(stage, lang)) for stage in reply.stages]
        ratio = reply.ratio
        per_stage = " : ".join(
            f"*{format_number(n, lang)}* {label}" for n, label in zip(ratio, labels, strict=True)
        )
        steps = " \u00b7 ".join(
            f"{labels[i]} \u2192 {labels[i + 1]} {_percent(ratio[i + 1] / ratio[i], lang)}"
            for i in range(len(labels) - 1)
        )
        conversions = plain("settings.benchmark_conversions", lang, steps=steps)
        blocks.append(section(f"{per_stage}\n{conversions}" if steps else per_stage))
    blocks.append(context(plain(f"settings.benchmark_source_{reply.source}", lang)))
    if reply.unused:
        unused = {
            "ratio": _ratio_text(reply.unused, lang),
            "given": len(reply.unused),
            "count": len(reply.stages),
        }
        warning = message("settings.benchmark_unused", lang, tz, unused)
        blocks.append(context(f":warning: {warning}"))
    if reply.can_change:
        hint = plain(
            "settings.benchmark_change_hint",
            lang,
            example=f"`{escape(reply.example)}`",
            reset=f"`{plain('example.benchmark_default', lang)}`",
        )
    else:
        hint = plain("settings.admins_hint", lang)
    blocks.append(context(hint))
    return RenderedMessage(text=title, blocks=blocks)
