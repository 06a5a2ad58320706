"""``corong jobs``: the scheduled posts from a terminal, for ops and cron users.

``list`` shows when each team's standup and digest and the reps' nudges fire next; ``run`` sends
a job now through the same outbox the scheduler uses (so cron and a running bot never both
post), or with ``--dry-run`` prints what it would post and touches nothing; ``status`` shows
recent deliveries and every failure an admin should fix.
"""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import Session

from bot.blocks.terminal import render_blocks
from bot.config import ConfigError, Settings, check_oauth_credentials
from commands.errors import CommandError
from commands.i18n import translate
from commands.posts.budget import budget_usage
from commands.posts.forecast import FORECAST, FORECAST_JOBS, FORECAST_REMINDER
from commands.posts.schedule import (
    DIGEST,
    NUDGE,
    STANDUP,
    Slot,
    next_slots,
    nudge_targets,
    slot_at,
    team_target,
)
from commands.reports.request import find_rep
from storage import outbox, queries
from storage.db import unit_of_work
from storage.models import Workspace
from storage.teams import list_teams, rep_teams, team_by_name


class JobsFailed(Exception):
    """Some posts of a ``jobs run`` failed or wait for a retry: cron should hear of it."""


JOB_NAMES = {
    "daily-nudges": NUDGE,
    "standup": STANDUP,
    "weekly-digest": DIGEST,
    "forecast": FORECAST,
    "forecast-reminder": FORECAST_REMINDER,
}
PER_REP = (NUDGE, *FORECAST_JOBS)  # jobs whose posts go to each rep's DM
STATUS_DAYS = 7


def add_jobs_commands(jobs: argparse.ArgumentParser) -> None:
    """The ``jobs`` subcommands and their options."""
    sub = jobs.add_subparsers(dest="jobs_command", required=True, metavar="{list,run,status}")
    listing = sub.add_parser("list", help="when each scheduled post fires next")
    run = sub.add_parser(
        "run",
        help="send a scheduled job now (or print it with --dry-run)",
        description="Send a job now through the outbox: a post already sent for its period is "
        "never sent again. --dry-run prints the messages instead and changes nothing.",
    )
    run.add_argument("job", choices=list(JOB_NAMES), help="which job")
    who = run.add_mutually_exclusive_group()
    who.add_argument("--team", metavar="TEAM", help="only this team (its name)")
    who.add_argument(
        "--rep", metavar="REP", help="only this rep's nudge or forecast (Slack user id or name)"
    )
    run.add_argument(
        "--at",
        metavar="ISO_TIME",
        help="run as of this time, e.g. 2026-11-23T08:30+07:00 (default: now)",
    )
    run.add_argument("--dry-run", action="store_true", help="print, do not post")
    status = sub.add_parser("status", help="recent deliveries and failures")
    status.add_argument("--days", type=int, default=STATUS_DAYS, help="how far back (days)")
    for parser in (listing, run, status):
        parser.add_argument(
            "--workspace",
            metavar="SLACK_TEAM_ID",
            help="the workspace (needed only when the database holds several)",
        )


def parse_at(text: str | None, now: datetime) -> datetime:
    """``--at`` as an aware UTC time; a time without a zone is read as UTC."""
    if not text:
        return now
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ConfigError(
            f"--at {text!r} is not a time: use ISO 8601, e.g. 2026-11-23T08:30+07:00"
        ) from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def _workspace(session: Session, slack_team_id: str | None) -> Workspace:
    from commands.errors import CommandError
    from commands.i18n import translate
    from commands.reports.request import find_report_workspace

    try:
        return find_report_workspace(session, slack_team_id)
    except CommandError as error:
        raise ConfigError(translate(error.key, "en", **error.params)) from None


def _when(moment: datetime, tz_name: str) -> str:
    local = moment.astimezone(ZoneInfo(tz_name))
    return f"{local:%a %Y-%m-%d %H:%M} {tz_name} ({moment.astimezone(UTC):%H:%M} UTC)"


def _why(slot: Slot) -> str:
    """What a listed post's line adds: why it is skipped, or the day off it moved from."""
    if slot.skip:
        return f"  skipped: {slot.skip}"
    if slot.moved_from:
        return f"  (moved from {slot.moved_from})"
    return ""


def cmd_jobs_list(engine: Engine, args: argparse.Namespace, now: datetime) -> str:
    with unit_of_work(engine, read_only=True) as session:
        workspace = _workspace(session, args.workspace)
        slots = next_slots(session, now=now, workspace_id=workspace.id)
        listed = list_teams(session, workspace_id=workspace.id or 0)
        teams = {team_target(team.id or 0): team.name for team in listed}
    lines = [
        f"Scheduled posts of workspace {workspace.slack_team_id} (now {now:%Y-%m-%d %H:%M} UTC)"
    ]
    team_slots = sorted(
        (s for s in slots if s.job not in PER_REP), key=lambda s: (s.fire_at, s.job)
    )
    for slot in team_slots:
        name = teams.get(slot.target, slot.target)
        line = f"  {slot.job:8} {name:24} {_when(slot.fire_at, slot.tz_name)}"
        lines.append(line + _why(slot))
    if not team_slots:
        lines.append("  no team has a channel yet: standups and digests need one")
    nudges = Counter((s.fire_at, s.tz_name, _why(s)) for s in slots if s.job == NUDGE)
    for (fire_at, tz_name, why), count in sorted(nudges.items()):
        reps = f"{count} rep" + ("" if count == 1 else "s")
        lines.append(f"  {'nudge':8} {reps:24} {_when(fire_at, tz_name)}{why}")
    if not nudges:
        lines.append("  no rep has an open deal: nobody is nudged")
    for job in FORECAST_JOBS:  # the forecast call's ask and reminder, to each team's reps
        asks = Counter((s.fire_at, s.tz_name, _why(s)) for s in slots if s.job == job)
        for (fire_at, tz_name, why), count in sorted(asks.items()):
            reps = f"{count} rep" + ("" if count == 1 else "s")
            lines.append(f"  {job:8} {reps:24} {_when(fire_at, tz_name)}{why}")
    return "\n".join(lines) + "\n"


def run_slots_for(
    session: Session, workspace: Workspace, args: argparse.Namespace, at: datetime
) -> list[Slot]:
    """The slots ``corong jobs run`` acts on: one target's, or every target's, as of ``at``."""
    job = JOB_NAMES[args.job]
    assert workspace.id is not None
    if args.rep:
        if job not in PER_REP:
            raise ConfigError(
                "--rep goes with daily-nudges and the forecast; standups and digests are per team"
            )
        try:
            targets = [find_rep(session, workspace.id, args.rep).slack_user_id]
        except CommandError as error:
            raise ConfigError(translate(error.key, "en", **error.params)) from None
    elif args.team:
        team = team_by_name(session, workspace_id=workspace.id, name=args.team)
        if team is None:
            names = ", ".join(t.name for t in list_teams(session, workspace_id=workspace.id))
            raise ConfigError(
                f"there is no team called {args.team!r}; "
                + (f"teams here: {names}" if names else "this workspace has no teams yet")
            )
        if job in PER_REP:
            from storage.teams import team_rep_ids

            members = queries.members_by_id(
                session, workspace_id=workspace.id, ids=team_rep_ids(session, team=team)
            )
            targets = [m.slack_user_id for m in members.values()]
        else:
            targets = [team_target(team.id or 0)]
    elif job == NUDGE:
        targets = nudge_targets(session, workspace.id)
    elif job in FORECAST_JOBS:
        reps = rep_teams(session, workspace_id=workspace.id)
        members = queries.members_by_id(session, workspace_id=workspace.id, ids=sorted(reps))
        targets = [m.slack_user_id for m in members.values()]
    else:
        targets = [team_target(t.id or 0) for t in list_teams(session, workspace_id=workspace.id)]
    found = (slot_at(session, job, workspace_id=workspace.id, target=t, at=at) for t in targets)
    return [slot for slot in found if slot is not None]


def _next_of(session: Session, workspace: Workspace, job: str, at: datetime) -> list[Slot]:
    """The next posts of ``job`` after ``at`` that will go out: what a run that found nothing
    to do points to (a weekend morning's dry-run names Monday's)."""
    return [
        slot
        for slot in next_slots(session, now=at, workspace_id=workspace.id)
        if slot.job == job and slot.skip is None
    ]


def cmd_jobs_run(
    engine: Engine, settings: Settings, args: argparse.Namespace, now: datetime
) -> str:
    from bot.posts.compose import StuckCutoffsCache, compose

    at = parse_at(args.at, now)
    if at > now + timedelta(minutes=1) and not args.dry_run:
        # Posting tomorrow's post today would also stop the real one tomorrow (it is sent).
        raise ConfigError("--at is in the future: only --dry-run can look ahead")
    with unit_of_work(engine, read_only=True) as session:
        workspace = _workspace(session, args.workspace)
        found = run_slots_for(session, workspace, args, at)
        upcoming = [] if found else _next_of(session, workspace, JOB_NAMES[args.job], at)
    if not found:
        line = (
            f"{args.job}: nothing to run at {at:%Y-%m-%d %H:%M} UTC (no target, or not a work day)"
        )
        if upcoming:
            first = min(upcoming, key=lambda slot: slot.fire_at)
            local = (first.fire_at + timedelta(minutes=1)).astimezone(ZoneInfo(first.tz_name))
            line += (
                f"; the next is due {_when(first.fire_at, first.tz_name)}: "
                f"add --at {local.isoformat(timespec='minutes')} to see it"
            )
        return line + "\n"
    slots = [slot for slot in found if slot.skip is None]
    skipped = [
        f"=== {slot.job} to {slot.target} for {slot.period}: skipped, {slot.skip} ==="
        for slot in found
        if slot.skip is not None
    ]
    if args.dry_run:
        out, cutoffs = list(skipped), StuckCutoffsCache()
        for slot in slots:
            composed = compose(
                engine,
                slot.job,
                workspace_id=slot.workspace_id,
                target=slot.target,
                period=slot.period,
                now=at,
                stuck_cutoffs=cutoffs,
                app_id=settings.slack_app_id,
            )
            where = composed.channel_id or slot.target if composed else slot.target
            moved = f" (moved from {slot.moved_from})" if slot.moved_from else ""
            out.append(f"=== {slot.job} to {where} for {slot.period}{moved} ===")
            if composed is None:
                out.append("(nothing to post)")
                continue
            text, _ = render_blocks(composed.message.as_dicts()["blocks"], {})
            out.append(text)
            if composed.details is not None:
                details, _ = render_blocks(composed.details.as_dicts()["blocks"], {})
                out.extend(["--- in the thread ---", details])
        return "\n".join(out) + "\n"
    if not slots:
        return "\n".join(skipped) + "\n"
    from bot.posts.scheduler import deliverer_for

    settings_check(settings)
    report = deliverer_for(settings, engine).run_slots(slots, as_of=at)
    line = (
        f"{args.job}: {report.sent} sent, {report.skipped} with nothing to say, "
        f"{report.taken} already sent or in progress, {report.retrying} to retry, "
        f"{report.failed} failed"
    )
    if report.errors:
        line += " (" + ", ".join(f"{code} x{n}" for code, n in sorted(report.errors.items())) + ")"
    if skipped:
        line += f", {len(skipped)} skipped for a day off"
    if report.failed or report.retrying:
        raise JobsFailed(line)
    return line + "\n"


def settings_check(settings: Settings) -> None:
    """The credentials posting needs: SLACK_BOT_TOKEN, or (installed into many workspaces) the
    OAuth credentials that refresh each workspace's token from its installation."""
    if settings.oauth:
        check_oauth_credentials(settings)
        return
    token = settings.slack_bot_token
    if not token:
        raise ConfigError(
            "SLACK_BOT_TOKEN is needed to post (or add --dry-run to print instead): the Bot "
            "User OAuth Token from your Slack app's OAuth & Permissions page"
        )
    if not token.startswith("xoxb-"):
        raise ConfigError(
            "SLACK_BOT_TOKEN must be the Bot User OAuth Token (starts with xoxb-), from your "
            "Slack app's OAuth & Permissions page"
        )


def cmd_jobs_status(
    engine: Engine, args: argparse.Namespace, now: datetime, *, budget: int | None = None
) -> str:
    """Today's count against the daily budget (``budget``: DAILY_POST_BUDGET), then the recent
    deliveries by job and status, then every failure with its error."""
    since = now - timedelta(days=max(args.days, 1))
    with unit_of_work(engine, read_only=True) as session:
        workspace = _workspace(session, args.workspace)
        counts = outbox.status_counts(session, since=since, workspace_id=workspace.id)
        rows = outbox.recent(session, workspace_id=workspace.id, since=since, limit=200)
        usage = budget_usage(session, workspace, now, fixed=budget)
    today = usage.budget
    held = f"; {usage.held} held over the budget" if usage.held else ""
    lines = [
        f"Today ({today.day.isoformat()}, {today.tz_name}): {usage.spent} of the daily budget "
        f"of {today.limit} scheduled posts used{held}",
        f"Deliveries since {since:%Y-%m-%d %H:%M} UTC",
    ]
    if not counts:
        lines.append("  none")
    for (job, status), count in sorted(counts.items()):
        lines.append(f"  {job:8} {status:8} {count}")
    failures = [row for row in rows if row.status in ("failed", "retry")]
    if failures:
        lines.append("Failures (newest first):")
    for row in failures[:50]:
        lines.append(
            f"  {row.updated_at:%Y-%m-%d %H:%M} {row.job:8} {row.target:16} {row.period:10} "
            f"{row.status:6} {row.error or ''} (attempts {row.attempts})"
        )
    return "\n".join(lines) + "\n"
