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


@dataclass(frozen=True)
class DemoTeam:
    name: str
    channel_id: str
    manager: Person
    reps: tuple[Person, ...]


HEAD = Person("U0DEMOHEAD", "Kartika", "en-US")
"""Head of sales: an admin who manages every team; ``corong shell --demo`` speaks as her."""

TEAMS = (
    DemoTeam(
        "Jakarta",
        "C0DEMOJKT1",
        Person("U0DEMOMGR1", "Wulan"),
        (
            Person("U0DEMOREP1", "Budi Santoso", "en-US"),
            Person("U0DEMOREP2", "Sari Dewi"),
            Person("U0DEMOREP3", "Andi Wijaya"),
            Person("U0DEMOREP4", "Rina Kusuma", "en-US"),
        ),
    ),
    DemoTeam(
        "Surabaya",
        "C0DEMOSBY1",
        Person("U0DEMOMGR2", "Bambang"),
        (
            Person("U0DEMOREP5", "Agus Prasetyo"),
            Person("U0DEMOREP6", "Dewi Lestari"),
            Person("U0DEMOREP7", "Joko Susilo"),
            Person("U0DEMOREP8", "Putri Maharani", "en-US"),
        ),
    ),
    DemoTeam(
        "Bandung",
        "C0DEMOBDG1",
        Person("U0DEMOMGR3", "Teguh"),
        (
            Person("U0DEMOREP9", "Rizky Ramadhan"),
            Person("U0DEMOREPA", "Nina Anggraini", "en-US"),
            Person("U0DEMOREPB", "Hendra Gunawan"),
            Person("U0DEMOREPC", "Maya Sari"),
        ),
    ),
)
LEAKY_TEAM = "Surabaya"
"""The team whose prospects rarely become potential deals: the leak the funnel report finds."""
