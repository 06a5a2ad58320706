"""After an admin sets a team's channel: is Corong in it? If not, say how to invite it; and
warn when the channel is shared with another organisation.

Posting there would fail every morning with ``not_in_channel``; telling the admin now, while
they are looking, saves a silent week.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.blocks.render import render
from bot.listeners.replying import send_reply
from bot.runtime import Runtime
from commands.replies import Channel, Notice

log = logging.getLogger("corong.channel_check")

# conversations.info answers these for a channel the bot cannot see (private, deleted).
UNREACHABLE = ("channel_not_found", "is_archived", "missing_scope")


@dataclass(frozen=True)
class ChannelCheck:
    """What to check, and how to speak to the admin who set it."""

    channel_id: str
    team_name: str
    lang: str
    tz: ZoneInfo


def channel_notices(client: WebClient, check: ChannelCheck) -> list[Notice]:
    """What to tell the admin about the channel: nothing when all is well; that Corong is not
    in it (or cannot see it); that it is shared with another organisation."""
    params = {"channel": Channel(check.channel_id), "team": check.team_name}
    try:
        info = client.conversations_info(channel=check.channel_id)
    except SlackApiError as error:
        code = error.response.get("error")
        if code in UNREACHABLE:
            return [Notice("team.channel_unreachable", params)]
        log.warning("channel check failed: error=%s", code)
        return []
    except Exception as error:  # network trouble: the morning post will report it instead
        log.warning("channel check failed: %s", type(error).__name__)
        return []
    channel = info.get("channel") or {}
    if channel.get("is_archived"):
        return [Notice("team.channel_unreachable", params)]
    notices = [] if channel.get("is_member") else [Notice("team.bot_not_in_channel", params)]
    if channel.get("is_ext_shared") or channel.get("is_pending_ext_shared"):
        # Standups and digests name deals and reps: another company would read them there.
        notices.append(Notice("team.channel_shared_outside", params))
    return notices


def check_team_channel(
    runtime: Runtime,
    client: WebClient,
    check: ChannelCheck,
    *,
    user_id: str,
    response_url: str | None,
    channel_id: str | None,
) -> None:
    """Tell the admin, privately, if the team's posts could not reach its channel."""
    for notice in channel_notices(client, check):
        content = render(notice, check.lang, check.tz).as_dicts()
        send_reply(
            runtime,
            client,
            content,
            user_id=user_id,
            response_url=response_url,
            channel_id=channel_id,
        )
