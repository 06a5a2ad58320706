"""The tables. Every row belongs to a workspace; indexes follow the queries reports will run."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, CheckConstraint, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


def utcnow() -> datetime:
    """Aware UTC now; the default for created-at columns written outside a command."""
    return datetime.now(UTC)


class Workspace(SQLModel, table=True):
    """One Slack workspace (team) and its settings."""

    id: int | None = Field(default=None, primary_key=True)
    slack_team_id: str = Field(max_length=32, unique=True)
    name: str | None = Field(default=None, max_length=200)
    language: str = Field(default="en", max_length=8)
    currency: str = Field(default="IDR", max_length=3)
    timezone: str = Field(default="Asia/Jakarta", max_length=64)
    pipeline: str = Field(default="funnel4", max_length=32)
    custom_stages: list[str] | None = Field(default=None, sa_type=JSON)
    bant_policy: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    report_policy: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    next_deal_number: int = Field(default=0)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # The country whose public holidays are days off (ISO 3166 code, ``holidays`` package).
    holiday_country: str = Field(
        default="ID", max_length=8, sa_column_kwargs={"server_default": "ID"}
    )
    # Why deals are lost, in the order offered: built-in keys and custom labels (``/sales
    # reasons``); None: the built-in list (``commands.deals.lost_reasons``).
    lost_reasons: list[str] | None = Field(default=None, sa_type=JSON)
    # One more with every change of the settings above (not of ``next_deal_number``): processes
    # keep the settings they read and reload them when this moved (``storage.workspace_cache``).
    version: int = Field(default=0)


class Member(SQLModel, table=True):
    """A Slack user of a workspace, with the profile facts Corong caches (locale, time zone)."""

    __table_args__ = (UniqueConstraint("workspace_id", "slack_user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    slack_user_id: str = Field(max_length=32)
    name: str | None = Field(default=None, max_length=200)
    locale: str | None = Field(default=None, max_length=16)
    timezone: str | None = Field(default=None, max_length=64)
    is_admin: bool = Field(default=False)  # Slack's is_admin / is_owner, refreshed daily
    admin_granted: bool = Field(default=False)  # named admin by an admin (/sales admin add)
    profile_fetched_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The bot's DM with this member (conversations.open once, then reused by every nudge).
    dm_channel_id: str | None = Field(default=None, max_length=32)
    # The nudge sent this member on their local day ``nudge_day``: redrawn after their changes
    # that day, known from this row with no other query.
    nudge_day: date | None = Field(default=None)
    nudge_channel_id: str | None = Field(default=None, max_length=32)
    nudge_ts: str | None = Field(default=None, max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Their own settings (``/sales me``, ``commands.posts.prefs``): the local time of their
    # nudge (HH:MM; None: Corong's default), "daily" | "weekly" | "off", a language chosen over
    # their Slack locale, and quiet hours (HH:MM to HH:MM) when nothing scheduled reaches them.
    nudge_time: str | None = Field(default=None, max_length=5)
    nudge_cadence: str = Field(
        default="daily", max_length=8, sa_column_kwargs={"server_default": "daily"}
    )
    language: str | None = Field(default=None, max_length=8)
    quiet_start: str | None = Field(default=None, max_length=5)
    quiet_end: str | None = Field(default=None, max_length=5)
    # Their nudges in a row that went unanswered (counted when the next is sent), when the
    # latest was sent, and whether they acted on it (a click, or any change they made since).
    nudges_ignored: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    nudge_sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    nudge_acted: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})


class Deal(SQLModel, table=True):
    """A sales opportunity moving through the workspace's pipeline stages."""

    __table_args__ = (
        UniqueConstraint("workspace_id", "number"),
        Index("ix_deal_ws_status_stage", "workspace_id", "status", "stage"),
        Index("ix_deal_ws_owner_status", "workspace_id", "owner_id", "status"),
        Index("ix_deal_ws_created", "workspace_id", "created_at"),
        # Covering the trailing year of closed deals the forecast's win rates read.
        Index("ix_deal_ws_closed_cover", "workspace_id", "closed_at", "status", "deleted_at", "id"),
        # The few deleted deals: what a report's activities are checked against.
        Index(
            "ix_deal_ws_deleted",
            "workspace_id",
            "id",
            sqlite_where=text("deleted_at IS NOT NULL"),
            postgresql_where=text("deleted_at IS NOT NULL"),
        ),
        # An imported deal, by its id in the system it came from: importing again finds it.
        Index(
            "uq_deal_ws_source_external",
            "workspace_id",
            "source",
            "external_id",
            unique=True,
            sqlite_where=text("external_id IS NOT NULL"),
            postgresql_where=text("external_id IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    number: int
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200)
    stage: str = Field(max_length=64)
    status: str = Field(default="open", max_length=8)
    value: int | None = Field(default=None, sa_type=BigInteger)
    currency: str = Field(max_length=3)
    owner_id: int = Field(foreign_key="member.id")
    contact: str | None = Field(default=None, max_length=200)
    close_date: date | None = None
    next_step: str | None = Field(default=None, max_length=500)
    next_step_due: date | None = None
    lost_reason: str | None = Field(default=None, max_length=500)
    # The reason from the workspace's list (``commands.deals.lost_reasons``); ``lost_reason``
    # keeps the words typed.
    lost_reason_key: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    stage_entered_at: datetime = Field(sa_type=UTCDateTime)
    last_activity_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The owner snoozed it from a nudge: morning nudges leave it out before this local date.
    snoozed_until: date | None = None
    # Where an imported deal came from (hubspot, pipedrive, salesforce, corong) and its id
    # there; both empty for a deal added in Slack.
    source: str | None = Field(default=None, max_length=16)
    external_id: str | None = Field(default=None, max_length=100)
    # Where the lead came from (referral, website, event ...), as typed or imported; None when
    # nobody said. Win rates are read by it.
    lead_source: str | None = Field(default=None, max_length=64)

    @property
    def ref(self) -> str:
        """The short reference users type, unique per workspace."""
        return f"D-{self.number}"


class Activity(SQLModel, table=True):
    """Something a rep did on a deal: calls first; meetings, emails and notes share the table."""

    __table_args__ = (
        # Covering: a report reads a period's activities from the index alone.
        Index(
            "ix_activity_ws_time_cover",
            "workspace_id", "occurred_at", "member_id", "kind", "deal_id", "deleted_at",
        ),
        Index(
            "ix_activity_ws_member_time_cover",
            "workspace_id", "member_id", "occurred_at", "kind", "deal_id", "deleted_at",
        ),
        Index("ix_activity_deal_time_cover", "deal_id", "occurred_at", "deleted_at"),
    )  # fmt: skip

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    deal_id: int = Field(foreign_key="deal.id")
    member_id: int = Field(foreign_key="member.id")
    kind: str = Field(default="call", max_length=16)
    occurred_at: datetime = Field(sa_type=UTCDateTime)
    duration_seconds: int | None = None
    outcome: str | None = Field(default=None, max_length=32)
    notes: str | None = Field(default=None, max_length=2000)
    next_step: str | None = Field(default=None, max_length=500)
    next_step_due: date | None = None
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class StageChange(SQLModel, table=True):
    """A deal's move from one stage to another (or into won/lost), with who and when."""

    __table_args__ = (
        # Covering: a period's moves and each deal's previous move come from the index alone.
        Index(
            "ix_stagechange_ws_stays",
            "workspace_id", "changed_at", "deal_id", "id", "to_stage", "reverted_at",
            "from_stage", "from_entered_at",
        ),
        Index(
            "ix_stagechange_deal_time_cover",
            "deal_id", "changed_at", "id", "to_stage", "reverted_at",
        ),
    )  # fmt: skip

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    deal_id: int = Field(foreign_key="deal.id")
    member_id: int = Field(foreign_key="member.id")
    from_stage: str | None = Field(default=None, max_length=64)
    to_stage: str = Field(max_length=64)
    changed_at: datetime = Field(sa_type=UTCDateTime)
    # When the deal entered ``from_stage``: this move ends the stay that began then, so a
    # report reads a stay from one row instead of looking up the move before it.
    from_entered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reverted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AuditEntry(SQLModel, table=True):
    """One change a member made, with the state before and after: what undo and history read."""

    __table_args__ = (
        Index("ix_audit_ws_member_time", "workspace_id", "member_id", "created_at"),
        Index("ix_audit_deal_time", "deal_id", "created_at"),
        Index(
            "ix_audit_import",
            "import_id",
            sqlite_where=text("import_id IS NOT NULL"),
            postgresql_where=text("import_id IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    member_id: int = Field(foreign_key="member.id")
    action: str = Field(max_length=32)
    deal_id: int | None = Field(default=None, foreign_key="deal.id")
    activity_id: int | None = Field(default=None, foreign_key="activity.id")
    stage_change_id: int | None = Field(default=None, foreign_key="stagechange.id")
    before: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    created_at: datetime = Field(sa_type=UTCDateTime)
    undone_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    undo_of_id: int | None = Field(default=None, foreign_key="auditentry.id")
    # The import this entry is one deal of: the whole import is taken back together.
    import_id: int | None = Field(default=None, foreign_key="importbatch.id")


class ImportBatch(SQLModel, table=True):
    """One import of a file (``corong import deals``): what it brought in, by whom, and whether
    it was taken back. Its deals' audit entries point here."""

    __table_args__ = (Index("ix_importbatch_ws_time", "workspace_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    member_id: int = Field(foreign_key="member.id")
    kind: str = Field(max_length=16)  # "deals"
    source: str = Field(max_length=16)
    file_name: str = Field(max_length=200)
    created: int
    updated: int
    created_at: datetime = Field(sa_type=UTCDateTime)
    undone_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class PendingChoice(SQLModel, table=True):
    """A command waiting for its caller to pick a deal from a picker, or to answer a question
    it asked; each pick or answer works once.

    The command is kept exactly as typed and re-run as of when it was typed, with the ambiguous
    name bound to the picked deal. The buttons carry only this row's token and a ref, which must
    be one of ``candidates``: a forged, replayed or stale click runs nothing.
    """

    __table_args__ = (Index("ix_pendingchoice_ws_member", "workspace_id", "member_id"),)

    token: str = Field(primary_key=True, max_length=32)
    workspace_id: int = Field(foreign_key="workspace.id")
    member_id: int = Field(foreign_key="member.id")
    command: str = Field(max_length=16)
    text: str = Field(sa_type=Text)
    query: str = Field(max_length=3000)
    candidates: list[str] = Field(sa_type=JSON)
    created_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # "deal": a picker (candidates are refs); otherwise a question (``commands.errors.Question``)
    # whose candidates are the answer codes its buttons may send.
    kind: str = Field(default="deal", max_length=16, sa_column_kwargs={"server_default": "deal"})
    # What the user already answered for this command (picks, "M", kept dates): re-applied
    # when it runs again, so a later question does not forget an earlier answer.
    answers: dict[str, Any] | None = Field(default=None, sa_type=JSON)


class BantRecord(SQLModel, table=True):
    """One BANT qualification of a deal: a new row per submission, so the history is kept.

    The latest row that is not undone is the deal's current qualification.
    """

    __table_args__ = (
        Index("ix_bant_deal_time", "deal_id", "created_at"),
        Index("ix_bant_ws_verdict", "workspace_id", "verdict"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    deal_id: int = Field(foreign_key="deal.id")
    member_id: int = Field(foreign_key="member.id")
    budget: str = Field(max_length=16)
    budget_value: int | None = Field(default=None, sa_type=BigInteger)
    budget_currency: str | None = Field(default=None, max_length=3)
    authority: str = Field(max_length=16)
    authority_name: str | None = Field(default=None, max_length=200)
    need: str = Field(max_length=16)
    need_pain: str | None = Field(default=None, max_length=2000)
    timeline: str = Field(max_length=24)
    timeline_date: date | None = None
    score: int
    verdict: str = Field(max_length=16)
    created_at: datetime = Field(sa_type=UTCDateTime)
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Team(SQLModel, table=True):
    """A sales team: a named group of reps, read together by ``/pipeline team``, ``/funnel team``
    and (later) posted to in its channel."""

    __table_args__ = (UniqueConstraint("workspace_id", "name_key"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    name: str = Field(max_length=80)
    name_key: str = Field(max_length=80)  # casefolded name: team names are unique ignoring case
    channel_id: str | None = Field(default=None, max_length=32)
    # The team's schedule, in ``timezone`` (the workspace's when None); HH:MM local times.
    standup_time: str = Field(default="09:00", max_length=5)
    digest_weekday: int = Field(default=0)  # Monday 0 .. Sunday 6
    digest_time: str = Field(default="08:00", max_length=5)
    timezone: str | None = Field(default=None, max_length=64)
    # A team in another country follows that country's holidays (None: the workspace's).
    holiday_country: str | None = Field(default=None, max_length=8)
    # Deal alerts to the team channel, opt-in: event ("won", "closeable", "lost") -> the least
    # value that earns one, {"value": int, "currency": "IDR"}; None or {} when off.
    alerts: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # The forecast call, in the team's time zone: the weekday (Monday 0) and time each rep is
    # asked for their commit and best case, the time a rep who has not answered is reminded,
    # and the period a forecast is for ("month" or "quarter"). A team that turned its forecast
    # call off keeps its day as a negative weekday, -1 - weekday (Friday off: -5); see
    # commands.posts.forecast.ForecastSetting.
    forecast_weekday: int = Field(default=4, sa_column_kwargs={"server_default": "4"})
    forecast_time: str = Field(
        default="14:00", max_length=5, sa_column_kwargs={"server_default": "14:00"}
    )
    forecast_due: str = Field(
        default="17:00", max_length=5, sa_column_kwargs={"server_default": "17:00"}
    )
    forecast_period: str = Field(
        default="month", max_length=8, sa_column_kwargs={"server_default": "month"}
    )
    # The digest's leaderboard (calls, meetings, bookings this week), opt-in per team.
    leaderboard: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})


class Quota(SQLModel, table=True):
    """A rep's or a team's sales quota per month or quarter, from ``effective_from`` on. Rows
    are never changed: a new quota is a new row, so the one in force on any day can be read
    back (``storage.quotas``). Exactly one of ``member_id`` and ``team_id`` is set."""

    __table_args__ = (
        CheckConstraint("(member_id IS NULL) <> (team_id IS NULL)", name="ck_quota_target"),
        Index("ix_quota_workspace_from", "workspace_id", "effective_from"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    member_id: int | None = Field(default=None, foreign_key="member.id")
    team_id: int | None = Field(default=None, foreign_key="team.id")
    period: str = Field(max_length=8)  # "month" or "quarter"
    amount: int = Field(sa_type=BigInteger)  # whole units of ``currency``
    currency: str = Field(max_length=3)
    effective_from: date
    set_by: int = Field(foreign_key="member.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CompanyDay(SQLModel, table=True):
    """A day the company sets apart from the public calendar: a day off of its own (an
    offsite), or a public holiday it works (``works``). One per workspace and day."""

    __table_args__ = (UniqueConstraint("workspace_id", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    day: date
    name: str = Field(default="", max_length=100)
    works: bool = Field(default=False)
    created_by: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TimeOff(SQLModel, table=True):
    """A member's time off: every day from ``first_day`` to ``last_day`` (both included) they
    are away. Set with ``/sales away`` (``source`` "command") or read from their Slack status
    ("slack_status", ``note`` its text or emoji); ending it early moves ``last_day``."""

    __table_args__ = (
        Index("ix_timeoff_ws_last", "workspace_id", "last_day"),
        Index("ix_timeoff_member_last", "member_id", "last_day"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    member_id: int = Field(foreign_key="member.id")
    first_day: date
    last_day: date
    source: str = Field(default="command", max_length=16)
    note: str = Field(default="", max_length=100)
    set_by: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TeamMember(SQLModel, table=True):
    """A member's place in a team: ``rep`` (their deals are the team's) or ``manager``."""

    __table_args__ = (
        UniqueConstraint("team_id", "member_id"),
        Index("ix_teammember_member", "member_id"),
        # A rep belongs to one team (a manager may lead several): two admins adding the same
        # rep to two teams at once cannot both succeed.
        Index(
            "uq_teammember_one_team_per_rep",
            "member_id",
            unique=True,
            sqlite_where=text("role = 'rep'"),
            postgresql_where=text("role = 'rep'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id")
    member_id: int = Field(foreign_key="member.id")
    role: str = Field(default="rep", max_length=16)


class Delivery(SQLModel, table=True):
    """One scheduled post in the outbox: claimed before it is sent, marked after.

    The unique key (workspace, job, target, period) is what makes a post go out once: two
    replicas racing for the same morning's nudge both try to insert it and only one row exists.
    ``status`` moves sending -> sent | retry | failed | skipped; a ``sending`` row whose lease ran
    out (its sender died) may be claimed again. A deal alert starts ``queued``, written by the
    deal change that earned it, and is claimed from there.
    """

    __table_args__ = (
        UniqueConstraint("workspace_id", "job", "target", "period"),
        Index("ix_delivery_status_next", "status", "next_attempt_at"),
        Index("ix_delivery_message", "workspace_id", "channel_id", "message_ts"),
        Index("ix_delivery_ws_created", "workspace_id", "created_at"),
        Index("ix_delivery_ws_counted", "workspace_id", "counted_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    job: str = Field(max_length=16)  # "nudge" | "standup" | "digest" | "alert"
    target: str = Field(max_length=32)  # a Slack user id (nudge) or "team:<id>"
    # The local date ("2026-11-23"), ISO week ("2026-W48"), or an alert's event and deal id
    # ("won:123"): one alert per team, deal and event.
    period: str = Field(max_length=16)
    fire_at: datetime = Field(sa_type=UTCDateTime)  # when it was due
    status: str = Field(default="sending", max_length=16)
    attempts: int = Field(default=0)
    lease_owner: str | None = Field(default=None, max_length=64)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    next_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    channel_id: str | None = Field(default=None, max_length=32)
    message_ts: str | None = Field(default=None, max_length=32)
    error: str | None = Field(default=None, max_length=200)
    # What the post showed (e.g. the nudge's deals), so a click can redraw it in place.
    payload: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # When the post was counted toward its workspace's daily budget of scheduled posts (just
    # before it was first sent); None for one never sent (skipped, held over the budget).
    counted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class HandledEvent(SQLModel, table=True):
    """An Events API event Corong took on, by Slack's ``event_id``: how a retry of it (Slack
    delivers an event again when it missed our answer) is known and not handled twice.

    ``finished_at`` is empty while an attempt is at work; ``claimed_by`` names that attempt, so
    only it records the outcome. An attempt that died leaves its row unfinished, and once its
    lease is over the next delivery takes the row over. Rows are forgotten a day after they were
    claimed: Slack gives up retrying within minutes.
    """

    __table_args__ = (Index("ix_handledevent_claimed_at", "claimed_at"),)

    event_id: str = Field(primary_key=True, max_length=64)
    event_type: str = Field(max_length=64)
    team_id: str | None = Field(default=None, max_length=32)
    claimed_by: str = Field(max_length=32)
    claimed_at: datetime = Field(sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Yardstick(SQLModel, table=True):
    """A workspace's slow yardsticks as of a local day: per open stage, the median stay (what
    "stuck" is measured against) over the stays that ended in the ``stay_window_days`` before
    that day's local midnight, and the deals won and closed among those closed in the
    ``win_rate_days`` before it (the forecast's win rates).

    They move little from one day to the next but cost a scan of a quarter's moves and a
    year's closed deals, so they are built once a day (the scheduler, or the first reader) and
    read by every report, nudge and digest that day. One row per day and way of measuring
    (pipeline stages and windows: a changed setting is a new row); the figures are a JSON
    object by stage, read and written whole.
    """

    __table_args__ = (
        UniqueConstraint(
            "workspace_id", "as_of", "stages", "stay_window_days", "win_rate_days",
            name="uq_yardstick_measure",
        ),
    )  # fmt: skip

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    as_of: date  # the workspace's local day; both windows end at its midnight
    stages: str = Field(max_length=2000)  # the pipeline's open stages, in order, one per line
    stay_window_days: int
    win_rate_days: int
    # {stage: {"median_days": float | None, "stays": int, "won": int, "closed": int}}
    figures: dict[str, Any] = Field(sa_type=JSON)
    built_at: datetime = Field(sa_type=UTCDateTime)


class Forecast(SQLModel, table=True):
    """A rep's forecast for a month or quarter, as submitted: what they commit to book and their
    best case, with the weighted pipeline they saw. Rows are never changed: each submission is a
    new row, so last week's figures and the change since can be read back
    (``storage.forecasts``)."""

    __table_args__ = (
        Index("ix_forecast_ws_period", "workspace_id", "period", "period_start", "member_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    member_id: int = Field(foreign_key="member.id")
    period: str = Field(max_length=8)  # "month" or "quarter"
    period_start: date  # the period's first day, in the workspace's calendar
    commit: int = Field(sa_type=BigInteger)  # whole units of ``currency``
    best_case: int = Field(sa_type=BigInteger)
    weighted: int = Field(default=0, sa_type=BigInteger)  # weighted pipeline when submitted
    currency: str = Field(max_length=3)
    note: str = Field(default="", max_length=1000)
    submitted_at: datetime = Field(sa_type=UTCDateTime)


class ForecastResult(SQLModel, table=True):
    """A rep's forecast against what they booked, kept when the period ended: the figures its
    accuracy is read from later, whatever happens to the deals afterwards."""

    __table_args__ = (UniqueConstraint("workspace_id", "member_id", "period", "period_start"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    member_id: int = Field(foreign_key="member.id")
    period: str = Field(max_length=8)
    period_start: date
    period_end: date  # the period's last day
    commit: int | None = Field(default=None, sa_type=BigInteger)  # None: no forecast submitted
    best_case: int | None = Field(default=None, sa_type=BigInteger)
    booked: int = Field(sa_type=BigInteger)
    currency: str = Field(max_length=3)
    kept_at: datetime = Field(sa_type=UTCDateTime)
