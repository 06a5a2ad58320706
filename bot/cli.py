"""The ``corong`` command: run the bot, talk to it in a terminal, read reports, or migrate the
database.

Every failure an operator can fix (a setting, an unreachable database or Slack) ends with one
line naming it and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING

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
from bot.database import database_error, engine_for, open_database
from bot.report_cli import add_report_commands, produce_funnel_report, write_report

if TYPE_CHECKING:
    from apscheduler.schedulers.background import BackgroundScheduler
    from slack_bolt import App

    from bot.posts.scheduler_lock import SchedulerLock
    from bot.runtime import Runtime
    from bot.server import Served


def cmd_run(settings: Settings) -> int:
    """``corong run``: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on PORT."""
    from bot.runtime import Runtime
    from bot.server import serve_socket_mode

    check_for_run(settings)
    engine = open_database(settings, auto_upgrade=True)
    runtime = Runtime(settings=settings, engine=engine)
    app = _checked_app(runtime)
    if settings.oauth:
        logging.getLogger("corong.oauth").info(
            "installs into many workspaces: admins start at /slack/install on PORT %d; Slack "
            "sends them back to /slack/oauth_redirect",
            settings.port,
        )
    if not settings.scheduled_posts:
        logging.getLogger("corong.scheduler").info("scheduled posts are off (SCHEDULED_POSTS)")
    if not settings.socket_mode:
        # What was built here was the start-up check. Each HTTP worker builds its own engine,
        # app and threads once forked, so none of this process's connections is shared.
        engine.dispose()
        _serve_http(settings)
        return 0
    assert settings.slack_app_token is not None
    if settings.scheduled_posts:
        _start_scheduled_posts(settings, engine)
    serve_socket_mode(app, engine, settings.slack_app_token, settings.slack_api_url, settings.port)
    return 0


def _checked_app(runtime: Runtime, *, verify_token: bool = True) -> App:
    """The Bolt app; with ``verify_token``, Slack's auth.test proves the token first
    (``_prove_token``), so a refused token or an unreachable Slack stops start-up with the one
    line an operator reads."""
    from bot.app import create_app

    settings = runtime.settings
    if verify_token and not settings.oauth:
        _prove_token(settings)
    try:
        # Proven just now (or by the master, for an HTTP worker): Bolt need not ask again.
        return create_app(runtime, verify_token=False)
    except Exception as error:
        reason = redact_secrets(f"{type(error).__name__}: {str(error).splitlines()[0][:200]}")
        if settings.oauth:
            raise ConfigError(f"Cannot set up installs into many workspaces ({reason})") from None
        raise ConfigError(f"Cannot set up the Slack app ({reason})") from None


def _prove_token(settings: Settings) -> None:
    """Ask Slack's auth.test about SLACK_BOT_TOKEN and tell apart what the operator must do: a
    token Slack refused needs a new token (a restart will not help), a Slack that could not be
    reached needs the network or SLACK_API_URL looked at (a restart later may well help), and
    any other answer is named as Slack gave it. Each stops start-up with one line."""
    from slack_sdk.errors import SlackApiError

    from bot.slack_client import CONNECTION_ERRORS, TOKEN_REFUSED_ERRORS, make_web_client

    url = settings.slack_api_url
    # The client logs every failed try at ERROR; the one line below says it all, and
    # LOG_LEVEL=DEBUG still shows the tries.
    tries = logging.getLogger("corong.slack.start_up")
    if not tries.isEnabledFor(logging.DEBUG):
        tries.setLevel(logging.CRITICAL)
    try:
        make_web_client(settings.slack_bot_token, url, logger=tries).auth_test()
    except SlackApiError as error:
        status = error.response.status_code
        said = redact_secrets(str(error.response.get("error") or "").partition("\n")[0][:120])
        if said in TOKEN_REFUSED_ERRORS:
            raise ConfigError(
                f"Slack refused SLACK_BOT_TOKEN ({said}): copy the Bot User OAuth Token (xoxb-...) "
                "from your app's OAuth & Permissions page, reinstalling the app if it was "
                "removed or its token revoked"
            ) from None
        answer = said if status == 200 else f"HTTP {status}" + (f", {said}" if said else "")
        raise ConfigError(
            f"Slack at {url} answered auth.test with {answer}: check that SLACK_API_URL is "
            "Slack's Web API, or try again in a few minutes if Slack is having trouble"
        ) from None
    except CONNECTION_ERRORS as error:
        reason = getattr(error, "reason", None)  # urllib wraps the socket's own error
        cause = reason if isinstance(reason, BaseException) else error
        text = redact_secrets(str(cause).partition("\n")[0][:200])
        what = f"{type(cause).__name__}: {text}" if text else type(cause).__name__
        raise ConfigError(
            f"Slack could not be reached at {url} ({what}): check this machine's network "
            "(DNS, proxy, firewall) and SLACK_API_URL, then start Corong again"
        ) from None


def _serve_http(settings: Settings) -> None:
    """gunicorn with WEB_CONCURRENCY workers; one of them at a time runs the scheduled posts."""
    from bot.posts.scheduler_lock import SchedulerLock
    from bot.server import serve_http

    with ExitStack() as stack:
        try:
            lock = stack.enter_context(SchedulerLock.made())
        except OSError as error:
            raise ConfigError(
                f"Cannot make the scheduled posts' lock in the temporary directory ({error}); "
                "set TMPDIR to a writable directory"
            ) from None
        serve_http(
            partial(_http_worker, settings, lock),
            settings.port,
            workers=settings.web_concurrency,
            log_level=settings.log_level,
        )


def _http_worker(settings: Settings, lock: SchedulerLock) -> Served:
    """What one HTTP worker serves, built in it after the fork: its own database pool (no
    connection of the master's or another worker's), app, after-ack threads and, while it holds
    ``lock``, the scheduler. The master proved the token already, so no auth.test as it boots
    (Bolt asks once, on the worker's first request): a worker forked while Slack is out of
    reach still boots."""
    from bot.runtime import Runtime
    from bot.server import Served, wsgi_app

    engine = engine_for(settings)
    runtime = Runtime(settings=settings, engine=engine)
    app = _checked_app(runtime, verify_token=False)
    scheduler: list[BackgroundScheduler] = []

    def start(serving: Callable[[], bool]) -> None:
        if settings.scheduled_posts:
            lock.wait_then(
                lambda: scheduler.append(_start_scheduled_posts(settings, engine)), serving
            )

    def stop() -> None:
        for running in scheduler:
            running.shutdown(wait=False)
        engine.dispose()

    assert settings.slack_signing_secret is not None  # check_for_run: needed in HTTP mode
    return Served(
        wsgi_app(app, engine, signing_secret=settings.slack_signing_secret),
        start=start,
        stop=stop,
    )


def _start_scheduled_posts(settings: Settings, engine: Engine) -> BackgroundScheduler:
    """The nudges, standups and digests, ticking in this process from now on."""
    from bot.posts.scheduler import deliverer_for, start_scheduler

    return start_scheduler(deliverer_for(settings, engine))


def cmd_jobs(settings: Settings, args: argparse.Namespace) -> int:
    """``corong jobs list|run|status``."""
    from bot.posts.cli import JobsFailed, cmd_jobs_list, cmd_jobs_run, cmd_jobs_status

    engine = open_database(settings, auto_upgrade=True)
    now = datetime.now(UTC)
    try:
        if args.jobs_command == "list":
            output = cmd_jobs_list(engine, args, now)
        elif args.jobs_command == "status":
            output = cmd_jobs_status(engine, args, now, budget=settings.daily_post_budget)
        else:
            output = cmd_jobs_run(engine, settings, args, now)
    except JobsFailed as failed:
        print(failed, flush=True)
        return 1
    except SQLAlchemyError as error:
        raise database_error(engine, error) from None
    sys.stdout.write(output)
    return 0


def cmd_db_upgrade(settings: Settings) -> int:
    """``corong db upgrade``: apply every pending migration."""
    from storage.migrate import current_revision, upgrade

    engine = engine_for(settings)
    try:
        upgrade(engine)
        revision = current_revision(engine)
    except SQLAlchemyError as error:
        raise database_error(engine, error) from None
    print(f"database at revision {revision}")
    return 0


def cmd_shell(settings: Settings, args: argparse.Namespace) -> int:
    """``corong shell``: the bot in a terminal, no Slack needed; ``--demo`` inside the demo
    workspace, as its head of sales (built first if it is not there yet)."""
    from bot.shell.repl import ShellOptions, run_shell

    engine = open_database(settings, auto_upgrade=True)
    options = ShellOptions(
        user_id=args.user,
        user_name=args.name,
        team_id=args.team,
        locale=args.locale,
        timezone=args.tz,
    )
    if args.demo:
        from commands.demo.cast import DEMO_TEAM_ID, HEAD

        if not _demo_exists(engine):
            _build_demo(engine)
        options = ShellOptions(
            user_id=HEAD.user_id,
            user_name=HEAD.name,
            team_id=DEMO_TEAM_ID,
            locale=args.locale,
            timezone=args.tz,
        )
    return run_shell(engine, options)


def _demo_exists(engine: Engine) -> bool:
    from commands.demo.cast import DEMO_TEAM_ID
    from storage import queries
    from storage.db import unit_of_work

    with unit_of_work(engine, read_only=True) as session:
        return queries.find_workspace(session, slack_team_id=DEMO_TEAM_ID) is not None


def _build_demo(engine: Engine) -> str:
    """Build (or rebuild) the demo workspace; a line saying what it holds."""
    from commands.demo.build import build_demo
    from storage.db import unit_of_work

    try:
        with unit_of_work(engine) as session:
            made = build_demo(session, now=datetime.now(UTC))
    except SQLAlchemyError as error:
        raise database_error(engine, error) from None
    return (
        f"Demo workspace {made.team_id}: {made.teams} teams, {made.reps} reps, "
        f"{sum(made.deals.values())} deals ({made.deals['open']} open, {made.deals['won']} won, "
        f"{made.deals['lost']} lost), {made.calls} calls over the last 120 days."
    )


def cmd_demo(settings: Settings) -> int:
    """``corong demo``: (re)build the demo workspace in the configured database."""
    engine = open_database(settings, auto_upgrade=True)
    print(_build_demo(engine))
    print(
        "Try it: corong shell --demo, then /pipeline team Jakarta, /funnel last month or "
        "/forecast team Jakarta; "
        "corong report funnel --workspace T0DEMO0001; "
        "corong jobs run daily-nudges --dry-run --workspace T0DEMO0001"
    )
    return 0


def cmd_report(settings: Settings, args: argparse.Namespace) -> int:
    """``corong report funnel``: the funnel report in the terminal, as JSON, or as a chart."""
    from commands.i18n import DEFAULT_LANGUAGE, translate

    lang = args.lang or DEFAULT_LANGUAGE
    if args.format == "png" and not args.output and sys.stdout.isatty():
        raise ConfigError(translate("report.png_needs_output", lang))
    engine = open_database(settings, auto_upgrade=True)
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


def cmd_import(settings: Settings, args: argparse.Namespace) -> int:
    """``corong import deals|template|undo``."""
    from bot.import_cli import cmd_import as run_import

    return run_import(settings, args)


def cmd_export(settings: Settings, args: argparse.Namespace) -> int:
    """``corong export deals|activities|bant``."""
    from bot.export_cli import cmd_export as run_export

    return run_export(settings, args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corong",
        description="Corong, the Slack sales assistant: deals, calls and the funnel, no CRM.",
    )
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="{run,shell,report,import,jobs,db}"
    )
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
    shell.add_argument(
        "--demo",
        action="store_true",
        help="open the demo workspace as its head of sales (corong demo builds it)",
    )
    sub.add_parser(
        "demo",
        help="fill a demo workspace with a realistic sales team, to try every report",
        description="Build the demo workspace T0DEMO0001 in the current database: 3 teams, "
        "12 reps, about 300 deals over the last 120 days. Running it again rebuilds it; "
        "no other workspace is touched.",
    )
    report = sub.add_parser(
        "report",
        help="print a report in this terminal (text, JSON or a PNG chart)",
        description="Reports from the database, no Slack needed.",
    )
    add_report_commands(report, with_workspace=True)
    imports = sub.add_parser(
        "import",
        help="bring deals in from a CSV export (HubSpot, Pipedrive, Salesforce, Corong)",
        description="Bring a team's pipeline in from a CSV file, with its history.",
    )
    from bot.import_cli import add_import_commands

    add_import_commands(imports)
    export = sub.add_parser(
        "export",
        help="deals, activities or BANT as CSV or JSON lines (deals in the import's format)",
        description="A workspace's records as CSV or JSON lines. Deals come out in Corong's "
        "import format: corong import deals reads them back.",
    )
    from bot.export_cli import add_export_commands

    add_export_commands(export)
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
        if args.command == "demo":
            return cmd_demo(settings)
        if args.command == "import":
            return cmd_import(settings, args)
        if args.command == "export":
            return cmd_export(settings, args)
        return cmd_shell(settings, args)
    except ConfigError as error:
        print(f"corong: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
