"""``/sales away`` (``/sales cuti``): a person's time off. While away they get no nudges, the
standup and the digest say they are away, and their deals do not turn stale or stuck for those
days. Set by the person, a manager of their team, or an admin.

    /sales away                                        your time off, now and ahead
    /sales away 2027-08-01..2027-08-14 [@rep] [note]   away those days (one day: 2027-08-03)
    /sales away off [@rep]                             back today (or cancel the next one)
    /sales away @rep                                   someone's time off
    /sales away team                                   your teams' time off (admins: everyone's)

A Slack status with an expiry that reads like time off counts as well (``bot.posts.statuses``).
"""

from __future__ import annotations

from datetime import date, timedelta

from commands import permissions
from commands.calendar.replies import AwayLine, AwayList
from commands.context import CommandContext
from commands.errors import NotAllowed, UsageError
from commands.grammar import Token, parse_date
from commands.grammar.free_text import check_length, clean_text
from commands.grammar.lexer import join_words, shorten
from commands.i18n import Phrase
from commands.replies import People
from storage import queries, timeoff
from storage.models import Member, TimeOff

OFF_WORDS = ("off", "end", "stop", "selesai", "akhiri", "batal")
TEAM_WORDS = ("team", "tim")
SET_EXAMPLE = Phrase("example.away_set")
OFF_EXAMPLE = Phrase("example.away_off")
TEAM_EXAMPLE = Phrase("example.away_team")
MAX_DAYS = 90  # one time off at a time: a longer absence is set in parts
AHEAD_DAYS = 366  # how far ahead time off may start, and the lists look
NOTE_LIMIT = 100
SHOWN = 25  # lines in a list
RANGE_SEPARATOR = ".."


def run_away(ctx: CommandContext, tokens: list[Token]) -> AwayList:
    """Dispatch ``/sales away …``."""
    if not tokens:
        return away_list(ctx, ctx.member, "away.yours", {})
    first = tokens[0]
    word = first.value.casefold() if first.kind == "word" else ""
    if word in OFF_WORDS:
        return _end(ctx, tokens[1:])
    if word in TEAM_WORDS and len(tokens) == 1:
        return _team(ctx)
    if first.kind == "user" and len(tokens) == 1:
        member = _person(ctx, first.value, SET_EXAMPLE)
        key = "away.yours" if member.id == ctx.member_id else "away.theirs"
        return away_list(ctx, member, key, {"person": _mention(member)})
    if first.kind == "user":  # /sales away @budi 2027-08-01..2027-08-14
        tokens = [*tokens[1:], first]
    tokens = _joined_range(tokens)
    if tokens[0].kind != "word":
        raise UsageError("away.usage", example=SET_EXAMPLE, text=shorten(tokens[0].text))
    return _set(ctx, tokens[0].value, tokens[1:])


def _joined_range(tokens: list[Token]) -> list[Token]:
    """``2027-08-01 .. 2027-08-14`` typed with spaces: the one range it was meant as."""
    joined = list(tokens)
    while (
        len(joined) > 1
        and joined[0].kind == joined[1].kind == "word"
        and (joined[0].value.endswith(RANGE_SEPARATOR) or joined[1].value.startswith("."))
    ):
        joined[0:2] = [Token("word", joined[0].value + joined[1].value)]
    return joined


def away_list(ctx: CommandContext, member: Member, key: str, params: dict[str, object]) -> AwayList:
    """``member``'s time off that has not ended before today, soonest first."""
    assert member.id is not None
    rows = timeoff.member_time_off(
        ctx.session, workspace_id=ctx.workspace_id, member_id=member.id, since=ctx.today
    )
    return _listed(key, params, [(member, row) for row in rows])


def read_days(text: str, today: date) -> tuple[date, date]:
    """``2027-08-01..2027-08-14`` or one day (``2027-08-03``, ``besok``) as the first and last
    day away, checked: in order, not over, at most ``MAX_DAYS`` long, starting within a year."""
    parts = text.split(RANGE_SEPARATOR)
    if len(parts) > 2 or not all(parts):
        raise UsageError("away.bad_days", example=SET_EXAMPLE, text=shorten(text))
    try:
        first = parse_date(parts[0], today)
        last = parse_date(parts[-1], today)
    except UsageError:
        raise UsageError("away.bad_days", example=SET_EXAMPLE, text=shorten(text)) from None
    if last < first:
        raise UsageError("away.backwards", example=SET_EXAMPLE, first=first, last=last)
    if last < today:
        raise UsageError("away.past", example=SET_EXAMPLE, last=last)
    days = (last - first).days + 1
    if days > MAX_DAYS:
        raise UsageError("away.too_long", example=SET_EXAMPLE, days=days, limit=MAX_DAYS)
    if first > today + timedelta(days=AHEAD_DAYS):
        raise UsageError("away.too_far", example=SET_EXAMPLE, first=first)
    return first, last


def _set(ctx: CommandContext, days: str, rest: list[Token]) -> AwayList:
    first, last = read_days(days, ctx.today)
    users = [token for token in rest if token.kind == "user"]
    if any(token.kind not in ("user", "word", "quoted") for token in rest):
        bad = next(token for token in rest if token.kind not in ("user", "word", "quoted"))
        raise UsageError("input.unexpected", example=SET_EXAMPLE, text=shorten(bad.text))
    if len({token.value for token in users}) > 1:
        raise UsageError("away.one_person", example=SET_EXAMPLE)
    words = [token for token in rest if token.kind != "user"]
    for token in words:  # 2027-08-01 2027-08-14, "today until friday": not a note
        if token.kind == "word" and _is_day(token.value, ctx.today):
            raise UsageError("away.day_in_note", example=SET_EXAMPLE, text=shorten(token.value))
    note = check_length("notes", clean_text(join_words(words)), NOTE_LIMIT, SET_EXAMPLE) or ""
    member = _person(ctx, users[0].value, SET_EXAMPLE) if users else ctx.member
    assert member.id is not None
    timeoff.set_time_off(
        ctx.session,
        workspace_id=ctx.workspace_id,
        member_id=member.id,
        first=first,
        last=last,
        source=timeoff.COMMAND,
        note=note,
        set_by=ctx.member_id,
        now=ctx.now,
    )
    params = {"person": _mention(member), "first": first, "last": last}
    return away_list(ctx, member, "away.set", params)


def _end(ctx: CommandContext, rest: list[Token]) -> AwayList:
    """End the time off going on today (back from today), or cancel the next one."""
    if any(token.kind != "user" for token in rest) or len({t.value for t in rest}) > 1:
        raise UsageError("away.off_usage", example=OFF_EXAMPLE)
    member = _person(ctx, rest[0].value, OFF_EXAMPLE) if rest else ctx.member
    assert member.id is not None
    rows = timeoff.member_time_off(
        ctx.session, workspace_id=ctx.workspace_id, member_id=member.id, since=ctx.today
    )
    if not rows:
        raise UsageError("away.none_to_end", example=SET_EXAMPLE, person=_mention(member))
    row = rows[0]  # the one going on today, else the next
    first, last, source = row.first_day, row.last_day, row.source
    began = timeoff.end_time_off(ctx.session, row=row, today=ctx.today, now=ctx.now)
    params: dict[str, object] = {"person": _mention(member), "first": first, "last": last}
    key = "away.ended" if began else "away.cancelled"
    reply = away_list(ctx, member, key, params)
    if source == timeoff.SLACK_STATUS:
        return AwayList(reply.key, reply.params, reply.lines, reply.more, "away.status_again")
    return reply


def _team(ctx: CommandContext) -> AwayList:
    """The time off, now and ahead, of the reps the caller manages; an admin's, everyone's."""
    if permissions.is_admin(ctx):
        member_ids: frozenset[int] | None = None
        key = "away.everyone"
    else:
        member_ids = permissions.managed_rep_ids(ctx)
        key = "away.team"
        if not member_ids:
            raise NotAllowed(
                "away.team_managers_only",
                example=Phrase("example.away_yours"),
                admins=permissions.admins_to_ask(ctx),
            )
    rows = timeoff.time_off_between(
        ctx.session,
        workspace_id=ctx.workspace_id,
        start=ctx.today,
        end=ctx.today + timedelta(days=AHEAD_DAYS),
        member_ids=member_ids,
    )
    members = queries.members_by_id(
        ctx.session, workspace_id=ctx.workspace_id, ids=sorted({row.member_id for row in rows})
    )
    found = [(members[row.member_id], row) for row in rows if row.member_id in members]
    found.sort(key=lambda pair: (pair[1].first_day, pair[1].last_day, pair[0].id or 0))
    return _listed(key, {}, found)


def _listed(key: str, params: dict[str, object], rows: list[tuple[Member, TimeOff]]) -> AwayList:
    lines = tuple(
        AwayLine(
            user_id=member.slack_user_id,
            first=row.first_day,
            last=row.last_day,
            note=row.note,
            from_status=row.source == timeoff.SLACK_STATUS,
        )
        for member, row in rows[:SHOWN]
    )
    return AwayList(key, params, lines, max(0, len(rows) - SHOWN))


def _is_day(text: str, today: date) -> bool:
    try:
        parse_date(text, today)
    except UsageError:
        return False
    return True


def _person(ctx: CommandContext, user_id: str, example: Phrase) -> Member:
    """The member ``@rep`` names, whose time off the caller may read and set."""
    if user_id == ctx.member.slack_user_id:
        return ctx.member
    member = queries.find_member(ctx.session, workspace_id=ctx.workspace_id, slack_user_id=user_id)
    if member is None:
        raise UsageError("away.unknown_person", example=example, person=People((user_id,)))
    permissions.check_member_change(ctx, member, "away.not_yours", example=example)
    return member


def _mention(member: Member) -> People:
    return People((member.slack_user_id,))
