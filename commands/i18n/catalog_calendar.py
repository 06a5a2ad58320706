"""Messages of the work calendar: ``/sales holidays``, a team's country, days off."""

MESSAGES: dict[str, dict[str, str]] = {
    "holidays.list": {
        "en": "Days off ahead (public holidays of {country}, and the company's own):",
        "id": "Hari libur ke depan (libur nasional {country}, dan libur kantor):",
    },
    "holidays.country_set": {
        "en": "Corong now keeps quiet on the public holidays of {country}.",
        "id": "Corong sekarang diam di hari libur nasional {country}.",
    },
    "holidays.added": {
        "en": "{day} is now a company day off ({name}): no nudges or standups that day.",
        "id": "{day} sekarang libur kantor ({name}): tidak ada pengingat atau standup hari itu.",
    },
    "holidays.removed": {
        "en": "{day} is no longer a company day off ({name}).",
        "id": "{day} bukan lagi libur kantor ({name}).",
    },
    "holidays.worked": {
        "en": "The company works on {day} ({name}): Corong posts as on any work day.",
        "id": "Kantor tetap masuk pada {day} ({name}): Corong mengirim seperti hari kerja biasa.",
    },
    "holidays.none": {
        "en": "No days off in the next twelve months.",
        "id": "Tidak ada hari libur dalam dua belas bulan ke depan.",
    },
    "holidays.more": {"en": "… and {count} more.", "id": "… dan {count} lagi."},
    "holidays.kind.holiday": {"en": "public holiday", "id": "libur nasional"},
    "holidays.kind.company": {"en": "company day off", "id": "libur kantor"},
    "holidays.worked_header": {
        "en": "Public holidays the company works:",
        "id": "Libur nasional yang tetap masuk kerja:",
    },
    "holidays.footer": {
        "en": 'Admins: /sales holidays add 2027-08-19 "Offsite" · /sales holidays remove '
        "2027-08-19 · /sales holidays country SG",
        "id": '/sales libur tambah 2027-08-19 "Outing kantor" · /sales libur hapus 2027-08-19 '
        "· /sales libur negara SG (khusus admin)",
    },
    "holidays.usage": {
        "en": "\u201c{text}\u201d is not something /sales holidays does: add, remove or country.",
        "id": "\u201c{text}\u201d tidak dikenal /sales libur: tambah, hapus atau negara.",
    },
    "holidays.country_usage": {
        "en": "Give one country code, such as SG or ID.",
        "id": "Tulis satu kode negara, misalnya SG atau ID.",
    },
    "holidays.unknown_country": {
        "en": "\u201c{text}\u201d is no country code Corong has holidays for: use a code such "
        "as ID, SG, MY or US.",
        "id": "\u201c{text}\u201d bukan kode negara yang hari liburnya dikenal Corong: pakai "
        "kode seperti ID, SG, MY atau US.",
    },
    "holidays.date_missing": {
        "en": "Which day? Give a date such as 2027-08-19.",
        "id": "Hari apa? Tulis tanggal seperti 2027-08-19.",
    },
    "holidays.day_past": {
        "en": "{day} has passed: a day off changes only days to come.",
        "id": "{day} sudah lewat: libur hanya mengubah hari yang akan datang.",
    },
    "holidays.add_usage": {
        "en": "After the date, only the day's name.",
        "id": "Setelah tanggal, cukup nama harinya.",
    },
    "holidays.remove_usage": {
        "en": "Give only the date to take back.",
        "id": "Cukup tulis tanggal yang dibatalkan.",
    },
    "holidays.not_a_day_off": {
        "en": "{day} is no day off: nothing to take back.",
        "id": "{day} bukan hari libur: tidak ada yang dibatalkan.",
    },
    "help.sales_holidays": {
        "en": "the days off ahead; admins add company days off or choose the country",
        "id": "hari libur ke depan; admin menambah libur kantor atau memilih negara",
    },
    "team.holidays_set": {
        "en": "Team {team} now follows the public holidays of {country}.",
        "id": "Tim {team} sekarang mengikuti libur nasional {country}.",
    },
    "example.holidays_country": {
        "en": "/sales holidays country SG",
        "id": "/sales libur negara SG",
    },
    "example.holidays_add": {
        "en": '/sales holidays add 2027-08-19 "Offsite"',
        "id": '/sales libur tambah 2027-08-19 "Outing kantor"',
    },
    "example.holidays_remove": {
        "en": "/sales holidays remove 2027-08-19",
        "id": "/sales libur hapus 2027-08-19",
    },
    "example.team_holidays": {
        "en": "/sales team {team} holidays SG",
        "id": "/sales team {team} libur SG",
    },
}
