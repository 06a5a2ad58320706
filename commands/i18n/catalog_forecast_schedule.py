"""The forecast call's schedule: a team's forecast day, time, reminder and period
(``/sales team … forecast``), and the ask and reminder reps receive."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- the ask and the reminder ----------------------------------------------------------------
    "forecast_ask.in_nudge": {
        "en": ":crystal_ball: *Forecast call today:* your commit and best case for {period}, "
        "by {due}.",
        "id": ":crystal_ball: *Proyeksi hari ini:* komitmen dan skenario terbaik Anda untuk "
        "{period}, paling lambat pukul {due}.",
    },
    "forecast_ask.dm": {
        "en": ":crystal_ball: *Forecast call:* what will you book in {period}? Send your commit "
        "and best case by {due} today.",
        "id": ":crystal_ball: *Saatnya proyeksi:* berapa yang akan Anda bukukan di {period}? "
        "Kirim komitmen dan skenario terbaik Anda paling lambat pukul {due} hari ini.",
    },
    "forecast_ask.reminder": {
        "en": ":alarm_clock: Your forecast for {period} was due at {due} and has not come in "
        "yet. It takes a minute.",
        "id": ":alarm_clock: Proyeksi Anda untuk {period} seharusnya masuk pukul {due} dan "
        "belum ada. Hanya butuh semenit.",
    },
    "forecast_ask.button": {"en": "Send forecast", "id": "Kirim proyeksi"},
    "forecast_ask.quarter": {"en": "Q{quarter} {year}", "id": "Kuartal {quarter} {year}"},
    # --- /sales team Jakarta forecast ------------------------------------------------------------
    "example.team_forecast": {
        "en": "/sales team Jakarta forecast friday 14:00 due 17:00 month",
        "id": "/sales team Jakarta proyeksi jumat 14:00 tenggat 17:00 bulan",
    },
    "team.forecast_usage": {
        "en": "\u201c{text}\u201d is not a forecast setting. Use a day and time (`friday 14:00`), "
        "`due 17:00` for the reminder, and `month` or `quarter`.",
        "id": "\u201c{text}\u201d bukan pengaturan proyeksi. Pakai hari dan jam (`jumat 14:00`), "
        "`tenggat 17:00` untuk pengingat, dan `bulan` atau `kuartal`.",
    },
    "team.forecast_due_missing": {
        "en": "Give the reminder's time after `due`, like `due 17:00`.",
        "id": "Sebutkan jam pengingat setelah `tenggat`, mis. `tenggat 17:00`.",
    },
    "team.forecast_twice": {
        "en": "\u201c{text}\u201d says the same setting twice; give each once.",
        "id": "\u201c{text}\u201d menyebut pengaturan yang sama dua kali; sebutkan sekali saja.",
    },
    "team.forecast_not_work_day": {
        "en": "{day} is not a work day here, so nobody would be asked. Pick one of the work "
        "days: {days}. Nothing was changed.",
        "id": "{day} bukan hari kerja di sini, jadi tidak ada yang akan ditanya. Pilih salah "
        "satu hari kerja: {days}. Tidak ada yang diubah.",
    },
    "team.forecast_due_early": {
        "en": "The reminder ({due}) must come after the ask ({time}) on the same day. Nothing "
        "was changed.",
        "id": "Pengingat ({due}) harus sesudah permintaan ({time}) di hari yang sama. Tidak ada "
        "yang diubah.",
    },
    "team.forecast_set": {
        "en": "Forecast call of *{team}* saved: each rep is asked {day} at {time} for the "
        "{period}, and reminded at {due} ({tz}). It applies from the next one.",
        "id": "Proyeksi *{team}* disimpan: tiap rep ditanya hari {day} pukul {time} untuk "
        "{period} ini, dan diingatkan pukul {due} ({tz}). Berlaku mulai berikutnya.",
    },
    "role.team_forecast_not_yours": {
        "en": "The forecast call of *{team}* is set by its managers ({managers}) and admins "
        "({admins}). Nothing was changed.",
        "id": "Proyeksi *{team}* diatur oleh manajernya ({managers}) dan admin ({admins}). "
        "Tidak ada yang diubah.",
    },
    "team.card_forecast": {"en": "Forecast call", "id": "Proyeksi"},
    "team.card_forecast_value": {
        "en": "{day} {time}, reminder {due} · per {period}",
        "id": "{day} {time}, pengingat {due} · per {period}",
    },
    "forecast_period.month": {"en": "month", "id": "bulan"},
    "forecast_period.quarter": {"en": "quarter", "id": "kuartal"},
    "forecast_weekday.0": {"en": "Monday", "id": "Senin"},
    "forecast_weekday.1": {"en": "Tuesday", "id": "Selasa"},
    "forecast_weekday.2": {"en": "Wednesday", "id": "Rabu"},
    "forecast_weekday.3": {"en": "Thursday", "id": "Kamis"},
    "forecast_weekday.4": {"en": "Friday", "id": "Jumat"},
    "forecast_weekday.5": {"en": "Saturday", "id": "Sabtu"},
    "forecast_weekday.6": {"en": "Sunday", "id": "Minggu"},
    # --- the admins' App Home: a forecast post that failed ---------------------------------------
    "home.jobs.forecast": {
        "en": "Forecast call's ask to {user}",
        "id": "Permintaan proyeksi untuk {user}",
    },
    "home.jobs.forecast_remind": {
        "en": "Forecast call's reminder to {user}",
        "id": "Pengingat proyeksi untuk {user}",
    },
}
