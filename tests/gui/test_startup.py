"""The app's start: the document is painted first and the keys work from that paint; the docks (and the
saved dock layout) come right after it."""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QApplication

from annotator.core.model import DocumentRecord
from annotator.gui.app import create_main_window
from annotator.gui.main_window import DOCKS_SAFETY_MS, MainWindow
from annotator.store import Store, open_database
from annotator.store.transfer import import_records

TEXT = "قال الرئيس محمد في بغداد إن الاتفاق سيوقع في دمشق."


def sqlite_store(tmp_path: Path) -> Store:
    store = Store(open_database(f"sqlite:///{tmp_path / 'start.db'}"), "tester")
    import_records(store, "news", [DocumentRecord(name="news", text=TEXT)])
    return store


class FirstPaint(QObject):
    """Runs ``then`` (queued) at the first paint of a document view's text, before anything that this
    paint queued itself: the window's deferred docks are queued by the view's paintEvent, which runs after
    this application-wide filter."""

    def __init__(self, then) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.then = then
        self.painted_text: str | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if self.painted_text is None and event.type() == QEvent.Type.Paint \
                and isinstance(watched.parent(), QAbstractScrollArea) \
                and watched.parent().metaObject().className() == "DocumentView":
            self.painted_text = watched.parent().toPlainText()
            QTimer.singleShot(0, self.then)
        return False


def test_the_document_is_painted_first_and_a_label_key_works_before_the_docks(qtbot, tmp_path: Path) -> None:
    store = sqlite_store(tmp_path)
    # A previous session's dock layout: the Layers dock closed, the Links dock beside the documents.
    before = MainWindow(store)
    qtbot.addWidget(before)
    before.show()
    before.layers_dock.close()
    before.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, before.links_dock)
    before.close()

    window: MainWindow | None = None
    seen: dict[str, object] = {}

    def tag_at_first_paint() -> None:
        assert window is not None
        seen["docks built before the key"] = window.docks_built
        start = TEXT.index("الرئيس محمد")
        window.view.select_offsets(start, start + len("الرئيس محمد"))
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        seen["stored"] = [(s.label, s.text) for s in store.spans(window.session.document.id)]

    first_paint = FirstPaint(tag_at_first_paint)
    QApplication.instance().installEventFilter(first_paint)
    try:
        window = create_main_window(store, [], defer_docks=True)  # as the app starts it
        qtbot.addWidget(window)
        assert not window.docks_built and window.session.document.name == "news"
        qtbot.waitUntil(lambda: "stored" in seen and window.docks_built, timeout=5000)
    finally:
        QApplication.instance().removeEventFilter(first_paint)

    assert first_paint.painted_text == TEXT  # the text is on screen at the first paint
    assert seen["docks built before the key"] is False
    assert seen["stored"] == [("actor", "الرئيس محمد")]  # the key worked from the first paint
    # Once the docks are built they show what happened before them ...
    model = window.spans_model
    assert [(model.span_at(row).label, model.span_at(row).text) for row in range(model.rowCount())] == [
        ("actor", "الرئيس محمد")]
    assert [index.data(Qt.ItemDataRole.DisplayRole)
            for index in window.spans_table.selectionModel().selectedRows(1)] == ["الرئيس محمد"]
    row = window.documents_model.row_of(window.session.document.id)
    assert window.documents_model.index(row, 2).data() == 1  # my spans in the document list
    assert window.documents_table.currentIndex().row() == row
    assert window.layers.count() == 1
    # ... and the saved layout came back with them.
    assert window.layers_dock.isHidden()
    assert window.dockWidgetArea(window.links_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert window.dockWidgetArea(window.spans_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert not window.spans_dock.isHidden()


def test_docks_are_built_without_a_paint_and_closing_before_them_keeps_the_saved_layout(qtbot, tmp_path) -> None:
    store = sqlite_store(tmp_path)
    before = MainWindow(store)
    qtbot.addWidget(before)
    before.show()
    before.layers_dock.close()
    before.close()
    saved = QSettings().value("window_state")
    assert saved is not None

    closed_early = MainWindow(store, defer_docks=True)
    qtbot.addWidget(closed_early)
    closed_early.close()  # before any paint: a layout without docks must not replace the saved one
    assert not closed_early.docks_built
    assert QSettings().value("window_state") == saved

    never_shown = MainWindow(store, defer_docks=True)
    qtbot.addWidget(never_shown)
    assert not never_shown.docks_built
    qtbot.waitUntil(lambda: never_shown.docks_built, timeout=DOCKS_SAFETY_MS + 2000)  # the safety timer

    needs_the_list = MainWindow(store, defer_docks=True)
    qtbot.addWidget(needs_the_list)
    needs_the_list.step_document(+1)  # Ctrl+PgDown follows the list: the docks are built at once
    assert needs_the_list.docks_built and needs_the_list.session.document.name == "news"


def test_the_window_start_collects_no_garbage_until_the_window_is_whole(monkeypatch, tmp_path: Path) -> None:
    import annotator.gui.app as app_module
    from annotator.cli import main

    during: list[bool] = []
    monkeypatch.setattr(app_module, "run_app", lambda *_args, **_kwargs: during.append(gc.isenabled()) or 0)
    try:
        assert main(["--db", f"sqlite:///{tmp_path / 'gc.db'}"]) == 0
    finally:
        gc.unfreeze()  # (cli.main froze this test process's objects)
    assert during == [False]
    assert gc.isenabled()


def test_the_start_s_log_records_are_written_once_the_log_file_is_set_up(isolated_home: Path) -> None:
    import logging

    from annotator.logs import hold_start_records, log_file, setup_logging

    hold_start_records()  # as run_app starts: logging.handlers is loaded once the window is whole
    logging.getLogger("annotator.gui").info("starting on a test database")
    logging.getLogger("annotator.session").warning("something early")
    assert not log_file().exists()
    assert setup_logging() == log_file() == isolated_home / "logs" / "annotator.log"
    logging.getLogger("annotator.gui").info("after the set-up")
    written = log_file().read_text(encoding="utf-8").splitlines()
    assert [line.split(" ", 2)[2] for line in written] == [
        "INFO annotator.gui: starting on a test database", "WARNING annotator.session: something early",
        "INFO annotator.gui: after the set-up"]
    assert setup_logging() == log_file()  # again (the end of run_app): nothing written twice
    assert len(log_file().read_text(encoding="utf-8").splitlines()) == 3
