"""Display: the labels of tables drawn as tables (``/sales quota``'s list) and of the chart's
attainment bar."""

MESSAGES: dict[str, dict[str, str]] = {
    "display.quota.who": {"en": "Rep or team", "id": "Sales atau tim"},
    "display.quota.amount": {"en": "Quota", "id": "Kuota"},
    "display.quota.period": {"en": "Per", "id": "Per"},
    "display.quota.since": {"en": "Since", "id": "Sejak"},
    "display.quota.team": {"en": "Team {team}", "id": "Tim {team}"},
    # Under the chart's attainment bar: "IDR 200,000,000 booked of the IDR 500,000,000 month
    # quota".
    "display.chart.booked": {
        "en": "{booked} booked of the {quota} {period} quota",
        "id": "{booked} tercapai dari kuota {period} {quota}",
    },
}
