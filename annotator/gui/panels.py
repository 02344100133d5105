"""The window's docks: document list, span list, layers (whose spans are shown) and links.

They are thin views over the item models in document_list.py and span_list.py; the window wires
them to the session. The app's window builds them right after its first paint (MainWindow.build_docks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QItemSelectionModel, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.links import StoredLink
from annotator.core.model import StoredSpan
from annotator.gui.document_list import STATE_FILTER_NAMES, DocumentFilterProxy, DocumentListModel
from annotator.gui.linking import short_text
from annotator.gui.span_list import SpanListModel

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class TableView(QTableView):
    """A table whose dock starts at a useful width (docks size themselves from the size hint)."""

    def __init__(self, width: int) -> None:
        super().__init__()
        self._width = width
        # Counts in the same digits as every other number on screen (offsets, the status bar, the
        # messages), also in the Arabic interface, where the locale would write them ١٢٣.
        self.setLocale(QLocale.c())

    def sizeHint(self) -> QSize:
        return QSize(self._width, super().sizeHint().height())

    def setModel(self, model) -> None:  # type: ignore[no-untyped-def]
        super().setModel(model)
        # Each header is given the table's selection model; the ones they were made with are left behind,
        # and each went on following every row the model inserted or removed: two more handlers of every
        # tag's new row.
        for header in (self.horizontalHeader(), self.verticalHeader()):
            for selection in header.findChildren(QItemSelectionModel):
                if selection is not header.selectionModel():
                    selection.setModel(None)  # detached (deleting it crashed Qt at exit: the header keeps it)

    def focusInEvent(self, event: QFocusEvent) -> None:
        # The window selects rows without moving the current index (span_reactions._select_span_row):
        # the arrow keys go on from the selected row, not from where the current index was left.
        selection = self.selectionModel()
        if selection is not None:
            rows = selection.selectedRows()
            if rows and rows[0].row() != self.currentIndex().row():
                selection.setCurrentIndex(rows[0], QItemSelectionModel.SelectionFlag.NoUpdate)
        super().focusInEvent(event)


class RightToLeftTextDelegate(QStyledItemDelegate):
    """The span text laid out as the Arabic paragraph it is, in either interface direction: it starts on
    the right and a long one is cut at its end, with the ellipsis on the left where the text goes on
    (in a left-to-right table Qt would put the ellipsis on the right, before the first word)."""

    def initStyleOption(self, option, index) -> None:  # type: ignore[no-untyped-def]
        super().initStyleOption(option, index)
        option.direction = Qt.LayoutDirection.RightToLeft
        option.textElideMode = Qt.TextElideMode.ElideRight
        align = Qt.AlignmentFlag
        option.displayAlignment = align.AlignRight | align.AlignAbsolute | align.AlignVCenter


LAYER_PATTERNS = (
    QT_TRANSLATE_NOOP("LayersPanel", "dotted"),
    QT_TRANSLATE_NOOP("LayersPanel", "dashed"),
    QT_TRANSLATE_NOOP("LayersPanel", "dash-dot"),
    QT_TRANSLATE_NOOP("LayersPanel", "dash-dot-dot"),
)


class LayersPanel(QListWidget):
    """One checkable row per annotator: whose spans are drawn and listed."""

    hiddenChanged = Signal(object)  # set of hidden annotator names

    def __init__(self, user: str) -> None:
        super().__init__()
        self.user = user
        self.itemChanged.connect(self._emit)
        self._updating = False

    def set_annotators(self, names: list[str], hidden: set[str], layer_index: dict[str, int]) -> None:
        self._updating = True
        self.clear()
        for name in sorted(set(names) | {self.user}, key=lambda n: (n != self.user, n)):
            style = (
                self.tr("yours: filled")
                if name == self.user
                else self.tr("{pattern} underline").format(
                    pattern=self.tr(LAYER_PATTERNS[layer_index.get(name, 0) % len(LAYER_PATTERNS)])
                )
            )
            item = QListWidgetItem(f"{name}  ({style})")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if name in hidden else Qt.CheckState.Checked)
            self.addItem(item)
        self._updating = False

    def hidden(self) -> set[str]:
        return {
            self.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.count())
            if self.item(i).checkState() != Qt.CheckState.Checked
        }

    def _emit(self, _item: QListWidgetItem) -> None:
        if not self._updating:
            self.hiddenChanged.emit(self.hidden())


class LinksPanel(QListWidget):
    """The open document's links, one row each ("claim «…» → source: محمد"); Delete deletes the chosen one."""

    deleteRequested = Signal(object)  # StoredLink
    linkChosen = Signal(object)  # StoredLink

    def show_links(self, links: list[StoredLink], spans_by_id: dict[int, StoredSpan]) -> None:
        self.clear()
        for link in links:
            source, target = spans_by_id.get(link.from_id), spans_by_id.get(link.to_id)
            if source is None or target is None:
                continue  # an end not loaded yet (a long document's later screens)
            status = f", {link.status}" if link.status != "draft" else ""
            item = QListWidgetItem(f"{source.label} «{short_text(source.text)}» → {link.type}: "
                                   f"{short_text(target.text)}  ({link.annotator}{status})")
            item.setData(Qt.ItemDataRole.UserRole, link)
            self.addItem(item)
        self.currentItemChanged.connect(self._chosen, Qt.ConnectionType.UniqueConnection)

    def _chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.linkChosen.emit(item.data(Qt.ItemDataRole.UserRole))

    def event(self, event: QEvent) -> bool:
        # Delete here deletes the chosen link, not (through the window's shortcut) the selected span.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and event.key() in (
                Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and item is not None:
            self.deleteRequested.emit(item.data(Qt.ItemDataRole.UserRole))
            return
        super().keyPressEvent(event)


def add_dock(window: MainWindow, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
    """A dock with a stable object name, so the window layout saved in QSettings finds it again."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    window.addDockWidget(_mirrored(area) if window.isRightToLeft() else area, dock)
    return dock


def _mirrored(area: Qt.DockWidgetArea) -> Qt.DockWidgetArea:
    """Dock areas are absolute: in a right-to-left interface the documents belong on the right, where a
    reader starts, and the span list on the left."""
    swap = {Qt.DockWidgetArea.LeftDockWidgetArea: Qt.DockWidgetArea.RightDockWidgetArea,
            Qt.DockWidgetArea.RightDockWidgetArea: Qt.DockWidgetArea.LeftDockWidgetArea}
    return swap.get(area, area)


def build_panels(window: MainWindow) -> None:
    """The document list, span list, layers and links docks."""
    build_document_list(window)
    build_span_list(window)
    build_layers(window)
    build_links(window)


def build_document_list(window: MainWindow) -> None:
    window.documents_model = DocumentListModel()
    window.documents_proxy = DocumentFilterProxy()
    window.documents_proxy.setSourceModel(window.documents_model)
    window.documents_table = TableView(340)
    window.documents_table.setObjectName("documentList")
    window.documents_table.setModel(window.documents_proxy)
    window.documents_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    window.documents_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    window.documents_table.verticalHeader().hide()
    window.documents_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    # Fixed widths: a ResizeToContents header re-measures every row on each count update (every tag).
    for column in (1, 2, 3, 4):
        window.documents_table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        window.documents_table.horizontalHeader().resizeSection(column, 46 if column < 4 else 84)
    window.documents_table.setWordWrap(False)
    window.documents_table.setSortingEnabled(True)
    window.documents_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    window.documents_table.activated.connect(window._document_activated)
    window.documents_table.clicked.connect(window._document_activated)
    window.unannotated_filter = QCheckBox(
        QCoreApplication.translate("MainWindow", "Only documents I have not annotated yet")
    )
    window.unannotated_filter.toggled.connect(window.documents_proxy.set_only_unannotated)
    window.state_filter = QComboBox()
    window.state_filter.setObjectName("stateFilter")
    for key, name in STATE_FILTER_NAMES.items():
        window.state_filter.addItem(QCoreApplication.translate("DocumentFilterProxy", name), key)
    window.state_filter.currentIndexChanged.connect(
        lambda _index: window.documents_proxy.set_state_filter(window.state_filter.currentData()))
    panel = QWidget()
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(window.state_filter)
    layout.addWidget(window.unannotated_filter)
    layout.addWidget(window.documents_table)
    window.documents_dock = add_dock(
        window,
        QCoreApplication.translate("MainWindow", "Documents"),
        "documentsDock",
        panel,
        Qt.DockWidgetArea.LeftDockWidgetArea,
    )


def build_links(window: MainWindow) -> None:
    window.links_panel = LinksPanel()
    window.links_panel.setObjectName("linksList")
    window.links_dock = add_dock(
        window,
        QCoreApplication.translate("MainWindow", "Links"),
        "linksDock",
        window.links_panel,
        Qt.DockWidgetArea.RightDockWidgetArea,
    )


def build_span_list(window: MainWindow) -> None:
    window.spans_model = SpanListModel()
    window.spans_model.colors = {label.name: QColor(label.color) for label in window.labels}
    window.spans_table = TableView(440)
    window.spans_table.setObjectName("spanList")
    window.spans_table.setModel(window.spans_model)
    window.spans_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    window.spans_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    window.spans_table.setSortingEnabled(True)
    window.spans_table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    window.spans_table.verticalHeader().hide()
    # Fixed widths and row heights: measuring 20,000 rows' contents would stall opening a long article.
    header = window.spans_table.horizontalHeader()
    # The offsets column fits two 7-digit offsets (a 1 MB article) in the table's own font.
    offsets_width = window.spans_table.fontMetrics().horizontalAdvance("0000000–0000000") + 16
    for column, width in ((0, 90), (2, 80), (3, 80), (4, offsets_width)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    window.spans_table.setItemDelegateForColumn(1, RightToLeftTextDelegate(window.spans_table))
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    window.spans_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    window.spans_table.verticalHeader().setDefaultSectionSize(window.fontMetrics().height() + 8)
    window.spans_table.setWordWrap(False)
    window.spans_table.selectionModel().selectionChanged.connect(window._span_rows_selected)
    window.spans_dock = add_dock(
        window,
        QCoreApplication.translate("MainWindow", "Spans"),
        "spansDock",
        window.spans_table,
        Qt.DockWidgetArea.RightDockWidgetArea,
    )


def build_layers(window: MainWindow) -> None:
    window.layers = LayersPanel(window.store.user)
    window.layers.hiddenChanged.connect(window.set_hidden_annotators)
    window.layers_dock = add_dock(
        window,
        QCoreApplication.translate("MainWindow", "Layers"),
        "layersDock",
        window.layers,
        Qt.DockWidgetArea.LeftDockWidgetArea,
    )
