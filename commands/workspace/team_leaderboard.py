"""``/sales team Jakarta leaderboard on|off``: the weekly digest's leaderboard, opt-in per team.

    /sales team Jakarta leaderboard on          the digest ends with the week's leaderboard
    /sales team Jakarta leaderboard off         (the default) no leaderboard
    /sales tim Jakarta papan peringkat nyala    (or peringkat, aktif / mati, nonaktif)

The team's managers and admins turn it on or off; anyone reads it on the team's card. What the
leaderboard shows: ``commands.reports.leaderboard``.
"""

from __future__ import annotations

from collections.abc import Sequence

from commands import audit, permissions
from commands.context import CommandContext
from commands.errors import UsageError
from commands.grammar import Token
from commands.i18n import Phrase
from storage import queries
from storage.models import Team

LEADERBOARD_WORDS = ("leaderboard", "peringkat", "papan-peringkat", "klasemen")
BOARD_WORD = "papan"  # "papan peringkat": its first word belongs to the setting, not the name
LEADERBOARD_EXAMPLE = Phrase("example.team_leaderboard")  # /sales team Jakarta leaderboard on
ON_WORDS = ("on", "yes", "nyala", "hidup", "aktif", "ya")
OFF_WORDS = ("off", "no", "none", "mati", "nonaktif", "tidak")


def name_end(tokens: Sequence[Token], at: int) -> int:
    """Where a team's name ends before the setting word at ``at``: ``papan`` in ``Jakarta
    papan peringkat`` is the setting's."""
    word = tokens[at].value.casefold() if tokens[at].kind == "word" else ""
    before = tokens[at - 1] if at > 1 else None  # a team named "Papan" keeps its name
    if (
        word == "peringkat"
        and before is not None
        and before.kind == "word"
        and before.value.casefold() == BOARD_WORD
    ):
        return at - 1
    return at


def change_leaderboard(ctx: CommandContext, team: Team, args: list[Token]) -> str | None:
    """Turn the team's leaderboard on or off and say so (a catalog key); None when nothing was
    typed after the word (the team's card shows it). Anything but one on or off word is
    refused, and nothing changes."""
    if not args:
        return None
    assert team.id is not None
    word = args[0].value.casefold() if args[0].kind == "word" else ""
    if len(args) != 1 or word not in ON_WORDS + OFF_WORDS:
        typed = " ".join(f"{t.key}:{t.value}" if t.kind == "option" else t.value for t in args)
        raise UsageError("team.leaderboard_usage", example=LEADERBOARD_EXAMPLE, text=typed)
    permissions.require_team_manager(
        ctx, team.id, team.name, "role.team_leaderboard_not_yours", example=LEADERBOARD_EXAMPLE
    )
    queries.lock_workspace(ctx.session, ctx.workspace, exclusive=True)
    team.leaderboard = word in ON_WORDS
    ctx.session.add(team)
    ctx.session.flush()
    audit.record(ctx, "team.leaderboard", after={"team": team.name, "on": team.leaderboard})
    if not team.leaderboard:
        return "team.leaderboard_off"
    return "team.leaderboard_on" if team.channel_id else "team.leaderboard_on_no_channel"
