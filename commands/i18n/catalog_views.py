"""What ``/pipeline``, ``/funnel`` and the App Home say around the metrics."""

MESSAGES: dict[str, dict[str, str]] = {
    "help.pipeline": {
        "en": "Open deals by stage with value, age and staleness, most urgent first: yours, "
        "a rep's (@name), your team's (team [name]) or everyone's (all).",
        "id": "Deal aktif per tahap dengan nilai, umur dan status basi, yang paling mendesak "
        "dulu: milik Anda, milik rep (@nama), tim Anda (tim [nama]) atau semua (semua).",
    },
    "help.funnel": {
        "en": "The funnel report: this or last week, month, quarter or year, or the days "
        "2026-10-01..2026-12-31; for your team, a team by name, a rep (@name), yourself "
        "(mine) or everyone (all).",
        "id": "Laporan funnel: minggu, bulan, kuartal atau tahun ini atau lalu, atau "
        "hari-hari 2026-10-01..2026-12-31; untuk tim Anda, tim tertentu, seorang rep (@nama), "
        "Anda sendiri (saya) atau semua.",
    },
    # --- scopes ---------------------------------------------------------------------------
    "scope.unknown": {
        "en": "I can't tell whose deals you mean by “{text}”. Use nothing (yours), @name, "
        "team [name] or all.",
        "id": "Saya tidak mengerti deal siapa yang dimaksud dengan “{text}”. Kosongkan "
        "(milik Anda), atau pakai @nama, tim [nama] atau semua.",
    },
    "scope.no_teams": {
        "en": "This workspace has no teams yet, so there is no team to show. All deals are "
        "one word away:",
        "id": "Workspace ini belum punya tim, jadi belum ada tim yang bisa ditampilkan. "
        "Semua deal bisa dilihat dengan:",
    },
    "scope.unknown_team": {
        "en": "There is no team called “{team}”. Teams here: {teams}.",
        "id": "Tidak ada tim bernama “{team}”. Tim yang ada: {teams}.",
    },
    "scope.not_in_team": {
        "en": "You are not in a team yet, so name the team you want to see:",
        "id": "Anda belum masuk tim mana pun, jadi sebutkan tim yang ingin dilihat:",
    },
    # --- /pipeline --------------------------------------------------------------------------
    "board.title_mine": {"en": "Your pipeline", "id": "Pipeline Anda"},
    "board.title_member": {"en": "Pipeline of {user}", "id": "Pipeline {user}"},
    "board.title_team": {"en": "Pipeline of team {team}", "id": "Pipeline tim {team}"},
    "board.title_all": {"en": "Pipeline of everyone", "id": "Pipeline semua orang"},
    "board.summary": {"en": "{count} open deal(s)", "id": "{count} deal aktif"},
    "board.attention": {
        "en": "{overdue} with an overdue next step, {stale} untouched for {days}+ work days",
        "id": "{overdue} langkah berikutnya terlambat, {stale} tak disentuh {days}+ hari kerja",
    },
    "board.in_stage": {"en": "{days} d in stage", "id": "{days} hr di tahap ini"},
    "board.overdue": {
        "en": "next step overdue by {days}",
        "id": "langkah berikutnya telat {days}",
    },
    "board.stale": {"en": "stale: untouched {days} d", "id": "basi: tak disentuh {days} hr"},
    "board.touched": {"en": "touched {days} d ago", "id": "disentuh {days} hr lalu"},
    "board.not_contacted": {
        "en": "no activity yet, added {days} d ago",
        "id": "belum ada aktivitas, ditambahkan {days} hr lalu",
    },
    "board.empty": {
        "en": "No open deals here. Add one with `/deal add Acme 50jt`.",
        "id": "Tidak ada deal aktif di sini. Tambahkan dengan `/deal add Acme 50jt`.",
    },
    # --- /funnel ------------------------------------------------------------------------------
    "funnel.title_mine": {"en": "Your funnel", "id": "Funnel Anda"},
    "funnel.title_member": {"en": "Funnel of {user}", "id": "Funnel {user}"},
    "funnel.title_team": {"en": "Funnel of team {team}", "id": "Funnel tim {team}"},
    "funnel.title_all": {"en": "Funnel of the whole workspace", "id": "Funnel seluruh workspace"},
    "funnel.open": {"en": "{count} open", "id": "{count} aktif"},
    "funnel.entered": {"en": "{count} entered", "id": "{count} masuk"},
    "funnel.previous": {"en": "previous period {value}", "id": "periode sebelumnya {value}"},
    "funnel.at_target": {
        "en": "{count} of {reps} reps at target",
        "id": "{count} dari {reps} rep mencapai target",
    },
    "funnel.more_reps": {
        "en": "… and {count} more reps; `/funnel @name` shows one rep's numbers.",
        "id": "… dan {count} rep lainnya; `/funnel @nama` menampilkan angka satu rep.",
    },
    "funnel.chart_note": {
        "en": "the funnel chart is in your DM with Corong",
        "id": "grafik funnel ada di DM Anda dengan Corong",
    },
    "funnel.chart_comment": {
        "en": "Funnel chart: {title}",
        "id": "Grafik funnel: {title}",
    },
    # --- App Home ------------------------------------------------------------------------------
    "home.title": {"en": "Your sales day", "id": "Hari penjualan Anda"},
    "home.week_of": {"en": "Week of {date}", "id": "Minggu {date}"},
    "home.calls": {
        "en": "*Calls* this week: {week} of {week_target} · today: {today} of {day_target}",
        "id": "*Telepon* minggu ini: {week} dari {week_target} · hari ini: {today} dari "
        "{day_target}",
    },
    "home.won": {"en": "*Won* this week: {count}", "id": "*Menang* minggu ini: {count}"},
    "home.follow_ups": {
        "en": "Follow-ups due ({count})",
        "id": "Tindak lanjut jatuh tempo ({count})",
    },
    "home.no_follow_ups": {
        "en": 'Nothing due today. Set a next step with `/call acme next:"demo" due:fri`.',
        "id": "Tidak ada yang jatuh tempo hari ini. Atur langkah berikutnya dengan "
        '`/call acme lanjut:"demo" tenggat:jumat`.',
    },
    "home.overdue": {
        "en": ":alarm_clock: overdue by {days}",
        "id": ":alarm_clock: telat {days}",
    },
    "home.due_today": {"en": "due today", "id": "jatuh tempo hari ini"},
    "home.more_follow_ups": {
        "en": "… and {count} more: `/pipeline` lists them all.",
        "id": "… dan {count} lainnya: `/pipeline` menampilkan semuanya.",
    },
    "home.open_deals": {"en": "Open deals ({count})", "id": "Deal aktif ({count})"},
    "home.stale": {
        "en": "{count} stale (no activity for a while)",
        "id": "{count} basi (lama tanpa aktivitas)",
    },
    "home.commands": {
        "en": "`/call` logs a call · `/deal add` adds a deal · `/pipeline` shows them all · "
        "`/funnel` reads the team's funnel",
        "id": "`/call` mencatat telepon · `/deal add` menambah deal · `/pipeline` menampilkan "
        "semuanya · `/funnel` membaca funnel tim",
    },
    "home.refresh": {"en": "Refresh", "id": "Muat ulang"},
    # --- App Home, admins only: scheduled posts that failed --------------------------------
    "home.jobs.title": {
        "en": ":warning: Scheduled posts that need you ({count})",
        "id": ":warning: Postingan terjadwal yang perlu Anda tangani ({count})",
    },
    "home.jobs.intro": {
        "en": "These did not go out in the last 7 days, and Corong will not try them again.",
        "id": "Postingan ini tidak terkirim dalam 7 hari terakhir, dan Corong tidak akan "
        "mencobanya lagi.",
    },
    "home.jobs.refused": {"en": "Slack refused it: `{code}`", "id": "Ditolak Slack: `{code}`"},
    "home.jobs.unreachable": {
        "en": "Corong could not reach Slack ({tries} attempt(s)): `{code}`",
        "id": "Corong tidak bisa menghubungi Slack ({tries} percobaan): `{code}`",
    },
    "home.jobs.slack_failing": {
        "en": "Slack kept failing ({tries} attempt(s)): `{code}`",
        "id": "Slack terus gagal ({tries} percobaan): `{code}`",
    },
    "home.jobs.stopped": {
        "en": "Corong stopped trying: `{code}`",
        "id": "Corong berhenti mencoba: `{code}`",
    },
    "home.jobs.nudge": {"en": "Morning nudge to {user}", "id": "Pengingat pagi untuk {user}"},
    "home.jobs.standup": {"en": "Standup in team {team}", "id": "Standup di tim {team}"},
    "home.jobs.digest": {
        "en": "Weekly digest in team {team}",
        "id": "Ringkasan mingguan di tim {team}",
    },
    "home.jobs.other": {"en": "{job} for {target}", "id": "{job} untuk {target}"},
    "home.jobs.deleted_team": {"en": "(deleted)", "id": "(sudah dihapus)"},
    "home.jobs.hint.invite": {
        "en": "Invite Corong to the channel with `/invite @Corong`.",
        "id": "Undang Corong ke channel dengan `/invite @Corong`.",
    },
    "home.jobs.hint.archived": {
        "en": "The channel is archived: pick another channel for the team.",
        "id": "Channel ini sudah diarsipkan: pilih channel lain untuk tim ini.",
    },
    "home.jobs.hint.inactive": {
        "en": "The rep's Slack account is deactivated.",
        "id": "Akun Slack rep ini sudah dinonaktifkan.",
    },
    "home.jobs.hint.scope": {
        "en": "Reinstall the app with the scopes in manifest.yml.",
        "id": "Pasang ulang aplikasi dengan scope yang ada di manifest.yml.",
    },
    "home.jobs.hint.unreachable": {
        "en": "Slack never answered (network, DNS or a timeout on Corong's side): ask whoever "
        "runs Corong to check its connection to Slack.",
        "id": "Slack tidak pernah menjawab (jaringan, DNS atau batas waktu di sisi Corong): "
        "minta pengelola Corong memeriksa koneksinya ke Slack.",
    },
    "home.jobs.hint.expired": {
        "en": "Its time had passed before it could go out (Corong was down or still retrying).",
        "id": "Waktunya sudah lewat sebelum sempat terkirim (Corong mati atau masih mencoba "
        "ulang).",
    },
    "home.jobs.more": {
        "en": "… and {count} more: `corong jobs status` lists them all.",
        "id": "… dan {count} lainnya: `corong jobs status` menampilkan semuanya.",
    },
    "home.jobs.retrying": {
        "en": ":hourglass_flowing_sand: {count} other post(s) did not get through yet (Slack "
        "busy or out of reach) and will be retried on their own: nothing to do yet.",
        "id": ":hourglass_flowing_sand: {count} postingan lain belum tembus (Slack sibuk atau "
        "tidak terjangkau) dan akan dicoba ulang otomatis: belum perlu tindakan.",
    },
}
