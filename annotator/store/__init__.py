"""The only package that speaks SQL: ORM models, database opening and migrations, and the Store."""

from annotator.store.database import open_database, resolve_database_url
from annotator.store.store import Store

__all__ = ["Store", "open_database", "resolve_database_url"]
