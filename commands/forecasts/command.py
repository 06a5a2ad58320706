"""``/forecast``: the rep's own forecast (a modal), or ``/forecast team [name]`` (Indonesian
``/forecast tim``): the roll-up of the teams a manager manages, or any team for an admin."""

from __future__ import annotations

from commands import permissions
from commands.context import CommandContext
from commands.errors import NotAllowed, UsageError
from commands.forecasts.form import open_forecast
from commands.forecasts.replies import ForecastRollup
from commands.forecasts.rollup import build_rollups
from commands.grammar import Token
from commands.i18n import Phrase
from commands.replies import Reply
from storage import teams

TEAM_WORDS = ("team", "teams", "tim")


def run_forecast(ctx: CommandContext, sub: str, tokens: list[Token]) -> Reply:
    """The modal's facts (bare ``/forecast``) or the roll-up (``team``)."""
    if sub == "":
        return open_forecast(ctx)
    if sub in TEAM_WORDS:
        return team_rollup(ctx, " ".join(t.value for t in tokens).strip())
    raise UsageError("forecast.usage", example="/forecast")


def team_rollup(ctx: CommandContext, name: str) -> ForecastRollup:
    """The roll-up of team ``name``, or of every team the caller looks after."""
    example = Phrase("example.forecast_team")
    if name:
        team = teams.team_by_name(ctx.session, workspace_id=ctx.workspace_id, name=name)
        if team is None:
            raise UsageError("forecast.unknown_team", example=example, text=name)
        assert team.id is not None
        managers = teams.team_manager_ids(ctx.session, team_id=team.id)
        if ctx.member_id not in managers and not permissions.acts_as_admin_now(ctx):
            raise NotAllowed(
                "forecast.team_not_yours",
                example="/forecast",
                team=team.name,
                admins=permissions.admins_to_ask(ctx),
            )
        chosen = [team]
    elif permissions.acts_as_admin_now(ctx):
        chosen = teams.list_teams(ctx.session, workspace_id=ctx.workspace_id)
        if not chosen:
            raise UsageError(
                "forecast.no_teams",
                example=Phrase("example.team_add", team="Jakarta", people="@budi @sari"),
            )
    else:
        chosen = teams.managed_teams(
            ctx.session, workspace_id=ctx.workspace_id, manager_id=ctx.member_id
        )
        if not chosen:
            raise NotAllowed("forecast.managers_only", example="/forecast")
    rollups = build_rollups(ctx.session, ctx.workspace, chosen, now=ctx.now)
    return ForecastRollup(rollups, ctx.workspace.currency)
