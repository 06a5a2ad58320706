"""What a reader may type back, in their language: the examples under an error and in the help,
and lists of words a command reads (``commands.i18n.Phrase``).

Each Indonesian text uses the Indonesian words the grammar reads (``tenggat:jumat``,
``tersambung``, ``minggu lalu``), so an example an Indonesian reader copies works as it is;
``tests/test_one_language.py`` runs them. A slash command and its first word are the command's
name (``/deal add``) and stay as they are.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # Slash commands.
    "example.deal_add": {
        "en": '/deal add Acme Corp 50jt close:2026-12-31 contact:"Budi (CTO)"',
        "id": '/deal add Acme Corp 50jt tutup:31/12/2026 kontak:"Budi (CTO)"',
    },
    "example.deal_move": {
        "en": "/deal move acme potential",
        "id": "/deal move acme potensial",
    },
    "example.deal_lost": {"en": "/deal lost D-12 price", "id": "/deal lost D-12 harga"},
    "example.deal_list_all": {"en": "/deal list all", "id": "/deal list semua"},
    "example.call": {
        "en": '/call acme 20m connected "pricing ok" next:"send proposal" due:fri',
        "id": '/call acme 20m tersambung "harga oke" lanjut:"kirim penawaran" tenggat:jumat',
    },
    "example.pipeline_team": {"en": "/pipeline team", "id": "/pipeline tim"},
    "example.funnel": {
        "en": "/funnel last week team Jakarta",
        "id": "/funnel minggu lalu tim Jakarta",
    },
    "example.scope_team": {"en": "{command} team {team}", "id": "{command} tim {team}"},
    "example.scope_all": {"en": "{command} all", "id": "{command} semua"},
    "example.team_add": {
        "en": "/sales team add {team} {people}",
        "id": "/sales team tambah {team} {people}",
    },
    "example.team_remove": {
        "en": "/sales team remove {team} {person}",
        "id": "/sales team hapus {team} {person}",
    },
    "example.team_show": {"en": "/sales team show {team}", "id": "/sales team lihat {team}"},
    "example.team_list": {"en": "/sales team list", "id": "/sales team daftar"},
    "example.team_channel": {
        "en": "/sales team Jakarta channel #sales-jakarta",
        "id": "/sales team Jakarta kanal #sales-jakarta",
    },
    "example.team_manager": {
        "en": "/sales team Jakarta manager @rina",
        "id": "/sales team Jakarta manajer @rina",
    },
    "example.team_schedule": {
        "en": '/sales team Jakarta schedule standup:09:30 digest:"mon 08:00" tz:Asia/Jakarta',
        "id": '/sales team Jakarta jadwal jam:09:30 ringkasan:"senin 08:00" zona:Asia/Jakarta',
    },
    "example.admin_add": {"en": "/sales admin add @rina", "id": "/sales admin tambah @rina"},
    "example.bant_strict": {"en": "/sales bant strict:on", "id": "/sales bant strict:ya"},
    "example.targets": {
        "en": "/sales targets calls:12 stale:5 pileup:40% cohort:60 days:mon-fri",
        "id": "/sales targets telepon:12 basi:5 tumpukan:40% kohort:60 hari:senin-jumat",
    },
    "example.targets_calls": {"en": "/sales targets calls:12", "id": "/sales targets telepon:12"},
    "example.targets_option": {
        "en": "/sales targets {option}:{value}",
        "id": "/sales targets {option}:{value}",
    },
    "example.import_activities": {
        "en": "/sales import activities",
        "id": "/sales import aktivitas",
    },
    "example.benchmark_default": {
        "en": "/sales benchmark default",
        "id": "/sales benchmark bawaan",
    },
    # Words and values typed inside a command or a form.
    "example.quoted_note": {"en": '"pricing ok"', "id": '"harga oke"'},
    "example.note": {"en": "pricing ok", "id": "harga oke"},
    "example.next_step": {"en": "send proposal", "id": "kirim penawaran"},
    "example.follow_up": {"en": "call back in March", "id": "telepon lagi bulan Maret"},
    "example.need_pain": {"en": "manual invoicing", "id": "penagihan masih manual"},
    "example.due": {"en": "fri", "id": "jumat"},
    "example.work_days": {"en": "mon-fri", "id": "senin-jumat"},
    "example.stages": {
        "en": "Discovery\nDemo\nProposal\nNegotiation",
        "id": "Penjajakan\nDemo\nPenawaran\nNegosiasi",
    },
    "example.outcome": {"en": "connected", "id": "tersambung"},
    "example.outcomes": {
        "en": "connected, no-answer, voicemail, busy, wrong-number, meeting",
        "id": "tersambung, tidak-diangkat, pesan-suara, sibuk, salah-sambung, janji-temu",
    },
    # An import file's cells, which the import reads in either language.
    "example.status_won": {"en": "won", "id": "menang"},
    "example.activity_kind": {"en": "call", "id": "telepon"},
    "example.activity_kinds": {
        "en": "call, meeting, email, note",
        "id": "telepon, pertemuan, email, catatan",
    },
    "example.stage_map": {"en": '--stage "{theirs}={ours}"', "id": '--stage "{theirs}={ours}"'},
    # Option names, as a reader of each language types them (commands.grammar.options.ALIASES,
    # commands.reports.settings.TARGET_OPTIONS); an option without one here has one name.
    "option.name.close": {"en": "close", "id": "tutup"},
    "option.name.contact": {"en": "contact", "id": "kontak"},
    "option.name.stage": {"en": "stage", "id": "tahap"},
    "option.name.next": {"en": "next", "id": "lanjut"},
    "option.name.due": {"en": "due", "id": "tenggat"},
    "option.name.value": {"en": "value", "id": "nilai"},
    "option.name.reason": {"en": "reason", "id": "alasan"},
    "option.name.outcome": {"en": "outcome", "id": "hasil"},
    "option.name.notes": {"en": "notes", "id": "catatan"},
    "option.name.note": {"en": "note", "id": "catatan"},
    "option.name.duration": {"en": "duration", "id": "durasi"},
    "option.name.calls": {"en": "calls", "id": "telepon"},
    "option.name.stale": {"en": "stale", "id": "basi"},
    "option.name.pileup": {"en": "pileup", "id": "tumpukan"},
    "option.name.cohort": {"en": "cohort", "id": "kohort"},
    "option.name.days": {"en": "days", "id": "hari"},
}
