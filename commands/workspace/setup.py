"""``/sales setup``: every workspace setting in one modal, for admins.

Opening it checks the caller is an admin and fills the form with the current settings. A
submission is checked again (a forged one from a non-admin changes nothing), every field at
once, each bad one answered next to it and nothing saved. A good one is saved in one unit of
work under the workspace's exclusive lock and recorded as one audit entry, which ``/sales undo``
takes back whole.

Only the settings the admin edited are written: the form's own initial values say what they
saw, so a setting another admin changed after the form opened is kept, and editing it too is
refused inline rather than overwritten silently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from commands import audit
from commands.context import CommandContext
from commands.deals.bant import policy_of
from commands.errors import CommandError, FormErrors, UsageError
from commands.fields import Field
from commands.grammar import Token
from commands.grammar.dates import WEEKDAYS
from commands.i18n import CATALOG, LANGUAGES, Phrase, Text, translate
from commands.permissions import require_admin
from commands.pipelines import (
    CUSTOM,
    CUSTOM_STAGES,
    DEFAULT_PRESET,
    PRESETS,
    STAGE_NAME_LIMIT,
    Pipeline,
    parse_custom_stages,
    pipeline_for,
    stage_label_key,
)
from commands.replies import Notice, OpenForm, Reply
from commands.reports.policy import CALLS_PER_DAY, STALE_DAYS, ReportPolicy
from storage import queries
from storage.models import Deal

SETUP_ACTION = "workspace.settings"
SETUP_EXAMPLE = "/sales setup"
# Workspace columns a setup change may write, and so the only ones its undo puts back.
SETUP_COLUMNS = (
    "language",
    "currency",
    "pipeline",
    "custom_stages",
    "bant_policy",
    "report_policy",
)
# Currencies the amount grammar and Babel both know (a stored other one is offered too).
CURRENCIES = ("IDR", "USD", "SGD", "MYR", "EUR")
PIPELINES = (*PRESETS, CUSTOM)
BANT_MODES = ("warn", "strict")
DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # Monday 0 .. Sunday 6
# Settings in the order the form asks and the confirmation lists them.
SETTINGS = (
    "language",
    "currency",
    "pipeline",
    "bant_mode",
    "stale_days",
    "calls_per_day",
    "work_days",
)
REFS_SHOWN = 5
STAGES_EXAMPLE = Phrase("example.stages")  # Discovery, Demo, Proposal, Negotiation


@dataclass(frozen=True)
class WorkspaceSettings:
    """What the setup form shows and edits, as plain values."""

    language: str
    currency: str
    pipeline: Pipeline
    bant_mode: str  # "warn" or "strict"
    stale_days: int
    calls_per_day: int
    work_days: tuple[int, ...]  # Monday 0 .. Sunday 6

    @classmethod
    def of(cls, ctx: CommandContext) -> WorkspaceSettings:
        workspace = ctx.workspace
        report = ReportPolicy.from_workspace(workspace)
        pipeline = ctx.pipeline
        return cls(
            language=workspace.language if workspace.language in LANGUAGES else LANGUAGES[0],
            currency=workspace.currency,
            pipeline=pipeline if pipeline.name in PIPELINES else pipeline_for(DEFAULT_PRESET),
            bant_mode="strict" if policy_of(ctx).strict else "warn",
            stale_days=report.stale_days,
            calls_per_day=report.calls_per_day,
            work_days=report.work_days,
        )


@dataclass(frozen=True)
class SettingChange:
    """One setting a submission changed, before and after."""

    name: str  # one of SETTINGS
    before: Any
    after: Any


@dataclass(frozen=True)
class SetupSaved(Reply):
    """The confirmation of a saved setup form: what changed."""

    changes: tuple[SettingChange, ...]


# --- opening the form ---------------------------------------------------------------------------


def open_setup(ctx: CommandContext, tokens: list[Token]) -> OpenForm:
    """``/sales setup``: the settings form, filled with the current settings (admins only)."""
    require_admin(ctx, example=SETUP_EXAMPLE)
    if tokens:
        raise UsageError("input.unexpected", example=SETUP_EXAMPLE, text=tokens[0].value)
    return OpenForm("setup", setup_prefill(ctx))


def setup_prefill(ctx: CommandContext) -> dict[str, str]:
    """The current settings as the form's initial values (custom stages in the reader's
    language, so they read as they do everywhere else)."""
    current = WorkspaceSettings.of(ctx)
    custom = current.pipeline.name == CUSTOM
    return {
        "language": current.language,
        "currency": current.currency,
        "pipeline": current.pipeline.name,
        "custom_stages": "\n".join(_stage_text(s, ctx.lang) for s in current.pipeline.stages)
        if custom
        else "",
        "bant_mode": current.bant_mode,
        "stale_days": str(current.stale_days),
        "calls_per_day": str(current.calls_per_day),
        "work_days": " ".join(DAY_KEYS[day] for day in current.work_days),
    }


def setup_fields(ctx: CommandContext) -> tuple[Field, ...]:
    """The questions of the setup form, grouped under three headings."""

    currencies = tuple(dict.fromkeys((*CURRENCIES, ctx.workspace.currency)))
    low, high = CUSTOM_STAGES
    return (
        Field(
            "language",
            "choice",
            "setup.field.language",
            required=True,
            hint_key="setup.hint.language",
            choices=LANGUAGES,
            choice_label_prefix="setup.language.",
            section_key="setup.section_workspace",
        ),
        Field(
            "currency",
            "choice",
            "setup.field.currency",
            required=True,
            hint_key="setup.hint.currency",
            choices=currencies,
            choice_label_prefix="setup.currency.",
        ),
        Field(
            "pipeline",
            "choice",
            "setup.field.pipeline",
            required=True,
            choices=PIPELINES,
            choice_label_prefix="setup.preset.",
            section_key="setup.section_pipeline",
        ),
        Field(
            "custom_stages",
            "long_text",
            "setup.field.custom_stages",
            hint_key="setup.hint.custom_stages",
            hint_params={"low": low, "high": high, "limit": STAGE_NAME_LIMIT},
            placeholder=STAGES_EXAMPLE,
        ),
        Field(
            "bant_mode",
            "radio",
            "setup.field.bant_mode",
            required=True,
            choices=BANT_MODES,
            choice_label_prefix="setup.bant.",
        ),
        Field(
            "stale_days",
            "text",
            "setup.field.stale_days",
            required=True,
            hint_key="setup.hint.whole",
            hint_params={"low": STALE_DAYS[0], "high": STALE_DAYS[1]},
            placeholder="7",
            section_key="setup.section_targets",
        ),
        Field(
            "calls_per_day",
            "text",
            "setup.field.calls_per_day",
            required=True,
            hint_key="setup.hint.whole",
            hint_params={"low": CALLS_PER_DAY[0], "high": CALLS_PER_DAY[1]},
            placeholder="10",
        ),
        Field(
            "work_days",
            "checkboxes",
            "setup.field.work_days",
            required=True,
            hint_key="setup.hint.work_days",
            choices=DAY_KEYS,
            choice_label_prefix="setup.day.",
        ),
    )


def _stage_text(stage: str, lang: str) -> str:
    key = stage_label_key(stage)
    return translate(key, lang) if key in CATALOG else stage


# --- submitting it ------------------------------------------------------------------------------


def submit_setup(
    ctx: CommandContext,
    values: Mapping[str, str | None],
    shown: Mapping[str, str | None] | None = None,
) -> Reply:
    """Check every field, then save the edited settings as one undoable change.

    ``values`` are the submitted fields (a field that is absent keeps its setting); ``shown``
    are the form's initial values, what the admin saw when it opened.
    """
    require_admin(ctx, example=SETUP_EXAMPLE)  # again: a submission can be forged
    queries.lock_workspace(ctx.session, ctx.workspace, exclusive=True)
    current = WorkspaceSettings.of(ctx)  # read under the lock: nothing is overwritten unseen
    wanted, errors = _read(values, current)
    seen, _ = _read(shown or {}, current)
    if _stages_edited_unused(values, shown or {}):
        errors.setdefault("custom_stages", UsageError("setup.stages_need_custom"))
    changes: list[SettingChange] = []
    for name in SETTINGS:
        if name not in wanted or name in errors:
            continue
        after, before = wanted[name], getattr(current, name)
        baseline = seen.get(name, before)
        if after in (baseline, before):  # not edited, or already so
            continue
        if before != baseline:
            errors[name] = UsageError("setup.changed_meanwhile", example=SETUP_EXAMPLE)
            continue
        changes.append(SettingChange(name, before, after))
    pipeline_change = next((c for c in changes if c.name == "pipeline"), None)
    if pipeline_change is not None:
        _check_stranded(ctx, pipeline_change.after, errors)
    if errors:
        raise FormErrors(errors)
    if not changes:
        return Notice("setup.unchanged")
    _save(ctx, changes)
    return SetupSaved(tuple(changes))


def _read(
    values: Mapping[str, str | None], current: WorkspaceSettings
) -> tuple[dict[str, Any], dict[str, CommandError]]:
    """The settings a submission asks for (absent fields left out), and its bad fields."""
    currencies = (*CURRENCIES, current.currency)
    parsers = {
        "language": lambda raw: _choice(raw.casefold(), LANGUAGES),
        "currency": lambda raw: _choice(raw.upper(), currencies),
        "bant_mode": _bant_mode,
        "stale_days": lambda raw: _whole(raw, STALE_DAYS, "5"),
        "calls_per_day": lambda raw: _whole(raw, CALLS_PER_DAY, "10"),
        "work_days": _work_days,
    }
    wanted: dict[str, Any] = {}
    errors: dict[str, CommandError] = {}
    for name, parse in parsers.items():
        raw = values.get(name)
        if raw is None:
            continue
        try:
            wanted[name] = parse(raw.strip())
        except CommandError as error:
            errors[name] = error
    try:
        pipeline = _pipeline(values, current.pipeline)
    except _FieldError as error:
        errors[error.field] = error.error
    else:
        if pipeline is not None:
            wanted["pipeline"] = pipeline
    return wanted, errors


class _FieldError(Exception):
    """A command error that belongs next to a particular field."""

    def __init__(self, field: str, error: CommandError) -> None:
        super().__init__(field)
        self.field = field
        self.error = error


def _pipeline(values: Mapping[str, str | None], current: Pipeline) -> Pipeline | None:
    """The pipeline asked for: a preset, or Custom with the typed stages (None: not asked)."""
    preset = values.get("pipeline")
    if preset is None:
        return None
    preset = preset.strip().casefold()
    try:
        preset = _choice(preset, PIPELINES)
    except UsageError as error:
        raise _FieldError("pipeline", error) from None
    if preset != CUSTOM:
        return pipeline_for(preset)
    text = values.get("custom_stages") or ""
    if not text.strip():
        missing = UsageError("setup.stages_missing", example=STAGES_EXAMPLE)
        raise _FieldError("custom_stages", missing)
    try:
        return Pipeline(CUSTOM, parse_custom_stages(text, current.stages))
    except UsageError as error:
        raise _FieldError("custom_stages", error) from None


def _lines(text: str | None) -> list[str]:
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


def _stages_edited_unused(
    values: Mapping[str, str | None], shown: Mapping[str, str | None]
) -> bool:
    """Stages typed while a preset is chosen would be silently ignored: say so instead."""
    chosen = (values.get("pipeline") or "").strip().casefold()
    if not chosen or chosen == CUSTOM or "custom_stages" not in values:
        return False
    typed = _lines(values.get("custom_stages"))
    return bool(typed) and typed != _lines(shown.get("custom_stages"))


def _choice(raw: str, known: tuple[str, ...]) -> str:
    if raw not in known:
        raise UsageError(
            "setup.bad_choice", example=known[0], text=raw, known=", ".join(dict.fromkeys(known))
        )
    return raw


def _bant_mode(raw: str) -> str:
    """``warn``/``strict``; the shell may type on/off as ``/sales bant strict:`` takes."""
    word = raw.casefold()
    word = {"on": "strict", "ya": "strict", "yes": "strict", "off": "warn", "tidak": "warn"}.get(
        word, word
    )
    return _choice(word, BANT_MODES)


def _whole(raw: str, bounds: tuple[int, int], example: Text) -> int:
    low, high = bounds
    if not re.fullmatch(r"[0-9]{1,4}", raw) or not low <= int(raw) <= high:
        raise UsageError("setup.whole_number", example=example, text=raw, low=low, high=high)
    return int(raw)


def _work_days(raw: str) -> tuple[int, ...]:
    """The checked days (``mon wed fri``); typed in the shell, ``mon-fri`` or ``senin-jumat``."""
    words = re.split(r"[\s,]+", re.sub(r"\s*-\s*", "-", raw.casefold()))
    days: set[int] = set()
    for word in filter(None, words):
        ends = word.split("-")
        if len(ends) > 2 or any(end not in WEEKDAYS for end in ends):
            raise UsageError("setup.days", example=Phrase("example.work_days"), text=raw)
        start, end = WEEKDAYS[ends[0]], WEEKDAYS[ends[-1]]
        days.update((start + step) % 7 for step in range((end - start) % 7 + 1))
    if not days:
        raise UsageError("setup.days", example=Phrase("example.work_days"), text=raw)
    return tuple(sorted(days))


def stranded_deals(ctx: CommandContext, pipeline: Pipeline) -> list[Deal]:
    """Open deals in a stage ``pipeline`` lacks: switching to it would leave them nowhere.

    Only true under the workspace's exclusive lock, which holds stage moves off."""
    return [
        deal
        for deal in queries.open_deals(ctx.session, workspace_id=ctx.workspace_id)
        if deal.stage not in pipeline.stages
    ]


def _check_stranded(
    ctx: CommandContext, pipeline: Pipeline, errors: dict[str, CommandError]
) -> None:
    stranded = stranded_deals(ctx, pipeline)
    if not stranded:
        return
    field = "custom_stages" if pipeline.name == CUSTOM else "pipeline"
    errors[field] = UsageError(
        "setup.stranded",
        example=Phrase("example.deal_list_all"),
        stages=tuple(dict.fromkeys(deal.stage for deal in stranded)),
        count=len(stranded),
        refs=", ".join(deal.ref for deal in stranded[:REFS_SHOWN])
        + (", …" if len(stranded) > REFS_SHOWN else ""),
    )


def _save(ctx: CommandContext, changes: list[SettingChange]) -> None:
    """Write the changed settings and record them, before and after, as one audit entry."""
    workspace = ctx.workspace
    after = _columns(ctx, {change.name: change.after for change in changes})
    before = {column: getattr(workspace, column) for column in after}
    for column, value in after.items():
        setattr(workspace, column, value)
    audit.record(ctx, SETUP_ACTION, before=before, after=after)


def _columns(ctx: CommandContext, new: Mapping[str, Any]) -> dict[str, Any]:
    """The workspace columns that hold the new settings (JSON-ready)."""
    columns: dict[str, Any] = {}
    for name in ("language", "currency"):
        if name in new:
            columns[name] = new[name]
    if "pipeline" in new:
        pipeline: Pipeline = new["pipeline"]
        columns["pipeline"] = pipeline.name
        columns["custom_stages"] = list(pipeline.stages) if pipeline.name == CUSTOM else None
    if "bant_mode" in new:
        strict = new["bant_mode"] == "strict"
        columns["bant_policy"] = replace(policy_of(ctx), strict=strict).as_json()
    report = {k: new[k] for k in ("stale_days", "calls_per_day", "work_days") if k in new}
    if report:
        policy = replace(ReportPolicy.from_workspace(ctx.workspace), **report)
        columns["report_policy"] = policy.as_json()
    return columns
