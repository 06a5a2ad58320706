"""Deals brought in from another CRM or a spreadsheet, and the imports that brought them

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 14:00:00

A deal remembers where it came from (``source``: hubspot, pipedrive, salesforce, corong) and
its id there (``external_id``), so importing the same file again finds it instead of adding
it twice. Each import is a row of ``importbatch``; its audit entries point at it, which is
how one import is taken back as one change.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "importbatch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("undone_at", storage.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"]),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_importbatch_ws_time", "importbatch", ["workspace_id", "created_at"])
    with op.batch_alter_table("deal") as batch:
        batch.add_column(sa.Column("source", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("external_id", sa.String(length=100), nullable=True))
    op.create_index(
        "uq_deal_ws_source_external",
        "deal",
        ["workspace_id", "source", "external_id"],
        unique=True,
        sqlite_where=sa.text("external_id IS NOT NULL"),
        postgresql_where=sa.text("external_id IS NOT NULL"),
    )
    with op.batch_alter_table("auditentry") as batch:
        batch.add_column(sa.Column("import_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_auditentry_import", "importbatch", ["import_id"], ["id"])
    op.create_index(
        "ix_audit_import",
        "auditentry",
        ["import_id"],
        sqlite_where=sa.text("import_id IS NOT NULL"),
        postgresql_where=sa.text("import_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_audit_import", table_name="auditentry")
    with op.batch_alter_table("auditentry") as batch:
        batch.drop_constraint("fk_auditentry_import", type_="foreignkey")
        batch.drop_column("import_id")
    op.drop_index("uq_deal_ws_source_external", table_name="deal")
    with op.batch_alter_table("deal") as batch:
        batch.drop_column("external_id")
        batch.drop_column("source")
    op.drop_index("ix_importbatch_ws_time", table_name="importbatch")
    op.drop_table("importbatch")
