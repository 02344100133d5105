"""Starting the desktop app: QApplication, bundled fonts, first-start seed, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from annotator.bundled import font_paths
from annotator.importer import import_paths, import_seed_if_empty
from annotator.store.store import Store

ORGANIZATION = "annotator"
APPLICATION = "annotator"


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    return app  # type: ignore[return-value]


def load_bundled_fonts() -> list[str]:
    """Register the bundled Arabic font so a machine without one still shows joined letters."""
    families: list[str] = []
    for path in font_paths():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id != -1:
            families.extend(f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families)
    return families


def create_main_window(store: Store, files: list[Path]):  # type: ignore[no-untyped-def]
    """Import the given files (if new), seed an empty database, and show the window on the first file."""
    from annotator.gui.import_dialog import show_errors
    from annotator.gui.main_window import MainWindow

    window = MainWindow(store)
    opened = None
    if files:
        report = import_paths(store, files)
        opened = report.document_ids[0] if report.document_ids else None
        window.refresh_documents()
        show_errors(window, report)
    if import_seed_if_empty(store) is not None:
        window.refresh_documents()
    window.show()
    # Ask for keyboard focus: without a window manager (a kiosk, Xvfb) the window is otherwise never
    # active, and the label keys and Ctrl shortcuts would not fire.
    window.raise_()
    window.activateWindow()
    window.open_initial_document(opened)
    return window


def run_app(store: Store, files: list[Path], quit_after_ms: int | None = None) -> int:
    app = application()
    load_bundled_fonts()
    window = create_main_window(store, files)
    if quit_after_ms is not None:
        QTimer.singleShot(quit_after_ms, window.close)
    return app.exec()
