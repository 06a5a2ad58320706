"""When a deal entered the stage each move took it out of (``StageChange.from_entered_at``).

New moves record it as they are written (``commands.deals.deal``); this fills it for rows written
without it: moves from before the column existed (migration 0005) and bulk-loaded history
(benchmarks, test fixtures). The entry is the deal's previous standing move: reverted moves
are skipped as if they never happened, as everywhere in the reports.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

_FILL = text(
    """
    UPDATE stagechange SET from_entered_at = (
        SELECT entry.changed_at FROM stagechange AS entry
        WHERE entry.deal_id = stagechange.deal_id
          AND entry.reverted_at IS NULL
          AND (entry.changed_at < stagechange.changed_at
               OR (entry.changed_at = stagechange.changed_at AND entry.id < stagechange.id))
        ORDER BY entry.changed_at DESC, entry.id DESC
        LIMIT 1
    )
    WHERE from_stage IS NOT NULL AND from_entered_at IS NULL
    """
)


def fill_stay_starts(connection: Connection) -> int:
    """Fill ``from_entered_at`` where it is missing; returns how many moves were filled."""
    return connection.execute(_FILL).rowcount
