"""``report funnel ...`` typed in ``corong shell``: the terminal report of the shell's workspace.

The line is read by the same argument parser as ``corong report`` (without ``--workspace``: the
shell's workspace is the one it talks to), so both take the same options and say the same
errors; the text or JSON is printed in the conversation, a chart goes to ``--output``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shlex
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Engine

from bot.config import ConfigError
from bot.report_cli import add_report_commands, produce_funnel_report, write_report
from commands.i18n import translate


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="report", description="Reports of this workspace.")
    add_report_commands(parser, with_workspace=False)
    return parser


def _parse(words: list[str], say: Callable[[str], None]) -> argparse.Namespace | None:
    """The options, or None after saying why not (argparse's usage, error or help text, which
    it would print to the process's streams and then exit)."""
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            return _parser().parse_args(words)
    except SystemExit:
        say(printed.getvalue().rstrip())
        return None


def run_report_line(
    engine: Engine, line: str, *, team_id: str, lang: str, say: Callable[[str], None]
) -> None:
    """Answer a ``report ...`` line in ``lang`` (unless ``--lang``); never raises for bad
    input: the problem is said in one line and the shell goes on."""
    try:
        words = shlex.split(line)[1:]
    except ValueError as error:  # an unclosed quote
        say(f"report: {error}")
        return
    args = _parse(words, say)
    if args is None:
        return
    reader = args.lang or lang
    try:
        if args.format == "png" and not args.output:
            raise ConfigError(translate("report.png_needs_output", reader))
        output = produce_funnel_report(
            engine, args, team_id=team_id, lang=reader, now=datetime.now(UTC)
        )
        if args.output:
            write_report(output, args.output, reader)
            say(translate("report.written", reader, path=args.output))
        else:
            assert isinstance(output, str)  # only a PNG is bytes, and it needs --output
            say(output.rstrip("\n"))
    except ConfigError as error:
        say(str(error))
