"""Corong's own import format: one column per field, the header ``corong import template``
prints with one example row, and what ``corong export deals`` will write."""

from __future__ import annotations

import csv
import io

from commands.imports.columns import FIELDS

EXAMPLE = {
    "external_id": "CRM-1001",
    "name": "Toko Sinar Jaya",
    "value": "Rp 50.000.000",
    "currency": "IDR",
    "stage": "potential",
    "status": "open",
    "owner": "budi@example.co.id",
    "contact": "Budi (Owner)",
    "created": "2026-09-01",
    "stage_entered": "2026-10-15",
    "close_date": "2026-12-31",
    "next_step": "Send the revised quote",
    "next_step_due": "2026-12-10",
    "last_activity": "2026-11-28 14:30",
}


def template_csv() -> str:
    """The header and one example row, as CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    writer.writerow([EXAMPLE.get(field, "") for field in FIELDS])
    return out.getvalue()
