"""Linking spans by keyboard: select a span, press L, choose the other end, Enter.

The spans a link type allows as the other end are the candidates, marked in the text. The first choice is
the nearest candidate before the selected span in reading order (a claim's source usually comes first:
"قال X إن ..."), else the nearest after it; Tab / Shift+Tab move to the next / previous candidate by
distance; Enter makes the link (a chooser with keys 1–9 when several types fit); Esc cancels. With the
mouse: right-click a span ▸ "Link to…", then click the other end. Each link is one committed, undoable
action; the Links panel (panels.py) lists the document's links, and Delete there deletes the chosen one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMenu

from annotator.core.links import LinkType, StoredLink, fitting_types, likely_source
from annotator.core.model import StoredSpan

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class LinkingController(QObject):
    """The linking mode of the document view: its candidates, the current choice, and its keys."""

    finished = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.source: StoredSpan | None = None
        self.candidates: list[StoredSpan] = []
        self.choice = 0

    def connect(self) -> None:
        """Clicks in the text and the session's link changes, once the window is built."""
        self.window.view.spanClicked.connect(self._span_clicked)
        self.window.session.linksChanged.connect(self.links_changed)

    def connect_panel(self) -> None:
        """The Links panel, once the window's docks are built; it lists the open document's links."""
        window = self.window
        window.links_panel.deleteRequested.connect(window.session.delete_link)
        window.links_panel.linkChosen.connect(self._link_chosen)
        self.links_changed()

    def _span_clicked(self, span: StoredSpan | None) -> None:
        if not self.clicked(span):
            self.window.select_span(span)

    def links_changed(self) -> None:
        window = self.window
        if window.docks_built:
            window.links_panel.show_links(window.session.links, {s.id: s for s in window.session.spans})
        self.show_links_of(window.selected_span)

    def _link_chosen(self, link: StoredLink) -> None:
        source = self.window.session.spans.get(link.from_id)
        if source is not None:
            self.window.select_span(source, scroll=True)
        self.window.selected_link = link  # A and R review it

    def show_links_of(self, span: StoredSpan | None) -> None:
        """The selected span's links, drawn from it to their other ends."""
        view = self.window.view
        links = self.window.session.links_of(span.id) if span is not None else []
        view.shown_links = [(link.to_id if link.from_id == span.id else link.from_id, link.type,
                             link.from_id == span.id) for link in links] if span is not None else []
        view.schedule_decorate()

    @property
    def active(self) -> bool:
        return self.source is not None

    def link_types(self) -> list[LinkType]:
        return self.window.store.link_types()

    def start(self) -> None:
        """L: start linking from the selected span."""
        source = self.window.selected_span
        if source is None:
            self.window.show_message(self.tr("Select a span first (click it, or Ctrl+. / Ctrl+,), then press L."),
                                     error=True)
            return
        types = [t for t in self.link_types() if source.label in t.from_labels]
        targets = {label for t in types for label in t.to_labels}
        candidates = [s for s in self.window.session.spans
                      if s.id != source.id and s.label in targets and self.window.view.shown(s)]
        if not candidates:
            wanted = ", ".join(sorted(targets)) or self.tr("nothing (no link type starts at {label})").format(
                label=source.label)
            self.window.show_message(self.tr("No span to link this {label} to: tag one first ({wanted}).").format(
                label=source.label, wanted=wanted), error=True)
            return
        # By distance from the selected span; the first choice is the actor a reporting verb introduces
        # ("قال X إن ..."), else the nearest candidate before the span, else the nearest after it.
        candidates.sort(key=lambda s: (abs(s.start - source.start), s.start > source.start, s.start))
        before = [i for i, s in enumerate(candidates) if s.start < source.start]
        self.source, self.candidates = source, candidates
        self.choice = before[0] if before else 0
        document = self.window.session.document
        actors = [i for i, s in enumerate(candidates) if s.label == "actor"]
        if document is not None and actors:
            found = likely_source(document.text, source.start, [(candidates[i].start, candidates[i].end)
                                                               for i in actors])
            if found is not None:
                self.choice = actors[found]
        self.window.view.installEventFilter(self)
        self._show()

    def move(self, step: int) -> None:
        if self.active:
            self.choice = (self.choice + step) % len(self.candidates)
            self._show()

    def cancel(self) -> None:
        if self.active:
            self._end()
            self.window.show_message(self.tr("Linking cancelled."))

    def accept(self, target: StoredSpan | None = None) -> StoredLink | None:
        """Enter (or a click on a candidate): make the link to the chosen span."""
        if not self.active:
            return None
        source = self.source
        assert source is not None
        target = target or self.candidates[self.choice]
        fitting = fitting_types(self.link_types(), source.label, target.label)
        if not fitting:
            self.window.show_message(self.tr("No link type goes from {a} to {b}.").format(a=source.label,
                                                                                       b=target.label), error=True)
            return None
        chosen = fitting[0] if len(fitting) == 1 else self._choose_type(fitting)
        self._end()
        if chosen is None:
            return None
        link = self.window.session.link(source, target, chosen.name)
        self.window.select_span(source)
        return link

    def _choose_type(self, types: list[LinkType]) -> LinkType | None:
        menu = QMenu(self.window)
        actions = []
        for number, link_type in enumerate(types[:9], start=1):
            action = menu.addAction(f"&{number}  {link_type.name}")
            actions.append((action, link_type))
        cursor = self.window.view.cursorRect()
        picked = menu.exec(self.window.view.viewport().mapToGlobal(cursor.bottomRight()))
        return next((link_type for action, link_type in actions if action is picked), None)

    def _show(self) -> None:
        view = self.window.view
        view.link_candidates = {s.id for s in self.candidates}
        target = self.candidates[self.choice]
        view.link_choice = target.id
        view.schedule_decorate()
        view.move_to_offset(target.start)
        self.window.show_message(self.tr(
            "Link “{source}” to “{target}” ({label}): Enter links, Tab / Shift+Tab choose another, Esc cancels"
        ).format(source=short_text(self.source.text if self.source else ""), target=short_text(target.text),
                 label=target.label))

    def _end(self) -> None:
        self.window.view.removeEventFilter(self)
        self.source, self.candidates = None, []
        self.window.view.link_candidates = set()
        self.window.view.link_choice = None
        self.window.view.schedule_decorate()
        self.finished.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        control = isinstance(event, QKeyEvent) and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if self.active and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and not control:
            key = event.key()
            if key == Qt.Key.Key_Tab:
                self.move(+1)
                return True
            if key == Qt.Key.Key_Backtab:
                self.move(-1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept()
                return True
            if key == Qt.Key.Key_Escape:
                self.cancel()
                return True
        overriding = event.type() == QEvent.Type.ShortcutOverride
        if self.active and overriding and isinstance(event, QKeyEvent) and not control:
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter,
                               Qt.Key.Key_Escape):
                event.accept()  # ours while linking, not a window shortcut's (Esc: back to the text)
                return True
        return super().eventFilter(watched, event)

    def clicked(self, span: StoredSpan | None) -> bool:
        """A click while linking: on a candidate it links to it; elsewhere it cancels."""
        if not self.active:
            return False
        if span is not None and any(c.id == span.id for c in self.candidates):
            self.accept(span)
        else:
            self.cancel()
        return True


def short_text(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
