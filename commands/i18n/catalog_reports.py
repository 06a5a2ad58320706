"""Labels of the funnel report's metrics, shared by the terminal report, the chart, ``/funnel``
and the weekly digest.

Labels are short and free of Slack or terminal markup so every renderer can use them as they
are; the Indonesian is the wording Indonesian sales teams use (``deal``, ``pipeline`` and
``closing`` stay as loanwords, as they do in those teams).
"""

MESSAGES: dict[str, dict[str, str]] = {
    # --- titles and scope -------------------------------------------------------------------
    "report.title": {"en": "Funnel report", "id": "Laporan funnel"},
    "report.chart_title": {"en": "Sales funnel", "id": "Funnel penjualan"},
    "report.scope.workspace": {"en": "Whole workspace", "id": "Seluruh workspace"},
    "report.scope.team": {"en": "Team {team}", "id": "Tim {team}"},
    "report.scope.reps": {"en": "{count} reps", "id": "{count} sales"},
    "report.as_of": {"en": "as of {moment}", "id": "per {moment}"},
    # --- periods -----------------------------------------------------------------------------
    "report.period.week": {"en": "This week", "id": "Minggu ini"},
    "report.period.last_week": {"en": "Last week", "id": "Minggu lalu"},
    "report.period.month": {"en": "This month", "id": "Bulan ini"},
    "report.period.last_month": {"en": "Last month", "id": "Bulan lalu"},
    "report.period.week_of": {"en": "Week of {day}", "id": "Minggu {day}"},
    "report.period.range": {"en": "{start} – {end}", "id": "{start} – {end}"},
    "report.period.calendar_quarter": {"en": "Q{quarter} {year}", "id": "Kuartal {quarter} {year}"},
    # --- a period chosen by its days (/funnel 2026-10-01..2026-12-31, --from/--to) -----------
    "period.bad_day": {
        "en": "“{text}” is not a date I can read: write dates as YYYY-MM-DD, like 2026-10-01.",
        "id": "“{text}” bukan tanggal yang bisa saya baca: tulis tanggal sebagai YYYY-MM-DD, "
        "misalnya 2026-10-01.",
    },
    "period.range_form": {
        "en": "“{text}” is not a date range: write its first and last day joined by two dots, "
        "like 2026-10-01..2026-12-31.",
        "id": "“{text}” bukan rentang tanggal: tulis hari pertama dan terakhirnya dihubungkan "
        "dua titik, misalnya 2026-10-01..2026-12-31.",
    },
    "period.backwards": {
        "en": "That range ends on {last}, before it starts on {first}: put the earlier day first.",
        "id": "Rentang itu berakhir pada {last}, sebelum mulainya pada {first}: tulis hari yang "
        "lebih awal dulu.",
    },
    "period.too_long": {
        "en": "That range covers {days} days; a report covers at most {limit} days (two years).",
        "id": "Rentang itu mencakup {days} hari; satu laporan paling banyak mencakup {limit} "
        "hari (dua tahun).",
    },
    # --- sections ----------------------------------------------------------------------------
    "report.section.funnel": {"en": "Funnel", "id": "Funnel"},
    "report.section.outcomes": {"en": "Outcomes", "id": "Hasil"},
    "report.section.activity": {"en": "Activity", "id": "Aktivitas"},
    "report.section.speed": {"en": "Speed", "id": "Kecepatan"},
    "report.section.hygiene": {"en": "Hygiene", "id": "Kesehatan pipeline"},
    "report.section.forecast": {"en": "Forecast", "id": "Proyeksi"},
    # --- columns -----------------------------------------------------------------------------
    "report.column.stage": {"en": "Stage", "id": "Tahap"},
    "report.column.open": {"en": "Open", "id": "Aktif"},
    "report.column.value": {"en": "Value", "id": "Nilai"},
    "report.column.entered": {"en": "Entered", "id": "Masuk"},
    "report.column.reached": {"en": "Reached", "id": "Mencapai"},
    "report.column.conversion": {"en": "Conversion", "id": "Konversi"},
    "report.column.benchmark": {"en": "Benchmark", "id": "Acuan"},
    "report.column.rep": {"en": "Rep", "id": "Sales"},
    # Beside a manager's name where a report lists people: their calls, not a rep's.
    "report.manager_mark": {"en": "(manager)", "id": "(manajer)"},
    "report.column.calls": {"en": "Calls", "id": "Telepon"},
    "report.column.target": {"en": "Target", "id": "Target"},
    "report.column.median": {"en": "Median", "id": "Median"},
    "report.column.stays": {"en": "Stays", "id": "Jumlah deal"},
    "report.column.win_rate": {"en": "Win rate", "id": "Tingkat kemenangan"},
    "report.column.closed": {"en": "Won / closed", "id": "Menang / selesai"},
    # --- funnel ------------------------------------------------------------------------------
    "report.leak": {"en": "Leak", "id": "Kebocoran"},
    "report.leak_at": {"en": "Biggest leak: {stage}", "id": "Kebocoran terbesar: {stage}"},
    "report.no_leak": {
        "en": "No stage converts below its benchmark",
        "id": "Tidak ada tahap yang konversinya di bawah acuan",
    },
    "report.cohort": {
        "en": "Conversion over deals created in the {days} days to the period's end: {size}, "
        "of which {won} won",
        "id": "Konversi dihitung dari deal yang dibuat dalam {days} hari sampai akhir periode: "
        "{size}, {won} di antaranya menang",
    },
    "report.vs_benchmark": {
        "en": "{conversion} (benchmark {benchmark})",
        "id": "{conversion} (acuan {benchmark})",
    },
    "report.below_benchmark": {"en": "below benchmark", "id": "di bawah acuan"},
    "report.open_now": {"en": "{count} open now", "id": "{count} aktif saat ini"},
    # --- outcomes ----------------------------------------------------------------------------
    "report.bookings": {"en": "Bookings", "id": "Penjualan"},
    "report.won_deals": {"en": "{count} won", "id": "{count} menang"},
    "report.lost": {"en": "Lost", "id": "Kalah"},
    "report.win_rate": {"en": "Win rate", "id": "Tingkat kemenangan"},
    "report.growth": {"en": "Growth", "id": "Pertumbuhan"},
    "report.previous_bookings": {
        "en": "previous period {value}",
        "id": "periode sebelumnya {value}",
    },
    # --- activity ----------------------------------------------------------------------------
    "report.calls_per_rep": {
        "en": "Calls per rep vs target",
        "id": "Telepon per sales vs target",
    },
    "report.calls_target": {
        "en": "target {target} per rep, work days: {days}",
        "id": "target {target} per sales, hari kerja: {days}",
    },
    "report.followups_per_deal": {"en": "Follow-ups per deal", "id": "Tindak lanjut per deal"},
    "report.followups_detail": {
        "en": "activities: {activities}, deals: {deals}",
        "id": "aktivitas: {activities}, deal: {deals}",
    },
    # --- speed -------------------------------------------------------------------------------
    "report.sales_cycle": {"en": "Sales cycle", "id": "Siklus penjualan"},
    "report.sales_cycle_detail": {
        "en": "median; won deals: {count}",
        "id": "median; deal menang: {count}",
    },
    "report.time_in_stage": {"en": "Time in stage", "id": "Waktu di tiap tahap"},
    "report.bottleneck": {"en": "Bottleneck", "id": "Hambatan terbesar"},
    "report.lead_response": {"en": "Lead response time", "id": "Waktu respons prospek"},
    "report.lead_response_detail": {
        "en": "median; contacted: {count}, awaiting: {awaiting}",
        "id": "median; sudah dihubungi: {count}, menunggu: {awaiting}",
    },
    "report.days": {"en": "{value} d", "id": "{value} hari"},
    "report.hours": {"en": "{value} h", "id": "{value} jam"},
    # --- hygiene -----------------------------------------------------------------------------
    "report.stale": {"en": "Stale deals", "id": "Deal terbengkalai"},
    "report.overdue": {"en": "Overdue next steps", "id": "Langkah berikutnya terlambat"},
    "report.stuck": {"en": "Stuck in stage", "id": "Tertahan di satu tahap"},
    "report.pile_up": {"en": "Late-stage pile-up", "id": "Penumpukan di tahap akhir"},
    "report.pile_up_detail": {
        "en": "{share} of open deals in {stage}",
        "id": "{share} deal aktif ada di {stage}",
    },
    "report.pile_up_share_in": {
        "en": "of open deals are in {stage}",
        "id": "deal aktif ada di {stage}",
    },
    "report.pile_up_flag": {"en": "too many", "id": "terlalu banyak"},
    "report.uncontacted": {
        "en": "New leads not contacted within a day",
        "id": "Prospek baru belum dihubungi dalam sehari",
    },
    "report.missing_bant": {
        "en": "Past qualification without BANT",
        "id": "Lewat kualifikasi tanpa BANT",
    },
    "report.idle_since": {"en": "no activity since {day}", "id": "tanpa aktivitas sejak {day}"},
    "report.due_on": {"en": "due {day}", "id": "tenggat {day}"},
    "report.in_stage_since": {"en": "in {stage} since {day}", "id": "di {stage} sejak {day}"},
    "report.created_on": {"en": "created {day}", "id": "dibuat {day}"},
    "report.in_stage": {"en": "in {stage}", "id": "di {stage}"},
    "report.more_deals": {"en": "… and {count} more", "id": "… dan {count} lainnya"},
    "report.all_clear": {"en": "all clear", "id": "aman"},
    # --- forecast ----------------------------------------------------------------------------
    "report.weighted_pipeline": {"en": "Weighted pipeline", "id": "Pipeline tertimbang"},
    "report.stage_win_rates": {
        "en": "Win rate by stage reached",
        "id": "Tingkat kemenangan per tahap yang dicapai",
    },
    "report.unweighted": {
        "en": "{count} open deals left out: their stage has no closed deals yet",
        "id": "{count} deal aktif tidak dihitung: tahapnya belum punya deal yang selesai",
    },
    # --- no data -----------------------------------------------------------------------------
    "report.no_data": {"en": "No data yet", "id": "Belum ada data"},
    "report.no_deals": {
        "en": "No deals created in the {days} days to the period's end",
        "id": "Belum ada deal yang dibuat dalam {days} hari sampai akhir periode",
    },
    "report.none": {"en": "none", "id": "tidak ada"},
    "report.not_available": {"en": "–", "id": "–"},
    # --- asking for a report (terminal and Slack) -------------------------------------------
    "report.no_workspace": {
        "en": "This database has no workspace yet: use the bot in Slack or `corong shell` first",
        "id": "Database ini belum punya workspace: pakai bot di Slack atau `corong shell` dulu",
    },
    "report.several_workspaces": {
        "en": "This database holds several workspaces ({workspaces}): choose one with --workspace",
        "id": "Database ini berisi beberapa workspace ({workspaces}): pilih satu dengan "
        "--workspace",
    },
    "report.unknown_workspace": {
        "en": "No workspace {workspace} in this database; workspaces: {workspaces}",
        "id": "Tidak ada workspace {workspace} di database ini; workspace yang ada: {workspaces}",
    },
    "report.unknown_team": {
        "en": "No team called “{team}”; teams: {teams}",
        "id": "Tidak ada tim bernama “{team}”; tim yang ada: {teams}",
    },
    "report.no_teams": {
        "en": "No team called “{team}”: this workspace has no teams yet",
        "id": "Tidak ada tim bernama “{team}”: workspace ini belum punya tim",
    },
    "report.rep_ambiguous": {
        "en": "Several members are called {rep} ({users}): give a Slack user id",
        "id": "Ada beberapa anggota bernama {rep} ({users}): pakai ID user Slack",
    },
    "report.unknown_rep": {
        "en": "No member {rep} in this workspace",
        "id": "Tidak ada anggota {rep} di workspace ini",
    },
    "report.range_needs_both": {
        "en": "--from and --to go together: give both days, like --from 2026-10-01 --to 2026-12-31",
        "id": "--from dan --to dipakai berpasangan: sebutkan kedua harinya, misalnya "
        "--from 2026-10-01 --to 2026-12-31",
    },
    "report.range_or_period": {
        "en": "Choose either --period or --from and --to, not both",
        "id": "Pilih --period atau --from dan --to, jangan keduanya",
    },
    "report.written": {"en": "Wrote {path}", "id": "Tersimpan di {path}"},
    "report.cannot_write": {
        "en": "Cannot write {path}: {reason}",
        "id": "Tidak bisa menulis {path}: {reason}",
    },
    "report.png_needs_output": {
        "en": "A PNG chart needs --output FILE (or a pipe, not a terminal)",
        "id": "Grafik PNG butuh --output FILE (atau pipe, bukan terminal)",
    },
}
