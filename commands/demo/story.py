"""What the demo team did: about 300 deals over 120 days, as dated events.

Each deal starts as a lead and moves on with the odds of a healthy funnel near the 10:5:3:1
benchmark, except in one team, whose prospects rarely qualify (the leak). Reps call between
moves, qualify with BANT before a deal becomes potential, win at a value near the one quoted
and lose for the reasons sales teams hear. Everything happens on weekdays in office hours,
before ``now``; a deal whose next move would come later is simply still open, with a next step.

The manager's week is there too: on the first morning the managers set their reps' month
quotas and the head of sales the teams' (one raised half way), Jakarta turns its leaderboard
on, every deal says where its lead came from (referrals close best, cold calls worst), and on
most Fridays each rep submits a forecast for the month: what they have booked, plus what they
expect of their open deals, as optimistic or careful as the rep is (two reps often forget).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from commands.demo.cast import HEAD, LEAKY_TEAM, TEAMS, Person
from commands.localtime import add_months

DAYS = 120
DEALS = 300
SEED = 2026

# Odds of moving on from each open stage (lead, prospect, potential, closeable -> won).
ODDS = (0.5, 0.6, 0.55, 0.6)
LEAKY_ODDS = (0.5, 0.2, 0.55, 0.6)
LOST_REASONS = ("price", "budget dipotong", "pilih kompetitor", "timing", "no decision maker")
COMPANIES = (
    "Toko Sinar Jaya", "PT Maju Bersama", "CV Lancar Abadi", "Warung Kopi Nusantara",
    "Apotek Sehat Selalu", "Klinik Gigi Senyum", "Bengkel Motor Jaya", "PT Angkasa Raya",
    "Hotel Melati Indah", "Sekolah Bina Bangsa", "RS Harapan Kita", "Koperasi Tani Makmur",
    "Distributor Sumber Rejeki", "Butik Cantik", "Percetakan Mandiri", "Restoran Padang Minang",
    "Katering Ibu Sri", "Toko Bangunan Kokoh", "PT Logistik Cepat", "Salon Ayu",
    "Gudang Elektronik", "Minimarket Berkah", "PT Tekstil Bandung", "Kafe Senja",
)  # fmt: skip
CITIES = (
    "Kemang", "Bekasi", "Depok", "Tangerang", "Bogor", "Cibubur", "Sidoarjo", "Gresik",
    "Dago", "Cimahi", "Menteng", "Kelapa Gading", "Rungkut", "Buah Batu",
)  # fmt: skip
NOTES = (
    "minta penawaran ulang",
    "tertarik, tunggu approval",
    "pricing ok",
    "follow up minggu depan",
    "sudah demo ke owner",
    "asked for references",
)
NEXT_STEPS = ("kirim proposal", "demo produk", "follow up", "meeting dengan owner", "send quote")
# A potential deal's qualification: budget, authority, need, timeline (mostly qualifying).
BANT_ANSWERS = (
    "confirmed decision_maker strong within_month",
    "confirmed decision_maker strong one_to_three_months",
    "estimated decision_maker strong one_to_three_months",
    "estimated influencer moderate one_to_three_months",
    "unknown influencer moderate three_to_six_months",
)
OUTCOMES = ("connected", "connected", "connected", "no-answer", "voicemail", "meeting")
# Where leads come from: how often, and how much likelier than usual a qualified one closes
# (the odds of its last two moves are multiplied by it), so win rate by source says something.
LEAD_SOURCES = (
    ("website", 30, 1.1),
    ("referral", 20, 1.6),
    ("cold call", 18, 0.55),
    ("pameran", 12, 1.25),
    ("LinkedIn", 12, 0.95),
    ("Instagram", 8, 0.8),
)
QUOTA_RAISED_AFTER = 60  # days into the story: one rep's quota goes up (the quota history)
QUOTA_RAISED_BY = 1.25
FORECASTS_AFTER = 30  # days into the story: from the next month on, reps forecast on Fridays
FORECAST_NOTES = (
    "tunggu PO",
    "2 deal besar di closeable",
    "owner masih cuti",
    "depends on budget approval",
    "",
    "",
    "",
)
NOT_A_DEAL = -1  # an event's ``deal`` when it is about no deal (quotas, settings, forecasts)


@dataclass(frozen=True)
class Event:
    """One thing a rep did, at ``at``; ``command`` and ``text`` as typed (``{ref}`` stands for
    the deal's reference, known once it is added)."""

    at: datetime
    rep: Person
    deal: int  # the story's own number of the deal, or NOT_A_DEAL
    command: str
    text: str


@dataclass(frozen=True)
class Arc:
    """How one deal went, in millions: what a rep knows of it when they forecast."""

    rep: Person
    opened: datetime
    value: int
    closed: datetime | None = None  # won or lost
    won: int | None = None  # the value it was won at


@dataclass(frozen=True)
class Forecaster:
    """How a rep forecasts: ``bias`` times what they truly expect; ``skips`` of the Fridays
    they forget."""

    bias: float = 1.0
    skips: float = 0.1


# Andi commits too much, Dewi too little; Joko and Hendra often forget to submit.
FORECASTERS = {
    "U0DEMOREP3": Forecaster(bias=1.6),
    "U0DEMOREP6": Forecaster(bias=0.6),
    "U0DEMOREP7": Forecaster(skips=0.5),
    "U0DEMOREPB": Forecaster(bias=1.2, skips=0.45),
}


def _office_time(day: datetime, rng: random.Random, tz: ZoneInfo) -> datetime:
    """A moment in office hours on the first weekday from ``day``."""
    local = day.astimezone(tz)
    while local.weekday() >= 5:
        local += timedelta(days=1)
    clock = time(rng.randint(9, 16), rng.choice((0, 10, 20, 30, 40, 50)))
    return datetime.combine(local.date(), clock, tzinfo=tz)


def story(now: datetime, tz: ZoneInfo) -> list[Event]:
    """Every event of the demo, oldest first."""
    rng = random.Random(SEED)
    sources = random.Random(f"{SEED} sources")  # its own, so the deals' story stays as it was
    reps = [(team.name, rep) for team in TEAMS for rep in team.reps]
    names = rng.sample([f"{c} {city}" for c in COMPANIES for city in CITIES], DEALS)
    first_day = _office_time(now - timedelta(days=DAYS), random.Random(SEED), tz)
    first_day = first_day.replace(hour=8, minute=0)  # before anyone's first deal
    events: list[Event] = _setup(first_day, tz)
    arcs: list[Arc] = []
    for number in range(DEALS):
        team, rep = reps[number % len(reps)]
        start = now - timedelta(days=DAYS) + timedelta(days=DAYS * rng.random() ** 0.8)
        at = _office_time(start, rng, tz)
        source = sources.choices(LEAD_SOURCES, weights=[w for _, w, _ in LEAD_SOURCES])[0]
        deal_events = _deal(number, names[number], rep, team, at, now, rng, tz, source)
        events += deal_events
        arcs.append(_arc(rep, deal_events, now))
    events += _forecasts(arcs, first_day, now, tz)
    events = [event for event in events if event.at <= now]
    return sorted(events, key=lambda event: (event.at, event.deal))


def _setup(first_day: datetime, tz: ZoneInfo) -> list[Event]:
    """The first morning's settings (quotas, Jakarta's leaderboard) and the quota raised half
    way: typed by the managers and the head of sales, before any deal."""
    events = []
    for team in TEAMS:
        for rep in team.reps:
            text = f"quota <@{rep.user_id}> {rep.quota}jt month"
            events.append(Event(first_day, team.manager, NOT_A_DEAL, "/sales", text))
        quarter = 3 * team.quota
        for amount, period in ((team.quota, "month"), (quarter, "quarter")):
            text = f"quota team {team.name} {amount}jt {period}"
            events.append(Event(first_day, HEAD, NOT_A_DEAL, "/sales", text))
    jakarta = TEAMS[0]
    events.append(
        Event(first_day, jakarta.manager, NOT_A_DEAL, "/sales", "team Jakarta leaderboard on")
    )
    raised = _office_time(first_day + timedelta(days=QUOTA_RAISED_AFTER), random.Random(SEED), tz)
    star = jakarta.reps[0]
    text = f"quota <@{star.user_id}> {_fives(star.quota * QUOTA_RAISED_BY)}jt month"
    events.append(Event(raised, jakarta.manager, NOT_A_DEAL, "/sales", text))
    return events


def _arc(rep: Person, events: list[Event], now: datetime) -> Arc:
    """What the deal's events (up to ``now``) say of it."""
    added = events[0]
    value = int(added.text.split("jt contact:")[0].rsplit(" ", 1)[1])
    for event in events:
        if event.at > now:
            break
        word = event.text.split(" ", 1)[0]
        if event.command == "/deal" and word == "won":
            return Arc(rep, added.at, value, event.at, int(event.text.rsplit(" ", 1)[1][:-2]))
        if event.command == "/deal" and word == "lost":
            return Arc(rep, added.at, value, event.at)
    return Arc(rep, added.at, value)


def _forecasts(arcs: list[Arc], first_day: datetime, now: datetime, tz: ZoneInfo) -> list[Event]:
    """Each rep's month forecast on most Fridays once the call starts: booked so far, plus
    what they expect of their open deals (most of those that will close this month, a little
    of the rest), times how optimistic they are; the best case adds a share of the rest."""
    rng = random.Random(f"{SEED} forecasts")
    events = []
    begun = (first_day + timedelta(days=FORECASTS_AFTER)).date()
    start = add_months(begun.replace(day=1), 1)
    friday = start + timedelta(days=(4 - start.weekday()) % 7)
    while True:
        for team in TEAMS:
            for rep in team.reps:
                who = FORECASTERS.get(rep.user_id, Forecaster())
                at = datetime.combine(friday, time(rng.randint(14, 16), rng.randint(0, 59)), tz)
                if rng.random() < who.skips or at > now:
                    continue
                mine = [arc for arc in arcs if arc.rep == rep and arc.opened <= at]
                month = (friday.year, friday.month)
                booked = sum(
                    arc.won or 0
                    for arc in mine
                    if arc.closed is not None
                    and arc.closed <= at
                    and (arc.closed.astimezone(tz).year, arc.closed.astimezone(tz).month) == month
                )
                open_deals = [arc for arc in mine if arc.closed is None or arc.closed > at]
                coming = sum(
                    arc.won or 0
                    for arc in open_deals
                    if arc.closed is not None
                    and (arc.closed.astimezone(tz).year, arc.closed.astimezone(tz).month) == month
                )
                rest = sum(arc.value for arc in open_deals) - coming
                expected = (0.8 * coming + 0.03 * rest) * who.bias * rng.uniform(0.8, 1.2)
                commit = max(10, _fives(booked + expected))
                best = max(commit, _fives(booked + coming + 0.2 * rest))
                note = rng.choice(FORECAST_NOTES)
                events.append(
                    Event(at, rep, NOT_A_DEAL, "/forecast", f"{commit}jt {best}jt {note}".strip())
                )
        friday += timedelta(days=7)
        if datetime.combine(friday, time(0), tz) > now:
            return events


def _fives(millions: float) -> int:
    """Rounded to 5 million, as people forecast."""
    return 5 * round(millions / 5)


def _deal(
    number: int,
    name: str,
    rep: Person,
    team: str,
    at: datetime,
    now: datetime,
    rng: random.Random,
    tz: ZoneInfo,
    source: tuple[str, int, float],
) -> list[Event]:
    millions = rng.choice((15, 25, 40, 50, 75, 120, 150, 250, 400))
    contact = rng.choice(("Pak", "Bu")) + " " + rng.choice(("Hadi", "Yanti", "Slamet", "Lina"))
    where, _, likelier = source
    text = f'add {name} {millions}jt contact:"{contact}" source:"{where}"'
    events = [Event(at, rep, number, "/deal", text)]
    usual = LEAKY_ODDS if team == LEAKY_TEAM else ODDS
    odds = (*usual[:2], *(min(0.95, chance * likelier) for chance in usual[2:]))
    stages = ("prospect", "potential", "closeable")
    for step, chance in enumerate(odds):
        for _ in range(rng.randint(1, 2)):
            at = _office_time(at + timedelta(days=rng.uniform(0.5, 4)), rng, tz)
            minutes = rng.choice((5, 10, 15, 20, 30))
            outcome = rng.choice(OUTCOMES)
            due = (at + timedelta(days=rng.randint(2, 9))).astimezone(tz).date().isoformat()
            events.append(
                Event(
                    at,
                    rep,
                    number,
                    "/call",
                    f'{{ref}} {minutes}m {outcome} "{rng.choice(NOTES)}" '
                    f'next:"{rng.choice(NEXT_STEPS)}" due:{due}',
                )  # fmt: skip
            )
        at = _office_time(at + timedelta(days=rng.uniform(1, 9)), rng, tz)
        if at > now:
            break
        if rng.random() >= chance:
            if rng.random() < 0.85:  # most stalled deals are closed lost; the rest go stale
                reason = rng.choice(LOST_REASONS)
                events.append(Event(at, rep, number, "/deal", f"lost {{ref}} {reason}"))
            break
        if step == 1:
            answers = rng.choice(BANT_ANSWERS)
            events.append(Event(at - timedelta(minutes=5), rep, number, "/bant", answers))
        if step == len(stages):
            final = round(millions * rng.uniform(0.85, 1.0))
            events.append(Event(at, rep, number, "/deal", f"won {{ref}} {final}jt"))
            break
        events.append(Event(at, rep, number, "/deal", f"move {{ref}} {stages[step]}"))
    return events
