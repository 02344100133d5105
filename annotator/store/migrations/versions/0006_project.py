"""Running a project: each annotator's state of each document (in progress, finished, skipped) with its
history, the documents assigned to each annotator, and project texts such as the guidelines.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _document(table: str) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("document_id", sa.Integer(), sa.ForeignKey(
        "documents.id", ondelete="CASCADE", name=f"fk_{table}_document_id_documents"), nullable=False)


def _annotator(table: str, name: str = "annotator_id", nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.Integer(), sa.ForeignKey("annotators.id", name=f"fk_{table}_{name}_annotators"),
                     nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "document_states",
        sa.Column("id", sa.Integer(), primary_key=True),
        _document("document_states"),
        _annotator("document_states"),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("document_id", "annotator_id", name="uq_document_states_identity"),
        sa.CheckConstraint("state IN ('in_progress', 'finished', 'skipped')", name="ck_document_states_state"),
    )
    op.create_table(
        "document_state_history",
        sa.Column("id", sa.Integer(), primary_key=True),
        _document("document_state_history"),
        _annotator("document_state_history"),
        _annotator("document_state_history", "actor_id"),
        sa.Column("before", sa.String(20), nullable=True),
        sa.Column("after", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_document_state_history_document", "document_state_history", ["document_id", "id"])
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), primary_key=True),
        _document("assignments"),
        _annotator("assignments"),
        _annotator("assignments", "assigned_by", nullable=True),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("document_id", "annotator_id", name="uq_assignments_identity"),
    )
    op.create_index("ix_assignments_annotator", "assignments", ["annotator_id", "document_id"])
    op.create_table(
        "project_texts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.UniqueConstraint("name", name="uq_project_texts_name"),
    )


def downgrade() -> None:
    op.drop_table("project_texts")
    op.drop_table("assignments")
    op.drop_table("document_state_history")
    op.drop_table("document_states")
