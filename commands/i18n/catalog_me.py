"""Messages of a person's own settings (``/sales me``, the App Home's "Your settings"), the
weekly summary that replaces daily nudges, and the digest's line on reps not acting on them."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- /sales me: what changed -------------------------------------------------------------
    "me.settings": {"en": "Your own settings:", "id": "Pengaturan Anda sendiri:"},
    "me.time_set": {
        "en": "Your nudge now comes at {time} ({zone}).",
        "id": "Pengingat Anda sekarang datang pukul {time} ({zone}).",
    },
    "me.time_default": {
        "en": "Your nudge comes at Corong's usual {time} ({zone}).",
        "id": "Pengingat Anda datang pada jam biasa Corong, pukul {time} ({zone}).",
    },
    "me.cadence_set.daily": {
        "en": "You get a nudge every work day.",
        "id": "Anda menerima pengingat setiap hari kerja.",
    },
    "me.cadence_set.weekly": {
        "en": "You get one summary a week, on the week's first work day.",
        "id": "Anda menerima satu ringkasan seminggu, di hari kerja pertama setiap minggu.",
    },
    "me.cadence_set.off": {
        "en": "No more nudges: Corong sends you nothing on its own.",
        "id": "Tidak ada pengingat lagi: Corong tidak mengirim apa pun kepada Anda tanpa diminta.",
    },
    "me.language_set": {
        "en": "Corong speaks {language} to you from now on.",
        "id": "Mulai sekarang Corong memakai {language} untuk Anda.",
    },
    "me.language_auto": {
        "en": "Corong follows your Slack language again ({language}).",
        "id": "Corong kembali mengikuti bahasa Slack Anda ({language}).",
    },
    "me.quiet_set": {
        "en": "Quiet hours {start}–{end}: nothing scheduled reaches you then.",
        "id": "Jam tenang {start}–{end}: tidak ada kiriman terjadwal untuk Anda pada jam itu.",
    },
    "me.quiet_off": {
        "en": "No quiet hours: your nudge comes at its time.",
        "id": "Tanpa jam tenang: pengingat Anda datang pada jamnya.",
    },
    # --- /sales me: the settings, one line each ------------------------------------------------
    "me.line.time": {
        "en": ":alarm_clock: *Nudge time:* {time} ({zone})",
        "id": ":alarm_clock: *Jam pengingat:* {time} ({zone})",
    },
    "me.line.time_default": {
        "en": ":alarm_clock: *Nudge time:* {time} ({zone}), Corong's usual",
        "id": ":alarm_clock: *Jam pengingat:* {time} ({zone}), jam biasa Corong",
    },
    "me.line.cadence.daily": {
        "en": ":calendar: *Nudges:* every work day",
        "id": ":calendar: *Pengingat:* setiap hari kerja",
    },
    "me.line.cadence.weekly": {
        "en": ":calendar: *Nudges:* weekly, on the week's first work day",
        "id": ":calendar: *Pengingat:* mingguan, di hari kerja pertama setiap minggu",
    },
    "me.line.cadence.off": {
        "en": ":calendar: *Nudges:* none",
        "id": ":calendar: *Pengingat:* mati",
    },
    "me.line.not_acting": {
        "en": "Weekly for now: your last {count} nudges went unanswered. Act on the next one "
        "and they come daily again.",
        "id": "Mingguan untuk sementara: {count} pengingat terakhir Anda tidak ditanggapi. "
        "Tindak lanjuti pengingat berikutnya dan pengingat harian kembali.",
    },
    "me.line.language_chosen": {
        "en": ":speech_balloon: *Language:* {language}, your choice",
        "id": ":speech_balloon: *Bahasa:* {language}, pilihan Anda",
    },
    "me.line.language_auto": {
        "en": ":speech_balloon: *Language:* {language}, as in your Slack",
        "id": ":speech_balloon: *Bahasa:* {language}, mengikuti Slack Anda",
    },
    "me.line.quiet": {
        "en": ":crescent_moon: *Quiet hours:* {start}–{end}",
        "id": ":crescent_moon: *Jam tenang:* {start}–{end}",
    },
    "me.line.quiet_none": {
        "en": ":crescent_moon: *Quiet hours:* none",
        "id": ":crescent_moon: *Jam tenang:* tidak ada",
    },
    "me.line.quiet_moves": {
        "en": "Your nudge time falls in your quiet hours: it comes at {end} instead.",
        "id": "Jam pengingat Anda jatuh di jam tenang: pengingat datang pukul {end}.",
    },
    "me.line.quiet_skips": {
        "en": "Your nudge time falls in quiet hours that last past midnight: no nudge comes. "
        "Choose another time.",
        "id": "Jam pengingat Anda jatuh di jam tenang yang melewati tengah malam: tidak ada "
        "pengingat yang datang. Pilih jam lain.",
    },
    "me.footer": {
        "en": "Change them: `/sales me nudge 07:30` · `/sales me nudges weekly` · "
        "`/sales me language en` · `/sales me quiet 19:00-07:00`",
        "id": "Untuk mengubah: `/sales saya pengingat 07:30` · `/sales saya pengingat mingguan` "
        "· `/sales saya bahasa id` · `/sales saya tenang 19:00-07:00`",
    },
    "me.language.en": {"en": "English", "id": "Bahasa Inggris"},
    "me.language.id": {"en": "Indonesian", "id": "Bahasa Indonesia"},
    # --- /sales me: slips --------------------------------------------------------------------
    "me.usage": {
        "en": "\u201c{text}\u201d is none of your settings: nudge, nudges, language or quiet.",
        "id": "\u201c{text}\u201d bukan pengaturan Anda: pengingat, bahasa atau tenang.",
    },
    "me.nudge_missing": {
        "en": "Give a time such as 07:30, or daily, weekly or off.",
        "id": "Tulis jam seperti 07:30, atau harian, mingguan atau mati.",
    },
    "me.nudge_bad": {
        "en": "\u201c{text}\u201d is no time of day: give one such as 07:30, or daily, weekly or "
        "off.",
        "id": "\u201c{text}\u201d bukan jam: tulis jam seperti 07:30, atau harian, mingguan atau "
        "mati.",
    },
    "me.language_missing": {
        "en": "Which language? en (English), id (Indonesian) or auto (your Slack's).",
        "id": "Bahasa apa? id (Indonesia), en (Inggris) atau otomatis (mengikuti Slack).",
    },
    "me.language_bad": {
        "en": "\u201c{text}\u201d is no language Corong speaks: en (English), id (Indonesian) or "
        "auto (your Slack's).",
        "id": "\u201c{text}\u201d bukan bahasa yang dikuasai Corong: id (Indonesia), en (Inggris) "
        "atau otomatis (mengikuti Slack).",
    },
    "me.quiet_missing": {
        "en": "Give quiet hours as start-end, such as 19:00-07:00, or off.",
        "id": "Tulis jam tenang sebagai mulai-selesai, misalnya 19:00-07:00, atau mati.",
    },
    "me.quiet_bad": {
        "en": "\u201c{text}\u201d are no quiet hours: give them as start-end, such as "
        "19:00-07:00, or off.",
        "id": "\u201c{text}\u201d bukan jam tenang: tulis sebagai mulai-selesai, misalnya "
        "19:00-07:00, atau mati.",
    },
    "me.quiet_same": {
        "en": "Quiet hours start and end at different times: {start} twice says nothing.",
        "id": "Jam tenang mulai dan selesai pada jam yang berbeda: {start} dua kali tidak berarti.",
    },
    "help.sales_me": {
        "en": "your own settings: nudge time, daily or weekly nudges or none, language, quiet "
        "hours",
        "id": "pengaturan Anda sendiri: jam pengingat, pengingat harian, mingguan atau mati, "
        "bahasa, jam tenang",
    },
    "example.me_nudge": {"en": "/sales me nudge 07:30", "id": "/sales saya pengingat 07:30"},
    "example.me_nudges": {
        "en": "/sales me nudges weekly",
        "id": "/sales saya pengingat mingguan",
    },
    "example.me_language": {"en": "/sales me language en", "id": "/sales saya bahasa id"},
    "example.me_quiet": {
        "en": "/sales me quiet 19:00-07:00",
        "id": "/sales saya tenang 19:00-07:00",
    },
    # --- the App Home's "Your settings" --------------------------------------------------------
    "home.me.title": {"en": "Your settings", "id": "Pengaturan Anda"},
    "home.me.time": {"en": "Nudge at {time}", "id": "Pengingat pukul {time}"},
    "home.me.daily": {"en": "Every work day", "id": "Setiap hari kerja"},
    "home.me.weekly": {"en": "Weekly", "id": "Mingguan"},
    "home.me.off": {"en": "No nudges", "id": "Tanpa pengingat"},
    "home.me.language_auto": {"en": "Slack's language", "id": "Bahasa Slack"},
    "home.me.quiet": {"en": "Quiet {start}–{end}", "id": "Tenang {start}–{end}"},
    "home.me.quiet_none": {"en": "No quiet hours", "id": "Tanpa jam tenang"},
    # --- the weekly summary (the nudge's ``jobs.nudge.week_`` twins) ---------------------------
    "jobs.nudge.week_intro": {
        "en": "Good morning! *{count} deals need you this week* (week of {day})",
        "id": "Selamat pagi! *{count} deal perlu tindakan Anda minggu ini* (minggu {day})",
    },
    "jobs.nudge.week_intro_one": {
        "en": "Good morning! *1 deal needs you this week* (week of {day})",
        "id": "Selamat pagi! *1 deal perlu tindakan Anda minggu ini* (minggu {day})",
    },
    "jobs.nudge.week_intro_calls_only": {
        "en": "Good morning! No deal needs you this week (week of {day}).",
        "id": "Selamat pagi! Minggu ini (minggu {day}) tidak ada deal yang perlu tindakan.",
    },
    "jobs.nudge.week_all_done": {
        "en": ":tada: *All done for this week* (week of {day}). Nice work!",
        "id": ":tada: *Semua beres untuk minggu ini* (minggu {day}). Kerja bagus!",
    },
    "jobs.nudge.week_fallback": {
        "en": "{count} deals need you this week: {deals}",
        "id": "{count} deal perlu tindakan Anda minggu ini: {deals}",
    },
    "jobs.nudge.week_fallback_one": {
        "en": "1 deal needs you this week: {deals}",
        "id": "1 deal perlu tindakan Anda minggu ini: {deals}",
    },
    "jobs.nudge.week_calls": {
        "en": "Calls in the week of {day}: {count} of {target}",
        "id": "Telepon pada minggu {day}: {count} dari {target}",
    },
    "jobs.nudge.week_calls_no_target": {
        "en": "Calls in the week of {day}: {count}",
        "id": "Telepon pada minggu {day}: {count}",
    },
    "jobs.nudge.reason.due_week": {
        "en": "Due {day}: {step}",
        "id": "Jatuh tempo {day}: {step}",
    },
    "jobs.nudge.reason.due_week_no_step": {
        "en": "Next step due {day}",
        "id": "Langkah berikutnya jatuh tempo {day}",
    },
    "jobs.nudge.weekly_chosen": {
        "en": "Your weekly summary, as you chose: `/sales me nudges daily` brings the daily "
        "nudge back.",
        "id": "Ringkasan mingguan Anda, sesuai pilihan Anda: `/sales saya pengingat harian` "
        "mengembalikan pengingat harian.",
    },
    "jobs.nudge.weekly_not_acting": {
        "en": "A weekly summary for now: your last {count} nudges went unanswered. Act on one "
        "of these deals and your daily nudges come back.",
        "id": "Ringkasan mingguan untuk sementara: {count} pengingat terakhir Anda tidak "
        "ditanggapi. Tindak lanjuti salah satu deal ini dan pengingat harian kembali.",
    },
    # --- the weekly digest -------------------------------------------------------------------
    "jobs.digest.not_acting": {
        "en": ":mute: Not acting on nudges (a weekly summary instead): {people}",
        "id": ":mute: Tidak menanggapi pengingat (kini ringkasan mingguan): {people}",
    },
}
