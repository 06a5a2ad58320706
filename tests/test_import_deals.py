"""``corong import deals`` and ``corong export`` as a team moving in runs them: exports shaped
like HubSpot's, Pipedrive's and Salesforce's, rupiah written the way invoices write them, owners
found by Slack id, e-mail and name in the (fake) Slack workspace, all or nothing, the same file
twice, a changed file, an import taken back (from the terminal and with ``/sales undo``), and an
export that imports back into an empty workspace as the same deals.

The command runs in this process (``bot.cli.main``) against each test database, with the
environment an operator gives it. Dates in the files are relative to today, so what the
morning after the import looks like is checked with the nudge's own ``--dry-run --at``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from commands.exports.tables import ACTIVITY_COLUMNS, BANT_COLUMNS
from storage.models import AuditEntry, Deal, ImportBatch, Member, StageChange, Workspace
from tests.harness import ANDI, BUDI, SARI, Bot
from tests.terminal import Ran

JAKARTA = ZoneInfo("Asia/Jakarta")


Cli = Callable[..., Ran]


def days_ago(days: int) -> date:
    return datetime.now(JAKARTA).date() - timedelta(days=days)


def us(day: date) -> str:
    return f"{day.month:02d}/{day.day:02d}/{day.year}"


def indonesian(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def deals(bot: Bot) -> dict[str, Deal]:
    with Session(bot.engine) as session:
        found = session.exec(select(Deal).where(col(Deal.deleted_at).is_(None)))
        return {deal.name: deal for deal in found}


def moves(bot: Bot, deal: Deal) -> list[tuple[str | None, str, datetime]]:
    with Session(bot.engine) as session:
        rows = session.exec(
            select(StageChange)
            .where(StageChange.deal_id == deal.id, col(StageChange.reverted_at).is_(None))
            .order_by(col(StageChange.changed_at))
        )
        return [(row.from_stage, row.to_stage, row.changed_at) for row in rows]


def member_of(bot: Bot, deal: Deal) -> str:
    with Session(bot.engine) as session:
        member = session.get(Member, deal.owner_id)
        assert member is not None
        return member.slack_user_id


def jakarta(day: date, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=JAKARTA).astimezone(UTC)


def hubspot_export(tmp_path: Path) -> str:
    """A HubSpot deals export: US dates, the default pipeline's stages, owners by name and
    e-mail, an amount in invoice notation."""
    header = (
        "Record ID,Deal Name,Deal Stage,Pipeline,Amount,Deal currency code,Close Date,"
        "Deal owner,Create Date,Date entered current stage,Last Activity Date,"
        "Associated Company,Closed Lost Reason"
    )
    rows = [
        f'9001,Toko Sinar Jaya,Presentation Scheduled,Sales Pipeline,"Rp 50.000.000,-",IDR,'
        f"{us(days_ago(-30))},budi@example.com,{us(days_ago(60))} 09:00 AM,"
        f"{us(days_ago(45))} 10:30 AM,,Sinar Jaya,",
        f'9002,PT Maju Bersama,Contract Sent,Sales Pipeline,"150,000,000.00",IDR,'
        f"{us(days_ago(-10))},Sari,{us(days_ago(20))} 02:00 PM,,{us(days_ago(1))},Maju,",
        f"9003,CV Lancar,Closed Won,Sales Pipeline,75000000,IDR,{us(days_ago(5))},"
        f"{BUDI},{us(days_ago(90))},,,,",
        f"9004,Warung Kopi 88,Closed Lost,Sales Pipeline,0,IDR,{us(days_ago(3))},"
        f"{SARI},{us(days_ago(40))},,,,Price too high",
    ]
    return write(tmp_path, "hubspot-deals.csv", "\n".join([header, *rows]) + "\n")


def test_a_hubspot_export_comes_in_with_its_values_owners_and_history(
    bot: Bot, corong_cli: Cli, tmp_path: Path
) -> None:
    file = hubspot_export(tmp_path)
    ran = corong_cli("import", "deals", file, "--workspace", bot.fake.team_id, "--as", ANDI)

    assert ran.status == 0, ran
    assert "(hubspot, 4 rows): 4 new, 0 updated, 0 unchanged, 0 bad." in ran.out
    assert "stage \u201cPresentation Scheduled\u201d \u2192 Potential: 1" in ran.out
    assert "dates read month first" in ran.out
    assert "Imported: 4 deals added" in ran.out
    found = deals(bot)
    toko, maju, lancar, warung = (
        found[n] for n in ("Toko Sinar Jaya", "PT Maju Bersama", "CV Lancar", "Warung Kopi 88")
    )
    # "Rp 50.000.000,-" is fifty million rupiah, not a name and not nothing.
    assert (toko.value, toko.currency) == (50_000_000, "IDR")
    assert (maju.value, maju.stage) == (150_000_000, "closeable")
    assert warung.value is None  # an export's 0 is "no value yet"
    # Owners by e-mail (users.lookupByEmail), by name (users.list) and by Slack id.
    assert member_of(bot, toko) == BUDI
    assert member_of(bot, maju) == SARI
    assert bot.fake.calls_to("users.lookupByEmail")
    # The dates are the file's, not the import's.
    assert toko.created_at == jakarta(days_ago(60), 9)
    assert toko.stage_entered_at == jakarta(days_ago(45), 10, 30)
    assert toko.close_date == days_ago(-30)
    assert moves(bot, toko) == [(None, "potential", jakarta(days_ago(45), 10, 30))]
    assert (lancar.status, lancar.closed_at) == ("won", jakarta(days_ago(5)))
    assert (warung.status, warung.lost_reason) == ("lost", "Price too high")
    assert warung.lost_reason_key == "price"  # the reason its words name
    # A stage without a date counts from the import: never "stuck" on its first day.
    assert maju.stage_entered_at > datetime.now(UTC) - timedelta(minutes=5)


def test_the_same_file_twice_changes_nothing_and_a_changed_row_moves_its_deal(
    bot: Bot, corong_cli: Cli, tmp_path: Path
) -> None:
    file = hubspot_export(tmp_path)
    args = ("--workspace", bot.fake.team_id, "--as", ANDI)
    assert corong_cli("import", "deals", file, *args).status == 0

    again = corong_cli("import", "deals", file, *args)
    assert "0 new, 0 updated, 4 unchanged, 0 bad." in again.out
    assert "Nothing to import" in again.out
    assert len(deals(bot)) == 4

    text = Path(file).read_text().replace("Presentation Scheduled", "Contract Sent")
    text = text.replace('"Rp 50.000.000,-"', "60jt")
    changed = corong_cli("import", "deals", write(tmp_path, "later.csv", text), *args)
    assert "0 new, 1 updated, 3 unchanged, 0 bad." in changed.out
    toko = deals(bot)["Toko Sinar Jaya"]
    assert (toko.stage, toko.value) == ("closeable", 60_000_000)
    assert [m[:2] for m in moves(bot, toko)] == [(None, "potential"), ("potential", "closeable")]


def test_one_bad_row_writes_nothing_and_every_bad_row_is_listed(
    bot: Bot, corong_cli: Cli, tmp_path: Path
) -> None:
    file = write(
        tmp_path,
        "pipedrive.csv",
        "Deal - ID;Deal - Title;Deal - Value;Deal - Currency;Deal - Owner;Deal - Stage;"
        "Deal - Status;Deal - Deal created\n"
        f"101;Apotek Sehat;25.000.000;IDR;Budi;Contact Made;open;{indonesian(days_ago(30))}\n"
        f"102;Toko Bangunan;8jt;IDR;Nobody Known;Weird Stage;open;{indonesian(days_ago(9))}\n"
        f"103;Klinik Gigi;lima juta;IDR;Budi;Qualified;open;{indonesian(days_ago(9))}\n"
        f"104;Bengkel;5jt;IDR;Budi;Qualified;maybe;31/31/2026\n",
    )
    args = ("--workspace", bot.fake.team_id, "--as", ANDI)
    members_before = len(_members(bot))

    refused = corong_cli("import", "deals", file, *args)

    assert refused.status == 1
    assert "1 new, 0 updated, 0 unchanged, 3 bad." in refused.out
    for expected in (
        "line 3, Deal - Stage: \u201cWeird Stage\u201d is not one of the pipeline's stages",
        "line 3, Deal - Owner: Nobody here is called \u201cNobody Known\u201d",
        "line 4, Deal - Value: I couldn't read \u201clima juta\u201d as an amount",
        "line 5, Deal - Status: \u201cmaybe\u201d is not a status",
        "line 5, Deal - Deal created: \u201c31/31/2026\u201d is not a date",
    ):
        assert expected in refused.out, refused.out
    assert "Nothing was imported" in refused.out
    assert deals(bot) == {}
    assert len(_members(bot)) == members_before

    dry = corong_cli("import", "deals", file, *args, "--dry-run", "--skip-bad")
    assert "Dry run: nothing was written." in dry.out
    assert deals(bot) == {}

    skipped = corong_cli("import", "deals", file, *args, "--skip-bad")
    assert skipped.status == 0
    assert "The 3 bad rows were left out" in skipped.out
    assert set(deals(bot)) == {"Apotek Sehat"}
    assert deals(bot)["Apotek Sehat"].value == 25_000_000


def _members(bot: Bot) -> list[Member]:
    with Session(bot.engine) as session:
        return list(session.exec(select(Member)))


def test_a_pipedrive_won_deal_keeps_the_stage_it_was_won_from(
    bot: Bot, corong_cli: Cli, tmp_path: Path
) -> None:
    entered, won = days_ago(20), days_ago(6)
    file = write(
        tmp_path,
        "deals-export.csv",
        "Deal - ID;Deal - Title;Deal - Value;Deal - Currency;Deal - Owner;Deal - Stage;"
        "Deal - Status;Deal - Deal created;Deal - Last stage change;Deal - Won time;"
        "Deal - Lost time;Deal - Lost reason\n"
        f"7;Bengkel Motor Jaya;12.500.000;IDR;{SARI};Negotiations Started;won;"
        f"{indonesian(days_ago(50))} 09:00;{indonesian(entered)} 09:00;"
        f"{indonesian(won)} 16:00;;\n",
    )
    ran = corong_cli("import", "deals", file, "--workspace", bot.fake.team_id, "--as", ANDI)
    assert ran.status == 0, ran
    assert "dates read day first" in ran.out
    deal = deals(bot)["Bengkel Motor Jaya"]
    assert (deal.status, deal.value) == ("won", 12_500_000)
    assert moves(bot, deal) == [
        (None, "closeable", jakarta(entered, 9)),
        ("closeable", "won", jakarta(won, 16)),
    ]


def test_a_salesforce_report_maps_its_default_stages_and_full_names(
    bot: Bot, corong_cli: Cli, tmp_path: Path
) -> None:
    bot.fake.add_user("U0DEWI0001", name="dewi", real_name="Dewi Lestari")
    file = write(
        tmp_path,
        "report1700000000000.csv",
        '"Opportunity Owner","Account Name","Opportunity Name","Stage","Amount Currency",'
        '"Amount","Close Date","Created Date","Opportunity ID"\n'
        f'"Dewi Lestari","PT Angkasa","Angkasa ERP","Proposal/Price Quote","USD","$12,000.00",'
        f'"{us(days_ago(-20))}","{us(days_ago(30))}","0065g00000AbCdE"\n'
        f'"Dewi Lestari","CV Bumi","Bumi Retail","Prospecting","IDR","IDR 50,000,000.00",'
        f'"{us(days_ago(-40))}","{us(days_ago(3))}","0065g00000FgHiJ"\n',
    )
    ran = corong_cli("import", "deals", file, "--workspace", bot.fake.team_id, "--as", ANDI)
    assert ran.status == 0, ran
    assert "(salesforce, 2 rows): 2 new" in ran.out
    found = deals(bot)
    assert (found["Angkasa ERP"].stage, found["Angkasa ERP"].value) == ("closeable", 12_000)
    assert found["Angkasa ERP"].currency == "USD"
    assert (found["Bumi Retail"].stage, found["Bumi Retail"].value) == ("lead", 50_000_000)
    assert {member_of(bot, d) for d in found.values()} == {"U0DEWI0001"}


def test_the_morning_after_an_import_the_old_deal_is_stale_and_the_new_one_is_not(
    bot: Bot, corong_cli: Cli, tmp_path: Path
) -> None:
    file = write(
        tmp_path,
        "deals.csv",
        "external_id,name,value,stage,owner,created,stage_entered\n"
        f"A1,Toko Lama,10jt,potential,{BUDI},{days_ago(60).isoformat()},"
        f"{days_ago(45).isoformat()}\n"
        f"A2,Toko Baru,20jt,potential,{BUDI},{days_ago(0).isoformat()},\n",
    )
    ran = corong_cli(
        "import", "deals", file, "--workspace", bot.fake.team_id, "--as", ANDI, "--source", "corong"
    )
    assert ran.status == 0, ran
    morning = (datetime.now(JAKARTA) + timedelta(days=1)).replace(hour=9, minute=0)
    while morning.weekday() >= 5:  # the next work day's nudge
        morning += timedelta(days=1)
    nudge = corong_cli(
        "jobs", "run", "daily-nudges", "--dry-run", "--at", morning.isoformat(), "--rep", BUDI
    )
    assert nudge.status == 0, nudge
    old, new = _section(nudge.out, "Toko Lama"), _section(nudge.out, "Toko Baru")
    assert ":zzz: No activity for" in old, nudge.out  # idle since its creation 60 days ago
    assert "added 2 days ago" not in old
    assert ":zzz:" not in new and "stuck" not in new.lower(), nudge.out


def _section(nudge: str, name: str) -> str:
    """The lines of a nudge about one deal."""
    (section,) = [part for part in nudge.split("----") if name in part]
    return section


def test_an_import_is_taken_back_whole_unless_a_deal_changed_since(
    bot: Bot, corong_cli: Cli, tmp_path: Path
) -> None:
    file = hubspot_export(tmp_path)
    args = ("--workspace", bot.fake.team_id, "--as", ANDI)
    assert corong_cli("import", "deals", file, *args).status == 0
    toko = deals(bot)["Toko Sinar Jaya"]
    assert bot.slash("/deal", f"move D-{toko.number} closeable").ack.status == 200

    refused = corong_cli("import", "undo", "--workspace", bot.fake.team_id)
    assert refused.status == 2
    assert f"1 of the import's deals changed since (D-{toko.number})" in refused.err
    assert len(deals(bot)) == 4

    assert bot.slash("/sales", "undo").ack.status == 200  # Budi takes his move back
    undone = corong_cli("import", "undo", "--workspace", bot.fake.team_id)
    assert undone.status == 0, undone
    assert "4 deals removed, 0 put back" in undone.out
    assert deals(bot) == {}
    with Session(bot.engine) as session:
        batch = session.exec(select(ImportBatch)).one()
        assert batch.undone_at is not None


def test_the_importer_takes_an_import_back_with_sales_undo_in_slack(
    bot: Bot, corong_cli: Cli, tmp_path: Path
) -> None:
    first = hubspot_export(tmp_path)
    args = ("--workspace", bot.fake.team_id, "--as", ANDI)
    assert corong_cli("import", "deals", first, *args).status == 0
    text = Path(first).read_text().replace("Presentation Scheduled", "Contract Sent")
    text += f"9005,Apotek Baru,Appointment Scheduled,Sales Pipeline,5jt,IDR,,{BUDI},,,,,\n"
    assert corong_cli("import", "deals", write(tmp_path, "b.csv", text), *args).status == 0
    assert deals(bot)["Toko Sinar Jaya"].stage == "closeable"

    reply = bot.slash("/sales", "undo", user=ANDI)

    assert reply.ack.status == 200
    assert "b.csv" in reply.ack.text and "1 deals removed, 1 put back" in reply.ack.text
    found = deals(bot)
    assert "Apotek Baru" not in found
    assert found["Toko Sinar Jaya"].stage == "potential"
    assert [m[:2] for m in moves(bot, found["Toko Sinar Jaya"])] == [(None, "potential")]
    with Session(bot.engine) as session:
        entries = session.exec(select(AuditEntry).where(col(AuditEntry.import_id).is_not(None)))
        assert sum(1 for e in entries if e.undone_at is None) == 4  # the first import stands


def test_the_template_is_corongs_own_format_and_imports_as_it_is(
    bot: Bot, corong_cli: Cli, tmp_path: Path
) -> None:
    template = corong_cli("import", "template")
    assert template.status == 0
    header = template.out.splitlines()[0]
    assert header.startswith("external_id,source,name,value,currency,stage,status")
    text = template.out.replace("budi@example.co.id", "budi@example.com")
    ran = corong_cli(
        "import", "deals", write(tmp_path, "t.csv", text), "--workspace", bot.fake.team_id,
        "--as", ANDI,
    )  # fmt: skip
    assert ran.status == 0, ran
    assert "(corong, 1 rows): 1 new" in ran.out
    deal = deals(bot)["Toko Sinar Jaya"]
    assert (deal.stage, deal.value, deal.next_step) == (
        "potential",
        50_000_000,
        "Send the revised quote",
    )


def test_an_unrecognised_file_and_a_missing_column_say_how_to_fix_them(
    bot: Bot, corong_cli: Cli, tmp_path: Path
) -> None:
    odd = write(tmp_path, "odd.csv", "Foo,Bar\n1,2\n")
    ran = corong_cli("import", "deals", odd, "--workspace", bot.fake.team_id, "--as", ANDI)
    assert ran.status == 2
    assert "I don't recognise this export (columns: Foo, Bar)" in ran.err
    mapped = write(
        tmp_path, "mapped.csv", "Record ID,Deal Name,Deal Stage,Rep\n1,Acme,Qualified To Buy,Budi\n"
    )
    missing = corong_cli("import", "deals", mapped, "--workspace", bot.fake.team_id, "--as", ANDI)
    assert "A hubspot file needs a column for: owner" in missing.err
    fixed = corong_cli(
        "import", "deals", mapped, "--workspace", bot.fake.team_id, "--as", ANDI,
        "--map", "Rep=owner",
    )  # fmt: skip
    assert fixed.status == 0, fixed
    assert deals(bot)["Acme"].stage == "prospect"


# --- export -------------------------------------------------------------------------------------


def test_an_export_imported_into_an_empty_workspace_gives_back_the_same_deals(
    bot: Bot, corong_cli: Cli, tmp_path: Path
) -> None:
    file = hubspot_export(tmp_path)
    assert (
        corong_cli("import", "deals", file, "--workspace", bot.fake.team_id, "--as", ANDI).status
        == 0
    )
    assert bot.slash("/call", 'toko 15m connected "ok" next:"demo" due:fri').ack.status == 200
    exported = tmp_path / "deals-out.csv"
    ran = corong_cli("export", "deals", "--workspace", bot.fake.team_id, "--output", str(exported))
    assert ran.status == 0, ran
    assert "4 deals written" in ran.err

    again = corong_cli(
        "import", "deals", str(exported), "--workspace", bot.fake.team_id, "--as", ANDI
    )
    assert "0 new, 0 updated, 4 unchanged, 0 bad." in again.out, again.out

    other = "T0OTHER0001"
    into_empty = corong_cli("import", "deals", str(exported), "--workspace", other, "--as", ANDI)
    assert into_empty.status == 0, into_empty
    assert "(corong, 4 rows): 4 new" in into_empty.out
    with Session(bot.engine) as session:
        by_workspace: dict[str, dict[str, tuple[object, ...]]] = {}
        rows = session.exec(
            select(Deal, Member.slack_user_id, Workspace.slack_team_id)
            .join(Member, col(Member.id) == col(Deal.owner_id))
            .join(Workspace, col(Workspace.id) == col(Deal.workspace_id))
            .where(col(Deal.deleted_at).is_(None))
        )
        for deal, owner, team in rows:
            by_workspace.setdefault(team, {})[deal.name] = (
                deal.stage, deal.status, deal.value, deal.currency, owner, deal.contact,
                deal.close_date, deal.next_step, deal.lost_reason,
                _seconds(deal.created_at), _seconds(deal.stage_entered_at),
                _seconds(deal.closed_at), _seconds(deal.last_activity_at),
            )  # fmt: skip
    for name, facts in by_workspace[bot.fake.team_id].items():
        assert by_workspace[other][name] == facts, name


def _seconds(moment: datetime | None) -> datetime | None:
    """A time as an export writes it: to the second."""
    return moment.replace(microsecond=0) if moment else None


def test_activities_and_bant_export_as_json_lines_with_slack_ids_and_refs(
    bot: Bot, corong_cli: Cli
) -> None:
    assert bot.slash("/deal", "add Acme 50jt").ack.status == 200
    assert bot.slash("/call", 'acme 20m connected "pricing ok"').ack.status == 200
    ran = corong_cli("export", "activities", "--format", "jsonl", "--workspace", bot.fake.team_id)
    assert ran.status == 0, ran
    (line,) = ran.out.splitlines()
    call = json.loads(line)
    assert (call["deal_ref"], call["member"], call["kind"]) == ("D-1", BUDI, "call")
    assert (call["duration_minutes"], call["outcome"], call["notes"]) == (
        20,
        "connected",
        "pricing ok",
    )
    bant = corong_cli("export", "bant", "--workspace", bot.fake.team_id)
    assert bant.out.splitlines() == [",".join(BANT_COLUMNS)]  # no BANT yet: the header alone
    nothing = corong_cli(
        "export", "activities", "--workspace", bot.fake.team_id, "--from", "2020-01-01",
        "--to", "2020-01-31",
    )  # fmt: skip
    assert nothing.out.splitlines() == [",".join(ACTIVITY_COLUMNS)]


# --- activities ---------------------------------------------------------------------------------


def a_month_of_calls(tmp_path: Path, refs: dict[str, str]) -> tuple[str, int]:
    """Four weeks of calls on two deals, shaped like a CRM's call log: who, when, how long
    (``00:15:00``), the outcome and notes; the newest with a next step."""
    lines = [
        "Deal,Activity owner,Type,Activity date,Call duration,Call outcome,Subject,Next step,"
        "Next step due"
    ]
    count = 0
    for day in range(28, 0, -1):
        when = days_ago(day)
        if when.weekday() >= 5:
            continue
        for deal, rep in ((refs["Toko Sinar Jaya"], BUDI), (refs["PT Maju Bersama"], SARI)):
            lines.append(
                f"{deal},{rep},Call,{indonesian(when)} 10:{count % 60:02d},00:15:00,connected,"
                f'"follow up {count}",,'
            )
            count += 1
    due = days_ago(-3).isoformat()
    lines.append(  # whatever today's weekday, each deal's newest activity comes from this file
        f"{refs['PT Maju Bersama']},{SARI},call,{indonesian(days_ago(1))} 17:00,00:15:00,"
        "connected,harga,,"
    )
    lines.append(
        f"{refs['Toko Sinar Jaya']},{BUDI},meeting,{indonesian(days_ago(1))} 18:00,45,,demo,"
        f"kirim proposal,{due}"
    )
    return write(tmp_path, "calls.csv", "\n".join(lines) + "\n"), count + 2


def test_a_month_of_activity_comes_in_on_the_imported_deals_once(
    bot: Bot, corong_cli: Cli, tmp_path: Path
) -> None:
    args = ("--workspace", bot.fake.team_id, "--as", ANDI)
    assert corong_cli("import", "deals", hubspot_export(tmp_path), *args).status == 0
    refs = {name: f"D-{deal.number}" for name, deal in deals(bot).items()}
    file, count = a_month_of_calls(tmp_path, refs)

    ran = corong_cli("import", "activities", file, *args)

    assert ran.status == 0, ran
    assert f"({count} rows): {count} new activities, 0 already here, 0 bad." in ran.out
    toko = deals(bot)["Toko Sinar Jaya"]
    assert toko.last_activity_at == jakarta(days_ago(1), 18)
    assert (toko.next_step, toko.next_step_due) == ("kirim proposal", days_ago(-3))
    exported = corong_cli("export", "activities", "--format", "jsonl", *args[:2])
    calls = [json.loads(line) for line in exported.out.splitlines()]
    assert len(calls) == count
    assert {c["duration_minutes"] for c in calls if c["kind"] == "call"} == {15}
    assert {c["member"] for c in calls} == {BUDI, SARI}

    again = corong_cli("import", "activities", file, *args)
    assert f"0 new activities, {count} already here" in again.out

    undone = corong_cli("import", "undo", *args[:2])
    assert undone.status == 0, undone
    assert f"{count} activities removed, 2 deals put back" in undone.out
    assert corong_cli("export", "activities", *args[:2]).out.count("\n") == 1  # the header
    toko = deals(bot)["Toko Sinar Jaya"]
    assert toko.next_step is None and toko.last_activity_at is None


def test_activities_with_a_bad_line_write_nothing_and_say_why(
    bot: Bot, corong_cli: Cli, tmp_path: Path
) -> None:
    assert bot.slash("/deal", "add Acme 50jt").ack.status == 200
    tomorrow = days_ago(-1).isoformat()
    file = write(
        tmp_path,
        "log.csv",
        "deal_ref,member,kind,occurred_at,duration_minutes,outcome,notes\n"
        f"D-1,{BUDI},call,{days_ago(2).isoformat()} 10:00,20,connected,ok\n"
        f"D-99,{BUDI},call,{days_ago(2).isoformat()} 11:00,20,connected,ok\n"
        f"D-1,{BUDI},call,{days_ago(1).isoformat()} 10:00,20,weird-outcome,hmm\n"
        f"D-1,{BUDI},visit,{days_ago(1).isoformat()} 11:00,,,\n"
        f"D-1,{BUDI},call,{tomorrow} 10:00,5,busy,\n",
    )
    ran = corong_cli("import", "activities", file, "--workspace", bot.fake.team_id, "--as", ANDI)
    assert ran.status == 1
    for expected in (
        "line 3, deal_ref: No deal here is \u201cD-99\u201d",
        "line 4, outcome: \u201cweird-outcome\u201d is not a call outcome: write one of connected",
        "line 5, kind: \u201cvisit\u201d is not a kind of activity",
        "line 6, occurred_at: \u201c" + tomorrow + " 10:00\u201d has not happened yet",
    ):
        assert expected in ran.out, ran.out
    assert "Nothing was imported" in ran.out
    assert corong_cli("export", "activities", "--workspace", bot.fake.team_id).out.count("\n") == 1
