"""Inserts at the driver: many rows into one table in one ``executemany`` (the import's documents, spans
and history), and one row with its new id (a tag's span and history entry).

Core's ``connection.execute(insert(table), rows)`` builds a parameter dictionary per row and runs every
value through its type's bind processor: for 10,000 documents and 50,000 spans that was about 1.5 s, more
than SQLite's own work. Here each column's processor is looked up once, a value repeated across rows (the
import's one timestamp) is processed once, and the rows go to the driver as tuples. The values stored are
the ones Core would store: the same processors, the same SQL on every dialect. A tag's two inserts go the
same way: Core's statement cache, parameter dictionaries and result machinery were a third of the store's
time in a tag. A tag's statements go to the driver's own cursor (``at_driver``): even ``exec_driver_sql``
builds an execution context and a result for each, about 60 µs of the 2 ms a tag's store work takes.

On PostgreSQL through psycopg, many rows go in with ``COPY ... FROM STDIN`` instead of an executemany:
one stream instead of a statement per row, what PostgreSQL's own documentation advises for bulk loading.
The values are the same processed values, written by psycopg's own adapters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import repeat
from operator import is_, itemgetter
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.exc import DBAPIError

_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}
_processors: dict[tuple[str, str, str], Callable[[Any], Any] | None] = {}
_statements: dict[tuple[str, str, tuple[str, ...], bool, tuple[str, ...]], str] = {}


def _bind_processor(connection: Connection, table: Table, name: str) -> Callable[[Any], Any] | None:
    key = (connection.dialect.name, table.name, name)
    if key not in _processors:
        _processors[key] = table.c[name].type._cached_bind_processor(connection.dialect)  # noqa: SLF001
    return _processors[key]


def _once_per_value(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``process`` remembering its results for one executemany (the import's one timestamp, processed once)."""
    memo: dict[tuple[type, Any], Any] = {}
    by_object: dict[int, Any] = {}  # unhashable values (JSON objects) by identity: alive in the rows meanwhile

    def once_per_value(value: Any) -> Any:
        key = (type(value), value)  # by type too: 1 and True are equal keys but JSON "1" and "true"
        try:
            return memo[key]
        except KeyError:
            memo[key] = result = process(value)
            return result
        except TypeError:  # unhashable: the same object (the import's history entries) processed once
            if type(value) in (dict, list) and not value:  # any {} or [] (a document's meta): the same JSON
                key = (type(value), None)  # no hashable value has the type dict or list: no clash
                if key not in memo:
                    memo[key] = process(value)
                return memo[key]
            if id(value) not in by_object:
                by_object[id(value)] = process(value)
            return by_object[id(value)]

    return once_per_value


def _processed_column(values: tuple[Any, ...], process: Callable[[Any], Any]) -> list[Any]:
    """One column's values through its bind processor: a column holding one object in every row (the
    import's timestamp) with one call, the others a call per distinct value."""
    first = values[0]
    if all(map(is_, values, repeat(first))):
        return [process(first)] * len(values)
    return list(map(_once_per_value(process), values))


def driver_sql(connection: Connection, sql: str) -> str:
    """``sql`` written with ``?`` placeholders, in the driver's own style."""
    placeholder = _PLACEHOLDERS[connection.dialect.paramstyle]
    return sql if placeholder == "?" else sql.replace("?", placeholder)


def _sqlite_utf8(connection: Connection) -> bool:
    """Whether ``connection`` is to SQLite with UTF-8 text, where UTF-8 bytes CAST to TEXT are the text."""
    if connection.dialect.name != "sqlite":
        return False
    return connection.exec_driver_sql("PRAGMA encoding").scalar() == "UTF-8"


def _decoded(rows: list[tuple[Any, ...]], columns: list[int]) -> list[tuple[Any, ...]]:
    out = []
    for row in rows:
        values = list(row)
        for i in columns:
            values[i] = values[i].decode("utf-8")
        out.append(tuple(values))
    return out


def _insert_sql(connection: Connection, table: Table, names: Sequence[str], returning: bool,
                utf8: tuple[str, ...] = ()) -> str:
    key = (connection.dialect.name, table.name, tuple(names), returning, utf8)
    sql = _statements.get(key)
    if sql is None:
        forgotten = [c.name for c in table.c if c.default is not None and c.name not in names and not c.primary_key]
        if forgotten:  # Core would fill these in; a silent NULL instead would be a bug
            raise ValueError(f"insert into {table.name}: no value for {', '.join(forgotten)}")
        quote = connection.dialect.identifier_preparer.quote
        sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
               f"VALUES ({', '.join('CAST(? AS TEXT)' if n in utf8 else '?' for n in names)})"
               + (" RETURNING id" if returning else ""))
        sql = _statements[key] = driver_sql(connection, sql)
    return sql


def at_driver(connection: Connection, sql: str, params: Sequence[Any]) -> Any:
    """Run ``sql`` (in the driver's placeholder style) on the driver's cursor, in the connection's open
    transaction, and return the cursor. A driver error is raised as SQLAlchemy raises it (IntegrityError,
    OperationalError ... with ``.orig``), so callers handle the same exceptions either way."""
    dbapi = connection.dialect.loaded_dbapi
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql, params)
    except dbapi.Error as error:
        cursor.close()
        raise DBAPIError.instance(sql, params, error, dbapi.Error, dialect=connection.dialect) from error
    return cursor


def insert_returning_id(connection: Connection, table: Table, row: dict[str, Any]) -> int:
    """INSERT one row of ``table`` (every column with a Python-side default given) and return its id."""
    dialect = connection.dialect
    if dialect.paramstyle not in _PLACEHOLDERS:
        return connection.execute(table.insert().returning(table.c.id), row).scalar_one()
    names = tuple(row)
    key = (dialect.name, table.name, names)
    plan = _single_row_plans.get(key)
    if plan is None:  # (the statement and its columns' processors, looked up once: a tag runs two of these)
        plan = _single_row_plans[key] = (_insert_sql(connection, table, names, True),
                                         [_bind_processor(connection, table, name) for name in names])
    sql, processors = plan
    values = [value if process is None else process(value)
              for value, process in zip(row.values(), processors, strict=True)]
    cursor = at_driver(connection, sql, values)
    (new_id,) = cursor.fetchone()
    cursor.close()
    return new_id  # type: ignore[no-any-return]


_single_row_plans: dict[tuple[str, str, tuple[str, ...]], tuple[str, list[Callable[[Any], Any] | None]]] = {}


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]],
                utf8: Sequence[str] = ()) -> None:
    """INSERT every row (dicts with the same keys) of ``table``. Columns left out must have no Python-side
    default (Core would fill it; this does not), so a forgotten column is an error, not a silent NULL.
    The ``utf8`` columns' values are text given as UTF-8 bytes (see ``insert_tuples``)."""
    if not rows:
        return
    names = list(rows[0])
    values = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    insert_tuples(connection, table, names, list(map(values, rows)), utf8)


def insert_tuples(connection: Connection, table: Table, names: Sequence[str], rows: list[tuple[Any, ...]],
                  utf8: Sequence[str] = ()) -> None:
    """``insert_rows`` for rows given as tuples of the ``names`` columns' values (the import's spans: a
    dictionary per span cost more than its insert). The ``utf8`` columns' values are text as UTF-8 bytes:
    SQLite stores them as they are (CAST to TEXT, in a database whose encoding is UTF-8); any other
    database gets them decoded."""
    if not rows:
        return
    if utf8 and not _sqlite_utf8(connection):
        rows = _decoded(rows, [names.index(name) for name in utf8])
        utf8 = ()
    if connection.dialect.paramstyle not in _PLACEHOLDERS:
        connection.execute(table.insert(), [dict(zip(names, row, strict=True)) for row in rows])
        return
    sql = _insert_sql(connection, table, names, False, tuple(utf8))
    processed = [(i, p) for i, name in enumerate(names)
                 if name not in utf8 and (p := _bind_processor(connection, table, name)) is not None]
    if processed:
        # Column by column (transposed and back in C): a processor call per distinct value, no loop per row.
        columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
        for i, process in processed:
            columns[i] = _processed_column(columns[i], process)  # type: ignore[arg-type]
        rows = list(zip(*columns, strict=True))
    if connection.dialect.driver == "psycopg":
        _copy_rows(connection, table, names, rows)
        return
    connection.exec_driver_sql(sql, rows)


def _copy_rows(connection: Connection, table: Table, names: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """The rows into ``table`` with PostgreSQL's COPY, in the connection's open transaction. An error (a
    constraint the rows break) is raised as SQLAlchemy raises it, as for the executemany."""
    quote = connection.dialect.identifier_preparer.quote
    sql = f"COPY {quote(table.name)} ({', '.join(quote(n) for n in names)}) FROM STDIN"
    dbapi = connection.dialect.loaded_dbapi
    cursor = connection.connection.cursor()
    try:
        with cursor.copy(sql) as copy:
            write = copy.write_row
            for row in rows:
                write(row)
    except dbapi.Error as error:
        raise DBAPIError.instance(sql, None, error, dbapi.Error, dialect=connection.dialect) from error
    finally:
        cursor.close()
