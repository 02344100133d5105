"""A damaged database takes no more writes and says how to recover; check and backup work from the
command line; read-only commands neither wait behind a writer nor take the write lock."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest

from annotator.store.safety import automatic_backups, daily_backup
from tests.faults.cli import annotator, stats


def filled_database(tmp_path: Path, documents: int = 300) -> Path:
    db = tmp_path / "a.db"
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"d{i}", "text": f"قال محمد في بغداد {i} " * 20, "spans": [
        {"start": 4, "end": 8, "label": "actor"}]}, ensure_ascii=False) + "\n" for i in range(documents)),
        encoding="utf-8")
    assert annotator("import", source, db=db).returncode == 0
    return db


def damage(db: Path) -> None:
    """Flip bytes in the middle of the file (b-tree pages, not the header)."""
    data = bytearray(db.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    for offset in range(middle + 8, middle + 8 + 200):
        data[offset] ^= 0xFF
    db.write_bytes(bytes(data))


def test_a_damaged_database_takes_no_writes_and_says_how_to_recover(tmp_path: Path) -> None:
    db = filled_database(tmp_path)
    damage(db)
    before = db.read_bytes()
    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({"id": "new", "text": "نص جديد"}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = annotator("import", more, db=db)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "damaged" in result.stderr and ".recover" in result.stderr and "nothing was written" in result.stderr
    assert db.read_bytes() == before

    checked = annotator("check", db=db)
    assert checked.returncode == 1 and "damaged" in checked.stderr and checked.stdout.strip()
    exported = annotator("export", "--format", "jsonl", "--out", tmp_path / "x.jsonl", db=db)
    assert "Traceback" not in exported.stderr


def test_check_and_backup_on_a_sound_database(tmp_path: Path) -> None:
    db = filled_database(tmp_path, 20)
    assert annotator("check", db=db).stdout.startswith(f"{db}: ok")
    out = tmp_path / "copy.db"
    result = annotator("backup", out, db=db)
    assert result.returncode == 0, result.stderr
    assert stats(out)["documents"] == 20
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == ["copy.db"]
    again = annotator("backup", out, db=db)
    assert again.returncode == 1 and "exists already" in again.stderr


def test_daily_backups_are_made_once_a_day_and_the_newest_kept(tmp_path: Path, monkeypatch) -> None:
    from datetime import datetime, timedelta

    db = filled_database(tmp_path, 5)
    monkeypatch.setenv("ANNOTATOR_BACKUPS", "3")
    for path in automatic_backups(db):
        path.unlink()
    day = datetime(2026, 12, 1, 9, 0)
    made = []
    for n in range(5):
        when = day + timedelta(days=n)
        backup = daily_backup(db, now=when)
        assert backup is not None
        os.utime(backup, (when.timestamp(), when.timestamp()))
        assert daily_backup(db, now=when + timedelta(hours=2)) is None  # once a day
        made.append(backup)
    assert automatic_backups(db) == made[-3:]
    copy = sqlite3.connect(made[-1])
    assert copy.execute("SELECT count(*) FROM documents").fetchone() == (5,)
    copy.close()


def test_read_only_commands_do_not_wait_behind_a_writer(tmp_path: Path) -> None:
    db = filled_database(tmp_path, 5)
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        started = time.monotonic()
        result = annotator("stats", "--json", db=db, timeout=60)
        assert result.returncode == 0, result.stderr
        assert time.monotonic() - started < 20
        out = tmp_path / "x.jsonl"
        assert annotator("export", "--format", "jsonl", "--out", out, db=db, timeout=60).returncode == 0
    finally:
        writer.execute("ROLLBACK")
        writer.close()


@pytest.mark.parametrize("reason", ["attempt to write a readonly database", "database or disk is full"])
def test_a_database_that_refuses_writes_is_one_line_without_sql(tmp_path: Path, monkeypatch, capsys,
                                                                 reason: str) -> None:
    # A read-only file (root writes anyway, so it is simulated) or a full disk: SQLite's reason, one line,
    # never SQLAlchemy's statement and parameters (which can hold document text).
    from sqlalchemy.exc import OperationalError

    from annotator import cli
    from annotator.store.labels import LabelAdmin

    def refused(self, spec):  # type: ignore[no-untyped-def]
        raise OperationalError("INSERT INTO labels (name) VALUES (?)", ("نص سري",), sqlite3.OperationalError(reason))

    monkeypatch.setattr(LabelAdmin, "add_label", refused)
    code = cli.main(["labels", "add", "x", "--db", str(tmp_path / "a.db"), "--user", "tester"])
    err = capsys.readouterr().err
    assert code == 1 and reason in err and "INSERT" not in err and "نص سري" not in err
    assert len(err.strip().splitlines()) == 1
