"""``/sales targets`` and ``/sales benchmark``: the funnel report's settings, read by anyone and
changed by admins.

Built like ``/sales bant``: a change is parsed and checked whole before anything is written,
made under the workspace's exclusive lock so a concurrent change is not overwritten, and
recorded in the audit log so ``/sales undo`` takes it back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from commands import audit, permissions
from commands.context import CommandContext
from commands.errors import UsageError
from commands.grammar import Token
from commands.grammar.dates import WEEKDAYS
from commands.grammar.lexer import shorten
from commands.grammar.options import reject_stray, split_options
from commands.i18n import Phrase, Text
from commands.pipelines import Pipeline
from commands.replies import BenchmarkInfo, Reply, ReportTargets
from commands.reports.metrics import FUNNEL4_RATIO
from commands.reports.policy import (
    CALLS_PER_DAY,
    COHORT_DAYS,
    PILE_UP_THRESHOLD,
    STALE_DAYS,
    ReportPolicy,
)
from storage import queries

TARGETS_ACTION = "workspace.report_targets"
BENCHMARK_ACTION = "workspace.benchmark"
TARGETS_EXAMPLE = Phrase("example.targets")  # /sales targets calls:12 ... days:mon-fri
# "/sales targets default" and "/sales benchmark default" go back to the defaults.
DEFAULT_WORDS = frozenset({"default", "reset", "bawaan", "standar"})

# Option names of /sales targets, English then Indonesian, each to its canonical name (as
# commands.grammar.options.ALIASES does for deal options).
TARGET_OPTIONS = {
    "calls": "calls",
    "telepon": "calls",
    "panggilan": "calls",
    "stale": "stale",
    "basi": "stale",
    "pileup": "pileup",
    "pile_up": "pileup",
    "tumpukan": "pileup",
    "penumpukan": "pileup",
    "cohort": "cohort",
    "kohort": "cohort",
    "days": "days",
    "workdays": "days",
    "work_days": "days",
    "hari": "days",
    "hari_kerja": "days",
}
# The ReportPolicy field each option sets.
TARGET_FIELDS = {
    "calls": "calls_per_day",
    "stale": "stale_days",
    "pileup": "pile_up_threshold",
    "cohort": "cohort_days",
    "days": "work_days",
}
WHOLE_BOUNDS = {"calls": CALLS_PER_DAY, "stale": STALE_DAYS, "cohort": COHORT_DAYS}
# A correct value for each option, for the example under an error.
OPTION_EXAMPLES: dict[str, Text] = {
    "calls": "12",
    "stale": "5",
    "pileup": "40%",
    "cohort": "60",
    "days": Phrase("example.work_days"),
}

# The weekday names the date grammar reads (commands.grammar.dates keeps its table private).

_WHOLE = re.compile(r"[0-9]{1,4}")
_SHARE = re.compile(r"([0-9]{1,3}(?:[.,][0-9]{1,2})?) ?(%?)")
_RATIO_NUMBER = re.compile(r"[0-9]{1,6}(?:[.,][0-9]{1,3})?")


# --- /sales targets ---------------------------------------------------------------------------


def run_targets(ctx: CommandContext, tokens: list[Token]) -> Reply:
    """Show the report targets, or (admins) change the ones given as options."""
    if not tokens:
        return _targets_view(ctx, ReportPolicy.from_workspace(ctx.workspace))
    permissions.require_admin(ctx, "settings.admins_only", example="/sales targets")
    queries.lock_workspace(ctx.session, ctx.workspace, exclusive=True)
    policy = ReportPolicy.from_workspace(ctx.workspace)  # under the lock: nothing overwritten
    typed = {
        TARGET_OPTIONS.get(t.key, t.key): t.key for t in tokens if t.kind == "option" and t.key
    }
    options, rest = split_options(_canonical(tokens), TARGET_FIELDS, TARGETS_EXAMPLE)
    if rest and rest[0].value.casefold() in DEFAULT_WORDS:
        policy = ReportPolicy(benchmark=policy.benchmark)
        rest = rest[1:]
    if rest:
        raise UsageError("input.unexpected", example=TARGETS_EXAMPLE, text=shorten(rest[0].text))
    changes = {
        TARGET_FIELDS[name]: _parse_target(name, typed.get(name, name), raw)
        for name, raw in options.items()
    }
    new = replace(policy, **changes)
    _save(ctx, TARGETS_ACTION, new)
    return _targets_view(ctx, new, saved=True)


def _canonical(tokens: Sequence[Token]) -> list[Token]:
    """Options renamed to their canonical names, so ``telepon:12`` is ``calls:12``."""
    return [
        replace(t, key=TARGET_OPTIONS[t.key])
        if t.kind == "option" and t.key in TARGET_OPTIONS
        else t
        for t in tokens
    ]


def _targets_view(ctx: CommandContext, policy: ReportPolicy, *, saved: bool = False) -> Reply:
    pipeline = ctx.pipeline
    return ReportTargets(
        calls_per_day=policy.calls_per_day,
        stale_days=policy.stale_days,
        pile_up_share=policy.pile_up_threshold,
        cohort_days=policy.cohort_days,
        work_days=policy.work_days,
        last_stage=pipeline.stages[-1],
        benchmark=policy.benchmark_for(pipeline),
        saved=saved,
        can_change=permissions.is_admin(ctx),
        example=TARGETS_EXAMPLE,
    )


def _option_example(option: str, name: str) -> Phrase:
    """The option as the reader typed it (``hari:``), with a value that works."""
    return Phrase("example.targets_option", option=option, value=OPTION_EXAMPLES[name])


def parse_whole(option: str, raw: str, bounds: tuple[int, int], name: str) -> int:
    """A whole number within ``bounds`` (inclusive)."""
    low, high = bounds
    if not _WHOLE.fullmatch(raw) or not low <= int(raw) <= high:
        raise UsageError(
            "settings.whole_number",
            example=_option_example(option, name),
            option=option,
            text=shorten(raw),
            low=low,
            high=high,
        )
    return int(raw)


def parse_share(option: str, raw: str) -> float:
    """A share of open deals: ``40%``, ``0.4`` or ``0,4``; a bare number above 1 is a percent."""
    low, high = PILE_UP_THRESHOLD
    share = None
    if m := _SHARE.fullmatch(raw.strip()):
        number = float(m[1].replace(",", "."))
        share = round(number / 100 if m[2] or number > 1 else number, 4)
    if share is None or not low <= share <= high:
        raise UsageError(
            "settings.share",
            example=_option_example(option, "pileup"),
            option=option,
            text=shorten(raw),
            low=f"{low:.0%}",
            high=f"{high:.0%}",
        )
    return share


def parse_work_days(option: str, raw: str) -> tuple[int, ...]:
    """Weekdays as ``mon-fri``, ``mon,wed,fri`` or ``senin-jumat``; a range may wrap the week
    (``sun-thu``). Returned as Monday 0 .. Sunday 6, ascending."""
    days: set[int] = set()
    for part in raw.casefold().replace("\u2019", "'").split(","):
        words = [word.strip() for word in part.split("-")] if part.strip() else []
        unknown = [word for word in words if word not in WEEKDAYS]
        if unknown or len(words) > 2:
            raise UsageError(
                "settings.days",
                example=_option_example(option, "days"),
                option=option,
                text=shorten(raw),
                word=shorten(unknown[0] if unknown and unknown[0] else part.strip()),
            )
        if words:
            start, end = WEEKDAYS[words[0]], WEEKDAYS[words[-1]]
            days.update((start + step) % 7 for step in range((end - start) % 7 + 1))
    if not days:
        raise UsageError(
            "settings.days",
            example=_option_example(option, "days"),
            option=option,
            text=shorten(raw),
            word=shorten(raw),
        )
    return tuple(sorted(days))


def _parse_target(name: str, option: str, raw: str) -> Any:
    """The value of one /sales targets option (``name`` canonical, ``option`` as typed)."""
    if name == "pileup":
        return parse_share(option, raw)
    if name == "days":
        return parse_work_days(option, raw)
    return parse_whole(option, raw, WHOLE_BOUNDS[name], name)


# --- /sales benchmark -------------------------------------------------------------------------


def run_benchmark(ctx: CommandContext, tokens: list[Token]) -> Reply:
    """Show the benchmark ratio for the pipeline's open stages, or (admins) set or clear it."""
    if not tokens:
        return _benchmark_view(ctx, ReportPolicy.from_workspace(ctx.workspace), "shown")
    permissions.require_admin(ctx, "settings.admins_only", example="/sales benchmark")
    queries.lock_workspace(ctx.session, ctx.workspace, exclusive=True)
    policy = ReportPolicy.from_workspace(ctx.workspace)
    if len(tokens) == 1 and tokens[0].value.casefold() in DEFAULT_WORDS:
        new, headline = replace(policy, benchmark=None), "cleared"
    else:
        ratio = parse_ratio(tokens, ctx.pipeline)
        new, headline = replace(policy, benchmark=ratio), "saved"
    _save(ctx, BENCHMARK_ACTION, new)
    return _benchmark_view(ctx, new, headline)


def ratio_example(pipeline: Pipeline) -> str:
    """A valid benchmark for ``pipeline``: 10:5:3:1 for four stages, else n:...:2:1."""
    count = len(pipeline.stages)
    numbers = FUNNEL4_RATIO if count == len(FUNNEL4_RATIO) else range(count, 0, -1)
    return ":".join(str(n) for n in numbers)


def parse_ratio(tokens: Sequence[Token], pipeline: Pipeline) -> tuple[float, ...]:
    """``10:6:3:1`` (spaces work as well as colons): one positive number per open stage, none
    larger than the one before."""
    example = f"/sales benchmark {ratio_example(pipeline)}"
    reject_stray(tokens, example)
    for token in tokens:
        if token.kind == "option":  # lead:10 -- the ratio is positional, one number a stage
            raise UsageError("input.unexpected", example=example, text=shorten(token.text))
    typed = [p for p in re.split(r"[:\s]+", " ".join(t.value for t in tokens)) if p]
    for part in typed:
        if not _RATIO_NUMBER.fullmatch(part) or float(part.replace(",", ".")) <= 0:
            raise UsageError("settings.benchmark_number", example=example, text=shorten(part))
    if len(typed) != len(pipeline.stages):
        raise UsageError(
            "settings.benchmark_count",
            example=example,
            preset=pipeline.name,
            count=len(pipeline.stages),
            given=len(typed),
            stages=pipeline.stages,
        )
    ratio = tuple(float(part.replace(",", ".")) for part in typed)
    for i in range(1, len(ratio)):
        if ratio[i] > ratio[i - 1]:
            raise UsageError(
                "settings.benchmark_narrows",
                example=example,
                to_stage=pipeline.stages[i],
                later=typed[i],
                from_stage=pipeline.stages[i - 1],
                earlier=typed[i - 1],
            )
    return ratio


def _benchmark_view(ctx: CommandContext, policy: ReportPolicy, headline: str) -> Reply:
    pipeline = ctx.pipeline
    fits = policy.benchmark_fits(pipeline)
    ratio = policy.benchmark_for(pipeline)
    return BenchmarkInfo(
        preset=pipeline.name,
        stages=pipeline.stages,
        ratio=ratio,
        source="custom" if fits else "default" if ratio is not None else "none",
        unused=None if fits else policy.benchmark,
        headline=headline,
        can_change=permissions.is_admin(ctx),
        example=f"/sales benchmark {ratio_example(pipeline)}",
    )


# --- both -------------------------------------------------------------------------------------


def _save(ctx: CommandContext, action: str, new: ReportPolicy) -> None:
    """Store the new settings and record the change for the audit log and undo."""
    before = {"report_policy": ctx.workspace.report_policy}
    ctx.workspace.report_policy = new.as_json()
    audit.record(ctx, action, before=before, after={"report_policy": new.as_json()})
