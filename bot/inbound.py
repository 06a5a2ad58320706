"""The gate in front of Bolt at ``POST /slack/events``: is it Slack's, and is it a request?

Anyone on the internet can reach the endpoint, so nothing reads a request's body as text, form
or JSON until its signature is known good: Slack's ``v0`` HMAC-SHA256 of
``v0:{timestamp}:{raw body bytes}`` under the signing secret, with a timestamp within five
minutes. The check works on the raw bytes (slack_sdk's ``SignatureVerifier`` decodes the body and
parses the timestamp first, and so fails with an exception on bytes that are not UTF-8 or a
timestamp that is not a number).

Only then is the body checked for a shape Slack sends (UTF-8; a form for slash commands and
interactions, JSON for the Events API; a ``payload`` that is a JSON object; the fields Bolt reads
to route it), and parsed, once: Bolt is handed the result. A signed body that fails is a bug on
Slack's side or a secret that leaked, not an attack from anyone, and is refused as a bad
request, not a crash. The signature is checked here only: Bolt's own check of the same bytes is
off (``bot.app``).

These are pure functions of bytes and headers; ``bot.server`` calls them and answers.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
MAX_AGE_SECONDS = 5 * 60  # Slack's own advice: older requests may be replays
MAX_BODY_BYTES = 1_000_000  # Slack's largest payloads (a big modal's state) are far smaller
_TIMESTAMP = re.compile(r"[0-9]{1,12}")  # ASCII digits only: int() would take "１２" or " 12"
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")

# Where Bolt (and Corong's guard) expect an object or nothing in an interaction payload.
_PAYLOAD_OBJECTS = ("user", "team", "enterprise", "view", "container", "channel", "message")


def check_signature(
    secret: str, body: bytes, timestamp: str | None, signature: str | None, *, now: float
) -> str | None:
    """None when Slack signed ``body`` at ``timestamp`` (within five minutes of ``now``);
    otherwise why not, in a few words for the log."""
    if not timestamp or not signature:
        return "no signature"
    if not _TIMESTAMP.fullmatch(timestamp):
        return "bad timestamp"
    if abs(now - int(timestamp)) > MAX_AGE_SECONDS:
        return "stale timestamp"
    base = b"v0:" + timestamp.encode("ascii") + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    # Compared as bytes: compare_digest refuses str with non-ASCII characters.
    given = signature.encode("utf-8", "replace")
    if not _SIGNATURE.fullmatch(signature) or not hmac.compare_digest(expected.encode(), given):
        return "bad signature"
    return None


def media_type(content_type: str | None) -> str:
    """``application/json`` of ``Application/JSON; charset=utf-8``; "" when there is none."""
    return (content_type or "").split(";", 1)[0].strip().lower()


@dataclass(frozen=True)
class Refused:
    """Why a signed body is not a request Slack sends, in a few words for the log (never the
    body itself)."""

    problem: str


def read_body(body: bytes, content_type: str | None) -> dict[str, Any] | Refused:
    """The request as Bolt reads it (a slash command's fields, an interaction's payload, an
    Events API body), once ``body`` is known to have the shape of one Slack sends; otherwise
    what is wrong with it. Parsed here once: Bolt gets the result, not the text again."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return Refused("body is not UTF-8")
    kind = media_type(content_type)
    if kind == JSON:
        if not text.startswith("{"):  # Bolt reads JSON only from "{" on
            return Refused("JSON body is not an object")
        found = _json_object(text)
        if isinstance(found, str):
            return Refused(found)
        return _refused(_check_envelope(found)) or found
    if kind == FORM:
        return _read_form(text)
    return Refused(f"content type {kind!r} is not one Slack sends" if kind else "no content type")


def _refused(problem: str | None) -> Refused | None:
    return None if problem is None else Refused(problem)


def _json_object(text: str) -> dict[str, Any] | str:
    """The JSON object in ``text``, or what is wrong with it."""
    try:
        value = json.loads(text)
    except ValueError:  # JSONDecodeError
        return "malformed JSON"
    except RecursionError:  # thousands of nested brackets
        return "JSON nested too deeply"
    if not isinstance(value, dict):
        return f"JSON {type(value).__name__} where an object belongs"
    return value


def _read_form(text: str) -> dict[str, Any] | Refused:
    """A slash command's fields, an interaction's ``payload``, or Slack's SSL check.

    A slash command is read as its fields whatever its text says: Bolt, given the text, takes
    any body with the word "payload" in it (``/deal add Payload Systems``) for an interaction.
    """
    if text.startswith("{"):  # Slack never sends a form that looks like JSON
        return Refused("form body looks like JSON")
    fields = dict(parse_qsl(text, keep_blank_values=True))
    if "payload" in fields:
        payload = _json_object(fields["payload"])
        if isinstance(payload, str):
            return Refused(f"payload: {payload}")
        return _refused(_check_payload(payload)) or payload
    if fields.get("ssl_check") == "1":
        return fields
    if not fields.get("command", "").startswith("/"):
        return Refused("form is neither a slash command nor an interaction")
    missing = [name for name in ("team_id", "user_id") if not fields.get(name)]
    if missing:
        return Refused(f"slash command without {', '.join(missing)}")
    return fields


def _check_payload(payload: dict[str, Any]) -> str | None:
    """An interaction payload: a type, and objects where Bolt and Corong look into one."""
    if not isinstance(payload.get("type"), str):
        return "payload without a type"
    for name in _PAYLOAD_OBJECTS:
        if not isinstance(payload.get(name), dict | None):
            return f"payload {name} is not an object"
    actions = payload.get("actions")
    if actions is not None and not _objects(actions):
        return "payload actions are not a list of objects"
    return _check_authorizations(payload)


def _check_envelope(body: dict[str, Any]) -> str | None:
    """An Events API body: its type, and for events the event, its id and its time."""
    kind = body.get("type")
    if not isinstance(kind, str):
        return "JSON without a type"
    if kind == "url_verification" and not isinstance(body.get("challenge"), str):
        return "url_verification without a challenge"
    if kind == "event_callback":
        event = body.get("event")
        if not isinstance(event, dict) or not isinstance(event.get("type"), str):
            return "event_callback without an event"
        event_id = body.get("event_id")
        if not isinstance(event_id, str) or not event_id:
            return "event_callback without an event_id"
        event_time = body.get("event_time")
        if not isinstance(event_time, int) or isinstance(event_time, bool):
            return "event_callback without an event_time"
    return _check_authorizations(body)


def _check_authorizations(body: dict[str, Any]) -> str | None:
    """Bolt takes the workspace from ``authorizations[0]`` when there is one."""
    authorizations = body.get("authorizations")
    if authorizations is not None and not _objects(authorizations):
        return "authorizations are not a list of objects"
    return None


def _objects(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)
