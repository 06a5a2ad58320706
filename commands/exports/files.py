"""``/sales export``: the file ``corong export`` writes, made for an admin to take away.

The command is answered at once (admins only; an empty export says so and sends nothing); the
file is built after the answer, from the same rows and the same CSV writer as the terminal's.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.context import CommandContext
from commands.errors import UsageError
from commands.exports.formats import write_rows
from commands.exports.tables import KINDS, ExportRequest, columns_of, export_rows
from commands.grammar import Token
from commands.permissions import require_admin
from commands.replies import Notice
from storage import exports
from storage.models import Workspace

EXPORT_EXAMPLE = "/sales export deals"
_KIND_WORDS = {
    "deals": "deals",
    "deal": "deals",
    "activities": "activities",
    "activity": "activities",
    "aktivitas": "activities",
    "kegiatan": "activities",
    "bant": "bant",
}


@dataclass(frozen=True)
class ExportRequested(Notice):
    """The answer to ``/sales export``: the file of ``kind`` follows in the caller's DM."""

    kind: str = "deals"


@dataclass(frozen=True)
class ExportFile:
    """An export as one CSV file."""

    name: str
    text: str
    rows: int


def request_export(ctx: CommandContext, tokens: list[Token]) -> Notice:
    """``/sales export [deals|activities|bant]`` (admins): the file follows, or, when there
    is nothing of that kind yet, a message that says so."""
    require_admin(ctx, example=EXPORT_EXAMPLE)
    if len(tokens) > 1:
        raise UsageError("input.unexpected", example=EXPORT_EXAMPLE, text=tokens[1].value)
    kind = _KIND_WORDS.get(tokens[0].value.casefold()) if tokens else "deals"
    if kind is None:
        raise UsageError("export.bad_kind", example=EXPORT_EXAMPLE, text=tokens[0].value)
    assert kind in KINDS
    rows = exports.count_rows(ctx.session, workspace_id=ctx.workspace_id, kind=kind)
    if not rows:
        return Notice(f"export.empty.{kind}")
    key = f"export.sending.{kind}_one" if rows == 1 else f"export.sending.{kind}"
    return ExportRequested(key, {"count": rows}, kind=kind)


def export_file(session: Session, workspace: Workspace, kind: str, now: datetime) -> ExportFile:
    """Every row of ``kind`` in the workspace, as ``corong export KIND`` writes it."""
    assert workspace.id is not None
    tz = ZoneInfo(workspace.timezone)
    out = io.StringIO()
    rows = write_rows(
        export_rows(session, kind, ExportRequest(workspace_id=workspace.id, tz=tz)),
        columns_of(kind),
        out,
        "csv",
    )
    day = now.astimezone(tz).date().isoformat()
    return ExportFile(f"corong-{kind}-{day}.csv", out.getvalue(), rows)
