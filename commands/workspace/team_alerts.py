"""``/sales team Jakarta alerts ...``: a team's deal alerts, opt-in, with a threshold per event.

    /sales team Jakarta alerts won:100jt closeable:250jt lost:100jt
    /sales team Jakarta alerts won:off            drop one threshold, keep the others
    /sales team Jakarta alerts off                no alerts at all
    /sales team Jakarta peringatan menang:100jt closing:250jt kalah:100jt

The team's managers and admins set them; anyone reads them on the team's card. A threshold
with no currency is in the workspace's. What the alerts are and when they are posted:
``commands.deal_alerts``.
"""

from __future__ import annotations

from commands import audit, permissions
from commands.context import CommandContext
from commands.deal_alerts import CLOSEABLE, Threshold, keep_thresholds, thresholds
from commands.errors import UsageError
from commands.grammar import Token, parse_amount
from commands.i18n import Phrase
from commands.pipelines import LOST, WON
from storage import queries
from storage.models import Team

ALERT_WORDS = ("alerts", "alert", "peringatan", "notifikasi")
ALERTS_EXAMPLE = Phrase("example.team_alerts")  # ... alerts won:100jt closeable:250jt lost:100jt
OFF_WORDS = ("off", "none", "tidak", "mati", "nonaktif")
EVENT_WORDS = {
    "won": WON,
    "win": WON,
    "menang": WON,
    "closeable": CLOSEABLE,
    "closing": CLOSEABLE,
    "lost": LOST,
    "lose": LOST,
    "kalah": LOST,
}


def change_alerts(ctx: CommandContext, team: Team, args: list[Token]) -> str | None:
    """Change the team's thresholds as typed and say how (a catalog key); None when nothing
    was typed after the word (the team's card shows them)."""
    if not args:
        return None
    assert team.id is not None
    permissions.require_team_manager(
        ctx, team.id, team.name, "role.team_alerts_not_yours", example=ALERTS_EXAMPLE
    )
    queries.lock_workspace(ctx.session, ctx.workspace, exclusive=True)
    chosen = {} if _all_off(args) else _thresholds(ctx, team, args)
    keep_thresholds(team, chosen)
    ctx.session.add(team)
    ctx.session.flush()
    audit.record(ctx, "team.alerts", after={"team": team.name, "alerts": team.alerts})
    if not chosen:
        return "team.alerts_off"
    return "team.alerts_set" if team.channel_id else "team.alerts_set_no_channel"


def _all_off(args: list[Token]) -> bool:
    return len(args) == 1 and args[0].kind == "word" and args[0].value.casefold() in OFF_WORDS


def _thresholds(ctx: CommandContext, team: Team, args: list[Token]) -> dict[str, Threshold]:
    """The team's thresholds with the typed ones changed; nothing is kept unless all parse."""
    chosen = dict(thresholds(team))
    for token in args:
        event = EVENT_WORDS.get((token.key or "").casefold()) if token.kind == "option" else None
        if event is None:
            typed = f"{token.key}:{token.value}" if token.kind == "option" else token.value
            raise UsageError("team.alerts_usage", example=ALERTS_EXAMPLE, text=typed)
        if token.value.casefold() in OFF_WORDS:
            chosen.pop(event, None)
            continue
        amount = parse_amount(token.value, m_means=ctx.m_means)
        chosen[event] = Threshold(event, amount.value, amount.currency or ctx.workspace.currency)
    return chosen
