"""Starting the desktop app: QApplication, bundled fonts, first-start seed, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

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


def run_app(store: Store, files: list[Path], quit_after_ms: int | None = None) -> int:
    app = application()
    load_bundled_fonts()
    from annotator.gui.main_window import MainWindow

    opened = None
    if files:
        report = import_paths(store, files)
        if report.errors:
            QMessageBox.warning(None, "Import", "\n".join(str(e) for e in report.errors))
        opened = report.document_ids[0] if report.document_ids else None
    import_seed_if_empty(store)
    window = MainWindow(store)
    window.show()
    window.open_initial_document(opened)
    if quit_after_ms is not None:
        QTimer.singleShot(quit_after_ms, window.close)
    return app.exec()
