"""Initial schema: documents, labels (with the default four), annotators, spans.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

DEFAULT_LABELS = [
    {"name": "actor", "color": "#f4a261", "shortcut": "1",
     "description": "A person, group or organisation that acts or speaks"},
    {"name": "location", "color": "#2a9d8f", "shortcut": "2",
     "description": "A place: country, city, site, region"},
    {"name": "date", "color": "#8ab17d", "shortcut": "3", "description": "A date, time or period"},
    {"name": "claim", "color": "#e63946", "shortcut": "4",
     "description": "A statement someone makes that could be checked"},
]


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("source_path", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.UniqueConstraint("sha256", name="uq_documents_sha256"),
    )
    labels = op.create_table(
        "labels",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("color", sa.String(20), nullable=False),
        sa.Column("shortcut", sa.String(20), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.UniqueConstraint("name", name="uq_labels_name"),
        sa.UniqueConstraint("shortcut", name="uq_labels_shortcut"),
    )
    op.create_table(
        "annotators",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("name", name="uq_annotators_name"),
    )
    op.create_table(
        "spans",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(),
                  sa.ForeignKey("documents.id", ondelete="CASCADE", name="fk_spans_document_id_documents"),
                  nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("label_id", sa.Integer(), sa.ForeignKey("labels.id", name="fk_spans_label_id_labels"),
                  nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("annotator_id", sa.Integer(),
                  sa.ForeignKey("annotators.id", name="fk_spans_annotator_id_annotators"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reviewer_id", sa.Integer(),
                  sa.ForeignKey("annotators.id", name="fk_spans_reviewer_id_annotators"), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint('start >= 0 AND "end" > start', name="ck_spans_offsets"),
        sa.CheckConstraint("status IN ('draft', 'accepted', 'rejected')", name="ck_spans_status"),
        sa.UniqueConstraint("document_id", "start", "end", "label_id", "annotator_id",
                            name="uq_spans_identity"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_spans_document_start", "spans", ["document_id", "start"])
    op.create_index("ix_spans_annotator", "spans", ["annotator_id"])
    op.create_index("ix_spans_label", "spans", ["label_id"])
    op.bulk_insert(labels, DEFAULT_LABELS)


def downgrade() -> None:
    op.drop_table("spans")
    op.drop_table("annotators")
    op.drop_table("labels")
    op.drop_table("documents")
