"""``corong import deals|template|undo``: a team's pipeline in from a CSV file, from a terminal.

The work is ``commands.imports``; here are the options, the file, Slack's people directory
(when a bot token is set), the progress bar and the summary. Exit status 0 when the import
went in (or a dry run found nothing bad), 1 when a row was bad, 2 for a problem the operator
fixes outside the file (a setting, the database, Slack).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from bot.config import ConfigError, Settings
from bot.database import database_error, open_database

if TYPE_CHECKING:
    from bot.slack_people import SlackPeople
    from commands.imports.deals import ImportResult
    from storage.models import Workspace

PROBLEMS_SHOWN = 50
UNDO_COMMAND = "corong import undo"


def add_import_commands(parser: argparse.ArgumentParser) -> None:
    from commands.i18n import LANGUAGES
    from commands.imports.cells import DATE_ORDERS
    from commands.imports.columns import AUTO, FIELDS, SOURCES

    sub = parser.add_subparsers(
        dest="import_command", required=True, metavar="{deals,activities,template,undo}"
    )
    deals = sub.add_parser(
        "deals",
        help="import deals from a CSV export (HubSpot, Pipedrive, Salesforce or Corong's own)",
        description="Import deals from a CSV file, all or nothing: one bad row and nothing is "
        "written (unless --skip-bad). Importing the same file again changes nothing.",
    )
    deals.add_argument("file", metavar="FILE.csv")
    deals.add_argument("--dry-run", action="store_true", help="check and summarise; write nothing")
    deals.add_argument(
        "--source", choices=(AUTO, *SOURCES), default=AUTO, help="where the file comes from"
    )
    deals.add_argument(
        "--map",
        action="append",
        default=[],
        metavar='"Column=field"',
        help=f"read a column as a field ({', '.join(FIELDS)}, or ignore)",
    )
    deals.add_argument(
        "--stage",
        action="append",
        default=[],
        metavar='"Their stage=our stage"',
        help="map one of the file's stages onto the pipeline's",
    )
    deals.add_argument(
        "--owner",
        action="append",
        default=[],
        metavar='"Name or e-mail=U0123ABCD"',
        help="the Slack user a name or e-mail in the owner column stands for",
    )
    deals.add_argument(
        "--dates", choices=DATE_ORDERS, help="01/10/2026 is day first (dmy) or month first (mdy)"
    )
    deals.add_argument(
        "--skip-bad", action="store_true", help="import the good rows, list the rest"
    )
    activities = sub.add_parser(
        "activities",
        help="import calls, meetings and notes on the deals already here",
        description="Import activities from a CSV file (deal_ref or deal_external_id or "
        "deal_name, member, kind, occurred_at, duration_minutes, outcome, notes, next_step, "
        "next_step_due), all or nothing. Importing the same file again adds nothing.",
    )
    activities.add_argument("file", metavar="FILE.csv")
    activities.add_argument("--dry-run", action="store_true", help="check; write nothing")
    activities.add_argument("--skip-bad", action="store_true", help="import the good rows")
    activities.add_argument(
        "--owner", action="append", default=[], metavar='"Name or e-mail=U0123ABCD"'
    )
    activities.add_argument("--dates", choices=DATE_ORDERS, help="day first (dmy) or month first")
    undo = sub.add_parser(
        "undo", help="take back the latest import", description="Take back the latest import."
    )
    template = sub.add_parser(
        "template",
        help="print Corong's own import format: its header and one example row",
        description="Corong's own CSV format, which corong import deals reads with no mapping.",
    )
    for command in (deals, activities, undo):
        command.add_argument(
            "--workspace",
            metavar="SLACK_TEAM_ID",
            help="needed only when the database holds several",
        )
        command.add_argument("--lang", choices=LANGUAGES, help="language of the summary")
    for command in (deals, activities):
        command.add_argument(
            "--as",
            dest="as_user",
            metavar="SLACK_USER_ID",
            help="who imports (an admin; the default when the workspace has exactly one)",
        )
    del template


def cmd_import(settings: Settings, args: argparse.Namespace) -> int:
    if args.import_command == "template":
        from commands.imports.template import template_csv

        sys.stdout.write(template_csv())
        return 0
    engine = open_database(settings, auto_upgrade=True)
    try:
        if args.import_command == "undo":
            return _undo(engine, args)
        if args.import_command == "activities":
            return _activities(engine, settings, args)
        return _deals(engine, settings, args)
    except SQLAlchemyError as error:
        raise database_error(engine, error) from None


def _read(path: str, lang: str) -> str:
    from commands.i18n import translate
    from commands.imports.deals import decode_file

    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ConfigError(translate("import.cannot_read", lang, path=path, reason=reason)) from None
    text = decode_file(raw)
    if text is None:
        raise ConfigError(translate("import.not_utf8", lang, path=path))
    return text


def _deals(engine: Engine, settings: Settings, args: argparse.Namespace) -> int:
    from bot.slack_people import SlackUnavailable
    from commands.errors import CommandError
    from commands.i18n import DEFAULT_LANGUAGE, translate
    from commands.imports.deals import ImportOptions, import_deals
    from storage.db import unit_of_work

    lang = args.lang or DEFAULT_LANGUAGE
    people = _people(settings)
    options = ImportOptions(
        source=args.source,
        columns=args.map,
        stages=args.stage,
        owners=args.owner,
        date_order=args.dates,
        dry_run=args.dry_run,
        skip_bad=args.skip_bad,
    )
    try:
        with unit_of_work(engine) as session:
            workspace = _workspace(session, args.workspace, create=True)
            lang = args.lang or workspace.language
            text = _read(args.file, lang)
            member_id = _importer(session, workspace, args.as_user)
            with _progress(text.count("\n")) as tick:
                result = import_deals(
                    session,
                    workspace=workspace,
                    member_id=member_id,
                    text=text,
                    file_name=Path(args.file).name,
                    options=options,
                    people=people,
                    now=datetime.now(UTC),
                    progress=tick,
                )
            if not result.wrote:
                session.rollback()  # a dry run or a refusal leaves no trace, not even a member
    except CommandError as error:
        raise ConfigError(translate(error.key, lang, **error.params)) from None
    except SlackUnavailable as error:
        raise ConfigError(
            f"Slack did not answer a look-up of the owners ({error}); check SLACK_BOT_TOKEN and "
            "that Slack is reachable, or give owners as Slack user ids"
        ) from None
    print(summary(result, Path(args.file).name, lang, dry_run=args.dry_run, skip_bad=args.skip_bad))
    return 1 if result.plan.problems and not (args.skip_bad and not args.dry_run) else 0


def summary(
    result: ImportResult, file_name: str, lang: str, *, dry_run: bool, skip_bad: bool
) -> str:
    """What the import found and did, in ``lang``: counts, how stages and dates were read,
    every bad row (up to ``PROBLEMS_SHOWN``), and what happened."""
    from commands.i18n import translate
    from commands.imports.summary import ImportSummary, problem_lines, summary_lines

    plan = result.plan
    lines = summary_lines(ImportSummary.of_deals(result, file_name), lang)
    lines += problem_lines(plan.problems, lang, shown=PROBLEMS_SHOWN)
    if dry_run:
        lines.append(translate("import.dry_run", lang))
    elif plan.problems and not skip_bad:
        lines.append(translate("import.refused", lang))
    elif result.wrote:
        if plan.problems:
            lines.append(translate("import.skipped", lang, count=len(plan.bad_lines)))
        lines.append(
            translate(
                "import.done", lang, new=len(plan.new), updated=len(plan.updates), undo=UNDO_COMMAND
            )
        )
    else:
        lines.append(translate("import.nothing_changed", lang))
    return "\n".join(lines)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on a terminal's stderr for a file worth waiting on; nothing otherwise."""
    if not sys.stderr.isatty() or total < 2_000:
        yield None
        return
    from tqdm import tqdm

    with tqdm(total=total, unit="row", file=sys.stderr, leave=False) as bar:

        def tick(done: int) -> None:
            bar.update(done - bar.n)

        yield tick


def _workspace(session: Session, slack_team_id: str | None, *, create: bool) -> Workspace:
    from commands.errors import UsageError
    from commands.reports.request import find_report_workspace
    from storage import queries
    from storage.workspaces import list_workspaces

    if slack_team_id and create:
        return queries.get_or_create_workspace(session, slack_team_id=slack_team_id)
    if not slack_team_id and not list_workspaces(session):
        raise UsageError("import.needs_workspace")
    return find_report_workspace(session, slack_team_id)


def _importer(session: Session, workspace: Workspace, as_user: str | None) -> int:
    from commands.errors import UsageError
    from storage import queries
    from storage.models import Member
    from storage.teams import admin_ids

    assert workspace.id is not None
    if as_user:
        importer = queries.get_or_create_member(
            session, workspace_id=workspace.id, slack_user_id=as_user
        )
        session.flush()
        assert importer.id is not None
        return importer.id
    admins = admin_ids(session, workspace_id=workspace.id)
    if len(admins) == 1:
        return admins[0]
    names = [m.slack_user_id for i in admins if (m := session.get(Member, i)) is not None]
    raise UsageError(
        "import.needs_member", workspace=workspace.slack_team_id, admins=", ".join(names) or "-"
    )


def _people(settings: Settings) -> SlackPeople | None:
    from bot.slack_people import SlackPeople

    if not settings.slack_bot_token:
        return None
    from bot.slack_client import make_web_client

    return SlackPeople(make_web_client(settings.slack_bot_token, settings.slack_api_url))


def _activities(engine: Engine, settings: Settings, args: argparse.Namespace) -> int:
    from bot.slack_people import SlackUnavailable
    from commands.errors import CommandError
    from commands.i18n import DEFAULT_LANGUAGE, translate
    from commands.imports.activities import import_activities
    from commands.imports.summary import ImportSummary, problem_lines, summary_lines
    from storage.db import unit_of_work

    lang = args.lang or DEFAULT_LANGUAGE
    try:
        with unit_of_work(engine) as session:
            workspace = _workspace(session, args.workspace, create=False)
            lang = args.lang or workspace.language
            text = _read(args.file, lang)
            result = import_activities(
                session,
                workspace=workspace,
                member_id=_importer(session, workspace, args.as_user),
                text=text,
                file_name=Path(args.file).name,
                people=_people(settings),
                now=datetime.now(UTC),
                owners=args.owner,
                dates=args.dates,
                dry_run=args.dry_run,
                skip_bad=args.skip_bad,
            )
            if result.batch is None:
                session.rollback()
    except CommandError as error:
        raise ConfigError(translate(error.key, lang, **error.params)) from None
    except SlackUnavailable as error:
        raise ConfigError(f"Slack did not answer a look-up of the members ({error})") from None
    lines = [
        *summary_lines(ImportSummary.of_activities(result, Path(args.file).name), lang),
        *problem_lines(result.problems, lang, shown=PROBLEMS_SHOWN),
    ]
    if args.dry_run:
        lines.append(translate("import.dry_run", lang))
    elif result.problems and not args.skip_bad:
        lines.append(translate("import.refused", lang))
    elif result.batch is not None:
        if result.problems:
            lines.append(translate("import.skipped", lang, count=len(result.bad_lines)))
        lines.append(
            translate("import.activity_done", lang, new=len(result.new), undo=UNDO_COMMAND)
        )
    else:
        lines.append(translate("import.nothing_changed", lang))
    print("\n".join(lines))
    return 1 if result.problems and not (args.skip_bad and not args.dry_run) else 0


def _undo(engine: Engine, args: argparse.Namespace) -> int:
    from commands.errors import CommandError, UsageError
    from commands.i18n import DEFAULT_LANGUAGE, translate
    from commands.imports.undo import undo_import
    from storage import imports
    from storage.db import unit_of_work

    lang = args.lang or DEFAULT_LANGUAGE
    try:
        with unit_of_work(engine) as session:
            workspace = _workspace(session, args.workspace, create=False)
            assert workspace.id is not None
            lang = args.lang or workspace.language
            batch = imports.latest_import(session, workspace_id=workspace.id)
            if batch is None:
                raise UsageError("import.nothing_to_undo")
            undone = undo_import(
                session, workspace_id=workspace.id, batch=batch, when=datetime.now(UTC)
            )
    except CommandError as error:
        raise ConfigError(translate(error.key, lang, **error.params)) from None
    print(
        translate(
            "import.undone_activities" if undone.batch.kind == "activities" else "import.undone",
            lang,
            file=undone.batch.file_name,
            removed=undone.removed,
            restored=undone.restored,
        )
    )
    return 0
