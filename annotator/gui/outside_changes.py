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
        # our own commits since the marker was last read: history row ids and new span ids
        self._ours_changes: set[int] = set()
        self._ours_spans: set[int] = set()
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
            self._ours_changes.clear()
            self._ours_spans.clear()

    def own_commit(self, change_id: int | None, span_id: int | None) -> None:
        """After one of our own span actions (history row ``change_id`` on span ``span_id``): noted, not
        queried — the next poll absorbs what we changed and announces anything else as another program's.
        (Reading the marker after every keypress cost more than the tag itself.)"""
        if change_id is not None:
            self._ours_changes.add(change_id)
        if span_id is not None:
            self._ours_spans.add(span_id)

    def _explained_by_us(self, marker: tuple[int | None, ...]) -> bool:
        """Whether everything new in ``marker`` is ours: the same documents and labels, every history row
        since the known one ours, and every span id since the known maximum one we made (ids are handed
        out in order, so another program's new span or history row shows as an id that is not ours)."""
        if self._known is None:
            return False
        documents, spans, history, labels = marker
        known_documents, known_spans, known_history, known_labels = self._known
        if (documents, labels) != (known_documents, known_labels):
            return False
        new_history = set(range((known_history or 0) + 1, (history or 0) + 1))
        new_spans = set(range((known_spans or 0) + 1, (spans or 0) + 1))
        return new_history <= self._ours_changes and new_spans <= self._ours_spans

    def check(self) -> bool:
        marker = self._marker()
        if marker is None:
            return False
        if marker == self._known or (not self._announced and self._explained_by_us(marker)):
            self._known = marker
            self._ours_changes.clear()
            self._ours_spans.clear()
            return False
        if not self._announced:
            self._announced = True
            log.info("the database was changed by another program (%s -> %s)", self._known, marker)
            self.changedOutside.emit()
        return True
