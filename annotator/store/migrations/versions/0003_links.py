"""Links between spans (claim → source, time, place) and their types.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

DEFAULT_LINK_TYPES = [
    {"name": "source", "from_labels": ["claim"], "to_labels": ["actor"], "description": "who makes the claim"},
    {"name": "time", "from_labels": ["claim"], "to_labels": ["date"],
     "description": "when the claim was made, or what it is about"},
    {"name": "place", "from_labels": ["claim"], "to_labels": ["location"], "description": "where the claim was made"},
]


def upgrade() -> None:
    link_types = op.create_table(
        "link_types",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("from_labels", sa.JSON(), nullable=False),
        sa.Column("to_labels", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False, server_default=""),
        sa.UniqueConstraint("name", name="uq_link_types_name"),
    )
    op.bulk_insert(link_types, DEFAULT_LINK_TYPES)
    op.create_table(
        "links",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE",
                                                             name="fk_links_document_id_documents"), nullable=False),
        sa.Column("from_span_id", sa.Integer(), sa.ForeignKey("spans.id", ondelete="CASCADE",
                                                              name="fk_links_from_span_id_spans"), nullable=False),
        sa.Column("to_span_id", sa.Integer(), sa.ForeignKey("spans.id", ondelete="CASCADE",
                                                            name="fk_links_to_span_id_spans"), nullable=False),
        sa.Column("type_id", sa.Integer(), sa.ForeignKey("link_types.id", name="fk_links_type_id_link_types"),
                  nullable=False),
        sa.Column("annotator_id", sa.Integer(), sa.ForeignKey("annotators.id", name="fk_links_annotator_id_annotators"),
                  nullable=False),
        sa.Column("status", sa.String(20), nullable=False, server_default="draft"),
        sa.Column("reviewer_id", sa.Integer(), sa.ForeignKey("annotators.id", name="fk_links_reviewer_id_annotators"),
                  nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("from_span_id", "to_span_id", "type_id", "annotator_id", name="uq_links_identity"),
    )
    op.create_index("ix_links_document", "links", ["document_id"])
    op.create_index("ix_links_to", "links", ["to_span_id"])


def downgrade() -> None:
    op.drop_table("links")
    op.drop_table("link_types")
