"""``corong export deals|activities|bant``: a workspace's records as CSV or JSON lines.

Deals come out in the import's own format: ``corong import deals`` reads the file back.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.exc import SQLAlchemyError

from bot.config import ConfigError, Settings
from bot.database import database_error, open_database


def add_export_commands(parser: argparse.ArgumentParser) -> None:
    from commands.exports.formats import FORMATS
    from commands.exports.tables import KINDS

    parser.add_argument("kind", choices=KINDS, help="what to export")
    parser.add_argument("--format", choices=FORMATS, default="csv", help="csv (default) or jsonl")
    parser.add_argument("--output", metavar="FILE", help="write to FILE instead of the terminal")
    parser.add_argument(
        "--from",
        dest="first_day",
        metavar="YYYY-MM-DD",
        help="from this day (deals: created; activities: done; BANT: submitted)",
    )
    parser.add_argument("--to", dest="last_day", metavar="YYYY-MM-DD", help="to this day, included")
    parser.add_argument("--team", metavar="TEAM", help="only this team's reps (its name)")
    parser.add_argument(
        "--workspace", metavar="SLACK_TEAM_ID", help="needed only when the database holds several"
    )


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"{option} {text!r} is not a day: write it as 2026-10-01") from None


def cmd_export(settings: Settings, args: argparse.Namespace) -> int:
    from commands.errors import CommandError
    from commands.exports.formats import write_rows
    from commands.exports.tables import ExportRequest, columns_of, export_rows
    from commands.i18n import translate
    from commands.localtime import local_midnight
    from commands.reports.request import find_report_workspace, report_scope
    from storage.db import unit_of_work

    first, last = _day(args.first_day, "--from"), _day(args.last_day, "--to")
    if first and last and last < first:
        raise ConfigError("--to is before --from")
    engine = open_database(settings, auto_upgrade=True)
    try:
        with unit_of_work(engine, read_only=True) as session:
            workspace = find_report_workspace(session, args.workspace)
            assert workspace.id is not None
            tz = ZoneInfo(workspace.timezone)
            scope = report_scope(session, workspace, team=args.team)
            request = ExportRequest(
                workspace_id=workspace.id,
                tz=tz,
                owner_ids=scope.owner_ids,
                start=local_midnight(first, tz) if first else None,
                end=local_midnight(last + timedelta(days=1), tz) if last else None,
            )
            rows = export_rows(session, args.kind, request)
            if args.output:
                try:
                    with Path(args.output).open("w", encoding="utf-8", newline="") as out:
                        count = write_rows(rows, columns_of(args.kind), out, args.format)
                except OSError as error:
                    reason = error.strerror or type(error).__name__
                    raise ConfigError(f"Cannot write {args.output} ({reason})") from None
                print(f"{count} {args.kind} written to {args.output}", file=sys.stderr)
            else:
                try:
                    write_rows(rows, columns_of(args.kind), sys.stdout, args.format)
                    sys.stdout.flush()
                except BrokenPipeError:  # piped into head: the reader has what it wanted
                    sys.stdout = open(os.devnull, "w")  # noqa: SIM115  (its last flush goes nowhere)
    except CommandError as error:
        raise ConfigError(translate(error.key, "en", **error.params)) from None
    except SQLAlchemyError as error:
        raise database_error(engine, error) from None
    return 0
