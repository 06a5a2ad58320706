"""A fake Slack Web API on loopback, for tests that drive the bot with a real ``WebClient``.

    with FakeSlack() as fake:
        client = WebClient(token="xoxb-test", base_url=fake.api_url)
        ...
        fake.wait_for("chat.postMessage")
        fake.assert_no_violations()

What it does, in order, for each ``/api/<method>`` request:

1. parses the body (form-encoded, JSON, multipart, or empty) and the query string; JSON-string
   arguments (``blocks``, ``attachments``, ``view``, ``files``, ``metadata``) are decoded, so
   ``Call.args`` always holds lists/dicts for them; other form values stay strings
   (slack_sdk sends booleans in form bodies as ``"1"``/``"0"``);
2. validates the request like Slack does (method exists, verb, token, JSON allowed, required and
   unknown args, id shapes, Block Kit, views, message text) and records every problem in
   ``violations`` (and on the ``Call``), answering with the error Slack would give;
3. applies scripted answers (``fail``/``rate_limit``/``server_error``/``stub``), else answers
   like Slack with realistic ids.

Files users upload: ``add_file`` is a file a user attached to a form (a ``file_input``); it
answers with the file object Slack puts in the submission's state values, and serves the bytes
at its ``url_private_download`` only to a request with a bot token Slack accepts (anything else
gets Slack's sign-in page, and a violation).

Installs into many workspaces: ``register_app`` (client id, secret, redirect URL) and
``add_team`` set up Slack's side; ``approve_install`` scripts what the installing user does on
``GET /oauth/v2/authorize`` (Slack's consent page: it redirects back with a one-time code);
``oauth.v2.access`` swaps that code (or a refresh token) for the team's bot token, and
``auth.test`` then answers for the team the token belongs to. ``revoke_team`` makes a team's
tokens fail like Slack's after an uninstall.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import email.parser
import email.policy
import json
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from tests.patience import PATIENCE

from . import blockkit, ids
from .spec import RETIRED, MethodSpec, methods

RESPONSE_URL_MAX_POSTS = 5
# Slack lets a trigger_id open one view within 3 seconds. The fake's limit is a ceiling instead
# (``trigger_ttl``, PATIENCE by default): on a busy machine the bot's threads can be held for more
# than 3 s while the bot does nothing wrong. That a form opens before any slower work is proven by
# the order of the calls (tests/test_forms.py), not by the wall clock. Pass
# ``trigger_ttl=SLACK_TRIGGER_TTL_SECONDS`` for Slack's own figure.
SLACK_TRIGGER_TTL_SECONDS = 3.0

_JSON_ARGS = ("blocks", "attachments", "view", "files", "metadata", "unfurled_attachments")
_MESSAGE_METHODS = ("chat.postMessage", "chat.postEphemeral", "chat.update")
_VIEW_TYPES = {"views.open": "modal", "views.push": "modal", "views.publish": "home"}
_TZ_LABELS = {
    "Asia/Jakarta": "Western Indonesia Time",
    "Asia/Makassar": "Central Indonesia Time",
    "Asia/Jayapura": "Eastern Indonesia Time",
    "Asia/Singapore": "Singapore Standard Time",
    "UTC": "Coordinated Universal Time",
}
_RESPONSE_URL_KEYS = frozenset(
    {
        "text",
        "blocks",
        "attachments",
        "response_type",
        "replace_original",
        "delete_original",
        "thread_ts",
        "mrkdwn",
        "unfurl_links",
        "unfurl_media",
        "metadata",
        "url",
    }
)


@dataclass
class Call:
    """One request the fake received.

    ``method`` is the Web API method (``"chat.postMessage"``), ``"response_url"`` for posts to a
    response_url, ``"file_upload"`` for the bytes POSTed to an ``upload_url``, or
    ``"file_download"`` for a GET of a user's file (``add_file``).
    """

    method: str
    args: dict[str, Any]
    headers: dict[str, str]
    status: int
    response: dict[str, Any]
    verb: str = "POST"
    token: str | None = None
    body: bytes = b""
    body_kind: str = ""  # "json" | "form" | "multipart" | "raw" | "" (no body)
    violations: list[str] = field(default_factory=list)


@dataclass
class _Script:
    kind: str  # "fail" | "rate_limit" | "server_error"
    remaining: int
    error: str = ""
    retry_after: int = 1
    status: int = 200


@dataclass
class UploadedFile:
    file_id: str
    filename: str
    length: int
    upload_url: str
    alt_txt: str | None = None
    snippet_type: str | None = None
    data: bytes | None = None
    title: str | None = None
    completed: bool = False
    channel_id: str | None = None
    channels: list[str] = field(default_factory=list)
    initial_comment: str | None = None
    thread_ts: str | None = None


@dataclass
class UserFile:
    """A file a user uploaded (``add_file``), as Slack keeps it."""

    file_id: str
    name: str
    data: bytes
    user_id: str
    download_path: str
    downloads: int = 0


class _Check:
    """Collects the problems of one request and the first Slack error they imply."""

    def __init__(self, method: str) -> None:
        self.method = method
        self.violations: list[str] = []
        self.error: str | None = None
        self.messages: list[str] = []

    def violation(self, message: str, error: str | None = None) -> None:
        self.violations.append(f"{self.method}: {message}")
        if error is not None:
            self.messages.append(f"[ERROR] {message}")
            if self.error is None:
                self.error = error

    def runtime_error(self, error: str) -> None:
        """An error Slack gives for the state of the workspace, not a bug in the request."""
        if self.error is None:
            self.error = error


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def _split_csv(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [v.strip() for v in str(value).split(",") if v.strip()]


def _paginate(items: list[Any], args: dict[str, Any]) -> tuple[list[Any], str]:
    start = 0
    cursor = args.get("cursor")
    if cursor:
        with contextlib.suppress(ValueError):
            start = int(base64.b64decode(str(cursor)).decode().split(":", 1)[1])
    limit = _as_int(args.get("limit")) or 0
    if limit <= 0:
        return items[start:], ""
    page = items[start : start + limit]
    end = start + limit
    next_cursor = base64.b64encode(f"offset:{end}".encode()).decode() if end < len(items) else ""
    return page, next_cursor


class FakeSlack:
    """Fake Slack Web API server (see module docstring). Thread-safe."""

    def __init__(
        self,
        *,
        team_id: str = ids.TEAM_ID,
        team_name: str = ids.TEAM_NAME,
        team_domain: str = ids.TEAM_DOMAIN,
        bot_user_id: str = ids.BOT_USER_ID,
        bot_id: str = ids.BOT_ID,
        bot_name: str = ids.BOT_NAME,
        app_id: str = ids.API_APP_ID,
        token: str | None = None,
        strict_action_ids: bool = True,
        seed: int = 0,
        trigger_ttl: float = PATIENCE,
    ) -> None:
        """``token``: if given, any other token gets ``invalid_auth`` (otherwise any ``xox*``
        token is accepted). ``strict_action_ids``: flag the same action_id in two blocks of one
        message/view (Slack only rejects duplicates within a block). ``trigger_ttl``: seconds a
        trigger_id from ``new_trigger_id`` stays usable (see ``SLACK_TRIGGER_TTL_SECONDS``)."""
        self.team_id = team_id
        self.team_name = team_name
        self.team_domain = team_domain
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.bot_name = bot_name
        self.app_id = app_id
        self.expected_token = token
        self.strict_action_ids = strict_action_ids
        self.trigger_ttl = trigger_ttl
        self.ids = ids.IdFactory(seed)

        self._cond = threading.Condition(threading.RLock())
        self._calls: list[Call] = []
        self._violations: list[str] = []
        self._scripts: dict[str, list[_Script]] = {}
        self._stubs: dict[str, dict[str, Any]] = {}
        self._users: dict[str, dict[str, Any]] = {}
        self._channels: dict[str, dict[str, Any]] = {}
        self._ims: dict[str, str] = {}  # user id -> D channel id
        self._messages: dict[str, list[dict[str, Any]]] = {}
        self._views: dict[str, dict[str, Any]] = {}
        self._home_views: dict[str, str] = {}  # user id -> view id
        self._triggers: dict[str, float] = {}  # issued trigger id -> monotonic time issued
        self._used_triggers: set[str] = set()
        self._response_urls: dict[str, dict[str, Any]] = {}  # path -> {"tag", "posts"}
        self._uploads: dict[str, UploadedFile] = {}  # file id -> file
        self._upload_paths: dict[str, str] = {}  # upload path -> file id
        self._user_files: dict[str, UserFile] = {}  # download path -> a file a user uploaded
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._limits: dict[str, int] = {}  # see enforce_rate_limits
        self._channel_spacing: float | None = None
        self.rate_limited = 0
        # What apps.connections.open answers as ``url`` (e.g. a FakeSocketMode's ``url``).
        self.socket_mode_url: str | None = None
        # Installs into many workspaces (see the module docstring).
        self._apps: dict[str, dict[str, Any]] = {}  # client id -> {"secret", "redirect_url"}
        self._teams: dict[str, dict[str, Any]] = {}  # team id -> name, bot user and bot ids
        self._approvals: list[dict[str, Any]] = []  # next consent-page answers, in order
        self._codes: dict[str, dict[str, Any]] = {}  # unused code -> the grant it stands for
        self._tokens: dict[str, dict[str, Any]] = {}  # issued access token -> team, expiry
        self._refresh_tokens: dict[str, dict[str, Any]] = {}  # live refresh token -> grant
        self._refresh_issued: list[tuple[str, str]] = []  # (team id, refresh token), all
        self._revoked: set[str] = set()  # access tokens Slack no longer accepts

        self._handlers: dict[str, Callable[[dict[str, Any], _Check, str | None], dict[str, Any]]]
        self._handlers = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.update": self._chat_update,
            "views.open": self._views_open,
            "views.push": self._views_open,
            "views.update": self._views_update,
            "views.publish": self._views_publish,
            "users.info": self._users_info,
            "users.list": self._users_list,
            "users.lookupByEmail": self._users_lookup_by_email,
            "users.profile.get": self._users_profile_get,
            "conversations.open": self._conversations_open,
            "conversations.info": self._conversations_info,
            "conversations.members": self._conversations_members,
            "team.info": self._team_info,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
        }

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeSlack:
        if self._server is not None:
            return self
        fake = self

        class Handler(_Handler):
            owner = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="FakeSlack",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeSlack is not started")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """What the bot passes to ``WebClient(base_url=...)``."""
        return f"{self.base_url}/api/"

    # ------------------------------------------------------------------ recorded calls

    @property
    def calls(self) -> list[Call]:
        with self._cond:
            return list(self._calls)

    @property
    def violations(self) -> list[str]:
        with self._cond:
            return list(self._violations)

    def calls_to(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self._calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = PATIENCE) -> list[Call]:
        """Wait until at least ``count`` calls to ``method`` were recorded; return them all
        (normally within milliseconds; ``timeout`` is only a ceiling for a busy machine)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                calls = [c for c in self._calls if c.method == method]
                if len(calls) >= count:
                    return calls
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [c.method for c in self._calls]
                    raise AssertionError(
                        f"timed out after {timeout}s waiting for {count} call(s) to {method!r}, "
                        f"got {len(calls)}; methods seen: {seen}; violations: {self._violations}"
                    )
                self._cond.wait(min(remaining, 0.05))

    def wait_until(self, check: Callable[[], bool], timeout: float = PATIENCE) -> bool:
        """Wait until ``check()`` holds, looking again each time a call is recorded; False if
        it still does not after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not check():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(remaining)
            return True

    def assert_no_violations(self) -> None:
        problems = self.violations
        if problems:
            listing = "\n".join(f"  - {p}" for p in problems)
            raise AssertionError(f"{len(problems)} Slack API violation(s):\n{listing}")

    def check_ack(self, body: Any, *, what: str = "slash command ack") -> list[str]:
        """Check a message the bot answered in an HTTP ack (a slash command's ack is a message
        Slack draws, with the same Block Kit rules, tables included), recording violations."""
        if not isinstance(body, dict):
            return []
        problems: list[str] = []
        if body.get("blocks") is not None:
            problems += blockkit.check_blocks(
                body["blocks"], surface="message", strict_action_ids=self.strict_action_ids
            )
        if body.get("attachments") is not None:
            problems += blockkit.check_attachments(
                body["attachments"], strict_action_ids=self.strict_action_ids
            )
        problems += blockkit.check_message_tables(body.get("blocks"), body.get("attachments"))
        with self._cond:
            self._violations.extend(f"{what}: {p}" for p in problems)
        return problems

    def reset(self) -> None:
        """Forget calls, violations and scripted answers (users/channels/views are kept)."""
        with self._cond:
            self._calls.clear()
            self._violations.clear()
            self._scripts.clear()
            self._stubs.clear()

    def response_url_calls(self, url_or_tag: str | None = None) -> list[Call]:
        """Posts to response_urls, optionally only those to one URL (or to URLs with a tag)."""
        with self._cond:
            calls = [c for c in self._calls if c.method == "response_url"]
            if url_or_tag is None:
                return calls
            paths = {
                p
                for p, info in self._response_urls.items()
                if info["tag"] == url_or_tag or self.base_url + p == url_or_tag
            }
            return [c for c in calls if urlsplit(c.args.get("url", "")).path in paths]

    # ------------------------------------------------------------------ workspace data

    def add_user(
        self,
        user_id: str,
        *,
        team_id: str | None = None,
        name: str,
        real_name: str | None = None,
        locale: str = "en-US",
        tz: str = "Asia/Jakarta",
        tz_offset: int = 25200,
        is_admin: bool = False,
        is_owner: bool = False,
        is_bot: bool = False,
        deleted: bool = False,
        email: str | None = None,
    ) -> dict[str, Any]:
        """Add a user to the workspace (users.info, users.list, conversations.members)."""
        if not ids.USER_RE.match(user_id):
            raise ValueError(f"unrealistic user id {user_id!r} (want e.g. 'U0123ABCDE')")
        team = team_id or self.team_id
        real = real_name if real_name is not None else name
        user = {
            "id": user_id,
            "team_id": team,
            "name": name,
            "deleted": deleted,
            "color": "9f69e7",
            "real_name": real,
            "tz": tz,
            "tz_label": _TZ_LABELS.get(tz, tz),
            "tz_offset": tz_offset,
            "profile": {
                "avatar_hash": self.ids.hex(12),
                "real_name": real,
                "display_name": name,
                "real_name_normalized": real,
                "display_name_normalized": name,
                "email": email or f"{name}@example.com",
                "image_48": f"https://avatars.slack-edge.com/{user_id}_48.png",
                "image_72": f"https://avatars.slack-edge.com/{user_id}_72.png",
                "status_text": "",
                "status_emoji": "",
                "status_expiration": 0,
                "team": team,
            },
            "is_admin": is_admin,
            "is_owner": is_owner,
            "is_primary_owner": is_owner,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": is_bot,
            "is_app_user": False,
            "updated": int(time.time()),
            "has_2fa": False,
            "_locale": locale,
        }
        with self._cond:
            self._users[user_id] = user
        return user

    def set_status(
        self, user_id: str, text: str = "", emoji: str = "", *, expiration: int = 0
    ) -> None:
        """Set a user's Slack status, as they would in Slack: its text, emoji (``:palm_tree:``)
        and expiry (seconds since the epoch; 0: it never clears). ``users.profile.get`` (and
        ``users.info``'s profile) answer it."""
        with self._cond:
            profile = self._users[user_id]["profile"]
            profile.update(status_text=text, status_emoji=emoji, status_expiration=expiration)

    def add_channel(
        self,
        channel_id: str,
        *,
        name: str,
        is_private: bool = False,
        members: list[str] | None = None,
        is_archived: bool = False,
    ) -> dict[str, Any]:
        """Add a channel (conversations.info / conversations.members). Channels never added are
        synthesized on demand, so posting to any well-formed channel id works."""
        if not ids.CHANNEL_RE.match(channel_id):
            raise ValueError(f"unrealistic channel id {channel_id!r} (want e.g. 'C0123ABCDE')")
        with self._cond:
            channel = self._make_channel(channel_id, name=name, is_private=is_private)
            channel["is_archived"] = is_archived
            channel["_members"] = list(members) if members is not None else None
            channel["is_member"] = members is None or self.bot_user_id in members
            self._channels[channel_id] = channel
        return channel

    def messages(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Messages the bot posted (as updated by chat.update), oldest first."""
        with self._cond:
            if channel is not None:
                return [dict(m) for m in self._messages.get(channel, [])]
            return [dict(m) for msgs in self._messages.values() for m in msgs]

    def view(self, view_id: str) -> dict[str, Any]:
        """The current state of a view opened/updated/published through the fake."""
        with self._cond:
            return dict(self._views[view_id])

    @property
    def files(self) -> dict[str, UploadedFile]:
        with self._cond:
            return dict(self._uploads)

    def add_file(
        self, name: str, data: bytes, *, user_id: str | None = None, filetype: str | None = None
    ) -> dict[str, Any]:
        """A file a user uploaded in a form: the object a ``file_input``'s state value holds
        (``{"type": "file_input", "files": [<this>]}``), its bytes served at
        ``url_private_download`` to the bot's token."""
        file_id = self.ids.id("F", 11)
        user = user_id or self.ids.id("U")
        slug = quote(name.lower().replace(" ", "_"))
        kind = filetype or (name.rsplit(".", 1)[-1].lower() if "." in name else "binary")
        path = f"/files-pri/{self.team_id}-{file_id}/download/{slug}"
        now = int(time.time())
        with self._cond:
            self._user_files[path] = UserFile(file_id, name, data, user, path)
        return {
            "id": file_id,
            "created": now,
            "timestamp": now,
            "name": name,
            "title": name,
            "mimetype": "text/csv" if kind == "csv" else "application/octet-stream",
            "filetype": kind,
            "pretty_type": kind.upper(),
            "user": user,
            "user_team": self.team_id,
            "editable": False,
            "size": len(data),
            "mode": "hosted",
            "is_external": False,
            "external_type": "",
            "is_public": False,
            "public_url_shared": False,
            "display_as_bot": False,
            "username": "",
            "url_private": f"{self.base_url}/files-pri/{self.team_id}-{file_id}/{slug}",
            "url_private_download": self.base_url + path,
            "permalink": f"https://{self.team_domain}.slack.com/files/{user}/{file_id}/{slug}",
            "permalink_public": f"https://slack-files.com/{self.team_id}-{file_id}-"
            f"{self.ids.hex(10)}",
            "comments_count": 0,
            "shares": {},
            "channels": [],
            "groups": [],
            "ims": [],
            "has_more_shares": False,
            "has_rich_preview": False,
            "file_access": "visible",
        }

    def file_downloads(self, file_id: str) -> int:
        """How often the bot fetched a file ``add_file`` made (with a token Slack accepts)."""
        with self._cond:
            return sum(f.downloads for f in self._user_files.values() if f.file_id == file_id)

    def new_trigger_id(self) -> str:
        """A trigger_id this fake checks like Slack: usable once, within ``trigger_ttl``."""
        trigger = self.ids.trigger_id()
        with self._cond:
            self._triggers[trigger] = time.monotonic()
        return trigger

    def response_url(self, tag: str = "") -> str:
        """A fresh absolute response_url on this server (5 posts allowed, like Slack)."""
        with self._cond:
            n = len(self._response_urls) + 1
            path = f"/response/{self.team_id}/{n}/{self.ids.hex(12)}"
            self._response_urls[path] = {"tag": tag, "posts": 0}
        return self.base_url + path

    # ------------------------------------------------------------------ scripting

    def fail(self, method: str, error: str = "channel_not_found", times: int = 1) -> None:
        """The next ``times`` calls to ``method`` answer ``{"ok": false, "error": error}``
        (HTTP 200, as Slack does)."""
        self._script(method, _Script("fail", times, error=error))

    def rate_limit(self, method: str, retry_after: int = 1, times: int = 1) -> None:
        """The next ``times`` calls answer HTTP 429 ``ratelimited`` with ``Retry-After``."""
        self._script(method, _Script("rate_limit", times, "ratelimited", retry_after, 429))

    def server_error(self, method: str, status: int = 500, times: int = 1) -> None:
        """The next ``times`` calls answer HTTP ``status`` (5xx)."""
        self._script(method, _Script("server_error", times, "internal_error", status=status))

    def enforce_rate_limits(
        self, per_second: dict[str, int], *, per_channel_spacing: float | None = 1.0
    ) -> None:
        """Answer like Slack over its limits: HTTP 429 with ``Retry-After`` (whole seconds).

        ``per_second``: calls a method may make in each second of the clock (workspace-wide,
        fixed one-second windows). ``per_channel_spacing``: the least time between two
        chat.postMessage to one channel. ``rate_limited`` counts the 429s answered."""
        with self._cond:
            self._limits = dict(per_second)
            self._channel_spacing = per_channel_spacing
            self._windows: dict[str, tuple[int, int]] = {}
            self._last_post: dict[str, float] = {}

    def _over_rate_limit(self, method: str, args: dict[str, Any]) -> int | None:
        """Seconds to wait when this call is over an enforced limit (then counted), else None
        (and the call counts against the limit)."""
        if not self._limits and self._channel_spacing is None:
            return None
        now = time.monotonic()
        with self._cond:
            channel = str(args.get("channel") or "")
            if method == "chat.postMessage" and self._channel_spacing and channel:
                last = self._last_post.get(channel)
                if last is not None and now - last < self._channel_spacing:
                    self.rate_limited += 1
                    return max(1, math.ceil(self._channel_spacing - (now - last)))
            limit = self._limits.get(method)
            if limit is not None:
                second = int(now)
                window, used = self._windows.get(method, (second, 0))
                if window != second:
                    window, used = second, 0
                if used >= limit:
                    self.rate_limited += 1
                    return 1
                self._windows[method] = (window, used + 1)
            if method == "chat.postMessage" and channel:
                self._last_post[channel] = now
        return None

    def stub(self, method: str, response: dict[str, Any]) -> None:
        """Answer successful calls to ``method`` with ``{"ok": true, **response}`` (for methods
        the fake does not implement, or to override one)."""
        with self._cond:
            self._stubs[method] = dict(response)

    def _script(self, method: str, script: _Script) -> None:
        if script.remaining < 1:
            raise ValueError("times must be >= 1")
        with self._cond:
            self._scripts.setdefault(method, []).append(script)

    def _take_script(self, method: str) -> _Script | None:
        with self._cond:
            queue = self._scripts.get(method)
            if not queue:
                return None
            script = queue[0]
            script.remaining -= 1
            if script.remaining <= 0:
                queue.pop(0)
            return script

    # ------------------------------------------------------------------ installs (OAuth)

    def register_app(
        self, client_id: str, client_secret: str, *, redirect_url: str | None = None
    ) -> None:
        """The app's credentials (Basic Information) and its one Redirect URL, if listed."""
        with self._cond:
            self._apps[client_id] = {"secret": client_secret, "redirect_url": redirect_url}

    def add_team(
        self,
        team_id: str,
        *,
        name: str,
        bot_user_id: str | None = None,
        bot_id: str | None = None,
    ) -> None:
        """Another workspace the app can be installed into (auth.test answers for it)."""
        if not ids.TEAM_RE.match(team_id):
            raise ValueError(f"unrealistic team id {team_id!r} (want e.g. 'T0123ABCDE')")
        with self._cond:
            self._teams[team_id] = {
                "name": name,
                "domain": name.lower().replace(" ", "-"),
                "bot_user_id": bot_user_id or self.ids.id("U"),
                "bot_id": bot_id or self.ids.id("B"),
            }

    def approve_install(
        self,
        team_id: str,
        *,
        user_id: str = "U0INSTALL1",
        rotation: bool = False,
        expires_in: int = 43200,
    ) -> None:
        """The next visit to the consent page is a user of ``team_id`` clicking Allow.
        ``rotation``: the app has token rotation on, so its tokens expire in ``expires_in``
        seconds and come with a refresh token."""
        with self._cond:
            if team_id not in self._teams:
                raise ValueError(f"add_team({team_id!r}) first")
            self._approvals.append(
                {
                    "team_id": team_id,
                    "user_id": user_id,
                    "rotation": rotation,
                    "expires_in": expires_in,
                }
            )

    def revoke_team(self, team_id: str) -> None:
        """Every token issued for ``team_id`` stops working (the app was uninstalled)."""
        with self._cond:
            for token, info in self._tokens.items():
                if info["team_id"] == team_id:
                    self._revoked.add(token)
            for refresh in [r for r, g in self._refresh_tokens.items() if g["team_id"] == team_id]:
                del self._refresh_tokens[refresh]

    def tokens_of(self, team_id: str) -> list[str]:
        """The access tokens issued for ``team_id``, oldest first."""
        with self._cond:
            return [t for t, info in self._tokens.items() if info["team_id"] == team_id]

    def refresh_tokens_of(self, team_id: str) -> list[str]:
        """Every refresh token issued for ``team_id`` (used or not), oldest first."""
        with self._cond:
            return [r for team, r in self._refresh_issued if team == team_id]

    def _consent(self, query: dict[str, str]) -> tuple[int, dict[str, str], str, list[str]]:
        """Slack's consent page: (status, headers, text, violations). The scripted user
        approves, and the browser goes back to the redirect URL with a code and the state."""
        problems: list[str] = []
        with self._cond:
            app = self._apps.get(query.get("client_id", ""))
            if app is None:
                problems.append(f"consent page: unknown client_id {query.get('client_id')!r}")
                return 400, {}, "invalid_client_id", problems
            if not query.get("scope"):
                problems.append("consent page: no bot scope requested")
            if not query.get("state"):
                problems.append("consent page: no state (the app cannot tell its installs apart)")
            redirect = query.get("redirect_uri") or app["redirect_url"]
            if redirect is None:
                problems.append("consent page: no redirect_uri and the app lists none")
                return 400, {}, "bad_redirect_uri", problems
            if not self._approvals:
                problems.append("consent page visited, but no approve_install() was scripted")
                return 400, {}, "no installer", problems
            grant = dict(self._approvals.pop(0), client_id=query["client_id"])
            grant["redirect_uri"] = query.get("redirect_uri")
            grant["scope"] = query.get("scope", "")
            code = f"{self.ids.id('', 12)}.{self.ids.hex(32)}"
            self._codes[code] = grant
        back = urlencode({"code": code, "state": query.get("state", "")})
        return 302, {"Location": f"{redirect}?{back}"}, "", problems

    def _oauth_v2_access(
        self, args: dict[str, Any], headers: dict[str, str], chk: _Check
    ) -> dict[str, Any]:
        """Swap a code, or a refresh token, for the team's bot token."""
        client_id, secret = args.get("client_id"), args.get("client_secret")
        auth = next((v for k, v in headers.items() if k.lower() == "authorization"), "")
        if auth.lower().startswith("basic "):
            try:
                client_id, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
            except (binascii.Error, UnicodeDecodeError):
                chk.violation("Authorization: Basic is not base64 of id:secret", "invalid_auth")
                return {}
        app = self._apps.get(str(client_id or ""))
        if app is None:
            chk.violation(f"unknown client_id {client_id!r}", "invalid_client_id")
            return {}
        if secret != app["secret"]:
            chk.violation("wrong client_secret", "bad_client_secret")
            return {}
        if args.get("grant_type") == "refresh_token":
            grant = self._refresh_tokens.pop(str(args.get("refresh_token") or ""), None)
            if grant is None or grant["client_id"] != client_id:
                chk.runtime_error("invalid_refresh_token")
                return {}
            return self._issue_token(grant)
        if args.get("grant_type") not in (None, "", "authorization_code"):
            chk.violation(f"unknown grant_type {args['grant_type']!r}", "invalid_grant_type")
            return {}
        grant = self._codes.pop(str(args.get("code") or ""), None)  # a code works once
        if grant is None or grant["client_id"] != client_id:
            chk.runtime_error("invalid_code")
            return {}
        if grant["redirect_uri"] and args.get("redirect_uri") != grant["redirect_uri"]:
            chk.runtime_error("bad_redirect_uri")
            return {}
        return self._issue_token(grant)

    def _issue_token(self, grant: dict[str, Any]) -> dict[str, Any]:
        team = self._teams[grant["team_id"]]
        prefix = "xoxe.xoxb-1-" if grant["rotation"] else "xoxb-"
        token = f"{prefix}{self.ids.hex(12)}-{self.ids.hex(12)}-{self.ids.hex(24)}"
        expires_at = time.time() + grant["expires_in"] if grant["rotation"] else None
        self._tokens[token] = {"team_id": grant["team_id"], "expires_at": expires_at}
        response: dict[str, Any] = {
            "ok": True,
            "app_id": self.app_id,
            "authed_user": {"id": grant["user_id"]},
            "scope": grant["scope"],
            "token_type": "bot",
            "access_token": token,
            "bot_user_id": team["bot_user_id"],
            "team": {"id": grant["team_id"], "name": team["name"]},
            "enterprise": None,
            "is_enterprise_install": False,
        }
        if grant["rotation"]:
            refresh = f"xoxe-1-{self.ids.hex(40)}"
            self._refresh_tokens[refresh] = grant
            self._refresh_issued.append((grant["team_id"], refresh))
            response.update({"refresh_token": refresh, "expires_in": grant["expires_in"]})
        return response

    # ------------------------------------------------------------------ request handling

    def _record(self, call: Call) -> None:
        with self._cond:
            self._calls.append(call)
            self._violations.extend(call.violations)
            self._cond.notify_all()

    def _api(
        self,
        method: str,
        verb: str,
        query: dict[str, Any],
        body: dict[str, Any],
        body_kind: str,
        headers: dict[str, str],
        parse_error: str | None,
    ) -> tuple[int, dict[str, Any], dict[str, str], dict[str, Any], str | None, list[str]]:
        """Returns (status, response, extra headers, args as recorded, token, violations)."""
        chk = _Check(method)
        spec = methods().get(method)
        args = {**query, **body}
        auth = next((v for k, v in headers.items() if k.lower() == "authorization"), "")
        header_token = auth[7:].strip() if auth.lower().startswith("bearer ") else None
        if method == "apps.connections.open":  # takes an app-level token; not in the spec file
            token = header_token or (str(args["token"]) if args.get("token") else None)
            if token is None:
                chk.violation("no token (Authorization: Bearer header)", "not_authed")
            elif not token.startswith("xapp-"):
                chk.violation(
                    f"needs an app-level token (xapp-), got {token[:5]!r}...",
                    "not_allowed_token_type",
                )
            elif self.socket_mode_url is None:
                chk.violation("FakeSlack.socket_mode_url is not set", "internal_error")
            response = {"ok": True, "url": self.socket_mode_url}
            if chk.error is not None:
                response = self._error(chk)
            return 200, response, {}, args, token, chk.violations

        if method == "oauth.v2.access":  # the app's own credentials, not a token
            if parse_error:
                chk.violation(parse_error, "invalid_form_data")
            script = self._take_script(method)
            if script is not None:
                status, response, extra = self._scripted(script)
                return status, response, extra, args, None, chk.violations
            with self._cond:
                response = self._oauth_v2_access(args, headers, chk)
            if chk.error is not None:
                response = self._error(chk)
            return 200, response, {}, args, None, chk.violations

        if parse_error:
            error = "invalid_form_data" if body_kind == "form" else "invalid_json"
            chk.violation(parse_error, error)
        if spec is None and method not in self._handlers:
            chk.violation(f"unknown method {method!r}", "unknown_method")
            return 200, self._error(chk), {}, args, header_token, chk.violations
        if method in RETIRED:
            chk.violation(RETIRED[method], "method_deprecated")
        assert spec is not None

        if body_kind == "json":
            if spec.json_input is False:
                chk.violation(
                    f"{method} does not accept JSON bodies (Slack ignores the JSON arguments); "
                    "send form-encoded or query arguments"
                )
                args = dict(query)
            if "token" in body and header_token is None:
                chk.violation(
                    "token in a JSON body is ignored by Slack: send Authorization: Bearer",
                    "not_authed",
                )
        token = header_token or (args.get("token") if isinstance(args.get("token"), str) else None)
        if not token:
            chk.violation("no token (Authorization: Bearer header or token argument)", "not_authed")
        elif not token.startswith("xox"):
            chk.violation(f"token {token[:8]!r}... is not a Slack token", "invalid_auth")
        elif self.expected_token is not None and token != self.expected_token:
            chk.runtime_error("invalid_auth")
        elif token in self._revoked:
            chk.runtime_error("token_revoked")
        elif (self._tokens.get(token) or {}).get("expires_at") and time.time() > float(
            self._tokens[token]["expires_at"]
        ):
            chk.runtime_error("token_expired")
        elif method.startswith("views.") and not token.startswith(("xoxb-", "xoxe.xoxb-")):
            chk.violation(f"{method} needs a bot token (xoxb-)", "not_allowed_token_type")

        if verb == "GET" and not spec.allows_get:
            chk.violation(f"{method} must be called with POST, not GET", "invalid_arguments")

        self._validate_args(method, spec, args, chk)
        script = self._take_script(method)
        if script is not None:
            status, response, extra = self._scripted(script)
            return status, response, extra, args, token, chk.violations
        limited = self._over_rate_limit(method, args) if chk.error is None else None
        if limited is not None:
            response = {"ok": False, "error": "ratelimited"}
            return 429, response, {"Retry-After": str(limited)}, args, token, chk.violations
        if chk.error is not None:
            return 200, self._error(chk), {}, args, token, chk.violations

        with self._cond:
            if method in self._stubs:
                response = {"ok": True, **self._stubs[method]}
            elif method in self._handlers:
                response = self._handlers[method](args, chk, token)
            else:
                response = {"ok": True}
        if chk.error is not None:
            return 200, self._error(chk), {}, args, token, chk.violations
        return 200, response, {}, args, token, chk.violations

    @staticmethod
    def _error(chk: _Check) -> dict[str, Any]:
        response: dict[str, Any] = {"ok": False, "error": chk.error}
        if chk.messages:
            response["response_metadata"] = {"messages": chk.messages}
        return response

    @staticmethod
    def _scripted(script: _Script) -> tuple[int, dict[str, Any], dict[str, str]]:
        if script.kind == "rate_limit":
            return (
                429,
                {"ok": False, "error": "ratelimited"},
                {"Retry-After": str(script.retry_after)},
            )
        if script.kind == "server_error":
            return script.status, {"ok": False, "error": script.error}, {}
        return 200, {"ok": False, "error": script.error}, {}

    def _validate_args(
        self, method: str, spec: MethodSpec, args: dict[str, Any], chk: _Check
    ) -> None:
        # JSON-string arguments -> Python objects (recorded decoded).
        for key in _JSON_ARGS:
            value = args.get(key)
            if isinstance(value, str) and value.strip()[:1] in ("[", "{"):
                try:
                    args[key] = json.loads(value)
                except json.JSONDecodeError as exc:
                    error = "invalid_blocks_format" if key == "blocks" else "invalid_arguments"
                    chk.violation(f"{key} is not valid JSON: {exc}", error)

        missing = sorted(a for a in spec.required if args.get(a) in (None, ""))
        for arg in missing:
            error = "channel_not_found" if arg == "channel" else "invalid_arguments"
            chk.violation(f"missing required argument {arg!r}", error)
        # Bolt's per-request client always adds team_id (the argument org-wide apps use to pick
        # a workspace); Slack accepts it on every method.
        unknown = sorted(set(args) - spec.args - {"team_id"})
        if unknown:
            chk.violation(f"unknown argument(s) {unknown} (Slack ignores them)")

        self._validate_ids(method, args, chk)

        if method in _MESSAGE_METHODS:
            self._validate_message(method, args, chk)
        if method == "files.completeUploadExternal" and "blocks" in args:
            for problem in blockkit.check_blocks(
                args["blocks"], surface="message", strict_action_ids=self.strict_action_ids
            ):
                chk.violation(problem, blockkit.error_for(problem, "invalid_blocks"))
        if method.startswith("views.") and "view" in args:
            for problem in blockkit.check_view(
                args["view"],
                expect_type=_VIEW_TYPES.get(method),
                strict_action_ids=self.strict_action_ids,
            ):
                error = "view_too_large" if "view_too_large" in problem else "invalid_arguments"
                chk.violation(problem, error)
        if method in ("views.open", "views.push") and not (
            args.get("trigger_id") or args.get("interactivity_pointer")
        ):
            chk.violation("needs trigger_id (or interactivity_pointer)", "invalid_arguments")
        trigger = args.get("trigger_id")
        if trigger and not ids.TRIGGER_RE.match(str(trigger)):
            chk.violation(
                f"trigger_id {trigger!r} does not look like a Slack trigger_id",
                "invalid_trigger_id",
            )
        if method == "views.update" and not (args.get("view_id") or args.get("external_id")):
            chk.violation("needs view_id or external_id", "invalid_arguments")
        if method == "conversations.open" and not (args.get("users") or args.get("channel")):
            chk.violation("needs users or channel", "users_list_not_supplied")
        if method == "files.getUploadURLExternal":
            length = _as_int(args.get("length"))
            if length is None or length < 1:
                chk.violation(
                    f"length must be a positive integer, got {args.get('length')!r}",
                    "missing_argument",
                )
        if method == "files.completeUploadExternal" and "files" in args:
            files = args["files"]
            if (
                not isinstance(files, list)
                or not files
                or not all(isinstance(f, dict) and f.get("id") for f in files)
            ):
                chk.violation("files must be a JSON array of {id, title?}", "invalid_arguments")

    def _validate_ids(self, method: str, args: dict[str, Any], chk: _Check) -> None:
        def bad(arg: str, value: Any, want: str, error: str) -> None:
            chk.violation(f"{arg}={value!r} is not a Slack {want} id", error)

        for arg in ("channel", "channel_id"):
            value = args.get(arg)
            if value in (None, ""):
                continue
            ok = ids.CHANNEL_RE.match(str(value)) or (
                method == "chat.postMessage" and ids.USER_RE.match(str(value))
            )
            if not ok:
                bad(arg, value, "channel", "channel_not_found")
        for arg in ("user", "user_id"):
            value = args.get(arg)
            if value not in (None, "") and not ids.USER_RE.match(str(value)):
                bad(arg, value, "user", "user_not_found")
        if args.get("users") not in (None, ""):
            for user in _split_csv(args["users"]):
                if not ids.USER_RE.match(user):
                    bad("users", user, "user", "user_not_found")
        if args.get("channels") not in (None, ""):
            for channel in _split_csv(args["channels"]):
                if not (ids.CHANNEL_RE.match(channel) or ids.USER_RE.match(channel)):
                    bad("channels", channel, "channel", "invalid_channel")
        for arg in ("ts", "thread_ts"):
            value = args.get(arg)
            if value not in (None, "") and not ids.TS_RE.match(str(value)):
                chk.violation(
                    f"{arg}={value!r} is not a Slack ts like '1595926230.009600'",
                    "message_not_found" if arg == "ts" else "invalid_thread_ts",
                )
        team = args.get("team") if method == "team.info" else args.get("team_id")
        if team not in (None, "") and not ids.TEAM_RE.match(str(team)):
            bad("team", team, "team", "team_not_found")

    def _validate_message(self, method: str, args: dict[str, Any], chk: _Check) -> None:
        text = args.get("text")
        blocks = args.get("blocks")
        attachments = args.get("attachments")
        if isinstance(blocks, str) and blocks.strip() == "":
            blocks = None
        has_text = isinstance(text, str) and text.strip() != ""
        if blocks is not None:
            for problem in blockkit.check_blocks(
                blocks, surface="message", strict_action_ids=self.strict_action_ids
            ):
                error = "invalid_blocks_format" if "JSON array" in problem else "invalid_blocks"
                chk.violation(problem, blockkit.error_for(problem, error))
        if attachments not in (None, ""):
            for problem in blockkit.check_attachments(
                attachments, strict_action_ids=self.strict_action_ids
            ):
                chk.violation(problem, blockkit.error_for(problem, "invalid_attachments"))
        for problem in blockkit.check_message_tables(blocks, attachments):
            chk.violation(problem, blockkit.ONLY_ONE_TABLE)
        if args.get("markdown_text") and (has_text or blocks):
            chk.violation(
                "markdown_text cannot be combined with text or blocks", "markdown_text_conflict"
            )
        has_content = (
            has_text
            or bool(blocks)
            or bool(attachments)
            or bool(args.get("markdown_text"))
            or (method == "chat.update" and bool(args.get("file_ids")))
        )
        if not has_content:
            chk.violation("no text, blocks or attachments", "no_text")
        elif blocks and not has_text and not args.get("markdown_text"):
            chk.violation(
                "blocks without a top-level text fallback (notifications and screen readers "
                "need text)"
            )
        if isinstance(text, str) and len(text) > blockkit.MESSAGE_TEXT_MAX:
            chk.violation(
                f"text is {len(text)} characters, max {blockkit.MESSAGE_TEXT_MAX} "
                "(Slack truncates chat.postMessage, rejects others)",
                None if method == "chat.postMessage" else "msg_too_long",
            )

    # ------------------------------------------------------------------ method handlers
    # Called with self._cond held; may call chk.runtime_error(...) to answer an error.

    def _auth_test(self, args: dict[str, Any], chk: _Check, token: str | None) -> dict[str, Any]:
        issued = self._tokens.get(token or "")
        if issued is not None:  # a token from an install: it speaks for its own team
            team_id = issued["team_id"]
            team = self._teams[team_id]
            return {
                "ok": True,
                "url": f"https://{team['domain']}.slack.com/",
                "team": team["name"],
                "user": self.bot_name,
                "team_id": team_id,
                "user_id": team["bot_user_id"],
                "bot_id": team["bot_id"],
                "app_id": self.app_id,
                "is_enterprise_install": False,
            }
        return {
            "ok": True,
            "url": f"https://{self.team_domain}.slack.com/",
            "team": self.team_name,
            "user": self.bot_name,
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "app_id": self.app_id,
            "is_enterprise_install": False,
        }

    def _bot_message(self, ts: str, args: dict[str, Any]) -> dict[str, Any]:
        text = args.get("text") or ""
        message: dict[str, Any] = {
            "user": self.bot_user_id,
            "type": "message",
            "ts": ts,
            "bot_id": self.bot_id,
            "app_id": self.app_id,
            "text": text[: blockkit.MESSAGE_TEXT_MAX],
            "team": self.team_id,
            "bot_profile": {
                "id": self.bot_id,
                "app_id": self.app_id,
                "name": self.bot_name,
                "deleted": False,
                "team_id": self.team_id,
            },
        }
        if isinstance(args.get("blocks"), list):
            message["blocks"] = ids.with_block_ids(args["blocks"])
        if isinstance(args.get("attachments"), list):
            message["attachments"] = [
                {"id": i + 1, **a} for i, a in enumerate(args["attachments"]) if isinstance(a, dict)
            ]
        if args.get("thread_ts"):
            message["thread_ts"] = args["thread_ts"]
            message["parent_user_id"] = self.bot_user_id
        if isinstance(args.get("metadata"), dict):
            message["metadata"] = args["metadata"]
        return message

    def _resolve_channel(self, channel: str) -> str:
        if ids.USER_RE.match(channel):
            return self._im_for(channel)
        return channel

    def _chat_post_message(
        self, args: dict[str, Any], chk: _Check, token: str | None
    ) -> dict[str, Any]:
        channel = self._resolve_channel(str(args["channel"]))
        if self._channels.get(channel, {}).get("is_archived"):
            chk.runtime_error("is_archived")
            return {}
        ts = self.ids.ts()
        message = self._bot_message(ts, args)
        self._messages.setdefault(channel, []).append(message)
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _chat_post_ephemeral(
        self, args: dict[str, Any], chk: _Check, token: str | None
    ) -> dict[str, Any]:
        return {"ok": True, "message_ts": self.ids.ts()}

    def _chat_update(self, args: dict[str, Any], chk: _Check, token: str | None) -> dict[str, Any]:
        channel, ts = str(args["channel"]), str(args["ts"])
        message = self._bot_message(ts, args)
        stored = self._messages.setdefault(channel, [])
        for i, old in enumerate(stored):
            if old["ts"] == ts:
                message.update({k: old[k] for k in ("thread_ts",) if k in old})
                message["edited"] = {"user": self.bot_user_id, "ts": self.ids.ts()}
                stored[i] = message
                break
        else:
            stored.append(message)
        return {
            "ok": True,
            "channel": channel,
            "ts": ts,
            "text": message["text"],
            "message": message,
        }

    def _echo_view(
        self,
        view: dict[str, Any],
        *,
        view_id: str,
        previous: dict[str, Any] | None,
        root_view_id: str | None = None,
    ) -> dict[str, Any]:
        kind = view.get("type", "modal")
        echo: dict[str, Any] = {
            "id": view_id,
            "team_id": self.team_id,
            "type": kind,
            "blocks": ids.with_block_ids(view.get("blocks") or []),
            "private_metadata": view.get("private_metadata", ""),
            "callback_id": view.get("callback_id", ""),
            "state": {"values": {}},
            "hash": self.ids.view_hash(),
            "title": view.get("title"),
            "clear_on_close": bool(view.get("clear_on_close", False)),
            "notify_on_close": bool(view.get("notify_on_close", False)),
            "close": view.get("close"),
            "submit": view.get("submit"),
            "previous_view_id": None,
            "root_view_id": root_view_id or (previous or {}).get("root_view_id") or view_id,
            "app_id": self.app_id,
            "external_id": view.get("external_id", ""),
            "app_installed_team_id": self.team_id,
            "bot_id": self.bot_id,
        }
        if kind == "home":
            echo.pop("title")
            echo["close"] = echo["submit"] = None
        self._views[view_id] = echo
        return echo

    def _consume_trigger(self, trigger: str, chk: _Check) -> None:
        if trigger in self._used_triggers:
            chk.violation(f"trigger_id {trigger!r} was already used", "exchanged_trigger_id")
            return
        self._used_triggers.add(trigger)
        issued = self._triggers.get(trigger)
        if issued is not None and time.monotonic() - issued > self.trigger_ttl:
            chk.violation(
                f"trigger_id used {time.monotonic() - issued:.1f}s after it was issued "
                f"(valid {self.trigger_ttl:g}s)",
                "expired_trigger_id",
            )

    def _views_open(self, args: dict[str, Any], chk: _Check, token: str | None) -> dict[str, Any]:
        if args.get("trigger_id"):
            self._consume_trigger(str(args["trigger_id"]), chk)
        view = args["view"]
        external_id = view.get("external_id")
        if external_id and any(v.get("external_id") == external_id for v in self._views.values()):
            chk.runtime_error("duplicate_external_id")
        echo = self._echo_view(view, view_id=self.ids.id("V"), previous=None)
        return {"ok": True, "view": echo}

    def _views_update(self, args: dict[str, Any], chk: _Check, token: str | None) -> dict[str, Any]:
        view_id = args.get("view_id")
        if not view_id:
            view_id = next(
                (k for k, v in self._views.items() if v.get("external_id") == args["external_id"]),
                None,
            )
            if view_id is None:
                chk.runtime_error("not_found")
                return {}
        previous = self._views.get(str(view_id))
        if previous is None and not str(view_id).startswith("V"):
            chk.violation(f"view_id {view_id!r} is not a Slack view id", "not_found")
            return {}
        if previous is not None and args.get("hash") and args["hash"] != previous["hash"]:
            chk.runtime_error("hash_conflict")
            return {}
        echo = self._echo_view(args["view"], view_id=str(view_id), previous=previous)
        if previous is not None:
            echo["previous_view_id"] = previous.get("previous_view_id")
        return {"ok": True, "view": echo}

    def _views_publish(
        self, args: dict[str, Any], chk: _Check, token: str | None
    ) -> dict[str, Any]:
        user_id = str(args["user_id"])
        view_id = self._home_views.get(user_id)
        previous = self._views.get(view_id) if view_id else None
        if previous is not None and args.get("hash") and args["hash"] != previous["hash"]:
            chk.runtime_error("hash_conflict")
            return {}
        view_id = view_id or self.ids.id("V")
        self._home_views[user_id] = view_id
        return {
            "ok": True,
            "view": self._echo_view(args["view"], view_id=view_id, previous=previous),
        }

    def _public_user(self, user: dict[str, Any], include_locale: bool) -> dict[str, Any]:
        out = {k: v for k, v in user.items() if not k.startswith("_")}
        if include_locale:
            out["locale"] = user["_locale"]
        return out

    def _users_info(self, args: dict[str, Any], chk: _Check, token: str | None) -> dict[str, Any]:
        user = self._users.get(str(args["user"]))
        if user is None:
            chk.runtime_error("user_not_found")
            return {}
        return {"ok": True, "user": self._public_user(user, _truthy(args.get("include_locale")))}

    def _users_profile_get(
        self, args: dict[str, Any], chk: _Check, token: str | None
    ) -> dict[str, Any]:
        # A bot token has no profile of its own: the bot always names the user.
        user = self._users.get(str(args.get("user") or ""))
        if user is None:
            chk.runtime_error("user_not_found")
            return {}
        return {"ok": True, "profile": json.loads(json.dumps(user["profile"]))}

    def _users_lookup_by_email(
        self, args: dict[str, Any], chk: _Check, token: str | None
    ) -> dict[str, Any]:
        wanted = str(args["email"]).casefold()
        for user in self._users.values():
            if user["profile"].get("email", "").casefold() == wanted and not user["deleted"]:
                return {"ok": True, "user": self._public_user(user, False)}
        chk.runtime_error("users_not_found")
        return {}

    def _users_list(self, args: dict[str, Any], chk: _Check, token: str | None) -> dict[str, Any]:
        include_locale = _truthy(args.get("include_locale"))
        members = [self._public_user(u, include_locale) for u in self._users.values()]
        page, cursor = _paginate(members, args)
        return {
            "ok": True,
            "members": page,
            "cache_ts": int(time.time()),
            "response_metadata": {"next_cursor": cursor},
        }

    def _make_channel(self, channel_id: str, *, name: str, is_private: bool) -> dict[str, Any]:
        now = int(time.time())
        return {
            "id": channel_id,
            "name": name,
            "is_channel": not is_private,
            "is_group": is_private,
            "is_im": False,
            "is_mpim": False,
            "is_private": is_private,
            "created": now,
            "is_archived": False,
            "is_general": name == "general",
            "unlinked": 0,
            "name_normalized": name,
            "is_shared": False,
            "is_org_shared": False,
            "is_ext_shared": False,
            "is_pending_ext_shared": False,
            "context_team_id": self.team_id,
            "creator": self.bot_user_id,
            "is_member": True,
            "topic": {"value": "", "creator": "", "last_set": 0},
            "purpose": {"value": "", "creator": "", "last_set": 0},
            "previous_names": [],
        }

    def _im_for(self, user_id: str) -> str:
        channel_id = self._ims.get(user_id)
        if channel_id is None:
            channel_id = self.ids.id("D")
            self._ims[user_id] = channel_id
            self._channels[channel_id] = {
                "id": channel_id,
                "created": int(time.time()),
                "is_im": True,
                "is_org_shared": False,
                "user": user_id,
                "last_read": "0000000000.000000",
                "latest": None,
                "unread_count": 0,
                "unread_count_display": 0,
                "is_open": True,
                "priority": 0,
                "_members": [user_id, self.bot_user_id],
            }
        return channel_id

    def _channel(self, channel_id: str) -> dict[str, Any]:
        channel = self._channels.get(channel_id)
        if channel is None:
            if channel_id.startswith("D"):
                channel = {
                    "id": channel_id,
                    "created": int(time.time()),
                    "is_im": True,
                    "user": None,
                    "is_open": True,
                    "_members": None,
                }
            else:
                channel = self._make_channel(
                    channel_id,
                    name=f"channel-{channel_id.lower()}",
                    is_private=channel_id.startswith("G"),
                )
                channel["_members"] = None
            self._channels[channel_id] = channel
        return channel

    def _conversations_open(
        self, args: dict[str, Any], chk: _Check, token: str | None
    ) -> dict[str, Any]:
        if args.get("channel"):
            channel_id = str(args["channel"])
            already = True
        else:
            users = _split_csv(args["users"])
            if len(users) > 8:
                chk.runtime_error("too_many_users")
                return {}
            if len(users) == 1:
                already = users[0] in self._ims
                channel_id = self._im_for(users[0])
            else:
                key = ",".join(sorted(users))
                already = key in self._ims
                if not already:
                    self._ims[key] = self.ids.id("G")
                    channel = self._make_channel(
                        self._ims[key], name="mpdm-" + "--".join(users), is_private=True
                    )
                    channel.update(
                        {"is_mpim": True, "is_group": False, "_members": [*users, self.bot_user_id]}
                    )
                    self._channels[self._ims[key]] = channel
                channel_id = self._ims[key]
        response: dict[str, Any] = {"ok": True}
        if already:
            response.update({"no_op": True, "already_open": True})
        if _truthy(args.get("return_im")):
            response["channel"] = {
                k: v for k, v in self._channel(channel_id).items() if not k.startswith("_")
            }
        else:
            response["channel"] = {"id": channel_id}
        return response

    def _members_of(self, channel: dict[str, Any]) -> list[str]:
        members = channel.get("_members")
        if members is None:
            return [*self._users, self.bot_user_id]
        return list(members)

    def _conversations_info(
        self, args: dict[str, Any], chk: _Check, token: str | None
    ) -> dict[str, Any]:
        channel = self._channel(str(args["channel"]))
        out = {k: v for k, v in channel.items() if not k.startswith("_")}
        if _truthy(args.get("include_locale")):
            out["locale"] = "en-US"
        if _truthy(args.get("include_num_members")):
            out["num_members"] = len(self._members_of(channel))
        return {"ok": True, "channel": out}

    def _conversations_members(
        self, args: dict[str, Any], chk: _Check, token: str | None
    ) -> dict[str, Any]:
        channel = self._channel(str(args["channel"]))
        page, cursor = _paginate(self._members_of(channel), args)
        return {"ok": True, "members": page, "response_metadata": {"next_cursor": cursor}}

    def _team_info(self, args: dict[str, Any], chk: _Check, token: str | None) -> dict[str, Any]:
        team = args.get("team")
        if team and team != self.team_id:
            chk.runtime_error("team_not_found")
            return {}
        return {
            "ok": True,
            "team": {
                "id": self.team_id,
                "name": self.team_name,
                "url": f"https://{self.team_domain}.slack.com/",
                "domain": self.team_domain,
                "email_domain": "",
                "icon": {
                    "image_default": True,
                    "image_68": "https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-68.png",
                },
                "avatar_base_url": "https://ca.slack-edge.com/",
                "is_verified": False,
            },
        }

    def _files_get_upload_url(
        self, args: dict[str, Any], chk: _Check, token: str | None
    ) -> dict[str, Any]:
        file_id = self.ids.id("F", 11)
        path = f"/upload/v1/{self.ids.hex(40)}"
        upload = UploadedFile(
            file_id=file_id,
            filename=str(args["filename"]),
            length=_as_int(args["length"]) or 0,
            upload_url=self.base_url + path,
            alt_txt=args.get("alt_txt"),
            snippet_type=args.get("snippet_type"),
        )
        self._uploads[file_id] = upload
        self._upload_paths[path] = file_id
        return {"ok": True, "upload_url": upload.upload_url, "file_id": file_id}

    def _files_complete_upload(
        self, args: dict[str, Any], chk: _Check, token: str | None
    ) -> dict[str, Any]:
        out = []
        for entry in args["files"]:
            upload = self._uploads.get(str(entry["id"]))
            if upload is None:
                chk.violation(
                    f"file id {entry['id']!r} was not issued by getUploadURLExternal",
                    "file_not_found",
                )
                return {}
            if upload.data is None:
                chk.violation(
                    f"file {upload.file_id} completed before its bytes were uploaded",
                    "file_not_found",
                )
                return {}
            upload.completed = True
            upload.title = entry.get("title") or upload.filename
            upload.channel_id = args.get("channel_id")
            upload.channels = _split_csv(args["channels"]) if args.get("channels") else []
            upload.initial_comment = args.get("initial_comment")
            upload.thread_ts = args.get("thread_ts")
            out.append(
                {
                    "id": upload.file_id,
                    "created": int(time.time()),
                    "timestamp": int(time.time()),
                    "name": upload.filename,
                    "title": upload.title,
                    "mimetype": "application/octet-stream",
                    "filetype": (
                        upload.filename.rsplit(".", 1)[-1] if "." in upload.filename else "binary"
                    ),
                    "user": self.bot_user_id,
                    "user_team": self.team_id,
                    "size": len(upload.data),
                    "is_external": False,
                    "permalink": f"https://{self.team_domain}.slack.com/files/{self.bot_user_id}/"
                    f"{upload.file_id}/{upload.filename}",
                }
            )
        return {"ok": True, "files": out}

    # ------------------------------------------------------------------ non-API endpoints

    def _response_url_post(
        self, path: str, body: dict[str, Any] | None, body_kind: str, parse_error: str | None
    ) -> tuple[int, dict[str, Any], dict[str, Any], list[str]]:
        chk = _Check("response_url")
        args: dict[str, Any] = dict(body or {})
        args["url"] = self.base_url + path
        with self._cond:
            info = self._response_urls.get(path)
            if info is None:
                chk.violation(f"POST to unknown response_url {path}")
                return 404, {"ok": False, "error": "invalid_url"}, args, chk.violations
            info["posts"] += 1
            posts = info["posts"]
            script = self._take_script("response_url")
        if posts > RESPONSE_URL_MAX_POSTS:
            chk.violation(f"response_url {path} used {posts} times (max {RESPONSE_URL_MAX_POSTS})")
            return 404, {"ok": False, "error": "used_url"}, args, chk.violations
        if parse_error or body_kind != "json":
            problem = parse_error or f"response_url body must be JSON, got {body_kind or 'none'}"
            chk.violation(problem, "invalid_payload")
        else:
            unknown = sorted(set(args) - _RESPONSE_URL_KEYS)
            if unknown:
                chk.violation(f"unknown field(s) {unknown}")
            if args.get("response_type") not in (None, "in_channel", "ephemeral"):
                chk.violation(
                    f"response_type {args['response_type']!r} must be in_channel or ephemeral",
                    "invalid_payload",
                )
            blocks = args.get("blocks")
            if blocks is not None:
                for problem in blockkit.check_blocks(
                    blocks, surface="message", strict_action_ids=self.strict_action_ids
                ):
                    chk.violation(problem, blockkit.error_for(problem, "invalid_blocks"))
            if args.get("attachments") is not None:
                for problem in blockkit.check_attachments(
                    args["attachments"], strict_action_ids=self.strict_action_ids
                ):
                    chk.violation(problem, blockkit.error_for(problem, "invalid_attachments"))
            for problem in blockkit.check_message_tables(blocks, args.get("attachments")):
                chk.violation(problem, blockkit.ONLY_ONE_TABLE)
            text = args.get("text")
            if isinstance(text, str) and len(text) > blockkit.MESSAGE_TEXT_MAX:
                chk.violation(f"text is {len(text)} characters, max {blockkit.MESSAGE_TEXT_MAX}")
            if not args.get("delete_original") and not (text or blocks or args.get("attachments")):
                chk.violation("no text, blocks or attachments", "no_text")
        if script is not None:
            status, response, _ = self._scripted(script)
            return status, response, args, chk.violations
        if chk.error is not None:
            return 400, self._error(chk), args, chk.violations
        return 200, {"ok": True}, args, chk.violations

    def _file_download(
        self, path: str, headers: dict[str, str]
    ) -> tuple[int, bytes, str, dict[str, Any], list[str]]:
        """GET url_private_download: the bytes for a bot token Slack accepts, else (as Slack
        does) its sign-in page with status 200."""
        chk = _Check("file_download")
        auth = next((v for k, v in headers.items() if k.lower() == "authorization"), "")
        token = auth[7:].strip() if auth.lower().startswith("bearer ") else None
        with self._cond:
            found = self._user_files.get(path)
            args: dict[str, Any] = {"url": self.base_url + path, "file_id": found and found.file_id}
            if found is None:
                chk.violation(f"GET {path}: no such file")
                return 404, b"Not Found", "text/plain; charset=utf-8", args, chk.violations
            accepted = (
                token is not None
                and token.startswith(("xoxb-", "xoxe.xoxb-"))
                and (self.expected_token is None or token == self.expected_token)
                and token not in self._revoked
            )
            if not accepted:
                chk.violation(
                    f"file {found.file_id} fetched without a bot token Slack accepts "
                    "(Authorization: Bearer xoxb-...)"
                )
                page = b"<!DOCTYPE html><html><body>Sign in to Slack</body></html>"
                return 200, page, "text/html; charset=utf-8", args, chk.violations
            found.downloads += 1
        return 200, found.data, "text/csv", args, chk.violations

    def _upload_post(self, path: str, data: bytes) -> tuple[int, str, dict[str, Any], list[str]]:
        chk = _Check("file_upload")
        with self._cond:
            file_id = self._upload_paths.get(path)
            args: dict[str, Any] = {
                "url": self.base_url + path,
                "file_id": file_id,
                "length": len(data),
            }
            if file_id is None:
                chk.violation(f"POST to unknown upload_url {path}")
                return 404, "Not Found", args, chk.violations
            upload = self._uploads[file_id]
            if upload.data is not None:
                chk.violation(f"upload_url for {file_id} used twice")
            if len(data) != upload.length:
                chk.violation(
                    f"{file_id}: uploaded {len(data)} bytes, getUploadURLExternal said "
                    f"length={upload.length}"
                )
            upload.data = data
        return 200, f"OK - {len(data)}", args, chk.violations


def _parse_multipart(content_type: str, body: bytes) -> dict[str, Any]:
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    out: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        payload = part.get_payload(decode=True) or b""
        assert isinstance(payload, bytes)  # decode=True on a part of a multipart body
        if part.get_filename():
            out[str(name)] = payload
        else:
            out[str(name)] = payload.decode("utf-8", "replace")
    return out


class _Handler(BaseHTTPRequestHandler):
    owner: FakeSlack
    server_version = "FakeSlack/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _parse(self, raw: bytes) -> tuple[dict[str, Any], str, str | None]:
        """-> (args, body kind, parse error)."""
        content_type = self.headers.get("Content-Type", "")
        media = content_type.split(";")[0].strip().lower()
        if not raw.strip():
            return {}, "", None
        if media == "application/json":
            try:
                data = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                return {}, "json", f"body is not valid JSON: {exc}"
            if not isinstance(data, dict):
                return {}, "json", "JSON body must be an object"
            return data, "json", None
        if media == "multipart/form-data":
            return _parse_multipart(content_type, raw), "multipart", None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return {}, "raw", "body is not UTF-8"
        if media in ("application/x-www-form-urlencoded", ""):
            return dict(parse_qsl(text, keep_blank_values=True)), "form", None
        return {}, "raw", f"unsupported Content-Type {content_type!r}"

    def _send(
        self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Slack-Req-Id", self.owner.ids.hex(32))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _send_json(
        self, status: int, data: dict[str, Any], extra: dict[str, str] | None = None
    ) -> None:
        self._send(status, json.dumps(data).encode(), "application/json; charset=utf-8", extra)

    def _dispatch(self, verb: str) -> None:
        fake = self.owner
        url = urlsplit(self.path)
        headers = dict(self.headers.items())
        raw = self._read_body() if verb == "POST" else b""
        path = url.path

        if path.startswith("/api/"):
            method = path[len("/api/") :]
            query = dict(parse_qsl(url.query, keep_blank_values=True))
            body, kind, parse_error = self._parse(raw)
            status, response, extra, args, token, problems = fake._api(
                method, verb, query, body, kind, headers, parse_error
            )
            fake._record(
                Call(method, args, headers, status, response, verb, token, raw, kind, problems)
            )
            self._send_json(status, response, extra)
        elif path.startswith("/response/") and verb == "POST":
            body, kind, parse_error = self._parse(raw)
            status, response, args, problems = fake._response_url_post(
                path, body, kind, parse_error
            )
            fake._record(
                Call(
                    "response_url", args, headers, status, response, verb, None, raw, kind, problems
                )
            )
            self._send_json(status, response)
        elif path == "/oauth/v2/authorize" and verb == "GET":
            query = dict(parse_qsl(url.query, keep_blank_values=True))
            status, extra, text, problems = fake._consent(query)
            fake._record(
                Call(
                    "oauth.authorize",
                    query,
                    headers,
                    status,
                    {"location": extra.get("Location", ""), "error": text},
                    verb,
                    None,
                    b"",
                    "",
                    problems,
                )
            )
            self._send(status, text.encode(), "text/plain; charset=utf-8", extra)
        elif path.startswith("/files-pri/") and verb == "GET":
            status, data, content_type, args, problems = fake._file_download(path, headers)
            fake._record(
                Call(
                    "file_download",
                    args,
                    headers,
                    status,
                    {"length": len(data)},
                    verb,
                    None,
                    b"",
                    "",
                    problems,
                )
            )
            self._send(status, data, content_type)
        elif path.startswith("/upload/") and verb == "POST":
            status, text, args, problems = fake._upload_post(path, raw)
            fake._record(
                Call(
                    "file_upload",
                    args,
                    headers,
                    status,
                    {"body": text},
                    verb,
                    None,
                    raw,
                    "raw",
                    problems,
                )
            )
            self._send(status, text.encode(), "text/plain; charset=utf-8")
        else:
            problem = f"{verb} {path}: no such endpoint on Slack"
            fake._record(
                Call(
                    "unknown",
                    {"path": path},
                    headers,
                    404,
                    {"ok": False},
                    verb,
                    None,
                    raw,
                    "",
                    [problem],
                )
            )
            self._send_json(404, {"ok": False, "error": "not_found"})
