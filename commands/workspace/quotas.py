"""``/sales quota`` (``/sales kuota``): a rep's or a team's sales quota per month or quarter.

    /sales quota                               the quotas in force today
    /sales quota @rep 500jt month              a rep's (their team's managers, admins)
    /sales quota team Jakarta 6M quarter       a team's (its managers, admins)

Quotas are in the workspace currency. A new quota is kept next to the old one and counts from
today (``storage.quotas`` says which one a period is measured against). Setting one is audited,
so ``/sales undo`` removes it and the one before counts again (``undo_quota``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from commands import audit, permissions
from commands.context import CommandContext
from commands.errors import UsageError
from commands.grammar import Token
from commands.grammar.amounts import take_amount
from commands.grammar.lexer import join_words, shorten
from commands.i18n import Phrase
from commands.replies import Money, Notice, People, Reply
from storage import queries, quotas, teams
from storage.models import AuditEntry, Member, Quota

QUOTA_WORDS = ("quota", "quotas", "kuota")
TEAM_WORDS = ("team", "tim")
PERIOD_WORDS = {
    "month": "month",
    "monthly": "month",
    "bulan": "month",
    "bulanan": "month",
    "quarter": "quarter",
    "quarterly": "quarter",
    "kuartal": "quarter",
    "triwulan": "quarter",
}
QUOTA_ACTION = "quota.set"  # audited, after: {"quota_id": ...}
MEMBER_EXAMPLE = Phrase("example.quota_member")
TEAM_EXAMPLE = Phrase("example.quota_team")


@dataclass(frozen=True)
class QuotaLine:
    """One quota in force: whose (a rep's Slack id or a team's name), how much, since when."""

    amount: Money
    period: str  # "month" or "quarter"
    since: date
    user_id: str | None = None
    team: str | None = None


@dataclass(frozen=True)
class QuotaList(Reply):
    """What ``/sales quota`` answers: the quotas in force today, teams first."""

    lines: tuple[QuotaLine, ...] = ()


def run_quota(ctx: CommandContext, tokens: list[Token]) -> Reply:
    """List the quotas, or set a rep's or a team's."""
    if not tokens:
        return _list(ctx)
    period = _period(tokens[-1])
    first = tokens[0]
    if first.kind == "user":
        member = _person(ctx, first.value)
        amount, rest = _amount(ctx, tokens[1:-1], MEMBER_EXAMPLE)
        if rest:
            raise UsageError("input.unexpected", example=MEMBER_EXAMPLE, text=shorten(rest))
        assert member.id is not None
        quota = _save(ctx, period, amount, member_id=member.id)
        return _notice("quota.set_member", quota, person=People((member.slack_user_id,)))
    if first.kind == "word" and first.value.casefold() in TEAM_WORDS:
        amount, name = _amount(ctx, tokens[1:-1], TEAM_EXAMPLE)
        if not name:
            raise UsageError("quota.usage", example=TEAM_EXAMPLE)
        team = teams.team_by_name(ctx.session, workspace_id=ctx.workspace_id, name=name)
        if team is None or team.id is None:
            raise UsageError("quota.unknown_team", example=TEAM_EXAMPLE, text=shorten(name))
        permissions.require_team_manager(
            ctx, team.id, team.name, "quota.team_not_yours", example=TEAM_EXAMPLE
        )
        quota = _save(ctx, period, amount, team_id=team.id)
        return _notice("quota.set_team", quota, team=team.name)
    raise UsageError("quota.usage", example=MEMBER_EXAMPLE)


def _period(token: Token) -> str:
    word = token.value.casefold() if token.kind == "word" else ""
    if word not in PERIOD_WORDS:
        raise UsageError("quota.usage", example=MEMBER_EXAMPLE)
    return PERIOD_WORDS[word]


def _person(ctx: CommandContext, user_id: str) -> Member:
    """The rep ``@rep`` names, whose quota the caller may set (not their own, unless admin)."""
    member = queries.find_member(ctx.session, workspace_id=ctx.workspace_id, slack_user_id=user_id)
    if member is None:
        raise UsageError("quota.unknown_person", example=MEMBER_EXAMPLE, person=People((user_id,)))
    permissions.check_member_change(
        ctx, member, "quota.not_yours", example=MEMBER_EXAMPLE, own=False
    )
    return member


def _amount(ctx: CommandContext, tokens: list[Token], example: Phrase) -> tuple[int, str]:
    """The amount among the words, and the words left (a team's name)."""
    amount, rest = take_amount(tokens, m_means=ctx.m_means)
    if amount is None:
        raise UsageError("quota.usage", example=example)
    return _checked(ctx, amount.value, amount.currency, example), join_words(rest).strip()


def _checked(ctx: CommandContext, value: int, currency: str | None, example: Phrase) -> int:
    """A quota is in the workspace's currency (the grammar reads no amount of zero or less)."""
    if currency is not None and currency != ctx.workspace.currency:
        raise UsageError(
            "quota.currency", example=example, currency=ctx.workspace.currency, other=currency
        )
    return value


def _save(
    ctx: CommandContext,
    period: str,
    amount: int,
    *,
    member_id: int | None = None,
    team_id: int | None = None,
) -> Quota:
    quota = quotas.add_quota(
        ctx.session,
        workspace_id=ctx.workspace_id,
        member_id=member_id,
        team_id=team_id,
        period=period,
        amount=amount,
        currency=ctx.workspace.currency,
        effective_from=ctx.today,
        set_by=ctx.member_id,
    )
    audit.record(ctx, QUOTA_ACTION, after={"quota_id": quota.id})
    return quota


def _notice(key: str, quota: Quota, **params: object) -> Notice:
    return Notice(
        key,
        {
            **params,
            "amount": Money(quota.amount, quota.currency),
            "period": Phrase(f"quota.period.{quota.period}"),
            "day": quota.effective_from,
        },
    )


def _list(ctx: CommandContext) -> QuotaList:
    rows = quotas.quotas_in_force(ctx.session, workspace_id=ctx.workspace_id, on=ctx.today)
    member_ids = [r.member_id for r in rows if r.member_id is not None]
    team_ids = [r.team_id for r in rows if r.team_id is not None]
    people = queries.members_by_id(ctx.session, workspace_id=ctx.workspace_id, ids=member_ids)
    named = teams.teams_by_id(ctx.session, workspace_id=ctx.workspace_id, ids=team_ids)
    lines = []
    for row in rows:
        money = Money(row.amount, row.currency)
        if row.team_id is not None and row.team_id in named:
            team = named[row.team_id].name
            lines.append(QuotaLine(money, row.period, row.effective_from, team=team))
        elif row.member_id is not None and row.member_id in people:
            user = people[row.member_id].slack_user_id
            lines.append(QuotaLine(money, row.period, row.effective_from, user_id=user))
    lines.sort(key=lambda line: (line.team is None, line.team or "", line.user_id or ""))
    return QuotaList(tuple(lines))


def undo_quota(
    ctx: CommandContext, entry: AuditEntry, claim: Callable[[CommandContext, AuditEntry], None]
) -> Notice:
    """``/sales undo`` of a quota set: the row goes (rows are never changed, so the history
    before it stays), by someone who may still set that quota; says what counts now."""
    quota_id = (entry.after or {}).get("quota_id")
    quota = (
        quotas.quota_by_id(ctx.session, workspace_id=ctx.workspace_id, quota_id=quota_id)
        if isinstance(quota_id, int)
        else None
    )
    if quota is None:  # its team was deleted since, and its quotas with it
        raise UsageError("undo.nothing", example="/sales quota")
    params: dict[str, object] = {
        "amount": Money(quota.amount, quota.currency),
        "period": Phrase(f"quota.period.{quota.period}"),
        "day": quota.effective_from,
    }
    if quota.member_id is not None:
        member = queries.get_member(
            ctx.session, workspace_id=ctx.workspace_id, member_id=quota.member_id
        )
        if member is None:
            raise UsageError("undo.nothing", example="/sales quota")
        permissions.check_member_change(
            ctx, member, "quota.not_yours", example=MEMBER_EXAMPLE, own=False
        )
        key, params["person"] = "undo.quota.member", People((member.slack_user_id,))
    else:
        assert quota.team_id is not None
        team = teams.teams_by_id(ctx.session, workspace_id=ctx.workspace_id, ids=[quota.team_id])
        name = team[quota.team_id].name if quota.team_id in team else ""
        permissions.require_team_manager(
            ctx, quota.team_id, name, "quota.team_not_yours", example=TEAM_EXAMPLE
        )
        key, params["team"] = "undo.quota.team", name
    claim(ctx, entry)
    target = (quota.member_id, quota.team_id, quota.period)
    quotas.remove_quota(ctx.session, quota)
    audit.record(ctx, "undo", before=entry.after, undo_of_id=entry.id)
    now = next(
        (
            row
            for row in quotas.quotas_in_force(
                ctx.session, workspace_id=ctx.workspace_id, on=ctx.today
            )
            if (row.member_id, row.team_id, row.period) == target
        ),
        None,
    )
    if now is None:
        return Notice(f"{key}_none", params)
    return Notice(
        key, {**params, "now": Money(now.amount, now.currency), "since": now.effective_from}
    )
