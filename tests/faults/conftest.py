"""Fault tests: child processes killed, racing writers, bad files, random text, old databases.

ANNOTATOR_FAULT_TRIALS sets how many kill -9 trials run (default 20; 100 for a thorough run)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from annotator.core.model import DocumentRecord
from annotator.store import Store, open_database
from annotator.store.transfer import import_records

WORDS = 20_000
TEXT = "كلمة " * WORDS  # tag_worker.py's span i covers word i


def fault_trials() -> int:
    return int(os.environ.get("ANNOTATOR_FAULT_TRIALS", "20"))


@pytest.fixture
def tagging_db(tmp_path: Path) -> tuple[Path, int]:
    """A database file with one long document to tag, and that document's id."""
    db = tmp_path / "faults.db"
    engine = open_database(f"sqlite:///{db}")
    store = Store(engine, "tester")
    document_id = import_records(store, "words", [DocumentRecord(name="words", text=TEXT)]).document_ids[0]
    engine.dispose()
    return db, document_id


def integrity(db: Path) -> str:
    connection = sqlite3.connect(db)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()
