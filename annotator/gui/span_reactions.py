"""The window's side of a span change the store has committed, and of which span is selected: the span
list's row (added, removed, selected and scrolled to), the document list's and the status line's counts,
the layers and the disagreement marks. A mixin of ``MainWindow``, whose attributes it uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel

from annotator.core.model import StoredSpan
from annotator.core.review import disagreements
from annotator.gui.session import SpanListener
from annotator.gui.span_list import SPAN_ROLE, SpanListModel, span_status_name

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


_SELECT = QItemSelectionModel.SelectionFlag.ClearAndSelect
_LAST_COLUMN = len(SpanListModel.COLUMNS) - 1


class SpanReactions(SpanListener):
    def select_span(self: MainWindow, span: StoredSpan | None, scroll: bool = False) -> None:
        self.selected_span = span
        self.selected_link = None
        self.view.selected_span_id = span.id if span is not None else None
        self.linking.show_links_of(span)
        self.view.schedule_decorate()
        if self.docks_built:
            self._select_span_row(span)
        if span is None:
            return
        if scroll:
            self.view.move_to_offset(span.start)
        if span.note:
            self._note(self.tr("{status} by {reviewer}: “{note}”").format(
                status=span_status_name(span.status), reviewer=span.reviewer or span.annotator, note=span.note))

    def _select_span_row(self: MainWindow, span: StoredSpan | None) -> None:
        """The span's row selected in the span list and scrolled to; no row selected for None. The
        table's current index is left where it is: setting it cost more than the rest of the selection
        on every tag, and it only matters to the list's own arrow keys, so the table takes the selected
        row as current when it gets the focus (``TableView.focusInEvent``)."""
        selection = self.spans_table.selectionModel()
        if span is None:
            selection.clearSelection()
            return
        model = self.spans_model
        row = model.row_of(span.id)
        if row is not None:
            index = model.cell(row, 0)
            if not selection.isSelected(index):
                self._syncing_list = True  # the list follows the span: its selection slot has nothing to do
                try:
                    # The row's cells as one range: selecting with the Rows flag (and asking isRowSelected)
                    # had the selection model ask this Python model for its row and column counts nine
                    # more times a tag.
                    selection.select(QItemSelection(index, model.cell(row, _LAST_COLUMN)), _SELECT)
                finally:
                    self._syncing_list = False
            self.spans_table.scrollTo(index)

    def _span_rows_selected(self: MainWindow, *_args: object) -> None:
        if getattr(self, "_syncing_list", False):
            return
        rows = self.spans_table.selectionModel().selectedRows()
        span = rows[0].data(SPAN_ROLE) if rows else None
        if span is not None and (self.selected_span is None or self.selected_span.id != span.id):
            self.select_span(span, scroll=True)

    def step_span(self: MainWindow, step: int) -> None:
        offset = self.selected_span.start if self.selected_span is not None else self.view.cursor_offset()
        spans = self.session.spans
        span = spans.next_after(offset) if step > 0 else spans.previous_before(offset)
        while span is not None and not self.view.shown(span):
            span = spans.next_after(span.start) if step > 0 else spans.previous_before(span.start)
        if span is not None:
            self.select_span(span, scroll=True)
            self.view.setFocus()

    def span_added(self: MainWindow, span: StoredSpan) -> None:  # type: ignore[override]
        if self.docks_built:  # (else the docks read the spans and counts when they are built)
            self._syncing_list = True  # a row inserted above the selected one moves the selection with it
            try:
                self.spans_model.add(span)
            finally:
                self._syncing_list = False
            self.documents_model.adjust_counts(span.document_id, 1, int(span.annotator == self.store.user))
        self._update_counts()
        self._refresh_layers(added=span)
        # A new, restored or redone span becomes the selected one: Delete or a label key acts on it.
        self.select_span(span)
        self.suggesting.tagged(span)
        if span.annotator == self.store.user:
            self.training.span_added()
            self.project.span_added(span)

    def span_removed(self: MainWindow, span: StoredSpan) -> None:  # type: ignore[override]
        if self.selected_span is not None and self.selected_span.id == span.id:
            self.select_span(None)
        if self.docks_built:
            # Removing the row would move the table's current row to the neighbour and select that span:
            # after Delete nothing is selected, so a second Delete does not take the next span.
            self._syncing_list = True
            try:
                self.spans_model.remove(span.id)
                self.spans_table.selectionModel().clearSelection()
            finally:
                self._syncing_list = False
            self.documents_model.adjust_counts(span.document_id, -1, -int(span.annotator == self.store.user))
        self._update_counts()
        self._refresh_layers()
        if span.annotator == self.store.user:
            self.suggesting.span_removed(span)

    def span_changed(self: MainWindow, before: StoredSpan, after: StoredSpan) -> None:  # type: ignore[override]
        if self.docks_built:
            self.spans_model.replace(after)
        if self.selected_span is not None and self.selected_span.id == after.id:
            self.selected_span = after
        self._refresh_layers()

    def change_saved(self: MainWindow, message: str) -> None:  # type: ignore[override]
        self._saved(message)
        self.outside.own_commit(self.store.last_change_id, self.session.last_span_id)

    def _update_counts(self: MainWindow) -> None:
        spans = self.session.spans
        count = len(spans)
        templates = getattr(self, "_count_texts", None)
        if templates is None:  # translated once (see AnnotationSession._tag_text)
            templates = self._count_texts = (self.tr("1 span · {mine} mine · user {user}"),
                                             self.tr("{count} spans · {mine} mine · user {user}"))
        template = templates[count != 1]
        self.counts_label.setText(template.format(count=count, mine=spans.count_of(self.store.user),
                                                  user=self.store.user))

    def set_show_others(self: MainWindow, show: bool) -> None:
        self.settings.setValue("show_others", show)
        others = {s.annotator for s in self.session.spans} - {self.store.user}
        self.set_hidden_annotators(set() if show else others)

    def set_hidden_annotators(self: MainWindow, hidden: set[str]) -> None:
        self.view.hidden_annotators = set(hidden)
        if self.docks_built:
            self.spans_model.set_hidden(hidden)
            self._select_span_row(self.selected_span)  # (a reset list has no row selected)
        self._refresh_layers()

    def _refresh_layers(self: MainWindow, added: StoredSpan | None = None) -> None:
        """Layer list, layer styles and disagreement marks, after the spans or the shown layers changed.
        The list is rebuilt only when the set of annotators or the hidden ones change, and disagreements
        are looked for only with two or more layers shown (a single annotator's tag stays cheap). A span
        ``added`` to a layer already listed, with one layer shown, changes neither."""
        listed = getattr(self, "_shown_layers", None)
        if added is not None and listed is not None and added.annotator in listed[0] \
                and sum(name not in listed[1] for name in listed[0]) <= 1:
            self.view.schedule_decorate()
            return
        names = sorted(self.session.spans.annotators())
        layers = (tuple(names), frozenset(self.view.hidden_annotators))
        if layers != listed:
            self._shown_layers = layers
            others = [n for n in names if n != self.store.user]
            self.view.layer_index = {name: index for index, name in enumerate(others)}
            if self.docks_built:
                self.layers.set_annotators(names, self.view.hidden_annotators, self.view.layer_index)
        shown = set(names) - self.view.hidden_annotators
        found = {s.id for s in disagreements(self.session.spans, shown)} if len(shown) > 1 else set()
        if found != self.view.disagreeing:
            self.view.disagreeing = found
        self.view.schedule_decorate()
