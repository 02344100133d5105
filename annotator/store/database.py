"""Opening a database: where it is, how SQLite is set up, and migrating it to the current schema."""

from __future__ import annotations

import os
import re
import sqlite3
import time
from datetime import datetime
from pathlib import Path

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from annotator.core.errors import AnnotatorError
from annotator.store.bulk import at_driver

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 30_000
READ_ONLY = "annotator_read_only"


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir("annotator", appauthor=False)) / "annotator.db"


def resolve_database_url(cli_value: str | None = None) -> str:
    """``--db`` first, then ``ANNOTATOR_DB``, then the SQLite file in the user data directory.

    A value without ``://`` is taken as a path to a SQLite file. A value given but empty, a folder
    that does not exist, or a path that is not a regular file is refused: never a silent fallback
    to another database."""
    if cli_value is not None:
        value, where = cli_value, "--db"
    elif "ANNOTATOR_DB" in os.environ:
        value, where = os.environ["ANNOTATOR_DB"], "ANNOTATOR_DB"
    else:
        default = default_database_path()
        default.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{default.resolve()}"
    if not value.strip():
        raise AnnotatorError(f"{where} is empty: give a SQLite file or a database URL (or leave it out "
                             "for the personal database)")
    if "://" in value:
        return value
    try:
        path = Path(value).expanduser().resolve()
    except (RuntimeError, OSError) as error:
        raise AnnotatorError(f"{where}: cannot use {value!r} as a path ({error})") from None
    if path.is_dir():
        raise AnnotatorError(f"{where}: {path} is a folder; give the database file in it "
                             f"(e.g. {path / 'annotator.db'})")
    if path.exists() and not path.is_file():
        raise AnnotatorError(f"{where}: {path} is not a regular file (a pipe or device cannot hold a database)")
    if not path.parent.is_dir():
        raise AnnotatorError(f"{where}: the folder {path.parent} does not exist (create it first)")
    return f"sqlite:///{path}"


def sqlite_file(url: str) -> Path | None:
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def database_files(url: str) -> list[Path]:
    """The SQLite file of ``url`` and the files SQLite keeps beside it; none for a server database."""
    path = sqlite_file(url)
    return [] if path is None else [path.with_name(path.name + suffix) for suffix in SQLITE_COMPANIONS]


def is_database_file(url: str, candidate: Path) -> bool:
    """Whether ``candidate`` is (or names) one of the database's own files. Decided by name and by
    ``stat`` (same device and inode: a link or another spelling), never by opening it: closing any
    descriptor of those files in this process would drop SQLite's locks on them."""
    try:
        resolved = Path(candidate).expanduser().resolve()
    except (OSError, RuntimeError):
        return False
    for own in database_files(url):
        if resolved == own.resolve():
            return True
        try:
            if os.path.samefile(resolved, own):
                return True
        except OSError:
            continue  # one of the two does not exist
    return False


def refuse_database_file(url: str, candidate: Path, what: str) -> None:
    if is_database_file(url, candidate):
        raise AnnotatorError(
            f"{candidate}: this is the open database's own file; {what} it would damage the database "
            "(choose another file)"
        )


def _switch_to_wal(cursor: sqlite3.Cursor) -> None:
    # SQLite does not call the busy handler for this pragma: a file still in rollback mode (a new one,
    # opened by several at once) answers "database is locked" at once while another connection holds a
    # lock on it. Waiting here, within the same busy timeout, is what every other statement gets.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.001
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself, so transactions are real
        # (pysqlite otherwise defers BEGIN and runs DDL outside any transaction).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _switch_to_wal(cursor)
        cursor.execute("PRAGMA foreign_keys = ON")
        # FULL: a committed action survives a power cut, not only a crash of the program.
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        # IMMEDIATE takes the write lock up front, so a writer waits (busy timeout) instead of
        # failing with "database is locked" when it upgrades a read lock. Long reads stay deferred.
        if connection.connection.dbapi_connection.in_transaction:
            return  # begun at the driver already (Store.write on its kept connection)
        at_driver(connection, "BEGIN" if connection.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE",
                  ()).close()


def create_database_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise AnnotatorError(f"--db: not a database URL: {url!r} ({error})") from None
    path = sqlite_file(url)
    if path is not None:
        if not path.parent.is_dir():
            raise AnnotatorError(f"--db: the folder {path.parent} does not exist (create it first)")
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    if parsed.get_backend_name() == "sqlite":
        # In-memory: one shared connection, or every connection would see its own empty database.
        from sqlalchemy.pool import StaticPool

        engine = create_engine(parsed, poolclass=StaticPool, connect_args={"check_same_thread": False})
        _configure_sqlite(engine)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except ModuleNotFoundError as error:
        raise AnnotatorError(f"the driver for {parsed.drivername} is not installed ({error.name})") from None
    except NoSuchModuleError:
        raise AnnotatorError(f"--db: unknown kind of database {parsed.drivername!r} in {url!r} (use a SQLite "
                             "file, sqlite:///PATH or postgresql+psycopg://...)") from None


def alembic_config():  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def backup_sqlite(path: Path, target: Path | None = None) -> Path:
    """Copy a SQLite database (WAL included) with SQLite's online backup, to ``target`` or to
    ``NAME.backup-YYYYmmdd-HHMMSS.db`` beside it. The copy is made under a temporary name and renamed
    when complete, so a backup that exists under its own name is always a whole database."""
    from annotator.core.formats.base import clean_stale_parts, temporary_name

    if target is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix or '.db'}")
    clean_stale_parts(target)
    partial = target.with_name(temporary_name(target, ".part"))
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(partial)
        try:
            with destination:
                source.backup(destination)
            # A copy is a file at rest: one self-contained file, no -wal/-shm beside it.
            destination.execute("PRAGMA journal_mode = DELETE")
        finally:
            destination.close()
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    return target


def read_only_copy(path: Path, target: Path) -> Path:
    """Copy a SQLite database that is someone else's, opened read-only (``mode=ro``): the original is
    neither migrated nor switched to WAL nor checkpointed."""
    check_sqlite_file(path)
    try:
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            destination = sqlite3.connect(target)
            try:
                with destination:
                    source.backup(destination)
            finally:
                destination.close()
        finally:
            source.close()
    except sqlite3.Error as error:
        raise AnnotatorError(f"{path}: cannot read the database: {error}") from None
    return target


def script_revisions() -> tuple[set[str], str]:
    """(every revision, the head) read from the migration files themselves: opening a database that is
    already current needs no alembic import (a quarter of a second at every start)."""
    revisions: dict[str, str | None] = {}
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision = re.search(r'^revision = ["\']([^"\']+)["\']', source, re.MULTILINE)
        down = re.search(r'^down_revision = (?:["\']([^"\']+)["\']|None)', source, re.MULTILINE)
        if revision:
            revisions[revision.group(1)] = down.group(1) if down else None
    heads = set(revisions) - {d for d in revisions.values() if d}
    if len(heads) != 1:
        raise AnnotatorError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return set(revisions), heads.pop()


def check_sqlite_file(path: Path) -> str | None:
    """The schema revision of an existing SQLite file, read without changing it (no WAL switch, no
    migration); refuses a file that is not SQLite, not annotator's, or from a newer version."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            current = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                current = row[0] if row else None
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise AnnotatorError(f"{path}: cannot open the database: {error}") from None
    _refuse_unknown(str(path), current, tables - {"alembic_version"})
    return current


def _refuse_unknown(where: str, current: str | None, tables: set[str]) -> None:
    known, _head = script_revisions()
    if current is None and tables:
        raise AnnotatorError(f"{where}: not an annotator database (it has tables but no schema version)")
    if current is not None and current not in known:
        raise AnnotatorError(
            f"{where}: the database was made by a newer version of annotator (schema {current}); "
            "upgrade annotator to open it"
        )


def _stored_revision(engine: Engine) -> str | None:
    # Reading the version takes no write lock: a read-only command must not wait behind a writer.
    with engine.connect().execution_options(**{READ_ONLY: True}) as connection:
        try:
            current = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except DBAPIError:
            current = None
        connection.rollback()
    return current


def migrate(engine: Engine, through_migrations: bool = False) -> Path | None:
    """Bring the schema to the newest revision. Returns the backup made first, if any.

    A database without any table gets the newest schema at once (``fresh.create_schema``), unless
    ``through_migrations``: the tests build one each way and compare them."""
    _known, head = script_revisions()
    current = _stored_revision(engine)
    if current == head:
        return None
    if current is None and not through_migrations:
        from annotator.store.fresh import create_schema

        try:
            created = create_schema(engine, head)
        except DBAPIError:
            # Another process created it first (PostgreSQL: a duplicate table once it committed): its
            # schema stands if it is current; any other failure is reported as before.
            if _stored_revision(engine) != head:
                raise
            return None
        if created:
            return None
        # It has tables: those of another process that created it meanwhile (read again here, without
        # alembic), or others, which the checks below refuse as before.
        if _stored_revision(engine) == head:
            return None
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        tables = set(inspect(connection).get_table_names()) - {"alembic_version"}
        connection.rollback()
    if current == head:
        return None
    _refuse_unknown(engine.url.render_as_string(hide_password=True), current, tables)
    backup = None
    path = sqlite_file(str(engine.url))
    if current is not None and path is not None:
        backup = backup_sqlite(path)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backup


def open_database(url: str, write: bool = True) -> Engine:
    """An engine on ``url`` with the schema migrated to the current revision, or AnnotatorError.

    ``write``: the caller will write, so an existing SQLite file must pass its quick integrity check
    first, and it gets its daily automatic backup. Read-only callers (stats, export ...) skip both."""
    path = sqlite_file(url) if "://" in url else None
    existed = path is not None and path.is_file() and path.stat().st_size > 0
    if path is not None:
        check_sqlite_file(path)  # before the engine switches the file to WAL
        if write and existed:
            from annotator.store.safety import refuse_if_damaged

            refuse_if_damaged(path)
    engine = create_database_engine(url)
    try:
        migrate(engine)
    except DBAPIError as error:
        engine.dispose()
        reason = str(error.orig) if error.orig is not None else str(error)
        where = engine.url.render_as_string(hide_password=True)
        raise AnnotatorError(f"{where}: cannot open the database: {reason}") from None
    if path is not None and write and existed:
        from annotator.store.safety import daily_backup

        try:
            daily_backup(path)
        except (OSError, sqlite3.Error) as error:  # a backup that cannot be made must not stop the work
            import logging

            logging.getLogger("annotator.safety").warning("automatic backup of %s failed: %s", path, error)
    return engine
