"""``corong report``: the funnel report as text, JSON or a PNG chart, from a terminal.

The shell's ``report`` line reads the very same options (``bot.shell.report``).
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.config import ConfigError
from bot.database import database_error


def add_report_commands(report: argparse.ArgumentParser, *, with_workspace: bool) -> None:
    """The ``report`` subcommands and their options: ``corong report`` and the shell's
    ``report`` line read the very same ones (the shell's workspace is its own)."""
    from commands.i18n import LANGUAGES
    from commands.reports.request import DEFAULT_PERIOD, PERIODS

    sub = report.add_subparsers(dest="report_command", required=True, metavar="{funnel}")
    funnel = sub.add_parser(
        "funnel",
        help="the funnel report: conversion, outcomes, activity, speed, hygiene, forecast",
        description="The funnel report of a workspace, a team or a rep, as text, JSON or a "
        "PNG chart. Periods are calendar weeks (Monday to Sunday), months, quarters and "
        "years in the workspace's time zone, or the days from --from to --to.",
    )
    who = funnel.add_mutually_exclusive_group()
    who.add_argument("--team", metavar="TEAM", help="only this team's reps (its name)")
    who.add_argument("--rep", metavar="REP", help="only this rep (a Slack user id, or a name)")
    funnel.add_argument(
        "--period", choices=list(PERIODS), help=f"the period (default: {DEFAULT_PERIOD})"
    )
    funnel.add_argument(
        "--from",
        dest="first_day",
        metavar="YYYY-MM-DD",
        help="the first day of the period, instead of --period (with --to)",
    )
    funnel.add_argument(
        "--to",
        dest="last_day",
        metavar="YYYY-MM-DD",
        help="the last day of the period, included (with --from)",
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
    workspace, team or rep, or a period that cannot be, is a ``ConfigError`` saying so in that
    language."""
    from zoneinfo import ZoneInfo

    from commands.errors import CommandError
    from commands.i18n import DEFAULT_LANGUAGE, translate
    from commands.reports.attainment import attainment_for
    from commands.reports.format import (
        display_names,
        period_label,
        report_as_json,
        report_as_text,
        scope_label,
    )
    from commands.reports.request import (
        find_report_workspace,
        funnel_report_for,
        report_members,
        report_scope,
        requested_period,
    )
    from commands.reports.winloss import win_loss_as_json, win_loss_for_report, win_loss_text
    from storage.db import unit_of_work

    reader = lang or DEFAULT_LANGUAGE
    try:
        with unit_of_work(engine, read_only=True) as session:
            workspace = find_report_workspace(session, team_id)
            reader = lang or workspace.language
            period = requested_period(args.period, args.first_day, args.last_day)
            scope = report_scope(session, workspace, team=args.team, rep=args.rep)
            report = funnel_report_for(
                session,
                workspace,
                owner_ids=scope.owner_ids,
                manager_ids=scope.manager_ids,
                period=period,
                now=now,
            )
            members = report_members(session, report)
            attainment = attainment_for(
                session,
                workspace,
                report,
                member_id=scope.owner_ids[0] if scope.rep and scope.owner_ids else None,
                team_names=(scope.team,) if scope.team else (),
            )
            win_loss = win_loss_for_report(session, workspace, report)
    except CommandError as error:
        raise ConfigError(translate(error.key, reader, **error.params)) from None
    except SQLAlchemyError as error:
        raise database_error(engine, error) from None
    tz = ZoneInfo(workspace.timezone)
    names = display_names(members)
    if args.format == "json":
        data = report_as_json(report, members, attainment)
        data["win_loss"] = win_loss_as_json(win_loss, reader)  # null: no month or quarter
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if args.format == "png":
        from bot.charts import funnel_chart_png  # matplotlib loads only for a chart

        title = " · ".join(
            [
                translate("report.chart_title", reader),
                scope_label(report, reader, names, scope.team),
                period_label(report.period_start, report.period_end, reader, tz),
            ]
        )
        return funnel_chart_png(report, reader, title, attainment)
    text = report_as_text(report, reader, names, tz, team=scope.team, attainment=attainment)
    if win_loss is not None:
        text += "\n".join(win_loss_text(win_loss, reader, tz)) + "\n"
    return text


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
