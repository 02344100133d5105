"""Suggestions (spans proposed by a source, kept apart from spans), their rejections per user and place,
the gazetteer, and each span's origin (manual, or the suggestion source it was accepted from).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("spans") as batch:
        batch.add_column(sa.Column("origin", sa.String(40), nullable=False, server_default="manual"))
    op.create_table(
        "suggestions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE",
                                                             name="fk_suggestions_document_id_documents"),
                  nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("label_id", sa.Integer(), sa.ForeignKey("labels.id", name="fk_suggestions_label_id_labels"),
                  nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("document_id", "start", "end", "label_id", "source", name="uq_suggestions_identity"),
    )
    op.create_index("ix_suggestions_document", "suggestions", ["document_id", "start"])
    op.create_table(
        "suggestion_rejections",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("annotator_id", sa.Integer(), sa.ForeignKey(
            "annotators.id", name="fk_suggestion_rejections_annotator_id_annotators"), nullable=False),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey(
            "documents.id", ondelete="CASCADE", name="fk_suggestion_rejections_document_id_documents"),
            nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("label_id", sa.Integer(), sa.ForeignKey(
            "labels.id", name="fk_suggestion_rejections_label_id_labels"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("annotator_id", "document_id", "start", "end", "label_id",
                            name="uq_suggestion_rejections_identity"),
    )
    op.create_table(
        "gazetteer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("label_id", sa.Integer(), sa.ForeignKey("labels.id", name="fk_gazetteer_label_id_labels"),
                  nullable=False),
        sa.UniqueConstraint("text", "label_id", name="uq_gazetteer_text"),
    )


def downgrade() -> None:
    op.drop_table("gazetteer")
    op.drop_table("suggestion_rejections")
    op.drop_table("suggestions")
    with op.batch_alter_table("spans") as batch:
        batch.drop_column("origin")
