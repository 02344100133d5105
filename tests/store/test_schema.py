"""The tables the store writes through (``annotator.store.models``) are the tables the migrations build:
every column, type, nullability, index and constraint, on SQLite and on PostgreSQL. (A new database is
built from these declarations instead: test_fresh_schema.py compares that with the migrations' in full.)"""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from annotator.store import open_database
from annotator.store.database import create_database_engine, migrate
from annotator.store.models import metadata


def test_declared_tables_match_the_migrated_schema(db_url: str) -> None:
    engine = create_database_engine(db_url)
    migrate(engine, through_migrations=True)  # open_database would build a new database from metadata
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, metadata)
            tables = set(inspect(connection).get_table_names())
    finally:
        engine.dispose()
    assert differences == []
    assert set(metadata.tables) <= tables


def test_a_changed_declaration_is_caught(sqlite_url: str) -> None:
    """The comparison above can fail: a column declared nullable that the migrations made NOT NULL."""
    engine = open_database(sqlite_url)
    column = metadata.tables["spans"].c.text
    try:
        column.nullable = True
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), metadata)
    finally:
        column.nullable = False
        engine.dispose()
    assert any(d[0][0] == "modify_nullable" and d[0][3] == "text" for d in differences if isinstance(d, list))
