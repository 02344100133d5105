"""The Store: every read and every user action on the database, each action one committed transaction.

It is assembled from parts, each in its own module: spans (with history and permissions), labels,
users and roles; documents are read here.
"""

from __future__ import annotations

from sqlalchemy import func, select

from annotator.core.errors import AnnotatorError
from annotator.core.model import DocumentSummary, StoredDocument
from annotator.store.base import StoreBase, annotators_t, documents_t, history_t, labels_t, spans_t
from annotator.store.labels import LabelAdmin
from annotator.store.links import LinkActions
from annotator.store.project import ProjectActions
from annotator.store.spans import SpanActions
from annotator.store.suggestions import SuggestionActions
from annotator.store.trained_models import TrainedModelActions
from annotator.store.users import UserAdmin

__all__ = ["Store", "annotators_t", "documents_t", "history_t", "labels_t", "spans_t"]


_CHANGE_MARKER = ("SELECT (SELECT max(id) FROM documents), (SELECT max(id) FROM spans), "
                  "(SELECT max(id) FROM span_history), (SELECT max(id) FROM labels)")


class Store(SpanActions, LinkActions, SuggestionActions, TrainedModelActions, ProjectActions, LabelAdmin, UserAdmin,
            StoreBase):
    def document_count(self) -> int:
        with self.read() as connection:
            return connection.scalar(select(func.count()).select_from(documents_t)) or 0

    def change_marker(self) -> tuple[int | None, ...]:
        """Changes whenever anyone (this process or another) adds a document, a span or a span change:
        the window compares it with what it last saw to tell that someone else wrote. Four indexed
        maximums, so it is cheap enough to ask every few seconds."""
        with self.read() as connection:
            # Plain SQL: asked after every action in the window, where compiling a statement would cost
            # more than the four index look-ups themselves.
            return tuple(connection.exec_driver_sql(_CHANGE_MARKER).one())

    def document(self, document_id: int) -> StoredDocument:
        with self.read() as connection:
            row = connection.execute(select(documents_t).where(documents_t.c.id == document_id)).first()
        if row is None:
            raise AnnotatorError(f"there is no document with id {document_id}")
        return StoredDocument(row.id, row.name, row.text, row.sha256, row.source_path, dict(row.meta or {}))

    def document_summaries(self) -> list[DocumentSummary]:
        """Every document with its span count and how many spans are the current user's."""
        with self.read() as connection:
            # -1 when the user has no spans yet: comparing with None would match the outer join's NULLs.
            me = connection.scalar(select(annotators_t.c.id).where(annotators_t.c.name == self.user)) or -1
            mine = func.sum(func.coalesce((spans_t.c.annotator_id == me).cast(spans_t.c.start.type), 0))
            query = (
                select(documents_t.c.id, documents_t.c.name, func.count(spans_t.c.id), mine)
                .select_from(documents_t.outerjoin(spans_t, spans_t.c.document_id == documents_t.c.id))
                .group_by(documents_t.c.id, documents_t.c.name)
                .order_by(documents_t.c.id)
            )
            return [DocumentSummary(r[0], r[1], r[2], int(r[3] or 0)) for r in connection.execute(query)]

