"""Alembic environment. The app passes its open connection in ``config.attributes["connection"]``;
a developer running ``alembic`` from the repository root gets the URL from ANNOTATOR_DB."""

from __future__ import annotations

from alembic import context

from annotator.store.models import metadata

config = context.config
connection = config.attributes.get("connection")


def run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    run(connection)
else:
    from annotator.store.database import create_database_engine, resolve_database_url

    engine = create_database_engine(resolve_database_url())
    with engine.begin() as own_connection:
        run(own_connection)
