"""The document list: name, span counts (all and mine), my state of each (assigned ones first), and
filters: "not yet annotated", and by state (to do, finished, skipped)."""

from __future__ import annotations

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
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_COLUMN = 4
_Index = QModelIndex | QPersistentModelIndex


class DocumentListModel(FlatTableModel):
    COLUMNS = (
        QT_TRANSLATE_NOOP("DocumentListModel", "Document"),
        QT_TRANSLATE_NOOP("DocumentListModel", "Spans"),
        QT_TRANSLATE_NOOP("DocumentListModel", "Mine"),
        QT_TRANSLATE_NOOP("DocumentListModel", "Others"),
        QT_TRANSLATE_NOOP("DocumentListModel", "State"),
    )

    def __init__(self) -> None:
        super().__init__()
        self._documents: list[DocumentSummary] = []
        self._rows: dict[int, int] = {}
        self._states: dict[int, str] = {}
        self._assigned: set[int] = set()

    def __len__(self) -> int:
        return len(self._documents)

    def reset(self, documents: list[DocumentSummary]) -> None:
        self.beginResetModel()
        # Documents assigned to me first; the others stay reachable below them.
        self._documents = sorted(documents, key=lambda d: d.id not in self._assigned)
        self._rows = {d.id: row for row, d in enumerate(self._documents)}
        self.endResetModel()

    def set_project(self, states: dict[int, str], assigned: set[int]) -> None:
        self._states, self._assigned = dict(states), set(assigned)
        self.reset(self._documents)

    def set_state(self, document_id: int, state: str) -> None:
        self._states[document_id] = state
        row = self._rows.get(document_id)
        if row is not None:
            self.dataChanged.emit(self.cell(row, STATE_COLUMN), self.cell(row, STATE_COLUMN))

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
        self._documents[row] = DocumentSummary(old.id, old.name, old.span_count + total, old.my_span_count + mine)
        self.dataChanged.emit(self.cell(row, 1), self.cell(row, 3))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        document = self._documents[index.row()]
        state = self._states.get(document.id, "new")
        if role == DOCUMENT_ID_ROLE:
            return document.id
        if role == STATE_ROLE:
            return state
        if role == Qt.ItemDataRole.DisplayRole:
            from annotator.gui.project import state_name

            shown = state_name(state) + (" ●" if document.id in self._assigned else "")
            return (
                document.name,
                document.span_count,
                document.my_span_count,
                document.span_count - document.my_span_count,
                shown,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self.tr("{name}: {count} spans, {mine} of them yours").format(
                name=document.name, count=document.span_count, mine=document.my_span_count)
            if document.id in self._assigned:
                tip += " · " + self.tr("assigned to you")
            return tip
        return None


# The state filter's choices: what each shows.
STATE_FILTERS = {"all": None, "todo": ("new", "in_progress"), "finished": ("finished",), "skipped": ("skipped",)}
STATE_FILTER_NAMES = {"all": QT_TRANSLATE_NOOP("DocumentFilterProxy", "All documents"),
                      "todo": QT_TRANSLATE_NOOP("DocumentFilterProxy", "To do"),
                      "finished": QT_TRANSLATE_NOOP("DocumentFilterProxy", "Finished"),
                      "skipped": QT_TRANSLATE_NOOP("DocumentFilterProxy", "Skipped")}


class DocumentFilterProxy(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.only_unannotated = False
        self.states: tuple[str, ...] | None = None

    def set_only_unannotated(self, only: bool) -> None:
        change_row_filter(self, lambda: setattr(self, "only_unannotated", only))

    def set_state_filter(self, choice: str) -> None:
        change_row_filter(self, lambda: setattr(self, "states", STATE_FILTERS[choice]))

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        if self.states is not None and model.data(model.index(source_row, 0, source_parent), STATE_ROLE) \
                not in self.states:
            return False
        if not self.only_unannotated:
            return True
        return model.data(model.index(source_row, 2, source_parent)) == 0
