"""Sales quotas: ``/sales quota`` and its list."""

MESSAGES: dict[str, dict[str, str]] = {
    "help.sales_quota": {
        "en": "quotas per month or quarter: managers set their team's, admins anyone's",
        "id": "kuota per bulan atau kuartal: manajer mengatur untuk timnya, admin untuk siapa saja",
    },
    "example.quota_member": {
        "en": "/sales quota @sari 500jt month",
        "id": "/sales kuota @sari 500jt bulan",
    },
    "example.quota_team": {
        "en": "/sales quota team Jakarta 6 miliar quarter",
        "id": "/sales kuota tim Jakarta 6 miliar kuartal",
    },
    "quota.period.month": {"en": "month", "id": "bulan"},
    "quota.period.quarter": {"en": "quarter", "id": "kuartal"},
    "quota.set_member": {
        "en": "{person}'s quota is now {amount} a {period}, from {day}.",
        "id": "Kuota {person} sekarang {amount} per {period}, mulai {day}.",
    },
    "quota.set_team": {
        "en": "Team {team}'s quota is now {amount} a {period}, from {day}.",
        "id": "Kuota tim {team} sekarang {amount} per {period}, mulai {day}.",
    },
    "quota.list": {"en": "*Quotas in force today*", "id": "*Kuota yang berlaku hari ini*"},
    "quota.none": {
        "en": "No quotas yet. Set one: /sales quota @sari 500jt month",
        "id": "Belum ada kuota. Atur dengan: /sales kuota @sari 500jt bulan",
    },
    "quota.line_member": {
        "en": "{person}: {amount} a {period} (since {day})",
        "id": "{person}: {amount} per {period} (sejak {day})",
    },
    "quota.line_team": {
        "en": "Team {team}: {amount} a {period} (since {day})",
        "id": "Tim {team}: {amount} per {period} (sejak {day})",
    },
    "quota.usage": {
        "en": "Say whose quota (@rep or team and its name), the amount, then month or quarter.",
        "id": "Sebutkan kuota siapa (@rep atau tim dan namanya), jumlahnya, lalu bulan atau "
        "kuartal.",
    },
    "quota.unknown_person": {
        "en": "Corong does not know {person} yet: they appear once they use a command.",
        "id": "Corong belum mengenal {person}: mereka muncul setelah memakai sebuah perintah.",
    },
    "quota.unknown_team": {
        "en": "There is no team called “{text}”.",
        "id": "Tidak ada tim bernama “{text}”.",
    },
    "quota.not_yours": {
        "en": "Only {rep}'s managers ({managers}) or an admin ({admins}) can set their quota.",
        "id": "Hanya manajer {rep} ({managers}) atau admin ({admins}) yang bisa mengatur kuotanya.",
    },
    "quota.team_not_yours": {
        "en": "Only team {team}'s managers ({managers}) or an admin ({admins}) can set its quota.",
        "id": "Hanya manajer tim {team} ({managers}) atau admin ({admins}) yang bisa mengatur "
        "kuotanya.",
    },
    "quota.currency": {
        "en": "Quotas are in {currency}, the workspace's currency, not {other}.",
        "id": "Kuota memakai {currency}, mata uang workspace, bukan {other}.",
    },
    "report.attainment": {"en": "Attainment", "id": "Pencapaian"},
    "quota.attainment": {
        "en": "{share} of the {quota} {period} quota",
        "id": "{share} dari kuota {period} {quota}",
    },
    "quota.pace": {
        "en": "at this pace {share} by {period} end",
        "id": "dengan laju ini {share} di akhir {period}",
    },
}
