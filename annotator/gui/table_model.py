"""What the list models share: a flat table with translatable column titles."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class FlatTableModel(QAbstractTableModel):
    """A table without a tree: subclasses set COLUMNS (QT_TRANSLATE_NOOP sources) and ``__len__``."""

    COLUMNS: tuple[str, ...] = ()

    def __len__(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def cell(self, row: int, column: int) -> QModelIndex:
        """The index of a cell known to be in the table. ``index()`` checks that it is by asking this model's
        ``rowCount`` and ``columnCount``, two calls into Python for each index, at every tag."""
        return self.createIndex(row, column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.COLUMNS[section])
        return None
