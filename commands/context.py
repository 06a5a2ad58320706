"""Who is acting, where and when: everything a command needs besides its text.

A Slack request (``open_context``) and a scheduled post for a stored member both build it with
``member_context``, so a member's language and time zone are decided in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.grammar import MMeans
from commands.i18n import language_for
from commands.localtime import zone
from commands.pipelines import Pipeline, pipeline_for
from storage import callers, queries
from storage.models import Member, Workspace


@dataclass(frozen=True)
class Invocation:
    """The transport-neutral facts of one request: Slack ids, the time, optional overrides."""

    team_id: str
    user_id: str
    now: datetime
    user_name: str | None = None
    channel_id: str | None = None
    locale: str | None = None


@dataclass
class CommandContext:
    """An invocation bound to its workspace and member inside one unit of work."""

    session: Session
    workspace: Workspace
    member: Member
    now: datetime
    lang: str
    tz: ZoneInfo
    # Deal names the user already disambiguated with a picker: name key -> chosen ref.
    picks: dict[str, str] = field(default_factory=dict)
    # The user's answers to questions the command asked (``commands.errors.Question``): what
    # a bare "M" meant ("jt" or "miliar"), and that dates already past are meant as typed.
    m_answer: str | None = None
    past_dates_kept: bool = False
    # The reason key picked for a deal lost without one (``commands.deals.lost_reasons``).
    lost_reason_answer: str | None = None
    # A command re-run with an answer or a pick: (command, text) as first typed, so a further
    # question about it keeps what it already knows.
    rerun: tuple[str, str] | None = None
    # Set when the work wrote an audited change: the caller's App Home is then out of date.
    changed: bool = False
    # The caller's Slack profile can be looked up again before answering (slash commands):
    # admin rights then need a recent look-up (``permissions.require_admin``).
    profile_check: bool = False
    # The reps of the teams the caller manages, read once per command (``permissions``): no
    # command changes teams and then asks who the caller may act for.
    managed_reps: frozenset[int] | None = None

    @property
    def workspace_id(self) -> int:
        assert self.workspace.id is not None
        return self.workspace.id

    @property
    def member_id(self) -> int:
        assert self.member.id is not None
        return self.member.id

    @property
    def m_means(self) -> MMeans:
        """What a bare "M" multiplies by for this reader: English readers mean million; an
        Indonesian reader is asked, unless they already answered for this command."""
        if self.m_answer == "miliar":
            return "miliar"
        if self.m_answer == "jt" or self.lang != "id":
            return "million"
        return "ask"

    @property
    def today(self) -> date:
        """The caller's local date: what "today" and "besok" are relative to."""
        return self.now.astimezone(self.tz).date()

    @property
    def todays_nudge(self) -> tuple[str, str] | None:
        """The (channel, ts) of the nudge the caller got on their local today, if they did:
        after a change it is redrawn. Read from their member row, so it costs no query."""
        member = self.member
        if member.nudge_day != self.today or not member.nudge_channel_id or not member.nudge_ts:
            return None
        return member.nudge_channel_id, member.nudge_ts

    @property
    def pipeline(self) -> Pipeline:
        return pipeline_for(self.workspace.pipeline, self.workspace.custom_stages)


def open_context(session: Session, invocation: Invocation) -> CommandContext:
    """Load (or create on first contact) the workspace and member the invocation speaks for:
    one statement for someone Corong knows (``storage.callers``)."""
    workspace, member = callers.find_caller(
        session, slack_team_id=invocation.team_id, slack_user_id=invocation.user_id
    )
    if workspace is None:
        workspace = queries.get_or_create_workspace(session, slack_team_id=invocation.team_id)
    assert workspace.id is not None
    if member is None:
        member = queries.get_or_create_member(
            session,
            workspace_id=workspace.id,
            slack_user_id=invocation.user_id,
            name=invocation.user_name,
        )
    elif invocation.user_name and not member.name:
        member.name = invocation.user_name
    return member_context(session, workspace, member, now=invocation.now, locale=invocation.locale)


def member_context(
    session: Session,
    workspace: Workspace,
    member: Member,
    *,
    now: datetime,
    locale: str | None = None,
) -> CommandContext:
    """The context of a known member, for a request or a scheduled post (which starts from
    stored rows, not a Slack request): the one place their language and time zone are decided.

    The language is the one the member chose (``/sales me language``), else ``locale`` (what a
    request says the user's Slack client speaks), else the member's stored locale, else the
    workspace's language; the zone is the member's, else the workspace's. Writes nothing.
    """
    return CommandContext(
        session=session,
        workspace=workspace,
        member=member,
        now=now,
        lang=language_for(member.language or locale or member.locale, fallback=workspace.language),
        tz=zone(member.timezone, workspace.timezone),
    )
