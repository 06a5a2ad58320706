"""A stand-in for Slack's Web API on 127.0.0.1, for the shell: it answers the calls the bot
makes and queues what a user would see (messages, modals) for the terminal to show.

It is deliberately small: it answers only the methods the bot calls, always successfully, and
checks nothing. The strict fake the tests use (``tests/fakeslack``: Slack's method spec, Block
Kit limits, scripted errors and 429s) stays a test instrument rather than product code; a test
replays every request a shell session makes into that fake (``observer``), so the shell never
shows something Slack itself would refuse.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

# Hears every request as it arrived: its path, headers and body.
Observer = Callable[[str, dict[str, str], bytes], None]


@dataclass(frozen=True)
class Shown:
    """Something the terminal should show: a ``message`` or a ``modal``."""

    kind: str
    payload: dict[str, Any]


class LoopbackSlack:
    """The Web API answers the shell needs, plus response_url endpoints."""

    def __init__(
        self,
        *,
        team_id: str,
        user: dict[str, Any],
        files_dir: Path | None = None,
        observer: Observer | None = None,
    ) -> None:
        self.team_id = team_id
        self.observer = observer
        self.user = user
        self.files_dir = files_dir or Path.cwd()  # where uploaded files (charts) are saved
        self._uploads: dict[str, tuple[str, bytes]] = {}  # file id -> (file name, bytes)
        self.shown: queue.Queue[Shown] = queue.Queue()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._views = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    @property
    def api_url(self) -> str:
        return self.base_url + "api/"

    def response_url(self) -> str:
        return self.base_url + "response"

    def start(self) -> LoopbackSlack:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        """What Slack would answer, queueing anything the user would see."""
        if method == "auth.test":
            return {"ok": True, "team_id": self.team_id, "user_id": "U0SHELLBOT", "bot_id": "B0"}
        if method == "users.info":
            return {"ok": True, "user": self.user}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D0SHELL001"}}
        if method == "conversations.info":  # the terminal stands in for every channel
            return {"ok": True, "channel": {"id": args.get("channel"), "is_member": True}}
        if method in ("chat.postEphemeral", "chat.postMessage", "chat.update"):
            self.shown.put(Shown("message", _decode_blocks(args)))
            return {
                "ok": True,
                "channel": args.get("channel"),
                "ts": "1700000000.000100",
                "message_ts": "1700000000.000100",
            }
        if method in ("views.open", "views.push", "views.update"):
            view = args.get("view")
            view = json.loads(view) if isinstance(view, str) else view
            assert isinstance(view, dict), f"{method} without a view"
            self._views += 1
            view = {**view, "id": f"V0SHELL{self._views:04d}"}
            self.shown.put(Shown("modal", view))
            return {"ok": True, "view": view}
        if method == "files.getUploadURLExternal":
            file_id = f"F0SHELL{len(self._uploads) + 1:04d}"
            self._uploads[file_id] = (Path(str(args.get("filename") or "file")).name, b"")
            return {
                "ok": True,
                "file_id": file_id,
                "upload_url": self.base_url + "upload/" + file_id,
            }
        if method == "files.completeUploadExternal":
            return self._complete_upload(args)
        return {"ok": True}

    def receive_upload(self, file_id: str, data: bytes) -> None:
        """The bytes POSTed to an upload URL."""
        if file_id in self._uploads:
            self._uploads[file_id] = (self._uploads[file_id][0], data)

    def _complete_upload(self, args: dict[str, Any]) -> dict[str, Any]:
        """Save each uploaded file beside the shell and say where, as Slack would show it."""
        files = args.get("files")
        files = json.loads(files) if isinstance(files, str) else files or []
        saved = []
        for item in files:
            name, data = self._uploads.get(str(item.get("id")), ("", b""))
            if name:
                path = self.files_dir / name
                path.write_bytes(data)
                saved.append(str(path))
        comment = args.get("initial_comment") or ""
        self.shown.put(Shown("message", {"text": f"{comment} [{', '.join(saved)}]".strip()}))
        return {"ok": True, "files": [{"id": item.get("id")} for item in files]}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        slack = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                if slack.observer is not None:
                    slack.observer(self.path, dict(self.headers.items()), body)
                if self.path.startswith("/upload/"):
                    slack.receive_upload(self.path.rsplit("/", 1)[-1], body)
                    self._send({"ok": True})
                    return
                raw = body.decode("utf-8")
                if self.path.startswith("/response"):
                    slack.shown.put(Shown("message", json.loads(raw or "{}")))
                    self._send({"ok": True})
                    return
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    args = json.loads(raw or "{}")
                else:
                    args = {k: v[0] for k, v in parse_qs(raw).items()}
                self._send(slack.answer(self.path.rsplit("/", 1)[-1], args))

            def _send(self, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler


def _decode_blocks(args: dict[str, Any]) -> dict[str, Any]:
    blocks = args.get("blocks")
    if isinstance(blocks, str):
        args = {**args, "blocks": json.loads(blocks)}
    return args
