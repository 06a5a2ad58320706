"""The ``corong`` command: run the bot, talk to it in a terminal, or migrate the database.

Every failure an operator can fix (a setting, an unreachable database or Slack) ends with one
line naming it and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.config import ConfigError, Settings, check_for_run, configure_logging, load_settings


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
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
        raise ConfigError(f"Cannot use the database at {where}: {reason}") from None
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
        raise ConfigError(
            f"Slack did not accept SLACK_BOT_TOKEN at {settings.slack_api_url} "
            f"({type(error).__name__}: {str(error).splitlines()[0][:200]}); check the token "
            "on your app's OAuth & Permissions page and that Slack is reachable"
        ) from None
    if settings.socket_mode:
        assert settings.slack_app_token is not None
        serve_socket_mode(
            app, engine, settings.slack_app_token, settings.slack_api_url, settings.port
        )
    else:
        serve_http(app, engine, settings.port, log_level=settings.log_level)
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
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
        where = engine.url.render_as_string(hide_password=True)
        raise ConfigError(f"Cannot use the database at {where}: {reason}") from None
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corong",
        description="Corong, the Slack sales assistant: deals, calls and the funnel, no CRM.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="{run,shell,db}")
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
    db = sub.add_parser("db", help="database maintenance", description="Database maintenance.")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="{upgrade}")
    db_sub.add_parser("upgrade", help="apply pending migrations (needed before run on PostgreSQL)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``corong`` console script."""
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(settings.log_level if args.command == "run" else "WARNING")
        logging.getLogger("alembic").setLevel(logging.WARNING)
        if args.command == "run":
            return cmd_run(settings)
        if args.command == "db":
            return cmd_db_upgrade(settings)
        return cmd_shell(settings, args)
    except ConfigError as error:
        print(f"corong: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
