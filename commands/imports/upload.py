"""``/sales import``: the import ``corong import`` runs, from a CSV file an admin uploads.

Opening the form and every check of the file are for admins only. The file is read and checked
whole first (a dry run that leaves no trace); importing it reads it again and writes through
the very same code, as one change ``/sales undo`` takes back. Reading it again is what makes a
second press, or a file changed in between, harmless: rows already here change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from commands.context import CommandContext
from commands.errors import UsageError
from commands.grammar import Token
from commands.i18n import Phrase
from commands.imports.activities import import_activities
from commands.imports.cells import DATE_ORDERS
from commands.imports.deals import ImportOptions, import_deals
from commands.imports.owners import People
from commands.imports.summary import ACTIVITIES, DEALS, ImportSummary
from commands.permissions import require_admin
from commands.replies import Reply
from storage import queries

IMPORT_EXAMPLE = "/sales import"
KINDS = (DEALS, ACTIVITIES)
_KIND_WORDS = {
    "deals": DEALS,
    "deal": DEALS,
    "activities": ACTIVITIES,
    "activity": ACTIVITIES,
    "aktivitas": ACTIVITIES,
    "kegiatan": ACTIVITIES,
}
MAX_FILE_BYTES = 10 * 1024 * 1024  # Slack's limit for a file in a form
UNDO_COMMAND = "/sales undo"

# What an uploaded file comes to: READY to import, REFUSED for its bad rows, NOTHING to change,
# or IMPORTED.
READY, REFUSED, NOTHING, IMPORTED = "ready", "refused", "nothing", "imported"


@dataclass(frozen=True)
class OpenImport(Reply):
    """Ask for the file: the upload form in Slack, with ``kind`` chosen."""

    kind: str = DEALS


@dataclass(frozen=True)
class UploadOptions:
    """What the admin chose beside the file."""

    kind: str = DEALS
    skip_bad: bool = False
    date_order: str | None = None  # dmy | mdy; else read from the file


@dataclass(frozen=True)
class ImportChecked(Reply):
    """What an uploaded file would change, or changed (``outcome``)."""

    summary: ImportSummary
    options: UploadOptions
    outcome: str  # READY, REFUSED, NOTHING or IMPORTED
    undo: str = UNDO_COMMAND

    @property
    def importable(self) -> bool:
        return self.outcome == READY


def open_import(ctx: CommandContext, tokens: list[Token]) -> OpenImport:
    """``/sales import [deals|activities]``: the upload form (admins only)."""
    require_admin(ctx, example=IMPORT_EXAMPLE)
    if len(tokens) > 1:
        raise UsageError("input.unexpected", example=IMPORT_EXAMPLE, text=tokens[1].value)
    if not tokens:
        return OpenImport()
    kind = _KIND_WORDS.get(tokens[0].value.casefold())
    if kind is None:
        raise UsageError(
            "import.bad_kind", example=Phrase("example.import_activities"), text=tokens[0].value
        )
    return OpenImport(kind)


def may_import(ctx: CommandContext, *, file_name: str | None, size: int | None) -> None:
    """Refuse before anything is fetched: a caller who is not an admin, no file, a file that
    is not a CSV by its name, or one over Slack's size limit."""
    require_admin(ctx, example=IMPORT_EXAMPLE)
    if not file_name:
        raise UsageError("import.file_missing", example="corong import deals FILE.csv")
    if not file_name.casefold().endswith(".csv"):
        raise UsageError("import.file_not_csv", file=file_name)
    if size is not None and size > MAX_FILE_BYTES:
        raise UsageError("import.file_too_big", file=file_name, limit=MAX_FILE_BYTES // 2**20)


def check_upload(
    ctx: CommandContext,
    options: UploadOptions,
    *,
    text: str,
    file_name: str,
    people: People | None,
    apply: bool,
) -> ImportChecked:
    """Read and check the whole file; with ``apply``, write it too (unless a row is bad and
    skipping bad rows was not asked for). Nothing else is kept: a dry run or a refusal rolls
    back even the members an owner look-up added."""
    require_admin(ctx, example=IMPORT_EXAMPLE)  # again: a submission or a press can be forged
    if options.date_order is not None and options.date_order not in DATE_ORDERS:
        raise UsageError("import.bad_date_order", example="dmy", text=options.date_order)
    if apply:  # one import at a time per workspace: a second press finds the first's deals
        queries.lock_workspace(ctx.session, ctx.workspace, exclusive=True)
    if options.kind == ACTIVITIES:
        activities = import_activities(
            ctx.session,
            workspace=ctx.workspace,
            member_id=ctx.member_id,
            text=text,
            file_name=file_name,
            people=people,
            now=ctx.now,
            dates=options.date_order,
            dry_run=not apply,
            skip_bad=options.skip_bad,
        )
        summary = ImportSummary.of_activities(activities, file_name)
        wrote = activities.batch is not None
    else:
        deals = import_deals(
            ctx.session,
            workspace=ctx.workspace,
            member_id=ctx.member_id,
            text=text,
            file_name=file_name,
            options=ImportOptions(
                date_order=options.date_order, dry_run=not apply, skip_bad=options.skip_bad
            ),
            people=people,
            now=ctx.now,
        )
        summary = ImportSummary.of_deals(deals, file_name)
        wrote = deals.wrote
    if wrote:
        ctx.changed = True
        outcome = IMPORTED
    else:
        ctx.session.rollback()
        if summary.problems and not options.skip_bad:
            outcome = REFUSED
        elif summary.changes:
            outcome = READY
        else:
            outcome = NOTHING
    return ImportChecked(summary, options, outcome)
