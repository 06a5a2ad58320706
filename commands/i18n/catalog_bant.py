"""Messages for BANT qualification (Budget, Authority, Need, Timeline), English and Indonesian."""

MESSAGES: dict[str, dict[str, str]] = {
    "bant.deal_closed": {
        "en": "{ref} {name} is already {status}: BANT qualifies open deals only.",
        "id": "{ref} {name} sudah berstatus {status}: BANT hanya untuk deal yang masih aktif.",
    },
    # --- answers
    "bant.section_budget": {"en": "Budget", "id": "Anggaran (Budget)"},
    "bant.section_authority": {"en": "Authority", "id": "Wewenang (Authority)"},
    "bant.section_need": {"en": "Need", "id": "Kebutuhan (Need)"},
    "bant.section_timeline": {"en": "Timeline", "id": "Waktu (Timeline)"},
    "bant.budget.confirmed": {"en": "Confirmed", "id": "Sudah disetujui"},
    "bant.budget.estimated": {"en": "Estimated", "id": "Perkiraan"},
    "bant.budget.none": {"en": "No budget", "id": "Tidak ada anggaran"},
    "bant.budget.unknown": {"en": "Unknown", "id": "Belum jelas"},
    "bant.authority.decision_maker": {"en": "Decision maker", "id": "Pengambil keputusan"},
    "bant.authority.influencer": {"en": "Influencer", "id": "Influencer (pemberi pengaruh)"},
    "bant.authority.user": {"en": "User", "id": "Pengguna"},
    "bant.authority.unknown": {"en": "Unknown", "id": "Belum jelas"},
    "bant.need.strong": {"en": "Strong", "id": "Kuat"},
    "bant.need.moderate": {"en": "Moderate", "id": "Sedang"},
    "bant.need.weak": {"en": "Weak", "id": "Lemah"},
    "bant.need.none": {"en": "No real need", "id": "Tidak ada kebutuhan nyata"},
    "bant.timeline.within_month": {"en": "Within a month", "id": "Dalam sebulan"},
    "bant.timeline.one_to_three_months": {"en": "1-3 months", "id": "1-3 bulan"},
    "bant.timeline.three_to_six_months": {"en": "3-6 months", "id": "3-6 bulan"},
    "bant.timeline.later": {"en": "Later than 6 months", "id": "Lebih dari 6 bulan"},
    "bant.timeline.unknown": {"en": "Unknown", "id": "Belum jelas"},
    "bant.verdict.qualified": {"en": "Qualified", "id": "Lolos kualifikasi"},
    "bant.verdict.nurture": {"en": "Nurture", "id": "Perlu dibina (nurture)"},
    "bant.verdict.disqualify": {"en": "Disqualified", "id": "Tidak lolos"},
    "bant.mode.strict": {
        "en": "moving past qualification without a qualifying BANT is refused",
        "id": "deal tanpa BANT yang lolos tidak boleh melewati tahap kualifikasi",
    },
    "bant.mode.warn": {
        "en": "moving past qualification without a qualifying BANT gets a warning",
        "id": "deal tanpa BANT yang lolos diberi peringatan saat melewati tahap kualifikasi",
    },
    # --- the form
    "modal.bant_title": {"en": "BANT {ref}", "id": "BANT {ref}"},
    "modal.follow_up_title": {"en": "Follow-up {ref}", "id": "Lanjutan {ref}"},
    "form.bant_budget": {"en": "Is money allocated?", "id": "Apakah anggarannya sudah ada?"},
    "form.bant_budget_value": {"en": "Budget amount", "id": "Nilai anggaran"},
    "form.bant_authority": {
        "en": "Who is our contact?",
        "id": "Siapa kontak kita?",
    },
    "form.bant_authority_name": {"en": "Their name and role", "id": "Nama dan jabatannya"},
    "form.bant_need": {"en": "How real is the need?", "id": "Seberapa nyata kebutuhannya?"},
    "form.bant_need_pain": {
        "en": "The pain, in the buyer's words",
        "id": "Masalahnya (pakai kata-kata pembeli sendiri)",
    },
    "form.bant_timeline": {"en": "When do they intend to buy?", "id": "Kapan mereka mau beli?"},
    "form.bant_timeline_date": {"en": "Or a date", "id": "Atau tanggalnya"},
    "form.bant_timeline_date_hint": {
        "en": "A date overrides the choice above.",
        "id": "Tanggal menggantikan pilihan di atas.",
    },
    "bant.choose": {"en": "Choose one of the answers.", "id": "Pilih salah satu jawaban."},
    "bant.timeline_missing": {
        "en": "Choose when they intend to buy, or give a date.",
        "id": "Pilih kapan mereka mau beli, atau isi tanggalnya.",
    },
    "bant.budget_unit": {
        "en": "\u201c{text}\u201d rupiah is less than any budget: did you mean {number}jt? "
        "Write the unit, e.g. {number}jt or {number} miliar.",
        "id": "\u201c{text}\u201d rupiah terlalu kecil untuk anggaran: maksudnya {number}jt? "
        "Tulis satuannya, misalnya {number}jt atau {number} miliar.",
    },
    "bant.timeline_past": {
        "en": "That date has passed; give the date they now intend to buy, or choose above.",
        "id": "Tanggal itu sudah lewat; isi tanggal rencana beli yang baru, atau pilih di atas.",
    },
    "bant.required_new": {
        "en": "A new deal cannot start past qualification in this workspace: add it in an "
        "earlier stage and run /bant first. Nothing was added.",
        "id": "Deal baru tidak boleh langsung melewati tahap kualifikasi di workspace ini: "
        "tambahkan di tahap awal lalu jalankan /bant. Tidak ada yang ditambahkan.",
    },
    "bant.stale_button": {
        "en": "That button belongs to an older state of {ref} (it moved, closed or was "
        "qualified again since). Nothing changed.",
        "id": "Tombol itu dari keadaan {ref} yang lama (sudah dipindah, ditutup, atau "
        "dikualifikasi ulang). Tidak ada yang berubah.",
    },
    "bant.confirm_lost_title": {"en": "Mark as lost?", "id": "Tandai kalah?"},
    "bant.confirm_lost_text": {
        "en": "{ref} will be closed as lost: disqualified by BANT. /sales undo reopens it.",
        "id": "{ref} akan ditutup sebagai kalah: tidak lolos BANT. /sales undo membukanya lagi.",
    },
    "bant.policy_thresholds": {
        "en": "Thresholds need 0 < nurture < qualified <= 100 (got nurture {nurture}, "
        "qualified {qualified}).",
        "id": "Ambang harus 0 < nurture < lolos <= 100 (sekarang nurture {nurture}, lolos "
        "{qualified}).",
    },
    "undo.settings_changed_since": {
        "en": "Another admin changed the BANT settings after you; undoing now would lose their "
        "change. Nothing was undone.",
        "id": "Admin lain sudah mengubah pengaturan BANT setelah Anda; membatalkan sekarang akan "
        "menghapus perubahan mereka. Tidak ada yang dibatalkan.",
    },
    "bant.usage": {
        "en": "Say which deal to qualify.",
        "id": "Sebutkan deal yang mau dikualifikasi.",
    },
    "bant.form_foreign": {
        "en": "This form no longer matches a deal you can qualify; nothing was saved. "
        "Run /bant again.",
        "id": "Formulir ini tidak lagi cocok dengan deal yang bisa Anda kualifikasi; tidak ada "
        "yang tersimpan. Jalankan /bant lagi.",
    },
    # --- results
    "bant.summary_title": {"en": "BANT for {ref} · {name}", "id": "BANT untuk {ref} · {name}"},
    "bant.score_line": {
        "en": "*Score {score}/100* · *{verdict}*",
        "id": "*Skor {score}/100* · *{verdict}*",
    },
    "bant.version_line": {
        "en": "Qualification number {count} of this deal; earlier ones are kept.",
        "id": "Kualifikasi ke-{count} untuk deal ini; yang sebelumnya tetap disimpan.",
    },
    "bant.card_line": {
        "en": "BANT: {verdict} ({score}/100) on {date}",
        "id": "BANT: {verdict} ({score}/100) pada {date}",
    },
    "history.bant": {"en": "BANT by {actor}", "id": "BANT oleh {actor}"},
    "bant.none_yet": {"en": "BANT: not qualified yet", "id": "BANT: belum dikualifikasi"},
    "bant.warning": {
        "en": "{ref} moved past qualification without a qualifying BANT.",
        "id": "{ref} melewati tahap kualifikasi tanpa BANT yang lolos.",
    },
    "bant.required": {
        "en": "{ref} needs a qualifying BANT before it moves past qualification in this "
        "workspace. Nothing was moved.",
        "id": "{ref} perlu BANT yang lolos sebelum melewati tahap kualifikasi di workspace ini. "
        "Deal tidak dipindah.",
    },
    "bant.disqualified_reason": {
        "en": "Disqualified by BANT",
        "id": "Tidak lolos kualifikasi BANT",
    },
    "follow_up.set": {"en": "Follow-up set on {ref}.", "id": "Tindak lanjut {ref} disimpan."},
    "follow_up.next_missing": {
        "en": "Say what the next step is.",
        "id": "Tulis langkah berikutnya.",
    },
    "undo.bant.submit": {
        "en": "Undone: the latest BANT of {ref} is removed.",
        "id": "Dibatalkan: BANT terakhir {ref} dihapus.",
    },
    "undo.deal.follow_up": {
        "en": "Undone: {ref} has its previous next step again.",
        "id": "Dibatalkan: {ref} kembali ke langkah berikutnya yang lama.",
    },
    "undo.workspace.bant_policy": {
        "en": "Undone: the BANT settings are back as they were.",
        "id": "Dibatalkan: pengaturan BANT kembali seperti semula.",
    },
    # --- buttons
    "button.run_bant": {"en": "Qualify (BANT)", "id": "Kualifikasi (BANT)"},
    "button.move_to": {"en": "Move to {stage}", "id": "Pindah ke {stage}"},
    "button.follow_up": {"en": "Set follow-up", "id": "Atur tindak lanjut"},
    "button.mark_lost": {"en": "Mark lost", "id": "Tandai kalah"},
    # --- settings
    "bant.policy": {
        "en": "BANT weights: budget {budget}, authority {authority}, need {need}, timeline "
        "{timeline}. Qualified from {qualified}, nurture from {nurture}; {mode}.",
        "id": "Bobot BANT: anggaran {budget}, wewenang {authority}, kebutuhan {need}, waktu "
        "{timeline}. Lolos mulai {qualified}, nurture mulai {nurture}; {mode}.",
    },
    "bant.policy_changed": {
        "en": "BANT settings saved. Weights: budget {budget}, authority {authority}, need {need}, "
        "timeline {timeline}. Qualified from {qualified}, nurture from {nurture}; {mode}.",
        "id": "Pengaturan BANT disimpan. Bobot: anggaran {budget}, wewenang {authority}, "
        "kebutuhan {need}, waktu {timeline}. Lolos mulai {qualified}, nurture mulai {nurture}; "
        "{mode}.",
    },
    "bant.policy_admins_only": {
        "en": "Only admins can change the BANT settings: ask {admins}. Nothing was changed.",
        "id": "Hanya admin yang bisa mengubah pengaturan BANT: minta ke {admins}. "
        "Tidak ada yang diubah.",
    },
    "bant.policy_number": {
        "en": "\u201c{key}:{text}\u201d needs a whole number from 0 to 100.",
        "id": "\u201c{key}:{text}\u201d harus bilangan bulat dari 0 sampai 100.",
    },
    "bant.policy_strict": {
        "en": "\u201c{text}\u201d: strict takes on or off.",
        "id": "\u201c{text}\u201d: strict diisi ya atau tidak.",
    },
    "bant.policy_invalid": {
        "en": "The weights must add up to 100; these add up to {total}.",
        "id": "Jumlah bobot harus 100; sekarang {total}.",
    },
    # --- help
    "help.bant": {
        "en": "Qualify a deal: Budget, Authority, Need, Timeline; a score and a verdict.",
        "id": "Kualifikasi deal: anggaran, wewenang, kebutuhan, waktu; skor dan keputusannya.",
    },
    "help.sales_bant": {
        "en": "Show the BANT weights and thresholds; admins can change them (strict:on refuses "
        "moves past qualification without BANT).",
        "id": "Lihat bobot dan ambang BANT; admin bisa mengubahnya (strict:ya menolak deal tanpa "
        "BANT melewati tahap kualifikasi).",
    },
}
