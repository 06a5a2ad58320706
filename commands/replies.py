"""What a command answers, as plain values: ``bot.blocks`` renders them as Block Kit.

Texts are catalog keys with parameters; amounts and dates stay typed so the renderer can format
them for the reader's locale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from commands.errors import Answer, Candidate
from commands.i18n import Text


@dataclass(frozen=True)
class Money:
    """An amount in whole units of ``currency``."""

    value: int
    currency: str


@dataclass(frozen=True)
class People:
    """Slack users a message names (shown as mentions); ``none_key`` says so when there are none."""

    user_ids: tuple[str, ...]
    none_key: str = "people.nobody"
    shown: int = 5  # more than this end in "…"


@dataclass(frozen=True)
class Channel:
    """A Slack channel a message names (shown as a channel link), or none set."""

    channel_id: str | None


@dataclass(frozen=True)
class DealSummary:
    """The facts about a deal that a card or a list row shows."""

    ref: str
    name: str
    stage: str
    status: str
    value: Money | None
    owner_user_id: str
    contact: str | None
    close_date: date | None
    next_step: str | None
    next_step_due: date | None
    lost_reason: str | None
    created_at: datetime
    stage_entered_at: datetime
    last_activity_at: datetime | None
    lead_source: str | None = None  # where the lead came from, as typed or imported
    # A lost deal's reason from the workspace's list, in the reader's language.
    lost_reason_label: Text | None = None


@dataclass(frozen=True)
class HistoryItem:
    """One line of a deal's history: a stage move or a logged activity."""

    at: datetime
    kind: str  # "created", "stage", "call", ...
    actor_user_id: str
    from_stage: str | None = None
    to_stage: str | None = None
    outcome: str | None = None
    duration_seconds: int | None = None
    notes: str | None = None
    score: int | None = None  # BANT entries: outcome is the verdict, score its points
    reason: Text | None = None  # a move to lost: its reason (the words typed are in ``notes``)


@dataclass(frozen=True)
class Reply:
    """Base of every reply."""


@dataclass(frozen=True)
class Notice(Reply):
    """A confirmation: one catalog message, optionally about a deal."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    deal: DealSummary | None = None
    bant_warning: bool = False  # moved past qualification without a qualifying BANT


@dataclass(frozen=True)
class Problem(Reply):
    """What was wrong with the input and one correct example; nothing was written."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    example: Text | None = None
    bant_ref: str | None = None  # offer "Run BANT" for this deal


@dataclass(frozen=True)
class DealCard(Reply):
    """``/deal show``: the deal with its history, newest first."""

    deal: DealSummary
    history: tuple[HistoryItem, ...]
    history_total: int
    bant: BantView | None = None


@dataclass(frozen=True)
class StageTotal:
    """How many listed deals are in a stage and what they are worth, per currency."""

    stage: str
    count: int
    values: tuple[Money, ...]


@dataclass(frozen=True)
class DealList(Reply):
    """``/deal list``: open deals in pipeline order."""

    scope: str  # "mine", "member", "all"
    owner_user_id: str | None
    deals: tuple[DealSummary, ...]
    total: int
    offset: int
    page_size: int
    filter_text: str
    stage_totals: tuple[StageTotal, ...] = ()


@dataclass(frozen=True)
class Picker(Reply):
    """An ambiguous deal name: a button for each candidate; a click completes ``command``."""

    query: str
    candidates: tuple[Candidate, ...]
    command: str


@dataclass(frozen=True)
class Asked(Reply):
    """A question the command asked (``commands.errors.Question``): a button per answer; a
    click finishes the command with that answer."""

    key: str
    params: dict[str, Any]
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class HelpTopic:
    """One command in the help: its usage and an example."""

    command: str
    usage_key: str
    example: Text


@dataclass(frozen=True)
class Help(Reply):
    """``/sales help`` or the help after an unknown subcommand."""

    topics: tuple[HelpTopic, ...]
    intro_key: str = "help.intro"
    intro_params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OpenForm(Reply):
    """Ask for the fields in a form: a modal in Slack, prompts in the shell."""

    form: str  # "deal_add", "call", "bant" or "follow_up"
    prefill: dict[str, str] = field(default_factory=dict)
    subject: int | None = None  # the deal the form is about (bant, follow_up)
    subject_ref: str | None = None


@dataclass(frozen=True)
class BantView:
    """A deal's BANT qualification as the card and the summary show it."""

    budget: str
    budget_value: Money | None
    authority: str
    authority_name: str | None
    need: str
    need_pain: str | None
    timeline: str
    timeline_date: date | None
    score: int
    verdict: str
    at: datetime
    by_user_id: str
    record_id: int = 0


@dataclass(frozen=True)
class BantSummary(Reply):
    """After a BANT submission: the answers, score, verdict and the next action."""

    deal: DealSummary
    bant: BantView
    next_stage: str | None  # for a qualified deal: the stage to move it to
    versions: int


@dataclass(frozen=True)
class PipelineInfo(Reply):
    """``/sales pipeline``: the workspace's stages and the presets it may switch to."""

    preset: str
    stages: tuple[str, ...]
    presets: tuple[str, ...]


@dataclass(frozen=True)
class ReportTargets(Reply):
    """``/sales targets``: what the funnel report measures reps against and when it warns."""

    calls_per_day: int
    stale_days: int
    pile_up_share: float  # 0.4: warn when over 40% of open deals sit in ``last_stage``
    cohort_days: int
    work_days: tuple[int, ...]  # Monday 0 .. Sunday 6
    last_stage: str
    benchmark: tuple[float, ...] | None  # the ratio the report uses for this pipeline, if any
    saved: bool = False  # an admin just changed them
    can_change: bool = False  # the reader is an admin: say how to change them
    example: Text = ""


@dataclass(frozen=True)
class BenchmarkInfo(Reply):
    """``/sales benchmark``: the ratio of deals per open stage the funnel is compared with."""

    preset: str
    stages: tuple[str, ...]
    ratio: tuple[float, ...] | None  # in use: the workspace's own, else the pipeline default
    source: str  # "custom", "default" or "none"
    unused: tuple[float, ...] | None = None  # saved, but for another number of stages: ignored
    headline: str = "shown"  # "shown", "saved" or "cleared"
    can_change: bool = False
    example: str = ""  # a valid ratio for this pipeline
