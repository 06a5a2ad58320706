"""The demo's people: an Indonesian sales organisation of three teams."""

from __future__ import annotations

from dataclasses import dataclass

DEMO_TEAM_ID = "T0DEMO0001"
DEMO_NAME = "Corong Demo"


@dataclass(frozen=True)
class Person:
    user_id: str
    name: str
    locale: str = "id-ID"
    quota: int = 0  # a rep's month quota, in millions of rupiah


@dataclass(frozen=True)
class DemoTeam:
    name: str
    channel_id: str
    manager: Person
    reps: tuple[Person, ...]
    quota: int = 0  # the team's month quota in millions (its quarter's: three times it)


HEAD = Person("U0DEMOHEAD", "Kartika", "en-US")
"""Head of sales: an admin who manages every team; ``corong shell --demo`` speaks as her."""

TEAMS = (
    DemoTeam(
        "Jakarta",
        "C0DEMOJKT1",
        Person("U0DEMOMGR1", "Wulan"),
        (
            Person("U0DEMOREP1", "Budi Santoso", "en-US", quota=120),
            Person("U0DEMOREP2", "Sari Dewi", quota=100),
            Person("U0DEMOREP3", "Andi Wijaya", quota=100),
            Person("U0DEMOREP4", "Rina Kusuma", "en-US", quota=150),
        ),
        500,
    ),
    DemoTeam(
        "Surabaya",
        "C0DEMOSBY1",
        Person("U0DEMOMGR2", "Bambang"),
        (
            Person("U0DEMOREP5", "Agus Prasetyo", quota=75),
            Person("U0DEMOREP6", "Dewi Lestari", quota=75),
            Person("U0DEMOREP7", "Joko Susilo", quota=75),
            Person("U0DEMOREP8", "Putri Maharani", "en-US", quota=75),
        ),
        300,
    ),
    DemoTeam(
        "Bandung",
        "C0DEMOBDG1",
        Person("U0DEMOMGR3", "Teguh"),
        (
            Person("U0DEMOREP9", "Rizky Ramadhan", quota=150),
            Person("U0DEMOREPA", "Nina Anggraini", "en-US", quota=75),
            Person("U0DEMOREPB", "Hendra Gunawan", quota=150),
            Person("U0DEMOREPC", "Maya Sari", quota=75),
        ),
        450,
    ),
)
LEAKY_TEAM = "Surabaya"
"""The team whose prospects rarely become potential deals: the leak the funnel report finds."""
