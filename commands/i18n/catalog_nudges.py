"""What the nudge actions (snooze) answer."""

MESSAGES: dict[str, dict[str, str]] = {
    "nudge.snoozed": {
        "en": "Snoozed {ref} until {until}: your morning nudges leave it out until then.",
        "id": "{ref} ditunda sampai {until}: pengingat pagi Anda tidak menampilkannya "
        "sampai tanggal itu.",
    },
    "nudge.snooze_days": {
        "en": "A deal can be snoozed for 1, 3 or 7 days, not {days}.",
        "id": "Deal bisa ditunda 1, 3 atau 7 hari, bukan {days}.",
    },
    "nudge.snooze_not_owner": {
        "en": "{ref} {name} is not your deal: only its owner can snooze it.",
        "id": "{ref} {name} bukan deal Anda: hanya pemiliknya yang bisa menundanya.",
    },
    "nudge.snooze_closed": {
        "en": "{ref} {name} is already {status}: there is nothing left to snooze.",
        "id": "{ref} {name} sudah berstatus {status}: tidak ada lagi yang perlu ditunda.",
    },
    # Used by bot.listeners.nudges for a button whose value no longer makes sense.
    "nudge.not_yours": {
        "en": "These buttons belong to the rep this nudge was sent to; nothing was changed.",
        "id": "Tombol ini milik rep penerima pengingat ini; tidak ada yang diubah.",
    },
    "nudge.stale_button": {
        "en": "That button is out of date: the deal or the stage it offered has changed.",
        "id": "Tombol itu sudah kedaluwarsa: deal atau tahap yang ditawarkannya sudah berubah.",
    },
}
