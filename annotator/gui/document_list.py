"""The document list: name, span counts (all and mine), and a "not yet annotated" filter."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from annotator.core.model import DocumentSummary
from annotator.gui.qt_compat import change_row_filter
from annotator.gui.table_model import FlatTableModel

DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class DocumentListModel(FlatTableModel):
    COLUMNS = (
        QT_TRANSLATE_NOOP("DocumentListModel", "Document"),
        QT_TRANSLATE_NOOP("DocumentListModel", "Spans"),
        QT_TRANSLATE_NOOP("DocumentListModel", "Mine"),
        QT_TRANSLATE_NOOP("DocumentListModel", "Others"),
    )

    def __init__(self) -> None:
        super().__init__()
        self._documents: list[DocumentSummary] = []
        self._rows: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._documents)

    def reset(self, documents: list[DocumentSummary]) -> None:
        self.beginResetModel()
        self._documents = list(documents)
        self._rows = {d.id: row for row, d in enumerate(self._documents)}
        self.endResetModel()

    def document_ids(self) -> list[int]:
        return [d.id for d in self._documents]

    def row_of(self, document_id: int) -> int | None:
        return self._rows.get(document_id)

    def summary(self, document_id: int) -> DocumentSummary | None:
        row = self._rows.get(document_id)
        return self._documents[row] if row is not None else None

    def adjust_counts(self, document_id: int, total: int, mine: int) -> None:
        row = self._rows.get(document_id)
        if row is None:
            return
        old = self._documents[row]
        self._documents[row] = replace(old, span_count=old.span_count + total, my_span_count=old.my_span_count + mine)
        self.dataChanged.emit(self.index(row, 1), self.index(row, 3))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        document = self._documents[index.row()]
        if role == DOCUMENT_ID_ROLE:
            return document.id
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                document.name,
                document.span_count,
                document.my_span_count,
                document.span_count - document.my_span_count,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{document.name}: {document.span_count} spans, {document.my_span_count} of them yours"
        return None


class DocumentFilterProxy(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.only_unannotated = False

    def set_only_unannotated(self, only: bool) -> None:
        change_row_filter(self, lambda: setattr(self, "only_unannotated", only))

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self.only_unannotated:
            return True
        model = self.sourceModel()
        return model.data(model.index(source_row, 2, source_parent)) == 0
