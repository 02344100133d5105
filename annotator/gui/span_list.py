"""The span list: a thin Qt model over the open document's spans, updated one row at a time. It shows
the spans of the annotators whose layers are shown and filters them itself: a filter proxy in between
cost a tenth of a tag's time on every new row, more on a long document."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from annotator.core.model import StoredSpan
from annotator.gui.table_model import FlatTableModel

SPAN_ROLE = Qt.ItemDataRole.UserRole + 1
# Shown translated; stored and exported as they are.
_STATUS_NAMES = (QT_TRANSLATE_NOOP("Status", "draft"), QT_TRANSLATE_NOOP("Status", "accepted"),
                 QT_TRANSLATE_NOOP("Status", "rejected"))
_LABEL_NAMES = (QT_TRANSLATE_NOOP("Label", "actor"), QT_TRANSLATE_NOOP("Label", "location"),
                QT_TRANSLATE_NOOP("Label", "date"), QT_TRANSLATE_NOOP("Label", "claim"))
# Left-to-right isolates: "15–20" stays in that order inside right-to-left text and interface.
LRI, PDI = "\u2066", "\u2069"


def span_status_name(status: str) -> str:
    return QCoreApplication.translate("Status", status)


def label_display_name(name: str) -> str:
    """The default labels in the interface language; a team's own labels as they are."""
    return QCoreApplication.translate("Label", name)


def offsets_text(start: int, end: int) -> str:
    return f"{LRI}{start}–{end}{PDI}"
_Index = QModelIndex | QPersistentModelIndex


class SpanListModel(FlatTableModel):
    COLUMNS = (
        QT_TRANSLATE_NOOP("SpanListModel", "Label"),
        QT_TRANSLATE_NOOP("SpanListModel", "Text"),
        QT_TRANSLATE_NOOP("SpanListModel", "Annotator"),
        QT_TRANSLATE_NOOP("SpanListModel", "Status"),
        QT_TRANSLATE_NOOP("SpanListModel", "Offsets"),
    )

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[StoredSpan] = []  # the shown ones, in display order
        self._by_id: dict[int, StoredSpan] = {}  # shown and hidden
        self.hidden: frozenset[str] = frozenset()  # annotators whose spans are not listed
        self.colors: dict[str, QColor] = {}
        self._sort_column = 4
        self._descending = False
        self._added: tuple[int, int] | None = None  # the last span added and its row (row_of's first guess)

    def _sort_key(self, span: StoredSpan) -> tuple:  # type: ignore[type-arg]
        first = (span.label, span.text, span.annotator, span.status, span.start)[self._sort_column]
        return (first, span.start, span.end, span.id)

    def __len__(self) -> int:
        return len(self._spans)

    def reset(self, spans: list[StoredSpan]) -> None:
        self.beginResetModel()
        self._by_id = {span.id: span for span in spans}
        hidden = self.hidden
        shown = [span for span in spans if span.annotator not in hidden] if hidden else spans
        self._spans = sorted(shown, key=self._sort_key, reverse=self._descending)
        self.endResetModel()

    def set_hidden(self, hidden: set[str] | frozenset[str]) -> None:
        if frozenset(hidden) != self.hidden:
            self.hidden = frozenset(hidden)
            self.reset(list(self._by_id.values()))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting here in Python (one key per row) is ~100x faster than a proxy's pairwise compares."""
        if not 0 <= column < len(self.COLUMNS):
            return
        self._sort_column, self._descending = column, order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._spans[index.row()].id for index in persistent]
        self._spans.sort(key=self._sort_key, reverse=self._descending)
        self.changePersistentIndexList(
            persistent,
            [self.index(self.row_of(i) or 0, index.column()) for i, index in zip(ids, persistent, strict=True)],
        )
        self.layoutChanged.emit()

    def _insertion_row(self, span: StoredSpan) -> int:
        key = self._sort_key(span)
        lo, hi = 0, len(self._spans)
        while lo < hi:
            middle = (lo + hi) // 2
            other = self._sort_key(self._spans[middle])
            if (other > key) if self._descending else (other < key):
                lo = middle + 1
            else:
                hi = middle
        return lo

    def add(self, span: StoredSpan) -> None:
        self._by_id[span.id] = span
        if span.annotator in self.hidden:
            return
        row = self._insertion_row(span)
        self.beginInsertRows(QModelIndex(), row, row)
        self._spans.insert(row, span)
        self.endInsertRows()
        self._added = (span.id, row)

    def remove(self, span_id: int) -> None:
        row = self.row_of(span_id)
        self._by_id.pop(span_id, None)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._spans[row]
        self.endRemoveRows()

    def replace(self, span: StoredSpan) -> None:
        if span.id in self._by_id:
            self.remove(span.id)
            self.add(span)

    def row_of(self, span_id: int) -> int | None:
        """Found by binary search on the sort key (no per-row table to rebuild on every change); None for
        a span not in the list or of a hidden layer."""
        added = self._added
        if added is not None and added[0] == span_id:  # (a tag selects the span it just added: no search)
            row = added[1]
            if row < len(self._spans) and self._spans[row].id == span_id:
                return row
        span = self._by_id.get(span_id)
        if span is None or span.annotator in self.hidden:
            return None
        row = self._insertion_row(span)
        return row if row < len(self._spans) and self._spans[row].id == span_id else None

    def span_at(self, row: int) -> StoredSpan:
        return self._spans[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        span = self._spans[index.row()]
        column = index.column()
        if role == SPAN_ROLE:
            return span
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                label_display_name(span.label),
                span.text.replace("\n", " ").replace("\r", ""),
                span.annotator,
                span_status_name(span.status),
                offsets_text(span.start, span.end),
            )[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self.colors.get(span.label)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = (f"{label_display_name(span.label)}: {span.text} ({span.annotator}, {span_status_name(span.status)}"
                   f"{', ' + span.reviewer if span.reviewer else ''}) {offsets_text(span.start, span.end)}")
            return tip + (f"\n“{span.note}”" if span.note else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
