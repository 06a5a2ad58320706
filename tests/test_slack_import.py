"""``/sales import`` and ``/sales export`` in Slack, as an admin moving a team in uses them: the
upload form, a HubSpot export checked (nothing written) and then imported with its history, a
second press that changes nothing, ``/sales undo`` taking the import back, bad rows listed
with no *Import* button, refusals for reps, and an export sent to the admin's DM whose file
the form reads back as nothing new.

Everything goes through the real app: signed slash commands, the view_submission Slack sends
for a form with a file (the file served by the fake Slack at its ``url_private_download``),
block_actions from the modal; every view and message is checked against Block Kit's limits.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from bot import ids
from commands.exports.tables import DEAL_COLUMNS
from storage.models import Deal, ImportBatch, Member, StageChange
from tests.fakeslack import check_view
from tests.fakeslack import requests as slack_requests
from tests.harness import ANDI, BUDI, SARI, TEAM, Bot, message_text

JAKARTA = ZoneInfo("Asia/Jakarta")
RINA_ID = "U0RINA0009"  # an Indonesian-speaking admin
EKO = "U0EKO00001"  # in the Slack workspace, not yet in Corong


def today(bot: Bot) -> date:
    return bot.clock().astimezone(JAKARTA).date()


def us(day: date) -> str:
    return f"{day.month:02d}/{day.day:02d}/{day.year}"


def hubspot_csv(bot: Bot) -> bytes:
    """A HubSpot deals export: US dates around the test's today, owners by e-mail, name and
    Slack id, an amount in invoice notation."""

    def ago(days: int) -> str:
        return us(today(bot) - timedelta(days=days))

    rows = [
        "Record ID,Deal Name,Deal Stage,Pipeline,Amount,Deal currency code,Close Date,"
        "Deal owner,Create Date,Date entered current stage,Associated Company",
        f'9001,Toko Sinar Jaya,Presentation Scheduled,Sales Pipeline,"Rp 50.000.000,-",IDR,'
        f"{ago(-30)},budi@example.com,{ago(60)} 09:00 AM,{ago(45)} 10:30 AM,Sinar Jaya",
        f'9002,PT Maju Bersama,Contract Sent,Sales Pipeline,"150,000,000.00",IDR,'
        f"{ago(-10)},Sari,{ago(20)} 02:00 PM,,Maju",
        f"9003,CV Lancar,Closed Won,Sales Pipeline,75000000,IDR,{ago(5)},{BUDI},{ago(90)},,",
    ]
    return ("\n".join(rows) + "\n").encode()


def open_form(bot: Bot, user: str = ANDI, text: str = "import") -> dict[str, Any]:
    """``/sales import`` as ``user``: the form Slack was asked to open, as it opened."""
    opened = len(bot.fake.calls_to("views.open"))
    sent = bot.slash("/sales", text, user=user)
    assert sent.ack.status == 200 and sent.ack.body == ""
    view = bot.fake.wait_for("views.open", opened + 1)[-1].response["view"]
    assert check_view(view) == []
    return view


def submit(
    bot: Bot,
    form: dict[str, Any],
    name: str,
    data: bytes,
    *,
    user: str = ANDI,
    kind: str = "deals",
    skip_bad: bool = False,
) -> dict[str, Any]:
    """Attach a file to the form and submit it: the view the ack turned the modal into."""
    file = bot.fake.add_file(name, data, user_id=user)
    answers: dict[str, Any] = {ids.IMPORT_FILE: [file], ids.IMPORT_KIND: kind}
    if skip_bad:
        answers[ids.IMPORT_SKIP_BAD] = ["skip"]
    answer = bot.submit(form, answers, user=user)
    assert answer.status == 200, answer.body
    return answer.json


def checked(bot: Bot, form: dict[str, Any], updates: int) -> dict[str, Any]:
    """The modal once ``updates`` views.update calls reached it."""

    def arrived() -> int:
        return sum(c.args.get("view_id") == form["id"] for c in bot.fake.calls_to("views.update"))

    bot.fake.wait_until(lambda: arrived() >= updates)
    assert arrived() >= updates, f"{arrived()} views.update of {form['id']}, not {updates}"
    view = bot.fake.view(form["id"])
    assert check_view(view) == []
    return view


def import_button(view: dict[str, Any]) -> dict[str, Any] | None:
    for block in view["blocks"]:
        for element in block.get("elements") or []:
            if element.get("action_id") == ids.IMPORT_RUN:
                return element
    return None


def press_import(bot: Bot, view: dict[str, Any], user: str = ANDI) -> None:
    """Press *Import* in the modal, as Slack sends it: a view container and the view."""
    body = slack_requests.block_actions_body(
        user_id=user,
        team_id=TEAM,
        actions=[slack_requests.action_from_blocks(view["blocks"], ids.IMPORT_RUN)],
        container=slack_requests.view_container(view["id"]),
        view=view,
        trigger_id=bot.fake.new_trigger_id(),
    )
    assert bot.signed(body).status == 200


def live_deals(bot: Bot) -> dict[str, Deal]:
    with Session(bot.engine) as session:
        return {d.name: d for d in session.exec(select(Deal).where(col(Deal.deleted_at).is_(None)))}


def is_member(bot: Bot, user_id: str) -> bool:
    with Session(bot.engine) as session:
        return (
            session.exec(select(Member).where(Member.slack_user_id == user_id)).first() is not None
        )


def owner_of(bot: Bot, deal: Deal) -> str:
    with Session(bot.engine) as session:
        member = session.get(Member, deal.owner_id)
        assert member is not None
        return member.slack_user_id


def test_an_admin_gets_a_form_for_one_csv_file(bot: Bot) -> None:
    form = open_form(bot)
    assert form["title"]["text"] == "Import a CSV file"
    assert form["submit"]["text"] == "Check"
    file_input = next(b for b in form["blocks"] if b["block_id"] == ids.IMPORT_FILE)["element"]
    assert file_input == {
        "type": "file_input",
        "action_id": ids.IMPORT_FILE,
        "filetypes": ["csv"],
        "max_files": 1,
    }
    kind = next(b for b in form["blocks"] if b["block_id"] == ids.IMPORT_KIND)["element"]
    assert kind["initial_option"]["value"] == "deals"
    assert open_form(bot, text="import activities")["blocks"][1]["element"]["initial_option"][
        "value"
    ] == ("activities")


def test_a_hubspot_export_is_checked_then_imported_with_its_history_and_undone(bot: Bot) -> None:
    form = open_form(bot)
    ack = submit(bot, form, "hubspot-deals.csv", hubspot_csv(bot))

    # Within Slack's 3 seconds the modal says it is reading the file; nothing is written yet.
    assert ack["response_action"] == "update"
    assert check_view(ack["view"]) == []
    assert "Checking hubspot-deals.csv" in message_text(ack["view"])
    summary = checked(bot, form, 1)
    text = message_text(summary)
    assert "hubspot-deals.csv (hubspot, 3 rows): 3 new, 0 updated, 0 unchanged, 0 bad." in text
    assert "stage \u201cPresentation Scheduled\u201d \u2192 Potential: 1" in text
    assert "dates read month first" in text
    assert "Nothing is written until you press Import." in text
    assert import_button(summary) is not None
    assert live_deals(bot) == {}
    assert bot.fake.calls_to("users.lookupByEmail")  # owners found in Slack, as the CLI does

    press_import(bot, summary)
    done = checked(bot, form, 3)  # "Importing…", then the result
    assert "Importing hubspot-deals.csv" in message_text(
        bot.fake.calls_to("views.update")[1].args["view"]
    )
    assert "Imported: 3 deals added, 0 updated. Take it back with: /sales undo" in (
        message_text(done)
    )
    assert import_button(done) is None
    found = live_deals(bot)
    toko, maju, lancar = found["Toko Sinar Jaya"], found["PT Maju Bersama"], found["CV Lancar"]
    assert (toko.value, toko.stage, owner_of(bot, toko)) == (50_000_000, "potential", BUDI)
    assert (maju.value, maju.stage, owner_of(bot, maju)) == (150_000_000, "closeable", SARI)
    assert lancar.status == "won"
    # The deal's history is the file's: in its stage since the day HubSpot says.
    entered = toko.stage_entered_at.astimezone(JAKARTA)
    assert (entered.date(), entered.hour, entered.minute) == (
        today(bot) - timedelta(days=45),
        10,
        30,
    )
    with Session(bot.engine) as session:
        moves = session.exec(select(StageChange).where(StageChange.deal_id == toko.id)).all()
        batch = session.exec(select(ImportBatch)).one()
    assert [(m.from_stage, m.to_stage) for m in moves] == [(None, "potential")]
    assert (batch.file_name, batch.created) == ("hubspot-deals.csv", 3)

    # A second press (a double click Slack delivered twice) finds every deal here: no change.
    press_import(bot, summary)
    again = checked(bot, form, 5)
    assert "Nothing to import: every deal in the file is here already" in message_text(again)
    assert len(live_deals(bot)) == 3

    # The import is one change, which the importer takes back with /sales undo.
    undone = bot.slash("/sales", "undo", user=ANDI)
    assert "Took back the import of hubspot-deals.csv: 3 deals removed" in undone.ack.text
    assert live_deals(bot) == {}


def test_bad_rows_are_listed_with_their_place_and_nothing_can_be_imported(bot: Bot) -> None:
    bot.fake.add_user(EKO, name="eko", email="eko@example.com")  # in Slack, new to Corong
    text = hubspot_csv(bot).decode() + (
        "9004,Warung Kopi,Negotiating Forever,Sales Pipeline,abc,IDR,,nobody@example.com,,,\n"
        "9005,Bengkel Jaya,Qualified To Buy,Sales Pipeline,10000000,IDR,,eko@example.com,,,\n"
    )
    form = open_form(bot)
    before = bot.counts()
    submit(bot, form, "bad.csv", text.encode())

    summary = message_text(checked(bot, form, 1))
    assert "4 new, 0 updated, 0 unchanged, 1 bad." in summary
    assert "Rows to fix" in summary
    assert "line 5, Deal Stage: \u201cNegotiating Forever\u201d is not one of the pipeline" in (
        summary
    )
    assert "line 5, Deal owner: Nobody in the Slack workspace has the e-mail" in summary
    assert "tick \u201cSkip them\u201d to import the good rows alone" in summary
    assert import_button(bot.fake.view(form["id"])) is None
    assert live_deals(bot) == {}
    assert bot.counts() == before
    assert not is_member(bot, EKO)  # the check left no trace, not even the owner it found

    # Skipping the bad rows: the good ones can be imported, the bad one is left out.
    second = open_form(bot)
    submit(bot, second, "bad.csv", text.encode(), skip_bad=True)
    view = checked(bot, second, 1)
    assert "bad rows to be left out: 1." in message_text(view)
    press_import(bot, view)
    done = message_text(checked(bot, second, 3))
    assert "Bad rows left out: 1." in done and "Imported: 4 deals added" in done
    assert sorted(live_deals(bot)) == [
        "Bengkel Jaya",
        "CV Lancar",
        "PT Maju Bersama",
        "Toko Sinar Jaya",
    ]
    assert is_member(bot, EKO)


def test_many_bad_rows_fit_in_the_modal_and_end_in_a_count(bot: Bot) -> None:
    header = "Record ID,Deal Name,Deal Stage,Deal owner"
    rows = [f"{n},Deal {n},Nowhere {n},{BUDI}" for n in range(1, 401)]
    form = open_form(bot)
    submit(bot, form, "many.csv", ("\n".join([header, *rows]) + "\n").encode())
    view = checked(bot, form, 1)  # check_view: within Slack's block, section and size limits
    text = message_text(view)
    assert "0 new, 0 updated, 0 unchanged, 400 bad." in text
    assert "line 2, Deal Stage" in text
    assert "\u2026 and " in text and " more." in text


def test_a_rep_is_refused_and_no_file_is_fetched(bot: Bot) -> None:
    refused = bot.slash("/sales", "import", user=BUDI)
    assert "Only Corong admins" in refused.ack.text and f"<@{ANDI}>" in refused.ack.text
    assert "Only Corong admins" in bot.slash("/sales", "export", user=BUDI).ack.text

    # A submission of the form from a rep (forged, or an admin since demoted) is refused in
    # the ack, next to the file, and the file is never fetched.
    form = open_form(bot)
    answer = submit(bot, form, "hubspot-deals.csv", hubspot_csv(bot), user=BUDI)
    assert answer["response_action"] == "errors"
    assert "Only Corong admins" in answer["errors"][ids.IMPORT_FILE]
    bot.settle()
    assert bot.fake.calls_to("file_download") == [] and bot.fake.calls_to("views.update") == []


def test_a_file_link_outside_slack_is_never_fetched_with_the_token(bot: Bot) -> None:
    form = open_form(bot)
    file = bot.fake.add_file("deals.csv", hubspot_csv(bot))
    file["url_private_download"] = "https://evil.example.com/deals.csv"
    values = slack_requests.submission_values_from_view(form, {ids.IMPORT_FILE: [file]})
    body = slack_requests.view_submission_body(form, values, user_id=ANDI, team_id=TEAM)
    assert bot.signed(body).json["response_action"] == "update"
    view = checked(bot, form, 1)
    assert "Slack did not hand over \u201cdeals.csv\u201d (not a Slack file)" in message_text(view)
    assert live_deals(bot) == {}


def test_the_export_arrives_in_the_dm_and_the_form_reads_it_back_as_nothing_new(bot: Bot) -> None:
    bot.slash("/deal", "add Acme 50jt contact:Budi", user=BUDI)
    bot.slash("/deal", "add Toko Maju 5jt", user=SARI)

    sent = bot.slash("/sales", "export", user=ANDI)
    assert "Sending 2 deals to your DM with Corong as a CSV file" in sent.ack.text
    bot.fake.wait_for("files.completeUploadExternal")
    (upload,) = [f for f in bot.fake.files.values() if f.completed]
    assert upload.filename == "corong-deals-2026-11-23.csv"
    assert upload.channel_id is not None and upload.channel_id.startswith("D")
    assert "2 rows" in (upload.initial_comment or "")
    assert upload.data is not None
    exported = upload.data.decode()
    assert exported.splitlines()[0] == ",".join(DEAL_COLUMNS)
    assert "Acme" in exported and "Toko Maju" in exported

    form = open_form(bot)
    submit(bot, form, upload.filename, upload.data)
    text = message_text(checked(bot, form, 1))
    assert "(corong, 2 rows): 0 new, 0 updated, 2 unchanged, 0 bad." in text
    assert "Nothing to import: every deal in the file is here already" in text
    assert import_button(bot.fake.view(form["id"])) is None


def test_an_empty_export_says_so_and_sends_no_file(bot: Bot) -> None:
    sent = bot.slash("/sales", "export activities", user=ANDI)
    assert "There are no activities to export yet, so no file was sent." in sent.ack.text
    bad = bot.slash("/sales", "export forecasts", user=ANDI)
    assert "\u201cforecasts\u201d is not something to export" in bad.ack.text
    bot.settle()
    assert bot.fake.calls_to("files.getUploadURLExternal") == []


def test_an_indonesian_admin_imports_activities_and_exports_in_indonesian(bot: Bot) -> None:
    bot.know(RINA_ID, locale="id-ID", name="Rina", admin=True)
    bot.slash("/deal", "add Acme 50jt", user=BUDI)
    form = open_form(bot, user=RINA_ID, text="impor aktivitas")
    assert form["title"]["text"] == "Impor file CSV"
    calls = (
        "deal_ref,member,kind,occurred_at,duration_minutes,outcome,notes\n"
        f"D-1,{BUDI},call,2026-11-20 10:00,20,connected,harga oke\n"
    )
    submit(bot, form, "calls.csv", calls.encode(), user=RINA_ID, kind="activities")
    view = checked(bot, form, 1)
    assert "calls.csv (1 baris): 1 aktivitas baru, 0 sudah ada, 0 bermasalah." in (
        message_text(view)
    )
    press_import(bot, view, user=RINA_ID)
    assert "Berhasil diimpor: 1 aktivitas baru. Batalkan dengan: /sales undo" in message_text(
        checked(bot, form, 3)
    )
    undone = bot.slash("/sales", "batal", user=RINA_ID)
    assert "Impor calls.csv dibatalkan: 1 aktivitas dihapus" in undone.ack.text

    sent = bot.slash("/sales", "ekspor bant", user=RINA_ID)
    assert "Belum ada kualifikasi BANT untuk diekspor" in sent.ack.text
    sent = bot.slash("/sales", "ekspor", user=RINA_ID)
    assert "Mengirim satu-satunya deal ke DM Anda" in sent.ack.text
    bot.fake.wait_for("files.completeUploadExternal")
    (upload,) = [f for f in bot.fake.files.values() if f.completed]
    assert "corong-deals-2026-11-23.csv: satu baris" in (upload.initial_comment or "")


def test_help_lists_import_and_export_for_admins(bot: Bot) -> None:
    text = bot.slash("/sales", "help", user=ANDI).ack.text
    assert "/sales import" in text and "/sales export deals" in text
    assert json.dumps(text)  # plain text, nothing undecodable
