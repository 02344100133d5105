"""Shared fixtures. Qt runs offscreen, and every test gets its own data dir, settings and database."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from annotator.store import Store, open_database  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("ANNOTATOR_DB", raising=False)
    monkeypatch.setenv("ANNOTATOR_USER", "tester")
    monkeypatch.setenv("ANNOTATOR_LOG_DIR", str(home / "logs"))
    return home


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def store(db_url: str) -> Store:
    engine = open_database(db_url)
    yield Store(engine, "tester")
    engine.dispose()


@pytest.fixture
def document_id(store: Store) -> int:
    from annotator.core.model import DocumentRecord
    from annotator.store.transfer import import_records

    text = "قال 😀 الرئيس محمد في بغداد\r\nيوم ١٥ مارس ٢٠٢٠ إن «الاتفاق سيُوقَّع» CNN."
    result = import_records(store, "fixture", [DocumentRecord(name="fixture", text=text)])
    return result.document_ids[0]
