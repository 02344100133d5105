"""Starting the desktop app: QApplication, bundled fonts, first-start seed, the main window."""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from annotator.bundled import font_paths, resources_dir
from annotator.gui.i18n import SETTING, chosen_language, install_language
from annotator.logs import hold_start_records, log_file, setup_logging
from annotator.store.store import Store

log = logging.getLogger("annotator.gui")
ORGANIZATION = "annotator"
DESKTOP_ID = "io.github.annotator.Annotator"
APPLICATION = "annotator"


def application(menu_style: bool = True) -> QApplication:
    """The QApplication, named for QSettings; ``menu_style=False`` leaves the menu style to a later
    ``use_menu_style`` (the app's start installs it after the first paint)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    if menu_style:
        use_menu_style(app)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setDesktopFileName(DESKTOP_ID)
    icon = resources_dir() / "icons" / "annotator.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app  # type: ignore[return-value]


def use_menu_style(app: QApplication) -> None:
    """Menu shortcuts drawn left-to-right in every interface (menu_style.py). Loading QStyle costs about
    10 ms, so the app's start does this once its window is whole; a menu is not opened before."""
    from annotator.gui.menu_style import IsolatedShortcutsStyle

    if not isinstance(app.style(), IsolatedShortcutsStyle):
        app.setStyle(IsolatedShortcutsStyle(app.style().name()))


def load_bundled_fonts() -> list[str]:
    """Register the bundled Arabic font so a machine without one still shows joined letters."""
    families: list[str] = []
    for path in font_paths():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id != -1:
            families.extend(f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families)
    return families


def create_main_window(store: Store, files: list[Path], defer_docks: bool = False):  # type: ignore[no-untyped-def]
    """Import the given files (if new), seed an empty database, and show the window on the first file.
    ``defer_docks``: the window paints the document first and builds its docks right after (the app)."""
    from annotator.gui.main_window import MainWindow

    window = MainWindow(store, defer_docks=defer_docks)
    opened = None
    if files:
        from annotator.gui.import_dialog import show_errors
        from annotator.importer import import_paths

        report = import_paths(store, files)
        opened = report.document_ids[0] if report.document_ids else None
        window.refresh_documents()
        show_errors(window, report)
    if store.document_count() == 0:  # the importer (its formats) is loaded only when there is work for it
        from annotator.importer import import_seed_if_empty

        if import_seed_if_empty(store) is not None:
            window.refresh_documents()
    window.show()
    # Ask for keyboard focus: without a window manager (a kiosk, Xvfb) the window is otherwise never
    # active, and the label keys and Ctrl shortcuts would not fire.
    window.raise_()
    window.activateWindow()
    window.open_initial_document(opened)
    return window


def install_exception_dialog(log_path: Path) -> None:
    """An unexpected error is logged and shown with the log's path; the window stays. Every action
    already done was committed when it happened, so nothing is lost."""

    def hook(kind, error, trace) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QMessageBox

        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log.error("unexpected error", exc_info=(kind, error, trace))
        QMessageBox.critical(
            QApplication.activeWindow(),
            "Unexpected error",
            f"Something went wrong: {kind.__name__}: {error}\n\nYour work up to the last action is saved. "
            f"The details are in the log:\n{log_path}",
        )

    sys.excepthook = hook


class WindowKeeper:
    """Holds the one main window; rebuilds it when the user picks another language."""

    def __init__(self, store: Store, defer_docks: bool = False) -> None:
        self.store = store
        self.defer_docks = defer_docks
        self.window = None

    def show(self, files: list[Path]):  # type: ignore[no-untyped-def]
        self.window = create_main_window(self.store, files, defer_docks=self.defer_docks)
        self.window.languageChosen.connect(self.switch_language)
        return self.window

    def switch_language(self, language: str) -> None:
        QSettings().setValue(SETTING, language)
        install_language(application(), language)
        old = self.window
        if old is not None:
            old.close()  # saves layout and the open document for the new window
        self.show([])
        if old is not None:
            old.deleteLater()


def collect_again() -> None:
    """Garbage collection on again after the start: what the start built lives as long as the window, so
    it is moved out of the collector's sight first."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def run_app(store: Store, files: list[Path], quit_after_ms: int | None = None, language: str | None = None) -> int:
    # The document is painted first; the docks (MainWindow.build_docks), then the menu style, the log file
    # and garbage collection (cli.main stopped it for the start) once the window is whole.
    hold_start_records()
    try:
        log.info("starting on %s as %s", store.engine.url.render_as_string(hide_password=True), store.user)
        app = application(menu_style=False)
        install_exception_dialog(log_file())
        load_bundled_fonts()
        install_language(app, chosen_language(language))
        keeper = WindowKeeper(store, defer_docks=True)
        keeper.show(files)

        def whole() -> None:
            collect_again()
            use_menu_style(app)
            setup_logging()

        keeper.window.docksBuilt.connect(whole)
        if quit_after_ms is not None:
            QTimer.singleShot(quit_after_ms, lambda: keeper.window.close())
        return app.exec()
    finally:
        setup_logging()  # (the records of a start that ended before its window was whole)
