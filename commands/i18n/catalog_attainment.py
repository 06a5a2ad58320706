"""Attainment as of now (the App Home, the weekly digest, a week's ``/funnel``) and the digest's
leaderboard with its team setting (``/sales team Jakarta leaderboard on``)."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- attainment to date -------------------------------------------------------------------
    "attainment.month_to": {
        "en": "Month to date ({day}):",
        "id": "Bulan berjalan hingga {day}:",
    },
    "attainment.quarter_to": {
        "en": "Quarter to date ({day}):",
        "id": "Kuartal berjalan hingga {day}:",
    },
    "attainment.month_to_date": {"en": "Month to date", "id": "Bulan berjalan"},
    "attainment.quarter_to_date": {"en": "Quarter to date", "id": "Kuartal berjalan"},
    "attainment.yours": {"en": "Your attainment", "id": "Pencapaian Anda"},
    "attainment.team": {"en": "Team {team}", "id": "Tim {team}"},
    "attainment.team_no_quota": {
        "en": "no team quota",
        "id": "belum ada kuota tim",
    },
    "attainment.teams_more": {
        "en": "… and {count} more teams: `/funnel month team <name>` shows each.",
        "id": "… dan {count} tim lainnya: `/funnel bulan tim <nama>` menampilkan masing-masing.",
    },
    "attainment.hint": {
        "en": "No quotas for your teams yet. Set one with `/sales quota team Jakarta 6 miliar "
        "quarter` or `/sales quota @sari 500jt month`.",
        "id": "Belum ada kuota untuk tim Anda. Atur dengan `/sales kuota tim Jakarta 6 miliar "
        "kuartal` atau `/sales kuota @sari 500jt bulan`.",
    },
    "attainment.table_month": {
        "en": "Month to date, by person",
        "id": "Bulan berjalan, per orang",
    },
    "attainment.table_quarter": {
        "en": "Quarter to date, by person",
        "id": "Kuartal berjalan, per orang",
    },
    "attainment.column.name": {"en": "Name", "id": "Nama"},
    "attainment.column.booked": {"en": "Booked {currency}", "id": "Penjualan {currency}"},
    "attainment.column.quota": {"en": "Quota", "id": "Kuota"},
    "attainment.column.share": {"en": "%", "id": "%"},
    "attainment.column.pace": {"en": "Pace", "id": "Laju"},
    # --- the leaderboard ----------------------------------------------------------------------
    "leaderboard.title": {
        "en": ":medal: *Leaderboard* · {period}",
        "id": ":medal: *Papan peringkat* · {period}",
    },
    "leaderboard.note": {
        "en": "Ranked by bookings, then calls, then meetings (calls that booked one and "
        "meetings logged).",
        "id": "Diurutkan menurut penjualan, lalu telepon, lalu pertemuan (telepon yang "
        "menghasilkan janji temu dan pertemuan yang dicatat).",
    },
    "leaderboard.column.rank": {"en": "#", "id": "#"},
    "leaderboard.column.calls": {"en": "Calls", "id": "Telepon"},
    "leaderboard.column.meetings": {"en": "Meetings", "id": "Pertemuan"},
    "leaderboard.column.booked": {"en": "Booked {currency}", "id": "Penjualan {currency}"},
    # --- /sales team Jakarta leaderboard on|off ------------------------------------------------
    "example.team_leaderboard": {
        "en": "/sales team Jakarta leaderboard on",
        "id": "/sales team Jakarta papan peringkat nyala",
    },
    "team.leaderboard_usage": {
        "en": "\u201c{text}\u201d is not a leaderboard setting: say `on` or `off`.",
        "id": "\u201c{text}\u201d bukan pengaturan papan peringkat: sebutkan `nyala` atau `mati`.",
    },
    "team.leaderboard_on": {
        "en": "The weekly digest of *{team}* now ends with a leaderboard: each person's calls, "
        "meetings and bookings that week.",
        "id": "Ringkasan mingguan *{team}* kini ditutup dengan papan peringkat: telepon, "
        "pertemuan dan penjualan tiap orang pada minggu itu.",
    },
    "team.leaderboard_on_no_channel": {
        "en": "The leaderboard of *{team}* is on, but the team has no channel for its digest "
        "yet: `{example}`.",
        "id": "Papan peringkat *{team}* sudah nyala, tetapi tim ini belum punya kanal untuk "
        "ringkasan mingguannya: `{example}`.",
    },
    "team.leaderboard_off": {
        "en": "The weekly digest of *{team}* has no leaderboard now.",
        "id": "Ringkasan mingguan *{team}* kini tanpa papan peringkat.",
    },
    "role.team_leaderboard_not_yours": {
        "en": "The leaderboard of *{team}* is turned on or off by its managers ({managers}) "
        "and admins ({admins}). Nothing was changed.",
        "id": "Papan peringkat *{team}* dinyalakan atau dimatikan oleh manajernya ({managers}) "
        "dan admin ({admins}). Tidak ada yang diubah.",
    },
    "team.card_leaderboard": {"en": "Leaderboard", "id": "Papan peringkat"},
    "team.card_leaderboard_on": {"en": "on, in the digest", "id": "nyala, di ringkasan mingguan"},
    "team.card_leaderboard_off": {"en": "off", "id": "mati"},
}
