"""What the demo team did: about 300 deals over 120 days, as dated events.

Each deal starts as a lead and moves on with the odds of a healthy funnel near the 10:5:3:1
benchmark, except in one team, whose prospects rarely qualify (the leak). Reps call between
moves, qualify with BANT before a deal becomes potential, win at a value near the one quoted
and lose for the reasons sales teams hear. Everything happens on weekdays in office hours,
before ``now``; a deal whose next move would come later is simply still open, with a next step.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from commands.demo.cast import LEAKY_TEAM, TEAMS, Person

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


@dataclass(frozen=True)
class Event:
    """One thing a rep did, at ``at``; ``command`` and ``text`` as typed (``{ref}`` stands for
    the deal's reference, known once it is added)."""

    at: datetime
    rep: Person
    deal: int  # the story's own number of the deal
    command: str
    text: str


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
    reps = [(team.name, rep) for team in TEAMS for rep in team.reps]
    names = rng.sample([f"{c} {city}" for c in COMPANIES for city in CITIES], DEALS)
    events: list[Event] = []
    for number in range(DEALS):
        team, rep = reps[number % len(reps)]
        start = now - timedelta(days=DAYS) + timedelta(days=DAYS * rng.random() ** 0.8)
        at = _office_time(start, rng, tz)
        events += _deal(number, names[number], rep, team, at, now, rng, tz)
    events = [event for event in events if event.at <= now]
    return sorted(events, key=lambda event: (event.at, event.deal))


def _deal(
    number: int,
    name: str,
    rep: Person,
    team: str,
    at: datetime,
    now: datetime,
    rng: random.Random,
    tz: ZoneInfo,
) -> list[Event]:
    millions = rng.choice((15, 25, 40, 50, 75, 120, 150, 250, 400))
    contact = rng.choice(("Pak", "Bu")) + " " + rng.choice(("Hadi", "Yanti", "Slamet", "Lina"))
    events = [Event(at, rep, number, "/deal", f'add {name} {millions}jt contact:"{contact}"')]
    odds = LEAKY_ODDS if team == LEAKY_TEAM else ODDS
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
