"""Noticing that another program (a colleague's window, ``annotator import``) wrote to the database.

The window keeps its spans in memory; another process's writes reach it on the next document open or a
refresh (F5). Until then the status bar says that the database changed, so nobody works on a stale
picture without knowing. The store's change marker (a few indexed maximums) is polled on a timer.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.store.store import Store

log = logging.getLogger("annotator.outside")
POLL_MS = 2000


class OutsideChangeWatcher(QObject):
    changedOutside = Signal()  # once per change first seen; again only after seen() was called

    def __init__(self, store: Store, parent: QObject | None = None, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.store = store
        self._known = self._marker()
        self._announced = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def _marker(self) -> tuple[int | None, ...] | None:
        try:
            return self.store.change_marker()
        except Exception as error:  # a locked or vanished database must not break the window; try later
            log.warning("could not read the change marker: %s", error)
            return None

    def seen(self) -> None:
        """What the database holds now is what the window shows (after our own commit, or a refresh)."""
        marker = self._marker()
        if marker is not None:
            self._known = marker
            self._announced = False

    def own_commit(self, change_id: int | None, span_id: int | None) -> None:
        """After one of our own span actions (history row ``change_id`` on span ``span_id``): absorb what
        we changed, and announce anything else as another program's: documents, labels, history rows
        other than ours, or new spans other than the one we made (ids are handed out in order, so our new
        span is the next id only when nobody else inserted one)."""
        marker = self._marker()
        if marker is None or self._known is None:
            return
        documents, spans, history, labels = marker
        known_documents, known_spans, _known_history, known_labels = self._known
        ours = (spans or 0) <= (known_spans or 0) or spans == span_id == (known_spans or 0) + 1
        if ours and (documents, history, labels) == (known_documents, change_id, known_labels):
            self._known = marker
        else:
            self.check()

    def check(self) -> bool:
        marker = self._marker()
        if marker is None or marker == self._known:
            return False
        if not self._announced:
            self._announced = True
            log.info("the database was changed by another program (%s -> %s)", self._known, marker)
            self.changedOutside.emit()
        return True
