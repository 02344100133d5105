"""Help ▸ Keyboard shortcuts: every action of the window with its keys, editable and remembered.

The list is made from the window's own actions, so it cannot go out of date. Keys are saved in
QSettings under each action's stable name (``shortcuts/<name>``) and applied at start (actions.py).

Key sequences are left-to-right text in every interface: written inside LEFT-TO-RIGHT ISOLATE …
POP DIRECTIONAL ISOLATE, so that the Arabic (right-to-left) interface shows ``Ctrl++`` and not
``++Ctrl``; the key column is as wide as its longest sequence (``Ctrl+Shift+Z``).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.actions import PREFIX, apply_saved_shortcuts, named_actions, remember_defaults

__all__ = ["PREFIX", "ShortcutsDialog", "apply_saved_shortcuts", "ltr", "named_actions", "remember_defaults",
           "shown_keys"]

KEY_COLUMN, ALSO_COLUMN = 1, 2


def ltr(text: str) -> str:
    """Key names kept in left-to-right order inside right-to-left text: ``Ctrl++``, not ``++Ctrl``."""
    return f"\u2066{text}\u2069" if text else text


def shown_keys(sequences: list[QKeySequence]) -> str:
    return ", ".join(ltr(k.toString(QKeySequence.SequenceFormat.NativeText)) for k in sequences)


def text_width_needed(editor: QKeySequenceEdit) -> int:
    """How wide ``editor`` must be to show its whole sequence beside its clear button: the text's
    advance plus what the line edit's own size hint adds around its text (frame, margins, the button)."""
    line = editor.findChild(QLineEdit)
    metrics = line.fontMetrics()
    around = line.sizeHint().width() - metrics.horizontalAdvance("x") * 17  # Qt's hint is 17 x's plus that
    text = line.text() or line.placeholderText()
    return metrics.horizontalAdvance(text) + around + 2  # + the caret


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget, defaults: dict[str, list[QKeySequence]], settings: QSettings) -> None:
        super().__init__(window)
        self.window_ = window
        self.defaults = defaults
        self.settings = settings
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(620, 640)
        self.actions_ = named_actions(window)
        self.table = QTableWidget(len(self.actions_), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Shortcut"), self.tr("Also")])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ALSO_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.editors: list[QKeySequenceEdit] = []
        for row, action in enumerate(self.actions_):
            name = QTableWidgetItem(action.text().replace("&", ""))
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, name)
            keys = action.shortcuts()
            editor = QKeySequenceEdit(keys[0] if keys else QKeySequence())
            editor.setClearButtonEnabled(True)
            # while keys are pressed and when a sequence is set (restore defaults), the text changes
            editor.findChild(QLineEdit).textChanged.connect(self.fit_key_column)
            self.table.setCellWidget(row, KEY_COLUMN, editor)
            self.editors.append(editor)
            also = QTableWidgetItem(shown_keys(keys[1:]))
            also.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, ALSO_COLUMN, also)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Click a shortcut and press the new keys. Changes are remembered.")))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.fit_key_column()

    def fit_key_column(self) -> None:
        """Widen the key column to its longest sequence (and its title); never narrow it under the user."""
        header = self.table.horizontalHeader()
        title = header.fontMetrics().horizontalAdvance(self.table.horizontalHeaderItem(KEY_COLUMN).text()) + 24
        needed = max([title, *(text_width_needed(editor) for editor in self.editors)]) + self.table.showGrid()
        if header.sectionSize(KEY_COLUMN) < needed:
            header.resizeSection(KEY_COLUMN, needed)

    def conflicts(self) -> list[str]:
        seen: dict[str, str] = {}
        clashes = []
        for action, editor in zip(self.actions_, self.editors, strict=True):
            keys = editor.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
            if not keys:
                continue
            if keys in seen:
                clashes.append(
                    self.tr("{keys} is used by both “{a}” and “{b}”").format(
                        keys=ltr(keys), a=seen[keys], b=action.text().replace("&", "")
                    )
                )
            seen[keys] = action.text().replace("&", "")
        return clashes

    def save(self) -> None:
        clashes = self.conflicts()
        if clashes:
            QMessageBox.warning(self, self.tr("Keyboard shortcuts"), "\n".join(clashes))
            return
        for action, editor in zip(self.actions_, self.editors, strict=True):
            sequence = editor.keySequence()
            default = self.defaults.get(action.objectName()) or [QKeySequence()]
            # An unchanged primary key keeps the action's secondary keys (Ctrl+Y beside Ctrl+Shift+Z ...).
            rest = action.shortcuts()[1:] if sequence == default[0] else []
            action.setShortcuts([sequence, *rest] if not sequence.isEmpty() else [])
            self.settings.setValue(
                PREFIX + action.objectName(), sequence.toString(QKeySequence.SequenceFormat.PortableText)
            )
        self.accept()

    def restore_defaults(self) -> None:
        for action, editor in zip(self.actions_, self.editors, strict=True):
            default = self.defaults.get(action.objectName(), [])
            editor.setKeySequence(default[0] if default else QKeySequence())
            action.setShortcuts(default)
            self.table.item(self.actions_.index(action), ALSO_COLUMN).setText(shown_keys(default[1:]))
            self.settings.remove(PREFIX + action.objectName())
