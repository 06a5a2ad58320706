"""Deal alerts in a team's channel and the daily budget of scheduled posts: the alert posts,
``/sales team … alerts``, and how the admins' App Home names an alert or a post the budget held.

Placeholders arrive formatted (money for the locale, people as mentions, user text escaped).
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- the alert posts -----------------------------------------------------------------------
    "alerts.won": {
        "en": ":trophy: {owner} won *{ref}* {name} · {value}",
        "id": ":trophy: {owner} memenangkan *{ref}* {name} · {value}",
    },
    "alerts.closeable": {
        "en": ":dart: {owner} moved *{ref}* {name} to {stage} · {value}",
        "id": ":dart: {owner} memindahkan *{ref}* {name} ke {stage} · {value}",
    },
    "alerts.lost": {
        "en": ":small_red_triangle_down: {owner} lost *{ref}* {name} · {value}",
        "id": ":small_red_triangle_down: {owner} kehilangan *{ref}* {name} · {value}",
    },
    "alerts.lost_reason": {"en": "reason: {reason}", "id": "alasan: {reason}"},
    "alerts.footer": {
        "en": "Deal alert for team {team}",
        "id": "Peringatan deal untuk tim {team}",
    },
    "alerts.batch_title": {
        "en": ":bell: *{count} deal alerts for team {team}*",
        "id": ":bell: *{count} peringatan deal untuk tim {team}*",
    },
    "alerts.batch_note": {
        "en": "More than {limit} alerts in an hour come together in one post.",
        "id": "Lebih dari {limit} peringatan dalam satu jam digabung dalam satu posting.",
    },
    "alerts.batch_more": {
        "en": "… and {count} more deal alerts",
        "id": "… dan {count} peringatan deal lainnya",
    },
    # --- /sales team Jakarta alerts ------------------------------------------------------------
    "example.team_alerts": {
        "en": "/sales team Jakarta alerts won:100jt closeable:250jt lost:100jt",
        "id": "/sales team Jakarta peringatan menang:100jt closing:250jt kalah:100jt",
    },
    "team.alerts_usage": {
        "en": "\u201c{text}\u201d is not an alert setting. Give the least value per event: "
        "`won:100jt`, `closeable:250jt`, `lost:100jt` (`won:off` drops one; `off` drops all).",
        "id": "\u201c{text}\u201d bukan pengaturan peringatan. Sebutkan nilai terkecil per "
        "kejadian: `menang:100jt`, `closing:250jt`, `kalah:100jt` (`menang:mati` menghapus "
        "satu; `mati` menghapus semuanya).",
    },
    "team.alerts_set": {
        "en": "Deal alerts of *{team}* saved: {channel} hears of each deal that reaches them, "
        "once.",
        "id": "Peringatan deal *{team}* disimpan: {channel} diberi tahu sekali untuk setiap deal "
        "yang mencapainya.",
    },
    "team.alerts_set_no_channel": {
        "en": "Deal alerts of *{team}* saved, but the team has no channel to post them in yet: "
        "`{example}`.",
        "id": "Peringatan deal *{team}* disimpan, tetapi tim ini belum punya kanal untuk "
        "mempostingnya: `{example}`.",
    },
    "team.alerts_off": {
        "en": "Deal alerts of *{team}* are off.",
        "id": "Peringatan deal *{team}* dimatikan.",
    },
    "role.team_alerts_not_yours": {
        "en": "Deal alerts of *{team}* are set by its managers ({managers}) and admins "
        "({admins}). Nothing was changed.",
        "id": "Peringatan deal *{team}* diatur oleh manajernya ({managers}) dan admin "
        "({admins}). Tidak ada yang diubah.",
    },
    "team.card_alerts": {"en": "Deal alerts", "id": "Peringatan deal"},
    "team.card_alerts_off": {"en": "off", "id": "mati"},
    "team.card_alert_won": {"en": "won \u2265 {value}", "id": "menang \u2265 {value}"},
    "team.card_alert_closeable": {
        "en": "to {stage} \u2265 {value}",
        "id": "ke {stage} \u2265 {value}",
    },
    "team.card_alert_lost": {"en": "lost \u2265 {value}", "id": "kalah \u2265 {value}"},
    # --- the admins' App Home --------------------------------------------------------------------
    "home.jobs.alert": {
        "en": "Deal alert in team {team}",
        "id": "Peringatan deal di tim {team}",
    },
    "home.jobs.held": {
        "en": "Held: the day's budget of scheduled posts was spent (`{code}`)",
        "id": "Ditahan: jatah harian postingan terjadwal sudah habis (`{code}`)",
    },
    "home.jobs.hint.daily_budget": {
        "en": "Corong posts at most a set number of scheduled posts a day, so that a fault "
        "cannot flood Slack. If today's posts were meant, whoever runs Corong can raise "
        "DAILY_POST_BUDGET; `corong jobs status` shows today's count.",
        "id": "Corong memposting paling banyak sejumlah postingan terjadwal per hari, agar "
        "gangguan tidak membanjiri Slack. Jika postingan hari ini memang dimaksudkan, pengelola "
        "Corong bisa menaikkan DAILY_POST_BUDGET; `corong jobs status` menampilkan jumlah hari "
        "ini.",
    },
}
