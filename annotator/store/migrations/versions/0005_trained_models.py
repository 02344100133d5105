"""Which source proposed a rejected suggestion (counted per source in the Suggestions panel), and the
project's trained suggestion model (crfsuite bytes), with what it was trained on and its held-out
scores, kept in the database so that a team shares it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("suggestion_rejections") as batch:
        batch.add_column(sa.Column("source", sa.String(20), nullable=True))
    op.create_table(
        "trained_models",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("trained_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("trained_by", sa.String(200), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("tokens", sa.Integer(), nullable=False),
        sa.Column("spans", sa.Integer(), nullable=False),
        sa.UniqueConstraint("name", name="uq_trained_models_name"),
    )


def downgrade() -> None:
    op.drop_table("trained_models")
    with op.batch_alter_table("suggestion_rejections") as batch:
        batch.drop_column("source")
