"""Block Kit validation for the fake Slack: what Slack rejects, including what slack_sdk misses.

Each check returns human-readable problems (empty list = valid). Two layers:

1. slack_sdk's own models: ``Block.parse(d).to_dict()`` / ``View(**d).to_dict()`` run the
   ``JsonValidator`` limits slack_sdk knows. A key that slack_sdk drops on the round trip is an
   unknown property (Slack answers ``invalid_blocks`` / "invalid additional property").
2. Limits slack_sdk does not check for dicts (or at all): block counts, section/header/button/
   option/placeholder/label lengths, element counts, ids, duplicate ids, modal rules, sizes,
   and the ``table`` block's rules (messages only, one a message, rows, cells, characters).
"""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

MAX_BLOCKS = {"message": 50, "modal": 100, "home": 100}
MESSAGE_TEXT_MAX = 40_000
VIEW_MAX_BYTES = 250_000

# The table block (https://docs.slack.dev/reference/block-kit/blocks/table-block): messages only,
# one a message, at most 100 rows of at most 20 cells, at most 20 column settings, and at most
# 10,000 characters across a table's cells (and across all the tables of one message).
TABLE_MAX_ROWS = 100
TABLE_MAX_CELLS = 20
TABLE_MAX_COLUMN_SETTINGS = 20
TABLE_MAX_CHARS = 10_000
# Slack's answer to a message with a second table (``invalid_blocks`` for the other table rules).
ONLY_ONE_TABLE = "only_one_table_allowed"
_TABLE_CELL_TYPES = ("raw_text", "raw_number", "rich_text")
_TABLE_ALIGNS = ("left", "center", "right")

_SELECTS_WITH_OPTIONS = {"static_select", "multi_static_select"}
_OPTION_LIST_ELEMENTS = {"overflow": (1, 5), "checkboxes": (1, 10), "radio_buttons": (1, 10)}


def _text_len(obj: Any) -> int:
    if isinstance(obj, dict):
        text = obj.get("text")
        return len(text) if isinstance(text, str) else 0
    return len(obj) if isinstance(obj, str) else 0


def _check_text_object(
    obj: Any, path: str, *, max_len: int | None, plain_only: bool = False
) -> list[str]:
    if obj is None:
        return []
    if not isinstance(obj, dict):
        return [f"{path}: must be a text object {{type, text}}, not {type(obj).__name__}"]
    problems: list[str] = []
    kind = obj.get("type")
    allowed = ("plain_text",) if plain_only else ("plain_text", "mrkdwn")
    if kind not in allowed:
        problems.append(f"{path}.type: must be {' or '.join(allowed)}, got {kind!r}")
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        problems.append(f"{path}.text: must be a non-empty string")
    elif max_len is not None and len(text) > max_len:
        problems.append(f"{path}.text: {len(text)} characters, max {max_len}")
    return problems


def _check_len(value: Any, path: str, max_len: int) -> list[str]:
    if isinstance(value, str) and len(value) > max_len:
        return [f"{path}: {len(value)} characters, max {max_len}"]
    return []


def _check_option(opt: Any, path: str) -> list[str]:
    if not isinstance(opt, dict):
        return [f"{path}: option must be an object"]
    problems = _check_text_object(opt.get("text"), f"{path}.text", max_len=75)
    if "value" in opt:
        problems += _check_len(opt["value"], f"{path}.value", 150)
    problems += _check_text_object(opt.get("description"), f"{path}.description", max_len=75)
    problems += _check_len(opt.get("url"), f"{path}.url", 3000)
    return problems


def _check_confirm(confirm: Any, path: str) -> list[str]:
    if not isinstance(confirm, dict):
        return []
    return (
        _check_text_object(confirm.get("title"), f"{path}.title", max_len=100, plain_only=True)
        + _check_text_object(confirm.get("text"), f"{path}.text", max_len=300)
        + _check_text_object(confirm.get("confirm"), f"{path}.confirm", max_len=30, plain_only=True)
        + _check_text_object(confirm.get("deny"), f"{path}.deny", max_len=30, plain_only=True)
    )


def _check_element(el: Any, path: str) -> list[str]:
    """Limits for one interactive (or context) element."""
    if not isinstance(el, dict):
        return [f"{path}: element must be an object"]
    problems: list[str] = []
    kind = el.get("type")
    problems += _check_len(el.get("action_id"), f"{path}.action_id", 255)
    if "placeholder" in el:
        problems += _check_text_object(
            el["placeholder"], f"{path}.placeholder", max_len=150, plain_only=True
        )
    if "confirm" in el:
        problems += _check_confirm(el["confirm"], f"{path}.confirm")
    if kind == "button":
        problems += _check_text_object(el.get("text"), f"{path}.text", max_len=75, plain_only=True)
        problems += _check_len(el.get("value"), f"{path}.value", 2000)
        problems += _check_len(el.get("url"), f"{path}.url", 3000)
    elif kind in _SELECTS_WITH_OPTIONS:
        options = el.get("options")
        groups = el.get("option_groups")
        if options is not None and groups is not None:
            problems.append(f"{path}: use options or option_groups, not both")
        if isinstance(options, list):
            if len(options) > 100:
                problems.append(f"{path}.options: {len(options)} options, max 100")
            for i, opt in enumerate(options):
                problems += _check_option(opt, f"{path}.options[{i}]")
        if isinstance(groups, list):
            if len(groups) > 100:
                problems.append(f"{path}.option_groups: {len(groups)} groups, max 100")
            for g, group in enumerate(groups):
                if not isinstance(group, dict):
                    continue
                problems += _check_text_object(
                    group.get("label"),
                    f"{path}.option_groups[{g}].label",
                    max_len=75,
                    plain_only=True,
                )
                opts = group.get("options") or []
                if len(opts) > 100:
                    problems.append(f"{path}.option_groups[{g}].options: {len(opts)}, max 100")
                for i, opt in enumerate(opts):
                    problems += _check_option(opt, f"{path}.option_groups[{g}].options[{i}]")
        if options is None and groups is None:
            problems.append(f"{path}: {kind} needs options or option_groups")
    elif kind in _OPTION_LIST_ELEMENTS:
        low, high = _OPTION_LIST_ELEMENTS[kind]
        options = el.get("options")
        if not isinstance(options, list) or not low <= len(options) <= high:
            count = len(options) if isinstance(options, list) else 0
            problems.append(f"{path}.options: {kind} needs {low}-{high} options, got {count}")
        for i, opt in enumerate(options or []):
            problems += _check_option(opt, f"{path}.options[{i}]")
    elif kind == "plain_text_input":
        problems += _check_len(el.get("initial_value"), f"{path}.initial_value", 3000)
        max_length = el.get("max_length")
        if isinstance(max_length, int) and max_length > 3000:
            problems.append(f"{path}.max_length: {max_length}, max 3000")
    elif kind == "image":
        problems += _check_len(el.get("alt_text"), f"{path}.alt_text", 2000)
        problems += _check_len(el.get("image_url"), f"{path}.image_url", 3000)
    elif kind == "file_input":
        max_files = el.get("max_files")
        if max_files is not None and not (isinstance(max_files, int) and 1 <= max_files <= 10):
            problems.append(f"{path}.max_files: {max_files!r}, must be 1-10")
    return problems


def _rich_text_chars(obj: Any) -> int:
    """The characters a reader sees in a rich_text object (its texts, links' texts, emoji)."""
    if isinstance(obj, list):
        return sum(_rich_text_chars(item) for item in obj)
    if not isinstance(obj, dict):
        return 0
    text = obj.get("text")
    own = len(text) if isinstance(text, str) else 0
    if obj.get("type") == "emoji" and isinstance(obj.get("name"), str):
        own += len(obj["name"]) + 2
    return own + _rich_text_chars(obj.get("elements"))


def table_chars(block: Any) -> int:
    """Characters across a table block's cells (Slack allows 10,000 a table and a message)."""
    if not isinstance(block, dict) or not isinstance(block.get("rows"), list):
        return 0
    total = 0
    for row in block["rows"]:
        for cell in row if isinstance(row, list) else []:
            if not isinstance(cell, dict):
                continue
            if cell.get("type") == "rich_text":
                total += _rich_text_chars(cell.get("elements"))
            elif isinstance(cell.get("text"), str):
                total += len(cell["text"])
    return total


def _check_table_cell(cell: Any, path: str) -> list[str]:
    if not isinstance(cell, dict):
        return [f"{path}: a table cell must be an object, not {type(cell).__name__}"]
    kind = cell.get("type")
    if kind not in _TABLE_CELL_TYPES:
        return [f"{path}.type: a table cell is raw_text, raw_number or rich_text, got {kind!r}"]
    problems: list[str] = []
    allowed = {"raw_text": {"type", "text"}, "raw_number": {"type", "value", "text"}}.get(kind)
    if allowed is not None:
        for key in sorted(set(cell) - allowed):
            problems.append(f"{path}.{key}: unknown property (Slack: invalid additional property)")
        text = cell.get("text")
        if not isinstance(text, str) or not text:
            problems.append(f"{path}.text: {kind} needs a non-empty string text")
    if kind == "raw_number":
        value = cell.get("value")
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(f"{path}.value: raw_number needs a number, got {value!r}")
    if kind == "rich_text":
        elements = cell.get("elements")
        if not isinstance(elements, list) or not elements:
            problems.append(f"{path}.elements: rich_text needs a non-empty array of elements")
        else:  # the rich_text block's own rules (slack_sdk's model), as in a message
            problems += check_block(cell, path)
    return problems


def _check_table(block: dict[str, Any], path: str) -> list[str]:
    """A table block's rows, cells and column settings, as Slack checks them."""
    problems: list[str] = []
    rows = block.get("rows")
    if not isinstance(rows, list) or not rows:
        return [f"{path}.rows: a table needs a non-empty array of rows"]
    if len(rows) > TABLE_MAX_ROWS:
        problems.append(f"{path}.rows: {len(rows)} rows, max {TABLE_MAX_ROWS}")
    width: int | None = None
    for r, row in enumerate(rows):
        rpath = f"{path}.rows[{r}]"
        if not isinstance(row, list) or not row:
            problems.append(f"{rpath}: a row must be a non-empty array of cells")
            continue
        if len(row) > TABLE_MAX_CELLS:
            problems.append(f"{rpath}: {len(row)} cells, max {TABLE_MAX_CELLS}")
        if width is None:
            width = len(row)
        elif len(row) != width:
            problems.append(
                f"{rpath}: {len(row)} cells, but rows[0] has {width} (every row the same)"
            )
        for c, cell in enumerate(row):
            problems += _check_table_cell(cell, f"{rpath}[{c}]")
    settings = block.get("column_settings")
    if settings is not None:
        if not isinstance(settings, list):
            problems.append(f"{path}.column_settings: must be an array")
        else:
            if len(settings) > TABLE_MAX_COLUMN_SETTINGS:
                problems.append(
                    f"{path}.column_settings: {len(settings)} items, "
                    f"max {TABLE_MAX_COLUMN_SETTINGS}"
                )
            for i, setting in enumerate(settings):
                spath = f"{path}.column_settings[{i}]"
                if setting is None:  # Slack: null skips a column
                    continue
                if not isinstance(setting, dict):
                    problems.append(f"{spath}: must be an object or null")
                    continue
                for key in sorted(set(setting) - {"align", "is_wrapped"}):
                    problems.append(
                        f"{spath}.{key}: unknown property (Slack: invalid additional property)"
                    )
                if "align" in setting and setting["align"] not in _TABLE_ALIGNS:
                    problems.append(
                        f"{spath}.align: must be left, center or right, got {setting['align']!r}"
                    )
                if "is_wrapped" in setting and not isinstance(setting["is_wrapped"], bool):
                    problems.append(
                        f"{spath}.is_wrapped: must be a boolean, got {setting['is_wrapped']!r}"
                    )
    chars = table_chars(block)
    if chars > TABLE_MAX_CHARS:
        problems.append(f"{path}: {chars} characters across its cells, max {TABLE_MAX_CHARS}")
    return problems


def count_tables(blocks: Any) -> int:
    """How many table blocks a blocks array holds."""
    if not isinstance(blocks, list):
        return 0
    return sum(1 for b in blocks if isinstance(b, dict) and b.get("type") == "table")


def check_message_tables(blocks: Any, attachments: Any) -> list[str]:
    """One table a message, counting the message's blocks and its attachments' blocks together
    (``check_blocks`` already flags two tables within one array)."""
    arrays = [blocks]
    if isinstance(attachments, list):
        arrays += [att.get("blocks") for att in attachments if isinstance(att, dict)]
    counts = [count_tables(a) for a in arrays]
    if sum(counts) > 1 and max(counts) <= 1:
        return [
            f"blocks and attachments: {sum(counts)} table blocks in one message, "
            f"max 1 ({ONLY_ONE_TABLE})"
        ]
    return []


def error_for(problem: str, default: str) -> str:
    """The error Slack answers for a Block Kit problem: its own for a second table."""
    return ONLY_ONE_TABLE if f"({ONLY_ONE_TABLE})" in problem else default


def _interactive_elements(block: dict[str, Any]) -> list[Any]:
    kind = block.get("type")
    if kind == "section":
        return [block["accessory"]] if "accessory" in block else []
    if kind in ("actions", "context_actions"):
        return list(block.get("elements") or [])
    if kind == "input":
        return [block["element"]] if "element" in block else []
    return []


def _dropped_keys(raw: Any, rendered: Any, path: str) -> list[str]:
    """Keys in ``raw`` that slack_sdk's model dropped (unknown properties), and strings where an
    object is required (slack_sdk silently upgrades those; Slack rejects them)."""
    problems: list[str] = []
    if isinstance(raw, dict) and isinstance(rendered, dict):
        for key, value in raw.items():
            if key not in rendered:
                problems.append(
                    f"{path}.{key}: unknown property (Slack: invalid additional property)"
                )
            else:
                problems += _dropped_keys(value, rendered[key], f"{path}.{key}")
    elif isinstance(raw, list) and isinstance(rendered, list) and len(raw) == len(rendered):
        for i, (a, b) in enumerate(zip(raw, rendered, strict=True)):
            problems += _dropped_keys(a, b, f"{path}[{i}]")
    elif isinstance(raw, str) and isinstance(rendered, dict):
        problems.append(f"{path}: must be an object (e.g. a text object), not a string")
    return problems


def check_block(block: Any, path: str) -> list[str]:
    """Problems with one block (slack_sdk validation + the limits slack_sdk leaves out)."""
    if not isinstance(block, dict):
        return [f"{path}: block must be an object, not {type(block).__name__}"]
    kind = block.get("type")
    if not isinstance(kind, str):
        return [f"{path}: block has no type"]
    sdk_problems: list[str] = []
    try:
        parsed = Block.parse(block)
        if parsed is None:
            sdk_problems.append(f"{path}: unknown block type {kind!r}")
        else:
            sdk_problems += _dropped_keys(block, parsed.to_dict(), path)
    except SlackObjectFormationError as exc:
        sdk_problems.append(f"{path} ({kind}): {exc}")
    except Exception as exc:  # malformed input that slack_sdk cannot even model
        sdk_problems.append(f"{path} ({kind}): cannot be parsed by slack_sdk: {exc!r}")
    own = _own_block_problems(block, kind, path)
    # slack_sdk reports only its first failure, usually one our own checks name more precisely.
    own_paths = {p.split(":", 1)[0] for p in own}

    def keep(problem: str) -> bool:
        if not own:
            return True
        independent = any(
            marker in problem
            for marker in ("unknown property", "unknown block type", "not a string")
        )
        return independent and problem.split(":", 1)[0] not in own_paths

    return own + [p for p in sdk_problems if keep(p)]


def _own_block_problems(block: dict[str, Any], kind: str, path: str) -> list[str]:
    problems: list[str] = []
    problems += _check_len(block.get("block_id"), f"{path}.block_id", 255)
    if kind == "section":
        if "text" not in block and "fields" not in block:
            problems.append(f"{path}: section needs text or fields")
        problems += _check_text_object(block.get("text"), f"{path}.text", max_len=3000)
        fields = block.get("fields")
        if fields is not None:
            if not isinstance(fields, list):
                problems.append(f"{path}.fields: must be an array")
            else:
                if len(fields) > 10:
                    problems.append(f"{path}.fields: {len(fields)} fields, max 10")
                for i, field in enumerate(fields):
                    problems += _check_text_object(field, f"{path}.fields[{i}]", max_len=2000)
    elif kind == "header":
        problems += _check_text_object(
            block.get("text"), f"{path}.text", max_len=150, plain_only=True
        )
    elif kind == "actions":
        elements = block.get("elements")
        if not isinstance(elements, list) or not elements:
            problems.append(f"{path}.elements: actions block needs 1-25 elements")
        elif len(elements) > 25:
            problems.append(f"{path}.elements: {len(elements)} elements, max 25")
    elif kind == "context":
        elements = block.get("elements")
        if not isinstance(elements, list) or not elements:
            problems.append(f"{path}.elements: context block needs 1-10 elements")
        else:
            if len(elements) > 10:
                problems.append(f"{path}.elements: {len(elements)} elements, max 10")
            for i, el in enumerate(elements):
                if isinstance(el, dict) and el.get("type") in ("plain_text", "mrkdwn"):
                    problems += _check_text_object(el, f"{path}.elements[{i}]", max_len=None)
                else:
                    problems += _check_element(el, f"{path}.elements[{i}]")
    elif kind == "input":
        problems += _check_text_object(
            block.get("label"), f"{path}.label", max_len=2000, plain_only=True
        )
        if block.get("label") is None:
            problems.append(f"{path}.label: input block needs a label")
        problems += _check_text_object(
            block.get("hint"), f"{path}.hint", max_len=2000, plain_only=True
        )
        if block.get("element") is None:
            problems.append(f"{path}.element: input block needs an element")
    elif kind == "image":
        problems += _check_len(block.get("alt_text"), f"{path}.alt_text", 2000)
        problems += _check_len(block.get("image_url"), f"{path}.image_url", 3000)
        problems += _check_text_object(
            block.get("title"), f"{path}.title", max_len=2000, plain_only=True
        )
    elif kind == "table":
        problems += _check_table(block, path)

    elements = _interactive_elements(block)
    where = "elements" if kind in ("actions", "context_actions") else None
    for i, el in enumerate(elements):
        el_path = (
            f"{path}.{where}[{i}]"
            if where
            else (f"{path}.accessory" if kind == "section" else f"{path}.element")
        )
        problems += _check_element(el, el_path)
    return problems


def action_ids(block: Any) -> list[str]:
    """The action_ids of a block's interactive elements, in order."""
    if not isinstance(block, dict):
        return []
    return [
        el["action_id"]
        for el in _interactive_elements(block)
        if isinstance(el, dict) and isinstance(el.get("action_id"), str)
    ]


def check_blocks(
    blocks: Any, *, surface: str, path: str = "blocks", strict_action_ids: bool = True
) -> list[str]:
    """Problems with a ``blocks`` array for a surface: ``message``, ``modal`` or ``home``.

    Duplicate block_ids are always flagged; duplicate action_ids within one block are always
    flagged; with ``strict_action_ids`` the same action_id in two different blocks is flagged too
    (Slack itself only requires uniqueness within a block, but Bolt listeners keyed on action_id
    can no longer tell those elements apart).
    """
    if not isinstance(blocks, list):
        return [f"{path}: must be a JSON array of blocks, not {type(blocks).__name__}"]
    problems: list[str] = []
    limit = MAX_BLOCKS[surface]
    if len(blocks) > limit:
        problems.append(f"{path}: {len(blocks)} blocks, max {limit} per {surface}")
    tables = [i for i, b in enumerate(blocks) if isinstance(b, dict) and b.get("type") == "table"]
    if surface != "message":
        for i in tables:
            problems.append(
                f"{path}[{i}]: a table block is allowed only in messages, not in a {surface} "
                "(Slack: unsupported block type)"
            )
    elif len(tables) > 1:
        problems.append(
            f"{path}: {len(tables)} table blocks ({', '.join(f'{path}[{i}]' for i in tables)}), "
            f"max 1 per message ({ONLY_ONE_TABLE})"
        )
    seen_block_ids: dict[str, int] = {}
    seen_action_ids: dict[str, int] = {}
    for i, block in enumerate(blocks):
        bpath = f"{path}[{i}]"
        problems += check_block(block, bpath)
        if not isinstance(block, dict):
            continue
        block_id = block.get("block_id")
        if isinstance(block_id, str):
            if block_id in seen_block_ids:
                problems.append(
                    f"{bpath}.block_id: duplicate block_id {block_id!r} "
                    f"(also {path}[{seen_block_ids[block_id]}])"
                )
            else:
                seen_block_ids[block_id] = i
        local: set[str] = set()
        for action_id in action_ids(block):
            if action_id in local:
                problem = f"{bpath}: duplicate action_id {action_id!r} within one block"
                if problem not in problems:
                    problems.append(problem)
                continue
            local.add(action_id)
            if action_id in seen_action_ids and strict_action_ids:
                problems.append(
                    f"{bpath}: duplicate action_id {action_id!r} "
                    f"(also in {path}[{seen_action_ids[action_id]}])"
                )
            seen_action_ids.setdefault(action_id, i)
    return problems


def check_view(
    view: Any, *, expect_type: str | None = None, strict_action_ids: bool = True
) -> list[str]:
    """Problems with a view (``modal`` or ``home``) as sent to views.open/push/update/publish."""
    if not isinstance(view, dict):
        return [f"view: must be a JSON object, not {type(view).__name__}"]
    problems: list[str] = []
    kind = view.get("type")
    if kind not in ("modal", "home"):
        problems.append(f"view.type: must be 'modal' or 'home', got {kind!r}")
    elif expect_type is not None and kind != expect_type:
        problems.append(f"view.type: this method needs a {expect_type!r} view, got {kind!r}")
    sdk_problem: str | None = None
    try:
        View(**view).to_dict()
    except SlackObjectFormationError as exc:
        sdk_problem = f"view: {exc}"
    except Exception as exc:
        sdk_problem = f"view: cannot be parsed by slack_sdk: {exc!r}"

    size = len(json.dumps(view, ensure_ascii=False).encode())
    if size >= VIEW_MAX_BYTES:
        problems.append(
            f"view: {size} bytes of JSON, must be under {VIEW_MAX_BYTES} (view_too_large)"
        )
    if kind == "modal":
        if view.get("title") is None:
            problems.append("view.title: a modal needs a title")
        problems += _check_text_object(view.get("title"), "view.title", max_len=24, plain_only=True)
    for key in ("submit", "close"):
        if view.get(key) is not None:
            problems += _check_text_object(view[key], f"view.{key}", max_len=24, plain_only=True)
    problems += _check_len(view.get("private_metadata"), "view.private_metadata", 3000)
    problems += _check_len(view.get("callback_id"), "view.callback_id", 255)
    problems += _check_len(view.get("external_id"), "view.external_id", 255)
    blocks = view.get("blocks")
    if blocks is None:
        problems.append("view.blocks: missing required field")
    else:
        surface = "home" if kind == "home" else "modal"
        problems += check_blocks(
            blocks, surface=surface, path="view.blocks", strict_action_ids=strict_action_ids
        )
        has_input = isinstance(blocks, list) and any(
            isinstance(b, dict) and b.get("type") == "input" for b in blocks
        )
        if kind == "modal" and has_input and view.get("submit") is None:
            problems.append("view.submit: a modal with input blocks needs a submit button")
    if sdk_problem is not None and not problems:
        problems.append(sdk_problem)
    return problems


def check_attachments(
    attachments: Any, *, path: str = "attachments", strict_action_ids: bool = True
) -> list[str]:
    if not isinstance(attachments, list):
        return [f"{path}: must be a JSON array, not {type(attachments).__name__}"]
    problems: list[str] = []
    if len(attachments) > 100:
        problems.append(f"{path}: {len(attachments)} attachments, max 100")
    for i, att in enumerate(attachments):
        if not isinstance(att, dict):
            problems.append(f"{path}[{i}]: attachment must be an object")
            continue
        if "blocks" in att:
            problems += check_blocks(
                att["blocks"],
                surface="message",
                path=f"{path}[{i}].blocks",
                strict_action_ids=strict_action_ids,
            )
    return problems
