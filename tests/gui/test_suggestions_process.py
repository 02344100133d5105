"""A long document's suggestions are computed in a child process (``annotator suggest``), not in a thread
of the window: the window shows them when the child is done, and a tag made meanwhile is stored at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import DocumentRecord
from annotator.gui import suggesting
from annotator.gui.main_window import MainWindow
from annotator.store import Store, open_database
from annotator.store.transfer import import_records

TEXT = "قال الرئيس في بغداد يوم ١٥ مارس ٢٠٢٠ إن الاتفاق سيوقع في العراق.\n" * 40


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(suggesting, "PROCESS_FROM_CHARS", 1000)  # this document counts as long
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    engine = open_database(f"sqlite:///{tmp_path / 'long.db'}")
    store = Store(engine, "tester")
    (document_id,) = import_records(store, "t", [DocumentRecord("long", TEXT)]).document_ids
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.open_document(document_id)
    yield window
    window.close()
    engine.dispose()


def test_the_child_process_computes_and_the_window_shows_its_suggestions(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.suggesting.process is not None, timeout=5000)
    pid = window.suggesting.process.processId()
    assert pid > 0  # a process of its own, not a thread of the window
    qtbot.waitUntil(lambda: any(s.source == "dates" for s in window.suggesting.suggestions), timeout=60_000)
    stored = window.store.suggestions(window.session.document.id)
    assert {(s.start, s.end, s.label) for s in window.suggesting.suggestions} == \
        {(s.start, s.end, s.label) for s in stored}
    assert window.suggesting.process is None


def test_a_tag_made_while_the_child_computes_is_stored_at_once(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.suggesting.process is not None, timeout=5000)
    start = TEXT.index("بغداد")
    window.view.select_offsets(start, start + 5)
    qtbot.keyClick(window.view, "2")
    assert window.suggesting.process is not None  # still computing
    spans = window.store.spans(window.session.document.id)
    assert [(s.start, s.end, s.label) for s in spans] == [(start, start + 5, "location")]
    window.suggesting.wait()
    # the child's suggestions do not offer what was tagged meanwhile
    qtbot.waitUntil(lambda: any(s.source == "dates" for s in window.suggesting.suggestions), timeout=60_000)
    assert (start, start + 5, "location") not in {(s.start, s.end, s.label) for s in window.suggesting.suggestions}


def test_opening_another_document_stops_the_child(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.suggesting.process is not None, timeout=5000)
    process = window.suggesting.process
    (other,) = import_records(window.store, "t", [DocumentRecord("short", "قال الرئيس في بغداد")]).document_ids
    window.refresh_documents()
    window.open_document(other)
    assert process.state() == process.ProcessState.NotRunning  # killed, not left to finish
    assert window.suggesting.process is None


def test_a_large_projects_short_document_is_computed_in_the_child_too(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sources' context is every text the project tagged: for a large project it is the context, not
    the document, that takes seconds and holds the window up."""
    from annotator.core.model import SpanRecord

    monkeypatch.setattr(suggesting, "PROCESS_FROM_SPANS", 2)
    store = Store(open_database(f"sqlite:///{tmp_path / 'large.db'}"), "tester")
    text = "قال الرئيس في بغداد"
    place = (text.index("بغداد"), text.index("بغداد") + 5, "location")
    (small,) = import_records(store, "t", [DocumentRecord("one", text, spans=[SpanRecord(*place)])]).document_ids
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.open_document(small)  # 1 span stored: computed in a thread
    qtbot.wait(suggesting.COMPUTE_AFTER_MS + 100)
    assert window.suggesting.process is None
    window.suggesting.wait()
    (third,) = import_records(store, "t", [DocumentRecord("three", text + " أمس", spans=[
        SpanRecord(0, 3, "actor")])]).document_ids
    window.refresh_documents()
    window.open_document(third)  # 2 spans stored: the project counts as large
    qtbot.waitUntil(lambda: window.suggesting.process is not None, timeout=5000)
    qtbot.waitUntil(lambda: any(s.text == "بغداد" for s in window.suggesting.suggestions), timeout=60_000)
    window.close()
    store.engine.dispose()
