"""Messages of time off: ``/sales away`` (``/sales cuti``) and how the posts show who is away."""

MESSAGES: dict[str, dict[str, str]] = {
    "away.yours": {"en": "Your time off:", "id": "Cuti Anda:"},
    "away.theirs": {"en": "{person}'s time off:", "id": "Cuti {person}:"},
    "away.team": {
        "en": "Time off in the teams you manage, now and ahead:",
        "id": "Cuti di tim yang Anda pimpin, sekarang dan ke depan:",
    },
    "away.everyone": {
        "en": "Time off in this workspace, now and ahead:",
        "id": "Cuti di workspace ini, sekarang dan ke depan:",
    },
    "away.set": {
        "en": "{person} is away from {first} to {last}: no nudges, the standup and the digest "
        "say so, and their deals do not turn stale or stuck meanwhile.",
        "id": "{person} cuti dari {first} sampai {last}: tanpa pengingat, standup dan ringkasan "
        "mingguan menyebutnya, dan deal-nya tidak menjadi terbengkalai atau tertahan selama itu.",
    },
    "away.ended": {
        "en": "{person} is back: the time off that began {first} ended yesterday, and nudges "
        "start again on the next work day.",
        "id": "{person} sudah kembali: cuti yang mulai {first} berakhir kemarin, dan pengingat "
        "mulai lagi di hari kerja berikutnya.",
    },
    "away.cancelled": {
        "en": "{person}'s time off from {first} to {last} is cancelled.",
        "id": "Cuti {person} dari {first} sampai {last} dibatalkan.",
    },
    "away.status_again": {
        "en": "That time off came from a Slack status: clear the status too, or Corong reads it "
        "again at the next morning's nudge.",
        "id": "Cuti itu berasal dari status Slack: hapus juga statusnya, kalau tidak Corong "
        "membacanya lagi saat pengingat pagi berikutnya.",
    },
    "away.none": {"en": "No time off ahead.", "id": "Tidak ada cuti ke depan."},
    "away.from_status": {"en": "from a Slack status", "id": "dari status Slack"},
    "away.more": {"en": "… and {count} more.", "id": "… dan {count} lagi."},
    "away.footer": {
        "en": "`/sales away 2027-08-01..2027-08-14` sets it, `/sales away off` ends it; a "
        "manager or admin adds `@rep`. A Slack status with an expiry (:palm_tree:, Vacationing, "
        "OOO, Cuti, Sakit) counts too.",
        "id": "`/sales cuti 2027-08-01..2027-08-14` mengatur, `/sales cuti selesai` mengakhiri; "
        "manajer atau admin menambahkan `@rep`. Status Slack dengan batas waktu (:palm_tree:, "
        "Cuti, Sakit, OOO) juga dihitung.",
    },
    "away.usage": {
        "en": "\u201c{text}\u201d is not something /sales away does: give the days you are "
        "away (2027-08-01..2027-08-14, or one day), off, or team.",
        "id": "\u201c{text}\u201d tidak dikenal /sales cuti: tulis hari cuti "
        "(2027-08-01..2027-08-14, atau satu hari), selesai, atau tim.",
    },
    "away.bad_days": {
        "en": "\u201c{text}\u201d is not a day or a range of days: write "
        "2027-08-01..2027-08-14, or one day such as 2027-08-03.",
        "id": "\u201c{text}\u201d bukan tanggal atau rentang tanggal: tulis "
        "2027-08-01..2027-08-14, atau satu hari seperti 2027-08-03.",
    },
    "away.day_in_note": {
        "en": "\u201c{text}\u201d reads as a day: join the first and last day with two dots, "
        "2027-08-01..2027-08-14 (a note that holds a day goes in quotes).",
        "id": "\u201c{text}\u201d terbaca sebagai tanggal: sambungkan hari pertama dan terakhir "
        "dengan dua titik, 2027-08-01..2027-08-14 (catatan berisi tanggal ditulis dalam tanda "
        "kutip).",
    },
    "away.backwards": {
        "en": "{last} comes before {first}: put the first day first.",
        "id": "{last} lebih awal dari {first}: tulis hari pertama lebih dulu.",
    },
    "away.past": {
        "en": "{last} has passed: time off is for today and the days ahead.",
        "id": "{last} sudah lewat: cuti hanya untuk hari ini dan hari-hari ke depan.",
    },
    "away.too_long": {
        "en": "{days} days is more time off than Corong takes at once (at most {limit}): set "
        "it in parts.",
        "id": "{days} hari terlalu panjang untuk sekali cuti (paling lama {limit} hari): atur "
        "per bagian.",
    },
    "away.too_far": {
        "en": "{first} is more than a year ahead: set it nearer the time.",
        "id": "{first} lebih dari setahun lagi: atur saat sudah lebih dekat.",
    },
    "away.one_person": {
        "en": "Name one person at a time.",
        "id": "Sebut satu orang saja setiap kali.",
    },
    "away.off_usage": {
        "en": "To end time off, name at most one person after it.",
        "id": "Untuk mengakhiri cuti, sebut paling banyak satu orang sesudahnya.",
    },
    "away.unknown_person": {
        "en": "Corong does not know {person} yet: they appear once they use Corong or join a team.",
        "id": "Corong belum mengenal {person}: mereka muncul setelah memakai Corong atau masuk "
        "tim.",
    },
    "away.not_yours": {
        "en": "{rep}'s time off is for {rep}, their team's manager ({managers}) and admins "
        "({admins}) to set.",
        "id": "Cuti {rep} hanya bisa diatur oleh {rep}, manajer timnya ({managers}) dan admin "
        "({admins}).",
    },
    "away.team_managers_only": {
        "en": "A team's time off is for its managers and admins ({admins}) to list. Yours: "
        "`/sales away`.",
        "id": "Daftar cuti tim hanya untuk manajer dan admin ({admins}). Milik Anda: "
        "`/sales cuti`.",
    },
    "away.none_to_end": {
        "en": "{person} has no time off to end.",
        "id": "{person} tidak punya cuti untuk diakhiri.",
    },
    "help.sales_away": {
        "en": "time off: no nudges while away; managers and admins set it for their team",
        "id": "cuti: tanpa pengingat selama cuti; manajer dan admin mengaturnya untuk timnya",
    },
    "example.away_set": {
        "en": "/sales away 2027-08-01..2027-08-14 @budi",
        "id": "/sales cuti 2027-08-01..2027-08-14 @budi",
    },
    "example.away_off": {"en": "/sales away off @budi", "id": "/sales cuti selesai @budi"},
    "example.away_team": {"en": "/sales away team", "id": "/sales cuti tim"},
    "example.away_yours": {"en": "/sales away", "id": "/sales cuti"},
    # In the posts.
    "jobs.standup.away": {"en": "away until {day}", "id": "cuti sampai {day}"},
    "jobs.digest.away": {"en": "Away", "id": "Cuti"},
}
