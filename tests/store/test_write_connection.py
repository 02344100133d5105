"""The connection a store keeps for its writes on a SQLite file: reused by its own thread, never holding a
lock or a snapshot between two actions, and never shared with another thread."""

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import event

from annotator.core.errors import SpanError
from annotator.core.model import DocumentRecord
from annotator.store import Store, open_database
from annotator.store.transfer import import_records

TEXT = "قال الرئيس محمد في بغداد يوم ١٥ مارس إن الاتفاق سيوقع"


@pytest.fixture
def file_store(sqlite_url: str):  # type: ignore[no-untyped-def]
    engine = open_database(sqlite_url)
    store = Store(engine, "tester")
    import_records(store, "fixture", [DocumentRecord(name="fixture", text=TEXT)])
    yield store
    store.close()
    engine.dispose()


def _checkouts(store: Store) -> list[int]:
    taken: list[int] = []
    event.listen(store.engine, "checkout", lambda *_args: taken.append(1))
    return taken


def test_writes_of_one_thread_take_no_connection_from_the_pool(file_store: Store) -> None:
    file_store.add_span(1, 4, 10, "actor")
    taken = _checkouts(file_store)
    for start, end in ((11, 15), (19, 24), (29, 31)):
        file_store.add_span(1, start, end, "location")
    assert taken == []


def test_no_lock_or_snapshot_is_held_between_two_writes(file_store: Store, tmp_path: Path) -> None:
    file_store.add_span(1, 4, 10, "actor")
    # Another program writes at once, without waiting for any lock: this store holds none.
    other = sqlite3.connect(tmp_path / "test.db", timeout=0, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO labels (name, color, description) VALUES ('person', '#123456', '')")
    other.execute("COMMIT")
    other.close()
    # The next write sees what the other program committed (no snapshot kept from before it).
    assert file_store.add_span(1, 11, 15, "person").label == "person"
    assert [s.label for s in file_store.spans(1)] == ["actor", "person"]


def test_a_refused_write_leaves_the_next_one_working(file_store: Store) -> None:
    file_store.add_span(1, 4, 10, "actor")
    with pytest.raises(SpanError, match="already exists"):
        file_store.add_span(1, 4, 10, "actor")
    file_store.add_span(1, 11, 15, "actor")
    assert [(s.start, s.end) for s in file_store.spans(1)] == [(4, 10), (11, 15)]


def test_another_thread_writes_on_its_own_connection(file_store: Store) -> None:
    file_store.add_span(1, 4, 10, "actor")
    failures: list[BaseException] = []

    def tag() -> None:
        try:
            file_store.add_span(1, 11, 15, "location")
        except BaseException as error:  # noqa: BLE001 (reported to the test's thread)
            failures.append(error)

    worker = threading.Thread(target=tag)
    worker.start()
    worker.join()
    assert failures == []
    file_store.add_span(1, 19, 24, "date")
    assert len(file_store.spans(1)) == 3


def test_closing_the_store_gives_the_connection_back(file_store: Store) -> None:
    file_store.add_span(1, 4, 10, "actor")
    assert file_store.engine.pool.checkedout() == 1
    file_store.close()
    assert file_store.engine.pool.checkedout() == 0
    file_store.add_span(1, 11, 15, "actor")  # a closed store that writes again takes a new one
    assert len(file_store.spans(1)) == 2


def _writable_by_another_program(path: Path) -> None:
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # raises "database is locked" if the store still held its transaction
    other.execute("ROLLBACK")
    other.close()


def test_a_write_with_a_statement_through_sqlalchemy_commits_and_holds_no_lock(file_store: Store,
                                                                                 tmp_path: Path) -> None:
    # The kept connection's transaction is begun at the driver; relabelling also runs an UPDATE through
    # SQLAlchemy inside it, which makes SQLAlchemy begin (and here commit) its own on the same transaction.
    span = file_store.add_span(1, 4, 10, "actor")
    _writable_by_another_program(tmp_path / "test.db")
    file_store.relabel_span(span.id, "location")
    _writable_by_another_program(tmp_path / "test.db")
    fresh = Store(file_store.engine, "tester")
    assert [s.label for s in fresh.spans(1)] == ["location"]
    assert [entry["action"] for entry in fresh.history(1)][-2:] == ["add", "relabel"]


@pytest.mark.parametrize("action", ["add", "relabel"])
def test_a_write_that_fails_halfway_leaves_nothing_and_no_lock(file_store: Store, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch, action: str) -> None:
    from annotator.store import spans as span_actions

    span = file_store.add_span(1, 4, 10, "actor")
    real_insert = span_actions.insert_returning_id

    def failing_history(connection, table, row):  # type: ignore[no-untyped-def]
        if table.name == "span_history":
            raise OSError("disk full")
        return real_insert(connection, table, row)

    monkeypatch.setattr(span_actions, "insert_returning_id", failing_history)
    with pytest.raises(OSError, match="disk full"):
        if action == "add":
            file_store.add_span(1, 11, 15, "date")  # the span's INSERT ran, its history's failed
        else:
            file_store.relabel_span(span.id, "date")  # the UPDATE ran through SQLAlchemy, then the history failed
    monkeypatch.undo()
    _writable_by_another_program(tmp_path / "test.db")
    assert [(s.start, s.end, s.label) for s in file_store.spans(1)] == [(4, 10, "actor")]
    assert [entry["action"] for entry in file_store.history(1)] == ["add"]
    file_store.add_span(1, 19, 24, "date")  # and the store writes on
    assert len(file_store.spans(1)) == 2
