"""Long lists (a long document's suggestions) are freed in slices after the next paint, not at once inside
the open that replaces them: the new document is painted first, and the old list is gone soon after."""

from __future__ import annotations

import gc
import weakref

import pytest

from annotator.gui import release
from annotator.gui.document_view import DocumentView


class Item:
    pass


@pytest.fixture
def view(qtbot):  # type: ignore[no-untyped-def]
    view = DocumentView()
    qtbot.addWidget(view)
    view.setPlainText("نص قصير")
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_long_list_lives_until_the_paint_then_goes_in_slices(qtbot, view: DocumentView,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(release, "RELEASE_SLICE", 10)
    monkeypatch.setattr(release, "FREE_AT_ONCE_BELOW", 5)
    items = [Item() for _ in range(35)]
    alive = [weakref.ref(item) for item in items]
    release.release_after_paint(view, items)
    del items
    gc.collect()
    assert all(ref() is not None for ref in alive)  # nothing freed before the view paints
    assert release.pending() == 35
    view.viewport().repaint()
    qtbot.waitUntil(lambda: release.pending() < 35, timeout=2000)
    assert release.pending() in (25, 15, 5, 0)  # a slice per turn of the event loop, never part of one
    qtbot.waitUntil(lambda: release.pending() == 0, timeout=2000)
    assert all(ref() is None for ref in alive)


def test_a_short_list_is_not_kept(view: DocumentView) -> None:
    items = [Item() for _ in range(3)]
    alive = weakref.ref(items[0])
    release.release_after_paint(view, items)
    del items
    assert alive() is None and release.pending() == 0


def test_a_view_that_never_paints_does_not_keep_the_list(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(release, "FREE_AT_ONCE_BELOW", 5)
    monkeypatch.setattr(release, "UNPAINTED_AFTER_MS", 50)
    hidden = DocumentView()  # never shown: a minimised window does not paint either
    qtbot.addWidget(hidden)
    release.release_after_paint(hidden, [Item() for _ in range(20)])
    qtbot.waitUntil(lambda: release.pending() == 0, timeout=2000)


def test_opening_another_document_frees_the_old_suggestions_after_its_paint(
        open_window, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(release, "FREE_AT_ONCE_BELOW", 1)
    window = open_window()
    qtbot.waitUntil(lambda: any(s.source == "dates" for s in window.suggesting.suggestions), timeout=10_000)
    window.suggesting.wait()
    qtbot.waitUntil(lambda: release.pending() == 0, timeout=2000)
    before = len(window.suggesting.suggestions)
    other = next(d for d in window.store.document_names() if d != window.session.document.id)
    window.open_document(other)
    # the old document's suggestions (the controller's list and the panel's sorted rows) wait for the paint
    assert release.pending() == 2 * before
    assert window.suggesting.suggestions == [] and window.panel_suggestions.model.rowCount() == 0
    window.view.viewport().repaint()
    qtbot.waitUntil(lambda: release.pending() == 0, timeout=2000)
    qtbot.waitUntil(lambda: window.panel_suggestions.model.rowCount() > 0, timeout=10_000)
    assert all(s.document_id == other for s in window.suggesting.suggestions)
