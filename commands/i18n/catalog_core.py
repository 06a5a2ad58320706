"""Messages for deals, calls, forms, help and undo, in English and Indonesian.

Placeholders named ``stage``/``from_stage``/``to_stage``/``stages``/``status`` receive stage keys
and are shown as their labels; amounts and dates are formatted for the reader by the renderer.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # --- stages and statuses
    "stage.lead": {"en": "Lead", "id": "Lead"},
    "stage.prospect": {"en": "Prospect", "id": "Prospek"},
    "stage.potential": {"en": "Potential", "id": "Potensial"},
    "stage.closeable": {"en": "Closeable", "id": "Siap closing"},
    "stage.prospecting": {"en": "Prospecting", "id": "Prospecting"},
    "stage.qualification": {"en": "Qualification", "id": "Kualifikasi"},
    "stage.research": {"en": "Research", "id": "Riset"},
    "stage.demo": {"en": "Demo", "id": "Demo"},
    "stage.objection_handling": {"en": "Objection handling", "id": "Penanganan keberatan"},
    "stage.closing": {"en": "Closing", "id": "Closing"},
    "stage.contacting": {"en": "Contacting", "id": "Menghubungi"},
    "stage.meeting": {"en": "Meeting", "id": "Pertemuan"},
    "stage.needs": {"en": "Needs analysis", "id": "Analisis kebutuhan"},
    "stage.presentation": {"en": "Presentation", "id": "Presentasi"},
    "stage.negotiation": {"en": "Negotiation", "id": "Negosiasi"},
    "stage.referral": {"en": "Referral", "id": "Referensi"},
    "stage.won": {"en": "Won", "id": "Menang"},
    "stage.lost": {"en": "Lost", "id": "Kalah"},
    "status.open": {"en": "Open", "id": "Aktif"},
    "status.won": {"en": "Won", "id": "Menang"},
    "status.lost": {"en": "Lost", "id": "Kalah"},
    # --- call outcomes
    "outcome.connected": {"en": "Connected", "id": "Tersambung"},
    "outcome.no_answer": {"en": "No answer", "id": "Tidak diangkat"},
    "outcome.voicemail": {"en": "Voicemail", "id": "Pesan suara"},
    "outcome.busy": {"en": "Busy", "id": "Sibuk"},
    "outcome.wrong_number": {"en": "Wrong number", "id": "Salah sambung"},
    "outcome.meeting_booked": {"en": "Meeting booked", "id": "Janji temu dibuat"},
    # --- confirmations
    "deal.added": {"en": "Added {ref}.", "id": "{ref} ditambahkan."},
    "deal.moved": {
        "en": "Moved {ref} from {from_stage} to {to_stage}.",
        "id": "{ref} dipindah dari {from_stage} ke {to_stage}.",
    },
    "deal.won": {"en": ":tada: {ref} is won. Well done!", "id": ":tada: {ref} menang. Mantap!"},
    "deal.lost": {"en": "{ref} is marked lost.", "id": "{ref} ditandai kalah."},
    "call.logged": {"en": "Call logged on {ref}.", "id": "Telepon dicatat di {ref}."},
    "undo.deal.add": {
        "en": "Undone: {ref} {name} is removed.",
        "id": "Dibatalkan: {ref} {name} dihapus.",
    },
    "undo.deal.move": {
        "en": "Undone: {ref} is back in its previous stage.",
        "id": "Dibatalkan: {ref} kembali ke tahap sebelumnya.",
    },
    "undo.deal.won": {
        "en": "Undone: {ref} is open again.",
        "id": "Dibatalkan: {ref} aktif lagi.",
    },
    "undo.deal.lost": {
        "en": "Undone: {ref} is open again.",
        "id": "Dibatalkan: {ref} aktif lagi.",
    },
    "undo.call.log": {
        "en": "Undone: the call on {ref} is removed.",
        "id": "Dibatalkan: telepon di {ref} dihapus.",
    },
    "pipeline.changed": {
        "en": "This workspace now uses the {preset} pipeline.",
        "id": "Workspace ini sekarang memakai pipeline {preset}.",
    },
    "command.not_yet": {
        "en": "{command} is not available in this version of Corong yet. "
        "Try /sales help for what you can do today.",
        "id": "{command} belum tersedia di versi Corong ini. "
        "Coba /sales help untuk melihat yang sudah bisa dipakai.",
    },
    # --- problems
    "error.example": {"en": "Example: {example}", "id": "Contoh: {example}"},
    "error.internal": {
        "en": "Sorry, something went wrong on our side and nothing was saved. "
        "Please try again; if it keeps happening, give your admin this reference: {ref}",
        "id": "Maaf, ada gangguan di sisi kami dan tidak ada yang tersimpan. "
        "Silakan coba lagi; kalau terus terjadi, berikan kode ini ke admin: {ref}",
    },
    "command.unknown": {
        "en": "Corong does not know the command {command}.",
        "id": "Corong tidak mengenal perintah {command}.",
    },
    "command.did_you_mean": {
        "en": "{command} has no \u201c{sub}\u201d. Did you mean {suggestion}?",
        "id": "{command} tidak punya \u201c{sub}\u201d. Maksudnya {suggestion}?",
    },
    "command.unknown_sub": {
        "en": "{command} has no \u201c{sub}\u201d. It knows: {known}.",
        "id": "{command} tidak punya \u201c{sub}\u201d. Yang ada: {known}.",
    },
    "deal.unknown_sub": {
        "en": "/deal has no \u201c{sub}\u201d.",
        "id": "/deal tidak punya \u201c{sub}\u201d.",
    },
    "sales.unknown_sub": {
        "en": "/sales has no \u201c{sub}\u201d.",
        "id": "/sales tidak punya \u201c{sub}\u201d.",
    },
    "option.unknown": {
        "en": "Unknown option \u201c{option}:\u201d. Options here: {known}.",
        "id": "Opsi \u201c{option}:\u201d tidak dikenal. Opsi yang bisa dipakai: {known}.",
    },
    "input.unexpected": {
        "en": "I did not expect \u201c{text}\u201d there.",
        "id": "\u201c{text}\u201d tidak bisa dipakai di situ.",
    },
    "field.too_long": {
        "en": "The {field} is {length} characters long; the most it can hold is {limit}.",
        "id": "Isian {field} sepanjang {length} karakter; maksimal {limit}.",
    },
    # The {field} of field.too_long, in the reader's words.
    "field.label.name": {"en": "name", "id": "nama"},
    "field.label.contact": {"en": "contact", "id": "kontak"},
    "field.label.next": {"en": "next", "id": "lanjut"},
    "field.label.notes": {"en": "notes", "id": "catatan"},
    "field.label.reason": {"en": "reason", "id": "alasan"},
    "field.label.authority_name": {"en": "authority_name", "id": "nama dan jabatan"},
    "field.label.need_pain": {"en": "need_pain", "id": "kebutuhan"},
    "deal.ambiguous": {
        "en": "\u201c{query}\u201d matches {count} deals. Which one did you mean?",
        "id": "\u201c{query}\u201d cocok dengan {count} deal. Yang mana maksudnya?",
    },
    "deal.not_found": {
        "en": "No deal matches \u201c{query}\u201d.",
        "id": "Tidak ada deal yang cocok dengan \u201c{query}\u201d.",
    },
    "deal.ref_not_found": {
        "en": "There is no deal {ref} in this workspace.",
        "id": "Tidak ada deal {ref} di workspace ini.",
    },
    "deal.two_amounts": {
        "en": "The value is given twice; give it once.",
        "id": "Nilai deal ditulis dua kali; cukup sekali saja.",
    },
    "deal.name_missing": {
        "en": "The deal needs a name.",
        "id": "Deal perlu nama.",
    },
    "deal.name_is_number": {
        "en": "\u201c{name}\u201d looks like a number or a deal ref, not a deal name.",
        "id": "\u201c{name}\u201d terlihat seperti angka atau kode deal, bukan nama deal.",
    },
    "deal.closed": {
        "en": "{ref} {name} is already {status}; only open deals can change stage.",
        "id": "{ref} {name} sudah berstatus {status}; hanya deal aktif yang bisa pindah tahap.",
    },
    "deal.move_usage": {
        "en": "Say which deal and which stage to move it to.",
        "id": "Sebutkan deal-nya dan tahap tujuannya.",
    },
    "deal.move_to_closed": {
        "en": "To close a deal use /deal won or /deal lost.",
        "id": "Untuk menutup deal pakai /deal won atau /deal lost.",
    },
    "deal.already_in_stage": {
        "en": "{ref} is already in {stage}.",
        "id": "{ref} sudah di tahap {stage}.",
    },
    "deal.won_usage": {
        "en": "Say which deal is won, and its final value if it changed.",
        "id": "Sebutkan deal yang menang, dan nilai akhirnya kalau berubah.",
    },
    "deal.lost_usage": {
        "en": "Say which deal is lost, and why.",
        "id": "Sebutkan deal yang kalah, dan alasannya.",
    },
    "deal.show_usage": {
        "en": "Say which deal to show.",
        "id": "Sebutkan deal yang mau dilihat.",
    },
    "stage.unknown": {
        "en": "\u201c{typed}\u201d is not a stage of this pipeline. Stages: {stages}.",
        "id": "\u201c{typed}\u201d bukan tahap di pipeline ini. Tahapnya: {stages}.",
    },
    "call.deal_missing": {
        "en": "Say which deal the call was about.",
        "id": "Sebutkan deal yang ditelepon.",
    },
    "call.outcome_typo": {
        "en": "\u201c{text}\u201d is not a call outcome. Did you mean {suggestion}? "
        "(Put notes in quotes.)",
        "id": "\u201c{text}\u201d bukan hasil telepon. Maksudnya {suggestion}? "
        "(Tulis catatan di dalam tanda kutip.)",
    },
    "stage.ambiguous": {
        "en": "\u201c{typed}\u201d could be {stages}. Type more of the stage name.",
        "id": "\u201c{typed}\u201d bisa berarti {stages}. Ketik nama tahapnya lebih lengkap.",
    },
    "call.bad_outcome": {
        "en": "\u201c{text}\u201d is not a call outcome. Outcomes: {known}.",
        "id": "\u201c{text}\u201d bukan hasil telepon. Pilihannya: {known}.",
    },
    "call.unknown_outcome": {
        "en": (
            "\u201c{text}\u201d is not a call outcome: write connected, no-answer, voicemail, "
            "busy, wrong-number or meeting. Notes go in quotes."
        ),
        "id": (
            "\u201c{text}\u201d bukan hasil telepon: tulis tersambung, tidak-diangkat, "
            "pesan-suara, sibuk, salah-sambung atau janji-temu. Catatan ditulis dalam tanda kutip."
        ),
    },
    "undo.nothing": {
        "en": "You have no change left to undo.",
        "id": "Tidak ada perubahan Anda yang bisa dibatalkan.",
    },
    "undo.changed_since": {
        "en": "{ref} was changed after your last change, so undoing it could lose that work. "
        "Nothing was undone.",
        "id": "{ref} sudah diubah lagi setelah perubahan terakhir Anda, jadi pembatalan bisa "
        "menghapus pekerjaan itu. Tidak ada yang dibatalkan.",
    },
    "pipeline.unknown": {
        "en": "\u201c{preset}\u201d is not a pipeline preset. Presets: {presets}. Stages of "
        "your own are typed in /sales setup.",
        "id": "\u201c{preset}\u201d bukan pilihan pipeline. Pilihannya: {presets}. Tahapan "
        "sendiri diketik di /sales setup.",
    },
    "pipeline.stranded": {
        "en": "Open deals in stages that {preset} does not have: {count} ({refs}). "
        "Move or close them first.",
        "id": "Deal aktif di tahap yang tidak ada di {preset}: {count} ({refs}). "
        "Pindahkan atau tutup dulu.",
    },
    "pipeline.admins_only": {
        "en": "Only admins can switch the pipeline: ask {admins} to run this command. "
        "Nothing was changed.",
        "id": "Hanya admin yang bisa mengganti pipeline: minta {admins} menjalankan perintah "
        "ini. Tidak ada yang diubah.",
    },
    "pipeline.changed_meanwhile": {
        "en": "The workspace pipeline changed a moment ago and no longer has {stage}. "
        "Nothing was saved; please try again.",
        "id": "Pipeline workspace baru saja diganti dan tidak lagi punya tahap {stage}. "
        "Tidak ada yang tersimpan; silakan coba lagi.",
    },
    "undo.workspace.pipeline": {
        "en": "Undone: this workspace is back on the {preset} pipeline.",
        "id": "Dibatalkan: workspace ini kembali memakai pipeline {preset}.",
    },
    "undo.stage_gone": {
        "en": "Undoing would put {ref} back in {stage}, which this pipeline no longer has. "
        "Nothing was undone; use /deal move instead.",
        "id": "Pembatalan akan mengembalikan {ref} ke tahap {stage}, yang tidak ada lagi di "
        "pipeline ini. Tidak ada yang dibatalkan; pakai /deal move.",
    },
    "deal.value_too_small": {
        "en": "\u201c{text}\u201d is too small for a deal value. Write it with its unit, e.g. "
        "{text}jt or {text}rb.",
        "id": "\u201c{text}\u201d terlalu kecil untuk nilai deal. Tulis dengan satuannya, "
        "mis. {text}jt atau {text}rb.",
    },
    "form.open_failed": {
        "en": "Slack would not open the form just now. Please type the command again.",
        "id": "Slack belum bisa membuka formulir barusan. Silakan ketik perintahnya lagi.",
    },
    "form.invalid": {
        "en": "Some fields need fixing.",
        "id": "Beberapa isian perlu diperbaiki.",
    },
    "form.deal_ambiguous": {
        "en": "\u201c{query}\u201d matches several deals: {refs}. "
        "Type the ref of the one you mean.",
        "id": "\u201c{query}\u201d cocok dengan beberapa deal: {refs}. "
        "Ketik kode deal yang dimaksud.",
    },
    # --- forms (modals / shell prompts)
    "modal.deal_add_title": {"en": "New deal", "id": "Deal baru"},
    "modal.call_title": {"en": "Log a call", "id": "Catat telepon"},
    "modal.submit": {"en": "Save", "id": "Simpan"},
    "modal.cancel": {"en": "Cancel", "id": "Batal"},
    "modal.choose": {"en": "Choose", "id": "Pilih"},
    "form.deal_name": {"en": "Deal name", "id": "Nama deal"},
    "form.deal_value": {"en": "Value", "id": "Nilai"},
    "form.deal_value_hint": {
        "en": "e.g. 50jt, Rp 50.000.000, 1.5M, $12k",
        "id": "mis. 50jt, Rp 50.000.000, 1,5jt, 2 miliar, $12k",
    },
    "form.deal_stage": {"en": "Stage", "id": "Tahap"},
    "form.deal_close": {"en": "Expected close date", "id": "Perkiraan tanggal closing"},
    "form.deal_contact": {"en": "Contact", "id": "Kontak"},
    "form.next_step": {"en": "Next step", "id": "Langkah berikutnya"},
    "form.next_due": {"en": "Next step due", "id": "Tenggat langkah berikutnya"},
    "form.call_deal": {"en": "Deal", "id": "Deal"},
    "form.call_deal_hint": {
        "en": "The deal ref (D-12) or part of its name.",
        "id": "Kode deal (D-12) atau sebagian namanya.",
    },
    "form.call_duration": {"en": "Duration", "id": "Durasi"},
    "form.call_outcome": {"en": "Outcome", "id": "Hasil"},
    "form.call_notes": {"en": "Notes", "id": "Catatan"},
    # --- deal card and list
    "card.stage": {"en": "Stage", "id": "Tahap"},
    "card.value": {"en": "Value", "id": "Nilai"},
    "card.owner": {"en": "Owner", "id": "Pemilik"},
    "card.contact": {"en": "Contact", "id": "Kontak"},
    "card.close": {"en": "Expected close", "id": "Perkiraan closing"},
    "card.next_step": {"en": "Next step", "id": "Langkah berikutnya"},
    "card.due": {"en": "due {date}", "id": "tenggat {date}"},
    "card.last_activity": {"en": "Last activity", "id": "Aktivitas terakhir"},
    "card.never": {"en": "none yet", "id": "belum ada"},
    "card.none": {"en": "\u2014", "id": "\u2014"},
    "card.lost_reason": {"en": "Lost because", "id": "Alasan kalah"},
    "card.history": {"en": "History", "id": "Riwayat"},
    "card.history_more": {
        "en": "{count} earlier entries not shown.",
        "id": "{count} entri sebelumnya tidak ditampilkan.",
    },
    "card.in_stage_since": {"en": "since {date}", "id": "sejak {date}"},
    "history.created": {
        "en": "created in {to_stage} by {actor}",
        "id": "dibuat di {to_stage} oleh {actor}",
    },
    "history.stage": {
        "en": "{from_stage} \u2192 {to_stage} by {actor}",
        "id": "{from_stage} \u2192 {to_stage} oleh {actor}",
    },
    "history.call": {"en": "call by {actor}", "id": "telepon oleh {actor}"},
    "history.meeting": {"en": "meeting by {actor}", "id": "pertemuan oleh {actor}"},
    "history.email": {"en": "email by {actor}", "id": "email oleh {actor}"},
    "history.note": {"en": "note by {actor}", "id": "catatan oleh {actor}"},
    "list.title_mine": {"en": "Your open deals", "id": "Deal aktif Anda"},
    "list.title_member": {"en": "Open deals of {user}", "id": "Deal aktif {user}"},
    "list.title_all": {"en": "All open deals", "id": "Semua deal aktif"},
    "list.empty": {"en": "No open deals here.", "id": "Tidak ada deal aktif di sini."},
    "list.unknown_member": {
        "en": "{user} has no deals in Corong yet.",
        "id": "{user} belum punya deal di Corong.",
    },
    "list.range": {
        "en": "Showing {first}\u2013{last} of {total}.",
        "id": "Menampilkan {first}\u2013{last} dari {total}.",
    },
    "list.stage_count": {"en": "{count} deal(s)", "id": "{count} deal"},
    "list.next": {"en": "Next page", "id": "Halaman berikutnya"},
    "list.previous": {"en": "Previous page", "id": "Halaman sebelumnya"},
    "list.no_value": {"en": "no value", "id": "tanpa nilai"},
    "list.total": {"en": "Total {value}", "id": "Total {value}"},
    "button.show": {"en": "Show deal", "id": "Lihat deal"},
    "button.open": {"en": "Open", "id": "Buka"},
    "button.log_call": {"en": "Log call", "id": "Catat telepon"},
    "picker.cancel": {"en": "Cancel", "id": "Batal"},
    "picker.cancelled": {
        "en": "Cancelled; nothing changed.",
        "id": "Dibatalkan; tidak ada perubahan.",
    },
    "picker.expired": {
        "en": "That choice has expired; please type the command again.",
        "id": "Pilihan itu sudah kedaluwarsa; silakan ketik perintahnya lagi.",
    },
    # --- questions a typed command asks (keep or change a date already past)
    "deal.past_dates_close": {
        "en": "The close date, {close}, has already passed. Keep it, or change it?",
        "id": "Tanggal closing, {close}, sudah lewat. Tetap pakai, atau ganti?",
    },
    "deal.past_dates_due": {
        "en": "The due date, {due}, has already passed. Keep it, or change it?",
        "id": "Tenggat, {due}, sudah lewat. Tetap pakai, atau ganti?",
    },
    "deal.past_dates_close_due": {
        "en": "The close date, {close}, and the due date, {due}, have already passed. "
        "Keep them, or change them?",
        "id": "Tanggal closing, {close}, dan tenggat, {due}, sudah lewat. Tetap pakai, atau ganti?",
    },
    "deal.past_dates_keep": {"en": "Keep", "id": "Tetap pakai"},
    "deal.past_dates_change": {"en": "Change", "id": "Ganti"},
    "deal.new_dates_title": {"en": "Change the date", "id": "Ganti tanggal"},
    "deal.new_dates_submit": {"en": "Save", "id": "Simpan"},
    "deal.new_close": {"en": "New close date", "id": "Tanggal closing baru"},
    "deal.new_due": {"en": "New due date", "id": "Tenggat baru"},
    "deal.new_date_missing": {
        "en": "Pick the new date.",
        "id": "Pilih tanggal barunya.",
    },
    "deal.new_date_past": {
        "en": "Pick today or a later day.",
        "id": "Pilih hari ini atau sesudahnya.",
    },
    # --- help and pipeline
    "help.intro": {
        "en": "*Corong* keeps your pipeline honest without opening a CRM. What you can type:",
        "id": "*Corong* menjaga pipeline tetap rapi tanpa membuka CRM. Yang bisa diketik:",
    },
    "help.tips": {
        "en": "Amounts: 50jt, 1.5M, 750k, Rp 50.000.000, $12k. Dates: tomorrow, fri, in 3 days, "
        "2026-12-31, besok, jumat. Deals: D-12 or part of the name.",
        "id": "Nilai: 50jt, 1,5M, 750rb, Rp 50.000.000, $12k. Tanggal: besok, jumat, 3 hari lagi, "
        "31/12/2026, 2026-12-31. Deal: D-12 atau sebagian namanya.",
    },
    "help.deal_add": {
        "en": "Add a deal in the first stage, owned by you.",
        "id": "Tambah deal di tahap pertama, atas nama Anda.",
    },
    "help.deal_move": {
        "en": "Move a deal to another stage.",
        "id": "Pindahkan deal ke tahap lain.",
    },
    "help.deal_won": {
        "en": "Close a deal as won, with its final value.",
        "id": "Tutup deal sebagai menang, dengan nilai akhirnya.",
    },
    "help.deal_lost": {
        "en": "Close a deal as lost, with the reason.",
        "id": "Tutup deal sebagai kalah, dengan alasannya.",
    },
    "help.deal_show": {
        "en": "A deal card with its history.",
        "id": "Kartu deal beserta riwayatnya.",
    },
    "help.deal_list": {
        "en": "Open deals: yours, a rep's (@name) or all.",
        "id": "Deal aktif: milik Anda, milik rep (@nama), atau semua.",
    },
    "help.call": {
        "en": "Log a call: duration, outcome, notes, next step and due date.",
        "id": "Catat telepon: durasi, hasil, catatan, langkah berikutnya dan tenggatnya.",
    },
    "help.sales_undo": {
        "en": "Undo your most recent change.",
        "id": "Batalkan perubahan terakhir Anda.",
    },
    "help.sales_pipeline": {
        "en": "Show the stages, or switch the workspace's pipeline preset.",
        "id": "Lihat tahapan, atau ganti preset pipeline workspace.",
    },
    "help.sales_help": {"en": "This help.", "id": "Bantuan ini."},
    "help.no_args": {
        "en": "/deal add or /call with nothing after it opens a form.",
        "id": "/deal add atau /call tanpa isian membuka formulir.",
    },
    "pipeline.title": {
        "en": "Pipeline: {preset}",
        "id": "Pipeline: {preset}",
    },
    "pipeline.presets": {
        "en": "Presets: {presets}. Switch with /sales pipeline <preset>; stages of your own "
        "go in /sales setup.",
        "id": "Preset: {presets}. Ganti dengan /sales pipeline <preset>; tahapan sendiri "
        "diisi di /sales setup.",
    },
    # --- the terminal shell
    "shell.banner": {
        "en": "Corong shell. Type slash commands as in Slack, e.g. /deal add Acme 50jt or "
        "/sales help. A number presses that button of the last message. "
        ":user U123 name and :locale id-ID switch who you are; :quit leaves.",
        "id": "Shell Corong. Ketik perintah seperti di Slack, mis. /deal add Acme 50jt atau "
        "/sales help. Angka menekan tombol itu di pesan terakhir. "
        ":user U123 nama dan :locale en-US mengganti siapa Anda; :quit untuk keluar.",
    },
    "shell.hint": {
        "en": "Type a slash command (e.g. /sales help), report funnel, a button number, :user, "
        ":locale or :quit.",
        "id": "Ketik perintah (mis. /sales help), report funnel, nomor tombol, :user, :locale "
        "atau :quit.",
    },
    "shell.unknown_command": {
        "en": "Unknown command {command}. Commands: {commands}.",
        "id": "Perintah {command} tidak dikenal. Perintahnya: {commands}.",
    },
    "shell.no_such_button": {
        "en": "The last message has no button with that number.",
        "id": "Pesan terakhir tidak punya tombol dengan nomor itu.",
    },
    "shell.form_intro": {
        "en": "== {title} == (Enter skips an optional field; cancel closes the form)",
        "id": "== {title} == (Enter melewati isian opsional; batal menutup formulir)",
    },
    "shell.form_closed": {
        "en": "Form closed; nothing saved.",
        "id": "Formulir ditutup; tidak ada yang disimpan.",
    },
    "shell.form_closed_for": {
        "en": "Form closed; nothing saved. Running {command} instead.",
        "id": "Formulir ditutup; tidak ada yang disimpan. Menjalankan {command}.",
    },
    "shell.more_lines": {
        "en": "end a line with \\ to type another",
        "id": "akhiri baris dengan \\ untuk mengetik baris berikutnya",
    },
    "shell.name_taken": {
        "en": "{name} is already {ids}: type :user {first} to act as them, or pick another "
        "name. Nothing changed.",
        "id": "{name} sudah dipakai {ids}: ketik :user {first} untuk menjadi dia, atau pilih "
        "nama lain. Tidak ada yang berubah.",
    },
    "shell.name_shared": {
        "en": "Several members are called {name} ({ids}): say which by id, <@{first}> in a "
        "command or :user {first}. Nothing changed.",
        "id": "Ada beberapa anggota bernama {name} ({ids}): sebut yang mana dengan ID-nya, "
        "<@{first}> di perintah atau :user {first}. Tidak ada yang berubah.",
    },
    "shell.choose_number": {
        "en": "Type one of the numbers (or cancel).",
        "id": "Ketik salah satu nomornya (atau batal).",
    },
    "shell.choose_numbers": {
        "en": "Type the numbers to tick, like 1 2 3 (Enter keeps what is ticked, or cancel).",
        "id": "Ketik nomor yang dicentang, mis. 1 2 3 (Enter mempertahankan yang ada, atau batal).",
    },
    "shell.switched_user": {
        "en": "You are now {user} ({id}).",
        "id": "Anda sekarang {user} ({id}).",
    },
    "shell.switched_locale": {
        "en": "Locale set to {locale}.",
        "id": "Locale diganti ke {locale}.",
    },
}
