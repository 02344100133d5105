"""The store tests run twice: on a SQLite file and on a real PostgreSQL server.

The server comes from ANNOTATOR_TEST_PG (a SQLAlchemy URL to any database on it; `bash .ci/run` starts
one on loopback and sets it). Each test gets a fresh database on that server. Without the variable the
PostgreSQL half is skipped, saying so.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("ANNOTATOR_TEST_PG")


@contextmanager
def pg_database() -> Iterator[str]:
    """A new empty database on the ANNOTATOR_TEST_PG server, dropped afterwards."""
    name = f"annotator_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    if not PG_URL:
        pytest.skip("no PostgreSQL server configured: set ANNOTATOR_TEST_PG (bash .ci/run starts one)")
    with pg_database() as url:
        yield url


@pytest.fixture
def other_db_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """A second new database of the same kind as ``db_url``, for tests that compare two."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'other.db'}"
        return
    with pg_database() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"
