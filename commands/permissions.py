"""Who may do what: the one place Corong's roles are enforced.

- rep: their own deals (create, change, log calls, read) and their own pipeline;
- manager: the same for the deals of the reps in the teams they manage, plus reassigning those
  deals and reading those teams' reports;
- admin: everything, plus workspace settings and teams. Slack's workspace admins and owners are
  admins, and so is anyone an admin names (``/sales admin add @x``).

Every path that reaches a deal or a report (slash commands, modals, buttons, the shell, the CLI)
goes through ``resolve_deal`` / ``parse_scope``, which ask this module; a refusal is a
``NotAllowed`` that names who can, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from commands.context import CommandContext
from commands.errors import NotAllowed, StaleProfile
from commands.i18n import Text
from commands.replies import People
from storage import queries, teams
from storage.models import Deal, Member

SLACK_ADMIN_FRESH = timedelta(hours=1)


def is_admin(ctx: CommandContext) -> bool:
    """A Slack workspace admin or owner, or someone an admin named."""
    return is_admin_member(ctx.member)


def is_admin_member(member: Member) -> bool:
    return bool(member.is_admin or member.admin_granted)


def require_admin(ctx: CommandContext, key: str = "role.admins_only", *, example: Text) -> None:
    """Refuse unless the caller is an admin; the refusal names the admins to ask.

    Rights that come only from Slack's admin flag must have been read within the last
    ``SLACK_ADMIN_FRESH``: someone demoted in Slack stops being a Corong admin at once, not a
    day later. Where the profile can be read again first (slash commands), it is.
    """
    if ctx.profile_check and slack_admin_flag_stale(ctx.member, ctx.now):
        raise StaleProfile
    if not is_admin(ctx):
        raise NotAllowed(key, example=example, admins=_admins(ctx))


def slack_admin_flag_stale(member: Member, now: datetime) -> bool:
    """True when the member is an admin only by Slack's flag, read more than
    ``SLACK_ADMIN_FRESH`` ago: Slack may have taken the role away since."""
    if not member.is_admin or member.admin_granted:
        return False
    fetched = member.profile_fetched_at
    return fetched is None or now - fetched > SLACK_ADMIN_FRESH


def managed_rep_ids(ctx: CommandContext) -> frozenset[int]:
    """The reps of every team the caller manages (empty for a plain rep); read once per
    command."""
    if ctx.managed_reps is None:
        ctx.managed_reps = frozenset(teams.managed_rep_ids(ctx.session, manager_id=ctx.member_id))
    return ctx.managed_reps


def visible_owner_ids(ctx: CommandContext) -> frozenset[int] | None:
    """Whose deals the caller may see and touch: ``None`` means everyone's (admins)."""
    if is_admin(ctx):
        return None
    return managed_rep_ids(ctx) | {ctx.member_id}


def may_handle(ctx: CommandContext, owner_id: int) -> bool:
    """May the caller read or change deals owned by ``owner_id``?"""
    if owner_id == ctx.member_id:
        return True
    visible = visible_owner_ids(ctx)
    return visible is None or owner_id in visible


def check_deal(ctx: CommandContext, deal: Deal, *, example: Text = "/deal list") -> None:
    """Refuse a deal that belongs to a rep outside the caller's reach, saying who can act."""
    if may_handle(ctx, deal.owner_id):
        return
    owner = ctx.session.get(Member, deal.owner_id)
    raise NotAllowed(
        "role.deal_not_yours",
        example=example,
        ref=deal.ref,  # not its name: a ref tried at random must not reveal what the deal is
        owner=_mention(owner),
        managers=_managers_of(ctx, deal.owner_id),
        admins=_admins(ctx),
    )


def lock_deal(ctx: CommandContext, deal: Deal) -> None:
    """Lock the deal for a change and check again who may make it.

    The deal may have been reassigned between finding it and locking it (another replica);
    the check after the lock is the one that holds.
    """
    queries.lock_deal(ctx.session, deal)
    check_deal(ctx, deal)


def check_reassign(ctx: CommandContext, deal: Deal, new_owner: Member, *, example: Text) -> None:
    """Managers hand deals between the reps they manage (themselves included); admins
    between anyone. A rep may not give their deal away."""
    assert new_owner.id is not None
    if is_admin(ctx):
        return
    managed = managed_rep_ids(ctx)
    if not managed:
        raise NotAllowed(
            "role.assign_managers_only",
            example=example,
            managers=_managers_of(ctx, deal.owner_id),
            admins=_admins(ctx),
        )
    check_deal(ctx, deal, example=example)
    if new_owner.id not in managed | {ctx.member_id}:
        raise NotAllowed(
            "role.assign_outside_team",
            example=example,
            person=People((new_owner.slack_user_id,)),
            admins=_admins(ctx),
        )


def check_member(ctx: CommandContext, member: Member | None, *, example: Text) -> None:
    """Refuse reading another rep's deals unless the caller manages them (or is an admin)."""
    if member is None or member.id is None or may_handle(ctx, member.id):
        return
    raise NotAllowed(
        "role.rep_not_yours",
        example=example,
        rep=_mention(member),
        managers=_managers_of(ctx, member.id),
        admins=_admins(ctx),
    )


def acts_as_admin_now(ctx: CommandContext) -> bool:
    """Whether the caller is an admin, with a Slack admin flag read recently where it can be
    read again first (slash commands): else ``StaleProfile`` has it looked up, then re-run."""
    if ctx.profile_check and slack_admin_flag_stale(ctx.member, ctx.now):
        raise StaleProfile
    return is_admin(ctx)


def check_member_change(
    ctx: CommandContext, member: Member, key: str, *, example: Text, own: bool = True
) -> None:
    """A member's own arrangements (their time off) are theirs, their team's managers' and
    admins' to read and change; an admin by Slack's flag alone needs it read recently, as for
    ``require_admin``. ``own=False``: not theirs to change (a quota), only managers' and admins'."""
    assert member.id is not None
    if (own and member.id == ctx.member_id) or member.id in managed_rep_ids(ctx):
        return
    if acts_as_admin_now(ctx):
        return
    raise NotAllowed(
        key,
        example=example,
        rep=_mention(member),
        managers=_managers_of(ctx, member.id),
        admins=_admins(ctx),
    )


def check_team(ctx: CommandContext, team_id: int, team_name: str, *, example: Text) -> None:
    """Team reports are for the team's managers and admins."""
    if is_admin(ctx):
        return
    managers = teams.team_manager_ids(ctx.session, team_id=team_id)
    if ctx.member_id in managers:
        return
    raise NotAllowed(
        "role.team_not_yours",
        example=example,
        team=team_name,
        managers=_people(ctx, managers, "role.no_manager"),
        admins=_admins(ctx),
    )


def require_team_manager(
    ctx: CommandContext, team_id: int, team_name: str, key: str, *, example: Text
) -> None:
    """A team's own settings (its deal alerts) are for its managers and admins; an admin by
    Slack's flag alone needs it read recently, as for ``require_admin``."""
    managers = teams.team_manager_ids(ctx.session, team_id=team_id)
    if ctx.member_id in managers:
        return
    if acts_as_admin_now(ctx):
        return
    raise NotAllowed(
        key,
        example=example,
        team=team_name,
        managers=_people(ctx, managers, "role.no_manager"),
        admins=_admins(ctx),
    )


def check_workspace_wide(ctx: CommandContext, *, example: Text) -> None:
    """Workspace-wide reports are for admins."""
    if not is_admin(ctx):
        raise NotAllowed("role.all_admins_only", example=example, admins=_admins(ctx))


def admins_to_ask(ctx: CommandContext) -> People:
    """The workspace's admins, as a refusal names them (or a phrase saying there are none)."""
    return _admins(ctx)


def _admins(ctx: CommandContext) -> People:
    member_ids = teams.admin_ids(ctx.session, workspace_id=ctx.workspace_id)
    return _people(ctx, member_ids, "role.no_admin")


def _managers_of(ctx: CommandContext, rep_id: int) -> People:
    return _people(ctx, teams.manager_ids_of(ctx.session, rep_id=rep_id), "role.no_manager")


def _mention(member: Member | None) -> People:
    return People((member.slack_user_id,) if member is not None else ())


def _people(ctx: CommandContext, member_ids: Collection[int], none_key: str) -> People:
    """The members to ask, as mentions, or a phrase saying there is nobody yet."""
    return People(tuple(teams.slack_user_ids(ctx.session, member_ids=member_ids)), none_key)
