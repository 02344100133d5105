"""``insert_rows`` stores exactly what Core's insert stores (timestamps, JSON, booleans, NULLs), on SQLite
and PostgreSQL, and refuses rows that leave out a column Core would have filled."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, select, text

from annotator.store import Store, open_database
from annotator.store.base import history_t
from annotator.store.bulk import insert_rows


def _rows(document_id: int, actor: int, action: str) -> list[dict]:  # type: ignore[type-arg]
    at = datetime(2026, 12, 2, 3, 4, 5, 678901, tzinfo=UTC)
    return [dict(span_id=n, document_id=document_id, action=action, actor_id=actor, at=at,
                 before=None if n % 2 else {"n": n, "flag": True, "list": [1, "ب"]},
                 after={"one": 1, "true": True, "text": "قال"}, reverted=bool(n % 3 == 0)) for n in range(5)]


def test_rows_read_back_as_core_stores_them(store: Store, document_id: int) -> None:
    with store.write() as connection:
        actor = store.annotator_id(connection, store.user)
        connection.execute(insert(history_t), _rows(document_id, actor, "core"))
        insert_rows(connection, history_t, _rows(document_id, actor, "bulk"))
    with store.read() as connection:
        columns = [c for c in history_t.c if c.name not in ("id", "action")]
        read = {action: [tuple(r) for r in connection.execute(
            select(*columns).where(history_t.c.action == action).order_by(history_t.c.span_id))]
            for action in ("core", "bulk")}
        # As stored, not only as read back: Core writes None into a JSON column as JSON null, not SQL NULL.
        stored = {action: connection.execute(text(
            "SELECT before IS NULL, CAST(at AS TEXT) FROM span_history WHERE action = :a ORDER BY span_id"),
            {"a": action}).all() for action in ("core", "bulk")}
    assert len(read["bulk"]) == 5
    assert read["bulk"] == read["core"]
    assert stored["bulk"] == stored["core"]
    assert read["bulk"][1][4] is None and read["bulk"][0][4]["list"] == [1, "ب"]


def test_a_column_with_a_default_cannot_be_left_out(sqlite_url: str) -> None:
    store = Store(open_database(sqlite_url), "alice")
    row = _rows(1, 1, "bulk")[0]
    del row["reverted"]
    with pytest.raises(ValueError, match="no value for reverted"), store.write() as connection:
        insert_rows(connection, history_t, [row])
    store.engine.dispose()


# The characters a text format could mistake for its own: tab, newlines, backslash escapes, a lone CR.
AWKWARD = ["قال\tالرئيس", "سطر\nسطر", "C:\\new\\table", "\\N", "نهاية\r", "😀 CNN", ""]


def test_awkward_text_reads_back_as_it_was_written(store: Store, document_id: int) -> None:
    from annotator.store.base import spans_t
    from annotator.store.bulk import insert_tuples

    now = datetime(2026, 12, 2, 3, 4, 5, tzinfo=UTC)
    with store.write() as connection:
        actor = store.annotator_id(connection, store.user)
        label = store.label_id(connection, "actor")
        insert_tuples(connection, spans_t, ("document_id", "start", "end", "label_id", "text", "annotator_id",
                                            "status", "note", "created_at", "updated_at", "origin"),
                      [(document_id, n, n + 1, label, value, actor, "draft", value or None, now, now, "manual")
                       for n, value in enumerate(AWKWARD)])
    with store.read() as connection:
        rows = connection.execute(select(spans_t.c.text, spans_t.c.note, spans_t.c.created_at)
                                  .order_by(spans_t.c.start)).all()
    assert [r.text for r in rows] == AWKWARD
    assert [r.note for r in rows] == [v or None for v in AWKWARD]
    assert all(r.created_at.replace(tzinfo=UTC) == now for r in rows)


_SPAN_COLUMNS = ("document_id", "start", "end", "label_id", "text", "annotator_id", "status", "note", "created_at",
                 "updated_at", "origin")


def _insert_utf8_spans(store: Store, document_id: int) -> None:
    """The awkward texts given as UTF-8 bytes (as the import reader sends a document's text)."""
    from annotator.store.base import spans_t
    from annotator.store.bulk import insert_tuples

    now = datetime(2026, 12, 2, 3, 4, 5, tzinfo=UTC)
    with store.write() as connection:
        actor = store.annotator_id(connection, store.user)
        label = store.label_id(connection, "actor")
        insert_tuples(connection, spans_t, _SPAN_COLUMNS,
                      [(document_id, n, n + 1, label, value.encode("utf-8"), actor, "draft", None, now, now, "manual")
                       for n, value in enumerate(AWKWARD)], utf8=("text",))


def test_text_given_as_utf8_is_stored_as_text(store: Store, document_id: int) -> None:
    from annotator.store.base import spans_t

    _insert_utf8_spans(store, document_id)
    with store.read() as connection:
        read = connection.scalars(select(spans_t.c.text).order_by(spans_t.c.start)).all()
        kinds = (connection.exec_driver_sql("SELECT DISTINCT typeof(text) FROM spans").scalars().all()
                 if connection.dialect.name == "sqlite" else ["text"])
    assert read == AWKWARD
    assert kinds == ["text"]  # not a blob: SQL compares, searches and exports it as text


def test_text_given_as_utf8_in_a_utf16_sqlite_file_is_decoded_first(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from annotator.core.model import DocumentRecord
    from annotator.store.base import spans_t
    from annotator.store.transfer import import_records

    path = tmp_path / "utf16.db"
    made = sqlite3.connect(path)
    made.execute("PRAGMA encoding = 'UTF-16le'")  # (a file some other program made)
    made.execute("CREATE TABLE made_elsewhere (x)")  # (the encoding is written with the first page)
    made.execute("DROP TABLE made_elsewhere")
    made.close()
    store = Store(open_database(f"sqlite:///{path}"), "alice")
    document_id = import_records(store, "d", [DocumentRecord("d", "ن" * 10)]).document_ids[0]
    _insert_utf8_spans(store, document_id)
    with store.read() as connection:
        read = connection.scalars(select(spans_t.c.text).order_by(spans_t.c.start)).all()
        encoding = connection.exec_driver_sql("PRAGMA encoding").scalar()
    store.engine.dispose()
    assert encoding == "UTF-16le"
    assert read == AWKWARD


def test_rows_that_break_a_constraint_are_refused_whole(store: Store, document_id: int) -> None:
    from sqlalchemy.exc import IntegrityError

    from annotator.store.base import spans_t
    from annotator.store.bulk import insert_tuples

    now = datetime(2026, 12, 2, 3, 4, 5, tzinfo=UTC)
    with pytest.raises(IntegrityError), store.write() as connection:
        actor = store.annotator_id(connection, store.user)
        label = store.label_id(connection, "actor")
        row = (document_id, 0, 3, label, "قال", actor, "draft", None, now, now, "manual")
        insert_tuples(connection, spans_t, ("document_id", "start", "end", "label_id", "text", "annotator_id",
                                            "status", "note", "created_at", "updated_at", "origin"),
                      [row, (document_id, 4, 5, label, "😀", actor, "draft", None, now, now, "manual"), row])
    assert store.spans(document_id) == []
