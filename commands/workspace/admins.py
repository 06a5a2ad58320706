"""``/sales admin``: who may change settings and teams besides Slack's own admins and owners.

/sales admin                 the admins Corong knows of
/sales admin add @rina       make Rina a Corong admin
/sales admin remove @rina    take it back (Slack admins and owners stay admins)
"""

from __future__ import annotations

from commands import audit, permissions
from commands.context import CommandContext
from commands.errors import UsageError
from commands.grammar import Token
from commands.i18n import Phrase
from commands.replies import People
from commands.workspace.replies import AdminList
from storage import queries, teams
from storage.models import Member

ADMIN_EXAMPLE = Phrase("example.admin_add")  # /sales admin add @rina
ADD_WORDS = ("add", "tambah")
REMOVE_WORDS = ("remove", "hapus", "rm")
LIST_WORDS = ("list", "daftar", "ls")


def run_admin(ctx: CommandContext, tokens: list[Token]) -> AdminList:
    """Dispatch ``/sales admin ...``."""
    word = tokens[0].value.casefold() if tokens and tokens[0].kind == "word" else ""
    if not tokens or word in LIST_WORDS:
        return _list(ctx, "admin.list", {})
    if word not in ADD_WORDS + REMOVE_WORDS:
        raise UsageError("admin.usage", example=ADMIN_EXAMPLE, text=tokens[0].value)
    users = tokens[1:]
    if not users or any(token.kind != "user" for token in users):
        raise UsageError("admin.who", example=ADMIN_EXAMPLE)
    permissions.require_admin(ctx, example="/sales admin")
    queries.lock_workspace(ctx.session, ctx.workspace, exclusive=True)
    user_ids = tuple(dict.fromkeys(token.value for token in users))
    if word in ADD_WORDS and ctx.member.slack_user_id in user_ids:
        # An admin names others: someone about to lose Slack's admin flag cannot keep Corong's.
        raise UsageError("admin.not_yourself", example=ADMIN_EXAMPLE)
    if word in ADD_WORDS:
        for user_id in user_ids:
            _member(ctx, user_id).admin_granted = True
        audit.record(ctx, "admin.add", after={"admins": list(user_ids)})
        return _list(ctx, "admin.added", {"people": People(user_ids)})
    for user_id in user_ids:
        member = queries.find_member(
            ctx.session, workspace_id=ctx.workspace_id, slack_user_id=user_id
        )
        if member is None or not member.admin_granted:
            key = "admin.is_slack_admin" if member and member.is_admin else "admin.not_named"
            raise UsageError(key, example="/sales admin", person=People((user_id,)))
        member.admin_granted = False
    audit.record(ctx, "admin.remove", after={"admins": list(user_ids)})
    return _list(ctx, "admin.removed", {"people": People(user_ids)})


def _member(ctx: CommandContext, user_id: str) -> Member:
    member = queries.get_or_create_member(
        ctx.session, workspace_id=ctx.workspace_id, slack_user_id=user_id
    )
    ctx.session.add(member)
    return member


def _list(ctx: CommandContext, key: str, params: dict[str, object]) -> AdminList:
    ctx.session.flush()
    admins = [
        member
        for member_id in teams.admin_ids(ctx.session, workspace_id=ctx.workspace_id)
        if (member := ctx.session.get(Member, member_id)) is not None
    ]
    return AdminList(
        key,
        dict(params),
        slack_admin_ids=tuple(m.slack_user_id for m in admins if m.is_admin),
        named_admin_ids=tuple(
            m.slack_user_id for m in admins if m.admin_granted and not m.is_admin
        ),
    )
