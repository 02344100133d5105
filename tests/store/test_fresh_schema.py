"""A new database gets the newest schema straight from the declared tables (``annotator.store.fresh``);
every existing database was built by the migrations. They must be the same database: one is built each
way and everything each database says about itself is compared, as the database reports it (SQLite's
PRAGMAs and table SQL, PostgreSQL's catalogs), with every row either holds. ``test_schema.py``'s
alembic comparison misses column order, server defaults, CHECK constraints, AUTOINCREMENT and rows."""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Connection, inspect

from annotator.core.errors import AnnotatorError
from annotator.store import fresh, open_database
from annotator.store.database import create_database_engine, migrate, script_revisions
from annotator.store.models import link_types, metadata, spans

TABLES = sorted(metadata.tables)


def _split_top_level(body: str) -> list[str]:
    """The comma-separated items of a CREATE TABLE's parentheses, commas inside nested ones kept."""
    items, depth, start = [], 0, 0
    for index, char in enumerate(body):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            items.append(body[start:index])
            start = index + 1
    items.append(body[start:])
    return [" ".join(item.split()) for item in items]


def _sqlite_table_sql(sql: str) -> dict[str, object]:
    """sqlite_master's text of a table, apart from formatting: SQLite keeps the text as first created,
    with a column added by ALTER TABLE spliced in after the last column (migrated) or written in its
    place (fresh). Each column's and each constraint's own text is compared, and the clauses after."""
    opening, closing = sql.index("("), sql.rindex(")")
    columns, constraints = {}, []
    for item in _split_top_level(sql[opening + 1:closing]):
        if re.match(r"(CONSTRAINT|PRIMARY KEY|UNIQUE|CHECK|FOREIGN KEY)\b", item, re.IGNORECASE):
            constraints.append(item)
        else:
            columns[item.split()[0].strip('"')] = item
    return {"head": " ".join(sql[:opening].split()), "columns": columns, "constraints": sorted(constraints),
            "tail": sql[closing + 1:].strip()}


def _sqlite_dump(connection: Connection) -> dict[str, object]:
    def rows(sql: str) -> list[tuple]:  # type: ignore[type-arg]
        return [tuple(row) for row in connection.exec_driver_sql(sql)]

    dump: dict[str, object] = {pragma: rows(f"PRAGMA {pragma}") for pragma in (
        "user_version", "application_id", "encoding", "auto_vacuum", "page_size", "journal_mode")}
    master = {name: (kind, table, sql) for kind, name, table, sql in
              rows("SELECT type, name, tbl_name, sql FROM sqlite_master")}
    dump["objects"] = sorted((kind, name, table) for name, (kind, table, _sql) in master.items())
    for name, (kind, _table, sql) in sorted(master.items()):
        if kind == "table":
            indexes = {}
            for _seq, index, unique, origin, partial in rows(f'PRAGMA index_list("{name}")'):
                indexes[index] = {"unique": unique, "origin": origin, "partial": partial,
                                  "columns": rows(f'PRAGMA index_xinfo("{index}")')}
            foreign_keys: dict[int, list[tuple]] = {}  # type: ignore[type-arg]
            for key, *rest in rows(f'PRAGMA foreign_key_list("{name}")'):
                foreign_keys.setdefault(key, []).append(tuple(rest))
            dump[f"table {name}"] = {
                "columns": rows(f'PRAGMA table_xinfo("{name}")'),  # order, type, NOT NULL, default, pk
                "indexes": indexes,
                "foreign keys": sorted(foreign_keys.values()),
                "sql": _sqlite_table_sql(sql),
                "rows": rows(f'SELECT * FROM "{name}" ORDER BY 1'),
            }
        elif kind == "index" and sql is not None:
            dump[f"index {name}"] = " ".join(sql.split())
        else:
            dump[f"{kind} {name}"] = sql
    return dump


def _postgresql_dump(connection: Connection) -> dict[str, object]:
    def rows(sql: str) -> list[tuple]:  # type: ignore[type-arg]
        return [tuple(row) for row in connection.exec_driver_sql(sql)]

    dump: dict[str, object] = {
        "relations": rows("SELECT relname, relkind, relpersistence, reloptions FROM pg_class "
                          "WHERE relnamespace = current_schema()::regnamespace ORDER BY relname"),
        "sequences": rows("SELECT sequencename, data_type, start_value, min_value, max_value, increment_by, "
                          "cycle, cache_size, last_value FROM pg_sequences WHERE schemaname = current_schema() "
                          "ORDER BY sequencename"),
    }
    tables = [name for (name,) in rows("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")]
    for name in sorted(tables):
        dump[f"table {name}"] = {
            # A serial column's default names its sequence; pg_get_serial_sequence says the column owns it.
            "columns": rows(
                "SELECT ordinal_position, column_name, data_type, udt_name, character_maximum_length, "
                "numeric_precision, datetime_precision, is_nullable, column_default, is_identity, "
                "is_generated, collation_name, pg_get_serial_sequence(quote_ident(table_name), column_name) "
                f"FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{name}' "
                "ORDER BY ordinal_position"),
            "constraints": rows(
                "SELECT conname, contype, pg_get_constraintdef(oid), condeferrable, condeferred, convalidated "
                f"FROM pg_constraint WHERE conrelid = '\"{name}\"'::regclass ORDER BY conname"),
            "indexes": rows(f"SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                            f"AND tablename = '{name}' ORDER BY indexname"),
            # Each row as PostgreSQL prints it: JSON as stored, not as parsed by the driver.
            "rows": rows(f'SELECT CAST(t AS text) FROM "{name}" AS t ORDER BY 1'),
        }
    return dump


def build(url: str, through_migrations: bool) -> dict[str, object]:
    engine = create_database_engine(url)
    try:
        migrate(engine, through_migrations=through_migrations)
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                return _sqlite_dump(connection)
            return _postgresql_dump(connection)
    finally:
        engine.dispose()


def test_a_new_database_is_the_migrated_schema(db_url: str, other_db_url: str) -> None:
    migrated = build(db_url, through_migrations=True)
    created = build(other_db_url, through_migrations=False)
    assert {key for key in migrated if key.startswith("table ")} >= {f"table {name}" for name in TABLES}
    assert migrated["table alembic_version"]["rows"] != []  # type: ignore[index]
    assert migrated["table labels"]["rows"] != []  # type: ignore[index]
    assert migrated["table link_types"]["rows"] != []  # type: ignore[index]
    assert created.keys() == migrated.keys()
    assert {key: (created[key], migrated[key]) for key in migrated if created[key] != migrated[key]} == {}


def _drop_server_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(link_types.c.description, "server_default", None)


def _drop_check(monkeypatch: pytest.MonkeyPatch) -> None:
    check = next(c for c in spans.constraints if c.name == "ck_spans_ck_spans_status")
    monkeypatch.setattr(spans, "constraints", spans.constraints - {check})


def _unique_index(monkeypatch: pytest.MonkeyPatch) -> None:
    index = next(i for i in spans.indexes if i.name == "ix_spans_label")
    monkeypatch.setattr(index, "unique", True)


def _wider_column(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(link_types.c.name.type, "length", 120)


def _changed_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fresh, "SEED_LABELS", [{**label, "color": "#000000"} if label["name"] == "date" else label
                                               for label in fresh.SEED_LABELS])


def _no_autoincrement(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(spans.dialect_options["sqlite"], "autoincrement", False)


@pytest.mark.parametrize(("change", "where"), [
    pytest.param(_drop_server_default, {"table link_types"}, id="server-default"),
    pytest.param(_drop_check, {"table spans"}, id="check"),
    # SQLite: the index's own SQL differs too
    pytest.param(_unique_index, {"table spans", "index ix_spans_label"}, id="unique-index"),
    pytest.param(_wider_column, {"table link_types"}, id="column-type"),
    pytest.param(_changed_seed, {"table labels"}, id="seeded-row"),
    pytest.param(_no_autoincrement, {"table spans"}, id="autoincrement"),
])
def test_a_different_schema_is_caught(db_url: str, other_db_url: str, monkeypatch: pytest.MonkeyPatch,
                                      change, where: set[str]) -> None:  # type: ignore[no-untyped-def]
    """The comparison above can fail: each change to the declarations or seeds shows, where it was made
    and nowhere else."""
    if change is _no_autoincrement and not db_url.startswith("sqlite"):
        pytest.skip("AUTOINCREMENT is SQLite's: PostgreSQL's serial columns never reuse an id")
    migrated = build(db_url, through_migrations=True)
    change(monkeypatch)
    created = build(other_db_url, through_migrations=False)
    assert created.keys() == migrated.keys()
    differing = {key for key in migrated if created[key] != migrated[key]}
    assert differing and differing <= where


def test_a_database_with_tables_but_no_version_is_still_refused(db_url: str) -> None:
    """Only a database without any table gets the schema at once: one with tables of its own is refused
    and left as it was. (open_database refuses such a SQLite file before migrate, in check_sqlite_file;
    migrate is called here directly, for both.)"""
    engine = create_database_engine(db_url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE things (x INTEGER)")
        with pytest.raises(AnnotatorError, match="not an annotator database"):
            migrate(engine)
        assert inspect(engine).get_table_names() == ["things"]
    finally:
        engine.dispose()


def test_new_database_opened_by_several_at_once(db_url: str) -> None:
    """Four openers of one new database at the same moment (threads here, each with its own engine and
    connections, as processes have): one creates the schema, the others wait for it (SQLite's write
    lock) or fail to create theirs and find it made (PostgreSQL); all of them open it."""
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def open_it() -> None:
        barrier.wait()
        try:
            open_database(db_url).dispose()
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    engine = create_database_engine(db_url)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM labels").scalar() == len(fresh.SEED_LABELS)
            assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").all() == [
                (script_revisions()[1],)]
    finally:
        engine.dispose()


def test_new_file_locked_by_another_is_waited_for(sqlite_url: str, tmp_path: Path) -> None:
    """A new (empty, still rollback-journal) file whose write lock another connection holds: SQLite answers
    the switch to WAL with "database is locked" at once, without its busy handler, so open_database
    waits for the lock itself, as every other statement does, and opens once it is let go."""
    holder = sqlite3.connect(tmp_path / "test.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    outcome: list[object] = []

    def open_it() -> None:
        try:
            open_database(sqlite_url).dispose()
            outcome.append("opened")
        except BaseException as error:  # reported by the assertion below
            outcome.append(error)

    opener = threading.Thread(target=open_it)
    opener.start()
    time.sleep(0.3)
    still_waiting = opener.is_alive()
    holder.execute("ROLLBACK")
    holder.close()
    opener.join()
    assert outcome == ["opened"]
    assert still_waiting
    with sqlite3.connect(tmp_path / "test.db") as check:
        assert check.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert check.execute("SELECT count(*) FROM labels").fetchone() == (len(fresh.SEED_LABELS),)
