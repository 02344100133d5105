"""Find in the document (Ctrl+F): Enter finds the next match, Shift+Enter the previous, Esc closes.
A match is left selected, so it can be tagged straight away with 1–4."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from annotator.gui.document_view import DocumentView


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, view: DocumentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(self.tr("Find in document…"))
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(self.find_next)
        self.result = QLabel(self)
        previous = QPushButton(self.tr("Previous"), self)
        previous.clicked.connect(self.find_previous)
        following = QPushButton(self.tr("Next"), self)
        following.clicked.connect(self.find_next)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        for widget in (self.field, previous, following, self.result, close):
            layout.addWidget(widget)
        self.field.installEventFilter(self)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.view.setFocus()
        self.closed.emit()

    def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]
        if watched is self.field and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and shift:
                self.find_previous()
                return True
        return super().eventFilter(watched, event)

    def find_next(self) -> bool:
        return self._find(QTextDocument.FindFlag(0))

    def find_previous(self) -> bool:
        return self._find(QTextDocument.FindFlag.FindBackward)

    def _found(self) -> None:
        # A match is tagged exactly as found: word snapping would pull in a proclitic (و in والقوات).
        self.view.raw_selection = True

    def _find(self, flags: QTextDocument.FindFlag) -> bool:
        needle = self.field.text()
        if not needle:
            return False
        if self.view.find(needle, flags):
            self.result.setText("")
            self._found()
            return True
        # Wrap around once.
        cursor = self.view.textCursor()
        backward = bool(flags & QTextDocument.FindFlag.FindBackward)
        cursor.movePosition(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
        self.view.setTextCursor(cursor)
        if self.view.find(needle, flags):
            self.result.setText(self.tr("wrapped around"))
            self._found()
            return True
        self.result.setText(self.tr("not found"))
        return False
