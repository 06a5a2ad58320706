"""The forecast call: ``/forecast``, its modal, the roll-up, accuracy, the App Home and digest
sections."""

MESSAGES: dict[str, dict[str, str]] = {
    "help.forecast": {
        "en": "your commit and best case for this month or quarter (opens a form)",
        "id": "komitmen dan skenario terbaik Anda untuk bulan atau kuartal ini (membuka formulir)",
    },
    "help.forecast_team": {
        "en": "the roll-up of your teams' forecasts: commit, best case, weighted pipeline, "
        "booked, quota, the change since last week and accuracy",
        "id": "rekap proyeksi tim Anda: komitmen, skenario terbaik, pipeline tertimbang, "
        "terjual, kuota, perubahan sejak minggu lalu dan akurasi",
    },
    "example.forecast_team": {"en": "/forecast team", "id": "/forecast tim"},
    "forecast.usage": {
        "en": "Type `/forecast` for your own forecast or `/forecast team` for your teams' roll-up.",
        "id": "Ketik `/forecast` untuk proyeksi Anda atau `/forecast tim` untuk rekap tim Anda.",
    },
    "forecast.unknown_team": {
        "en": "There is no team called “{text}”.",
        "id": "Tidak ada tim bernama “{text}”.",
    },
    "forecast.team_not_yours": {
        "en": "Team {team}'s forecast roll-up is for its managers and admins ({admins}). "
        "Your own forecast: `/forecast`.",
        "id": "Rekap proyeksi tim {team} hanya untuk manajernya dan admin ({admins}). "
        "Proyeksi Anda sendiri: `/forecast`.",
    },
    "forecast.managers_only": {
        "en": "The forecast roll-up is for team managers, and you manage no team. Your own "
        "forecast: `/forecast`.",
        "id": "Rekap proyeksi untuk manajer tim, dan Anda tidak mengelola tim. Proyeksi Anda "
        "sendiri: `/forecast`.",
    },
    "forecast.no_teams": {
        "en": "There are no teams yet, so there is nothing to roll up.",
        "id": "Belum ada tim, jadi belum ada yang bisa direkap.",
    },
    "forecast.currency": {
        "en": "Forecasts are in {currency}, the workspace's currency, not {other}.",
        "id": "Proyeksi memakai {currency}, mata uang workspace, bukan {other}.",
    },
    "forecast.commit_missing": {
        "en": "Say what you commit to book this period.",
        "id": "Sebutkan berapa yang Anda komitmenkan terjual periode ini.",
    },
    "forecast.best_case_missing": {
        "en": "Say your best case for this period.",
        "id": "Sebutkan skenario terbaik Anda untuk periode ini.",
    },
    "forecast.commit_over_best": {
        "en": "Your commit ({commit}) is more than your best case ({best_case}): the commit "
        "is what you are sure of, so it can be at most the best case.",
        "id": "Komitmen Anda ({commit}) lebih besar dari skenario terbaik ({best_case}): "
        "komitmen adalah yang Anda yakini, jadi paling besar sama dengan skenario terbaik.",
    },
    "forecast.period_over": {
        "en": "The period starting {first} has ended: nothing was saved. Open your forecast "
        "again for the period under way.",
        "id": "Periode yang mulai {first} sudah berakhir: tidak ada yang disimpan. Buka lagi "
        "proyeksi Anda untuk periode yang sedang berjalan.",
    },
    "field.label.forecast_note": {"en": "note", "id": "catatan"},
    # the period a forecast is for
    "forecast.quarter": {"en": "Q{number} {year}", "id": "K{number} {year}"},
    # the modal
    "forecast.modal_title": {"en": "Your forecast", "id": "Proyeksi Anda"},
    "forecast.modal_submit": {"en": "Submit", "id": "Kirim"},
    "forecast.modal_heading": {
        "en": "*Your forecast for {period}*",
        "id": "*Proyeksi Anda untuk {period}*",
    },
    "forecast.weighted_now": {
        "en": "Your weighted pipeline this week: *{amount}*",
        "id": "Pipeline tertimbang Anda minggu ini: *{amount}*",
    },
    "forecast.submitted_before": {
        "en": "You last submitted this period's forecast on {moment}; its figures are filled in.",
        "id": "Proyeksi periode ini terakhir Anda kirim {moment}; angkanya sudah terisi.",
    },
    "forecast.filled_from_latest": {
        "en": "Filled in from your latest forecast.",
        "id": "Terisi dari proyeksi terakhir Anda.",
    },
    "forecast.commit": {"en": "Commit", "id": "Komitmen"},
    "forecast.commit_hint": {
        "en": "What you are sure to book this period, e.g. 500jt or 1,5 miliar. Weighted "
        "pipeline this week: {amount}.",
        "id": "Yang pasti Anda jual periode ini, misalnya 500jt atau 1,5 miliar. Pipeline "
        "tertimbang minggu ini: {amount}.",
    },
    "forecast.best_case": {"en": "Best case", "id": "Skenario terbaik"},
    "forecast.best_case_hint": {
        "en": "What you could book if the deals in play close: at least the commit.",
        "id": "Yang bisa Anda jual bila deal yang berjalan berhasil: minimal sebesar komitmen.",
    },
    "forecast.note": {"en": "Note", "id": "Catatan"},
    "forecast.note_placeholder": {
        "en": "Which deals the commit rests on, what could move it",
        "id": "Deal mana yang jadi dasar komitmen, apa yang bisa mengubahnya",
    },
    # accuracy
    "forecast.accuracy.month": {
        "en": "Last {count} months: {share} of commit booked on average",
        "id": "{count} bulan terakhir: rata-rata {share} dari komitmen terjual",
    },
    "forecast.accuracy.quarter": {
        "en": "Last {count} quarters: {share} of commit booked on average",
        "id": "{count} kuartal terakhir: rata-rata {share} dari komitmen terjual",
    },
    "forecast.accuracy_no_commit": {
        "en": "No ended period with a commit yet, so no accuracy to show.",
        "id": "Belum ada periode selesai dengan komitmen, jadi akurasi belum ada.",
    },
    "forecast.accuracy_period": {
        "en": "{period}: {booked} of {commit} ({share})",
        "id": "{period}: {booked} dari {commit} ({share})",
    },
    "forecast.accuracy_period_none": {
        "en": "{period}: {booked}, no forecast",
        "id": "{period}: {booked}, tanpa proyeksi",
    },
    "forecast.accuracy_definition": {
        "en": "Accuracy: booked ÷ commit in each ended period, averaged over the periods that "
        "had a commit.",
        "id": "Akurasi: terjual ÷ komitmen di tiap periode yang selesai, dirata-rata atas "
        "periode yang punya komitmen.",
    },
    # the confirmation
    "forecast.saved": {
        "en": "Forecast for {period} saved: commit *{commit}*, best case *{best_case}*.",
        "id": "Proyeksi untuk {period} tersimpan: komitmen *{commit}*, skenario terbaik "
        "*{best_case}*.",
    },
    "forecast.saved_weighted": {
        "en": "Your weighted pipeline now: {amount}.",
        "id": "Pipeline tertimbang Anda sekarang: {amount}.",
    },
    "forecast.saved_change": {
        "en": "Your commit was {previous}; it changed by {change}.",
        "id": "Komitmen Anda sebelumnya {previous}; berubah {change}.",
    },
    # the roll-up
    "forecast.rollup_title": {"en": "Forecast roll-up", "id": "Rekap proyeksi"},
    "forecast.rollup_team": {
        "en": "*{team}* · {period} · {submitted} of {reps} submitted",
        "id": "*{team}* · {period} · {submitted} dari {reps} sudah mengirim",
    },
    "forecast.rollup_no_reps": {
        "en": "Team {team} has no reps yet.",
        "id": "Tim {team} belum punya anggota.",
    },
    "forecast.rollup_explained": {
        "en": "Change: the commit now against the latest one before Monday. Accuracy: booked "
        "÷ commit, averaged over the last 6 ended periods that had one.",
        "id": "Perubahan: komitmen sekarang dibanding yang terakhir sebelum Senin. Akurasi: "
        "terjual ÷ komitmen, dirata-rata atas 6 periode selesai terakhir yang punya komitmen.",
    },
    "forecast.col.rep": {"en": "Rep", "id": "Anggota"},
    "forecast.col.commit": {"en": "Commit", "id": "Komitmen"},
    "forecast.col.best_case": {"en": "Best case", "id": "Terbaik"},
    "forecast.col.weighted": {"en": "Weighted", "id": "Tertimbang"},
    "forecast.col.booked": {"en": "Booked", "id": "Terjual"},
    "forecast.col.quota": {"en": "Quota", "id": "Kuota"},
    "forecast.col.change": {"en": "Change", "id": "Perubahan"},
    "forecast.col.accuracy": {"en": "Accuracy", "id": "Akurasi"},
    "forecast.not_submitted": {"en": "not submitted", "id": "belum mengirim"},
    "forecast.new": {"en": "new", "id": "baru"},
    "forecast.away": {"en": "{name} (away)", "id": "{name} (cuti)"},
    "forecast.total": {"en": "{team} total", "id": "Total {team}"},
    # the App Home and the digest
    "forecast.home_title": {"en": "*Forecast · {period}*", "id": "*Proyeksi · {period}*"},
    "forecast.home_mine": {
        "en": "Commit *{commit}* · best case *{best_case}* · weighted pipeline {weighted}",
        "id": "Komitmen *{commit}* · skenario terbaik *{best_case}* · pipeline tertimbang "
        "{weighted}",
    },
    "forecast.home_none": {
        "en": "You have not forecast {period} yet. Weighted pipeline: {weighted}.",
        "id": "Anda belum mengirim proyeksi {period}. Pipeline tertimbang: {weighted}.",
    },
    "forecast.home_update": {"en": "Update forecast", "id": "Perbarui proyeksi"},
    "forecast.home_submit": {"en": "Submit forecast", "id": "Kirim proyeksi"},
    "forecast.digest_title": {
        "en": "*Forecast · {period}* · {submitted} of {reps} submitted",
        "id": "*Proyeksi · {period}* · {submitted} dari {reps} sudah mengirim",
    },
}
