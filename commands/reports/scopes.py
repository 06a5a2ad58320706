"""Whose deals a report is about: ``mine``, ``@rep``, ``team [name]`` or ``all``.

``/pipeline`` and ``/funnel`` share this small language. A scope resolves to the member ids
whose deals (and logged activities) the report covers, or ``None`` for the whole workspace. A
team's are its reps and its managers: a manager's own deals and calls are the team's too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from commands import permissions
from commands.context import CommandContext
from commands.errors import UsageError
from commands.grammar import Token
from commands.i18n import DEFAULT_LANGUAGE, Phrase, Text, in_language
from storage import queries, teams

ScopeKind = Literal["mine", "member", "team", "all"]

MINE_WORDS = ("mine", "me", "my", "saya", "aku", "punyaku")
TEAM_WORDS = ("team", "tim")
ALL_WORDS = ("all", "everyone", "semua", "workspace")


@dataclass(frozen=True)
class ReportScope:
    """A resolved scope: who it covers and how to say (and re-type) it."""

    kind: ScopeKind
    owner_ids: tuple[int, ...] | None  # None: the whole workspace
    user_id: str | None = None  # the Slack user of a ``member`` scope
    team_names: tuple[str, ...] = ()  # the team(s) of a ``team`` scope
    member_name: str | None = None  # the rep's name, for titles where a mention can't render
    # The managers among owner_ids (a team's own); None: whoever manages a team, rep of none.
    manager_ids: tuple[int, ...] | None = None

    @property
    def canonical(self) -> str:
        """The scope as command text, so a page button re-runs exactly the same scope."""
        if self.kind == "member":
            return f"<@{self.user_id}>"
        if self.kind == "team" and len(self.team_names) == 1:
            name = self.team_names[0]
            return f'team "{name}"' if '"' not in name else f"team {name}"
        if self.kind == "team":
            return "team"
        return self.kind


def scope_managers(ctx: CommandContext, scope: ReportScope) -> frozenset[int]:
    """The managers among a scope's people, whose own deals and calls a report marks as theirs:
    a team's own managers, else whoever manages a team and is a rep of none."""
    if scope.manager_ids is not None:
        return frozenset(scope.manager_ids)
    among = scope.owner_ids
    found = teams.managers_not_reps(ctx.session, workspace_id=ctx.workspace_id, among=among)
    return frozenset(found)


def parse_scope(ctx: CommandContext, tokens: Sequence[Token], *, example: Text) -> ReportScope:
    """Read the scope words of ``tokens`` (all of them); the caller's own deals by default."""
    if not tokens:
        return mine(ctx)
    first = tokens[0]
    word = first.value.casefold() if first.kind == "word" else ""
    if first.kind == "user" and len(tokens) == 1:
        return member_scope(ctx, first.value, example=example)
    if word in MINE_WORDS and len(tokens) == 1:
        return mine(ctx)
    if word in ALL_WORDS and len(tokens) == 1:
        permissions.check_workspace_wide(ctx, example=_command(example))
        return ReportScope("all", None)
    if word in TEAM_WORDS:
        name = " ".join(token.value for token in tokens[1:])
        return team_scope(ctx, name, example=example)
    raise UsageError("scope.unknown", example=example, text=" ".join(t.value for t in tokens))


def _command(example: Text) -> str:
    """The slash command of a report's example (``/funnel``): the same in every language."""
    return in_language(example, DEFAULT_LANGUAGE).split()[0]


def mine(ctx: CommandContext) -> ReportScope:
    return ReportScope(
        "mine",
        (ctx.member_id,),
        user_id=ctx.member.slack_user_id,
        member_name=ctx.member.name or ctx.member.slack_user_id,
    )


def member_scope(ctx: CommandContext, user_id: str, *, example: Text) -> ReportScope:
    """Another member's deals; a Slack user Corong never saw simply has none."""
    member = queries.find_member(ctx.session, workspace_id=ctx.workspace_id, slack_user_id=user_id)
    permissions.check_member(ctx, member, example=_command(example))  # what they may read
    owner_ids = (member.id,) if member is not None and member.id is not None else ()
    name = member.name if member is not None and member.name else user_id
    return ReportScope("member", owner_ids, user_id=user_id, member_name=name)


def team_scope(ctx: CommandContext, name: str, *, example: Text) -> ReportScope:
    """A named team, or with no name the caller's own team(s) (a manager may lead several)."""
    known = teams.list_teams(ctx.session, workspace_id=ctx.workspace_id)
    if not known:
        raise UsageError(
            "scope.no_teams", example=Phrase("example.scope_all", command=_command(example))
        )
    names = ", ".join(team.name for team in known)
    if name:
        team = teams.team_by_name(ctx.session, workspace_id=ctx.workspace_id, name=name)
        if team is None:
            raise UsageError("scope.unknown_team", example=example, team=name, teams=names)
        chosen = [team]
    else:
        # The caller's own teams: the ones they manage (a rep's team report is refused below).
        joined = teams.teams_of(ctx.session, workspace_id=ctx.workspace_id, member_id=ctx.member_id)
        if not joined:
            raise UsageError(
                "scope.not_in_team",
                example=Phrase("example.scope_team", command=_command(example), team=known[0].name),
            )
        led = teams.managed_teams(
            ctx.session, workspace_id=ctx.workspace_id, manager_id=ctx.member_id
        )
        chosen = led or joined
    for team in chosen:
        assert team.id is not None
        permissions.check_team(ctx, team.id, team.name, example=_command(example))
    people = teams.team_people(ctx.session, team_ids=[t.id for t in chosen if t.id is not None])
    return ReportScope(
        "team",
        people.member_ids,
        team_names=tuple(t.name for t in chosen),
        manager_ids=people.manager_ids,
    )
