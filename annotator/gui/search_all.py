"""Edit ▸ Search all documents (Ctrl+Shift+F): a text in every document (Arabic-aware, as the suggestion
matcher matches), span texts, and spans by label and linked source (``label:claim source:محمد``). The
search runs off the UI thread; a hit opens its document with the match selected, ready to tag."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from annotator.core.search import Hit, parse_query, search_spans, search_texts

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

RLI, PDI = "\u2067", "\u2069"  # the context read right to left inside any interface
HIT_ROLE = Qt.ItemDataRole.UserRole + 3


class _Found(QObject):
    done = Signal(int, object, object)  # search number, hits, names
    failed = Signal(str)


class _Search(QRunnable):
    def __init__(self, store, number: int, query: str, signals: _Found) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.store, self.number, self.query, self.signals = store, number, query, signals

    def run(self) -> None:
        from annotator.store.search_input import search_input
        from annotator.store.store import Store

        try:
            texts, names, spans, links = search_input(Store(self.store.engine, self.store.user))
            query = parse_query(self.query)
            hits = search_spans(query, spans, links, texts) + search_texts(query, texts.items())
            self.signals.done.emit(self.number, hits, names)
        except Exception as error:  # said in the dialog, not raised into Qt's thread pool
            try:
                self.signals.failed.emit(str(error))
            except RuntimeError:  # the dialog closed meanwhile
                pass


class SearchAllDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("searchAllDialog")
        self.setWindowTitle(self.tr("Search all documents"))
        self.window_ = window
        self.number = 0
        self.hits: list[Hit] = []
        self.query = QLineEdit()
        self.query.setObjectName("searchAllQuery")
        self.query.setPlaceholderText(self.tr("a word or name; label:claim source:NAME for claims by NAME"))
        self.query.returnPressed.connect(self.search)
        self.status = QLabel()
        self.results = QTableWidget(0, 3)
        self.results.setObjectName("searchAllResults")
        self.results.setHorizontalHeaderLabels([self.tr("Document"), self.tr("Found"), self.tr("In")])
        self.results.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().hide()
        self.results.activated.connect(self.open_hit)
        self.results.doubleClicked.connect(self.open_hit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.status)
        layout.addWidget(self.results)
        self.resize(760, 460)
        self.signals = _Found(self)
        self.signals.done.connect(self._found)
        self.signals.failed.connect(lambda error: self.status.setText(self.tr("Search failed: {error}").format(
            error=error)))

    def search(self) -> None:
        text = self.query.text().strip()
        if not text:
            return
        self.number += 1
        self.status.setText(self.tr("Searching…"))
        QThreadPool.globalInstance().start(_Search(self.window_.store, self.number, text, self.signals))

    def _found(self, number: int, hits: list[Hit], names: dict[int, str]) -> None:
        if number != self.number:
            return  # an older search finished after a newer one started
        self.hits = hits
        self.results.setRowCount(len(hits))
        for row, hit in enumerate(hits):
            found = QTableWidgetItem(f"{RLI}…{hit.before}【{hit.match}】{hit.after}…{PDI}")
            found.setData(HIT_ROLE, row)
            kind = self.tr("text") if hit.kind == "text" else self.tr("span: {label}").format(label=hit.label)
            for column, item in enumerate((QTableWidgetItem(names.get(hit.document_id, "")), found,
                                           QTableWidgetItem(kind))):
                self.results.setItem(row, column, item)
        documents = len({hit.document_id for hit in hits})
        self.status.setText(self.tr("{count} found in {documents} document(s); Enter opens one").format(
            count=len(hits), documents=documents))
        if hits:
            self.results.setCurrentCell(0, 1)
            self.results.setFocus()

    def open_hit(self, index=None) -> None:  # type: ignore[no-untyped-def]
        row = self.results.currentRow() if index is None else index.row()
        if not 0 <= row < len(self.hits):
            return
        hit = self.hits[row]
        window = self.window_
        self.hide()  # back to the text, keys and all; Ctrl+Shift+F shows these results again
        window.open_document(hit.document_id)
        window.view.select_offsets(hit.start, hit.end)
        window.view.setFocus()
        window.activateWindow()
        if window.windowHandle() is not None:
            window.windowHandle().requestActivate()
        window.show_message(self.tr("Found “{text}”: a label key tags it.").format(text=hit.match))


def show_search_all(window: MainWindow) -> SearchAllDialog:
    dialog = getattr(window, "search_all_dialog", None)
    if dialog is None:
        dialog = window.search_all_dialog = SearchAllDialog(window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    if dialog.hits:
        dialog.results.setFocus()  # back to the same results: Down, Enter opens the next
    else:
        dialog.query.setFocus()
        dialog.query.selectAll()
    return dialog
