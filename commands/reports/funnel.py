"""``/funnel``: the funnel report on demand, for a period and a scope.

``/funnel`` reads this week for what the caller looks after: a manager's teams, an admin's
workspace, a rep's own deals. A period comes first: a phrase (``last week``, ``month``,
``last quarter``, ``year``, ``minggu lalu``, ``kuartal ini``, ``tahun lalu`` ...) or the days
``2026-10-01..2026-12-31``; a scope (``mine``, ``@rep``, ``team <name>``, ``all``) after it.
"""

from __future__ import annotations

from commands import permissions
from commands.context import CommandContext
from commands.grammar import Token
from commands.i18n import Phrase
from commands.localtime import Period, PeriodKind
from commands.reports.attainment import Attainment, attainment_for
from commands.reports.metrics import FunnelReport
from commands.reports.periods import looks_like_range, parse_range
from commands.reports.replies import FunnelView
from commands.reports.request import funnel_report_for
from commands.reports.scopes import ReportScope, mine, parse_scope, team_scope
from commands.reports.winloss import win_loss_for_report
from storage import queries, teams

EXAMPLE = Phrase("example.funnel")  # /funnel last week team Jakarta
RANGE_EXAMPLE = "/funnel 2026-10-01..2026-12-31"

# Period phrases, longest first so "last week" wins over "week".
PERIOD_PHRASES: tuple[tuple[tuple[str, ...], PeriodKind], ...] = (
    (("last", "week"), "last_week"),
    (("previous", "week"), "last_week"),
    (("minggu", "lalu"), "last_week"),
    (("pekan", "lalu"), "last_week"),
    (("last", "month"), "last_month"),
    (("previous", "month"), "last_month"),
    (("bulan", "lalu"), "last_month"),
    (("last", "quarter"), "last_quarter"),
    (("previous", "quarter"), "last_quarter"),
    (("kuartal", "lalu"), "last_quarter"),
    (("triwulan", "lalu"), "last_quarter"),
    (("last", "year"), "last_year"),
    (("previous", "year"), "last_year"),
    (("tahun", "lalu"), "last_year"),
    (("this", "week"), "week"),
    (("minggu", "ini"), "week"),
    (("pekan", "ini"), "week"),
    (("this", "month"), "month"),
    (("bulan", "ini"), "month"),
    (("this", "quarter"), "quarter"),
    (("kuartal", "ini"), "quarter"),
    (("triwulan", "ini"), "quarter"),
    (("this", "year"), "year"),
    (("tahun", "ini"), "year"),
    (("week",), "week"),
    (("weekly",), "week"),
    (("minggu",), "week"),
    (("pekan",), "week"),
    (("month",), "month"),
    (("monthly",), "month"),
    (("bulan",), "month"),
    (("quarter",), "quarter"),
    (("quarterly",), "quarter"),
    (("kuartal",), "quarter"),
    (("triwulan",), "quarter"),
    (("year",), "year"),
    (("yearly",), "year"),
    (("tahun",), "year"),
)


def split_period(tokens: list[Token]) -> tuple[Period, list[Token]]:
    """The leading period (this week when there is none) and the tokens after it: a phrase,
    or a range of days such as ``2026-10-01..2026-12-31`` (a mistyped one is refused, with
    the form it should take, rather than read as a scope)."""
    words = [t.value.casefold() if t.kind == "word" else "" for t in tokens]
    if words and looks_like_range(words[0]):
        return parse_range(words[0], example=RANGE_EXAMPLE), tokens[1:]
    for phrase, kind in PERIOD_PHRASES:
        if tuple(words[: len(phrase)]) == phrase:
            return kind, tokens[len(phrase) :]
    return "week", tokens


def default_scope(ctx: CommandContext) -> ReportScope:
    """What the caller reads: a manager their teams, an admin the workspace, a rep their own."""
    if teams.managed_teams(ctx.session, workspace_id=ctx.workspace_id, manager_id=ctx.member_id):
        return team_scope(ctx, "", example=EXAMPLE)
    if permissions.is_admin(ctx):
        return ReportScope("all", None)
    return mine(ctx)


def run_funnel(ctx: CommandContext, tokens: list[Token]) -> FunnelView:
    """Build the report for the period and scope the tokens name."""
    period, rest = split_period(tokens)
    scope = parse_scope(ctx, rest, example=EXAMPLE) if rest else default_scope(ctx)
    report = funnel_report_for(
        ctx.session,
        ctx.workspace,
        owner_ids=scope.owner_ids,
        manager_ids=scope.manager_ids,
        period=period,
        now=ctx.now,
    )
    member_ids = sorted({row.member_id for row in report.activity.calls})
    members = queries.members_by_id(ctx.session, workspace_id=ctx.workspace_id, ids=member_ids)
    return FunnelView(
        report=report,
        scope=scope,
        period=period,
        user_ids={mid: m.slack_user_id for mid, m in members.items()},
        currency=ctx.workspace.currency,
        tz_name=ctx.workspace.timezone,
        attainment=_attainment(ctx, scope, report),
        win_loss=win_loss_for_report(ctx.session, ctx.workspace, report),
    )


def _attainment(ctx: CommandContext, scope: ReportScope, report: FunnelReport) -> Attainment | None:
    """A rep's or a team's attainment against quota (the whole workspace has none)."""
    if scope.kind in ("mine", "member") and scope.owner_ids:
        return attainment_for(ctx.session, ctx.workspace, report, member_id=scope.owner_ids[0])
    if scope.kind == "team":
        return attainment_for(ctx.session, ctx.workspace, report, team_names=scope.team_names)
    return None
