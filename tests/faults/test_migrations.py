"""Every database in tests/data/migrations/ (made by an older schema revision) opens with the current
code: all document, span and label rows are kept, and a backup is written first when it is migrated."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from annotator.store import Store, open_database
from annotator.store.database import alembic_config

MIGRATIONS = Path(__file__).resolve().parents[1] / "data" / "migrations"
DATABASES = sorted(MIGRATIONS.glob("*.db"))


def raw_contents(db: Path) -> dict[str, object]:
    """What the file holds, read with plain sqlite3 before the app touches it."""
    connection = sqlite3.connect(db)
    try:
        return {
            "revision": connection.execute("SELECT version_num FROM alembic_version").fetchone()[0],
            "documents": connection.execute("SELECT id, name, text, sha256 FROM documents ORDER BY id").fetchall(),
            "labels": connection.execute("SELECT id, name, color FROM labels ORDER BY id").fetchall(),
            "spans": connection.execute('SELECT id, document_id, start, "end", label_id, text, annotator_id, status '
                                        "FROM spans ORDER BY id").fetchall(),
        }
    finally:
        connection.close()


def test_there_is_a_database_to_migrate() -> None:
    assert DATABASES, f"no *.db in {MIGRATIONS}"


@pytest.mark.parametrize("source", DATABASES, ids=[p.name for p in DATABASES])
def test_old_database_opens_with_every_row_kept(source: Path, tmp_path: Path) -> None:
    db = tmp_path / source.name
    shutil.copyfile(source, db)
    before = raw_contents(db)
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()

    engine = open_database(f"sqlite:///{db}")
    try:
        store = Store(engine, "tester")
        after = raw_contents(db)
        assert after["revision"] == head
        assert after["documents"] == before["documents"]
        assert after["labels"] == before["labels"]
        assert after["spans"] == before["spans"]
        # And the app reads them: every span through the store, with its text.
        through_store = {s.id: s.text for d in before["documents"] for s in store.spans(d[0])}  # type: ignore[union-attr]
        assert through_store == {row[0]: row[5] for row in before["spans"]}  # type: ignore[union-attr]
        assert store.document_count() == len(before["documents"])  # type: ignore[arg-type]
    finally:
        engine.dispose()

    backups = sorted(tmp_path.glob(f"{db.stem}.backup-*"))
    if before["revision"] != head:
        assert len(backups) == 1, "no backup was written before migrating"
        assert raw_contents(backups[0]) == before
    else:
        assert backups == []
