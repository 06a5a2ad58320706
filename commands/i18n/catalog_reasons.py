"""Why deals are lost: the built-in reasons, the question and ``/sales reasons``."""

MESSAGES: dict[str, dict[str, str]] = {
    "reasons.price": {"en": "Price", "id": "Harga"},
    "reasons.competitor": {"en": "Competitor", "id": "Pesaing"},
    "reasons.no_budget": {"en": "No budget", "id": "Tidak ada anggaran"},
    "reasons.no_decision": {"en": "No decision", "id": "Tidak ada keputusan"},
    "reasons.timing": {"en": "Timing", "id": "Waktu belum tepat"},
    "reasons.product_fit": {"en": "Product fit", "id": "Produk tidak cocok"},
    "reasons.went_silent": {"en": "Went silent", "id": "Tidak ada kabar"},
    "reasons.other": {"en": "Other", "id": "Lainnya"},
    "reasons.custom": {"en": "{label}", "id": "{label}"},
    "reasons.ask": {
        "en": "Why was {ref} lost? Pick a reason (or type it: /deal lost {ref} price).",
        "id": "Kenapa {ref} kalah? Pilih alasannya (atau ketik: /deal lost {ref} harga).",
    },
    "reasons.list": {
        "en": "Reasons a deal is lost: {reasons}.",
        "id": "Alasan deal kalah: {reasons}.",
    },
    "reasons.added": {
        "en": "Added {reason}. Reasons a deal is lost: {reasons}.",
        "id": "{reason} ditambahkan. Alasan deal kalah: {reasons}.",
    },
    "reasons.removed": {
        "en": "Removed {reason}. Reasons a deal is lost: {reasons}.",
        "id": "{reason} dihapus. Alasan deal kalah: {reasons}.",
    },
    "reasons.reset": {
        "en": "Back to the built-in reasons: {reasons}.",
        "id": "Kembali ke alasan bawaan: {reasons}.",
    },
    "reasons.usage": {
        "en": "Say add, remove or reset, and the reason.",
        "id": "Sebutkan tambah, hapus atau reset, dan alasannya.",
    },
    "reasons.unknown": {
        "en": "“{text}” is not one of the reasons: {reasons}.",
        "id": "“{text}” bukan salah satu alasan: {reasons}.",
    },
    "reasons.exists": {
        "en": "{reason} is already a reason.",
        "id": "{reason} sudah ada di daftar alasan.",
    },
    "reasons.too_many": {
        "en": "A workspace has at most {max} reasons: remove one first.",
        "id": "Paling banyak {max} alasan: hapus satu dulu.",
    },
    "reasons.too_long": {
        "en": "A reason is at most {max} characters.",
        "id": "Alasan paling panjang {max} karakter.",
    },
    "reasons.keep_other": {
        "en": "Other stays: it is where reasons not on the list go.",
        "id": "Lainnya tetap ada: alasan di luar daftar masuk ke sana.",
    },
    "reasons.undone": {
        "en": "Undone: reasons a deal is lost: {reasons}.",
        "id": "Dibatalkan: alasan deal kalah: {reasons}.",
    },
    "help.sales_reasons": {
        "en": "List why deals are lost, or (admins) add, remove or reset reasons.",
        "id": "Daftar alasan deal kalah, atau (admin) tambah, hapus atau reset alasan.",
    },
}
