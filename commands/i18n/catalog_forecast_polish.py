"""The forecast call's finishing touches: the ask redrawn once the forecast is in, a team's
forecast call switched off, and the roll-up's compact column headers."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- the ask (in the nudge, the DM, the reminder) once answered -----------------------------
    "forecast_ask.sent": {
        "en": ":white_check_mark: *Forecast sent:* commit {commit} · best case {best_case} "
        "({period}).",
        "id": ":white_check_mark: *Proyeksi terkirim:* komitmen {commit} · skenario terbaik "
        "{best_case} ({period}).",
    },
    "forecast_ask.update": {"en": "Update", "id": "Ubah"},
    # --- /sales team Jakarta forecast off | on ---------------------------------------------------
    "team.forecast_off": {
        "en": "Forecast call of *{team}* is off: its reps are not asked or reminded, and its "
        "digest has no forecast roll-up. `/forecast` still works for anyone who wants it.",
        "id": "Proyeksi *{team}* dimatikan: rep-nya tidak ditanya atau diingatkan, dan ringkasan "
        "mingguannya tanpa rekap proyeksi. `/forecast` tetap bisa dipakai siapa saja.",
    },
    "team.card_forecast_off": {"en": "off", "id": "mati"},
    # --- the roll-up's table: compact amounts, the currency named once ---------------------------
    "forecast.col.commit_in": {"en": "Commit {currency}", "id": "Komitmen {currency}"},
}
