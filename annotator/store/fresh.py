"""A new, empty database gets the current schema from the declared tables, in one transaction, instead
of through every migration: importing alembic and replaying the revisions one by one was most of the
time of opening a new database (``annotator import`` into a new file or PostgreSQL database).

The result must be what the migrations build, since every existing database was built by them:
``tests/store/test_fresh_schema.py`` compares the two, column by column and constraint by constraint
with the seeded rows, on SQLite and on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Column, Engine, MetaData, PrimaryKeyConstraint, String, Table, inspect

from annotator.store.models import labels, link_types, metadata

# The rows migrations 0001 and 0003 insert, copied here because importing a migration imports alembic.
# Like the migrations, these are frozen: a new default row needs a migration, then a copy here.
SEED_LABELS = [
    {"name": "actor", "color": "#f4a261", "shortcut": "1",
     "description": "A person, group or organisation that acts or speaks"},
    {"name": "location", "color": "#2a9d8f", "shortcut": "2",
     "description": "A place: country, city, site, region"},
    {"name": "date", "color": "#8ab17d", "shortcut": "3", "description": "A date, time or period"},
    {"name": "claim", "color": "#e63946", "shortcut": "4",
     "description": "A statement someone makes that could be checked"},
]
SEED_LINK_TYPES = [
    {"name": "source", "from_labels": ["claim"], "to_labels": ["actor"], "description": "who makes the claim"},
    {"name": "time", "from_labels": ["claim"], "to_labels": ["date"],
     "description": "when the claim was made, or what it is about"},
    {"name": "place", "from_labels": ["claim"], "to_labels": ["location"], "description": "where the claim was made"},
]

# Alembic's own revision table, declared as alembic declares it (alembic.runtime.migration), so that a
# later migration finds what it would have made itself.
alembic_version = Table(
    "alembic_version", MetaData(),
    Column("version_num", String(32), nullable=False),
    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)


def create_schema(engine: Engine, head: str) -> bool:
    """Tables, seeded rows and revision ``head``, if the database has no table at all; False, with nothing
    done, if it has one.

    The look for tables is in the same transaction as the creation. On SQLite that transaction holds the
    write lock from its start (BEGIN IMMEDIATE), so a second process opening the same new file waits,
    then finds the tables. On PostgreSQL both may find none; the second one's CREATE TABLE then fails
    once the first commits, and the caller reads the revision the first one wrote."""
    with engine.begin() as connection:
        if inspect(connection).get_table_names():
            return False
        alembic_version.create(connection)
        metadata.create_all(connection, checkfirst=False)
        connection.execute(labels.insert(), SEED_LABELS)
        connection.execute(link_types.insert(), SEED_LINK_TYPES)
        connection.execute(alembic_version.insert(), {"version_num": head})
    return True
