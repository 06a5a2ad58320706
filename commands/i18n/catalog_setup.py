"""Messages of ``/sales setup`` (the admin settings modal) and its undo, English and Indonesian."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "help.sales_setup": {
        "en": "Admins: open the workspace settings (language, currency, pipeline, BANT, "
        "targets) in one form.",
        "id": "Admin: buka pengaturan workspace (bahasa, mata uang, pipeline, BANT, target) "
        "dalam satu formulir.",
    },
    # --- the modal
    "modal.setup_title": {"en": "Workspace settings", "id": "Pengaturan workspace"},
    "setup.section_workspace": {"en": "Workspace", "id": "Workspace"},
    "setup.section_pipeline": {"en": "Pipeline and BANT", "id": "Pipeline dan BANT"},
    "setup.section_targets": {"en": "Targets and hygiene", "id": "Target dan kerapian"},
    "setup.field.language": {"en": "Workspace language", "id": "Bahasa workspace"},
    "setup.hint.language": {
        "en": "Team channel posts use it, and so does anyone whose Slack language is neither "
        "English nor Indonesian.",
        "id": "Dipakai untuk posting di channel tim, dan untuk siapa pun yang bahasa Slack-nya "
        "bukan Inggris atau Indonesia.",
    },
    "setup.field.currency": {"en": "Default currency", "id": "Mata uang bawaan"},
    "setup.hint.currency": {
        "en": "For new deals whose value is typed without a currency. Existing deals keep theirs.",
        "id": "Untuk deal baru yang nilainya diketik tanpa mata uang. Deal yang sudah ada tetap.",
    },
    "setup.field.pipeline": {"en": "Pipeline", "id": "Pipeline"},
    "setup.field.custom_stages": {"en": "Custom stages", "id": "Tahapan kustom"},
    "setup.hint.custom_stages": {
        "en": "Used when the pipeline is Custom: one stage per line, in order, {low} to {high} "
        "stages of up to {limit} characters. Won and Lost are added for you.",
        "id": "Dipakai bila pipeline-nya Kustom: satu tahap per baris, berurutan, {low} sampai "
        "{high} tahap, masing-masing paling panjang {limit} karakter. Menang dan Kalah "
        "ditambahkan otomatis.",
    },
    "setup.field.bant_mode": {"en": "BANT before moving on", "id": "BANT sebelum lanjut"},
    "setup.field.stale_days": {
        "en": "Stale after (work days without activity)",
        "id": "Dianggap basi setelah (hari kerja tanpa aktivitas)",
    },
    "setup.field.calls_per_day": {
        "en": "Calls target (per rep each work day)",
        "id": "Target telepon (per sales setiap hari kerja)",
    },
    "setup.field.work_days": {"en": "Work days", "id": "Hari kerja"},
    "setup.hint.work_days": {
        "en": "Nudges go out and targets count on these days only.",
        "id": "Pengingat dikirim dan target dihitung hanya pada hari-hari ini.",
    },
    "setup.hint.whole": {"en": "{low}\u2013{high}", "id": "{low}\u2013{high}"},
    # --- choices
    "setup.language.en": {"en": "English", "id": "English"},
    "setup.language.id": {"en": "Bahasa Indonesia", "id": "Bahasa Indonesia"},
    "setup.currency.IDR": {"en": "IDR \u2013 Indonesian rupiah", "id": "IDR \u2013 Rupiah"},
    "setup.currency.USD": {"en": "USD \u2013 US dollar", "id": "USD \u2013 Dolar AS"},
    "setup.currency.SGD": {
        "en": "SGD \u2013 Singapore dollar",
        "id": "SGD \u2013 Dolar Singapura",
    },
    "setup.currency.MYR": {
        "en": "MYR \u2013 Malaysian ringgit",
        "id": "MYR \u2013 Ringgit Malaysia",
    },
    "setup.currency.EUR": {"en": "EUR \u2013 Euro", "id": "EUR \u2013 Euro"},
    "setup.preset.funnel4": {
        "en": "funnel4: Lead \u2192 Prospect \u2192 Potential \u2192 Closeable",
        "id": "funnel4: Lead \u2192 Prospek \u2192 Potensial \u2192 Siap closing",
    },
    "setup.preset.seven-step": {
        "en": "seven-step: Prospecting \u2192 \u2026 \u2192 Closing (6 stages)",
        "id": "seven-step: Prospecting \u2192 \u2026 \u2192 Closing (6 tahap)",
    },
    "setup.preset.nine-stage": {
        "en": "nine-stage: Prospecting \u2192 \u2026 \u2192 Referral (9 stages)",
        "id": "nine-stage: Prospecting \u2192 \u2026 \u2192 Referensi (9 tahap)",
    },
    "setup.preset.custom": {
        "en": "Custom: the stages typed below",
        "id": "Kustom: tahapan yang diketik di bawah",
    },
    "setup.bant.warn": {
        "en": "Warn when a deal moves past qualification without BANT",
        "id": "Beri peringatan bila deal melewati kualifikasi tanpa BANT",
    },
    "setup.bant.strict": {
        "en": "Strict: refuse the move until a BANT qualifies",
        "id": "Ketat: tolak perpindahan sampai BANT lolos",
    },
    "setup.day.mon": {"en": "Monday", "id": "Senin"},
    "setup.day.tue": {"en": "Tuesday", "id": "Selasa"},
    "setup.day.wed": {"en": "Wednesday", "id": "Rabu"},
    "setup.day.thu": {"en": "Thursday", "id": "Kamis"},
    "setup.day.fri": {"en": "Friday", "id": "Jumat"},
    "setup.day.sat": {"en": "Saturday", "id": "Sabtu"},
    "setup.day.sun": {"en": "Sunday", "id": "Minggu"},
    # --- inline errors
    "setup.bad_choice": {
        "en": "\u201c{text}\u201d is not one of the choices: {known}.",
        "id": "\u201c{text}\u201d bukan salah satu pilihan: {known}.",
    },
    "setup.whole_number": {
        "en": "Type a whole number from {low} to {high}; \u201c{text}\u201d is not one.",
        "id": "Ketik bilangan bulat dari {low} sampai {high}; \u201c{text}\u201d bukan.",
    },
    "setup.days": {
        "en": "Pick at least one work day (\u201c{text}\u201d is not a list of days).",
        "id": "Pilih minimal satu hari kerja (\u201c{text}\u201d bukan daftar hari).",
    },
    "setup.stages_missing": {
        "en": "Type the custom stages, one per line, or pick a preset pipeline.",
        "id": "Ketik tahapan kustom, satu per baris, atau pilih pipeline preset.",
    },
    "setup.stages_need_custom": {
        "en": "These stages are used only with the Custom pipeline: pick Custom above, or "
        "leave this box as it was.",
        "id": "Tahapan ini hanya dipakai dengan pipeline Kustom: pilih Kustom di atas, atau "
        "biarkan kotak ini seperti semula.",
    },
    "setup.stage_count": {
        "en": "A custom pipeline needs {low} to {high} stages, one per line; this has {count}.",
        "id": "Pipeline kustom perlu {low} sampai {high} tahap, satu per baris; ini ada {count}.",
    },
    "setup.stage_duplicate": {
        "en": "\u201c{name}\u201d is in the list twice (or looks the same as another stage).",
        "id": "\u201c{name}\u201d ada dua kali (atau sama dengan tahap lain).",
    },
    "setup.stage_too_long": {
        "en": "\u201c{name}\u201d is longer than {limit} characters.",
        "id": "\u201c{name}\u201d lebih dari {limit} karakter.",
    },
    "setup.stage_chars": {
        "en": "\u201c{name}\u201d cannot be a stage name: use letters, digits, spaces and - & / "
        "+ . ' ( ), not a bare number.",
        "id": "\u201c{name}\u201d tidak bisa jadi nama tahap: pakai huruf, angka, spasi dan "
        "- & / + . ' ( ), bukan angka saja.",
    },
    "setup.stage_reserved": {
        "en": "\u201c{name}\u201d is reserved: every pipeline already ends in Won and Lost.",
        "id": "\u201c{name}\u201d sudah terpakai: setiap pipeline sudah diakhiri Menang dan Kalah.",
    },
    "setup.stranded": {
        "en": "Open deals are in stages this pipeline does not have ({stages}): {count} "
        "({refs}). Move or close them first, or keep those stages.",
        "id": "Ada deal aktif di tahap yang tidak ada di pipeline ini ({stages}): {count} "
        "({refs}). Pindahkan atau tutup dulu, atau pertahankan tahap itu.",
    },
    "setup.changed_meanwhile": {
        "en": "Another admin changed this setting after you opened the form. Cancel and run "
        "/sales setup again to see it.",
        "id": "Admin lain mengubah pengaturan ini setelah Anda membuka formulir. Batalkan lalu "
        "jalankan /sales setup lagi untuk melihatnya.",
    },
    # --- the confirmation
    "setup.saved": {"en": "Workspace settings saved", "id": "Pengaturan workspace disimpan"},
    "setup.unchanged": {
        "en": "Nothing changed: the settings you saved are the ones the workspace already has.",
        "id": "Tidak ada yang berubah: pengaturan yang Anda simpan sudah sama dengan yang ada.",
    },
    "setup.undo_hint": {
        "en": "/sales undo takes this whole change back.",
        "id": "/sales undo membatalkan seluruh perubahan ini.",
    },
    "setup.mode.warn": {"en": "warn", "id": "peringatan"},
    "setup.mode.strict": {"en": "strict", "id": "ketat"},
    "setup.days_value": {"en": "{count} work days", "id": "{count} hari kerja"},
    "setup.days_value_one": {"en": "{count} work day", "id": "{count} hari kerja"},
    "setup.calls_value": {"en": "{count} a day", "id": "{count} per hari"},
    # --- /sales undo
    "undo.workspace.settings": {
        "en": "Undone: the workspace settings are back as they were before your /sales setup "
        "change.",
        "id": "Dibatalkan: pengaturan workspace kembali seperti sebelum perubahan /sales setup "
        "Anda.",
    },
    "undo.setup_changed_since": {
        "en": "Another admin changed the workspace settings after you; undoing now would lose "
        "their change. Nothing was undone.",
        "id": "Admin lain sudah mengubah pengaturan workspace setelah Anda; membatalkan sekarang "
        "akan menghapus perubahan mereka. Tidak ada yang dibatalkan.",
    },
    "undo.setup_stranded": {
        "en": "Undoing would bring back a pipeline without the stages of {count} open deals "
        "({refs}). Move or close them first. Nothing was undone.",
        "id": "Pembatalan akan mengembalikan pipeline tanpa tahap dari {count} deal aktif "
        "({refs}). Pindahkan atau tutup dulu. Tidak ada yang dibatalkan.",
    },
}
