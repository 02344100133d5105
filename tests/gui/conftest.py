"""Fixtures that build the real main window on a real SQLite file, with settings kept per test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest

from annotator.core.model import DocumentRecord
from annotator.gui.app import application, load_bundled_fonts
from annotator.gui.main_window import MainWindow
from annotator.importer import import_seed_if_empty
from annotator.store import Store, open_database
from annotator.store.transfer import import_records

EDGE_TEXT = "قال 😀 الرئيس محمد في بغداد\r\nCNN: يوم ١٥ مارس ٢٠٢٠ قال إن «الاتفاق سيُوقَّع» في دمشق."


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> None:
    application()
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    load_bundled_fonts()


@pytest.fixture
def open_window(qtbot, db_url: str) -> Callable[..., MainWindow]:
    """Open a main window as a user would; call again to 'restart' on the same database."""

    def opener(user: str = "tester", seed: bool = True, extra: bool = True) -> MainWindow:
        store = Store(open_database(db_url), user)
        if seed:
            import_seed_if_empty(store)
        if extra:
            import_records(store, "edge", [DocumentRecord(name="edge", text=EDGE_TEXT)])
        window = MainWindow(store)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        assert QTest.qWaitForWindowActive(window)  # shortcuts only reach an active window
        window.open_initial_document()
        window.view.setFocus()
        return window

    return opener
