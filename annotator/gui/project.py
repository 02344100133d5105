"""The project in the window: my state of each document (shown and filtered in the document list, my
progress in the status bar), Ctrl+Enter to finish the open document and go to my next one, Ctrl+Shift+Enter
to skip it (with an optional reason), and a finished document reopened — and recorded — when I change it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QInputDialog, QLabel

from annotator.core.errors import AnnotatorError
from annotator.core.model import StoredSpan

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

# Shown translated; stored as they are.
STATE_NAMES = {"new": QT_TRANSLATE_NOOP("State", "new"), "in_progress": QT_TRANSLATE_NOOP("State", "in progress"),
               "finished": QT_TRANSLATE_NOOP("State", "finished"), "skipped": QT_TRANSLATE_NOOP("State", "skipped")}
DONE = ("finished", "skipped")


def state_name(state: str) -> str:
    return QCoreApplication.translate("State", STATE_NAMES.get(state, state))


class ProjectController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.states: dict[int, str] = {}
        self.assigned: set[int] = set()
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progressLabel")
        window.statusBar().addPermanentWidget(self.progress_label)
        self.skip_dialog: QInputDialog | None = None

    def reload(self) -> None:
        """My states and assignments, read again (the list was refreshed)."""
        store = self.window.store
        self.states = store.document_states()
        self.assigned = set(store.assigned_documents())
        if self.window.docks_built:
            self.window.documents_model.set_project(self.states, self.assigned)
        self._show_progress()

    def state(self, document_id: int) -> str:
        return self.states.get(document_id, "new")

    def _show_progress(self) -> None:
        chosen = self.assigned or set(self.states)
        done = sum(self.states.get(d) == "finished" for d in chosen)
        template = self.tr("{done} / {total} finished") if not self.assigned else self.tr(
            "{done} / {total} assigned finished")
        self.progress_label.setText(template.format(done=done, total=len(chosen)))

    def _set(self, document_id: int, state: str, reason: str | None = None) -> bool:
        try:
            self.window.store.set_document_state(document_id, state, reason)
        except AnnotatorError as error:
            self.window.show_message(str(error), error=True)
            return False
        self.states[document_id] = state
        if self.window.docks_built:
            self.window.documents_model.set_state(document_id, state)
        self._show_progress()
        return True

    # -- keys ---------------------------------------------------------------------------------

    def finish(self) -> None:
        """Ctrl+Enter: the open document is finished for me; my next one opens."""
        document = self.window.session.document
        if document is None:
            return
        if self._set(document.id, "finished"):
            self._next(self.tr("Finished “{name}”.").format(name=document.name))

    def skip(self) -> None:
        """Ctrl+Shift+Enter: skip the open document; a reason may be given (Enter without one is fine)."""
        document = self.window.session.document
        if document is None:
            return
        dialog = QInputDialog(self.window)
        dialog.setObjectName("skipDialog")
        dialog.setWindowTitle(self.tr("Skip this document"))
        dialog.setLabelText(self.tr("Why skip “{name}”? (optional)").format(name=document.name))
        dialog.textValueSelected.connect(lambda reason: self._skipped(document.id, document.name, reason))
        self.skip_dialog = dialog
        dialog.open()

    def _skipped(self, document_id: int, name: str, reason: str) -> None:
        self.skip_dialog = None
        if self._set(document_id, "skipped", reason.strip() or None):
            self._next(self.tr("Skipped “{name}”.").format(name=name))

    def _next(self, done: str) -> None:
        following = self.next_document()
        if following is None:
            self.window.show_message(done + " " + self.tr("Nothing left to do: every document is finished or skipped."))
            return
        self.window.open_document(following)
        self.window.show_message(done + " " + self.tr("Next: “{name}”.").format(
            name=self.window.session.document.name if self.window.session.document else ""))

    def next_document(self) -> int | None:
        """My next document to do, in list order (assigned ones first) after the open one, wrapping."""
        order = self.window.document_ids()
        todo = [d for d in order if self.state(d) not in DONE]
        if self.assigned and any(d in self.assigned for d in todo):
            todo = [d for d in todo if d in self.assigned]
        current = self.window.session.document.id if self.window.session.document is not None else None
        todo = [d for d in todo if d != current]
        if not todo:
            return None
        if current in order:
            after = [d for d in todo if order.index(d) > order.index(current)]
            if after:
                return after[0]
        return todo[0]

    # -- changes ------------------------------------------------------------------------------

    def span_added(self, span: StoredSpan) -> None:
        """My change in a document: a finished one is reopened (and that recorded), a new one is started."""
        if span.annotator != self.window.store.user:
            return
        state = self.state(span.document_id)
        if state in DONE:
            if self._set(span.document_id, "in_progress", "reopened"):
                # after the "Saved" of the change itself, which is announced once this returns
                message = self.tr("Saved, and reopened for changes: Ctrl+Enter finishes it again.")
                QTimer.singleShot(0, lambda: self.window.show_message(message))
        elif state == "new":
            self.states[span.document_id] = "in_progress"
            if self.window.docks_built:
                self.window.documents_model.set_state(span.document_id, "in_progress")
            self._show_progress()


__all__ = ["DONE", "STATE_NAMES", "ProjectController", "state_name"]
