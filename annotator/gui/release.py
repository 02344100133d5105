"""Letting go of a long list in slices once the text is painted, not at once inside an open.

A 1 MB document can have 275,000 suggestions. Freeing them at once (each an object with its text and
numbers, spread over the heap by the worker thread that made them, so nearly every one is a cache miss)
took 120–210 ms when the next document was opened, between the keypress and its first paint: half the
open. Here the list is kept until the view has painted, then emptied RELEASE_SLICE items per event-loop
turn (a few milliseconds each), so no turn of the loop is held up for long.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from annotator.gui.document_view import DocumentView

RELEASE_SLICE = 10_000
FREE_AT_ONCE_BELOW = 5_000  # smaller lists cost less than a timer's turn: freed by the caller as usual
UNPAINTED_AFTER_MS = 1000  # a view that does not paint (a minimised window) does not keep the lists

_pending: list[list[Any]] = []
_stepping = False


def release_after_paint(view: DocumentView, items: list[Any]) -> None:
    """Take ownership of ``items`` (the caller must not use the list again) and free it in slices once
    ``view`` has painted next."""
    if len(items) < FREE_AT_ONCE_BELOW:
        return
    _pending.append(items)
    view.after_next_paint(_start)
    QTimer.singleShot(UNPAINTED_AFTER_MS, _start)


def pending() -> int:
    """How many items still wait to be freed (tests, benchmarks)."""
    return sum(map(len, _pending))


def release_now() -> None:
    """Free everything still waiting (a window that closes, a benchmark between measurements)."""
    _pending.clear()


def _start() -> None:
    global _stepping
    if not _stepping:
        _stepping = True
        QTimer.singleShot(0, _step)


def _step() -> None:
    global _stepping
    if not _pending:
        _stepping = False
        return
    items = _pending[-1]
    del items[-RELEASE_SLICE:]
    if not items:
        _pending.pop()
    QTimer.singleShot(0, _step)
