"""``/sales setup``: the admin settings modal, through the real app with signed slash commands
and view submissions; plus the custom-stage rules on their own."""

from __future__ import annotations

from typing import Any

import pytest

from commands.errors import UsageError
from commands.pipelines import parse_custom_stages
from storage import queries
from storage.db import unit_of_work
from storage.models import AuditEntry
from tests.fakeslack import check_view
from tests.harness import ANDI, BUDI, TEAM, Bot, Slash, message_text

# Slack-side behaviour (the modal, its inline errors, refusals) does not depend on the database;
# saving and undoing (JSON columns, the lock) run on both.
SLACK_SIDE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
RINA = "U0RINA0001"  # an Indonesian-speaking admin
DEWI = "U0DEWI0001"  # a second admin
DEFAULTS = {
    "language": "en",
    "currency": "IDR",
    "pipeline": "funnel4",
    "custom_stages": None,
    "bant_policy": None,
    "report_policy": None,
}


def _open(bot: Bot, user: str = ANDI) -> tuple[Slash, dict[str, Any]]:
    """``/sales setup`` as ``user``: the command sent and the modal Slack was asked to open."""
    opened = len(bot.fake.calls_to("views.open"))
    sent = bot.slash("/sales", "setup", user=user)
    assert sent.ack.status == 200 and sent.ack.body == ""
    view = bot.fake.wait_for("views.open", opened + 1)[-1].response["view"]
    return sent, view


def _settings(bot: Bot) -> dict[str, Any]:
    with unit_of_work(bot.engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        return {name: getattr(workspace, name) for name in DEFAULTS}


def _block(view: dict[str, Any], field: str) -> dict[str, Any]:
    return next(b for b in view["blocks"] if b.get("block_id") == f"field_{field}")


def _option_texts(view: dict[str, Any], field: str) -> list[str]:
    return [o["text"]["text"] for o in _block(view, field)["element"]["options"]]


def _errors(answer: Any) -> dict[str, str]:
    assert answer.status == 200
    assert answer.json.get("response_action") == "errors", answer.body
    return answer.json["errors"]


def _submit(bot: Bot, view: dict[str, Any], answers: dict[str, Any], user: str = ANDI) -> Any:
    """Save the form as ``user`` (an admin unless said otherwise)."""
    return bot.submit(view, answers, user=user)


def _ask(bot: Bot, text: str, user: str = BUDI) -> str:
    return bot.slash("/sales", text, user=user).ack.text


# --- opening --------------------------------------------------------------------------------


@SLACK_SIDE_ONLY
def test_an_admin_gets_the_settings_form_filled_with_the_current_settings(bot: Bot) -> None:
    _, view = _open(bot)
    assert check_view(view) == []
    assert view["title"]["text"] == "Workspace settings"
    initial = {
        "language": _block(view, "language")["element"]["initial_option"]["value"],
        "currency": _block(view, "currency")["element"]["initial_option"]["value"],
        "pipeline": _block(view, "pipeline")["element"]["initial_option"]["value"],
        "bant_mode": _block(view, "bant_mode")["element"]["initial_option"]["value"],
        "stale_days": _block(view, "stale_days")["element"]["initial_value"],
        "calls_per_day": _block(view, "calls_per_day")["element"]["initial_value"],
        "work_days": [o["value"] for o in _block(view, "work_days")["element"]["initial_options"]],
    }
    assert initial == {
        "language": "en",
        "currency": "IDR",
        "pipeline": "funnel4",
        "bant_mode": "warn",
        "stale_days": "5",
        "calls_per_day": "10",
        "work_days": ["mon", "tue", "wed", "thu", "fri"],
    }
    assert {"IDR \u2013 Indonesian rupiah", "MYR \u2013 Malaysian ringgit"} <= set(
        _option_texts(view, "currency")
    )
    assert "initial_value" not in _block(view, "custom_stages")["element"]
    assert "1\u201390" in _block(view, "stale_days")["hint"]["text"]


@SLACK_SIDE_ONLY
def test_a_rep_is_refused_politely_and_no_form_opens(bot: Bot) -> None:
    sent = bot.slash("/sales", "setup", user=BUDI)
    assert "Only Corong admins" in sent.ack.text
    assert f"<@{ANDI}>" in sent.ack.text
    bot.slash("/sales", "pipeline")  # give any after-ack work of the refusal time to run
    assert bot.fake.calls_to("views.open") == []


@SLACK_SIDE_ONLY
def test_an_indonesian_admin_reads_the_form_and_the_summary_in_indonesian(bot: Bot) -> None:
    bot.know(RINA, locale="id-ID", name="Rina", admin=True)
    sent, view = _open(bot, RINA)
    assert view["title"]["text"] == "Pengaturan workspace"
    assert _block(view, "currency")["label"]["text"] == "Mata uang bawaan"
    assert _option_texts(view, "work_days")[:2] == ["Senin", "Selasa"]
    assert "Ketat: tolak perpindahan sampai BANT lolos" in _option_texts(view, "bant_mode")
    bad = _submit(bot, view, {"stale_days": "dua"}, user=RINA)
    assert "Ketik bilangan bulat dari 1 sampai 90" in _errors(bad)["field_stale_days"]
    _submit(bot, view, {"work_days": ["mon", "tue", "wed", "thu", "fri", "sat"]}, user=RINA)
    summary = message_text(sent.replies(1)[0])
    assert "Pengaturan workspace disimpan" in summary
    assert "Hari kerja" in summary and "Sen\u2013Sab" in summary


# --- saving ---------------------------------------------------------------------------------


def test_saving_changes_every_setting_at_once_and_undo_takes_it_all_back(bot: Bot) -> None:
    sent, view = _open(bot)
    answer = _submit(
        bot,
        view,
        {
            "language": "id",
            "currency": "USD",
            "pipeline": "seven-step",
            "bant_mode": "strict",
            "stale_days": "8",
            "calls_per_day": "12",
            "work_days": ["mon", "tue", "wed", "thu", "fri", "sat"],
        },
    )
    assert answer.status == 200 and answer.body in ("", "{}")
    stored = _settings(bot)
    assert (stored["language"], stored["currency"], stored["pipeline"]) == (
        "id",
        "USD",
        "seven-step",
    )
    assert stored["bant_policy"]["strict"] is True
    assert stored["report_policy"]["stale_days"] == 8
    assert stored["report_policy"]["calls_per_day"] == 12
    assert stored["report_policy"]["work_days"] == [0, 1, 2, 3, 4, 5]
    summary = message_text(sent.replies(1)[0])
    assert "Workspace settings saved" in summary
    assert "IDR \u2192 USD" in summary
    assert "English \u2192 Bahasa Indonesia" in summary
    assert "funnel4 (Lead" in summary and "seven-step (Prospecting" in summary
    assert "warn \u2192 strict" in summary and "5 work days \u2192 8 work days" in summary
    assert "Mon\u2013Fri \u2192 Mon\u2013Sat" in summary
    assert "/sales undo" in summary
    # What users see afterwards.
    assert "Objection handling" in _ask(bot, "pipeline")
    assert "USD 5,000" in bot.slash("/deal", "add Acme 5000").ack.text
    assert "12 per rep each work day" in _ask(bot, "targets")
    assert "refused" in _ask(bot, "bant")
    assert bot.count(AuditEntry) == 2  # the setup (one entry) and the deal

    bot.slash("/deal", "lost D-1 price")  # the deal must not pin the new pipeline
    assert "back as they were" in _ask(bot, "undo", user=ANDI)
    assert _settings(bot) == DEFAULTS
    assert "Potential" in _ask(bot, "pipeline")


@SLACK_SIDE_ONLY
def test_submitting_the_form_unchanged_says_nothing_changed(bot: Bot) -> None:
    sent, view = _open(bot)
    _submit(bot, view, {})
    assert "Nothing changed" in message_text(sent.replies(1)[0])
    assert bot.count(AuditEntry) == 0
    assert _settings(bot) == DEFAULTS


@SLACK_SIDE_ONLY
def test_bad_values_are_flagged_next_to_their_fields_and_nothing_is_saved(bot: Bot) -> None:
    _, view = _open(bot)
    answer = _submit(
        bot,
        view,
        {
            "currency": "USD",
            "stale_days": "0",
            "calls_per_day": "lots",
            "pipeline": "custom",
            "custom_stages": "Discovery\nWon\nDemo",
        },
    )
    errors = _errors(answer)
    assert set(errors) == {"field_stale_days", "field_calls_per_day", "field_custom_stages"}
    assert "from 1 to 90" in errors["field_stale_days"]
    assert "\u201clots\u201d" in errors["field_calls_per_day"]
    assert "\u201cWon\u201d is reserved" in errors["field_custom_stages"]
    assert _settings(bot) == DEFAULTS
    assert bot.count(AuditEntry) == 0

    empty = _submit(bot, view, {"pipeline": "custom"})
    assert "Type the custom stages" in _errors(empty)["field_custom_stages"]
    ignored = _submit(bot, view, {"custom_stages": "Discovery\nDemo"})
    assert "pick Custom above" in _errors(ignored)["field_custom_stages"]
    assert _settings(bot) == DEFAULTS


@SLACK_SIDE_ONLY
def test_custom_stages_become_the_pipeline_deals_move_through(bot: Bot) -> None:
    _, view = _open(bot)
    _submit(
        bot,
        view,
        {
            "pipeline": "custom",
            "custom_stages": "1. Discovery\n2. Prospek\n\n- Proposal sent\n- Negotiation",
        },
    )
    assert _settings(bot)["custom_stages"] == [
        "Discovery",
        "prospect",
        "Proposal sent",
        "negotiation",
    ]
    shown = _ask(bot, "pipeline")
    assert "Discovery" in shown and "Prospect" in shown and "Proposal sent" in shown
    bot.slash("/deal", "add Acme 10jt")
    deal = bot.deal(1)
    assert deal is not None and deal.stage == "Discovery"
    bot.slash("/deal", "move acme proposal sent")
    deal = bot.deal(1)
    assert deal is not None and deal.stage == "Proposal sent"

    # Reopened, the form shows the stages as typed; dropping the one a deal is in is refused.
    _, again = _open(bot)
    assert _block(again, "custom_stages")["element"]["initial_value"] == (
        "Discovery\nProspect\nProposal sent\nNegotiation"
    )
    refused = _submit(bot, again, {"custom_stages": "Discovery\nProspect\nNegotiation"})
    assert "D-1" in _errors(refused)["field_custom_stages"]
    assert "Proposal sent" in _errors(refused)["field_custom_stages"]
    to_preset = _submit(bot, again, {"pipeline": "funnel4"})
    assert "D-1" in _errors(to_preset)["field_pipeline"]
    assert _settings(bot)["pipeline"] == "custom"


@SLACK_SIDE_ONLY
def test_switching_away_from_a_stage_with_open_deals_is_refused_inline(bot: Bot) -> None:
    bot.slash("/deal", "add Acme 10jt stage:potential")
    bot.slash("/deal", "add Zeta 5jt")
    _, view = _open(bot)
    answer = _submit(bot, view, {"pipeline": "seven-step", "currency": "USD"})
    error = _errors(answer)["field_pipeline"]
    assert "D-1" in error and "D-2" in error and "Potential" in error
    assert _settings(bot) == DEFAULTS  # the good currency was not saved either


@SLACK_SIDE_ONLY
def test_a_forged_submission_by_a_rep_changes_nothing(bot: Bot) -> None:
    _, view = _open(bot)
    answer = _submit(bot, view, {"currency": "EUR", "bant_mode": "strict"}, user=BUDI)
    assert "Only Corong admins" in " ".join(_errors(answer).values())
    assert _settings(bot) == DEFAULTS
    assert bot.count(AuditEntry) == 0


@SLACK_SIDE_ONLY
def test_a_setting_another_admin_changed_meanwhile_is_kept_not_overwritten(bot: Bot) -> None:
    bot.know(DEWI, name="Dewi", admin=True)
    _, view = _open(bot)
    _ask(bot, "targets stale:3", user=DEWI)
    _submit(bot, view, {"calls_per_day": "12"})
    assert _settings(bot)["report_policy"]["stale_days"] == 3
    assert _settings(bot)["report_policy"]["calls_per_day"] == 12
    clash = _submit(bot, view, {"stale_days": "8"})
    assert "Another admin changed this setting" in _errors(clash)["field_stale_days"]
    assert _settings(bot)["report_policy"]["stale_days"] == 3


@SLACK_SIDE_ONLY
def test_undo_is_refused_when_another_admin_changed_the_settings_since(bot: Bot) -> None:
    bot.know(DEWI, name="Dewi", admin=True)
    _, view = _open(bot)
    _submit(bot, view, {"calls_per_day": "12", "currency": "SGD"})
    _ask(bot, "targets calls:20", user=DEWI)
    assert "Another admin changed the workspace settings" in _ask(bot, "undo", user=ANDI)
    assert _settings(bot)["currency"] == "SGD"
    assert _settings(bot)["report_policy"]["calls_per_day"] == 20


@SLACK_SIDE_ONLY
def test_undo_never_brings_back_a_pipeline_without_an_open_deals_stage(bot: Bot) -> None:
    _, view = _open(bot)
    _submit(bot, view, {"pipeline": "custom", "custom_stages": "Discovery\nDemo"})
    bot.slash("/deal", "add Acme 10jt")  # a rep's deal, in a stage only the new pipeline has
    refused = _ask(bot, "undo", user=ANDI)
    assert "Nothing was undone" in refused and "D-1" in refused
    assert _settings(bot)["pipeline"] == "custom"


# --- the custom-stage rules -------------------------------------------------------------------


def test_custom_stage_lines_are_tidied_and_known_stages_keep_their_keys() -> None:
    assert parse_custom_stages(" 1. Lead \n2) Kualifikasi\n\n- Objection   handling\n• Deal") == (
        "lead",
        "qualification",
        "objection_handling",
        "Deal",
    )
    assert parse_custom_stages("Discovery, Demo; Proposal") == ("Discovery", "demo", "Proposal")
    assert parse_custom_stages("proposal sent\nDemo", current=("Proposal Sent",)) == (
        "Proposal Sent",
        "demo",
    )


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Discovery", "setup.stage_count"),
        ("\n".join(f"Stage {n}" for n in range(11)), "setup.stage_count"),
        ("Demo\ndemo", "setup.stage_duplicate"),
        ("Proposal-sent\nproposal sent", "setup.stage_duplicate"),
        ("Demo\nMenang", "setup.stage_reserved"),
        ("Demo\nlost", "setup.stage_reserved"),
        ("Demo\nunknown", "setup.stage_reserved"),
        ("Demo\n" + "x" * 41, "setup.stage_too_long"),
        ("Demo\n42", "setup.stage_chars"),
        ("Demo\nstage:won", "setup.stage_chars"),
        ("Demo\n<@U123>", "setup.stage_chars"),
    ],
)
def test_custom_stages_within_limits_unique_and_not_reserved(text: str, key: str) -> None:
    with pytest.raises(UsageError) as raised:
        parse_custom_stages(text)
    assert raised.value.key == key
