"""The Suggestions dock: the open document's suggestions (sortable, best score first; activating one
selects it in the text), how far to trust each source (held-out precision/recall/F1 from the last
training) and what this user did with them (accepted/rejected). The model's training is in training.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.suggest import SOURCES, StoredSuggestion
from annotator.gui.panels import RightToLeftTextDelegate, TableView
from annotator.gui.release import release_after_paint
from annotator.gui.table_model import FlatTableModel, Index
from annotator.gui.training import DEFAULT_RETRAIN_EVERY, RETRAIN_KEY, ModelTraining

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

# Shown translated; stored as they are.
_SOURCE_NAMES = (QT_TRANSLATE_NOOP("Source", "matcher"), QT_TRANSLATE_NOOP("Source", "dates"),
                 QT_TRANSLATE_NOOP("Source", "cues"), QT_TRANSLATE_NOOP("Source", "model"))


class SuggestionListModel(FlatTableModel):
    COLUMNS = (QT_TRANSLATE_NOOP("SuggestionListModel", "Text"), QT_TRANSLATE_NOOP("SuggestionListModel", "Label"),
               QT_TRANSLATE_NOOP("SuggestionListModel", "Source"), QT_TRANSLATE_NOOP("SuggestionListModel", "Score"))

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[StoredSuggestion] = []
        self._shown: list[StoredSuggestion] | None = None  # the list the rows came from
        self._column, self._order = 3, Qt.SortOrder.DescendingOrder

    def __len__(self) -> int:
        return len(self.rows)

    def reset(self, suggestions: list[StoredSuggestion]) -> list[StoredSuggestion]:
        """Show ``suggestions``; returns the list of rows shown before, which no one else holds."""
        if suggestions is self._shown and len(suggestions) == len(self.rows):
            return []  # redrawn for a selection: the same list, nothing to sort again
        self.beginResetModel()
        self._shown = suggestions
        before, self.rows = self.rows, self._sorted(suggestions)
        self.endResetModel()
        return before

    # Sorted here with one Python key per row, not by a QSortFilterProxyModel: the proxy compared rows
    # through data() calls, N log N of them, which took seconds for a long document's 50,000 suggestions.
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._column, self._order = column, order
        self.layoutAboutToBeChanged.emit()
        self.rows = self._sorted(self.rows)
        self.layoutChanged.emit()

    def _sorted(self, suggestions: list[StoredSuggestion]) -> list[StoredSuggestion]:
        key = (lambda s: s.start, lambda s: s.label, lambda s: s.source, lambda s: s.score)[self._column]
        return sorted(suggestions, key=key, reverse=self._order == Qt.SortOrder.DescendingOrder)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        suggestion = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            shown = (suggestion.text, QCoreApplication.translate("Label", suggestion.label),
                     QCoreApplication.translate("Source", suggestion.source), f"{suggestion.score:.3g}")
            return shown[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return suggestion
        return None


class SuggestionsPanel(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.model = SuggestionListModel()
        self.table = TableView(300)
        self.table.setObjectName("suggestionList")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(0, RightToLeftTextDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # the most trusted first
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)
        self.quality = QLabel()
        self.quality.setObjectName("suggestionQuality")
        self.quality.setTextFormat(Qt.TextFormat.RichText)
        self.quality.setWordWrap(True)
        self.train_button = QPushButton(self.tr("Train the model now"))
        self.train_button.setObjectName("trainModel")
        self.train_button.clicked.connect(lambda: window.training.start(manual=True))
        buttons = QHBoxLayout()
        buttons.addWidget(self.train_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.quality)
        layout.addLayout(buttons)

    def show_suggestions(self, suggestions: list[StoredSuggestion]) -> None:
        release_after_paint(self.window.view, self.model.reset(suggestions))

    def _activated(self, index: QModelIndex) -> None:
        suggestion = index.data(Qt.ItemDataRole.UserRole)
        if suggestion is not None:
            self.window.suggesting.select(suggestion)
            self.window.view.setFocus()  # ready for Enter / R

    def show_quality(self) -> None:
        """Per source: held-out precision/recall/F1 from the last training, and my accepted/rejected."""
        store = self.window.store
        info = store.model_info()
        decisions = store.suggestion_decisions()
        head = "".join(f"<th>{self.tr(title)}</th>" for title in (
            QT_TRANSLATE_NOOP("SuggestionsPanel", "source"), QT_TRANSLATE_NOOP("SuggestionsPanel", "precision"),
            QT_TRANSLATE_NOOP("SuggestionsPanel", "recall"), "F1",
            QT_TRANSLATE_NOOP("SuggestionsPanel", "accepted"), QT_TRANSLATE_NOOP("SuggestionsPanel", "rejected")))
        rows = []
        for source in SOURCES:
            overall = [s for s in (info.scores.get(source, []) if info else []) if s.label == "all"]
            measured = [f"{overall[0].precision:.2f}", f"{overall[0].recall:.2f}", f"{overall[0].f1:.2f}"] \
                if overall else ["–", "–", "–"]
            accepted, rejected = decisions.get(source, (0, 0))
            cells = [QCoreApplication.translate("Source", source), *measured, str(accepted), str(rejected)]
            rows.append("<tr>" + "".join(f"<td align='center'>{cell}</td>" for cell in cells) + "</tr>")
        if info is None:
            when = self.tr("No model trained yet: it learns from your spans.")
        else:
            when = self.tr("Model trained {when} by {who} on {spans} spans in {documents} documents; scores on "
                           "20% of the documents held out.").format(when=f"{info.trained_at:%Y-%m-%d %H:%M}",
                                                                   who=info.trained_by, spans=info.spans,
                                                                   documents=info.documents)
        self.quality.setText(f"<table cellspacing='4'><tr>{head}</tr>{''.join(rows)}</table><p>{when}</p>")


def build_suggestions_panel(window: MainWindow) -> None:
    from annotator.gui.panels import add_dock

    window.panel_suggestions = SuggestionsPanel(window)
    title = QCoreApplication.translate("MainWindow", "Suggestions")
    window.suggestions_dock = add_dock(window, title, "suggestionsDock", window.panel_suggestions,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
    window.panel_suggestions.show_quality()


__all__ = ["DEFAULT_RETRAIN_EVERY", "RETRAIN_KEY", "ModelTraining", "SuggestionsPanel", "build_suggestions_panel"]
