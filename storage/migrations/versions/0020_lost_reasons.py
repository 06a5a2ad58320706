"""Why deals are lost: a reason key on every lost deal, and the workspace's list of reasons

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 23:00:00

``deal.lost_reason_key`` is the reason from the workspace's list (``price``, ``competitor``
...) and ``lost_reason`` stays the words typed; ``workspace.lost_reasons`` is the list admins
edit (empty: the built-in one). Deals lost before this get the built-in reason their words name,
else ``other``. The words are a frozen copy of ``commands.deals.lost_reasons`` as of this
revision: a migration must give the same result whatever the code says later.
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_WORDS = {
    "price": "price|pricing|too expensive|expensive|cost|harga|mahal",
    "competitor": "competitor|competition|pesaing|kompetitor|saingan",
    "no_budget": "no budget|budget|tidak ada anggaran|tak ada anggaran|tidak ada budget|anggaran"
    "|dana|no_budget",
    "no_decision": "no decision|undecided|tidak ada keputusan|belum ada keputusan|keputusan",
    "timing": "timing|not now|bad timing|waktu|belum waktunya|waktunya",
    "product_fit": "product fit|not a fit|fit|kecocokan produk|produk tidak cocok|tidak cocok"
    "|cocok",
    "went_silent": "went silent|silent|ghosted|no response|no reply|menghilang|tidak ada kabar"
    "|tidak merespons|tidak ada respon|hilang",
}


def _key(text: str | None) -> str:
    said = " " + " ".join(re.findall(r"[^\W_]+", (text or "").casefold())) + " "
    best: tuple[int, int, str] | None = None
    for key, words in _WORDS.items():
        for phrase in words.split("|"):
            at = said.find(f" {phrase} ")
            if at >= 0 and (best is None or (at, -len(phrase)) < best[:2]):
                best = (at, -len(phrase), key)
    return best[2] if best else "other"


def upgrade() -> None:
    # Plain ADD COLUMNs: SQLite's batch mode would copy tables other rows reference.
    op.add_column("deal", sa.Column("lost_reason_key", sa.String(length=64), nullable=True))
    op.add_column("workspace", sa.Column("lost_reasons", sa.JSON(), nullable=True))
    bind = op.get_bind()
    deal = sa.table(
        "deal",
        sa.column("id", sa.Integer()),
        sa.column("status", sa.String()),
        sa.column("lost_reason", sa.String()),
        sa.column("lost_reason_key", sa.String()),
    )
    lost = bind.execute(sa.select(deal.c.id, deal.c.lost_reason).where(deal.c.status == "lost"))
    for deal_id, reason in lost.all():
        bind.execute(deal.update().where(deal.c.id == deal_id).values(lost_reason_key=_key(reason)))


def downgrade() -> None:
    op.drop_column("workspace", "lost_reasons")  # SQLite 3.35+ drops a column in place
    op.drop_column("deal", "lost_reason_key")
