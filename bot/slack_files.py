"""Files through Slack: fetching one a user uploaded in a form, and sharing one in a user's DM.

A file a user attached is fetched from its ``url_private_download`` with the bot token (which
needs the ``files:read`` scope), only from Slack's files host: the token goes with the request.
Slack answers a request it does not accept with its sign-in page, so an HTML answer is a
refusal, not a file. Sharing goes through Slack's current upload flow
(files.getUploadURLExternal, the bytes, then files.completeUploadExternal, which
``files_upload_v2`` runs) into the DM, where the file stays private to the user.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack_client import call_slack

log = logging.getLogger("corong.files")
DOWNLOAD_TIMEOUT = 30


class DownloadFailed(Exception):
    """The file could not be fetched; ``reason`` is short and safe to show."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect would carry the bot token to wherever it points: refuse it instead."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def download_file(
    url: str, token: str | None, allowed_prefixes: tuple[str, ...], *, limit: int
) -> bytes:
    """The bytes of an uploaded file, at most ``limit`` of them; ``DownloadFailed`` otherwise."""
    if not token:
        raise DownloadFailed("no bot token")
    if not url.startswith(allowed_prefixes):
        log.warning("refused to fetch a file from outside Slack")
        raise DownloadFailed("not a Slack file")
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with _opener.open(request, timeout=DOWNLOAD_TIMEOUT) as response:
            if "text/html" in (response.headers.get("Content-Type") or ""):
                raise DownloadFailed("Slack refused the bot token")
            data: bytes = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        raise DownloadFailed(f"HTTP {error.code}") from None
    except (urllib.error.URLError, OSError) as error:
        log.warning("file download failed: %s", type(error).__name__)
        raise DownloadFailed(type(error).__name__) from None
    if len(data) > limit:
        raise DownloadFailed("too big")
    return data


def share_in_dm(
    client: WebClient,
    user_id: str,
    *,
    content: bytes | str,
    filename: str,
    title: str,
    comment: str,
    what: str,
) -> bool:
    """Upload ``content`` into the user's DM with Corong; False (logged) when Slack refused."""
    opened = call_slack("conversations.open", client.conversations_open, users=user_id)
    if not opened:
        return False
    try:
        client.files_upload_v2(
            channel=opened["channel"]["id"],
            content=content,
            filename=filename,
            title=title,
            initial_comment=comment,
        )
    except SlackApiError as error:
        log.warning("%s upload failed: error=%s", what, error.response.get("error"))
        return False
    except Exception as error:  # network trouble after retries
        log.warning("%s upload failed: %s", what, type(error).__name__)
        return False
    return True
