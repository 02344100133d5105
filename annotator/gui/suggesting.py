"""Suggestions in the window: computed off the UI thread when a document opens, drawn apart from spans,
stepped through with ] and [, accepted with Enter (Shift+Enter: every occurrence of that text and label),
rejected with R. Tagging a text proposes its other occurrences in the open document at once.

The sources run off the UI thread with their own database connection; the window only reads the
stored result, so a keypress never waits for them (the complaint users have of the peers). A long
document's sources run in a child process (``annotator suggest``, as training does): on a 1 MB article
they compute for seconds, and in a thread of the window they held the interpreter lock all that time.
"""

from __future__ import annotations

import bisect
import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QProcess, QProcessEnvironment, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QUndoCommand

from annotator.core.links import likely_source
from annotator.core.model import StoredSpan
from annotator.gui.release import release_after_paint

if TYPE_CHECKING:
    from annotator.core.arabic_normalize import Normalized
    from annotator.core.suggest import StoredSuggestion
    from annotator.gui.main_window import MainWindow

log = logging.getLogger("annotator.suggest")
COMPUTE_AFTER_MS = 150
# Documents this long or longer are computed in a child process (the seed article, 3,000 characters,
# takes 40 ms in a thread; a 1 MB one 9 s). A child process costs about half a second to start.
PROCESS_FROM_CHARS = 100_000
# So are a large project's: the sources' context is every text the project tagged. With 1,000,000 spans
# stored it took 9.5 s for one short document in a thread, with garbage collections of up to 170 ms over
# its 700,000 tagged texts, each one holding up the window.
PROCESS_FROM_SPANS = 100_000


class _Computed(QObject):
    # (document id, its suggestions read back): what was stored before, then what the sources computed
    loaded = Signal(int, object)
    done = Signal(int, object)
    failed = Signal(str)


class _Compute(QRunnable):
    """Reads the stored suggestions (``loaded``), runs the sources and reads again (``done``); with
    ``compute`` False, only reads (the stored ones, or what a child process computed)."""

    def __init__(self, store, document_id: int, signals: _Computed, compute: bool = True) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.store, self.document_id, self.signals, self.compute = store, document_id, signals, compute

    def run(self) -> None:
        from annotator.core.suggest import SOURCES, source_named  # (loaded here, in the worker)
        from annotator.store.store import Store

        try:
            # Its own Store on the shared engine: the window's store keeps caches that are not for two threads.
            own = Store(self.store.engine, self.store.user)
            # Read here, not on the UI thread: a long document has tens of thousands of stored suggestions
            # (a 1 MB article: 51,000, read in 0.1 s), which delayed its first paint when read on opening.
            stored = own.suggestions(self.document_id)
            if not self.compute:
                self._emit(self.signals.done, self.document_id, stored)
                return
            self._emit(self.signals.loaded, self.document_id, stored)
            own.compute_suggestions([self.document_id], [source_named(name) for name in SOURCES])
            computed = own.suggestions(self.document_id)
        except Exception as error:  # a failed source must not take the window down; say it instead
            log.warning("suggestions for document %s failed: %s", self.document_id, error)
            self._emit(self.signals.failed, str(error))
            return
        self._emit(self.signals.done, self.document_id, computed)

    @staticmethod
    def _emit(signal, *values) -> None:  # type: ignore[no-untyped-def]
        try:
            signal.emit(*values)
        except RuntimeError:  # the window closed meanwhile: nobody is waiting for the result
            pass


class SuggestionController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.suggestions: list[StoredSuggestion] = []
        self.selected: StoredSuggestion | None = None
        self.shown = True
        self._folded: tuple[int, Normalized] | None = None  # the open document, normalised for matching
        # what each accepted span was suggested as: an undone accept offers it again, score and all
        self._accepted: dict[tuple[int, int, int, str], StoredSuggestion] = {}
        self.process: QProcess | None = None  # computing a long document's suggestions
        # No Qt parent: each worker holds it too, so a worker still running when the window is destroyed
        # emits on a live object (a child of the window would be deleted under it: a crash, not an
        # exception). Its receivers are this controller's methods, which Qt disconnects when it goes.
        self._signals = _Computed()
        self._signals.loaded.connect(self._computed)
        self._signals.done.connect(self._computed)
        self._signals.failed.connect(self._failed)
        window.view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter / Shift+Enter in the text act on the selected suggestion (linking, when on, comes first:
        # its filter was installed later and sees the key before this one).
        if self.selected is not None and isinstance(event, QKeyEvent) and event.key() in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # (Ctrl+Enter is the window's: the document is finished)
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress:
                return self.accept(every=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
        return super().eventFilter(watched, event)

    # -- computing and showing ----------------------------------------------------------------

    def document_opened(self) -> None:
        document = self.window.session.document
        self.stop()  # what was being computed for the document before is not waited for
        self.selected = None
        # the stored ones come from the worker, with the computed ones after them
        release_after_paint(self.window.view, self.suggestions)
        self.suggestions = []
        self._draw()
        if document is not None:
            # Started once the document is on screen: the sources' first run imports and loads (the model
            # among them) and would hold the interpreter lock while the window paints its first frame.
            QTimer.singleShot(COMPUTE_AFTER_MS, lambda: self._compute(document.id))

    def _compute(self, document_id: int) -> None:
        document = self.window.session.document
        if document is not None and document.id == document_id:
            self._start(document_id, len(document.text))

    def _start(self, document_id: int, length: int) -> None:
        self.stop()
        url = self.window.store.engine.url
        in_memory = url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")
        if in_memory or (length < PROCESS_FROM_CHARS and self.window.store.spans_ever_stored() < PROCESS_FROM_SPANS):
            QThreadPool.globalInstance().start(_Compute(self.window.store, document_id, self._signals))
            return
        # What was stored before is shown meanwhile; the child's result is read when it is done.
        QThreadPool.globalInstance().start(_Compute(self.window.store, document_id, self._signals, compute=False))
        process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        # The database and user go through the environment, not the command line (a team URL may hold a password).
        environment.insert("ANNOTATOR_DB", url.render_as_string(hide_password=False))
        environment.insert("ANNOTATOR_USER", self.window.store.user)
        process.setProcessEnvironment(environment)
        process.setProperty("document_id", document_id)
        # A bound method, not a lambda holding this controller: Qt drops the connection with either object.
        process.finished.connect(self._process_finished)
        self.process = process
        process.start(sys.executable, ["-m", "annotator", "suggest", str(document_id)])

    def _process_finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        process = self.sender()
        if not isinstance(process, QProcess):
            return
        document_id = int(process.property("document_id"))
        process.deleteLater()  # one per long document opened: not kept as the controller's child
        if self.process is not process:
            return  # stopped: another document was opened, or the window closes
        self.process = None
        if code != 0:
            try:
                output = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
            except RuntimeError:
                return  # the window was destroyed with the process still running: it killed it

            log.warning("suggestions for document %s failed: %s", document_id, output)
            self._signals.failed.emit(output.splitlines()[-1] if output else f"exit {code}")
            return
        QThreadPool.globalInstance().start(_Compute(self.window.store, document_id, self._signals, compute=False))

    def stop(self) -> None:
        """Stop computing in the child process (its one transaction per document is rolled back)."""
        process, self.process = self.process, None
        if process is not None:
            process.kill()
            process.waitForFinished(5000)
            process.deleteLater()  # (also when it had finished before: then no signal comes)

    def wait(self, milliseconds: int = 60_000) -> None:
        """Until the child process, if any, has computed and its result is read (benchmarks, tests)."""
        if self.process is not None:
            self.process.waitForFinished(milliseconds)
            from PySide6.QtCore import QCoreApplication

            QCoreApplication.processEvents()  # its finished signal, which starts the read
        QThreadPool.globalInstance().waitForDone(milliseconds)

    def _computed(self, document_id: int, suggestions: list[StoredSuggestion]) -> None:
        document = self.window.session.document
        if document is not None and document.id == document_id:
            release_after_paint(self.window.view, self.suggestions)
            self.suggestions = suggestions
            self._drop_tagged()
            self._draw()

    def _failed(self, error: str) -> None:
        self.window.show_message(self.tr("Suggestions could not be computed: {error}").format(error=error), error=True)

    def tagged(self, span: StoredSpan) -> None:
        """A new tag: its text's other occurrences in this document become suggestions at once. Done just
        after the keypress (the tag itself is committed and shown first), on the document normalised once."""
        if span.annotator == self.window.store.user:
            QTimer.singleShot(0, lambda: self._propose_like(span))

    def _propose_like(self, span: StoredSpan) -> None:
        from annotator.core.arabic_normalize import normalize_with_map
        from annotator.core.suggest import StoredSuggestion
        from annotator.core.suggest.matcher import MatcherIndex

        document = self.window.session.document
        if document is None or document.id != span.document_id:
            return
        if self._folded is None or self._folded[0] != document.id:
            self._folded = (document.id, normalize_with_map(document.text))
        index = MatcherIndex.from_pairs([((span.text, span.label), 1)])
        known = {(s.start, s.end, s.label) for s in self.suggestions}
        known.add((span.start, span.end, span.label))
        me, spans = self.window.store.user, self.window.session.spans
        for found in index.match(document.text, folded=self._folded[1]):
            key = (found.start, found.end, found.label)
            tagged_here = any((s.start, s.end, s.label) == key and s.annotator == me
                              for s in spans.overlapping(found.start, found.end))
            if key not in known and not tagged_here:
                bisect.insort(self.suggestions, StoredSuggestion(0, document.id, found.start, found.end, found.label,
                                                                 "matcher", found.score,
                                                                 document.text[found.start:found.end]),
                              key=lambda s: (s.start, s.end, s.label))
        self.suggestions = [s for s in self.suggestions if (s.start, s.end, s.label) != (span.start, span.end,
                                                                                         span.label)]
        if self.selected is not None and self.selected not in self.suggestions:
            self.selected = None
        self._draw()

    def _drop_tagged(self) -> None:
        mine = {(s.start, s.end, s.label) for s in self.window.session.spans if s.annotator == self.window.store.user}
        self.suggestions = [s for s in self.suggestions if (s.start, s.end, s.label) not in mine]
        if self.selected is not None and self.selected not in self.suggestions:
            self.selected = None

    def set_shown(self, shown: bool) -> None:
        self.shown = shown
        if not shown:
            self.selected = None
        self._draw()

    def recompute(self) -> None:
        """Run the sources again for the open document (after the model was retrained)."""
        document = self.window.session.document
        if document is not None:
            self._start(document.id, len(document.text))

    def _draw(self) -> None:
        view = self.window.view
        view.suggestions = self.suggestions if self.shown else []
        view.selected_suggestion = self.selected
        view.schedule_decorate()
        self.window.update_suggestions_panel()

    # -- keys ---------------------------------------------------------------------------------

    def step(self, direction: int) -> None:
        """] / [: the next / previous suggestion after the caret (or the selected one)."""
        if not self.shown or not self.suggestions:
            self.window.show_message(self.tr("No suggestions in this document."))
            return
        here = self.selected.start if self.selected is not None else self.window.view.cursor_offset()
        ordered = self.suggestions if direction > 0 else list(reversed(self.suggestions))
        following = [s for s in ordered if (s.start > here if direction > 0 else s.start < here)]
        self.select(following[0] if following else ordered[0])

    def select(self, suggestion: StoredSuggestion | None) -> None:
        self.window.select_span(None)
        self.selected = suggestion
        self._draw()
        if suggestion is not None:
            self.window.view.move_to_offset(suggestion.start)
            self.window.show_message(self.tr(
                "Suggestion: {label} “{text}” ({source}, score {score:g}): Enter accepts, Shift+Enter accepts "
                "every “{text}”, R rejects").format(label=suggestion.label, text=suggestion.text,
                                                      source=suggestion.source, score=suggestion.score))

    def accept(self, every: bool = False) -> bool:
        """Enter: the selected suggestion becomes my span (its origin kept); Shift+Enter: every suggestion
        in this document with the same text and label."""
        chosen = self.selected
        if chosen is None:
            return False
        targets = [s for s in self.suggestions if s.text == chosen.text and s.label == chosen.label] if every \
            else [chosen]
        status = "accepted" if self.window.review.active else "draft"
        last = None
        stack = self.window.session.undo_stack
        if stack is not None and len(targets) > 1:  # one Ctrl+Z takes back the whole "every occurrence"
            stack.beginMacro(self.tr("accept every “{text}” as {label}").format(text=chosen.text, label=chosen.label))
        try:
            for suggestion in targets:
                span = self.window.session.accept_suggestion(suggestion, status)
                if span is not None:
                    self._accepted[(span.document_id, span.start, span.end, span.label)] = suggestion
                last = span or last
        finally:
            if stack is not None and len(targets) > 1:
                stack.endMacro()
        self.window.update_suggestions_panel(quality=True)
        self.selected = None
        self._drop_tagged()
        self._draw()
        if last is not None:
            self.window.select_span(last)
            if not every and chosen.source == "cues":
                self._propose_source(last)
        return True

    def _propose_source(self, claim: StoredSpan) -> None:
        """A claim taken from a reporting verb: when I have tagged the actor who says it (between the verb
        and إن/أن), linking starts with that actor chosen, so Enter makes the link and Esc skips it."""
        document = self.window.session.document
        actors = [s for s in self.window.session.spans if s.label == "actor" and s.annotator == self.window.store.user
                  and s.end <= claim.start]
        if document is None or not actors:
            return
        if likely_source(document.text, claim.start, [(a.start, a.end) for a in actors]) is None:
            return
        self.window.linking.start()
        if self.window.linking.active:
            self.window.show_message(self.tr("Suggested source: “{actor}”. Enter links the claim to it, Esc skips.")
                                     .format(actor=self.window.linking.candidates[self.window.linking.choice].text))

    def reject(self) -> bool:
        """R on a selected suggestion: not offered to me here again (undoable with Ctrl+Z)."""
        chosen = self.selected
        if chosen is None:
            return False
        self._rejected(chosen)
        self.window.session._push(RejectSuggestion(self, chosen))
        return True

    def _rejected(self, chosen: StoredSuggestion) -> None:
        self.window.store.reject_suggestion(chosen)
        self.suggestions = [s for s in self.suggestions if s != chosen]
        self.selected = None
        self._draw()
        self.window.update_suggestions_panel(quality=True)
        self.window.show_message(self.tr("Rejected: “{text}” is not suggested here again.").format(text=chosen.text))

    def _unrejected(self, chosen: StoredSuggestion) -> None:
        self.window.store.unreject_suggestion(chosen)
        document = self.window.session.document
        if document is not None and document.id == chosen.document_id and chosen not in self.suggestions:
            bisect.insort(self.suggestions, chosen, key=lambda s: (s.start, s.end, s.label))
            self.select(chosen)
        self.window.update_suggestions_panel(quality=True)

    def span_removed(self, span: StoredSpan) -> None:
        """A span went (deleted, or an accept undone): what was suggested there is offered again."""
        document = self.window.session.document
        if document is None:
            return
        local = [s for s in self.suggestions if s.id == 0]  # proposed in the window, not stored
        taken = self._accepted.pop((span.document_id, span.start, span.end, span.label), None)
        if taken is not None and taken.id == 0:
            local.append(taken)
        stored = self.window.store.suggestions(document.id)
        keys = {(s.start, s.end, s.label) for s in stored}
        self.suggestions = sorted(stored + [s for s in local if (s.start, s.end, s.label) not in keys],
                                  key=lambda s: (s.start, s.end, s.label))
        self._drop_tagged()
        self._draw()


class RejectSuggestion(QUndoCommand):
    """A rejection on the undo stack: undo offers the suggestion again, redo rejects it again."""

    def __init__(self, controller: SuggestionController, suggestion: StoredSuggestion) -> None:
        super().__init__(controller.tr("reject the suggestion “{text}”").format(text=suggestion.text))
        self.controller, self.suggestion = controller, suggestion
        self._first_redo = True

    def redo(self) -> None:
        if self._first_redo:  # pushed after the rejection was stored
            self._first_redo = False
            return
        self.controller._rejected(self.suggestion)

    def undo(self) -> None:
        self.controller._unrejected(self.suggestion)
        self.controller.window.show_message(self.controller.tr("Undone: {what}").format(what=self.text()))


__all__ = ["SuggestionController"]
