"""``/sales team``: teams, their reps and managers, channel and schedule.

    /sales team                                   every team
    /sales team show Jakarta                      one team
    /sales team add Jakarta @budi @sari           create the team (if new) and add reps
    /sales team remove Jakarta @sari              take someone out (rep or manager)
    /sales team remove Jakarta                    delete the team (the reps' deals stay theirs)
    /sales team Jakarta channel #sales-jkt        where its standup and digest are posted
    /sales team Jakarta manager @rina @tono       who manages it (a manager may lead several)
    /sales team Jakarta schedule standup:09:30 digest:"mon 08:00" tz:Asia/Jakarta
    /sales team Jakarta alerts won:100jt closeable:250jt lost:100jt   (team_alerts.py)

Reading is open to everyone in the workspace; every change is for admins (deal alerts also for
the team's managers). A rep belongs to one
team. Changes take the workspace lock, so two admins editing teams at once queue up and each
sees the other's result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from commands import audit, permissions
from commands.context import CommandContext
from commands.deal_alerts import closing_stage, thresholds
from commands.errors import UsageError
from commands.grammar import Token
from commands.grammar.dates import WEEKDAYS
from commands.i18n import Phrase, Text
from commands.replies import Channel, Money, People
from commands.workspace.holidays import parse_country
from commands.workspace.replies import TeamFacts, TeamView
from commands.workspace.team_alerts import ALERT_WORDS, change_alerts
from commands.workspace.team_forecast import FORECAST_WORDS, change_forecast
from commands.workspace.team_leaderboard import LEADERBOARD_WORDS, change_leaderboard, name_end
from storage import queries, teams
from storage.models import Member, Team

TEAM_EXAMPLE = Phrase("example.team_add", team="Jakarta", people="@budi @sari")
CHANNEL_EXAMPLE = Phrase("example.team_channel")  # /sales team Jakarta channel #sales-jakarta
MANAGER_EXAMPLE = Phrase("example.team_manager")  # /sales team Jakarta manager @rina
SCHEDULE_EXAMPLE = Phrase("example.team_schedule")  # ... standup:09:30 digest:"mon 08:00" ...
LIST_EXAMPLE = Phrase("example.team_list")  # /sales team list
SHOW_EXAMPLE = Phrase("example.team_show", team="Jakarta")  # /sales team show Jakarta
NAME_LIMIT = 80

LIST_WORDS = ("list", "daftar", "ls")
SHOW_WORDS = ("show", "lihat", "info")
ADD_WORDS = ("add", "tambah", "new", "baru")
REMOVE_WORDS = ("remove", "hapus", "rm", "delete", "keluarkan")
CHANNEL_WORDS = ("channel", "kanal", "saluran")
MANAGER_WORDS = ("manager", "managers", "manajer")
SCHEDULE_WORDS = ("schedule", "jadwal")
HOLIDAY_WORDS = ("holidays", "holiday", "libur")
SETTING_WORDS: tuple[str, ...] = (
    CHANNEL_WORDS + MANAGER_WORDS + SCHEDULE_WORDS + HOLIDAY_WORDS + ALERT_WORDS
)
SETTING_WORDS += LEADERBOARD_WORDS
SETTING_WORDS += FORECAST_WORDS
RESERVED = set(LIST_WORDS + SHOW_WORDS + ADD_WORDS + REMOVE_WORDS + SETTING_WORDS)
NO_CHANNEL_WORDS = ("none", "off", "-", "tidak", "hapus")
SCHEDULE_ALIASES = {"jam": "standup", "ringkasan": "digest", "zona": "tz", "timezone": "tz"}
_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def run_team(ctx: CommandContext, tokens: list[Token]) -> TeamView:
    """Dispatch ``/sales team ...``."""
    if not tokens or _word(tokens[0]) in LIST_WORDS:
        _no_more(tokens[1:], LIST_EXAMPLE)
        return _list(ctx)
    first = _word(tokens[0])
    if first in SHOW_WORDS:
        return _show(ctx, _team(ctx, _name(tokens[1:], SHOW_EXAMPLE)))
    if first in ADD_WORDS:
        return _add(ctx, tokens[1:])
    if first in REMOVE_WORDS:
        return _remove(ctx, tokens[1:])
    at = next((i for i, token in enumerate(tokens) if _word(token) in SETTING_WORDS), None)
    if at is None:
        if all(token.kind in ("word", "quoted") for token in tokens):
            return _show(ctx, _team(ctx, _name(tokens, SHOW_EXAMPLE)))
        raise UsageError("team.usage", example=TEAM_EXAMPLE)
    team = _team(ctx, _name(tokens[: name_end(tokens, at)], CHANNEL_EXAMPLE))
    setting, args = _word(tokens[at]), tokens[at + 1 :]
    if setting in CHANNEL_WORDS:
        return _set_channel(ctx, team, args)
    if setting in MANAGER_WORDS:
        return _add_managers(ctx, team, args)
    if setting in HOLIDAY_WORDS:
        return _holidays(ctx, team, args)
    if setting in ALERT_WORDS:
        return _alerts(ctx, team, args)
    if setting in FORECAST_WORDS:
        return _forecast(ctx, team, args)
    if setting in LEADERBOARD_WORDS:
        return _leaderboard(ctx, team, args)
    return _schedule(ctx, team, args)


# --- reading -----------------------------------------------------------------------------------


def _list(ctx: CommandContext) -> TeamView:
    known = teams.list_teams(ctx.session, workspace_id=ctx.workspace_id)
    if not known:
        return TeamView("team.none_yet", {"example": TEAM_EXAMPLE})
    facts = tuple(team_facts(ctx, team) for team in known)
    return TeamView("team.list", {"count": len(facts)}, teams=facts)


def _show(ctx: CommandContext, team: Team) -> TeamView:
    return TeamView("team.shown", {"team": team.name}, teams=(team_facts(ctx, team),))


def team_facts(ctx: CommandContext, team: Team) -> TeamFacts:
    """What a team card shows."""
    assert team.id is not None
    managers, reps = teams.roster(ctx.session, team_id=team.id)
    return TeamFacts(
        name=team.name,
        channel_id=team.channel_id,
        manager_user_ids=tuple(managers),
        rep_user_ids=tuple(reps),
        standup_time=team.standup_time,
        digest_weekday=team.digest_weekday,
        digest_time=team.digest_time,
        timezone=team.timezone or ctx.workspace.timezone,
        alerts=tuple((t.event, Money(t.value, t.currency)) for t in thresholds(team).values()),
        closing_stage=closing_stage(ctx.pipeline),
        forecast=(team.forecast_weekday, team.forecast_time, team.forecast_due)
        + (team.forecast_period,),
        leaderboard=team.leaderboard,
    )


# --- changing ----------------------------------------------------------------------------------


def _begin_change(ctx: CommandContext, example: Text) -> None:
    """Admins only; then hold the workspace lock so concurrent team edits queue up."""
    permissions.require_admin(ctx, example=example)
    queries.lock_workspace(ctx.session, ctx.workspace, exclusive=True)


def _add(ctx: CommandContext, tokens: list[Token]) -> TeamView:
    """Create a team (if it is new) and add reps to it."""
    _begin_change(ctx, TEAM_EXAMPLE)
    name_tokens, users = _split_users(tokens, TEAM_EXAMPLE)
    if not name_tokens:
        team = _only_team(ctx, users)
        created = False
    else:
        name = _name(name_tokens, TEAM_EXAMPLE)
        found = teams.team_by_name(ctx.session, workspace_id=ctx.workspace_id, name=name)
        created = found is None
        team = found or _create(ctx, name)
        if not created and not users:
            raise UsageError(
                "team.exists",
                example=Phrase("example.team_add", team=team.name, people="@budi"),
                team=team.name,
            )
    assert team.id is not None
    added = []
    for user_id in users:
        member = _member(ctx, user_id)
        assert member.id is not None
        place = teams.membership(ctx.session, team_id=team.id, member_id=member.id)
        if place is not None and place.role == teams.MANAGER:
            raise UsageError(
                "team.already_manager",
                example=Phrase("example.team_remove", team=team.name, person=f"<@{user_id}>"),
                person=People((user_id,)),
                team=team.name,
            )
        if place is not None:
            continue
        elsewhere = teams.rep_team(ctx.session, member_id=member.id)
        if elsewhere is not None:
            raise UsageError(
                "team.rep_elsewhere",
                example=Phrase("example.team_remove", team=elsewhere.name, person=f"<@{user_id}>"),
                person=People((user_id,)),
                team=elsewhere.name,
            )
        teams.add_to_team(ctx.session, team=team, member_id=member.id, role=teams.REP)
        added.append(user_id)
    key = "team.created" if created else "team.reps_added" if added else "team.already_in"
    if created or added:
        _record(ctx, "team.add", team, reps=added)
    params = {"team": team.name, "people": People(tuple(added)), "count": len(added)}
    return TeamView(key, params, teams=(team_facts(ctx, team),))


def _remove(ctx: CommandContext, tokens: list[Token]) -> TeamView:
    """Take people out of a team, or delete the team when nobody is named."""
    example = Phrase("example.team_remove", team="Jakarta", person="@sari")
    _begin_change(ctx, example)
    name_tokens, users = _split_users(tokens, example)
    team = _team(ctx, _name(name_tokens, example))
    assert team.id is not None
    if not users:
        _record(ctx, "team.delete", team)
        teams.delete_team(ctx.session, team=team)
        return TeamView("team.deleted", {"team": team.name})
    for user_id in users:
        member = queries.find_member(
            ctx.session, workspace_id=ctx.workspace_id, slack_user_id=user_id
        )
        if (
            member is None
            or member.id is None
            or not teams.remove_from_team(ctx.session, team_id=team.id, member_id=member.id)
        ):
            raise UsageError(
                "team.not_member",
                example=Phrase("example.team_show", team=team.name),
                person=People((user_id,)),
                team=team.name,
            )
    _record(ctx, "team.remove", team, people=users)
    params = {"team": team.name, "people": People(tuple(users))}
    return TeamView("team.removed", params, teams=(team_facts(ctx, team),))


def _set_channel(ctx: CommandContext, team: Team, args: list[Token]) -> TeamView:
    """Where the team's standup and digest go; ``none`` stops posting them."""
    _begin_change(ctx, CHANNEL_EXAMPLE)
    if len(args) == 1 and args[0].kind == "channel":
        team.channel_id = args[0].value
    elif len(args) == 1 and _word(args[0]) in NO_CHANNEL_WORDS:
        team.channel_id = None
    else:
        raise UsageError("team.channel_usage", example=CHANNEL_EXAMPLE, team=team.name)
    ctx.session.add(team)
    ctx.session.flush()
    _record(ctx, "team.channel", team, channel=team.channel_id)
    key = "team.channel_set" if team.channel_id else "team.channel_cleared"
    params = {"team": team.name, "channel": Channel(team.channel_id)}
    return TeamView(key, params, teams=(team_facts(ctx, team),), check_channel=team.channel_id)


def _add_managers(ctx: CommandContext, team: Team, args: list[Token]) -> TeamView:
    """Make people managers of the team (they may lead other teams too)."""
    _begin_change(ctx, MANAGER_EXAMPLE)
    if not args or any(token.kind != "user" for token in args):
        raise UsageError("team.manager_usage", example=MANAGER_EXAMPLE, team=team.name)
    assert team.id is not None
    for token in args:
        member = _member(ctx, token.value)
        assert member.id is not None
        place = teams.membership(ctx.session, team_id=team.id, member_id=member.id)
        if place is not None and place.role == teams.REP:
            raise UsageError(
                "team.already_rep",
                example=Phrase("example.team_remove", team=team.name, person=f"<@{token.value}>"),
                person=People((token.value,)),
                team=team.name,
            )
        if place is None:
            teams.add_to_team(ctx.session, team=team, member_id=member.id, role=teams.MANAGER)
    _record(ctx, "team.managers", team, managers=[t.value for t in args])
    params = {"team": team.name, "people": People(tuple(t.value for t in args))}
    return TeamView("team.managers_added", params, teams=(team_facts(ctx, team),))


def _alerts(ctx: CommandContext, team: Team, args: list[Token]) -> TeamView:
    """Show, or (the team's managers and admins) change, its deal alerts (``team_alerts``)."""
    key = change_alerts(ctx, team, args)
    if key is None:
        return _show(ctx, team)
    params = {"team": team.name, "channel": Channel(team.channel_id), "example": CHANNEL_EXAMPLE}
    return TeamView(key, params, teams=(team_facts(ctx, team),))


def _leaderboard(ctx: CommandContext, team: Team, args: list[Token]) -> TeamView:
    """Show, or (the team's managers and admins) turn on or off, its digest's leaderboard."""
    key = change_leaderboard(ctx, team, args)
    if key is None:
        return _show(ctx, team)
    params = {"team": team.name, "example": CHANNEL_EXAMPLE}
    return TeamView(key, params, teams=(team_facts(ctx, team),))


def _forecast(ctx: CommandContext, team: Team, args: list[Token]) -> TeamView:
    """Show, or (the team's managers and admins) change, its forecast call
    (``team_forecast``)."""
    params = change_forecast(ctx, team, args)
    if params is None:
        return _show(ctx, team)
    key = str(params.pop("key", "team.forecast_set"))  # "team.forecast_off" when turned off
    return TeamView(key, params, teams=(team_facts(ctx, team),))


def _schedule(ctx: CommandContext, team: Team, args: list[Token]) -> TeamView:
    """Show, or (admins) change, when the standup and the digest are posted."""
    if not args:
        return _show(ctx, team)
    _begin_change(ctx, SCHEDULE_EXAMPLE)
    options: dict[str, str] = {}
    for token in args:
        key = SCHEDULE_ALIASES.get(token.key or "", token.key) if token.kind == "option" else None
        if key not in ("standup", "digest", "tz"):
            raise UsageError("team.schedule_usage", example=SCHEDULE_EXAMPLE, text=token.value)
        options[key] = token.value
    if "standup" in options:
        team.standup_time = _clock(options["standup"], "standup")
    if "digest" in options:
        team.digest_weekday, team.digest_time = _digest(options["digest"], team)
    if "tz" in options:
        team.timezone = _zone(options["tz"])
    ctx.session.add(team)
    ctx.session.flush()
    _record(ctx, "team.schedule", team, schedule=options)
    return TeamView("team.schedule_set", {"team": team.name}, teams=(team_facts(ctx, team),))


def _holidays(ctx: CommandContext, team: Team, args: list[Token]) -> TeamView:
    """(Admins) the country whose public holidays the team keeps, when not the workspace's:
    ``default`` goes back to the workspace's."""
    example = Phrase("example.team_holidays", team=team.name)
    _begin_change(ctx, example)
    if len(args) == 1 and args[0].value.casefold() in ("default", "bawaan"):
        team.holiday_country = None
    else:
        team.holiday_country = parse_country(args, example)
    ctx.session.add(team)
    ctx.session.flush()
    _record(ctx, "team.holidays", team, holidays=team.holiday_country)
    country = team.holiday_country or ctx.workspace.holiday_country
    return TeamView("team.holidays_set", {"team": team.name, "country": country})


def _record(ctx: CommandContext, action: str, team: Team, **details: object) -> None:
    """The audit trail of who changed which team how (``/sales undo`` does not take these
    back: the team commands do, and say so)."""
    audit.record(ctx, action, after={"team": team.name, **details})


# --- parsing -----------------------------------------------------------------------------------


def _word(token: Token) -> str:
    return token.value.casefold() if token.kind == "word" else ""


def _no_more(tokens: Sequence[Token], example: Text) -> None:
    if tokens:
        raise UsageError("input.unexpected", example=example, text=tokens[0].value)


def _name(tokens: Sequence[Token], example: Text) -> str:
    """A team name: the words typed (or one quoted string)."""
    if not tokens:
        raise UsageError("team.name_missing", example=example)
    if any(token.kind not in ("word", "quoted") for token in tokens):
        stray = next(t for t in tokens if t.kind not in ("word", "quoted"))
        raise UsageError("input.unexpected", example=example, text=stray.value)
    name = " ".join(" ".join(token.value for token in tokens).split())
    if len(name) > NAME_LIMIT:
        raise UsageError(
            "field.too_long",
            example=example,
            field=Phrase("field.label.name"),
            limit=NAME_LIMIT,
            length=len(name),
        )
    return name


def _split_users(tokens: Sequence[Token], example: Text) -> tuple[list[Token], list[str]]:
    """The name words before the first mention, and the mentioned users (each once)."""
    at = next((i for i, token in enumerate(tokens) if token.kind == "user"), len(tokens))
    users: list[str] = []
    for token in tokens[at:]:
        if token.kind != "user":
            raise UsageError("input.unexpected", example=example, text=token.value)
        if token.value not in users:
            users.append(token.value)
    return list(tokens[:at]), users


def _team(ctx: CommandContext, name: str) -> Team:
    team = teams.team_by_name(ctx.session, workspace_id=ctx.workspace_id, name=name)
    if team is None:
        known = teams.list_teams(ctx.session, workspace_id=ctx.workspace_id)
        if not known:
            raise UsageError("team.none_to_find", example=TEAM_EXAMPLE, team=name)
        raise UsageError(
            "scope.unknown_team",
            example=LIST_EXAMPLE,
            team=name,
            teams=", ".join(t.name for t in known),
        )
    return team


def _only_team(ctx: CommandContext, users: list[str]) -> Team:
    """``/sales team add @a @b`` without a name: the workspace's one team, if it has one."""
    known = teams.list_teams(ctx.session, workspace_id=ctx.workspace_id)
    if not users or len(known) != 1:
        raise UsageError(
            "team.which",
            example=TEAM_EXAMPLE,
            teams=", ".join(t.name for t in known) or "-",
        )
    return known[0]


def _create(ctx: CommandContext, name: str) -> Team:
    if teams.team_key(name) in RESERVED:
        raise UsageError("team.name_reserved", example=TEAM_EXAMPLE, team=name)
    return teams.create_team(ctx.session, workspace_id=ctx.workspace_id, name=name)


def _member(ctx: CommandContext, user_id: str) -> Member:
    """The member for a mentioned Slack user, created if Corong has not met them yet."""
    return queries.get_or_create_member(
        ctx.session, workspace_id=ctx.workspace_id, slack_user_id=user_id
    )


def _clock(raw: str, what: str) -> str:
    match = _CLOCK.match(raw.strip())
    if match is None:
        raise UsageError(f"team.bad_time_{what}", example=SCHEDULE_EXAMPLE, text=raw)
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _digest(raw: str, team: Team) -> tuple[int, str]:
    """``mon 08:00``, ``fri``, ``jumat 16.30`` or just a time: the digest's day and time."""
    day, time = team.digest_weekday, team.digest_time
    parts = raw.replace("@", " ").split()
    if not parts or len(parts) > 2:
        raise UsageError("team.bad_digest", example=SCHEDULE_EXAMPLE, text=raw)
    for part in parts:
        if part.casefold() in WEEKDAYS:
            day = WEEKDAYS[part.casefold()]
        elif _CLOCK.match(part):
            time = _clock(part, "digest")
        else:
            raise UsageError("team.bad_digest", example=SCHEDULE_EXAMPLE, text=raw)
    return day, time


def _zone(raw: str) -> str:
    try:
        ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError("team.bad_zone", example=SCHEDULE_EXAMPLE, text=raw) from None
    return raw
