"""Review mode: where the shown layers disagree, and a reviewer's keys (the Layers dock, whose spans are
shown, is in panels.py).

N/Shift+N step through the unresolved disagreements, A accepts and R rejects the selected span and
leaves it selected (Shift+A / Shift+R ask for a comment first), E moves the selected span's boundaries to the text
selection. Review mode (Ctrl+R) starts at the first disagreement and adds new tags as accepted (the
gold layer). The permissions are the
store's: a refused action says why in the status bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog

from annotator.core.review import disagreements, link_disagreements, unresolved
from annotator.gui.actions import action_key

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

class ReviewController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        menu = window.menuBar().addMenu(self.tr("&Review"))

        def action(text: str, keys: list[str], slot, checkable: bool = False) -> QAction:  # type: ignore[no-untyped-def]
            act = QAction(self.tr(text), window)
            act.setObjectName(action_key(text))
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setCheckable(checkable)
            (act.toggled if checkable else act.triggered).connect(slot)
            window.addAction(act)
            menu.addAction(act)
            return act

        self.mode_action = action(
            QT_TRANSLATE_NOOP("ReviewController", "&Review mode"), ["Ctrl+R"], self.set_review_mode, checkable=True
        )
        menu.addSeparator()
        self.review_actions = [
            action(QT_TRANSLATE_NOOP("ReviewController", "&Next disagreement"), ["N"], lambda: self.step(+1)),
            action(QT_TRANSLATE_NOOP("ReviewController", "&Previous disagreement"), ["Shift+N"], lambda: self.step(-1)),
            action(QT_TRANSLATE_NOOP("ReviewController", "&Accept span"), ["A"], lambda: self.decide("accepted")),
            action(QT_TRANSLATE_NOOP("ReviewController", "&Reject span"), ["R"], lambda: self.decide("rejected")),
            action(
                QT_TRANSLATE_NOOP("ReviewController", "Accept with a comment…"),
                ["Shift+A"],
                lambda: self.decide("accepted", ask=True),
            ),
            action(
                QT_TRANSLATE_NOOP("ReviewController", "Reject with a comment…"),
                ["Shift+R"],
                lambda: self.decide("rejected", ask=True),
            ),
            action(
                QT_TRANSLATE_NOOP("ReviewController", "Set boundaries to the selection"), ["E"], self.set_boundaries
            ),
        ]
        menu.addSeparator()
        action(QT_TRANSLATE_NOOP("ReviewController", "A&greement…"), ["Ctrl+Shift+G"], self.show_agreement)
        action(QT_TRANSLATE_NOOP("ReviewController", "Project &progress…"), ["Ctrl+Shift+P"], self.show_progress)

    @property
    def active(self) -> bool:
        return self.mode_action.isChecked()

    def show_progress(self) -> None:
        from annotator.gui.progress_dialog import show_progress

        show_progress(self.window)

    def set_review_mode(self, on: bool) -> None:
        # N/A/R/E work in and out of review mode (the store decides who may accept); the mode adds new
        # tags as accepted and starts at the first disagreement.
        self.window.review_label.setVisible(on)
        if on:
            role = self.window.store.role()
            note = (
                ""
                if role == "reviewer"
                else self.tr(" (you are not a reviewer: accepting and rejecting will be refused)")
            )
            self.window.show_message(
                self.tr("Review mode: N next disagreement, A accept, R reject, E set boundaries") + note
            )
            self.step(+1)
        else:
            self.window.show_message(self.tr("Review mode off"))

    def open_disagreements(self) -> list:  # type: ignore[type-arg]
        shown = {s.annotator for s in self.window.session.spans} - self.window.view.hidden_annotators
        return unresolved(disagreements(self.window.session.spans, shown))

    def open_link_disagreements(self) -> list:  # type: ignore[type-arg]
        session = self.window.session
        shown = {s.annotator for s in session.spans} - self.window.view.hidden_annotators
        return link_disagreements(session.spans, session.links, shown)

    def step(self, direction: int) -> None:
        todo = self.open_disagreements()
        link_todo = self.open_link_disagreements()
        # A link disagreement is reached at its source span: the link is what A and R then decide.
        by_span = {link.from_id: (link, other) for link, other in link_todo}
        todo = sorted({s.id: s for s in [*todo, *(self.window.session.spans.get(i) for i in by_span)]
                       if s is not None}.values(), key=lambda s: (s.start, s.end, s.annotator))
        if not todo:
            self.window.show_message(self.tr("No unresolved disagreements in this document (show two or more layers)."))
            return
        current = self.window.selected_span
        here = (current.start, current.end, current.annotator) if current else (-1, -1, "")
        ordered = todo if direction > 0 else list(reversed(todo))
        following = [
            s
            for s in ordered
            if ((s.start, s.end, s.annotator) > here if direction > 0 else (s.start, s.end, s.annotator) < here)
        ]
        target = following[0] if following else ordered[0]
        self.window.select_span(target, scroll=True)
        if target.id in by_span:
            link, other = by_span[target.id]
            self.window.selected_link = link
            other_end = self.window.session.spans.get(link.to_id)
            self.window.show_message(self.tr(
                "Link disagreement: {annotator} linked “{text}” → {type} “{end}”; {other} did not. "
                "A accepts the link, R rejects it.").format(
                annotator=link.annotator, text=target.text[:30], type=link.type,
                end=other_end.text if other_end else "?", other=other))
            return
        self.window.show_message(
            self.tr("{count} unresolved disagreement(s): {label} “{text}” by {annotator}").format(
                count=len(todo), label=target.label, text=target.text, annotator=target.annotator
            )
        )

    def decide(self, status: str, ask: bool = False) -> None:
        if status == "rejected" and not ask and self.window.suggesting.reject():
            return  # R on a selected suggestion rejects the suggestion
        link = self.window.selected_link
        if link is not None:
            comment = None
            if ask:
                comment, ok = QInputDialog.getText(
                    self.window, self.tr("Review comment"), self.tr("Comment on the {type} link:").format(
                        type=link.type))
                self.window.files.back_to_text()
                if not ok:
                    return
            decided = self.window.session.review_link(link, status, comment or None)
            if decided is not None:
                self.window.selected_link = decided
            return
        span = self.window.selected_span
        if span is None:
            self.window.show_message(self.tr("Select a span first (N goes to the next disagreement)."), error=True)
            return
        comment = None
        if ask:
            comment, ok = QInputDialog.getText(
                self.window, self.tr("Review comment"), self.tr("Comment on “{text}”:").format(text=span.text)
            )
            self.window.files.back_to_text()
            if not ok:
                return
        decided = self.window.session.review(span, status, comment or None)
        if decided is not None:
            # The decided span stays selected (its new status shows); N moves on, so A then N never
            # skips a disagreement.
            self.window.select_span(decided)

    def show_agreement(self) -> None:
        from annotator.gui.agreement_dialog import AgreementDialog

        self.dialog = AgreementDialog(self.window)
        self.dialog.show()

    def set_boundaries(self) -> None:
        from annotator.core.snapping import snap_to_words, trim_spaces

        span, window = self.window.selected_span, self.window
        selection = window.view.selection_offsets()
        if span is None or selection is None or window.session.document is None:
            window.show_message(self.tr("Select a span (N), then the new text, then press E."), error=True)
            return
        snap = snap_to_words if window.snap_action.isChecked() and not window.view.raw_selection else trim_spaces
        bounds = snap(window.session.document.text, *selection)
        if bounds is None:
            window.show_message(self.tr("The selection holds no word."), error=True)
            return
        edited = window.session.edit(span, *bounds)
        if edited is not None:
            window.select_span(edited)
