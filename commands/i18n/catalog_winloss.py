"""Win/loss analysis (``/funnel month``, the CLI report, the digest's monthly edition) and the
lead source a deal came from (``source:``)."""

MESSAGES: dict[str, dict[str, str]] = {
    "winloss.title": {"en": "Win/loss · {period}", "id": "Menang/kalah · {period}"},
    "winloss.summary": {
        "en": "{won} won · {lost} lost · win rate {rate}",
        "id": "{won} menang · {lost} kalah · tingkat kemenangan {rate}",
    },
    "winloss.qualified": {
        "en": "Lost after a qualifying BANT: {count} of {lost} ({share}), qualifications that "
        "did not hold",
        "id": "Kalah setelah BANT lolos kualifikasi: {count} dari {lost} ({share}), "
        "kualifikasi yang tidak bertahan",
    },
    "winloss.none": {
        "en": "No deal was won or lost in this period.",
        "id": "Tidak ada deal yang menang atau kalah pada periode ini.",
    },
    "winloss.by_reason": {"en": "Losses by reason", "id": "Kekalahan per alasan"},
    "winloss.by_stage": {
        "en": "Losses by the stage they were lost at",
        "id": "Kekalahan per tahap saat kalah",
    },
    "winloss.by_source": {
        "en": "Win rate by lead source",
        "id": "Tingkat kemenangan per sumber lead",
    },
    "winloss.column.reason": {"en": "Reason", "id": "Alasan"},
    "winloss.column.stage": {"en": "Stage", "id": "Tahap"},
    "winloss.column.source": {"en": "Lead source", "id": "Sumber lead"},
    "winloss.column.won": {"en": "Won", "id": "Menang"},
    "winloss.column.lost": {"en": "Lost", "id": "Kalah"},
    "winloss.column.value": {"en": "Value", "id": "Nilai"},
    "winloss.column.win_rate": {"en": "Win rate", "id": "Tingkat menang"},
    "winloss.stage_unknown": {"en": "stage unknown", "id": "tahap tidak diketahui"},
    "winloss.source_not_set": {"en": "not set", "id": "belum diisi"},
    "winloss.more_sources": {
        "en": "… and {count} more lead sources",
        "id": "… dan {count} sumber lead lainnya",
    },
    "winloss.monthly": {
        "en": "Monthly edition: last month's win/loss is at the end of the thread.",
        "id": "Edisi bulanan: analisis menang/kalah bulan lalu ada di akhir utas.",
    },
    # The lead source of a deal: the option, the card's field, the form's question.
    "option.name.source": {"en": "source", "id": "sumber"},
    "field.label.source": {"en": "lead source", "id": "sumber lead"},
    "card.lead_source": {"en": "Lead source", "id": "Sumber lead"},
    "form.lead_source": {"en": "Lead source", "id": "Sumber lead"},
    "form.lead_source_hint": {
        "en": "Where the lead came from: referral, website, event …",
        "id": "Dari mana lead ini datang: rekomendasi, situs web, acara …",
    },
}
