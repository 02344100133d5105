import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from annotator.core.errors import AnnotatorError
from annotator.store import Store, open_database, resolve_database_url
from annotator.store.database import default_database_path, script_revisions


def test_sqlite_pragmas(sqlite_url: str) -> None:
    engine = open_database(sqlite_url)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_url_resolution_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert resolve_database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("ANNOTATOR_DB", "sqlite:///from-env.db")
    assert resolve_database_url(None) == "sqlite:///from-env.db"
    assert resolve_database_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    monkeypatch.delenv("ANNOTATOR_DB")
    assert resolve_database_url(None) == f"sqlite:///{default_database_path()}"
    assert str(default_database_path()).startswith(str(tmp_path.parent)) or "annotator" in str(
        default_database_path())


def test_default_database_lives_in_the_user_data_dir(isolated_home: Path) -> None:
    assert default_database_path() == isolated_home / "data" / "annotator" / "annotator.db"


def test_foreign_keys_are_enforced(db_url: str) -> None:
    engine = open_database(db_url)
    with pytest.raises(Exception, match="(?i)foreign key"):
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO spans (document_id, start, \"end\", label_id, text, annotator_id, created_at, "
                "updated_at, status) VALUES (999, 0, 1, 1, 'x', 1, '2026-01-01', '2026-01-01', 'draft')"))


def test_database_check_constraints_back_up_the_store(db_url: str, store: Store, document_id: int) -> None:
    with pytest.raises(Exception, match="(?i)check"):
        with store.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO spans (document_id, start, \"end\", label_id, text, annotator_id, created_at, "
                f"updated_at, status) VALUES ({document_id}, 5, 2, 1, 'x', 1, '2026-01-01', '2026-01-01', 'draft')"))


def test_reopening_a_current_database_makes_no_backup(tmp_path: Path, sqlite_url: str) -> None:
    open_database(sqlite_url).dispose()
    open_database(sqlite_url).dispose()
    assert not list(tmp_path.glob("*.backup-*"))


def test_older_schema_is_backed_up_then_migrated(tmp_path: Path) -> None:
    import shutil

    old = tmp_path / "old.db"
    shutil.copy(Path(__file__).resolve().parents[1] / "data" / "migrations" / "0001.db", old)
    engine = open_database(f"sqlite:///{old}")
    backups = list(tmp_path.glob("old.backup-*.db"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == script_revisions()[1]
        assert connection.execute(text("SELECT count(*) FROM spans")).scalar() == 9
    assert Store(engine, "salma").spans(1)[0].annotator == "salma"


def test_head_read_from_the_files_matches_alembic() -> None:
    from alembic.script import ScriptDirectory

    from annotator.store.database import alembic_config

    known, head = script_revisions()
    script = ScriptDirectory.from_config(alembic_config())
    assert head == script.get_current_head()
    assert known == {revision.revision for revision in script.walk_revisions()}


def test_refused_files_are_left_untouched(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE things (x)")
    before = other.read_bytes()
    with pytest.raises(AnnotatorError, match="not an annotator database"):
        open_database(f"sqlite:///{other}")
    assert other.read_bytes() == before  # not switched to WAL, nothing written


def test_database_from_a_newer_schema_is_refused(tmp_path: Path, sqlite_url: str) -> None:
    open_database(sqlite_url).dispose()
    with sqlite3.connect(tmp_path / "test.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(AnnotatorError, match="newer version of annotator"):
        open_database(sqlite_url)


def test_truncated_or_foreign_file_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x01" * 50)
    with pytest.raises(AnnotatorError, match="junk.db"):
        open_database(f"sqlite:///{junk}")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE things (x)")
    with pytest.raises(AnnotatorError, match="not an annotator database"):
        open_database(f"sqlite:///{other}")
