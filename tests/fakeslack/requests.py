"""Build inbound requests exactly as Slack sends them to the bot (see /work/shared/slack/payloads).

Wire conventions:
- slash commands: form-encoded fields (no ``payload=`` wrapper);
- interactivity (block_actions, view_submission, view_closed): form body with one field
  ``payload`` holding compact JSON;
- Events API (event_callback, url_verification): a JSON body;
- every request is signed: ``sign(body, secret)`` gives the headers.

Ids default to the same values as ``FakeSlack`` (team ``T0123ABCDE``, app ``A0123APP45``, bot user
``U0BOTUSER1``), so bodies built here agree with the fake server.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import hmac
import json
import secrets
import time
from typing import Any
from urllib.parse import urlencode

from . import ids

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def _json(data: Any) -> str:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def _payload_form(payload: dict[str, Any]) -> str:
    return urlencode({"payload": _json(payload)})


def _trigger_id() -> str:
    return (
        f"{secrets.randbelow(9 * 10**11) + 10**11}.{secrets.randbelow(9 * 10**10) + 10**10}."
        f"{secrets.token_hex(16)}"
    )


def _action_ts() -> str:
    now = time.time()
    return f"{int(now)}.{int(now * 1_000_000) % 1_000_000:06d}"


# ---------------------------------------------------------------------------- signing


def sign(body: str, secret: str, timestamp: int | None = None) -> dict[str, str]:
    """Headers Slack sends with ``body``: Content-Type, X-Slack-Request-Timestamp, and
    X-Slack-Signature = ``v0=`` + hex(HMAC-SHA256(secret, ``v0:{ts}:{body}``))."""
    ts = int(time.time()) if timestamp is None else int(timestamp)
    base = f"v0:{ts}:{body}".encode()
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    content_type = JSON if body.lstrip().startswith("{") else FORM
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(ts),
        "X-Slack-Signature": f"v0={digest}",
    }


# ---------------------------------------------------------------------------- slash commands


def slash_command_body(
    command: str,
    text: str,
    *,
    user_id: str,
    team_id: str,
    channel_id: str = "C0123ABCDE",
    user_name: str = "budi",
    team_domain: str = ids.TEAM_DOMAIN,
    response_url: str,
    trigger_id: str | None = None,
    channel_name: str = "general",
    api_app_id: str = ids.API_APP_ID,
    enterprise_id: str | None = None,
    enterprise_name: str | None = None,
    token: str = ids.VERIFICATION_TOKEN,
) -> str:
    """The form body of a slash command, fields in Slack's order. ``trigger_id`` defaults to a
    fresh realistic one (use ``FakeSlack.new_trigger_id()`` to have the fake enforce 3 s/once)."""
    if not command.startswith("/"):
        raise ValueError(f"slash command must start with '/': {command!r}")
    fields: list[tuple[str, str]] = [
        ("token", token),
        ("team_id", team_id),
        ("team_domain", team_domain),
    ]
    if enterprise_id is not None:
        fields += [("enterprise_id", enterprise_id), ("enterprise_name", enterprise_name or "")]
    fields += [
        ("channel_id", channel_id),
        ("channel_name", channel_name),
        ("user_id", user_id),
        ("user_name", user_name),
        ("command", command),
        ("text", text),
        ("api_app_id", api_app_id),
        ("is_enterprise_install", "false"),
        ("response_url", response_url),
        ("trigger_id", trigger_id or _trigger_id()),
    ]
    return urlencode(fields)


# ---------------------------------------------------------------------------- interactivity


def _user(user_id: str, team_id: str, user_name: str) -> dict[str, Any]:
    return {"id": user_id, "username": user_name, "name": user_name, "team_id": team_id}


def _team(team_id: str, team_domain: str) -> dict[str, Any]:
    return {"id": team_id, "domain": team_domain}


def message_container(
    channel_id: str, message_ts: str, *, is_ephemeral: bool = False
) -> dict[str, Any]:
    """``container`` of an action taken in a message."""
    return {
        "type": "message",
        "message_ts": message_ts,
        "channel_id": channel_id,
        "is_ephemeral": is_ephemeral,
    }


def view_container(view_id: str) -> dict[str, Any]:
    """``container`` of an action taken in a modal or App Home."""
    return {"type": "view", "view_id": view_id}


def slack_view(
    view: dict[str, Any],
    *,
    team_id: str = ids.TEAM_ID,
    values: dict[str, Any] | None = None,
    api_app_id: str = ids.API_APP_ID,
    bot_id: str = ids.BOT_ID,
) -> dict[str, Any]:
    """``view`` as Slack echoes it in payloads: with id, hash, team_id, block_ids, callback_id,
    private_metadata, state... A view taken from a FakeSlack ``views.*`` response keeps its id and
    hash; a view as the bot sent it gets fresh ones."""
    out = copy.deepcopy(view)
    view_id = out.get("id") or "V" + secrets.token_hex(5).upper()
    out.setdefault("id", view_id)
    out.setdefault("team_id", team_id)
    out.setdefault("type", "modal")
    out["blocks"] = ids.with_block_ids(out.get("blocks") or [])
    out.setdefault("private_metadata", "")
    out.setdefault("callback_id", "")
    out["state"] = {"values": values if values is not None else {}}
    out.setdefault("hash", f"{int(time.time())}.{secrets.token_hex(4)}")
    out.setdefault("clear_on_close", False)
    out.setdefault("notify_on_close", False)
    out.setdefault("previous_view_id", None)
    out.setdefault("root_view_id", view_id)
    out.setdefault("app_id", api_app_id)
    out.setdefault("external_id", "")
    out.setdefault("app_installed_team_id", team_id)
    out.setdefault("bot_id", bot_id)
    return out


def block_actions_body(
    *,
    user_id: str,
    team_id: str,
    actions: list[dict[str, Any]],
    container: dict[str, Any],
    message: dict[str, Any] | None = None,
    view: dict[str, Any] | None = None,
    response_url: str | None = None,
    trigger_id: str | None = None,
    channel_id: str | None = None,
    channel_name: str = "general",
    user_name: str = "budi",
    team_domain: str = ids.TEAM_DOMAIN,
    api_app_id: str = ids.API_APP_ID,
    state_values: dict[str, Any] | None = None,
) -> str:
    """``payload=<json>`` of a ``block_actions`` interaction. Each action gets an ``action_ts``
    if it has none (see ``action_from_blocks`` to build one from the bot's blocks)."""
    channel_id = channel_id or container.get("channel_id")
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": _user(user_id, team_id, user_name),
        "api_app_id": api_app_id,
        "token": ids.VERIFICATION_TOKEN,
        "container": container,
        "trigger_id": trigger_id or _trigger_id(),
        "team": _team(team_id, team_domain),
        "enterprise": None,
        "is_enterprise_install": False,
    }
    if channel_id:
        payload["channel"] = {"id": channel_id, "name": channel_name}
    if view is not None:
        payload["view"] = slack_view(
            view, team_id=team_id, values=state_values, api_app_id=api_app_id
        )
    if message is not None:
        payload["message"] = message
        payload["state"] = {"values": state_values or {}}
    if response_url is not None:
        payload["response_url"] = response_url
    payload["actions"] = [{**a, "action_ts": a.get("action_ts") or _action_ts()} for a in actions]
    return _payload_form(payload)


def view_submission_body(
    view: dict[str, Any],
    values: dict[str, Any],
    *,
    user_id: str,
    team_id: str,
    user_name: str = "budi",
    team_domain: str = ids.TEAM_DOMAIN,
    api_app_id: str = ids.API_APP_ID,
    trigger_id: str | None = None,
    response_urls: list[dict[str, Any]] | None = None,
) -> str:
    """``payload=<json>`` of a ``view_submission``. ``values`` is ``state.values``:
    ``{block_id: {action_id: {"type": ..., "value"/"selected_option"/...: ...}}}`` (see
    ``submission_values_from_view``)."""
    payload = {
        "type": "view_submission",
        "team": _team(team_id, team_domain),
        "user": _user(user_id, team_id, user_name),
        "api_app_id": api_app_id,
        "token": ids.VERIFICATION_TOKEN,
        "trigger_id": trigger_id or _trigger_id(),
        "view": slack_view(view, team_id=team_id, values=values, api_app_id=api_app_id),
        "response_urls": response_urls or [],
        "is_enterprise_install": False,
        "enterprise": None,
    }
    return _payload_form(payload)


def view_closed_body(
    view: dict[str, Any],
    *,
    user_id: str,
    team_id: str,
    is_cleared: bool = False,
    user_name: str = "budi",
    team_domain: str = ids.TEAM_DOMAIN,
    api_app_id: str = ids.API_APP_ID,
) -> str:
    """``payload=<json>`` of a ``view_closed`` (sent only if the view had notify_on_close)."""
    payload = {
        "type": "view_closed",
        "team": _team(team_id, team_domain),
        "user": _user(user_id, team_id, user_name),
        "api_app_id": api_app_id,
        "token": ids.VERIFICATION_TOKEN,
        "view": slack_view(view, team_id=team_id, api_app_id=api_app_id),
        "is_cleared": is_cleared,
        "is_enterprise_install": False,
        "enterprise": None,
    }
    return _payload_form(payload)


# ---------------------------------------------------------------------------- state values

# element type -> key of its value in state.values, and the value when nothing is chosen
_STATE_KEYS: dict[str, tuple[str, Any]] = {
    "plain_text_input": ("value", None),
    "email_text_input": ("value", None),
    "url_text_input": ("value", None),
    "number_input": ("value", None),
    "static_select": ("selected_option", None),
    "external_select": ("selected_option", None),
    "radio_buttons": ("selected_option", None),
    "multi_static_select": ("selected_options", []),
    "multi_external_select": ("selected_options", []),
    "checkboxes": ("selected_options", []),
    "datepicker": ("selected_date", None),
    "timepicker": ("selected_time", None),
    "datetimepicker": ("selected_date_time", None),
    "users_select": ("selected_user", None),
    "multi_users_select": ("selected_users", []),
    "conversations_select": ("selected_conversation", None),
    "multi_conversations_select": ("selected_conversations", []),
    "channels_select": ("selected_channel", None),
    "multi_channels_select": ("selected_channels", []),
    "file_input": ("files", []),  # answer: file objects, as ``FakeSlack.add_file`` makes them
}
_INITIAL_KEYS = {
    "value": "initial_value",
    "selected_option": "initial_option",
    "selected_options": "initial_options",
    "selected_date": "initial_date",
    "selected_time": "initial_time",
    "selected_date_time": "initial_date_time",
    "selected_user": "initial_user",
    "selected_users": "initial_users",
    "selected_conversation": "initial_conversation",
    "selected_conversations": "initial_conversations",
    "selected_channel": "initial_channel",
    "selected_channels": "initial_channels",
}


def _all_options(element: dict[str, Any]) -> list[dict[str, Any]]:
    options = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        options += group.get("options") or []
    return options


def _find_option(element: dict[str, Any], answer: Any, action_id: str) -> dict[str, Any]:
    if isinstance(answer, dict):
        return answer
    options = _all_options(element)
    if element["type"].startswith(("external_select", "multi_external_select")) and not options:
        return {
            "text": {"type": "plain_text", "text": str(answer), "emoji": True},
            "value": str(answer),
        }
    for option in options:
        if option.get("value") == answer:
            return option
    values = [o.get("value") for o in options]
    raise ValueError(f"{action_id}: no option with value {answer!r} (options: {values})")


def _state_value(element: dict[str, Any], key: str, answer: Any, action_id: str) -> Any:
    kind = element["type"]
    if key == "value":
        text = str(answer)
        max_length, min_length = element.get("max_length"), element.get("min_length")
        if isinstance(max_length, int) and len(text) > max_length:
            raise ValueError(
                f"{action_id}: {len(text)} characters, element max_length "
                f"{max_length} (Slack would not let the user type that)"
            )
        if isinstance(min_length, int) and len(text) < min_length:
            raise ValueError(f"{action_id}: shorter than min_length {min_length}")
        return text
    if key == "selected_option":
        return _find_option(element, answer, action_id)
    if key == "selected_options":
        return [_find_option(element, a, action_id) for a in answer]
    if key == "selected_date":
        return answer.isoformat() if isinstance(answer, dt.date) else str(answer)
    if key == "selected_time":
        return answer.strftime("%H:%M") if isinstance(answer, dt.time) else str(answer)
    if key == "selected_date_time":
        return int(answer.timestamp()) if isinstance(answer, dt.datetime) else int(answer)
    if key.endswith("s") and kind.startswith("multi_"):
        return list(answer)
    return answer


def submission_values_from_view(view: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """``state.values`` for submitting ``view`` with ``answers`` keyed by action_id.

    Values per element: text inputs -> ``value`` (str); static/external selects and radio
    buttons -> ``selected_option`` (answer is the option's value, or an option dict);
    multi-selects/checkboxes -> ``selected_options`` (list of values); datepicker ->
    ``selected_date`` (``date`` or ``"YYYY-MM-DD"``); timepicker -> ``selected_time``;
    users/conversations/channels selects -> ``selected_user``/... (ids); file inputs ->
    ``files`` (a list of file objects from ``FakeSlack.add_file``).

    Like Slack: every input block appears (unanswered ones with their initial value or null);
    stateful elements of section/actions blocks appear only when answered. Raises ``KeyError``
    for an action_id not in the view and ``ValueError`` for an unanswered required input, an
    option not offered, or text outside min/max_length.
    """
    blocks = ids.with_block_ids(view.get("blocks") or [])
    values: dict[str, dict[str, Any]] = {}
    found: dict[str, str] = {}
    for block in blocks:
        if not isinstance(block, dict):
            continue
        kind = block.get("type")
        if kind == "input":
            elements = [block.get("element")]
        elif kind == "section":
            elements = [block.get("accessory")]
        elif kind == "actions":
            elements = list(block.get("elements") or [])
        else:
            continue
        for element in elements:
            if not isinstance(element, dict) or element.get("type") not in _STATE_KEYS:
                continue
            action_id = element.get("action_id")
            if not action_id:
                continue
            if action_id in found and action_id in answers:
                raise ValueError(
                    f"action_id {action_id!r} is in blocks {found[action_id]!r} and "
                    f"{block['block_id']!r}: answers by action_id are ambiguous"
                )
            found[action_id] = block["block_id"]
            key, empty = _STATE_KEYS[element["type"]]
            if action_id in answers:
                value = _state_value(element, key, answers[action_id], action_id)
            elif kind != "input":
                continue
            elif _INITIAL_KEYS.get(key, "") in element:
                value = copy.deepcopy(element[_INITIAL_KEYS[key]])
            else:
                if not block.get("optional", False):
                    raise ValueError(
                        f"required input {action_id!r} (block {block['block_id']!r}) has no "
                        "answer: Slack would not let the user submit"
                    )
                value = copy.deepcopy(empty)
            values.setdefault(block["block_id"], {})[action_id] = {
                "type": element["type"],
                key: value,
            }
    unknown = sorted(set(answers) - set(found))
    if unknown:
        raise KeyError(f"action_id(s) {unknown} not in the view (has: {sorted(found)})")
    return values


def action_from_blocks(
    blocks: list[dict[str, Any]], action_id: str, answer: Any = None
) -> dict[str, Any]:
    """The ``actions[]`` entry Slack sends when the user clicks/chooses the element
    ``action_id`` in ``blocks`` (e.g. the bot's posted message blocks). ``answer``: the option
    value for selects/overflow, the date for datepickers, the user id for users_select."""
    for block in ids.with_block_ids(blocks):
        candidates = (
            [block.get("accessory")]
            if block.get("type") == "section"
            else [block.get("element")]
            if block.get("type") == "input"
            else list(block.get("elements") or [])
        )
        for element in candidates:
            if not isinstance(element, dict) or element.get("action_id") != action_id:
                continue
            action: dict[str, Any] = {
                "type": element["type"],
                "action_id": action_id,
                "block_id": block["block_id"],
            }
            if element["type"] == "button":
                action["text"] = element.get("text")
                if "value" in element:
                    action["value"] = element["value"]
                if "style" in element:
                    action["style"] = element["style"]
            elif element["type"] == "overflow":
                action["selected_option"] = _find_option(element, answer, action_id)
            elif element["type"] in _STATE_KEYS:
                key, _ = _STATE_KEYS[element["type"]]
                action[key] = _state_value(element, key, answer, action_id)
                if "placeholder" in element:
                    action["placeholder"] = element["placeholder"]
            action["action_ts"] = _action_ts()
            return action
    raise KeyError(f"no element with action_id {action_id!r} in the blocks")


# ---------------------------------------------------------------------------- Events API


def event_callback_body(
    event: dict[str, Any],
    *,
    team_id: str,
    event_id: str | None = None,
    api_app_id: str = ids.API_APP_ID,
    event_time: int | None = None,
    bot_user_id: str = ids.BOT_USER_ID,
) -> str:
    """JSON body of an ``event_callback`` wrapping ``event`` (``event_ts`` filled if absent)."""
    now = time.time()
    event = dict(event)
    event.setdefault("event_ts", f"{int(now)}.{int(now * 1_000_000) % 1_000_000:06d}")
    body = {
        "token": ids.VERIFICATION_TOKEN,
        "team_id": team_id,
        "api_app_id": api_app_id,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or "Ev" + secrets.token_hex(5).upper(),
        "event_time": int(now) if event_time is None else event_time,
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": bot_user_id,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": "4-" + secrets.token_urlsafe(24),
    }
    return _json(body)


def app_home_opened_event(
    user_id: str,
    *,
    channel_id: str = "D0123ABCDE",
    tab: str = "home",
    view: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An ``app_home_opened`` event (pass to ``event_callback_body``)."""
    event: dict[str, Any] = {
        "type": "app_home_opened",
        "user": user_id,
        "channel": channel_id,
        "tab": tab,
    }
    if view is not None:
        event["view"] = view
    return event


def url_verification_body(challenge: str | None = None) -> str:
    """JSON body of the Events API ``url_verification`` handshake (reply must echo challenge)."""
    return _json(
        {
            "token": ids.VERIFICATION_TOKEN,
            "challenge": challenge or secrets.token_urlsafe(39),
            "type": "url_verification",
        }
    )
