"""Messages for the funnel report's settings (``/sales targets``, ``/sales benchmark``), English
and Indonesian."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- /sales targets
    "settings.targets_title": {
        "en": "Funnel report settings",
        "id": "Pengaturan laporan funnel",
    },
    "settings.targets_saved": {
        "en": "Funnel report settings saved",
        "id": "Pengaturan laporan funnel disimpan",
    },
    "settings.calls_label": {"en": "Calls target", "id": "Target telepon"},
    "settings.calls_value": {
        "en": "{count} per rep each work day",
        "id": "{count} per sales setiap hari kerja",
    },
    "settings.stale_label": {"en": "Stale after", "id": "Dianggap basi setelah"},
    "settings.stale_value": {
        "en": "{count} work days without activity",
        "id": "{count} hari kerja tanpa aktivitas",
    },
    "settings.stale_value_one": {
        "en": "{count} work day without activity",
        "id": "{count} hari kerja tanpa aktivitas",
    },
    "settings.pile_up_label": {"en": "Pile-up warning", "id": "Peringatan penumpukan"},
    "settings.pile_up_value": {
        "en": "over {share} of open deals in {stage}",
        "id": "lebih dari {share} deal aktif ada di tahap {stage}",
    },
    "settings.cohort_label": {"en": "Conversion cohort", "id": "Kohort konversi"},
    "settings.cohort_value": {
        "en": "deals created in the last {count} days",
        "id": "deal yang dibuat dalam {count} hari terakhir",
    },
    "settings.work_days_label": {"en": "Work days", "id": "Hari kerja"},
    "settings.benchmark_label": {"en": "Benchmark", "id": "Patokan (benchmark)"},
    "settings.benchmark_none": {"en": "none set", "id": "belum diatur"},
    "settings.targets_change_hint": {
        "en": "Change them with {example}; /sales undo takes a change back.",
        "id": "Ubah dengan {example}; /sales undo membatalkan perubahan.",
    },
    "settings.admins_hint": {
        "en": "Only admins can change these settings: Slack workspace admins and owners, and "
        "anyone they name with `/sales admin add`.",
        "id": "Hanya admin yang bisa mengubah pengaturan ini: admin dan pemilik workspace Slack, "
        "serta yang mereka tunjuk dengan `/sales admin tambah`.",
    },
    # --- /sales benchmark
    "settings.benchmark_shown": {
        "en": "Benchmark for the {preset} pipeline",
        "id": "Patokan untuk pipeline {preset}",
    },
    "settings.benchmark_saved": {
        "en": "Benchmark saved for the {preset} pipeline",
        "id": "Patokan untuk pipeline {preset} disimpan",
    },
    "settings.benchmark_cleared": {
        "en": "The {preset} pipeline is back on the default benchmark",
        "id": "Pipeline {preset} kembali memakai patokan bawaan",
    },
    "settings.benchmark_conversions": {
        "en": "Expected conversion: {steps}",
        "id": "Konversi yang diharapkan: {steps}",
    },
    "settings.benchmark_source_custom": {
        "en": "Set by an admin of this workspace; the funnel report compares each stage with it.",
        "id": "Diatur oleh admin workspace ini; laporan funnel membandingkan setiap tahap "
        "dengan patokan ini.",
    },
    "settings.benchmark_source_default": {
        "en": "The industry default; the funnel report compares each stage with it.",
        "id": "Patokan bawaan industri; laporan funnel membandingkan setiap tahap dengannya.",
    },
    "settings.benchmark_source_none": {
        "en": "None set: the funnel report shows conversions without a benchmark to compare "
        "them with.",
        "id": "Belum diatur: laporan funnel menampilkan konversi tanpa patokan pembanding.",
    },
    "settings.benchmark_unused": {
        "en": "The saved benchmark {ratio} has {given} numbers but this pipeline has {count} "
        "open stages, so the funnel report does not use it.",
        "id": "Patokan tersimpan {ratio} berisi {given} angka, sedangkan pipeline ini punya "
        "{count} tahap aktif, jadi laporan funnel tidak memakainya.",
    },
    "settings.benchmark_change_hint": {
        "en": "Set one number per stage with {example}; {reset} goes back to the default.",
        "id": "Atur satu angka per tahap dengan {example}; {reset} kembali ke bawaan.",
    },
    # --- problems
    "settings.admins_only": {
        "en": "Only admins can change the funnel report settings: ask {admins}. "
        "Nothing was changed.",
        "id": "Hanya admin yang bisa mengubah pengaturan laporan funnel: minta ke {admins}. "
        "Tidak ada yang diubah.",
    },
    "settings.whole_number": {
        "en": "\u201c{option}:{text}\u201d needs a whole number from {low} to {high}. "
        "Nothing was changed.",
        "id": "\u201c{option}:{text}\u201d harus bilangan bulat dari {low} sampai {high}. "
        "Tidak ada yang diubah.",
    },
    "settings.share": {
        "en": "\u201c{option}:{text}\u201d needs a share of open deals from {low} to {high}, "
        "like 40% or 0.4. Nothing was changed.",
        "id": "\u201c{option}:{text}\u201d harus persentase deal aktif dari {low} sampai {high}, "
        "misalnya 40% atau 0,4. Tidak ada yang diubah.",
    },
    "settings.days": {
        "en": "\u201c{option}:{text}\u201d: \u201c{word}\u201d is not a day of the week. Write "
        "days like mon-fri or mon,wed,fri (senin-jumat works too). Nothing was changed.",
        "id": "\u201c{option}:{text}\u201d: \u201c{word}\u201d bukan nama hari. Tulis harinya "
        "seperti senin-jumat atau senin,rabu,jumat. Tidak ada yang diubah.",
    },
    "settings.benchmark_number": {
        "en": "\u201c{text}\u201d is not a positive number: the benchmark needs a number above "
        "zero for every stage. Nothing was changed.",
        "id": "\u201c{text}\u201d bukan angka positif: patokan butuh angka di atas nol untuk "
        "setiap tahap. Tidak ada yang diubah.",
    },
    "settings.benchmark_count": {
        "en": "The {preset} pipeline has {count} open stages ({stages}) but you gave {given} "
        "numbers: give one per stage, in that order. Nothing was changed.",
        "id": "Pipeline {preset} punya {count} tahap aktif ({stages}), tetapi Anda memberi "
        "{given} angka: beri satu angka per tahap, sesuai urutannya. Tidak ada yang diubah.",
    },
    "settings.benchmark_narrows": {
        "en": "A funnel only narrows: {to_stage} ({later}) cannot expect more deals than "
        "{from_stage} ({earlier}). Nothing was changed.",
        "id": "Funnel selalu menyempit: {to_stage} ({later}) tidak bisa berisi lebih banyak "
        "deal daripada {from_stage} ({earlier}). Tidak ada yang diubah.",
    },
    # --- undo
    "undo.workspace.report_targets": {
        "en": "Undone: the funnel report settings are back as they were.",
        "id": "Dibatalkan: pengaturan laporan funnel kembali seperti semula.",
    },
    "undo.workspace.benchmark": {
        "en": "Undone: the benchmark is back as it was.",
        "id": "Dibatalkan: patokan kembali seperti semula.",
    },
    "undo.report_settings_changed_since": {
        "en": "Another admin changed the funnel report settings after you; undoing now would "
        "lose their change. Nothing was undone.",
        "id": "Admin lain sudah mengubah pengaturan laporan funnel setelah Anda; membatalkan "
        "sekarang akan menghapus perubahan mereka. Tidak ada yang dibatalkan.",
    },
    # --- help
    "help.sales_targets": {
        "en": "Show the funnel report's targets (calls a day, stale days, pile-up warning, "
        "cohort, work days); admins change them, e.g. calls:12 days:mon-sat.",
        "id": "Lihat target laporan funnel (telepon per hari, batas basi, peringatan "
        "penumpukan, kohort, hari kerja); admin bisa mengubahnya, misalnya telepon:12 "
        "hari:senin-sabtu.",
    },
    "help.sales_benchmark": {
        "en": "Show the benchmark ratio of deals per stage (10:5:3:1 for funnel4); admins set "
        "one number per stage, or default to go back.",
        "id": "Lihat patokan rasio deal per tahap (10:5:3:1 untuk funnel4); admin mengatur "
        "satu angka per tahap, atau bawaan untuk kembali ke patokan bawaan.",
    },
}
