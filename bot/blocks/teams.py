"""Team cards and the admin list as Block Kit: one section per team, its facts as fields."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from babel.dates import get_day_names
from slack_sdk.models.blocks import Block, MarkdownTextObject, SectionBlock

from bot.blocks.elements import SECTION_TEXT_LIMIT, RenderedMessage, clip, context, field, section
from bot.blocks.text import escape, message, people_text, plain, stage_label
from commands.i18n.formatting import babel_locale, format_money
from commands.replies import People
from commands.workspace.replies import AdminList, TeamFacts, TeamView

# Slack allows 50 blocks a message: the heading, up to this many cards, then "and N more".
TEAMS_SHOWN = 45
PEOPLE_SHOWN = 25


def render_team_view(reply: TeamView, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """The message, then each team's card."""
    text = message(reply.key, lang, tz, reply.params)
    blocks: list[Block] = [section(text)]
    blocks.extend(_card(team, lang) for team in reply.teams[:TEAMS_SHOWN])
    hidden = len(reply.teams) - TEAMS_SHOWN
    if hidden > 0:
        more = plain("team.more", lang, count=hidden)
        blocks.append(context(more))
    return RenderedMessage(text=clip(text, SECTION_TEXT_LIMIT), blocks=blocks)


def render_admin_list(reply: AdminList, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """Who administers Corong: the Slack workspace's admins, and the admins named in Corong."""
    text = message(reply.key, lang, tz, reply.params)
    fields = [
        ("admin.slack_admins", reply.slack_admin_ids),
        ("admin.named_admins", reply.named_admin_ids),
    ]
    card = SectionBlock(
        fields=[
            field(plain(label, lang), people_text(People(ids, shown=PEOPLE_SHOWN), lang))
            for label, ids in fields
        ]
    )
    return RenderedMessage(text=clip(text, SECTION_TEXT_LIMIT), blocks=[section(text), card])


def _card(team: TeamFacts, lang: str) -> SectionBlock:
    day = get_day_names("wide", locale=babel_locale(lang))[team.digest_weekday]
    schedule = plain(
        "team.card_schedule_value",
        lang,
        standup=team.standup_time,
        day=day,
        digest=team.digest_time,
        tz=escape(team.timezone),
    )
    channel = f"<#{team.channel_id}>" if team.channel_id else plain("channel.none", lang)
    managers = People(team.manager_user_ids, "role.no_manager", shown=PEOPLE_SHOWN)
    reps = People(team.rep_user_ids, shown=PEOPLE_SHOWN)
    return SectionBlock(
        text=MarkdownTextObject(text=clip(f"*{escape(team.name)}*", SECTION_TEXT_LIMIT)),
        fields=[
            field(plain("team.card_channel", lang), channel),
            field(plain("team.card_managers", lang), people_text(managers, lang)),
            field(plain("team.card_reps", lang), people_text(reps, lang)),
            field(plain("team.card_schedule", lang), schedule),
            field(plain("team.card_alerts", lang), _alerts_text(team, lang)),
            field(plain("team.card_forecast", lang), _forecast_text(team, lang)),
            field(plain("team.card_leaderboard", lang), _leaderboard_text(team, lang)),
        ],
    )


def _leaderboard_text(team: TeamFacts, lang: str) -> str:
    """Whether the team's digest ends with its leaderboard."""
    key = "team.card_leaderboard_on" if team.leaderboard else "team.card_leaderboard_off"
    return plain(key, lang)


def _forecast_text(team: TeamFacts, lang: str) -> str:
    """``Friday 14:00, reminder 17:00 · per month``, or ``off``."""
    weekday, at, due, period = team.forecast
    if weekday < 0:  # turned off (``ForecastSetting``)
        return plain("team.card_forecast_off", lang)
    return plain(
        "team.card_forecast_value",
        lang,
        day=get_day_names("wide", locale=babel_locale(lang))[weekday % 7],
        time=escape(at),
        due=escape(due),
        period=plain(f"forecast_period.{'quarter' if period == 'quarter' else 'month'}", lang),
    )


def _alerts_text(team: TeamFacts, lang: str) -> str:
    """``won ≥ Rp 100.000.000 · to Closeable ≥ …``, or ``off``."""
    if not team.alerts:
        return plain("team.card_alerts_off", lang)
    return " \u00b7 ".join(
        plain(
            f"team.card_alert_{event}",
            lang,
            value=format_money(value.value, value.currency, lang),
            stage=escape(stage_label(team.closing_stage, lang)),
        )
        for event, value in team.alerts
    )
