"""Block Kit shown as terminal text: the same blocks Slack gets, made readable."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_USER = re.compile(r"<@([A-Z0-9]+)(?:\|([^>]+))?>")
_CHANNEL = re.compile(r"<#([A-Z0-9]+)(?:\|([^>]+))?>")
_LINK = re.compile(r"<([^|>]+)\|([^>]+)>")


@dataclass(frozen=True)
class Button:
    """A button the terminal user can press by number."""

    label: str
    action_id: str
    value: str
    block_id: str


def mrkdwn_to_text(text: str, names: dict[str, str]) -> str:
    """Slack mrkdwn as plain terminal text: mentions by name, escapes undone. ``names`` holds
    users' names and channels' names by id."""
    text = _USER.sub(lambda m: "@" + (m.group(2) or names.get(m.group(1), m.group(1))), text)
    text = _CHANNEL.sub(lambda m: "#" + (m.group(2) or names.get(m.group(1), m.group(1))), text)
    text = _LINK.sub(lambda m: m.group(2), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _text(obj: dict[str, Any] | None, names: dict[str, str]) -> str:
    if not obj:
        return ""
    return mrkdwn_to_text(obj.get("text", ""), names)


def _numbered(
    element: dict[str, Any],
    block: dict[str, Any],
    buttons: list[Button],
    first_number: int,
    names: dict[str, str],
) -> str:
    """Number a button, remember it for pressing, and return its ``[n] label``."""
    label = _text(element.get("text"), names)
    buttons.append(
        Button(label, element["action_id"], element.get("value", ""), block.get("block_id", ""))
    )
    return f"[{first_number + len(buttons) - 1}] {label}"


def render_blocks(
    blocks: list[dict[str, Any]], names: dict[str, str], first_number: int = 1
) -> tuple[str, list[Button]]:
    """Lines for the terminal, and the buttons in order (numbered from ``first_number``)."""
    lines: list[str] = []
    buttons: list[Button] = []
    for block in blocks:
        kind = block.get("type")
        if kind in ("section", "header"):
            if block.get("text"):
                line = _text(block["text"], names)
                accessory = block.get("accessory") or {}
                if accessory.get("type") == "button":
                    line += "   " + _numbered(accessory, block, buttons, first_number, names)
                lines.append(line)
            fields = block.get("fields") or []
            for field in fields:
                label, _, value = _text(field, names).partition("\n")
                lines.append(f"  {label.strip('*')}: {value.replace(chr(10), ' ')}")
        elif kind == "context":
            lines.append("  " + "  ".join(_text(e, names) for e in block.get("elements", [])))
        elif kind == "divider":
            lines.append("  " + "-" * 40)
        elif kind == "actions":
            labels = []
            for element in block.get("elements", []):
                if element.get("type") == "button":
                    labels.append(_numbered(element, block, buttons, first_number, names))
                elif element.get("type") in ("static_select", "overflow"):
                    # Shown so the reader knows the choice is there; only buttons are pressable.
                    choices = " / ".join(_text(o.get("text"), names) for o in element["options"])
                    title = _text(element.get("placeholder"), names)
                    labels.append(f"<{title + ' ' if title else ''}{choices}>")
            if labels:
                lines.append("  " + "   ".join(labels))
    return "\n".join(lines), buttons
