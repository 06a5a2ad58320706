"""The form that marks a deal lost (its reason and words), and ``/sales undo`` of a quota."""

MESSAGES: dict[str, dict[str, str]] = {
    "lost_form.title": {"en": "Mark {ref} lost", "id": "Tandai {ref} kalah"},
    "lost_form.reason": {"en": "Why was it lost?", "id": "Kenapa deal ini kalah?"},
    "lost_form.details": {"en": "What happened", "id": "Apa yang terjadi"},
    "lost_form.details_placeholder": {
        "en": "too expensive vs competitor X",
        "id": "lebih mahal dari pesaing X",
    },
    "lost_form.reason_missing": {
        "en": "Pick the reason the deal was lost.",
        "id": "Pilih alasan deal ini kalah.",
    },
    "lost_form.reason_unknown": {
        "en": "That reason is no longer on the list; pick one of: {reasons}.",
        "id": "Alasan itu sudah tidak ada di daftar; pilih salah satu: {reasons}.",
    },
    "lost_form.foreign": {
        "en": "This form no longer matches a deal you can close; nothing was saved.",
        "id": "Formulir ini tidak lagi cocok dengan deal yang bisa Anda tutup; tidak ada yang "
        "disimpan.",
    },
    "undo.quota.member": {
        "en": "Undone: {person}'s quota of {amount} a {period} from {day} is removed; "
        "their quota is now {now} a {period} (since {since}).",
        "id": "Dibatalkan: kuota {person} {amount} per {period} mulai {day} dihapus; "
        "kuotanya sekarang {now} per {period} (sejak {since}).",
    },
    "undo.quota.member_none": {
        "en": "Undone: {person}'s quota of {amount} a {period} from {day} is removed; "
        "they have no {period} quota now.",
        "id": "Dibatalkan: kuota {person} {amount} per {period} mulai {day} dihapus; "
        "sekarang tidak ada kuota per {period}.",
    },
    "undo.quota.team": {
        "en": "Undone: team {team}'s quota of {amount} a {period} from {day} is removed; "
        "its quota is now {now} a {period} (since {since}).",
        "id": "Dibatalkan: kuota tim {team} {amount} per {period} mulai {day} dihapus; "
        "kuotanya sekarang {now} per {period} (sejak {since}).",
    },
    "undo.quota.team_none": {
        "en": "Undone: team {team}'s quota of {amount} a {period} from {day} is removed; "
        "it has no {period} quota now.",
        "id": "Dibatalkan: kuota tim {team} {amount} per {period} mulai {day} dihapus; "
        "sekarang tim ini tidak punya kuota per {period}.",
    },
}
