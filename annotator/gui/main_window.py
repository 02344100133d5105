"""The main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QMainWindow, QPlainTextEdit

from annotator.store.store import Store


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle("annotator")
        self.view = QPlainTextEdit(self)
        self.view.setReadOnly(True)
        option = self.view.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.view.document().setDefaultTextOption(option)
        self.setCentralWidget(self.view)
        self.resize(1000, 700)

    def open_initial_document(self, document_id: int | None) -> None:
        summaries = self.store.document_summaries()
        if document_id is None and summaries:
            document_id = summaries[0].id
        if document_id is not None:
            document = self.store.document(document_id)
            self.setWindowTitle(f"{document.name} — annotator")
            self.view.setPlainText(document.text)
