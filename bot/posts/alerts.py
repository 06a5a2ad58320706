"""Deal alerts composed for a team's channel: the queued alerts still earned, as one post each
or one batched post (``commands.posts.alerts`` decides which), in the workspace's language.

``bot.posts.delivery`` claims the queued rows and sends what this composes; a post covers the
rows it lists, so a batch is marked sent (or failed) as a whole.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine

from bot.blocks.alerts import render_alert_post
from bot.posts.compose import Composed
from commands.deal_alerts import ALERT
from commands.i18n import language_for
from commands.posts.alerts import AlertPost, batched, read_alerts
from commands.posts.schedule import team_id_of
from storage import teams
from storage.db import unit_of_work
from storage.outbox import Delivery
from storage.workspaces import get_workspace

NO_CHANNEL = "no_team_channel"  # why alerts were skipped: the team or its channel is gone

AlertPosts = list[tuple[list[Delivery], Composed]]


def compose_alerts(
    engine: Engine, rows: Sequence[Delivery], *, posted_this_hour: int
) -> tuple[AlertPosts, list[tuple[Delivery, str]]]:
    """The posts for one team's claimed alert rows (each with the rows it covers), and the rows
    no longer worth posting with why. ``posted_this_hour``: alert posts the team channel got in
    the last hour."""
    workspace_id, target = rows[0].workspace_id, rows[0].target
    with unit_of_work(engine, read_only=True) as session:
        workspace = get_workspace(session, workspace_id=workspace_id)
        team_id = team_id_of(target)
        team = (
            teams.get_team(session, workspace_id=workspace_id, team_id=team_id)
            if team_id is not None
            else None
        )
        if workspace is None or team is None or not team.channel_id:
            return [], [(row, NO_CHANNEL) for row in rows]
        kept, dropped = read_alerts(session, workspace, team, rows)
        channel, name = team.channel_id, team.name
    if not kept:
        return [], dropped
    lang = language_for(None, fallback=workspace.language)

    def composed(post: AlertPost) -> Composed:
        return Composed(ALERT, render_alert_post(post, lang), lang, channel_id=channel)

    if batched(posted_this_hour, len(kept)):
        post = AlertPost(name, tuple(alert for _, alert in kept), batched=True)
        return [([row for row, _ in kept], composed(post))], dropped
    return [
        ([row], composed(AlertPost(name, (alert,), batched=False))) for row, alert in kept
    ], dropped
