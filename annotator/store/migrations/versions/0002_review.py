"""Review: annotator roles, review time on spans, and the span history.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("annotators") as batch:
        batch.add_column(sa.Column("role", sa.String(20), nullable=False, server_default="annotator"))
    with op.batch_alter_table("spans") as batch:
        batch.add_column(sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "span_history",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("span_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(),
                  sa.ForeignKey("documents.id", ondelete="CASCADE", name="fk_span_history_document_id_documents"),
                  nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("actor_id", sa.Integer(),
                  sa.ForeignKey("annotators.id", name="fk_span_history_actor_id_annotators"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("reverted", sa.Boolean(), nullable=False, server_default=sa.false()),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_span_history_document_actor", "span_history", ["document_id", "actor_id", "id"])
    op.create_index("ix_span_history_span", "span_history", ["span_id"])


def downgrade() -> None:
    op.drop_table("span_history")
    with op.batch_alter_table("spans") as batch:
        batch.drop_column("reviewed_at")
    with op.batch_alter_table("annotators") as batch:
        batch.drop_column("role")
