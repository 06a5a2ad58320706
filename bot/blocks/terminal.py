"""Block Kit shown as terminal text: the same blocks Slack gets, made readable."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.blocks.tables import align_rows

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


def _rich_text(obj: Any, names: dict[str, str]) -> str:
    """The words a reader sees in a rich_text cell: texts, links, mentions, emoji."""
    if isinstance(obj, list):
        return "".join(_rich_text(item, names) for item in obj)
    if not isinstance(obj, dict):
        return ""
    kind = obj.get("type")
    if kind in ("user", "channel"):
        key = str(obj.get(f"{kind}_id", ""))
        return ("@" if kind == "user" else "#") + names.get(key, key)
    if kind == "emoji":
        return f":{obj.get('name', '')}:"
    if kind == "link":
        return str(obj.get("text") or obj.get("url", ""))
    if isinstance(obj.get("text"), str):
        return str(obj["text"])
    return _rich_text(obj.get("elements"), names)


def _cell_text(cell: Any, names: dict[str, str]) -> str:
    if not isinstance(cell, dict):
        return ""
    if cell.get("type") == "rich_text":
        return _rich_text(cell.get("elements"), names)
    return str(cell.get("text", ""))


def table_lines(block: dict[str, Any], names: dict[str, str]) -> list[str]:
    """A table block as aligned text lines, the way ``bot.blocks.tables`` aligns a table where
    Slack draws none: the columns set ``align: right`` (the numbers) right-aligned."""
    rows = [[_cell_text(cell, names) for cell in row] for row in block.get("rows") or []]
    settings = block.get("column_settings") or []
    right = [isinstance(s, dict) and s.get("align") == "right" for s in settings]
    return align_rows(rows, right)


def _section_lines(text: str) -> list[str]:
    """A section's text as lines; a monospace block (an aligned table) without its fences."""
    if text.startswith("```") and text.endswith("```") and len(text) >= 6:
        return text[3:-3].strip("\n").split("\n")
    return [text]


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
                *before, line = _section_lines(_text(block["text"], names))
                lines.extend(before)
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
        elif kind == "table":
            lines.extend(table_lines(block, names))
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
