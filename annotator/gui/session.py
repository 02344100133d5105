"""The one path for user actions: do it in the store (one committed transaction), then announce
exactly what changed so each view updates only that. Undo/redo go through the same path."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from annotator.core.errors import AnnotatorError
from annotator.core.model import StoredDocument, StoredSpan
from annotator.core.span_index import SpanIndex
from annotator.store.store import Store


class AnnotationSession(QObject):
    """The open document, its spans, and the per-document undo stacks of one user."""

    documentOpened = Signal(object, object)  # StoredDocument, SpanIndex
    spanAdded = Signal(object)  # StoredSpan
    spanRemoved = Signal(object)  # StoredSpan
    spanChanged = Signal(object, object)  # old StoredSpan, new StoredSpan
    saved = Signal(str)  # what was just committed
    failed = Signal(str)  # why an action was refused

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.document: StoredDocument | None = None
        self.spans = SpanIndex()
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[int, QUndoStack] = {}

    @property
    def user(self) -> str:
        return self.store.user

    def open_document(self, document_id: int) -> None:
        document = self.store.document(document_id)
        self.document = document
        self.spans = SpanIndex(self.store.spans(document_id))
        if document_id not in self._stacks:
            self._stacks[document_id] = QUndoStack(self.undo_group)
        self.undo_group.setActiveStack(self._stacks[document_id])
        self.documentOpened.emit(document, self.spans)

    @property
    def undo_stack(self) -> QUndoStack | None:
        return self.undo_group.activeStack()

    # -- user actions: each pushes an undo command whose first redo already happened ----------

    def tag(self, start: int, end: int, label: str) -> StoredSpan | None:
        if self.document is None:
            return None
        try:
            span = self.store.add_span(self.document.id, start, end, label)
        except AnnotatorError as error:
            self.failed.emit(str(error))
            return None
        self._apply_added(span, f"tagged “{span.text}” as {label}")
        self._push(SpanCommand(self, f"tag “{_short(span.text)}” as {label}", added=span))
        return span

    def delete(self, span: StoredSpan) -> bool:
        try:
            removed = self.store.delete_span(span.id)
        except AnnotatorError as error:
            self.failed.emit(str(error))
            return False
        self._apply_removed(removed, f"deleted {removed.label} “{removed.text}”")
        self._push(SpanCommand(self, f"delete {removed.label} “{_short(removed.text)}”", removed=removed))
        return True

    def relabel(self, span: StoredSpan, label: str) -> StoredSpan | None:
        if span.label == label:
            return span
        try:
            changed = self.store.relabel_span(span.id, label)
        except AnnotatorError as error:
            self.failed.emit(str(error))
            return None
        self._apply_changed(span, changed, f"relabelled “{changed.text}” as {label}")
        self._push(SpanCommand(self, f"relabel “{_short(span.text)}” as {label}", before=span, after=changed))
        return changed

    def _push(self, command: QUndoCommand) -> None:
        stack = self.undo_stack
        if stack is not None:
            stack.push(command)

    # -- applying a change that the store has committed ---------------------------------------

    def _current(self, span: StoredSpan) -> bool:
        return self.document is not None and span.document_id == self.document.id

    def _apply_added(self, span: StoredSpan, message: str) -> None:
        if self._current(span):
            self.spans.add(span)
            self.spanAdded.emit(span)
        self.saved.emit(message)

    def _apply_removed(self, span: StoredSpan, message: str) -> None:
        if self._current(span):
            self.spans.remove(span.id)
            self.spanRemoved.emit(span)
        self.saved.emit(message)

    def _apply_changed(self, before: StoredSpan, after: StoredSpan, message: str) -> None:
        if self._current(after):
            self.spans.add(after)
            self.spanChanged.emit(before, after)
        self.saved.emit(message)


class SpanCommand(QUndoCommand):
    """Add, delete or relabel one span. Constructed after the action is committed, so the first
    ``redo()`` (which QUndoStack.push calls) does nothing; later undo/redo each commit at once."""

    def __init__(self, session: AnnotationSession, text: str, *, added: StoredSpan | None = None,
                 removed: StoredSpan | None = None, before: StoredSpan | None = None,
                 after: StoredSpan | None = None) -> None:
        super().__init__(text)
        self.session = session
        self.added, self.removed, self.before, self.after = added, removed, before, after
        self._first_redo = True

    def redo(self) -> None:
        if self._first_redo:
            self._first_redo = False
            return
        self._run(undo=False)

    def undo(self) -> None:
        self._run(undo=True)

    def _run(self, undo: bool) -> None:
        session, store = self.session, self.session.store
        try:
            if self.added is not None or self.removed is not None:
                span = self.added or self.removed
                assert span is not None
                if (self.added is not None) == undo:
                    session._apply_removed(store.delete_span(span.id), f"{self._verb(undo)}: removed “{span.text}”")
                else:
                    session._apply_added(store.restore_span(span), f"{self._verb(undo)}: restored “{span.text}”")
            else:
                assert self.before is not None and self.after is not None
                old, new = (self.after, self.before) if undo else (self.before, self.after)
                changed = store.relabel_span(old.id, new.label)
                session._apply_changed(old, changed, f"{self._verb(undo)}: “{changed.text}” is {changed.label}")
        except AnnotatorError as error:
            self.setObsolete(True)
            session.failed.emit(f"cannot {self._verb(undo).lower()}: {error}")

    @staticmethod
    def _verb(undo: bool) -> str:
        return "Undo" if undo else "Redo"


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
