"""The one way a command's reply becomes a message: a table from reply type to renderer, and
``render``, which every caller (slash commands, buttons, forms, the guard, the channel check)
uses.

Every renderer takes ``(reply, lang, tz)``. The picker and a question (``Asked``) are the
replies that need more than their value: their buttons name the pending choice they answer, so
``render`` takes that choice's token as a keyword and refuses a picker without it. The posts
(``nudge``, ``standup``, ``digest``) and the App Home (``dashboard``) are not replies to a
command and are drawn by their own modules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from bot.blocks.away import render_away_list
from bot.blocks.board import render_board
from bot.blocks.calendar import render_holiday_list
from bot.blocks.elements import RenderedMessage
from bot.blocks.forecast import render_forecast_saved, render_rollup
from bot.blocks.forms import render_setup_saved
from bot.blocks.funnel import render_funnel
from bot.blocks.my_settings import render_my_settings
from bot.blocks.quotas import render_quota_list
from bot.blocks.replies import (
    render_asked,
    render_bant_summary,
    render_benchmark,
    render_deal_card,
    render_deal_list,
    render_help,
    render_notice,
    render_picker,
    render_pipeline_info,
    render_problem,
    render_report_targets,
)
from bot.blocks.teams import render_admin_list, render_team_view
from commands.calendar.replies import AwayList, HolidayList
from commands.forecasts.replies import ForecastRollup, ForecastSaved
from commands.replies import (
    Asked,
    BantSummary,
    BenchmarkInfo,
    DealCard,
    DealList,
    Help,
    Notice,
    Picker,
    PipelineInfo,
    Problem,
    Reply,
    ReportTargets,
)
from commands.reports.replies import FunnelView, PipelineBoard
from commands.workspace.me import MySettings
from commands.workspace.quotas import QuotaList
from commands.workspace.replies import AdminList, TeamView
from commands.workspace.setup import SetupSaved

Renderer = Callable[[Any, str, ZoneInfo], RenderedMessage]


def _render_setup_saved(reply: SetupSaved, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """The saved settings name no moment, so the zone is not needed."""
    return render_setup_saved(reply, lang)


RENDERERS: dict[type[Reply], Renderer] = {
    Notice: render_notice,
    Problem: render_problem,
    DealCard: render_deal_card,
    DealList: render_deal_list,
    Help: render_help,
    PipelineInfo: render_pipeline_info,
    BantSummary: render_bant_summary,
    ReportTargets: render_report_targets,
    BenchmarkInfo: render_benchmark,
    PipelineBoard: render_board,
    FunnelView: render_funnel,
    TeamView: render_team_view,
    AdminList: render_admin_list,
    SetupSaved: _render_setup_saved,
    HolidayList: render_holiday_list,
    MySettings: render_my_settings,
    AwayList: render_away_list,
    QuotaList: render_quota_list,
    ForecastSaved: render_forecast_saved,
    ForecastRollup: render_rollup,
}


def render(
    reply: Reply, lang: str, tz: ZoneInfo, *, picker_token: str | None = None
) -> RenderedMessage:
    """The Block Kit message for ``reply`` in ``lang``, times shown in ``tz``.

    ``picker_token`` is the pending choice a ``Picker``'s (or an ``Asked`` question's) buttons
    answer; other replies ignore it, so a caller holding one may always pass it. A reply type
    without a renderer (or a picker without its token) is a bug: ``TypeError``."""
    if isinstance(reply, Picker | Asked):
        if picker_token is None:
            raise TypeError("a picker is rendered with the token of its pending choice")
        if isinstance(reply, Asked):
            return render_asked(reply, lang, tz, token=picker_token)
        return render_picker(reply, lang, tz, token=picker_token)
    for kind in type(reply).__mro__:
        renderer = RENDERERS.get(kind)
        if renderer is not None:
            return renderer(reply, lang, tz)
    raise TypeError(f"no renderer for {type(reply).__name__}")
