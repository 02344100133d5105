"""The store's foundation: tables, transactions, and the id <-> name caches every part uses."""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import DBAPIError, OperationalError

from annotator.core.errors import AnnotatorError
from annotator.core.model import StoredSpan
from annotator.core.text import user_problem
from annotator.store.bulk import at_driver, driver_sql
from annotator.store.database import sqlite_file
from annotator.store.models import annotators, documents, labels, span_history, spans, utcnow

documents_t = documents
labels_t = labels
annotators_t = annotators
spans_t = spans
history_t = span_history

_LOCK_RETRIES = 6
_LABEL_ID_BY_NAME = "SELECT id FROM labels WHERE name = ?"  # at the driver: asked in every tag


def _is_sqlite_file(engine: Engine) -> bool:
    url = engine.url.render_as_string()
    return sqlite_file(url) is not None and "mode=memory" not in url


class StoreBase:
    """One database, seen by one user. Offsets are code points into the stored text."""

    def __init__(self, engine: Engine, user: str) -> None:
        problem = user_problem(user)
        if problem:
            raise AnnotatorError(problem)
        self.engine = engine
        self.user = user
        self._annotator_ids: dict[str, int] = {}
        self._annotator_names: dict[int, str] = {}
        self._label_ids: dict[str, int] = {}
        self._label_names: dict[int, str] = {}
        self._labels_verified: set[str] = set()
        self._texts: dict[int, str] = {}
        # On a SQLite file, the thread that made this store keeps one connection for its writes: taking
        # one from the pool and giving it back cost as much as the INSERT of a tag. Outside a transaction
        # it holds no lock and no snapshot, as the pool's idle connections do not.
        self._writer: Connection | None = None
        self._writer_thread = threading.get_ident() if _is_sqlite_file(engine) else None

    # -- transactions -------------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One committed transaction. Taking the write lock is retried with backoff beyond SQLite's
        own busy timeout, so "database is locked" does not reach the user while another process writes."""
        connection, driver = self._begin_write()
        self._labels_verified.clear()  # label ids are checked again once in each transaction
        try:
            yield connection
            if driver is None or connection.in_transaction():  # (a statement through SQLAlchemy began its own)
                connection.commit()
            else:
                at_driver(connection, "COMMIT", ()).close()  # (an error raised as SQLAlchemy raises it)
        except BaseException as error:
            if driver is None or connection.in_transaction():
                connection.rollback()
            else:
                driver.rollback()
            # Ids cached during the failed transaction may name rows that no longer exist.
            self._forget_cached_ids()
            if connection is self._writer and isinstance(error, DBAPIError | OSError):
                self._drop_writer()  # a connection the database failed on is not kept
            raise
        finally:
            if connection is not self._writer:
                connection.close()

    def _forget_cached_ids(self) -> None:
        self._annotator_ids.clear()
        self._annotator_names.clear()
        self._label_ids.clear()
        self._label_names.clear()

    def _begin_write(self) -> tuple[Connection, Any]:
        """A connection in a write transaction, and the driver's connection when the transaction was begun
        there: the kept SQLite writer's BEGIN IMMEDIATE and COMMIT go to sqlite3 directly (SQLAlchemy's
        transaction cost more than the INSERT of a tag). A statement run through SQLAlchemy inside it makes
        SQLAlchemy begin its own transaction, which the database's "begin" hook sees is already open."""
        for attempt in range(_LOCK_RETRIES):
            connection = self._write_connection()
            try:
                if connection is self._writer:
                    at_driver(connection, "BEGIN IMMEDIATE", ()).close()
                    return connection, connection.connection.dbapi_connection
                connection.begin()
                return connection, None
            except OperationalError as error:
                if connection is self._writer:
                    self._drop_writer()
                else:
                    connection.close()
                if "locked" not in str(error.orig) or attempt == _LOCK_RETRIES - 1:
                    raise
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    def _write_connection(self) -> Connection:
        if self._writer_thread != threading.get_ident():
            return self.engine.connect()
        writer = self._writer
        if writer is None or writer.closed or writer.invalidated:
            writer = self._writer = self.engine.connect()
            # Given back to the pool when the store goes (the finalizer holds the connection, not the store).
            self._writer_finalizer = weakref.finalize(self, writer.close)
        elif writer.in_transaction() or writer.connection.dbapi_connection.in_transaction:
            # a write inside a write: its own connection, as before
            return self.engine.connect()
        return writer

    def _drop_writer(self) -> None:
        if self._writer is not None:
            self._writer_finalizer()
            self._writer = None

    def close(self) -> None:
        """Give the connection kept for writes back to the pool (the engine is the caller's)."""
        self._drop_writer()

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
            problem = user_problem(name)
            if problem:
                raise AnnotatorError(problem)
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
        """The label's id as the database says inside this transaction: another user may have renamed
        or re-added a label since we cached it (a cached id would store the span under the wrong label)."""
        if name in self._labels_verified:
            return self._label_ids[name]
        cursor = at_driver(connection, driver_sql(connection, _LABEL_ID_BY_NAME), (name,))
        row = cursor.fetchone()
        cursor.close()
        found = row[0] if row is not None else None
        if found is None or self._label_ids.get(name) != found:
            self._reload_labels(connection)
        if found is None:
            known = ", ".join(sorted(self._label_ids))
            raise AnnotatorError(f"unknown label {name!r} (known: {known}; add it with 'annotator labels add')")
        self._labels_verified.add(name)
        return found

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
            origin=row.origin,
        )

