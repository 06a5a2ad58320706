"""The ``/sales import`` modal in each of its states: the upload form; a wait while the file is
read or written; what the file would change (with the *Import* button) or changed; a problem.
Also what a submission of the form holds, and the upload the modal carries from the check to the
*Import* press (its ``private_metadata``).

The summary is the terminal's (``commands.imports.summary``), line for line, packed into sections
within Slack's limits: the bad rows beyond what fits end in "and N more".
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    CheckboxesElement,
    HeaderBlock,
    InputBlock,
    Option,
    RadioButtonsElement,
    StaticSelectElement,
)
from slack_sdk.models.blocks.block_elements import FileInputElement
from slack_sdk.models.views import View

from bot import ids
from bot.blocks.elements import SECTION_TEXT_LIMIT, button, clip, context, section
from bot.blocks.replies import render_problem
from bot.blocks.text import escape, plain, say
from commands.imports.cells import DATE_ORDERS
from commands.imports.summary import (
    ACTIVITIES,
    ImportSummary,
    more_line,
    problem_line,
    summary_lines,
)
from commands.imports.upload import (
    IMPORTED,
    KINDS,
    NOTHING,
    READY,
    REFUSED,
    ImportChecked,
    UploadOptions,
)
from commands.replies import Problem

SKIP = "skip"
PROBLEM_SECTIONS = 10  # sections of bad rows at most; the rest are counted
DETAIL_SECTIONS = 3  # sections of stage, date and column lines at most
FORM_DATES = "import.dates_line_form"


@dataclass(frozen=True)
class Upload:
    """A file attached to the form and what was chosen with it."""

    file_id: str
    name: str
    url: str
    size: int | None
    options: UploadOptions

    def metadata(self) -> str:
        """The upload as the modal's private_metadata (well inside Slack's 3,000 characters)."""
        return json.dumps(
            {
                "f": self.file_id[:40],
                "n": self.name[:255],
                "u": self.url[:2000],
                "z": self.size,
                "k": self.options.kind,
                "s": "1" if self.options.skip_bad else "",
                "o": self.options.date_order or "",
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_metadata(cls, text: str | None) -> Upload | None:
        """The upload a modal carries; None for anything it did not write."""
        try:
            data = json.loads(text or "")
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        strings = {key: data.get(key) for key in ("f", "n", "u", "k", "s", "o")}
        if not all(isinstance(value, str) for value in strings.values()):
            return None
        if not (strings["f"] and strings["n"] and strings["u"]) or strings["k"] not in KINDS:
            return None
        size = data.get("z")
        return cls(
            file_id=str(strings["f"]),
            name=str(strings["n"]),
            url=str(strings["u"]),
            size=size if isinstance(size, int) else None,
            options=UploadOptions(
                kind=str(strings["k"]),
                skip_bad=strings["s"] == "1",
                date_order=strings["o"] if strings["o"] in DATE_ORDERS else None,
            ),
        )


def submitted_upload(view: dict[str, Any]) -> tuple[Upload | None, str | None]:
    """From a submission of the form: the upload with the options chosen (None without a file
    to fetch), and the attached file's name (even when there is no link to fetch it by)."""
    values = (view.get("state") or {}).get("values") or {}

    def state(block_id: str) -> dict[str, Any]:
        found = (values.get(block_id) or {}).get(block_id)
        return found if isinstance(found, dict) else {}

    kind = _chosen(state(ids.IMPORT_KIND).get("selected_option"))
    dates = _chosen(state(ids.IMPORT_DATES).get("selected_option"))
    checked = state(ids.IMPORT_SKIP_BAD).get("selected_options") or []
    options = UploadOptions(
        kind=kind if kind in KINDS else KINDS[0],
        skip_bad=any(_chosen(option) == SKIP for option in checked),
        date_order=dates if dates in DATE_ORDERS else None,
    )
    files = state(ids.IMPORT_FILE).get("files")
    file = files[0] if isinstance(files, list) and files and isinstance(files[0], dict) else {}
    name = file.get("name") if isinstance(file.get("name"), str) else None
    file_id, size = file.get("id"), file.get("size")
    url = file.get("url_private_download") or file.get("url_private")  # the same bytes
    if not (name and isinstance(file_id, str) and isinstance(url, str)):
        return None, name
    return Upload(file_id, name, url, size if isinstance(size, int) else None, options), name


def _chosen(option: Any) -> str | None:
    value = option.get("value") if isinstance(option, dict) else None
    return value if isinstance(value, str) else None


# --- the modal's states ---------------------------------------------------------------------


def upload_modal(lang: str, kind: str) -> View:
    """The form: the file, what it holds, how to read its dates, and whether to skip bad rows."""
    kinds = [Option(value=k, text=plain(f"import.kind.{k}", lang)) for k in KINDS]
    orders = [Option(value=o, text=plain(f"import.order.{o}", lang)) for o in DATE_ORDERS]
    return View(
        type="modal",
        callback_id=ids.IMPORT_CALLBACK,
        title=plain("modal.import_title", lang),
        submit=plain("import.check", lang),
        close=plain("modal.cancel", lang),
        blocks=[
            InputBlock(
                block_id=ids.IMPORT_FILE,
                label=plain("import.field_file", lang),
                hint=plain("import.hint_file", lang),
                element=FileInputElement(action_id=ids.IMPORT_FILE, filetypes=["csv"], max_files=1),
            ),
            InputBlock(
                block_id=ids.IMPORT_KIND,
                label=plain("import.field_kind", lang),
                element=RadioButtonsElement(
                    action_id=ids.IMPORT_KIND,
                    options=kinds,
                    initial_option=next((o for o in kinds if o.value == kind), kinds[0]),
                ),
            ),
            InputBlock(
                block_id=ids.IMPORT_DATES,
                label=plain("import.field_dates", lang),
                optional=True,
                element=StaticSelectElement(
                    action_id=ids.IMPORT_DATES,
                    placeholder=plain("import.dates_auto", lang),
                    options=orders,
                ),
            ),
            InputBlock(
                block_id=ids.IMPORT_SKIP_BAD,
                label=plain("import.field_bad_rows", lang),
                optional=True,
                element=CheckboxesElement(
                    action_id=ids.IMPORT_SKIP_BAD,
                    options=[Option(value=SKIP, text=plain("import.skip_bad", lang))],
                ),
            ),
        ],
    )


def waiting_view(key: str, lang: str, upload: Upload) -> View:
    """While the file is fetched and read (``import.checking``) or written
    (``import.importing``): no button to press twice."""
    return _modal(lang, upload, [section(say(key, lang, file=upload.name))])


def checked_view(reply: ImportChecked, lang: str, upload: Upload) -> View:
    """What the file would change (with *Import* when there is something to import and no bad
    row stops it), or what it changed."""
    summary = reply.summary
    head, *details = summary_lines(summary, lang, dates_key=FORM_DATES)
    blocks: list[Block] = [section(_bold(head))]
    blocks += _packed([f"\u2022 {line.strip()}" for line in details], DETAIL_SECTIONS, lang)
    if summary.problems:
        blocks.append(HeaderBlock(text=plain("import.rows_to_fix", lang)))
        lines = [f"\u2022 {problem_line(p, lang).strip()}" for p in summary.problems]
        blocks += _packed(lines, PROBLEM_SECTIONS, lang)
        if reply.outcome != IMPORTED:
            blocks.append(context(escape(plain("import.mapping_hint", lang))))
    blocks.append(section(_outcome(reply, lang)))
    if reply.importable:
        blocks.append(
            ActionsBlock(
                block_id=ids.IMPORT_RUN,
                elements=[
                    button(plain("import.button", lang), ids.IMPORT_RUN, "run", primary=True)
                ],
            )
        )
    return _modal(lang, upload, blocks)


def problem_view(problem: Problem, lang: str, tz: ZoneInfo, upload: Upload | None) -> View:
    """What stopped the check or the import, and what to do."""
    return _modal(lang, upload, render_problem(problem, lang, tz).blocks)


def _modal(lang: str, upload: Upload | None, blocks: Sequence[Block]) -> View:
    return View(
        type="modal",
        callback_id=ids.IMPORT_CALLBACK,
        title=plain("modal.import_title", lang),
        close=plain("import.close", lang),
        private_metadata=upload.metadata() if upload is not None else None,
        blocks=list(blocks),
    )


def _outcome(reply: ImportChecked, lang: str) -> str:
    summary = reply.summary
    if reply.outcome == READY:
        if summary.problems:
            return say("import.ready_skipping", lang, count=summary.bad)
        return say("import.ready", lang)
    if reply.outcome == REFUSED:
        return ":warning: " + say("import.refused_form", lang)
    if reply.outcome == NOTHING:
        key = (
            "import.nothing_new_activities"
            if summary.kind == ACTIVITIES
            else "import.nothing_changed"
        )
        return say(key, lang)
    assert reply.outcome == IMPORTED
    done = _done(summary, reply.undo, lang)
    if summary.problems:
        done = f"{say('import.skipped_form', lang, count=summary.bad)}\n{done}"
    return f":white_check_mark: {done}"


def _done(summary: ImportSummary, undo: str, lang: str) -> str:
    if summary.kind == ACTIVITIES:
        return say("import.activity_done", lang, new=summary.new, undo=undo)
    return say("import.done", lang, new=summary.new, updated=summary.updated, undo=undo)


def _bold(line: str) -> str:
    return f"*{escape(line.strip())}*"


def _packed(lines: Sequence[str], most: int, lang: str) -> list[Block]:
    """``lines`` as few sections as Slack's 3,000 characters allow, at most ``most`` of them;
    the lines that do not fit are counted in a last line."""
    texts: list[str] = []
    current = ""
    shown = 0
    for line in lines:
        text = clip(escape(line), SECTION_TEXT_LIMIT)
        if current and len(current) + 1 + len(text) <= SECTION_TEXT_LIMIT:
            current = f"{current}\n{text}"
        elif len(texts) + (1 if current else 0) < most:
            if current:
                texts.append(current)
            current = text
        else:
            break
        shown += 1
    if current:
        texts.append(current)
    blocks: list[Block] = [section(text) for text in texts]
    if shown < len(lines):
        blocks.append(context(escape(more_line(len(lines) - shown, lang).strip())))
    return blocks
