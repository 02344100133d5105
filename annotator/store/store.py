"""The Store: every read and every user action on the database, each action one committed transaction."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from annotator.core.errors import AnnotatorError, SpanError
from annotator.core.model import DocumentSummary, LabelSpec, StoredDocument, StoredSpan
from annotator.core.spans import check_span, check_status
from annotator.store.models import Annotator, Document, Label, Span, utcnow

documents_t = Document.__table__
labels_t = Label.__table__
annotators_t = Annotator.__table__
spans_t = Span.__table__

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_LOCK_RETRIES = 6


class Store:
    """One database, seen by one user. Offsets are code points into the stored text."""

    def __init__(self, engine: Engine, user: str) -> None:
        if not user or not user.strip():
            raise AnnotatorError("the user name must not be empty")
        self.engine = engine
        self.user = user.strip()
        self._annotator_ids: dict[str, int] = {}
        self._annotator_names: dict[int, str] = {}
        self._label_ids: dict[str, int] = {}
        self._label_names: dict[int, str] = {}
        self._texts: dict[int, str] = {}

    # -- transactions -------------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One committed transaction. Taking the write lock is retried with backoff beyond SQLite's
        own busy timeout, so "database is locked" does not reach the user while another process writes."""
        connection = self._begin_write()
        try:
            yield connection
            connection.commit()
        except BaseException:
            connection.rollback()
            # Ids cached during the failed transaction may name rows that no longer exist.
            self._forget_cached_ids()
            raise
        finally:
            connection.close()

    def _forget_cached_ids(self) -> None:
        self._annotator_ids.clear()
        self._annotator_names.clear()
        self._label_ids.clear()
        self._label_names.clear()

    def _begin_write(self) -> Connection:
        for attempt in range(_LOCK_RETRIES):
            connection = self.engine.connect()
            try:
                connection.begin()
                return connection
            except OperationalError as error:
                connection.close()
                if "locked" not in str(error.orig) or attempt == _LOCK_RETRIES - 1:
                    raise
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    def read(self) -> Connection:
        from annotator.store.database import READ_ONLY

        return self.engine.connect().execution_options(**{READ_ONLY: True})

    # -- names <-> ids --------------------------------------------------------------------------

    def annotator_id(self, connection: Connection, name: str) -> int:
        name = name.strip()
        if name in self._annotator_ids:
            return self._annotator_ids[name]
        found = connection.scalar(select(annotators_t.c.id).where(annotators_t.c.name == name))
        if found is None:
            found = connection.scalar(
                insert(annotators_t).values(name=name, created_at=utcnow()).returning(annotators_t.c.id)
            )
        self._annotator_ids[name] = found
        self._annotator_names[found] = name
        return found

    def annotator_name(self, connection: Connection, annotator_id: int) -> str | None:
        if annotator_id not in self._annotator_names:
            rows = connection.execute(select(annotators_t.c.id, annotators_t.c.name)).all()
            self._annotator_names.update({row.id: row.name for row in rows})
        return self._annotator_names.get(annotator_id)

    def _reload_labels(self, connection: Connection) -> None:
        rows = connection.execute(select(labels_t.c.id, labels_t.c.name)).all()
        self._label_ids = {row.name: row.id for row in rows}
        self._label_names = {row.id: row.name for row in rows}

    def label_id(self, connection: Connection, name: str) -> int:
        if name not in self._label_ids:
            self._reload_labels(connection)
        if name not in self._label_ids:
            known = ", ".join(sorted(self._label_ids))
            raise AnnotatorError(f"unknown label {name!r} (known: {known}; add it with 'annotator labels add')")
        return self._label_ids[name]

    def label_name(self, connection: Connection, label_id: int) -> str:
        if label_id not in self._label_names:
            self._reload_labels(connection)
        return self._label_names[label_id]

    def document_text(self, connection: Connection, document_id: int) -> str:
        # Document text never changes once stored, so it can be cached for offset checks.
        if document_id not in self._texts:
            text = connection.scalar(select(documents_t.c.text).where(documents_t.c.id == document_id))
            if text is None:
                raise AnnotatorError(f"there is no document with id {document_id}")
            self._texts[document_id] = text
        return self._texts[document_id]

    # -- documents ----------------------------------------------------------------------------

    def document_count(self) -> int:
        with self.read() as connection:
            return connection.scalar(select(func.count()).select_from(documents_t)) or 0

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

    # -- spans --------------------------------------------------------------------------------

    def _stored(self, connection: Connection, row) -> StoredSpan:  # type: ignore[no-untyped-def]
        return StoredSpan(
            id=row.id,
            document_id=row.document_id,
            start=row.start,
            end=row.end,
            label=self.label_name(connection, row.label_id),
            text=row.text,
            annotator=self.annotator_name(connection, row.annotator_id),
            status=row.status,
            note=row.note,
            reviewer=self.annotator_name(connection, row.reviewer_id) if row.reviewer_id else None,
        )

    def spans(self, document_id: int) -> list[StoredSpan]:
        with self.read() as connection:
            self._reload_labels(connection)
            self.annotator_name(connection, -1)  # refresh the name cache once, not per row
            labels, names = self._label_names, self._annotator_names
            rows = connection.execute(
                select(spans_t.c.id, spans_t.c.document_id, spans_t.c.start, spans_t.c.end, spans_t.c.label_id,
                       spans_t.c.text, spans_t.c.annotator_id, spans_t.c.status, spans_t.c.note,
                       spans_t.c.reviewer_id)
                .where(spans_t.c.document_id == document_id)
                .order_by(spans_t.c.start, spans_t.c.end, spans_t.c.id)
            )
            return [
                StoredSpan(i, d, s, e, labels[lb], t, names[a], st, n, names[r] if r else None)
                for i, d, s, e, lb, t, a, st, n, r in rows
            ]

    def span(self, span_id: int) -> StoredSpan | None:
        with self.read() as connection:
            row = connection.execute(select(spans_t).where(spans_t.c.id == span_id)).first()
            return self._stored(connection, row) if row is not None else None

    def _refuse_duplicate(self, connection: Connection, document_id: int, start: int, end: int,
                          label_id: int, annotator_id: int) -> None:
        exists = connection.scalar(
            select(spans_t.c.id).where(
                spans_t.c.document_id == document_id,
                spans_t.c.start == start,
                spans_t.c.end == end,
                spans_t.c.label_id == label_id,
                spans_t.c.annotator_id == annotator_id,
            )
        )
        if exists is not None:
            raise SpanError(f"this span already exists (span {exists})")

    def add_span(self, document_id: int, start: int, end: int, label: str, *, annotator: str | None = None,
                 snapshot: str | None = None, status: str = "draft", note: str | None = None,
                 span_id: int | None = None) -> StoredSpan:
        """Store a new span, checking the offset invariant and refusing exact duplicates."""
        check_status(status)
        with self.write() as connection:
            text = check_span(self.document_text(connection, document_id), start, end, snapshot)
            label_id = self.label_id(connection, label)
            annotator_id = self.annotator_id(connection, annotator or self.user)
            self._refuse_duplicate(connection, document_id, start, end, label_id, annotator_id)
            now = utcnow()
            values = dict(document_id=document_id, start=start, end=end, label_id=label_id, text=text,
                          annotator_id=annotator_id, status=status, note=note, created_at=now, updated_at=now)
            if span_id is not None:
                values["id"] = span_id
            try:
                new_id = connection.scalar(insert(spans_t).values(**values).returning(spans_t.c.id))
            except IntegrityError as error:
                raise SpanError(f"the span was refused by the database: {error.orig}") from None
        return StoredSpan(new_id, document_id, start, end, label, text, annotator or self.user, status, note)

    def restore_span(self, span: StoredSpan) -> StoredSpan:
        """Put a deleted span back under its old id (undo of a delete)."""
        return self.add_span(span.document_id, span.start, span.end, span.label, annotator=span.annotator,
                             snapshot=span.text, status=span.status, note=span.note, span_id=span.id)

    def delete_span(self, span_id: int) -> StoredSpan:
        with self.write() as connection:
            row = connection.execute(select(spans_t).where(spans_t.c.id == span_id)).first()
            if row is None:
                raise SpanError(f"there is no span with id {span_id}")
            removed = self._stored(connection, row)
            connection.execute(delete(spans_t).where(spans_t.c.id == span_id))
        return removed

    def relabel_span(self, span_id: int, label: str) -> StoredSpan:
        """Change a span's label; returns the span as it is now."""
        with self.write() as connection:
            row = connection.execute(select(spans_t).where(spans_t.c.id == span_id)).first()
            if row is None:
                raise SpanError(f"there is no span with id {span_id}")
            label_id = self.label_id(connection, label)
            if label_id != row.label_id:
                self._refuse_duplicate(connection, row.document_id, row.start, row.end, label_id,
                                       row.annotator_id)
                connection.execute(
                    update(spans_t).where(spans_t.c.id == span_id).values(label_id=label_id, updated_at=utcnow())
                )
            return replace(self._stored(connection, row), label=label)

    # -- labels -------------------------------------------------------------------------------

    def labels(self) -> list[LabelSpec]:
        with self.read() as connection:
            rows = connection.execute(select(labels_t).order_by(labels_t.c.shortcut.is_(None),
                                                                 labels_t.c.shortcut, labels_t.c.id))
            return [LabelSpec(r.name, r.color, r.shortcut, r.description) for r in rows]

    def add_label(self, spec: LabelSpec) -> LabelSpec:
        name = spec.name.strip()
        if not name or any(c.isspace() for c in name):
            raise AnnotatorError(f"a label name must be one word, got {spec.name!r}")
        self._check_color(spec.color)
        with self.write() as connection:
            if connection.scalar(select(labels_t.c.id).where(labels_t.c.name == name)) is not None:
                raise AnnotatorError(f"label {name!r} already exists")
            self._check_shortcut_free(connection, spec.shortcut)
            connection.execute(insert(labels_t).values(name=name, color=spec.color, shortcut=spec.shortcut,
                                                       description=spec.description))
            self._reload_labels(connection)
        return replace(spec, name=name)

    def update_label(self, name: str, *, new_name: str | None = None, color: str | None = None,
                     shortcut: str | None = None, description: str | None = None) -> None:
        with self.write() as connection:
            label_id = self.label_id(connection, name)
            values: dict[str, object] = {}
            if new_name is not None and new_name != name:
                new_name = new_name.strip()
                if not new_name or any(c.isspace() for c in new_name):
                    raise AnnotatorError(f"a label name must be one word, got {new_name!r}")
                if connection.scalar(select(labels_t.c.id).where(labels_t.c.name == new_name)) is not None:
                    raise AnnotatorError(f"label {new_name!r} already exists")
                values["name"] = new_name
            if color is not None:
                values["color"] = self._check_color(color)
            if shortcut is not None:
                self._check_shortcut_free(connection, shortcut or None, except_id=label_id)
                values["shortcut"] = shortcut or None
            if description is not None:
                values["description"] = description
            if values:
                connection.execute(update(labels_t).where(labels_t.c.id == label_id).values(**values))
            self._reload_labels(connection)

    @staticmethod
    def _check_color(color: str) -> str:
        if not _COLOR.match(color):
            raise AnnotatorError(f"a colour is written #rrggbb, got {color!r}")
        return color

    @staticmethod
    def _check_shortcut_free(connection: Connection, shortcut: str | None, except_id: int | None = None) -> None:
        if not shortcut:
            return
        owner = connection.execute(select(labels_t.c.id, labels_t.c.name)
                                   .where(labels_t.c.shortcut == shortcut)).first()
        if owner is not None and owner.id != except_id:
            raise AnnotatorError(f"key {shortcut!r} is already used by label {owner.name!r}")
