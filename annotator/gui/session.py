"""The one path for user actions: do it in the store (one committed transaction), then announce
exactly what changed so each view updates only that. Undo/redo go through the same path."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from annotator.core.errors import AnnotatorError
from annotator.core.links import StoredLink
from annotator.core.model import StoredDocument, StoredSpan
from annotator.core.span_index import SpanIndex
from annotator.store.store import Store

log = logging.getLogger("annotator.session")

# A long document first gets the spans of about this many characters (several screens at any size).
FIRST_SCREENS = 20_000
REST_AFTER_MS = 30
REST_SAFETY_MS = 500  # the rest is loaded by then even if no view ever paints (a hidden window)


class SpanListener:
    """What the session tells its views once a change is committed, by plain calls: a Qt signal
    emitted from Python took 50 µs to reach the window's slot in the bench's loop (its code is cold in
    the CPU's caches after each repaint), about what one of the window's views takes to update, against
    5 µs for a plain call. Subclasses override what they follow."""

    def span_added(self, span: StoredSpan) -> None:
        """A span added to the open document (a tag, or an undone delete)."""

    def span_removed(self, span: StoredSpan) -> None:
        """A span of the open document deleted (with its links, which ``linksChanged`` reports)."""

    def span_changed(self, before: StoredSpan, after: StoredSpan) -> None:
        """A span of the open document relabelled, moved, reviewed or given a note."""

    def change_saved(self, message: str) -> None:
        """Any committed change (also of a link, or of another document), in words."""


class AnnotationSession(QObject):
    """The open document, its spans, and the per-document undo stacks of one user."""

    documentOpened = Signal(object, object)  # StoredDocument, SpanIndex
    failed = Signal(str)  # why an action was refused
    spansLoaded = Signal(object)  # SpanIndex, now complete (after a long document opened with part)
    linksChanged = Signal()  # the open document's links changed (added, deleted, reviewed, or with a span)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.document: StoredDocument | None = None
        self.spans = SpanIndex()
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[int, QUndoStack] = {}
        self.last_span_id: int | None = None  # the span of the latest committed action
        # Per document: (history change id, description) of what Ctrl+Z undid from the stored history.
        self._history_redo: dict[int, list[tuple[int, str]]] = {}
        self.links: list[StoredLink] = []  # the open document's links
        self.listeners: list[SpanListener] = []  # told of each committed change, in order
        # Set by the window: runs a callback once the document view has painted (see open_document).
        self.after_first_paint: Callable[[Callable[[], None]], None] | None = None
        self._rest_of: int | None = None  # the long document whose remaining spans are still to load
        # The tag's undo text, translated once: tr() looks the class up on every call, a tenth of the
        # session's own time in a tag (the translator is installed before any session exists).
        self._tag_text = self.tr("tag “{text}” as {label}")

    @property
    def user(self) -> str:
        return self.store.user

    def open_document(self, document_id: int) -> None:
        """Show a document at once: a long one opens with the spans of its first screens only, and the
        rest follow a moment later (``spansLoaded``), so the text appears without waiting for them."""
        document = self.store.document(document_id)
        self.document = document
        long_document = len(document.text) > FIRST_SCREENS
        self.spans = SpanIndex(self.store.spans(document_id, before=FIRST_SCREENS if long_document else None))
        # A long document's links come with the rest of its spans: a link may end in a span not loaded yet.
        self.links = [] if long_document else self.store.links(document_id)
        if document_id not in self._stacks:
            self._stacks[document_id] = QUndoStack(self.undo_group)
        self.undo_group.setActiveStack(self._stacks[document_id])
        self._rest_of = document_id if long_document else None
        self.documentOpened.emit(document, self.spans)
        if long_document:
            # After the first paint (when a view says when that is), else after a moment: counted from
            # here, a long layout could make the timer due inside the very event processing that paints.
            if self.after_first_paint is not None:
                self.after_first_paint(lambda: QTimer.singleShot(REST_AFTER_MS, lambda: self._load_rest(document_id)))
            QTimer.singleShot(REST_SAFETY_MS, lambda: self._load_rest(document_id))

    @property
    def rest_pending(self) -> bool:
        """The open document's remaining spans are still to come (``spansLoaded``)."""
        return self._rest_of is not None

    def _load_rest(self, document_id: int) -> None:
        if self._rest_of == document_id:
            self._rest_of = None
            self._load_all_spans(document_id)

    def reload_spans(self) -> None:
        """Read the open document's spans and links again (other programs' changes included)."""
        if self.document is not None:
            self._load_all_spans(self.document.id)
            self.reload_links()

    def reload_links(self) -> None:
        if self.document is not None:
            self.links = self.store.links(self.document.id)
            self.linksChanged.emit()

    def links_of(self, span_id: int) -> list[StoredLink]:
        return [link for link in self.links if span_id in (link.from_id, link.to_id)]

    def link(self, source: StoredSpan, target: StoredSpan, link_type: str | None = None) -> StoredLink | None:
        """Link two spans (the type follows from their labels when only one fits)."""
        return self._act(  # type: ignore[return-value]
            lambda: (None, self.store.add_link(source.id, target.id, link_type)),
            self.tr("link “{a}” → “{b}”").format(a=_short(source.text), b=_short(target.text)))

    def review_link(self, link: StoredLink, status: str, comment: str | None = None) -> StoredLink | None:
        return self._act(  # type: ignore[return-value]
            lambda: (link, self.store.review_link(link.id, status, comment)),
            self.tr("{status} a {type} link").format(status=status, type=link.type))

    def delete_link(self, link: StoredLink) -> bool:
        self._act(lambda: (self.store.delete_link(link.id), None),
                  self.tr("delete a {type} link").format(type=link.type))
        return all(existing.id != link.id for existing in self.links)

    def _load_all_spans(self, document_id: int) -> None:
        if self.document is None or self.document.id != document_id:
            return  # another document was opened meanwhile
        self.spans.replace_all(self.store.spans(document_id))
        self.links = self.store.links(document_id)
        self.spansLoaded.emit(self.spans)

    @property
    def undo_stack(self) -> QUndoStack | None:
        return self.undo_group.activeStack()

    # -- user actions: each pushes an undo command whose first redo already happened ----------

    def _act(self, action, description: str) -> StoredSpan | None:  # type: ignore[no-untyped-def]
        """Run one store action; on success record its undo command and announce the change."""
        try:
            before, after = action()
        except AnnotatorError as error:
            log.info("refused: %s: %s", description, error)
            self.failed.emit(str(error))
            return None
        change_id = self.store.last_change_id
        log.info("%s (change %s)", description, change_id)
        if self.document is not None:
            self._history_redo.pop(self.document.id, None)  # a new action ends what could be redone
        self._announce(before, after, description)
        if change_id is not None:
            self._push(SpanCommand(self, description, change_id))
        return after

    def tag(self, start: int, end: int, label: str, status: str = "draft") -> StoredSpan | None:
        if self.document is None:
            return None
        document_id = self.document.id
        return self._act(
            lambda: (None, self.store.add_span(document_id, start, end, label, status=status)),
            self._tag_text.format(text=_short(self.document.text[start:end]), label=label),
        )

    def accept_suggestion(self, suggestion, status: str = "draft") -> StoredSpan | None:  # type: ignore[no-untyped-def]
        """The suggestion becomes the user's span (one undoable action, like a tag)."""
        return self._act(
            lambda: (None, self.store.accept_suggestion(suggestion, status)),
            self.tr("accept the suggestion “{text}” as {label}").format(text=_short(suggestion.text),
                                                                    label=suggestion.label))

    def delete(self, span: StoredSpan) -> bool:
        self._act(
            lambda: (self.store.delete_span(span.id), None),
            self.tr("delete {label} “{text}”").format(label=span.label, text=_short(span.text)),
        )
        return self.spans.get(span.id) is None

    def relabel(self, span: StoredSpan, label: str) -> StoredSpan | None:
        if span.label == label:
            return span
        return self._act(
            lambda: (span, self.store.relabel_span(span.id, label)),
            self.tr("relabel “{text}” as {label}").format(text=_short(span.text), label=label),
        )

    def edit(self, span: StoredSpan, start: int, end: int) -> StoredSpan | None:
        return self._act(
            lambda: (span, self.store.edit_span(span.id, start=start, end=end)),
            self.tr("change the boundaries of “{text}”").format(text=_short(span.text)),
        )

    def review(self, span: StoredSpan, status: str, comment: str | None = None) -> StoredSpan | None:
        return self._act(
            lambda: (span, self.store.review_span(span.id, status, comment)),
            {"accepted": self.tr("accept “{text}”"), "rejected": self.tr("reject “{text}”")}.get(
                status, self.tr("reset “{text}”")
            ).format(text=_short(span.text)),
        )

    def undo_from_history(self) -> bool:
        """Ctrl+Z with nothing left in this session's undo stack: undo from the stored history
        (the user's earlier work, also from before a restart)."""
        if self.document is None:
            return False
        try:
            result = self.store.undo_last(self.document.id)
        except AnnotatorError as error:
            self.failed.emit(self.tr("cannot undo: {error}").format(error=error))
            return False
        if result is None:
            self.failed.emit(self.tr("Nothing to undo in this document."))
            return False
        assert self.store.last_change_id is not None
        description = _describe_undo(*result)
        self._history_redo.setdefault(self.document.id, []).append((self.store.last_change_id, description))
        self._announce(*result, self.tr("Undone: {what}").format(what=description))
        return True

    def redo_from_history(self) -> bool:
        """Ctrl+Shift+Z after Ctrl+Z undid from the stored history: redo that, newest first."""
        if self.document is None or not self._history_redo.get(self.document.id):
            self.failed.emit(self.tr("Nothing to redo in this document."))
            return False
        change_id, description = self._history_redo[self.document.id].pop()
        try:
            result = self.store.revert(change_id, "redo")
        except AnnotatorError as error:
            self.failed.emit(self.tr("cannot redo: {error}").format(error=error))
            return False
        self._announce(*result, self.tr("Redone: {what}").format(what=description))
        return True

    def _push(self, command: QUndoCommand) -> None:
        stack = self.undo_stack
        if stack is not None:
            stack.push(command)

    # -- announcing a change that the store has committed -------------------------------------

    def _announce(self, before: StoredSpan | None, after: StoredSpan | None, message: str) -> None:
        subject = after or before
        if isinstance(subject, StoredLink):
            self._announce_link(before, after, message)  # type: ignore[arg-type]
            return
        self.last_span_id = subject.id if subject is not None else None
        if subject is not None and self.document is not None and subject.document_id == self.document.id:
            if before is None and after is not None:
                self.spans.add(after)
                for listener in self.listeners:
                    listener.span_added(after)
            elif after is None and before is not None:
                self.spans.remove(before.id)
                for listener in self.listeners:
                    listener.span_removed(before)
                if self.links_of(before.id):  # the store deleted them with the span
                    self.links = [link for link in self.links if before.id not in (link.from_id, link.to_id)]
                    self.linksChanged.emit()
            elif before is not None and after is not None:
                self.spans.add(after)
                for listener in self.listeners:
                    listener.span_changed(before, after)
        self._saved(message)

    def _saved(self, message: str) -> None:
        for listener in self.listeners:
            listener.change_saved(message)


    def _announce_link(self, before: StoredLink | None, after: StoredLink | None, message: str) -> None:
        subject = after or before
        assert subject is not None
        if self.document is not None and subject.document_id == self.document.id:
            self.links = [link for link in self.links if link.id != subject.id]
            if after is not None:
                self.links.append(after)
            self.linksChanged.emit()
        self._saved(message)


class SpanCommand(QUndoCommand):
    """One committed change, undone and redone through the store's history (each step committed at
    once). Constructed after the change, so the first ``redo()`` (which QUndoStack.push calls) does
    nothing."""

    def __init__(self, session: AnnotationSession, text: str, change_id: int) -> None:
        super().__init__(text)
        self.session = session
        self.change_id = change_id
        self._first_redo = True

    def redo(self) -> None:
        if self._first_redo:
            self._first_redo = False
            return
        self._revert("redo")

    def undo(self) -> None:
        self._revert("undo")

    def _revert(self, verb: str) -> None:
        store = self.session.store
        try:
            before, after = store.revert(self.change_id, verb)
        except AnnotatorError as error:
            self.setObsolete(True)
            self.session.failed.emit(f"cannot {verb}: {error}")
            return
        assert store.last_change_id is not None
        self.change_id = store.last_change_id
        self.session._announce(before, after, f"{verb.capitalize()}: {self.text()}")
        if before is None and isinstance(after, StoredSpan):
            self.session.reload_links()  # a span brought back brings back its links


def _describe_undo(before: StoredSpan | None, after: StoredSpan | None) -> str:
    """What an undo from the history did, as the user's own action: the undo of a tag removes it."""
    translate = QCoreApplication.translate
    link = after or before
    if isinstance(link, StoredLink):
        if before is not None and after is None:
            return translate("AnnotationSession", "a {type} link").format(type=link.type)
        return translate("AnnotationSession", "the deletion of a {type} link").format(type=link.type)
    if before is not None and after is None:
        return translate("AnnotationSession", "tag “{text}” as {label}").format(text=_short(before.text),
                                                                            label=before.label)
    if before is None and after is not None:
        return translate("AnnotationSession", "delete {label} “{text}”").format(label=after.label,
                                                                             text=_short(after.text))
    subject = after or before
    assert subject is not None
    return translate("AnnotationSession", "change of “{text}”").format(text=_short(subject.text))


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
