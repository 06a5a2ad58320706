"""Messages for text the command grammar could not read (amounts, dates, quotes, options).

Each says what was wrong and quotes the user's text; the caller appends one correct example.
"""

MESSAGES: dict[str, dict[str, str]] = {
    "grammar.too_long": {
        "en": (
            "That is too long: a command can be at most {limit} characters. For long notes, "
            "type the command on its own to open the form."
        ),
        "id": (
            "Teksnya terlalu panjang, maksimal {limit} karakter per perintah. Untuk catatan "
            "panjang, ketik perintahnya saja supaya form-nya terbuka."
        ),
    },
    "grammar.control_chars": {
        "en": (
            "The text contains invisible control characters (usually from copy-paste). "
            "Please retype it and send again."
        ),
        "id": (
            "Teksnya mengandung karakter tersembunyi (biasanya kebawa dari copy-paste). "
            "Coba ketik ulang lalu kirim lagi."
        ),
    },
    "grammar.unclosed_quote": {
        "en": "A quote is opened but never closed: {text}",
        "id": "Ada tanda kutip yang dibuka tapi belum ditutup: {text}",
    },
    "grammar.bad_amount": {
        "en": (
            "I couldn't read \u201c{text}\u201d as an amount. Write a number, optionally with "
            "rb, k, jt, M or a currency such as Rp or $."
        ),
        "id": (
            "\u201c{text}\u201d tidak terbaca sebagai nominal. Tulis angkanya, boleh pakai "
            "rb, k, jt, M, atau mata uang seperti Rp atau $."
        ),
    },
    "grammar.negative_amount": {
        "en": "\u201c{text}\u201d is a negative amount; a deal's value is what the customer pays.",
        "id": "\u201c{text}\u201d nominalnya negatif; nilai deal adalah yang dibayar pelanggan.",
    },
    "grammar.amount_too_large": {
        "en": "\u201c{text}\u201d is more than any deal ({limit}): is there a zero too many?",
        "id": "\u201c{text}\u201d melebihi nilai deal mana pun ({limit}): kelebihan nol?",
    },
    "grammar.ambiguous_amount": {
        "en": ("\u201c{text}\u201d could mean {small} or {large}. Please write the one you mean."),
        "id": "\u201c{text}\u201d bisa berarti {small} atau {large}. Tulis yang dimaksud, ya.",
    },
    "grammar.bad_date": {
        "en": (
            "I couldn't read \u201c{text}\u201d as a date. Use a date such as 2026-12-31 or "
            "31/12, or a word such as today, tomorrow or fri."
        ),
        "id": (
            "\u201c{text}\u201d tidak terbaca sebagai tanggal. Tulis tanggal seperti 31/12 atau "
            "2026-12-31, atau kata seperti hari ini, besok, atau jumat."
        ),
    },
    "grammar.bad_duration": {
        "en": (
            "I couldn't read \u201c{text}\u201d as a call length. Use minutes or hours such as "
            "20m or 1h30m: more than zero and at most 24 hours."
        ),
        "id": (
            "\u201c{text}\u201d tidak terbaca sebagai durasi call. Tulis dalam menit atau jam, "
            "misalnya 20m atau 1j30m: lebih dari 0 dan maksimal 24 jam."
        ),
    },
    "grammar.million_or_miliar_ask": {
        "en": "\u201c{text}\u201d: do you mean {million} (million) or {billion}?",
        "id": "\u201c{text}\u201d maksudnya {million} (juta) atau {billion}?",
    },
    "grammar.answer_juta": {"en": "{number} juta", "id": "{number} juta"},
    "grammar.answer_miliar": {"en": "{number} miliar", "id": "{number} miliar"},
    "grammar.million_or_miliar": {
        "en": "\u201c{text}\u201d could mean {million} (million) or {billion}. Write the unit out.",
        "id": "\u201c{text}\u201d bisa berarti {million} (juta) atau {billion}. "
        "Tulis satuannya dengan jelas.",
    },
}
