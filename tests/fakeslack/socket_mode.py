"""A fake Slack Socket Mode endpoint on loopback, stdlib only (RFC 6455 over a raw socket).

    fake = FakeSlack().start()
    socket_mode = FakeSocketMode().start()
    fake.socket_mode_url = socket_mode.url      # what apps.connections.open answers
    ...                                         # the bot connects, gets ``hello``
    envelope = slash_commands_envelope("/deal", "add Acme 5jt", user_id=..., team_id=...,
                                       response_url=fake.response_url())
    socket_mode.send_envelope(envelope)
    ack = socket_mode.wait_for_ack(envelope["envelope_id"])
    socket_mode.assert_no_violations()

What Slack does, and so this fake does:

- the app GETs the URL from ``apps.connections.open`` with an ``Upgrade: websocket`` handshake;
  the answer is ``101 Switching Protocols`` with ``Sec-WebSocket-Accept``
  = base64(SHA-1(key + RFC 6455 GUID));
- right after the handshake the server sends a ``hello`` message;
- envelopes (``{"envelope_id", "type", "payload", "accepts_response_payload"}``) go to the app
  as unmasked text frames; the app acks each with a masked text frame
  ``{"envelope_id": ..., "payload"?: ...}`` within 3 seconds (the fake's limit is
  ``ack_deadline``, a ceiling for a busy machine by default; see ``SLACK_ACK_DEADLINE_SECONDS``);
- pings are answered with pongs carrying the same data; a close frame is echoed, then the
  socket is closed.

Everything the app gets wrong is recorded in ``violations``: an unmasked client frame, a bad
handshake, an ack for an envelope never sent (or acked twice), a late ack, or a ``payload`` in
the ack of an envelope that does not accept one.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import socket
import struct
import threading
import time
import uuid
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.patience import PATIENCE

from . import ids

WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
# Slack waits 3 seconds for an ack. The fake flags acks later than ``ack_deadline``, a ceiling
# (PATIENCE) by default: on a busy machine the app's threads can be held for more than 3 s while
# it does nothing wrong. That an app acks before its slower work is shown by what the ack holds
# (an empty ack, the reply after it on the response_url), not by the wall clock. Pass
# ``ack_deadline=SLACK_ACK_DEADLINE_SECONDS`` for Slack's own figure.
SLACK_ACK_DEADLINE_SECONDS = 3.0

OP_CONTINUATION = 0x0
OP_TEXT = 0x1
OP_BINARY = 0x2
OP_CLOSE = 0x8
OP_PING = 0x9
OP_PONG = 0xA


def websocket_accept(key: str) -> str:
    """The ``Sec-WebSocket-Accept`` value for a client's ``Sec-WebSocket-Key``."""
    return base64.b64encode(hashlib.sha1((key + WS_GUID).encode()).digest()).decode()


def encode_frame(opcode: int, data: bytes, *, mask: bytes | None = None) -> bytes:
    """One final frame; servers send unmasked frames, clients masked ones (``mask``)."""
    header = bytes([0x80 | opcode])
    mask_bit = 0x80 if mask is not None else 0
    length = len(data)
    if length <= 125:
        header += bytes([mask_bit | length])
    elif length <= 0xFFFF:
        header += bytes([mask_bit | 126]) + struct.pack("!H", length)
    else:
        header += bytes([mask_bit | 127]) + struct.pack("!Q", length)
    if mask is None:
        return header + data
    return header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data))


# ---------------------------------------------------------------------------- envelopes


def new_envelope_id() -> str:
    """Slack's envelope ids are UUIDs, e.g. ``"1d3c79ab-0ffb-41f3-a080-d19e85f53649"``."""
    return str(uuid.uuid4())


def hello_message(app_id: str = ids.API_APP_ID, num_connections: int = 1) -> dict[str, Any]:
    """The ``hello`` Slack sends first on every new connection."""
    return {
        "type": "hello",
        "num_connections": num_connections,
        "debug_info": {
            "host": "applink-7fc4fdbb64-4x5xq",
            "build_number": 10,
            "approximate_connection_time": 18060,
        },
        "connection_info": {"app_id": app_id},
    }


def disconnect_message(reason: str = "refresh_requested") -> dict[str, Any]:
    """Slack's notice that the connection will be closed (``warning``/``refresh_requested``)."""
    return {
        "type": "disconnect",
        "reason": reason,
        "debug_info": {"host": "applink-7fc4fdbb64-4x5xq"},
    }


def slash_commands_envelope(
    command: str,
    text: str,
    *,
    user_id: str,
    team_id: str,
    response_url: str,
    channel_id: str = "C0123ABCDE",
    channel_name: str = "general",
    user_name: str = "budi",
    team_domain: str = ids.TEAM_DOMAIN,
    api_app_id: str = ids.API_APP_ID,
    trigger_id: str | None = None,
    token: str = ids.VERIFICATION_TOKEN,
    envelope_id: str | None = None,
) -> dict[str, Any]:
    """A ``slash_commands`` envelope: the command's fields, in Slack's order, as a JSON object
    (not form-encoded), and ``accepts_response_payload: true`` (the ack may carry the reply)."""
    if not command.startswith("/"):
        raise ValueError(f"slash command must start with '/': {command!r}")
    payload = {
        "token": token,
        "team_id": team_id,
        "team_domain": team_domain,
        "channel_id": channel_id,
        "channel_name": channel_name,
        "user_id": user_id,
        "user_name": user_name,
        "command": command,
        "text": text,
        "api_app_id": api_app_id,
        "response_url": response_url,
        "trigger_id": trigger_id or ids.IdFactory(uuid.uuid4().int).trigger_id(),
    }
    return {
        "envelope_id": envelope_id or new_envelope_id(),
        "payload": payload,
        "type": "slash_commands",
        "accepts_response_payload": True,
    }


# Interactions whose ack may carry a response (response_action, options).
_ACCEPTS_RESPONSE = frozenset({"view_submission", "block_suggestion"})


def interactive_envelope(
    payload: dict[str, Any] | str,
    *,
    envelope_id: str | None = None,
    accepts_response_payload: bool | None = None,
) -> dict[str, Any]:
    """An ``interactive`` envelope (shortcuts, block_actions, view_submission, view_closed, ...).

    ``payload`` is the decoded interaction payload, or the form body the builders in
    ``tests.fakeslack.requests`` return (``payload=<json>``), which is decoded here."""
    if isinstance(payload, str):
        fields = dict(parse_qsl(payload, keep_blank_values=True))
        if "payload" not in fields:
            raise ValueError("form body has no 'payload' field")
        payload = json.loads(fields["payload"])
    assert isinstance(payload, dict)
    if accepts_response_payload is None:
        accepts_response_payload = payload.get("type") in _ACCEPTS_RESPONSE
    return {
        "envelope_id": envelope_id or new_envelope_id(),
        "payload": payload,
        "type": "interactive",
        "accepts_response_payload": accepts_response_payload,
    }


def events_api_envelope(
    body: dict[str, Any] | str,
    *,
    envelope_id: str | None = None,
    retry_attempt: int = 0,
    retry_reason: str = "",
) -> dict[str, Any]:
    """An ``events_api`` envelope around an ``event_callback`` body (dict or JSON text)."""
    payload = json.loads(body) if isinstance(body, str) else body
    return {
        "envelope_id": envelope_id or new_envelope_id(),
        "payload": payload,
        "type": "events_api",
        "accepts_response_payload": False,
        "retry_attempt": retry_attempt,
        "retry_reason": retry_reason,
    }


# ---------------------------------------------------------------------------- server


@dataclass
class Handshake:
    """One WebSocket opening handshake the server received."""

    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    accepted: bool


@dataclass
class _Sent:
    envelope: dict[str, Any]
    at: float
    acked: bool = False


@dataclass
class _Connection:
    sock: socket.socket
    number: int
    send_lock: threading.Lock = field(default_factory=threading.Lock)
    open: bool = True
    pings: int = 0


class _Closed(Exception):
    pass


class FakeSocketMode:
    """A Socket Mode WebSocket server on 127.0.0.1 (port 0). Thread-safe."""

    def __init__(
        self,
        *,
        app_id: str = ids.API_APP_ID,
        send_hello: bool = True,
        ack_deadline: float = PATIENCE,
    ) -> None:
        self.app_id = app_id
        self.send_hello = send_hello
        self.ack_deadline = ack_deadline
        self.ticket = str(uuid.uuid4())
        self._cond = threading.Condition(threading.RLock())
        self._listener: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._connections: list[_Connection] = []
        self._sent: dict[str, _Sent] = {}
        self._acks: list[dict[str, Any]] = []
        self._ack_delays: dict[str, float] = {}
        self._messages: list[Any] = []  # other text frames from the client
        self._handshakes: list[Handshake] = []
        self._violations: list[str] = []
        self._stopping = False

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeSocketMode:
        if self._listener is not None:
            return self
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        listener.settimeout(0.1)
        self._listener = listener
        self._spawn(self._accept_loop, "FakeSocketMode-accept")
        return self

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            connections = list(self._connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                self._send_frame(conn, OP_CLOSE, struct.pack("!H", 1001) + b"going away")
            self._close(conn)
        if self._listener is not None:
            self._listener.close()
        for thread in self._threads:
            thread.join(timeout=2)

    def __enter__(self) -> FakeSocketMode:
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
        if self._listener is None:
            raise RuntimeError("FakeSocketMode is not started")
        return int(self._listener.getsockname()[1])

    @property
    def url(self) -> str:
        """Shaped like Slack's ``wss://wss-primary.slack.com/link/?ticket=...&app_id=...``."""
        return f"ws://127.0.0.1:{self.port}/link/?ticket={self.ticket}&app_id={self.app_id}"

    # ------------------------------------------------------------------ observations

    @property
    def acks(self) -> list[dict[str, Any]]:
        """Every ack the client sent, oldest first, as decoded JSON."""
        with self._cond:
            return list(self._acks)

    @property
    def messages(self) -> list[Any]:
        """Text frames from the client that were not acks."""
        with self._cond:
            return list(self._messages)

    @property
    def handshakes(self) -> list[Handshake]:
        with self._cond:
            return list(self._handshakes)

    @property
    def violations(self) -> list[str]:
        with self._cond:
            return list(self._violations)

    @property
    def connection_count(self) -> int:
        """Open connections right now."""
        with self._cond:
            return sum(1 for c in self._connections if c.open)

    def pings_received(self) -> int:
        with self._cond:
            return sum(c.pings for c in self._connections)

    def ack_delay(self, envelope_id: str) -> float:
        """Seconds between sending the envelope and receiving its ack."""
        with self._cond:
            return self._ack_delays[envelope_id]

    def assert_no_violations(self) -> None:
        problems = self.violations
        if problems:
            listing = "\n".join(f"  - {p}" for p in problems)
            raise AssertionError(f"{len(problems)} Socket Mode violation(s):\n{listing}")

    def wait_for_connection(self, timeout: float = PATIENCE, count: int = 1) -> None:
        """Wait until ``count`` connections completed the handshake (and got ``hello``)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while sum(1 for c in self._connections if c.open) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"timed out after {timeout}s waiting for {count} Socket Mode "
                        f"connection(s); handshakes: {self._handshakes}; "
                        f"violations: {self._violations}"
                    )
                self._cond.wait(min(remaining, 0.05))

    def wait_for_ack(self, envelope_id: str, timeout: float = PATIENCE) -> dict[str, Any]:
        """The client's ack for ``envelope_id`` (waiting up to ``timeout`` seconds, a ceiling:
        an ack normally comes within milliseconds)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for ack in self._acks:
                    if ack.get("envelope_id") == envelope_id:
                        return ack
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [a.get("envelope_id") for a in self._acks]
                    raise AssertionError(
                        f"timed out after {timeout}s waiting for the ack of {envelope_id}; "
                        f"acks seen: {seen}; open connections: {self.connection_count}; "
                        f"violations: {self._violations}"
                    )
                self._cond.wait(min(remaining, 0.05))

    # ------------------------------------------------------------------ sending

    def send_envelope(self, envelope: dict[str, Any]) -> None:
        """Send an envelope (or any message, e.g. ``disconnect_message()``) to the newest open
        connection, as one unmasked text frame."""
        conn = self._current()
        envelope_id = envelope.get("envelope_id")
        if envelope_id:
            with self._cond:
                self._sent[str(envelope_id)] = _Sent(envelope, time.monotonic())
        self._send_frame(conn, OP_TEXT, json.dumps(envelope).encode())

    def send_ping(self, data: bytes = b"") -> None:
        self._send_frame(self._current(), OP_PING, data)

    def close_connections(self, code: int = 1001, reason: str = "going away") -> None:
        """Close every open connection the way a server does (close frame, then FIN)."""
        with self._cond:
            connections = [c for c in self._connections if c.open]
        for conn in connections:
            with contextlib.suppress(OSError):
                self._send_frame(conn, OP_CLOSE, struct.pack("!H", code) + reason.encode())
            self._close(conn)

    def _current(self) -> _Connection:
        with self._cond:
            for conn in reversed(self._connections):
                if conn.open:
                    return conn
        raise AssertionError("no open Socket Mode connection to send to")

    # ------------------------------------------------------------------ internals

    def _spawn(self, target: Any, name: str, *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _violation(self, message: str) -> None:
        with self._cond:
            self._violations.append(f"socket mode: {message}")
            self._cond.notify_all()

    def _accept_loop(self) -> None:
        assert self._listener is not None
        number = 0
        while not self._stopping:
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            number += 1
            self._spawn(self._serve, f"FakeSocketMode-conn-{number}", sock, number)

    def _send_frame(self, conn: _Connection, opcode: int, data: bytes) -> None:
        frame = encode_frame(opcode, data)
        with conn.send_lock:
            conn.sock.sendall(frame)

    def _close(self, conn: _Connection) -> None:
        with self._cond:
            was_open, conn.open = conn.open, False
            self._cond.notify_all()
        if was_open:
            with contextlib.suppress(OSError):
                conn.sock.shutdown(socket.SHUT_RDWR)
            conn.sock.close()

    def _serve(self, sock: socket.socket, number: int) -> None:
        conn = _Connection(sock, number)
        sock.settimeout(0.2)
        buffer = bytearray()
        try:
            if not self._handshake(conn, buffer):
                sock.close()
                return
            with self._cond:
                self._connections.append(conn)
                self._cond.notify_all()
            if self.send_hello:
                self._send_frame(
                    conn,
                    OP_TEXT,
                    json.dumps(hello_message(self.app_id, self.connection_count)).encode(),
                )
            fragments: list[bytes] = []
            fragment_opcode = OP_TEXT
            while conn.open and not self._stopping:
                fin, opcode, data = self._read_frame(conn, buffer)
                if opcode >= OP_CLOSE:  # control frames may come between fragments
                    if not self._control(conn, opcode, data):
                        return
                    continue
                if opcode != OP_CONTINUATION:
                    fragments, fragment_opcode = [], opcode
                fragments.append(data)
                if fin:
                    self._data(fragment_opcode, b"".join(fragments))
                    fragments = []
        except (_Closed, OSError):  # the peer went away (Slack just drops the connection too)
            pass
        finally:
            self._close(conn)

    def _recv_into(self, conn: _Connection, buffer: bytearray, size: int) -> bytes:
        while len(buffer) < size:
            if not conn.open or self._stopping:
                raise _Closed
            try:
                chunk = conn.sock.recv(65536)
            except TimeoutError:
                continue
            if not chunk:
                raise _Closed
            buffer.extend(chunk)
        out = bytes(buffer[:size])
        del buffer[:size]
        return out

    def _handshake(self, conn: _Connection, buffer: bytearray) -> bool:
        deadline = time.monotonic() + PATIENCE
        while b"\r\n\r\n" not in buffer:
            if time.monotonic() > deadline or self._stopping:
                self._violation(f"no complete WebSocket handshake request within {PATIENCE:g} s")
                return False
            try:
                chunk = conn.sock.recv(4096)
            except TimeoutError:
                continue
            if not chunk:
                return False
            buffer.extend(chunk)
        head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
        buffer[:] = rest
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        headers: dict[str, str] = {}
        for line in lines[1:]:
            name, sep, value = line.partition(":")
            if sep:
                headers[name.strip().lower()] = value.strip()
        target = parts[1] if len(parts) == 3 else ""
        url = urlsplit(target)
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        problems = []
        if len(parts) != 3 or parts[0] != "GET" or parts[2] != "HTTP/1.1":
            problems.append(f"request line {lines[0]!r} is not 'GET <path> HTTP/1.1'")
        if headers.get("upgrade", "").lower() != "websocket":
            problems.append("missing 'Upgrade: websocket'")
        if "upgrade" not in headers.get("connection", "").lower():
            problems.append("missing 'Connection: Upgrade'")
        if headers.get("sec-websocket-version") != "13":
            problems.append("Sec-WebSocket-Version is not 13")
        key = headers.get("sec-websocket-key", "")
        try:
            key_ok = len(base64.b64decode(key, validate=True)) == 16
        except ValueError:
            key_ok = False
        if not key_ok:
            problems.append(f"Sec-WebSocket-Key {key!r} is not 16 base64-encoded bytes")
        if url.path != "/link/" or query.get("ticket") != self.ticket:
            problems.append(f"{target!r} is not the URL apps.connections.open gave")
        if "host" not in headers:
            problems.append("missing Host header")
        with self._cond:
            self._handshakes.append(Handshake(url.path, query, headers, not problems))
        if problems:
            for problem in problems:
                self._violation(f"handshake: {problem}")
            body = b"Bad Request"
            conn.sock.sendall(
                b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n"
                b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body)
            )
            return False
        conn.sock.sendall(
            (
                "HTTP/1.1 101 Switching Protocols\r\n"
                "Upgrade: websocket\r\n"
                "Connection: Upgrade\r\n"
                f"Sec-WebSocket-Accept: {websocket_accept(key)}\r\n"
                "\r\n"
            ).encode()
        )
        return True

    def _read_frame(self, conn: _Connection, buffer: bytearray) -> tuple[bool, int, bytes]:
        b1, b2 = self._recv_into(conn, buffer, 2)
        fin, opcode = bool(b1 & 0x80), b1 & 0x0F
        if b1 & 0x70:
            self._violation(f"frame with RSV bits set (first byte {b1:#04x})")
        masked, length = bool(b2 & 0x80), b2 & 0x7F
        if length == 126:
            (length,) = struct.unpack("!H", self._recv_into(conn, buffer, 2))
        elif length == 127:
            (length,) = struct.unpack("!Q", self._recv_into(conn, buffer, 8))
        mask = self._recv_into(conn, buffer, 4) if masked else b""
        data = self._recv_into(conn, buffer, length)
        if not masked:
            self._violation(f"client sent an unmasked frame (opcode {opcode:#x})")
            return fin, opcode, data
        return fin, opcode, bytes(b ^ mask[i % 4] for i, b in enumerate(data))

    def _control(self, conn: _Connection, opcode: int, data: bytes) -> bool:
        """Handle a control frame; False once the connection is closed."""
        if opcode == OP_PING:
            with self._cond:
                conn.pings += 1
            self._send_frame(conn, OP_PONG, data)
            return True
        if opcode == OP_PONG:
            return True
        if opcode == OP_CLOSE:
            with contextlib.suppress(OSError):
                self._send_frame(conn, OP_CLOSE, data[:2])
            self._close(conn)
            return False
        self._violation(f"unknown control opcode {opcode:#x}")
        return True

    def _data(self, opcode: int, data: bytes) -> None:
        if opcode != OP_TEXT:
            self._violation(f"client sent a non-text data frame (opcode {opcode:#x})")
            return
        try:
            message = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            self._violation(f"client sent a text frame that is not JSON: {exc}")
            return
        if not isinstance(message, dict) or "envelope_id" not in message:
            with self._cond:
                self._messages.append(message)
                self._cond.notify_all()
            return
        self._ack(message)

    def _ack(self, ack: dict[str, Any]) -> None:
        envelope_id = str(ack["envelope_id"])
        now = time.monotonic()
        problems = []
        with self._cond:
            sent = self._sent.get(envelope_id)
            if sent is None:
                problems.append(f"ack for envelope {envelope_id} that was never sent")
            else:
                if sent.acked:
                    problems.append(f"envelope {envelope_id} acked twice")
                sent.acked = True
                delay = now - sent.at
                self._ack_delays.setdefault(envelope_id, delay)
                if delay > self.ack_deadline:
                    problems.append(
                        f"envelope {envelope_id} acked after {delay:.1f}s "
                        f"(the deadline is {self.ack_deadline:g}s)"
                    )
                if "payload" in ack and not sent.envelope.get("accepts_response_payload"):
                    problems.append(
                        f"ack of {envelope_id} carries a payload, but the "
                        f"{sent.envelope.get('type')} envelope does not accept one (ignored)"
                    )
            unknown = sorted(set(ack) - {"envelope_id", "payload"})
            if unknown:
                problems.append(f"ack of {envelope_id} has unknown field(s) {unknown}")
            if "payload" in ack and not isinstance(ack["payload"], dict):
                problems.append(f"ack of {envelope_id}: payload must be a JSON object")
            self._acks.append(ack)
            self._cond.notify_all()
        for problem in problems:
            self._violation(problem)
