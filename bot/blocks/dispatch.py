"""Pick the renderer for any reply: the reading commands' views live in their own modules."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.blocks.board import render_board
from bot.blocks.elements import RenderedMessage
from bot.blocks.funnel import render_funnel
from bot.blocks.replies import render
from bot.blocks.teams import render_admin_list, render_team_view
from commands.replies import Reply
from commands.reports.replies import FunnelView, PipelineBoard
from commands.workspace.replies import AdminList, TeamView


def render_reply(reply: Reply, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """The Block Kit message for ``reply`` in ``lang``, times shown in ``tz``."""
    if isinstance(reply, PipelineBoard):
        return render_board(reply, lang, tz)
    if isinstance(reply, FunnelView):
        return render_funnel(reply, lang, tz)
    if isinstance(reply, TeamView):
        return render_team_view(reply, lang, tz)
    if isinstance(reply, AdminList):
        return render_admin_list(reply, lang, tz)
    return render(reply, lang, tz)
