"""One language at a time: an Indonesian reader reads no English command words.

Every catalog message, every example an error can carry, the help and the replies of the
common commands (driven through the real app as Sari, whose Slack speaks Indonesian) are read
in Indonesian and searched for the English words the grammar has an Indonesian word for:
outcomes, days, periods, stages whose Indonesian label differs, option names and the words of
the examples. What the reader typed is theirs to read back. A slash command and its first word
(``/deal add``, ``/sales team``) are the command's name in both languages and are not searched.
Each example is also run, in each language, to show that one a reader copies works.
"""

from __future__ import annotations

import ast
import re
import string
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.blocks.text import message
from commands.calendar.public import public_holidays
from commands.deals.call import outcome_for
from commands.grammar import parse_date, tokenize
from commands.grammar.options import ALIASES, option_name
from commands.i18n import CATALOG, Phrase, in_language
from commands.imports.activities import KINDS
from commands.imports.cells import read_status
from commands.pipelines import PRESETS, WON, parse_custom_stages
from commands.registry import SUBCOMMANDS
from commands.replies import Channel, Money, People
from commands.reports.settings import TARGET_OPTIONS
from tests.harness import BUDI, RINA, SARI, Bot
from tests.terminal import Ran

ROOT = Path(__file__).resolve().parents[1]
JAKARTA = ZoneInfo("Asia/Jakarta")
DEWI = "U0DEWI0001"  # an admin whose Slack speaks Indonesian
ADMINS = {"en": "U0EDDY0001", "id": DEWI}

# English words the grammar reads an Indonesian word for (tersambung, jumat, minggu lalu,
# Prospek, kirim penawaran ...), searched for anywhere in an Indonesian text.
ENGLISH_WORDS = (
    # call outcomes
    "connected",
    "no-answer",
    "no answer",
    "unanswered",
    "voicemail",
    "busy",
    "wrong-number",
    "wrong number",
    "meeting-booked",
    # days
    "today",
    "tomorrow",
    "yesterday",
    "next week",
    "next month",
    "end of week",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon-fri",
    # report periods
    "last week",
    "this week",
    "last month",
    "this month",
    "last quarter",
    "this quarter",
    "last year",
    "this year",
    # stages whose Indonesian label differs (Lead, Prospecting, Demo, Closing read the same)
    "prospect",
    "potential",
    "closeable",
    "qualification",
    "research",
    "objection handling",
    "contacting",
    "needs analysis",
    "presentation",
    "negotiation",
    "referral",
    "won",
    "lost",
    # the examples' own words
    "proposal",
    "send proposal",
    "pricing",
    "price",
    "call back",
    "months",
    "manual invoicing",
    # what to import or export (aktivitas)
    "activities",
)
# Option names with an Indonesian name (tenggat:, lanjut:, hari: ...), as typed: name:value.
OPTION_NAMES = (
    *sorted(set(ALIASES.values())),
    "note",
    *sorted(set(TARGET_OPTIONS.values())),
    "standup",
    "digest",
    "tz",
)
# Words typed inside a command (`...`) that have an Indonesian word there: scopes, team and
# admin actions, on/off, default.
CODE_WORDS = (
    "team",
    "mine",
    "all",
    "channel",
    "manager",
    "schedule",
    "add",
    "remove",
    "show",
    "list",
    "delete",
    "none",
    "on",
    "off",
    "default",
    "reset",
)


def _any(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


_WORD = re.compile(rf"(?<![\w-])(?:{_any(ENGLISH_WORDS)})(?![\w-])", re.IGNORECASE)
_OPTION = re.compile(rf"(?<![\w-])(?:{_any(OPTION_NAMES)}):(?=[^\s:])", re.IGNORECASE)
_CODE_WORD = re.compile(rf"(?<![\w-])(?:{_any(CODE_WORDS)})(?![\w-])", re.IGNORECASE)
_CODE = re.compile(r"`[^`\n]*`")
# The command's name: a slash command, and the first word of the two that have subcommands.
_COMMAND_NAME = re.compile(r"/(?:deal|sales)\s+[\w-]+|/(?:call|bant|pipeline|funnel)\b")


def english_words(text: str, typed: str = "") -> list[str]:
    """The English command words in ``text`` that the reader did not type themselves."""
    text = _COMMAND_NAME.sub(" ", text)
    found = [m.group(0) for m in (*_WORD.finditer(text), *_OPTION.finditer(text))]
    for code in _CODE.findall(text):
        found += [m.group(0) for m in _CODE_WORD.finditer(code)]
    typed = typed.casefold()
    return [word for word in found if word.casefold().rstrip(":") not in typed]


def test_the_search_finds_what_it_is_for() -> None:
    """The search itself: English caught, Indonesian, names and typed words let through."""
    assert english_words('Contoh: `/call acme 20m connected next:"x" due:fri`') == [
        "connected",
        "fri",
        "next:",
        "due:",
    ]
    assert english_words("pindah ke Potential, `/pipeline team`") == ["Potential", "team"]
    assert english_words("`/deal add Acme` dan /deal won; tenggat:jumat, Prospecting") == []
    assert english_words("\u201cconected\u201d: maksudnya tersambung?", "toko conected") == []
    assert english_words("\u201cdue:xyz\u201d", "/call toko due:xyz") == []


# --- the catalog -------------------------------------------------------------------------------

# Parameters as the code passes them: stage keys, dates, mentions, money, phrases.
REALISTIC: dict[str, Any] = {
    "stage": "potential",
    "from_stage": "lead",
    "to_stage": "prospect",
    "stages": PRESETS["funnel4"],
    "status": WON,
    "mode": "strict",
    "date": date(2026, 12, 31),
    "day": date(2026, 11, 23),
    "since": date(2026, 11, 2),
    "moment": datetime(2026, 11, 23, 3, 0, tzinfo=UTC),
    "people": People((BUDI, SARI)),
    "person": People((SARI,)),
    "managers": People((RINA,)),
    "admins": People((DEWI,)),
    "channel": Channel("C0SALES001"),
    "value": Money(50_000_000, "IDR"),
    "example": Phrase("example.call"),
    "known": tuple(option_name(name) for name in ("due", "next", "notes", "note")),
    "outcomes": Phrase("example.outcomes"),
    "kinds": Phrase("example.activity_kinds"),
    "field": Phrase("field.label.next"),
    "reset": Phrase("example.benchmark_default"),
}


def _realistic(key: str) -> dict[str, Any]:
    names = {name for _, name, _, _ in string.Formatter().parse(CATALOG[key]["id"]) if name}
    return {name: REALISTIC.get(name, 3 if name == "count" else "Acme") for name in names}


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_message_reads_in_indonesian_only(key: str) -> None:
    text = message(key, "id", JAKARTA, _realistic(key))
    assert english_words(text) == [], text


@pytest.mark.parametrize("key", sorted(k for k in CATALOG if k.startswith("option.name.")))
def test_each_option_name_is_one_the_grammar_reads(key: str) -> None:
    option = key.removeprefix("option.name.")
    for lang in ("en", "id"):
        typed = in_language(Phrase(key), lang)
        canonical = {**ALIASES, **TARGET_OPTIONS}.get(typed, typed)
        assert canonical == option or (option, canonical) == ("note", "notes"), typed


# --- examples ----------------------------------------------------------------------------------


def _literal_examples() -> list[tuple[str, str]]:
    """Every example written as a literal in commands/: an ``example=`` argument, a form
    field's ``placeholder=``, an ``*EXAMPLE*`` constant; an f-string by its fixed parts."""
    found: list[tuple[str, str]] = []

    def text_of(node: ast.AST) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr):
            return " ".join(text_of(part) or "" for part in node.values)
        if isinstance(node, ast.IfExp):
            return " ".join(text_of(part) or "" for part in (node.body, node.orelse))
        return None

    for path in sorted(ROOT.glob("commands/**/*.py")):
        where = str(path.relative_to(ROOT))
        if where == "commands/imports/template.py":
            continue  # a row of Corong's file format (stage keys), not an example to type
        for node in ast.walk(ast.parse(path.read_text())):
            values: list[ast.AST] = []
            if isinstance(node, ast.keyword) and node.arg in ("example", "placeholder"):
                values.append(node.value)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and "EXAMPLE" in t.id for t in targets):
                    assert node.value is not None
                    values.append(node.value)
                    if isinstance(node.value, ast.Dict):
                        values += [v for v in node.value.values if v is not None]
            found += [(where, text) for text in map(text_of, values) if text]
    return found


def test_every_literal_example_reads_the_same_in_both_languages() -> None:
    """An example written in the code is shown to every reader as it is: one whose words
    differ by language is a ``Phrase`` of the examples catalog instead."""
    literals = _literal_examples()
    assert len(literals) > 50, "the scan found too few examples: it is broken"
    assert [(where, text) for where, text in literals if english_words(text)] == []


def test_the_help_examples_are_in_the_readers_language() -> None:
    for sub in SUBCOMMANDS:
        assert english_words(in_language(sub.example, "id")) == [], sub


# The examples an Indonesian reader types into a command or a form, read by the grammar that
# reads them there.
def _dates(text: str) -> object:
    return parse_date(text, date(2026, 11, 23))


WORD_EXAMPLES = {
    "example.due": _dates,
    "example.quoted_note": lambda text: tokenize(text)[0].kind == "quoted" or None,
    "example.stages": parse_custom_stages,
    "example.outcome": outcome_for,
    "example.outcomes": lambda text: all(outcome_for(w) for w in text.split(", ")) or None,
    "example.status_won": lambda text: read_status(text) == WON or None,
    "example.activity_kind": lambda text: KINDS.get(text),
    "example.activity_kinds": lambda text: all(KINDS.get(w) for w in text.split(", ")) or None,
}


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("key", sorted(WORD_EXAMPLES))
def test_each_word_example_reads_as_what_it_stands_for(key: str, lang: str) -> None:
    assert WORD_EXAMPLES[key](in_language(Phrase(key), lang)), key


def test_the_work_days_example_reads_as_monday_to_friday(bot: Bot) -> None:
    for lang, user in ADMINS.items():
        bot.know(user, locale=f"{lang}-ID", admin=True)
        days = in_language(Phrase("example.work_days"), lang)
        option = in_language(option_name("days"), lang)
        answer = bot.slash("/sales", f"targets {option}:{days}", user=user).ack.text
        assert not answer.startswith(":warning:"), answer


# Every command example, in the order a new team would type them: (key, parameters).
COMMAND_EXAMPLES: tuple[tuple[str, dict[str, Any]], ...] = (
    ("example.deal_add", {}),
    ("example.deal_move", {}),
    ("example.call", {}),
    ("example.deal_lost", {}),
    ("example.deal_list_all", {}),
    ("example.team_add", {"team": "Jakarta", "people": "@budi @sari"}),
    ("example.team_manager", {}),
    ("example.team_channel", {}),
    ("example.team_schedule", {}),
    ("example.team_show", {"team": "Jakarta"}),
    ("example.team_list", {}),
    ("example.pipeline_team", {}),
    ("example.funnel", {}),
    ("example.scope_team", {"command": "/pipeline", "team": "Jakarta"}),
    ("example.scope_all", {"command": "/funnel"}),
    ("example.admin_add", {}),
    ("example.bant_strict", {}),
    ("example.targets", {}),
    ("example.targets_calls", {}),
    ("example.targets_option", {"option": option_name("calls"), "value": "12"}),
    ("example.benchmark_default", {}),
    ("example.import_activities", {}),
    ("example.holidays_country", {}),
    ("example.holidays_add", {}),
    ("example.holidays_remove", {}),
    ("example.team_holidays", {"team": "Jakarta"}),
    ("example.team_alerts", {}),
    ("example.team_forecast", {}),
    ("example.team_leaderboard", {}),
    ("example.team_remove", {"team": "Jakarta", "person": "@sari"}),
    ("example.away_set", {}),
    ("example.away_yours", {}),
    ("example.away_team", {}),
    ("example.away_off", {}),
    ("example.me_nudge", {}),
    ("example.me_nudges", {}),
    ("example.me_quiet", {}),
    ("example.me_language", {}),
    ("example.quota_member", {}),
    ("example.quota_team", {}),
    ("example.forecast_team", {}),
)
# What a Slack client sends for what a reader writes as @budi or #sales-jakarta.
MENTIONS = {
    "@budi": f"<@{BUDI}|budi>",
    "@sari": f"<@{SARI}|sari>",
    "@rina": f"<@{RINA}|rina>",
    "#sales-jakarta": "<#C0SALES001|sales-jakarta>",
}


def test_every_command_example_is_run_here() -> None:
    examples = {key: texts for key, texts in CATALOG.items() if key.startswith("example.")}
    commands = {key for key, texts in examples.items() if texts["en"].startswith(("/", "{"))}
    assert commands == {key for key, _ in COMMAND_EXAMPLES}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_command_example_works_as_a_reader_copies_it(bot: Bot, lang: str) -> None:
    """An admin reading ``lang`` types each example as shown to them: none is refused, and
    the Indonesian reader's answers carry no English command words."""
    admin = ADMINS[lang]
    bot.know(admin, locale=f"{lang}-ID", admin=True)
    for key, params in COMMAND_EXAMPLES:
        if key == "example.deal_lost":  # D-12
            for number in range(2, 13):
                bot.slash("/deal", f"add Toko {number} 5jt", user=admin)
        typed = in_language(Phrase(key, **params), lang)
        if key == "example.pipeline_team":  # the admin reads the team they manage
            bot.slash("/sales", f"team Jakarta manager <@{admin}>", user=admin)
        for written, sent in MENTIONS.items():
            typed = typed.replace(written, sent)
        command, _, text = typed.partition(" ")
        forms = len(bot.fake.calls_to("views.open"))
        answer = bot.slash(command, text, user=admin).ack.text
        bot.settle()
        opened = len(bot.fake.calls_to("views.open")) > forms  # /sales import: its form
        assert (answer or opened) and not answer.startswith(":warning:"), (typed, answer)
        if lang == "id":
            # A holiday's name is data, in the language its country's calendar has it in.
            names = " ".join(
                name
                for year in (2026, 2027)
                for country in ("ID", "SG")
                for name in public_holidays(country, year, lang).values()
            )
            assert english_words(answer, f"{typed} {names}") == [], (typed, answer)
    deal = bot.existing_deal(1)
    assert (deal.name, deal.stage, deal.close_date) == (
        "Acme Corp",
        "potential",
        date(2026, 12, 31),
    )
    assert deal.next_step_due == date(2026, 11, 27)  # jumat / fri: that Friday
    assert bot.existing_deal(12).status == "lost"


# --- the replies of the common commands --------------------------------------------------------


def test_the_help_is_in_indonesian(bot: Bot) -> None:
    for text in ("bantuan", "help", ""):
        answer = bot.slash("/sales", text, user=SARI).ack.text
        assert "tenggat:jumat" in answer and "minggu lalu tim Jakarta" in answer
        assert english_words(answer) == [], answer


INTERNAL = "Maaf, ada gangguan"  # error.internal: a bug, not a slip answered


SARIS_DAY = (
    ("/deal", "tambah Toko Maju 50jt tutup:31/12/2026 kontak:Budi"),
    ("/deal", "pindah toko potensial"),
    ("/call", 'toko 20m tersambung "harga oke" lanjut:"kirim penawaran" tenggat:jumat'),
    ("/call", "toko 5m tidak diangkat"),
    ("/deal", "lihat toko"),
    ("/deal", "daftar"),
    ("/deal", "daftar potensial"),
    ("/pipeline", ""),
    ("/funnel", ""),
    ("/funnel", "minggu lalu"),
    ("/sales", "target"),
    ("/sales", "bant"),
    ("/sales", "tahapan"),
    ("/sales", "tim"),
)
SARIS_SLIPS = (
    ("/call", "toko 20m tersambun"),
    ("/call", "toko 20m hasil:aneh"),
    ("/call", "toko 20m aneh-sekali"),
    ("/call", "toko 20m waktu:besok"),
    ("/call", "toko tenggat:kapan-kapan"),
    ("/call", "toko 0m"),
    ("/call", 'toko "harga oke'),
    ("/call", "tenggat:jumat"),
    ("/deal", "pindah toko xyz"),
    ("/deal", "pindah toko p"),
    ("/deal", "pindah toko menang"),
    ("/deal", "pindah toko potensial"),
    ("/deal", "pindah"),
    ("/deal", "tambah 50jt"),
    ("/deal", "tambah Toko Baru 50jt 60jt"),
    ("/deal", "tambah Toko Baru lima juta"),
    ("/deal", "menang"),
    ("/deal", "kalah"),
    ("/deal", "lihat"),
    ("/deal", "lihat gudang"),
    ("/deal", "gerak toko"),
    ("/pipeline", "tim"),
    ("/pipeline", "siapa"),
    ("/funnel", "minggu lalu siapa"),
    ("/funnel", "2026-13-01..2026-12-31"),
    ("/sales", "tim tambah Jakarta <@U0BUDI0001>"),
    ("/sales", "undo"),
)


def test_a_reps_day_and_her_slips_read_in_indonesian(bot: Bot) -> None:
    for command, text in SARIS_DAY:
        answer = bot.slash(command, text, user=SARI).ack.text
        assert answer and not answer.startswith(":warning:"), (command, text, answer)
        assert english_words(answer, text) == [], (command, text, answer)
    for command, text in SARIS_SLIPS:
        answer = bot.slash(command, text, user=SARI).ack.text
        assert answer and INTERNAL not in answer, (command, text, answer)
        assert english_words(answer, text) == [], (command, text, answer)


ADMIN_SLIPS = (
    ("/sales", "target hari:xyz"),
    ("/sales", "target telepon:0"),
    ("/sales", "target waktu:3"),
    ("/sales", "bant strict:mungkin"),
    ("/sales", "bant budget:90"),
    ("/sales", "bant budget:banyak"),
    ("/sales", "tim"),
    ("/sales", "tim Jakarta"),
    ("/sales", "tim tambah Jakarta"),
    ("/sales", "tim apa <@U0BUDI0001>"),
    ("/sales", "tim Jakarta kanal"),
    ("/sales", "tim Jakarta jadwal ringkasan:xyz"),
    ("/sales", "tim Jakarta jadwal jam:25"),
    ("/sales", "tim Jakarta jadwal warna:biru"),
    ("/sales", "admin xyz"),
    ("/sales", "admin tambah"),
    ("/sales", "tahapan nine-step"),
    ("/sales", "patokan 1:2"),
    ("/sales", "ekspor xyz"),
    ("/sales", "impor xyz"),
    ("/pipeline", "tim Surabaya"),
    ("/funnel", "semua"),
)


def test_an_admins_slips_read_in_indonesian(bot: Bot) -> None:
    bot.know(DEWI, locale="id-ID", admin=True)
    bot.slash("/deal", "add Toko Maju 50jt", user=BUDI)
    for command, text in ADMIN_SLIPS:
        answer = bot.slash(command, text, user=DEWI).ack.text
        assert answer and INTERNAL not in answer, (command, text, answer)
        assert english_words(answer, text) == [], (command, text, answer)


def _texts(view: Any) -> list[str]:
    """Every text of a modal: titles, labels, hints, placeholders, options, buttons."""
    if isinstance(view, dict):
        own = [view["text"]] if view.get("type") in ("plain_text", "mrkdwn") else []
        return own + [text for value in view.values() for text in _texts(value)]
    if isinstance(view, list):
        return [text for item in view for text in _texts(item)]
    return []


def test_the_forms_read_in_indonesian(bot: Bot) -> None:
    bot.know(DEWI, locale="id-ID", admin=True)
    bot.slash("/deal", "tambah Toko Maju 50jt", user=SARI)
    for command, text, user in (
        ("/call", "", SARI),
        ("/deal", "tambah", SARI),
        ("/bant", "toko", SARI),
        ("/sales", "pengaturan", DEWI),
    ):
        bot.slash(command, text, user=user)
        bot.settle()
        view = bot.fake.calls_to("views.open")[-1].args["view"]
        shown = "\n".join(_texts(view))
        assert "kirim penawaran" in shown or command in ("/bant", "/sales"), shown
        assert english_words(shown) == [], (command, shown)


# --- an import ---------------------------------------------------------------------------------


def test_an_import_names_our_stages_by_their_indonesian_labels(
    bot: Bot, corong_cli: Any, tmp_path: Path
) -> None:
    content = (
        "Deal - ID;Deal - Title;Deal - Value;Deal - Currency;Deal - Owner;Deal - Stage;"
        "Deal - Status;Deal - Deal created\n"
        "101;Apotek Sehat;25.000.000;IDR;Budi;Contact Made;open;02/11/2026\n"
        "102;Toko Bangunan;8jt;IDR;Budi;Tahap Aneh;open;02/11/2026\n"
        "103;Bengkel;5jt;IDR;Budi;Contact Made;mungkin;02/11/2026\n"
    )
    file = tmp_path / "pipedrive.csv"
    file.write_text(content, encoding="utf-8")
    args = ("--workspace", bot.fake.team_id, "--as", DEWI, "--lang", "id")
    bot.know(DEWI, locale="id-ID", admin=True)

    ran: Ran = corong_cli("import", "deals", str(file), *args)

    assert ran.status == 1
    assert "(Lead, Prospek, Potensial, Siap closing)" in ran.out, ran.out
    assert '--stage "Tahap Aneh=Lead"' in ran.out and "(menang)" in ran.out, ran.out
    assert english_words(ran.out, content) == [], ran.out

    activities = tmp_path / "log.csv"
    activities.write_text(
        "deal_ref,member,kind,occurred_at,duration_minutes,outcome,notes\n"
        f"D-1,{BUDI},telepon,2026-11-02 10:00,20,aneh-sekali,\n"
        f"D-1,{BUDI},kunjungan,2026-11-02 11:00,,,\n",
        encoding="utf-8",
    )
    bot.slash("/deal", "add Acme 50jt")
    logged: Ran = corong_cli("import", "activities", str(activities), *args)
    assert logged.status == 1
    assert "tersambung, tidak-diangkat" in logged.out and "telepon, pertemuan" in logged.out
    assert english_words(logged.out, activities.read_text()) == [], logged.out
