"""The span history's index on span_id is dropped: no query looks the history up by span (undo and the
history view go by document and actor), and the index was one more page written on every tag.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_span_history_span", table_name="span_history")


def downgrade() -> None:
    op.create_index("ix_span_history_span", "span_history", ["span_id"])
