"""Pick the renderer for any reply: the reading commands' views live in their own modules."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.blocks.board import render_board
from bot.blocks.funnel import render_funnel
from bot.blocks.replies import RenderedMessage, render
from commands.replies import Reply
from commands.report_replies import FunnelView, PipelineBoard


def render_reply(reply: Reply, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """The Block Kit message for ``reply`` in ``lang``, times shown in ``tz``."""
    if isinstance(reply, PipelineBoard):
        return render_board(reply, lang, tz)
    if isinstance(reply, FunnelView):
        return render_funnel(reply, lang, tz)
    return render(reply, lang, tz)
