"""Every slash command Corong answers, declared once.

The table feeds ``/sales help``, the "did you mean" on a typo, and the test that ``manifest.yml``
declares exactly these commands.
"""

from __future__ import annotations

from dataclasses import dataclass

from commands.i18n import Phrase, Text
from commands.replies import HelpTopic


@dataclass(frozen=True)
class Subcommand:
    """One thing a slash command can do: its words (English first), help text key and example;
    ``admin`` when some of what it does is for admins only (``permissions.require_admin``)."""

    command: str
    words: tuple[str, ...]
    usage_key: str
    example: Text  # a Phrase when its words differ by language
    admin: bool = False


SUBCOMMANDS: tuple[Subcommand, ...] = (
    Subcommand(
        "/deal",
        ("add", "new", "tambah", "baru"),
        "help.deal_add",
        Phrase("example.deal_add"),
    ),
    Subcommand("/deal", ("move", "pindah", "geser"), "help.deal_move", Phrase("example.deal_move")),
    Subcommand("/deal", ("won", "menang", "win"), "help.deal_won", "/deal won acme 48jt"),
    Subcommand("/deal", ("lost", "kalah", "lose"), "help.deal_lost", Phrase("example.deal_lost")),
    Subcommand("/deal", ("show", "lihat", "info"), "help.deal_show", "/deal show acme"),
    Subcommand("/deal", ("list", "daftar", "ls"), "help.deal_list", "/deal list @budi"),
    Subcommand(
        "/deal",
        ("assign", "reassign", "alihkan", "serahkan"),
        "help.deal_assign",
        "/deal assign acme @sari",
    ),
    Subcommand(
        "/call",
        (),
        "help.call",
        Phrase("example.call"),
    ),
    Subcommand("/bant", (), "help.bant", "/bant acme"),
    Subcommand("/pipeline", (), "help.pipeline", "/pipeline @budi"),
    Subcommand("/funnel", (), "help.funnel", Phrase("example.funnel")),
    Subcommand(
        "/sales", ("undo", "batal", "urungkan"), "help.sales_undo", "/sales undo", admin=True
    ),
    Subcommand(
        "/sales",
        ("pipeline", "tahapan"),
        "help.sales_pipeline",
        "/sales pipeline seven-step",
        admin=True,
    ),
    Subcommand(
        "/sales", ("bant",), "help.sales_bant", "/sales bant need:35 timeline:15", admin=True
    ),
    Subcommand(
        "/sales",
        ("targets", "target"),
        "help.sales_targets",
        Phrase("example.targets_calls"),
        admin=True,
    ),
    Subcommand(
        "/sales",
        ("benchmark", "patokan"),
        "help.sales_benchmark",
        "/sales benchmark 10:6:3:1",
        admin=True,
    ),
    Subcommand(
        "/sales",
        ("team", "teams", "tim"),
        "help.sales_team",
        Phrase("example.team_add", team="Jakarta", people="@budi @sari"),
        admin=True,
    ),
    Subcommand("/sales", ("admin",), "help.sales_admin", Phrase("example.admin_add"), admin=True),
    Subcommand("/sales", ("setup", "pengaturan"), "help.sales_setup", "/sales setup", admin=True),
    Subcommand("/sales", ("import", "impor"), "help.sales_import", "/sales import", admin=True),
    Subcommand(
        "/sales", ("export", "ekspor"), "help.sales_export", "/sales export deals", admin=True
    ),
    Subcommand(
        "/sales",
        ("holidays", "holiday", "libur"),
        "help.sales_holidays",
        Phrase("example.holidays_add"),
        admin=True,
    ),
    Subcommand(
        "/sales", ("away", "cuti"), "help.sales_away", Phrase("example.away_set"), admin=True
    ),
    Subcommand("/sales", ("me", "saya"), "help.sales_me", Phrase("example.me_nudge")),
    Subcommand(
        "/sales", ("quota", "quotas", "kuota"), "help.sales_quota", Phrase("example.quota_member")
    ),
    Subcommand(
        "/sales",
        ("reasons", "reason", "alasan"),
        "help.sales_reasons",
        "/sales reasons",
        admin=True,
    ),
    Subcommand("/forecast", (), "help.forecast", "/forecast"),
    Subcommand(
        "/forecast",
        ("team", "teams", "tim"),
        "help.forecast_team",
        Phrase("example.forecast_team"),
        admin=True,
    ),
    Subcommand("/sales", ("help", "bantuan"), "help.sales_help", "/sales help"),
)

SLASH_COMMANDS: tuple[str, ...] = (
    "/deal",
    "/call",
    "/bant",
    "/pipeline",
    "/funnel",
    "/sales",
    "/forecast",
)


def help_topics(command: str | None = None) -> tuple[HelpTopic, ...]:
    """Help entries, for one command or all."""
    return tuple(
        HelpTopic(command=sub.command, usage_key=sub.usage_key, example=sub.example)
        for sub in SUBCOMMANDS
        if command is None or sub.command == command
    )


def subcommand_words(command: str) -> list[str]:
    """Every word that names a subcommand of ``command``: for "did you mean"."""
    return [word for sub in SUBCOMMANDS if sub.command == command for word in sub.words]
