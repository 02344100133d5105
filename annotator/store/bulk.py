"""Many rows into one table in one driver ``executemany``, for the import's documents, spans and history.

Core's ``connection.execute(insert(table), rows)`` builds a parameter dictionary per row and runs every
value through its type's bind processor: for 10,000 documents and 50,000 spans that was about 1.5 s, more
than SQLite's own work. Here each column's processor is looked up once, a value repeated across rows (the
import's one timestamp) is processed once, and the rows go to the driver as tuples. The values stored are
the ones Core would store: the same processors, the same SQL on every dialect.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table

_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _processor(connection: Connection, table: Table, name: str) -> Callable[[Any], Any] | None:
    process = table.c[name].type._cached_bind_processor(connection.dialect)  # noqa: SLF001 (Core's own cache)
    if process is None:
        return None
    memo: dict[tuple[type, Any], Any] = {}

    def once_per_value(value: Any) -> Any:
        if value is None:
            return None
        key = (type(value), value)  # by type too: 1 and True are equal keys but JSON "1" and "true"
        try:
            return memo[key]
        except KeyError:
            memo[key] = result = process(value)
            return result
        except TypeError:  # unhashable (a JSON object): processed each time, as Core does
            return process(value)

    return once_per_value


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT every row (dicts with the same keys) of ``table``. Columns left out must have no Python-side
    default (Core would fill it; this does not), so a forgotten column is an error, not a silent NULL."""
    if not rows:
        return
    names = list(rows[0])
    forgotten = [c.name for c in table.c if c.default is not None and c.name not in names and not c.primary_key]
    if forgotten:
        raise ValueError(f"insert_rows into {table.name}: no value for {', '.join(forgotten)}")
    placeholder = _PLACEHOLDERS.get(connection.dialect.paramstyle)
    if placeholder is None:
        connection.execute(table.insert(), list(rows))
        return
    quote = connection.dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
           f"VALUES ({', '.join([placeholder] * len(names))})")
    values = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    processed = [(i, p) for i, name in enumerate(names) if (p := _processor(connection, table, name)) is not None]
    if not processed:
        connection.exec_driver_sql(sql, [values(row) for row in rows])
        return
    params = []
    for row in rows:
        one = list(values(row))
        for i, process in processed:
            one[i] = process(one[i])
        params.append(tuple(one))
    connection.exec_driver_sql(sql, params)
