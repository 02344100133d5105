"""The main window: document list, the document view, span list, label palette and status bar.

The app's window paints its document first and builds its docks right after (``defer_docks``): the
text, the status bar and every action with its keys exist from the first paint; the document list, span
list, layers, links, suggestions and guidelines docks (and their modules) come after it, with the saved
dock layout. Until then, what would go to a dock is skipped, and the docks read it when they are built.
"""

from __future__ import annotations

import gc
import hashlib
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from annotator.core.links import StoredLink
from annotator.core.model import LabelSpec, StoredDocument, StoredSpan
from annotator.core.span_index import SpanIndex
from annotator.gui.actions import action_key, apply_saved_shortcuts, remember_defaults
from annotator.gui.document_view import DocumentView
from annotator.gui.file_actions import FileActions
from annotator.gui.linking import LinkingController
from annotator.gui.menus import add_dock_toggles, build_menus
from annotator.gui.outside_changes import OutsideChangeWatcher
from annotator.gui.project import ProjectController
from annotator.gui.release import release_now
from annotator.gui.session import AnnotationSession
from annotator.gui.span_reactions import SpanReactions
from annotator.gui.suggesting import SuggestionController
from annotator.gui.training import ModelTraining
from annotator.store.store import Store

if TYPE_CHECKING:
    from annotator.gui.find_bar import FindBar

DEFAULT_FONT_SIZE = 16
FONT_FAMILY = "Amiri"
DOCKS_SAFETY_MS = 500  # a deferred window builds its docks by then even if its view never paints


def settle_garbage() -> None:
    """What is loaded now (the document, its spans, Qt's and SQLAlchemy's structures) lives long: move it
    out of the collector's sight, so that a later full collection — which otherwise walks every one of
    those objects and paused a keypress for 50–100 ms — only looks at what came after."""
    gc.freeze()


class MainWindow(QMainWindow, SpanReactions):
    """The annotation window. What follows a committed span change (lists, counts, layers) and which span
    is selected are in ``SpanReactions``."""

    languageChosen = Signal(str)  # the app rebuilds the window in that language
    docksBuilt = Signal()  # the docks exist: at once, or (defer_docks) right after the first paint

    def __init__(self, store: Store, defer_docks: bool = False) -> None:
        """``defer_docks``: build the docks after the document view's first paint (the app's start);
        without it (tests, benchmarks, screenshots) the window is whole when this returns."""
        super().__init__()
        self.docks_built = False
        self.store = store
        self.session = AnnotationSession(store, self)
        self.outside = OutsideChangeWatcher(store, self)
        self.linking = LinkingController(self)
        self.files = FileActions(self)
        self.settings = QSettings()
        self._db_key = hashlib.sha1(str(store.engine.url).encode()).hexdigest()[:12]
        self.labels: list[LabelSpec] = store.labels()
        self.selected_span: StoredSpan | None = None
        self.selected_link: StoredLink | None = None  # a link chosen in the Links panel or by N, for A/R
        self._peeled: dict[int | None, list[int]] = {}  # span id (None: the selection) -> starts after each P

        self.view = DocumentView(self)
        self.view.user = store.user
        self.session.after_first_paint = self.view.after_next_paint
        font = self.view.font()
        font.setFamily(FONT_FAMILY)
        self.view.setFont(font)
        self.view.set_font_size(int(self.settings.value("font_size", DEFAULT_FONT_SIZE)))
        self.view.set_labels({label.name: label.color for label in self.labels},
                             {label.name: label.description for label in self.labels})
        self.find_bar: FindBar | None = None  # built by the first Ctrl+F
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.document_info = QLabel()  # a web page's title, author, date and address
        self.document_info.setObjectName("documentInfo")
        self.document_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.document_info.setContentsMargins(8, 2, 8, 2)
        self.document_info.hide()
        layout.addWidget(self.document_info)
        layout.addWidget(self.view)
        self.setCentralWidget(central)

        self._build_status_bar()
        self.suggesting = SuggestionController(self)
        self.training = ModelTraining(self)
        self.project = ProjectController(self)
        build_menus(self)
        self.default_shortcuts = remember_defaults(self)
        apply_saved_shortcuts(self, self.settings)
        self._connect_session()
        self.setWindowTitle("annotator")
        self.resize(1280, 800)
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if defer_docks:
            self.refresh_documents()  # without the docks: my document states (the progress in the status bar)
            self.view.after_next_paint(self.build_docks)
            QTimer.singleShot(DOCKS_SAFETY_MS, self, self.build_docks)
        else:
            self.build_docks()
        self.view.setFocus()

    def build_docks(self) -> None:
        """The document list, span list, layers, links, suggestions and guidelines docks, then the saved
        dock layout, then what they show of the open document. Once; at once when something needs a
        dock before they were built (F2, Ctrl+PgDown)."""
        if self.docks_built:
            return
        from annotator.gui.guidelines_dock import build_guidelines_dock
        from annotator.gui.panels import build_panels
        from annotator.gui.suggestion_panel import build_suggestions_panel

        build_panels(self)
        build_suggestions_panel(self)
        self.guidelines = build_guidelines_dock(self)
        add_dock_toggles(self)
        self.docks_built = True
        # The layout is restored once the docks exist: restoreState skips docks it does not know yet.
        state = self.settings.value(self._window_state_key())
        if state is not None:
            self.restoreState(state)
        elif self.isVisible():
            QTimer.singleShot(0, self, self._share_dock_heights)  # once they are laid out
        self.linking.connect_panel()
        self.refresh_documents()
        self.update_suggestions_panel()
        if self.session.document is not None:  # opened before the docks: the span list and layers catch up
            self.spans_model.hidden = frozenset(self.view.hidden_annotators)
            self.spans_model.reset(list(self.session.spans))
            self._shown_layers = None
            self._refresh_layers()
            if self.selected_span is not None:
                self._select_span_row(self.selected_span)
        self.docksBuilt.emit()

    def _share_dock_heights(self) -> None:
        """Without a saved layout: the docks of each side share its height by their size hints, as they
        do when they exist before the window is shown (added to a shown window, the first took most)."""
        from PySide6.QtWidgets import QDockWidget

        sides: dict[Qt.DockWidgetArea, list[QDockWidget]] = {}
        for dock in self.findChildren(QDockWidget):
            if dock.isVisible() and not dock.isFloating():
                sides.setdefault(self.dockWidgetArea(dock), []).append(dock)
        for docks in sides.values():
            hints = [dock.sizeHint().height() for dock in docks]
            height = sum(dock.height() for dock in docks)
            self.resizeDocks(docks, [hint * height // sum(hints) for hint in hints], Qt.Orientation.Vertical)

    def _build_status_bar(self) -> None:
        self.saved_label = QLabel(QCoreApplication.translate("MainWindow", "All changes saved"))
        self.counts_label = QLabel()
        self.review_label = QLabel(QCoreApplication.translate("MainWindow", "REVIEW MODE"))
        self.review_label.setObjectName("reviewMode")
        self.review_label.setStyleSheet("background: #1d3557; color: white; font-weight: bold; padding: 1px 6px;")
        self.review_label.hide()
        self.outside_label = QLabel()
        self.outside_label.setObjectName("outsideChanges")
        self.outside_label.setStyleSheet("color: #8a5a00; font-weight: bold;")
        self.outside_label.hide()
        self.offset_label = QLabel()
        self.statusBar().addWidget(self.saved_label, 1)
        self.statusBar().addPermanentWidget(self.review_label)
        self.statusBar().addPermanentWidget(self.outside_label)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.offset_label)
        self.view.cursorOffsetChanged.connect(
            lambda offset: self.offset_label.setText(
                QCoreApplication.translate("MainWindow", "offset {offset}").format(offset=offset)
            )
        )

    def show_guidelines(self) -> None:
        """F2: the guidelines beside the text, or hidden again."""
        self.build_docks()
        self.guidelines.show_guidelines()

    def update_suggestions_panel(self, quality: bool = False) -> None:
        """The Suggestions dock shows the open document's suggestions and whether the model is training
        (and, with ``quality``, each source's scores again); once it is built."""
        if not self.docks_built:
            return
        suggesting = self.suggesting
        self.panel_suggestions.show_suggestions(suggesting.suggestions if suggesting.shown else [])
        self.panel_suggestions.train_button.setEnabled(self.training.process is None)
        if quality:
            self.panel_suggestions.show_quality()

    # -- building -----------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot,
        shortcuts=(),
        checkable: bool = False,
        checked: bool = False,  # type: ignore[no-untyped-def]
        key: str | None = None,
    ) -> QAction:
        """A window action; ``text`` is the untranslated source (its stable name for saved shortcuts)."""
        action = QAction(self.tr(text), self)
        action.setObjectName(key or action_key(text))
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if checkable:
            action.setCheckable(True)
            action.setChecked(checked)
            action.toggled.connect(slot)
        else:
            action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _connect_session(self) -> None:
        session = self.session
        session.documentOpened.connect(self._document_opened)
        session.spansLoaded.connect(self._all_spans_loaded)
        session.listeners.append(self)  # span_added ... change_saved (SpanReactions)
        session.failed.connect(self._failed)
        self.outside.changedOutside.connect(self.files.changed_outside)
        self.linking.connect()
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self.show_context_menu)

    # -- documents ----------------------------------------------------------------------------

    def refresh_documents(self) -> None:
        """The document list and my states read again (before the docks are built: my states only)."""
        if self.docks_built:
            self.documents_model.reset(self.store.document_summaries())
        self.project.reload()
        if self.session.document is not None:
            self._select_document_row(self.session.document.id)

    def document_ids(self) -> list[int]:
        """Every document in the list's order: those assigned to me first, each part by id. Before the
        docks are built, the same order from my document states (which hold every document)."""
        if self.docks_built:
            return self.documents_model.document_ids()
        assigned = self.project.assigned
        return sorted(self.project.states, key=lambda document_id: (document_id not in assigned, document_id))

    def open_initial_document(self, document_id: int | None = None) -> None:
        ids = self.document_ids()
        if document_id is None:
            remembered = self.settings.value(f"last_document/{self._db_key}")
            if remembered is not None and int(remembered) in ids:
                document_id = int(remembered)
        if document_id is None and ids:
            document_id = ids[0]
        if document_id is not None:
            self.open_document(document_id)

    def open_document(self, document_id: int) -> None:
        if self.session.document is not None and self.session.document.id == document_id:
            return
        self.session.open_document(document_id)
        self.settings.setValue(f"last_document/{self._db_key}", document_id)

    def _document_activated(self, index: QModelIndex) -> None:
        from annotator.gui.document_list import DOCUMENT_ID_ROLE

        self.open_document(int(index.data(DOCUMENT_ID_ROLE)))

    def _document_opened(self, document: StoredDocument, spans: SpanIndex) -> None:
        self.selected_span = None
        self.view.set_document(document.text, spans)
        if self.docks_built:
            # A long document's list is filled once, when all its spans are loaded after the first paint.
            self.spans_model.reset([] if self.session.rest_pending else list(spans))
        self.setWindowTitle(self.tr("{name} — annotator").format(name=document.name))
        shown = [str(document.meta[key]) for key in ("title", "author", "date", "url") if document.meta.get(key)]
        self.document_info.setText("  ·  ".join(shown))
        self.document_info.setVisible(bool(shown))
        self._select_document_row(document.id)
        self.set_show_others(self.others_action.isChecked())
        self._update_counts()
        self.linking.links_changed()
        self.suggesting.document_opened()
        self.view.setFocus()
        settle_garbage()

    def _select_document_row(self, document_id: int) -> None:
        if not self.docks_built:
            return
        row = self.documents_model.row_of(document_id)
        if row is not None:
            proxy_index = self.documents_proxy.mapFromSource(self.documents_model.index(row, 0))
            self.documents_table.selectionModel().setCurrentIndex(
                proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )

    def _all_spans_loaded(self, spans: SpanIndex) -> None:
        selected = self.selected_span
        if self.docks_built:
            self.spans_model.reset(list(spans))
        self.linking.links_changed()
        self._update_counts()
        self._refresh_layers()
        if selected is not None and spans.get(selected.id) is not None:
            self.select_span(spans.get(selected.id))
        settle_garbage()

    def step_document(self, step: int) -> None:
        from annotator.gui.document_list import DOCUMENT_ID_ROLE

        self.build_docks()  # the step follows the list as it is shown (sorted, filtered)
        rows = self.documents_proxy.rowCount()
        if rows == 0:
            return
        current = self.documents_table.currentIndex().row()
        row = min(max(current + step, 0), rows - 1) if current >= 0 else 0
        self.open_document(int(self.documents_proxy.index(row, 0).data(DOCUMENT_ID_ROLE)))

    # -- tagging ------------------------------------------------------------------------------

    def apply_label(self, label: str, snap: bool | None = None) -> None:
        """Keys 1–4: tag the selected text, or relabel the selected span when no text is selected."""
        document = self.session.document
        if document is None:
            return
        selection = self.view.selection_offsets()
        if selection is None:
            if self.selected_span is not None:
                changed = self.session.relabel(self.selected_span, label)
                if changed is not None:
                    self.selected_span = changed
            else:
                self._failed(self.tr("Select some text first (mouse, or Shift+arrows), then press a label key."))
            return
        from annotator.core.snapping import snap_to_words, trim_spaces  # (the tokenizer, on the first key)

        if snap is None:
            snap = self.snap_action.isChecked() and not self.view.raw_selection
        bounds = (snap_to_words if snap else trim_spaces)(document.text, *selection)
        if bounds is None:
            self._failed(self.tr("The selection holds no word to tag."))
            return
        status = "accepted" if self.review.active else "draft"
        span = self.session.tag(bounds[0], bounds[1], label, status=status)
        if span is not None:
            cursor = self.view.textCursor()
            cursor.clearSelection()
            self.view.setTextCursor(cursor)
            self.select_span(span)

    def peel(self, back: bool = False) -> None:
        """P: take one proclitic (و ف ب ك ل) off the start of the selection, or of the selected span
        (its boundaries change: undoable); Shift+P puts the last one taken back."""
        document = self.session.document
        if document is None:
            return
        selection = self.view.selection_offsets()
        span = self.selected_span if selection is None else None
        if selection is None and span is None:
            self._failed(self.tr("Select some text or a span first, then press P."))
            return
        start, end = selection if selection is not None else (span.start, span.end)  # type: ignore[union-attr]
        key = span.id if span is not None else None
        peeled = self._peeled.setdefault(key, []) if key is not None else self._peeled.setdefault(None, [])
        if back:
            if not peeled or peeled[-1] != start:
                self._failed(self.tr("Nothing to put back."))
                return
            new_start = peeled.pop() - 1
        else:
            from annotator.core.snapping import peel_proclitic

            found = peel_proclitic(document.text, start, end)
            if found is None:
                self._failed(self.tr("No proclitic to take off (و ف ب ك ل; the article ال stays)."))
                return
            new_start = found
            peeled.append(new_start)
        if span is None:
            self.view.select_offsets(new_start, end)
            self.view.raw_selection = True  # tag what is now selected, without snapping back to the word
        else:
            changed = self.session.edit(span, new_start, end)
            if changed is not None:
                self._peeled[changed.id] = peeled
                self.select_span(changed)

    def undo(self) -> None:
        stack = self.session.undo_stack
        if stack is not None and stack.canUndo():
            stack.undo()
        else:
            self.session.undo_from_history()

    def redo(self) -> None:
        stack = self.session.undo_stack
        if stack is not None and stack.canRedo():
            stack.redo()
        else:
            self.session.redo_from_history()

    def delete_selected_span(self) -> None:
        if self.selected_span is None:
            self._failed(self.tr("No span is selected: click a span or pick one in the span list."))
            return
        span, self.selected_span = self.selected_span, None
        self.session.delete(span)

    def show_context_menu(self, point) -> None:  # type: ignore[no-untyped-def]
        menu = self.context_menu(point)
        menu.exec(self.view.viewport().mapToGlobal(point))
        menu.deleteLater()

    def context_menu(self, point) -> QMenu:  # type: ignore[no-untyped-def]
        """Right-click: tag the selection, or act on the span under the mouse."""
        if self.view.selection_offsets() is None:
            under = self.view._spans_under(self.view.offset_at(point))
            if under:
                self.select_span(under[0])
        has_text = self.view.selection_offsets() is not None
        menu = QMenu(self)
        menu.addSection(self.tr("Tag the selection as") if has_text else self.tr("Change the selected span to"))
        for label, shortcut_action in self.tag_actions.items():
            action = menu.addAction(shortcut_action.icon(), shortcut_action.text())
            action.setEnabled(has_text or self.selected_span is not None)
            action.triggered.connect(lambda _=False, name=label: self.apply_label(name))
        menu.addSeparator()
        link = menu.addAction(self.tr("Link to…  (L)"))
        link.setEnabled(self.selected_span is not None and not has_text)
        link.triggered.connect(self.linking.start)
        delete = menu.addAction(self.tr("Delete span"))
        delete.setEnabled(self.selected_span is not None)
        delete.triggered.connect(self.delete_selected_span)
        return menu

    def open_find_bar(self) -> None:
        """Ctrl+F: the find bar under the text (made the first time)."""
        if self.find_bar is None:
            from annotator.gui.find_bar import FindBar

            self.find_bar = FindBar(self.view, self)
            self.centralWidget().layout().addWidget(self.find_bar)
        self.find_bar.open_bar()

    def focus_text(self) -> None:
        if self.find_bar is not None:
            self.find_bar.hide()
        self.view.setFocus()

    # -- the status line's messages -------------------------------------------------------------

    def show_message(self, message: str, error: bool = False) -> None:
        (self._failed if error else self._note)(message)

    def _note(self, message: str) -> None:
        self.saved_label.setStyleSheet("")
        self.saved_label.setText(message)

    def _saved(self, message: str) -> None:
        self.saved_label.setStyleSheet("")
        self.saved_label.setText(self.tr("Saved ✓  {message}").format(message=message))

    def _failed(self, message: str) -> None:
        self.saved_label.setStyleSheet("color: #b00020;")
        self.saved_label.setText(message)

    # -- view options -------------------------------------------------------------------------

    def change_font_size(self, step: int) -> None:
        size = min(max(self.view.font().pointSize() + step, 8), 48)
        self.view.set_font_size(size)
        self.settings.setValue("font_size", size)

    # -- import -------------------------------------------------------------------------------

    def show_shortcuts(self) -> None:
        from annotator.gui.shortcuts_dialog import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog(self, self.default_shortcuts, self.settings)
        self.shortcuts_dialog.show()

    def _window_state_key(self) -> str:
        # One dock layout per direction: a layout saved in English would put Arabic's docks back on the
        # wrong sides.
        return "window_state_rtl" if self.isRightToLeft() else "window_state"

    def closeEvent(self, event: QCloseEvent) -> None:
        self.outside.timer.stop()
        self.training.stop()  # the model is stored in one transaction at its end: nothing is half-written
        self.suggesting.stop()  # likewise the suggestions a child process computes
        QThreadPool.globalInstance().waitForDone(10_000)  # a suggestion run finishes before the store goes
        release_now()  # what waited for a paint that will not come
        self.settings.setValue("geometry", self.saveGeometry())
        if self.docks_built:  # (a layout saved without its docks would lose theirs)
            self.settings.setValue(self._window_state_key(), self.saveState())
        self.settings.sync()
        super().closeEvent(event)
