"""What the bot says in its own posts: the morning nudge, the standup and the weekly digest.

Keys start with ``jobs.`` so they never collide with the answers of the nudge buttons. English
has a ``_one`` variant where a count of one reads differently; Indonesian does not inflect.
Placeholders arrive formatted (numbers grouped, dates and money for the locale, user text
escaped), so templates only place them.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # --- shared ------------------------------------------------------------------------------
    "jobs.days": {"en": "{count} days", "id": "{count} hari"},
    "jobs.days_one": {"en": "1 day", "id": "1 hari"},
    "jobs.work_days": {"en": "{count} work days", "id": "{count} hari kerja"},
    "jobs.work_days_one": {"en": "1 work day", "id": "1 hari kerja"},
    # --- the morning nudge -------------------------------------------------------------------
    "jobs.nudge.intro": {
        "en": "Good morning! *{count} deals need you today* ({day})",
        "id": "Selamat pagi! *{count} deal perlu tindakan Anda hari ini* ({day})",
    },
    "jobs.nudge.intro_one": {
        "en": "Good morning! *1 deal needs you today* ({day})",
        "id": "Selamat pagi! *1 deal perlu tindakan Anda hari ini* ({day})",
    },
    "jobs.nudge.intro_calls_only": {
        "en": "Good morning! No deal needs you today ({day}).",
        "id": "Selamat pagi! Hari ini ({day}) tidak ada deal yang perlu tindakan.",
    },
    "jobs.nudge.progress": {"en": "{count} handled", "id": "{count} sudah ditangani"},
    "jobs.nudge.all_done": {
        "en": ":tada: *All done for today* ({day}). Nice work!",
        "id": ":tada: *Semua beres untuk hari ini* ({day}). Kerja bagus!",
    },
    "jobs.nudge.fallback": {
        "en": "{count} deals need you today: {deals}",
        "id": "{count} deal perlu tindakan Anda hari ini: {deals}",
    },
    "jobs.nudge.fallback_one": {
        "en": "1 deal needs you today: {deals}",
        "id": "1 deal perlu tindakan Anda hari ini: {deals}",
    },
    "jobs.nudge.calls": {
        "en": "Calls on {day}: {count} of {target}",
        "id": "Telepon pada {day}: {count} dari {target}",
    },
    "jobs.nudge.calls_no_target": {
        "en": "Calls on {day}: {count}",
        "id": "Telepon pada {day}: {count}",
    },
    "jobs.nudge.reason.overdue": {
        "en": "Next step overdue by {days}: {step}",
        "id": "Langkah berikutnya terlambat {days}: {step}",
    },
    "jobs.nudge.reason.overdue_no_step": {
        "en": "Next step overdue by {days}",
        "id": "Langkah berikutnya terlambat {days}",
    },
    "jobs.nudge.reason.due_today": {
        "en": "Due today: {step}",
        "id": "Jatuh tempo hari ini: {step}",
    },
    "jobs.nudge.reason.due_today_no_step": {
        "en": "Next step due today",
        "id": "Langkah berikutnya jatuh tempo hari ini",
    },
    "jobs.nudge.reason.uncontacted": {
        "en": "Not contacted yet (added {days} ago)",
        "id": "Belum dihubungi (ditambahkan {days} lalu)",
    },
    "jobs.nudge.reason.stuck": {
        "en": "In {stage} for {days}",
        "id": "Di tahap {stage} selama {days}",
    },
    "jobs.nudge.reason.stale": {
        "en": "No activity for {days}",
        "id": "Tidak ada aktivitas selama {days}",
    },
    "jobs.nudge.reason.no_bant": {
        "en": "No qualifying BANT",
        "id": "Belum ada BANT yang lolos kualifikasi",
    },
    "jobs.nudge.done.call": {"en": "Call logged", "id": "Telepon dicatat"},
    "jobs.nudge.done.snoozed": {"en": "Snoozed until {day}", "id": "Ditunda sampai {day}"},
    "jobs.nudge.done.snoozed_no_day": {"en": "Snoozed", "id": "Ditunda"},
    "jobs.nudge.done.moved": {"en": "Moved to {stage}", "id": "Dipindah ke {stage}"},
    "jobs.nudge.done.won": {"en": "Marked won", "id": "Ditandai menang"},
    "jobs.nudge.done.lost": {"en": "Marked lost", "id": "Ditandai kalah"},
    "jobs.nudge.done.bant": {"en": "BANT recorded", "id": "BANT tercatat"},
    "jobs.nudge.done.other": {"en": "Done", "id": "Selesai"},
    "jobs.nudge.move_placeholder": {"en": "Move to…", "id": "Pindah ke…"},
    "jobs.nudge.snooze_days": {"en": "Snooze {count} days", "id": "Tunda {count} hari"},
    "jobs.nudge.snooze_days_one": {"en": "Snooze 1 day", "id": "Tunda 1 hari"},
    "jobs.nudge.lost_confirm_title": {"en": "Mark as lost?", "id": "Tandai kalah?"},
    "jobs.nudge.lost_confirm_text": {
        "en": "{ref} {name} will be closed as lost. `/sales undo` reverts it.",
        "id": "{ref} {name} akan ditutup sebagai kalah. `/sales undo` membatalkannya.",
    },
    "jobs.nudge.more_home": {
        "en": "… and {count} more in your <{url}|App Home>.",
        "id": "… dan {count} lainnya di <{url}|App Home> Anda.",
    },
    "jobs.nudge.more": {
        "en": "… and {count} more: open Corong's App Home to see them all.",
        "id": "… dan {count} lainnya: buka App Home Corong untuk melihat semuanya.",
    },
    # --- the standup -------------------------------------------------------------------------
    "jobs.standup.title": {"en": "Standup · {team} · {day}", "id": "Standup · {team} · {day}"},
    "jobs.standup.subtitle": {
        "en": "Each rep's plan for today (next steps due) and what happened on {since}.",
        "id": "Rencana tiap sales hari ini (langkah berikutnya yang jatuh tempo) dan apa yang "
        "terjadi pada {since}.",
    },
    "jobs.standup.plan": {"en": "Today", "id": "Hari ini"},
    "jobs.standup.overdue": {"en": "overdue {days}", "id": "telat {days}"},
    "jobs.standup.plan_more": {"en": "+{count} more", "id": "+{count} lainnya"},
    "jobs.standup.no_plan": {"en": "nothing due today", "id": "tidak ada yang jatuh tempo"},
    "jobs.standup.calls": {"en": "{count} calls", "id": "{count} telepon"},
    "jobs.standup.calls_one": {"en": "1 call", "id": "1 telepon"},
    "jobs.standup.moves": {"en": "moves", "id": "perpindahan tahap"},
    "jobs.standup.move_new": {"en": "new in {stage}", "id": "baru di {stage}"},
    "jobs.standup.idle": {
        "en": "nothing planned, no activity on {since}",
        "id": "tidak ada rencana, tidak ada aktivitas pada {since}",
    },
    "jobs.standup.more_reps": {
        "en": "… and {count} more reps",
        "id": "… dan {count} sales lainnya",
    },
    "jobs.standup.no_reps": {
        "en": "This team has no reps yet: `/sales team add @name` adds one.",
        "id": "Tim ini belum punya sales: `/sales team tambah @nama` untuk menambahkan.",
    },
    "jobs.standup.closing": {
        "en": ":speech_balloon: Reply in this thread with your plan for today and anything "
        "blocking you.",
        "id": ":speech_balloon: Balas di thread ini dengan rencana Anda hari ini dan kendala "
        "yang dihadapi.",
    },
    "jobs.standup.fallback": {
        "en": "Standup for {team} ({day}): {count} next steps due today",
        "id": "Standup {team} ({day}): {count} langkah berikutnya jatuh tempo hari ini",
    },
    # --- the weekly digest -------------------------------------------------------------------
    "jobs.digest.title": {
        "en": "Weekly digest · {team} · {period}",
        "id": "Ringkasan mingguan · {team} · {period}",
    },
    "jobs.digest.details_title": {
        "en": "Details · {team} · {period}",
        "id": "Rincian · {team} · {period}",
    },
    "jobs.digest.funnel_empty": {
        "en": "no deals created in the {days} days to the week's end",
        "id": "belum ada deal yang dibuat dalam {days} hari sampai akhir minggu",
    },
    "jobs.digest.leak": {
        "en": "Leak: {stage} → {next_stage} converts {conversion}",
        "id": "Kebocoran: {stage} → {next_stage} konversinya {conversion}",
    },
    "jobs.digest.no_leak": {
        "en": "No leak: every stage converts at or above its benchmark",
        "id": "Tidak ada kebocoran: semua tahap mencapai acuannya",
    },
    "jobs.digest.bookings": {
        "en": "{count} won · {value} · {growth} vs last week ({previous})",
        "id": "{count} menang · {value} · {growth} dibanding minggu lalu ({previous})",
    },
    "jobs.digest.bookings_no_growth": {
        "en": "{count} won · {value} (nothing booked the week before)",
        "id": "{count} menang · {value} (minggu sebelumnya tidak ada penjualan)",
    },
    "jobs.digest.calls_total": {"en": "{count} in total", "id": "total {count}"},
    "jobs.digest.calls_below": {
        "en": "{count} of {reps} reps below target ({target} each)",
        "id": "{count} dari {reps} sales di bawah target ({target} per sales)",
    },
    "jobs.digest.calls_all_at_target": {
        "en": "all {reps} reps at target ({target} each)",
        "id": "semua {reps} sales mencapai target ({target} per sales)",
    },
    "jobs.digest.win_rate": {
        "en": "{rate} ({won} won, {lost} lost)",
        "id": "{rate} ({won} menang, {lost} kalah)",
    },
    "jobs.digest.cycle": {
        "en": "{days} median over {count} won deals",
        "id": "median {days} dari {count} deal menang",
    },
    "jobs.digest.bottleneck": {
        "en": "{stage}, {days} median",
        "id": "{stage}, median {days}",
    },
    "jobs.digest.lead_response": {
        "en": "{hours} median · {awaiting} leads still waiting",
        "id": "median {hours} · {awaiting} prospek masih menunggu",
    },
    "jobs.digest.hygiene_clear": {"en": "all clear", "id": "aman"},
    "jobs.digest.hygiene.stale": {"en": "{count} stale", "id": "{count} terbengkalai"},
    "jobs.digest.hygiene.overdue": {
        "en": "{count} overdue next steps",
        "id": "{count} langkah berikutnya terlambat",
    },
    "jobs.digest.hygiene.overdue_one": {
        "en": "1 overdue next step",
        "id": "1 langkah berikutnya terlambat",
    },
    "jobs.digest.hygiene.uncontacted_one": {
        "en": "1 new lead not contacted",
        "id": "1 prospek baru belum dihubungi",
    },
    "jobs.digest.hygiene.stuck": {"en": "{count} stuck", "id": "{count} tertahan"},
    "jobs.digest.hygiene.uncontacted": {
        "en": "{count} new leads not contacted",
        "id": "{count} prospek baru belum dihubungi",
    },
    "jobs.digest.hygiene.missing_bant": {
        "en": "{count} without BANT",
        "id": "{count} tanpa BANT",
    },
    "jobs.digest.hygiene.pile_up": {
        "en": "pile-up: {share} in {stage}",
        "id": "penumpukan: {share} di {stage}",
    },
    "jobs.digest.moved": {
        "en": "Due on {day}, a day off ({name}): posted on the next work day.",
        "id": "Jadwalnya {day}, hari libur ({name}): dikirim di hari kerja berikutnya.",
    },
    "jobs.digest.footer": {
        "en": ":thread: Chart and details in the thread.",
        "id": ":thread: Grafik dan rinciannya ada di thread.",
    },
    "jobs.digest.fallback": {
        "en": "{title}: {won} won, bookings {growth} vs last week",
        "id": "{title}: {won} menang, penjualan {growth} dibanding minggu lalu",
    },
    "jobs.digest.fallback_no_growth": {
        "en": "{title}: {won} won",
        "id": "{title}: {won} menang",
    },
}
