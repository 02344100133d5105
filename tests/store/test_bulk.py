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
