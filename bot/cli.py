"""The ``corong`` command: run the bot, talk to it in a terminal, read reports, or migrate the
database.

Every failure an operator can fix (a setting, an unreachable database or Slack) ends with one
line naming it and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.config import (
    ConfigError,
    Settings,
    check_for_run,
    configure_logging,
    load_settings,
    redact_secrets,
)


def _database_error(engine: Engine, error: SQLAlchemyError) -> ConfigError:
    """A database failure as the one line an operator reads: where, and the driver's reason."""
    reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
    where = engine.url.render_as_string(hide_password=True)
    return ConfigError(f"Cannot use the database at {where}: {reason}")


def _database(settings: Settings, *, auto_upgrade: bool) -> Engine:
    """An engine for the configured database; SQLite is brought up to date automatically."""
    from storage.db import make_engine
    from storage.migrate import is_up_to_date, upgrade

    engine = make_engine(settings.database)
    where = engine.url.render_as_string(hide_password=True)
    try:
        if engine.dialect.name == "sqlite" and auto_upgrade:
            upgrade(engine)
        elif not is_up_to_date(engine):
            raise ConfigError(
                f"The database schema is not up to date: run `corong db upgrade` first ({where})"
            )
    except SQLAlchemyError as error:
        raise _database_error(engine, error) from None
    return engine


def cmd_run(settings: Settings) -> int:
    """``corong run``: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on PORT."""
    from bot.app import create_app
    from bot.runtime import Runtime
    from bot.server import serve_http, serve_socket_mode

    check_for_run(settings)
    engine = _database(settings, auto_upgrade=True)
    try:
        app = create_app(Runtime(settings=settings, engine=engine))
    except Exception as error:  # auth.test at start-up: a bad token or Slack out of reach
        reason = redact_secrets(f"{type(error).__name__}: {str(error).splitlines()[0][:200]}")
        if settings.oauth:
            raise ConfigError(f"Cannot set up installs into many workspaces ({reason})") from None
        raise ConfigError(
            f"Slack did not accept SLACK_BOT_TOKEN at {settings.slack_api_url} "
            f"({reason}); check the token "
            "on your app's OAuth & Permissions page and that Slack is reachable"
        ) from None
    if settings.oauth:
        logging.getLogger("corong.oauth").info(
            "installs into many workspaces: admins start at /slack/install on PORT %d; Slack "
            "sends them back to /slack/oauth_redirect",
            settings.port,
        )
    start_posts = _scheduled_posts_starter(settings, engine)
    if settings.socket_mode:
        assert settings.slack_app_token is not None
        start_posts()
        serve_socket_mode(
            app, engine, settings.slack_app_token, settings.slack_api_url, settings.port
        )
    else:
        serve_http(app, engine, settings.port, log_level=settings.log_level, on_start=start_posts)
    return 0


def _scheduled_posts_starter(settings: Settings, engine: Engine) -> Callable[[], None]:
    """What starts the nudges, standups and digests in the serving process (gunicorn's worker,
    not its master, so the scheduler lives beside the app that handles the clicks)."""

    def start() -> None:
        if not settings.scheduled_posts:
            logging.getLogger("corong.scheduler").info("scheduled posts are off (SCHEDULED_POSTS)")
            return
        from bot.posts.scheduler import deliverer_for, start_scheduler

        start_scheduler(deliverer_for(settings, engine))

    return start


def cmd_jobs(settings: Settings, args: argparse.Namespace) -> int:
    """``corong jobs list|run|status``."""
    from bot.posts.cli import JobsFailed, cmd_jobs_list, cmd_jobs_run, cmd_jobs_status

    engine = _database(settings, auto_upgrade=True)
    now = datetime.now(UTC)
    try:
        if args.jobs_command == "list":
            output = cmd_jobs_list(engine, args, now)
        elif args.jobs_command == "status":
            output = cmd_jobs_status(engine, args, now)
        else:
            output = cmd_jobs_run(engine, settings, args, now)
    except JobsFailed as failed:
        print(failed, flush=True)
        return 1
    except SQLAlchemyError as error:
        raise _database_error(engine, error) from None
    sys.stdout.write(output)
    return 0


def cmd_db_upgrade(settings: Settings) -> int:
    """``corong db upgrade``: apply every pending migration."""
    from storage.db import make_engine
    from storage.migrate import current_revision, upgrade

    engine = make_engine(settings.database)
    try:
        upgrade(engine)
        revision = current_revision(engine)
    except SQLAlchemyError as error:
        raise _database_error(engine, error) from None
    print(f"database at revision {revision}")
    return 0


def cmd_shell(settings: Settings, args: argparse.Namespace) -> int:
    """``corong shell``: the bot in a terminal, no Slack needed."""
    from bot.shell.repl import ShellOptions, run_shell

    engine = _database(settings, auto_upgrade=True)
    options = ShellOptions(
        user_id=args.user,
        user_name=args.name,
        team_id=args.team,
        locale=args.locale,
        timezone=args.tz,
    )
    return run_shell(engine, options)


def add_report_commands(report: argparse.ArgumentParser, *, with_workspace: bool) -> None:
    """The ``report`` subcommands and their options: ``corong report`` and the shell's
    ``report`` line read the very same ones (the shell's workspace is its own)."""
    from commands.i18n import LANGUAGES
    from commands.reports.request import PERIODS

    sub = report.add_subparsers(dest="report_command", required=True, metavar="{funnel}")
    funnel = sub.add_parser(
        "funnel",
        help="the funnel report: conversion, outcomes, activity, speed, hygiene, forecast",
        description="The funnel report of a workspace, a team or a rep, as text, JSON or a "
        "PNG chart. Periods are calendar weeks (Monday to Sunday) and months in the "
        "workspace's time zone.",
    )
    who = funnel.add_mutually_exclusive_group()
    who.add_argument("--team", metavar="TEAM", help="only this team's reps (its name)")
    who.add_argument("--rep", metavar="SLACK_USER_ID", help="only this rep (a Slack user id)")
    funnel.add_argument(
        "--period", choices=list(PERIODS), default="week", help="the period (default: week)"
    )
    funnel.add_argument(
        "--format",
        choices=("text", "json", "png"),
        default="text",
        help="text to read, JSON for scripts, or a PNG funnel chart (default: text)",
    )
    funnel.add_argument(
        "--output", metavar="FILE", help="write to FILE instead of the terminal (a PNG needs it)"
    )
    if with_workspace:
        funnel.add_argument(
            "--workspace",
            metavar="SLACK_TEAM_ID",
            help="the workspace (needed only when the database holds several)",
        )
    reader = "the workspace's" if with_workspace else "your locale's"
    funnel.add_argument(
        "--lang", choices=LANGUAGES, help=f"language of the report (default: {reader})"
    )


def produce_funnel_report(
    engine: Engine,
    args: argparse.Namespace,
    *,
    team_id: str | None,
    lang: str | None,
    now: datetime,
) -> str | bytes:
    """The report ``args`` ask for, rendered: text or JSON as ``str``, a PNG as ``bytes``.
    ``lang`` (else the workspace's language) is the reader's; a request that names an unknown
    workspace, team or rep is a ``ConfigError`` saying so in that language."""
    from zoneinfo import ZoneInfo

    from commands.errors import CommandError
    from commands.i18n import DEFAULT_LANGUAGE, translate
    from commands.reports.format import (
        period_label,
        report_as_json,
        report_as_text,
        scope_label,
    )
    from commands.reports.request import (
        PERIODS,
        find_report_workspace,
        funnel_report_for,
        member_names,
        report_scope,
    )
    from storage.db import unit_of_work

    reader = lang or DEFAULT_LANGUAGE
    try:
        with unit_of_work(engine, read_only=True) as session:
            workspace = find_report_workspace(session, team_id)
            reader = lang or workspace.language
            scope = report_scope(session, workspace, team=args.team, rep=args.rep)
            report = funnel_report_for(
                session,
                workspace,
                owner_ids=scope.owner_ids,
                period_kind=PERIODS[args.period],
                now=now,
            )
            names = member_names(session, report)
    except CommandError as error:
        raise ConfigError(translate(error.key, reader, **error.params)) from None
    except SQLAlchemyError as error:
        raise _database_error(engine, error) from None
    tz = ZoneInfo(workspace.timezone)
    if args.format == "json":
        return json.dumps(report_as_json(report), indent=2, ensure_ascii=False) + "\n"
    if args.format == "png":
        from bot.charts import funnel_chart_png  # matplotlib loads only for a chart

        title = " · ".join(
            [
                translate("report.chart_title", reader),
                scope_label(report, reader, names, scope.team),
                period_label(report.period_start, report.period_end, reader, tz),
            ]
        )
        return funnel_chart_png(report, reader, title)
    return report_as_text(report, reader, names, tz, team=scope.team)


def write_report(output: str | bytes, path: str, lang: str) -> None:
    """Save a rendered report; a path that cannot be written is one line, not a traceback."""
    from commands.i18n import translate

    try:
        if isinstance(output, bytes):
            Path(path).write_bytes(output)
        else:
            Path(path).write_text(output, encoding="utf-8")
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ConfigError(
            translate("report.cannot_write", lang, path=path, reason=reason)
        ) from None


def cmd_report(settings: Settings, args: argparse.Namespace) -> int:
    """``corong report funnel``: the funnel report in the terminal, as JSON, or as a chart."""
    from commands.i18n import DEFAULT_LANGUAGE, translate

    lang = args.lang or DEFAULT_LANGUAGE
    if args.format == "png" and not args.output and sys.stdout.isatty():
        raise ConfigError(translate("report.png_needs_output", lang))
    engine = _database(settings, auto_upgrade=True)
    output = produce_funnel_report(
        engine, args, team_id=args.workspace, lang=args.lang, now=datetime.now(UTC)
    )
    if args.output:
        write_report(output, args.output, lang)
        print(translate("report.written", lang, path=args.output))
    elif isinstance(output, bytes):
        sys.stdout.buffer.write(output)
        sys.stdout.flush()
    else:
        sys.stdout.write(output)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corong",
        description="Corong, the Slack sales assistant: deals, calls and the funnel, no CRM.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="{run,shell,report,jobs,db}")
    sub.add_parser(
        "run",
        help="run the bot (Socket Mode if SLACK_APP_TOKEN is set, else HTTP on PORT)",
        description="Run the bot. Settings come from the environment or a .env file.",
    )
    shell = sub.add_parser(
        "shell",
        help="talk to the bot in this terminal, no Slack needed",
        description="Type the same slash commands as in Slack; forms become questions.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    shell.add_argument("--user", default="U0SHELL001", help="Slack user id to act as")
    shell.add_argument("--name", default="you", help="display name of that user")
    shell.add_argument("--team", default="T0SHELL001", help="Slack workspace (team) id")
    shell.add_argument("--locale", default="en-US", help="Slack locale: en-US or id-ID")
    shell.add_argument("--tz", default="Asia/Jakarta", help="time zone of that user")
    report = sub.add_parser(
        "report",
        help="print a report in this terminal (text, JSON or a PNG chart)",
        description="Reports from the database, no Slack needed.",
    )
    add_report_commands(report, with_workspace=True)
    jobs = sub.add_parser(
        "jobs",
        help="the scheduled posts: list, run now (or --dry-run), status",
        description="Daily nudges, standups and weekly digests, from a terminal.",
    )
    from bot.posts.cli import add_jobs_commands

    add_jobs_commands(jobs)
    db = sub.add_parser("db", help="database maintenance", description="Database maintenance.")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="{upgrade}")
    db_sub.add_parser("upgrade", help="apply pending migrations (needed before run on PostgreSQL)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``corong`` console script."""
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(
            settings.log_level if args.command == "run" else "WARNING",
            secrets=settings.secret_values(),
        )
        logging.getLogger("alembic").setLevel(logging.WARNING)
        if args.command == "run":
            return cmd_run(settings)
        if args.command == "db":
            return cmd_db_upgrade(settings)
        if args.command == "report":
            return cmd_report(settings, args)
        if args.command == "jobs":
            return cmd_jobs(settings, args)
        return cmd_shell(settings, args)
    except ConfigError as error:
        print(f"corong: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
