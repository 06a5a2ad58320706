"""Messages of ``corong import`` and ``/sales import``: what a file's line could not say, and
the import's summary; and of ``/sales export``.

A line's problem is shown after its place (``line 14, Deal Stage:``); each says what to do.
"""

MESSAGES: dict[str, dict[str, str]] = {
    "import.empty_file": {
        "en": "The file is empty: it needs a header row and one row per deal.",
        "id": "File-nya kosong: perlu baris judul kolom dan satu baris per deal.",
    },
    "import.bad_csv": {
        "en": "Line {line} is not valid CSV ({reason}). Save the file again as CSV.",
        "id": "Baris {line} bukan CSV yang valid ({reason}). Simpan ulang file-nya sebagai CSV.",
    },
    "import.too_many_rows": {
        "en": "The file has more than {limit} rows; split it into smaller files.",
        "id": "File-nya lebih dari {limit} baris; pecah jadi beberapa file.",
    },
    "import.not_utf8": {
        "en": "{path} is not text Corong can read; save it as CSV (UTF-8).",
        "id": "{path} tidak terbaca sebagai teks; simpan sebagai CSV (UTF-8).",
    },
    "import.cannot_read": {
        "en": "Cannot read {path} ({reason}).",
        "id": "Tidak bisa membaca {path} ({reason}).",
    },
    "import.unknown_source": {
        "en": (
            "I don't recognise this export (columns: {headers}). Say where it comes from with "
            "--source hubspot, pipedrive, salesforce or corong."
        ),
        "id": (
            "Format ekspor ini tidak dikenali (kolom: {headers}). Sebutkan asalnya dengan "
            "--source hubspot, pipedrive, salesforce atau corong."
        ),
    },
    "import.missing_columns": {
        "en": (
            "A {source} file needs a column for: {fields}. Its columns are: {headers}. Name "
            'the right one with --map "Column=field".'
        ),
        "id": (
            "File {source} perlu kolom untuk: {fields}. Kolom yang ada: {headers}. Tunjukkan "
            'kolomnya dengan --map "Kolom=field".'
        ),
    },
    "import.bad_map": {
        "en": '--map takes "Column=field"; \u201c{given}\u201d is not that.',
        "id": '--map ditulis "Kolom=field"; \u201c{given}\u201d bukan begitu.',
    },
    "import.unknown_field": {
        "en": "\u201c{field}\u201d is not a deal field. The fields are: {fields}, or ignore.",
        "id": "\u201c{field}\u201d bukan field deal. Pilihannya: {fields}, atau ignore.",
    },
    "import.bad_stage_map": {
        "en": '--stage takes "Their stage=our stage"; \u201c{given}\u201d is not that.',
        "id": '--stage ditulis "Tahap mereka=tahap kita"; \u201c{given}\u201d bukan begitu.',
    },
    "import.bad_owner_map": {
        "en": '--owner takes "Name or e-mail=Slack user id"; \u201c{given}\u201d is not that.',
        "id": '--owner ditulis "Nama atau e-mail=ID user Slack"; \u201c{given}\u201d bukan begitu.',
    },
    "import.name_missing": {
        "en": "The deal has no name.",
        "id": "Deal-nya tidak punya nama.",
    },
    "import.stage_missing": {
        "en": "The deal has no stage (and no won or lost status).",
        "id": "Deal-nya tidak punya tahap (dan tidak berstatus menang atau kalah).",
    },
    "import.unknown_stage": {
        "en": (
            "\u201c{text}\u201d is not one of the pipeline's stages ({stages}): map it to one "
            "with --stage."
        ),
        "id": (
            "\u201c{text}\u201d bukan tahap pipeline ({stages}): petakan ke salah satunya "
            "dengan --stage."
        ),
    },
    "import.bad_status": {
        "en": "\u201c{text}\u201d is not a status: write open, won or lost.",
        "id": "\u201c{text}\u201d bukan status: tulis terbuka, menang atau kalah.",
    },
    "import.status_conflict": {
        "en": "The stage \u201c{stage}\u201d and the status disagree on how the deal ended.",
        "id": "Tahap \u201c{stage}\u201d dan status-nya tidak sama soal hasil akhir deal ini.",
    },
    "import.owner_missing": {
        "en": "The deal has no owner: give a Slack user id, an e-mail or a name.",
        "id": "Deal-nya tidak punya pemilik: isi ID user Slack, e-mail atau nama.",
    },
    "import.owner_email_no_slack": {
        "en": (
            "\u201c{text}\u201d is an e-mail, and finding its owner needs Slack (SLACK_BOT_TOKEN); "
            "without it, give the owner's Slack user id with --owner."
        ),
        "id": (
            "\u201c{text}\u201d adalah e-mail, dan mencari pemiliknya perlu Slack "
            "(SLACK_BOT_TOKEN); tanpa itu, isi ID user Slack-nya dengan --owner."
        ),
    },
    "import.owner_email_unknown": {
        "en": "Nobody in the Slack workspace has the e-mail \u201c{text}\u201d.",
        "id": "Tidak ada anggota workspace Slack dengan e-mail \u201c{text}\u201d.",
    },
    "import.owner_ambiguous": {
        "en": "Several people are called \u201c{text}\u201d ({users}): say which with --owner.",
        "id": "Ada beberapa orang bernama \u201c{text}\u201d ({users}): pilih dengan --owner.",
    },
    "import.owner_unknown": {
        "en": "Nobody here is called \u201c{text}\u201d: give their Slack user id with --owner.",
        "id": "Tidak ada yang bernama \u201c{text}\u201d: isi ID user Slack-nya dengan --owner.",
    },
    "import.currency_mismatch": {
        "en": "\u201c{text}\u201d is not in {code}, the currency column's.",
        "id": "\u201c{text}\u201d bukan dalam {code}, mata uang di kolom currency.",
    },
    "import.bad_source": {
        "en": "\u201c{text}\u201d is not a source name such as hubspot or pipedrive.",
        "id": "\u201c{text}\u201d bukan nama sumber seperti hubspot atau pipedrive.",
    },
    "import.bad_currency": {
        "en": "\u201c{text}\u201d is not a currency code such as IDR, USD or SGD.",
        "id": "\u201c{text}\u201d bukan kode mata uang seperti IDR, USD atau SGD.",
    },
    "import.bad_date": {
        "en": "\u201c{text}\u201d is not a date Corong can read: write 2026-10-01 or 01/10/2026.",
        "id": "\u201c{text}\u201d bukan tanggal yang terbaca: tulis 2026-10-01 atau 01/10/2026.",
    },
    "import.too_long": {
        "en": "This is longer than {limit} characters.",
        "id": "Isinya lebih dari {limit} karakter.",
    },
    "import.duplicate_row": {
        "en": "This deal is in the file already, on line {first}.",
        "id": "Deal ini sudah ada di file, di baris {first}.",
    },
    "import.name_ambiguous": {
        "en": "The owner has several deals with this name ({refs}): add an id column.",
        "id": "Pemiliknya punya beberapa deal dengan nama ini ({refs}): tambahkan kolom id.",
    },
    "import.undo_changed_since": {
        "en": (
            "{count} of the import's deals changed since ({refs}): taking the import back "
            "would throw that work away, so nothing was undone."
        ),
        "id": (
            "{count} deal dari impor ini sudah diubah sejak itu ({refs}): membatalkan impor "
            "akan membuang perubahan itu, jadi tidak ada yang dibatalkan."
        ),
    },
    "import.nothing_to_undo": {
        "en": "There is no import to take back.",
        "id": "Tidak ada impor yang bisa dibatalkan.",
    },
    "import.activity_columns": {
        "en": (
            "An activities file needs a column for when (occurred_at) and one naming the deal "
            "(deal_ref, deal_external_id or deal_name). Its columns are: {headers}."
        ),
        "id": (
            "File aktivitas perlu kolom waktu (occurred_at) dan kolom deal-nya (deal_ref, "
            "deal_external_id atau deal_name). Kolom yang ada: {headers}."
        ),
    },
    "import.activity_deal_missing": {
        "en": "The line names no deal.",
        "id": "Baris ini tidak menyebut deal.",
    },
    "import.activity_deal_unknown": {
        "en": "No deal here is \u201c{text}\u201d: import the deals first, or write its ref.",
        "id": "Tidak ada deal \u201c{text}\u201d: impor deal-nya dulu, atau tulis ref-nya.",
    },
    "import.activity_deal_ambiguous": {
        "en": "Several deals are \u201c{text}\u201d: write the deal's ref instead.",
        "id": "Ada beberapa deal \u201c{text}\u201d: tulis ref deal-nya saja.",
    },
    "import.activity_when_missing": {
        "en": "The line does not say when it happened.",
        "id": "Baris ini tidak menyebut kapan terjadinya.",
    },
    "import.activity_future": {
        "en": "\u201c{text}\u201d has not happened yet: only done activities are imported.",
        "id": "\u201c{text}\u201d belum terjadi: yang diimpor hanya aktivitas yang sudah lewat.",
    },
    "import.activity_kind": {
        "en": "\u201c{text}\u201d is not a kind of activity: write {kinds}.",
        "id": "\u201c{text}\u201d bukan jenis aktivitas: tulis {kinds}.",
    },
    "import.activity_outcome": {
        "en": "\u201c{text}\u201d is not a call outcome: write one of {outcomes}.",
        "id": "\u201c{text}\u201d bukan hasil telepon: tulis salah satu dari {outcomes}.",
    },
    "import.activity_summary": {
        "en": "{file} ({lines} rows): {new} new activities, {unchanged} already here, {bad} bad.",
        "id": "{file} ({lines} baris): {new} aktivitas baru, {unchanged} sudah ada, {bad} "
        "bermasalah.",
    },
    "import.activity_done": {
        "en": "Imported: {new} activities added. Take it back with: {undo}",
        "id": "Berhasil diimpor: {new} aktivitas baru. Batalkan dengan: {undo}",
    },
    "import.undone_activities": {
        "en": "Took back the import of {file}: {removed} activities removed, {restored} deals "
        "put back.",
        "id": "Impor {file} dibatalkan: {removed} aktivitas dihapus, {restored} deal dikembalikan.",
    },
    "import.undone": {
        "en": "Took back the import of {file}: {removed} deals removed, {restored} put back.",
        "id": "Impor {file} dibatalkan: {removed} deal dihapus, {restored} dikembalikan.",
    },
    "import.summary": {
        "en": "{file} ({source}, {lines} rows): {new} new, {updated} updated, {unchanged} "
        "unchanged, {bad} bad.",
        "id": "{file} ({source}, {lines} baris): {new} baru, {updated} diperbarui, {unchanged} "
        "tetap, {bad} bermasalah.",
    },
    "import.stage_line": {
        "en": "  stage \u201c{theirs}\u201d \u2192 {ours}: {count}",
        "id": "  tahap \u201c{theirs}\u201d \u2192 {ours}: {count}",
    },
    "import.dates_line": {
        "en": "  dates read {order}; if that is wrong, say --dates dmy or --dates mdy",
        "id": "  tanggal dibaca {order}; kalau salah, pakai --dates dmy atau --dates mdy",
    },
    "import.order.dmy": {
        "en": "day first (31/12/2026)",
        "id": "tanggal dulu (31/12/2026)",
    },
    "import.order.mdy": {
        "en": "month first (12/31/2026)",
        "id": "bulan dulu (12/31/2026)",
    },
    "import.ignored_line": {
        "en": "  columns not read: {columns}",
        "id": "  kolom yang tidak dibaca: {columns}",
    },
    "import.problem_line": {
        "en": "  line {line}, {column}: {message}",
        "id": "  baris {line}, {column}: {message}",
    },
    "import.more_problems": {
        "en": "  \u2026 and {count} more.",
        "id": "  \u2026 dan {count} lagi.",
    },
    "import.dry_run": {
        "en": "Dry run: nothing was written.",
        "id": "Uji coba: tidak ada yang ditulis.",
    },
    "import.refused": {
        "en": (
            "Nothing was imported: fix the rows above and run it again, or import the good "
            "rows alone with --skip-bad."
        ),
        "id": (
            "Tidak ada yang diimpor: perbaiki baris di atas lalu jalankan lagi, atau impor "
            "baris yang benar saja dengan --skip-bad."
        ),
    },
    "import.done": {
        "en": "Imported: {new} deals added, {updated} updated. Take it back with: {undo}",
        "id": "Berhasil diimpor: {new} deal baru, {updated} diperbarui. Batalkan dengan: {undo}",
    },
    "import.nothing_changed": {
        "en": "Nothing to import: every deal in the file is here already, as it is.",
        "id": "Tidak ada yang perlu diimpor: semua deal di file sudah ada, sama persis.",
    },
    "import.skipped": {
        "en": "The {count} bad rows were left out (--skip-bad).",
        "id": "{count} baris bermasalah dilewati (--skip-bad).",
    },
    "import.needs_member": {
        "en": (
            "Say who is importing with --as (a Slack user id of an admin): {workspace} has "
            "{admins}."
        ),
        "id": (
            "Sebutkan siapa yang mengimpor dengan --as (ID user Slack seorang admin): "
            "{workspace} punya {admins}."
        ),
    },
    "import.needs_workspace": {
        "en": "The database has no workspace yet: name the one to import into with --workspace T….",
        "id": "Database belum punya workspace: sebutkan tujuannya dengan --workspace T….",
    },
    # --- /sales import: the form in Slack
    "help.sales_import": {
        "en": "Admins: import deals or activities from a CSV file (HubSpot, Pipedrive, "
        "Salesforce or Corong's own); a form shows what it would change before anything is "
        "written.",
        "id": "Admin: impor deal atau aktivitas dari file CSV (HubSpot, Pipedrive, Salesforce "
        "atau format Corong); formulir menampilkan apa yang akan berubah sebelum ada yang "
        "ditulis.",
    },
    "import.bad_kind": {
        "en": "\u201c{text}\u201d is not something to import: choose deals or activities.",
        "id": "\u201c{text}\u201d tidak bisa diimpor: pilih deal atau aktivitas.",
    },
    "import.bad_date_order": {
        "en": "\u201c{text}\u201d is not a date order: dmy or mdy.",
        "id": "\u201c{text}\u201d bukan urutan tanggal: dmy atau mdy.",
    },
    "modal.import_title": {"en": "Import a CSV file", "id": "Impor file CSV"},
    "import.field_file": {"en": "CSV file", "id": "File CSV"},
    "import.hint_file": {
        "en": "An export from HubSpot, Pipedrive or Salesforce, or Corong's own format "
        "(corong import template). Nothing is written until you have seen what it changes.",
        "id": "Ekspor dari HubSpot, Pipedrive atau Salesforce, atau format Corong sendiri "
        "(corong import template). Tidak ada yang ditulis sebelum Anda melihat perubahannya.",
    },
    "import.field_kind": {"en": "The file holds", "id": "Isi file"},
    "import.kind.deals": {"en": "Deals", "id": "Deal"},
    "import.kind.activities": {
        "en": "Activities (calls, meetings, notes)",
        "id": "Aktivitas (telepon, rapat, catatan)",
    },
    "import.field_dates": {"en": "Dates such as 01/10/2026", "id": "Tanggal seperti 01/10/2026"},
    "import.dates_auto": {"en": "Read from the file", "id": "Baca dari file"},
    "import.field_bad_rows": {"en": "Bad rows", "id": "Baris bermasalah"},
    "import.skip_bad": {
        "en": "Skip them: import the good rows alone",
        "id": "Lewati: impor baris yang benar saja",
    },
    "import.check": {"en": "Check", "id": "Periksa"},
    "import.close": {"en": "Close", "id": "Tutup"},
    "import.button": {"en": "Import", "id": "Impor"},
    "import.checking": {"en": "Checking {file}\u2026", "id": "Memeriksa {file}\u2026"},
    "import.importing": {"en": "Importing {file}\u2026", "id": "Mengimpor {file}\u2026"},
    "import.rows_to_fix": {"en": "Rows to fix", "id": "Baris yang perlu diperbaiki"},
    "import.file_missing": {
        "en": "Attach the CSV file to import.",
        "id": "Lampirkan file CSV yang mau diimpor.",
    },
    "import.file_not_csv": {
        "en": "\u201c{file}\u201d is not a CSV file: save it as CSV and attach that.",
        "id": "\u201c{file}\u201d bukan file CSV: simpan sebagai CSV lalu lampirkan.",
    },
    "import.file_too_big": {
        "en": "\u201c{file}\u201d is over {limit} MB: split it into smaller files.",
        "id": "\u201c{file}\u201d lebih dari {limit} MB: pecah jadi beberapa file.",
    },
    "import.download_failed": {
        "en": (
            "Slack did not hand over \u201c{file}\u201d ({reason}). Try again in a moment; if "
            "it keeps failing, the app needs the files:read scope (reinstall it from "
            "manifest.yml)."
        ),
        "id": (
            "Slack tidak memberikan \u201c{file}\u201d ({reason}). Coba lagi sebentar lagi; "
            "kalau tetap gagal, aplikasinya perlu scope files:read (pasang ulang dari "
            "manifest.yml)."
        ),
    },
    "import.slack_unavailable": {
        "en": "Slack did not answer a look-up of the people in the file; try again in a moment.",
        "id": "Slack tidak menjawab pencarian orang-orang di file; coba lagi sebentar lagi.",
    },
    "import.dates_line_form": {
        "en": "  dates read {order}; if that is wrong, choose the date order in the form and "
        "upload the file again",
        "id": "  tanggal dibaca {order}; kalau salah, pilih urutan tanggal di formulir lalu "
        "unggah file-nya lagi",
    },
    "import.ready": {
        "en": "Nothing is written until you press Import.",
        "id": "Belum ada yang ditulis sampai Anda menekan Impor.",
    },
    "import.ready_skipping": {
        "en": "Nothing is written until you press Import; bad rows to be left out: {count}.",
        "id": "Belum ada yang ditulis sampai Anda menekan Impor; baris bermasalah yang akan "
        "dilewati: {count}.",
    },
    "import.refused_form": {
        "en": (
            "Nothing can be imported yet: fix the rows above and upload the file again, or "
            "tick \u201cSkip them\u201d to import the good rows alone."
        ),
        "id": (
            "Belum ada yang bisa diimpor: perbaiki baris di atas lalu unggah file-nya lagi, "
            "atau centang \u201cLewati\u201d untuk mengimpor baris yang benar saja."
        ),
    },
    "import.mapping_hint": {
        "en": (
            "Mapping a stage, an owner or a column by hand (--stage, --owner, --map) is done "
            "with corong import on the command line; here, fix the file."
        ),
        "id": (
            "Memetakan tahap, pemilik atau kolom secara manual (--stage, --owner, --map) "
            "dilakukan dengan corong import di command line; di sini, perbaiki file-nya."
        ),
    },
    "import.skipped_form": {
        "en": "Bad rows left out: {count}.",
        "id": "Baris bermasalah yang dilewati: {count}.",
    },
    "import.nothing_new_activities": {
        "en": "Nothing to import: every activity in the file is here already.",
        "id": "Tidak ada yang perlu diimpor: semua aktivitas di file sudah ada.",
    },
    # --- /sales export
    "help.sales_export": {
        "en": "Admins: get the workspace's deals, activities or BANT as a CSV file in your DM "
        "(deals in the format /sales import reads back).",
        "id": "Admin: dapatkan deal, aktivitas atau BANT workspace sebagai file CSV di DM Anda "
        "(deal dalam format yang bisa dibaca lagi oleh /sales import).",
    },
    "export.bad_kind": {
        "en": "\u201c{text}\u201d is not something to export: choose deals, activities or bant.",
        "id": "\u201c{text}\u201d tidak bisa diekspor: pilih deal, aktivitas atau bant.",
    },
    "export.sending.deals_one": {
        "en": "Sending the one deal to your DM with Corong as a CSV file\u2026",
        "id": "Mengirim satu-satunya deal ke DM Anda dengan Corong sebagai file CSV\u2026",
    },
    "export.sending.activities_one": {
        "en": "Sending the one activity to your DM with Corong as a CSV file\u2026",
        "id": "Mengirim satu-satunya aktivitas ke DM Anda dengan Corong sebagai file CSV\u2026",
    },
    "export.sending.bant_one": {
        "en": "Sending the one BANT qualification to your DM with Corong as a CSV file\u2026",
        "id": "Mengirim satu-satunya kualifikasi BANT ke DM Anda dengan Corong sebagai file "
        "CSV\u2026",
    },
    "export.sending.deals": {
        "en": "Sending {count} deals to your DM with Corong as a CSV file\u2026",
        "id": "Mengirim {count} deal ke DM Anda dengan Corong sebagai file CSV\u2026",
    },
    "export.sending.activities": {
        "en": "Sending {count} activities to your DM with Corong as a CSV file\u2026",
        "id": "Mengirim {count} aktivitas ke DM Anda dengan Corong sebagai file CSV\u2026",
    },
    "export.sending.bant": {
        "en": "Sending {count} BANT qualifications to your DM with Corong as a CSV file\u2026",
        "id": "Mengirim {count} kualifikasi BANT ke DM Anda dengan Corong sebagai file CSV\u2026",
    },
    "export.empty.deals": {
        "en": "There are no deals to export yet, so no file was sent.",
        "id": "Belum ada deal untuk diekspor, jadi tidak ada file yang dikirim.",
    },
    "export.empty.activities": {
        "en": "There are no activities to export yet, so no file was sent.",
        "id": "Belum ada aktivitas untuk diekspor, jadi tidak ada file yang dikirim.",
    },
    "export.empty.bant": {
        "en": "There are no BANT qualifications to export yet, so no file was sent.",
        "id": "Belum ada kualifikasi BANT untuk diekspor, jadi tidak ada file yang dikirim.",
    },
    "export.comment": {
        "en": "{file}: {count} rows, as Corong had them at {time}.",
        "id": "{file}: {count} baris, sesuai data Corong pada {time}.",
    },
    "export.comment_one": {
        "en": "{file}: one row, as Corong had it at {time}.",
        "id": "{file}: satu baris, sesuai data Corong pada {time}.",
    },
    "export.upload_failed": {
        "en": "Slack did not take the export file just now; type /sales export again.",
        "id": "Slack belum menerima file ekspornya barusan; ketik /sales export lagi.",
    },
}
