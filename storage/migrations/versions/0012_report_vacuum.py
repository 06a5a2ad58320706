"""PostgreSQL vacuums the activity and stage-change tables after every few thousand new rows

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 09:00:00

Reports read a period's activities and moves from covering indexes; PostgreSQL answers from the
index alone only for pages its visibility map marks all-visible, which only a vacuum does. By
default an append-only table is vacuumed after inserts of 20% of its size: at 2M activities,
every 400,000 new rows, months for a large team, so the newest pages (this week's, the ones
reports read most) are fetched from the heap row by row. A fixed threshold keeps them all-visible
within a day or so; a vacuum of inserted rows skips every page already all-visible, so each pass
is small. Deals are updated, not appended: they get a lower vacuum scale instead. SQLite has
nothing of the kind; this migration does nothing there.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPENDED = ("activity", "stagechange")
INSERT_SETTINGS = (
    "autovacuum_vacuum_insert_threshold = 5000, autovacuum_vacuum_insert_scale_factor = 0"
)
DEAL_SETTINGS = "autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in APPENDED:
        op.execute(f"ALTER TABLE {table} SET ({INSERT_SETTINGS})")
    op.execute(f"ALTER TABLE deal SET ({DEAL_SETTINGS})")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in APPENDED:
        op.execute(
            f"ALTER TABLE {table} RESET "
            "(autovacuum_vacuum_insert_threshold, autovacuum_vacuum_insert_scale_factor)"
        )
    op.execute(
        "ALTER TABLE deal RESET (autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor)"
    )
