"""The project in the window, with real keys: Ctrl+Enter finishes the open document and opens my next
assigned one, Ctrl+Shift+Enter skips with a reason, a change to a finished document reopens it, the list
shows and filters my states, and the status bar my progress."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.core.model import DocumentRecord
from annotator.gui.document_list import STATE_ROLE
from annotator.store import Store
from annotator.store.transfer import import_records
from tests.gui.helpers import press, select_with_keyboard

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_ctrl_enter_finishes_and_opens_my_next_assigned_document(open_window, qtbot, store: Store) -> None:
    ids = import_records(store, "t", [DocumentRecord(f"article {i}", f"قال محمد في بغداد {i}") for i in range(4)]
                         ).document_ids
    store.set_role("tester", "reviewer")
    store.assign(["tester"], 1, [ids[1], ids[3]])
    window = open_window(extra=False)
    assert window.documents_model.document_ids()[:2] == [ids[1], ids[3]]  # mine first
    assert window.project.progress_label.text() == "0 / 2 assigned finished"
    window.open_document(ids[1])
    press(window, Qt.Key.Key_Return, CTRL)
    assert store.document_state(ids[1]) == "finished"
    assert window.session.document.id == ids[3]
    assert window.project.progress_label.text() == "1 / 2 assigned finished"
    press(window, Qt.Key.Key_Return, CTRL | SHIFT)
    dialog = window.project.skip_dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    QTest.keyClicks(dialog.focusWidget(), "duplicate")
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert store.document_state(ids[3]) == "skipped"
    assert store.state_history(ids[3])[-1]["reason"] == "duplicate"
    # nothing assigned is left to do: the next unfinished one among the others opens
    assert window.session.document.id not in (ids[1], ids[3])
    window.state_filter.setCurrentIndex(window.state_filter.findData("finished"))
    proxy = window.documents_proxy
    assert [proxy.index(row, 0).data(STATE_ROLE) for row in range(proxy.rowCount())] == ["finished"]
    window.state_filter.setCurrentIndex(window.state_filter.findData("todo"))
    assert all(proxy.index(row, 0).data(STATE_ROLE) in ("new", "in_progress") for row in range(proxy.rowCount()))


def test_a_change_to_a_finished_document_reopens_it_and_is_recorded(open_window, qtbot, store: Store) -> None:
    window = open_window()
    document = window.session.document.id
    press(window, Qt.Key.Key_Return, CTRL)
    assert store.document_state(document) == "finished"
    window.open_document(document)
    select_with_keyboard(window, "العراق")
    press(window, Qt.Key.Key_2)
    assert store.document_state(document) == "in_progress"
    assert [h["reason"] for h in store.state_history(document)] == [None, "reopened"]
    qtbot.waitUntil(lambda: "reopened for changes" in window.saved_label.text())
    press(window, Qt.Key.Key_Return, CTRL)
    assert store.document_state(document) == "finished"


def test_f2_shows_the_team_guidelines_right_to_left_beside_the_text(open_window, qtbot, store: Store) -> None:
    window = open_window()
    press(window, Qt.Key.Key_F2)
    dock = window.guidelines
    assert dock.isVisible() and "actor" in dock.browser.toPlainText()  # the built-in ones, with the labels
    assert "source" in dock.browser.toPlainText()  # and the link types
    press(window, Qt.Key.Key_F2)
    assert not dock.isVisible()
    store.set_role("tester", "reviewer")
    store.set_project_text("guidelines", "# إرشادات الفريق\n\nضع الوسم على الاسم كاملًا دون حرف الجر.")
    press(window, Qt.Key.Key_F2)
    assert dock.browser.toPlainText().startswith("إرشادات الفريق")
    assert dock.browser.layoutDirection() == Qt.LayoutDirection.RightToLeft
    dock.grab().save(str(window.store.engine.url.database) + ".guidelines.png")


def test_the_progress_dialog_shows_each_annotator_as_a_row_and_a_bar(open_window, qtbot, store: Store) -> None:
    ids = import_records(store, "t", [DocumentRecord(f"article {i}", f"قال محمد في بغداد {i}") for i in range(3)]
                         ).document_ids
    store.set_role("tester", "reviewer")
    store.assign(["tester", "bob"], 2, list(ids))
    window = open_window(extra=False)
    window.open_document(ids[0])
    press(window, Qt.Key.Key_Return, CTRL)
    press(window, Qt.Key.Key_P, CTRL | SHIFT)
    dialog = window.progress_dialog
    qtbot.waitUntil(dialog.isVisible)
    table = dialog.table
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, 5)] for r in range(table.rowCount())}
    assert rows == {"bob": ["3", "0", "0", "0"], "tester": ["3", "1", "0", "0"]}
    assert [(name, parts) for name, parts in dialog.chart.rows] == [
        ("bob", {"finished": 0, "skipped": 0, "in_progress": 0, "new": 3}),
        ("tester", {"finished": 1, "skipped": 0, "in_progress": 0, "new": 2})]
    assert "1 of" in dialog.documents.text()
    dialog.grab().save(str(tmp_png(window)))


def tmp_png(window) -> str:
    return str(window.store.engine.url.database) + ".progress.png"


def test_ctrl_shift_f_finds_a_hit_in_another_document_and_opens_it_selected(open_window, qtbot, store: Store) -> None:
    (other,) = import_records(store, "t", [DocumentRecord("elsewhere", "😀\r\nوصل الوفد إلى بغداد يوم الخميس")]
                              ).document_ids
    window = open_window()  # with the "edge" document, which opens first here
    window.open_document(next(d for d in window.documents_model.document_ids() if d != other))
    press(window, Qt.Key.Key_F, CTRL | SHIFT)
    dialog = window.search_all_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.query.insert("بغداد")  # as an Arabic keyboard types it (QTest types ASCII only)
    QTest.keyClick(dialog.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialog.hits), timeout=5000)
    row = next(i for i, hit in enumerate(dialog.hits) if hit.document_id == other)
    dialog.results.setCurrentCell(row, 1)
    QTest.keyClick(dialog.results, Qt.Key.Key_Return)
    assert window.session.document.id == other
    text = window.session.document.text
    assert window.view.selection_offsets() == (text.index("بغداد"), text.index("بغداد") + 5)
    assert not dialog.isVisible()
    from PySide6.QtGui import QGuiApplication

    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is window.windowHandle())  # keys reach the text
    press(window, Qt.Key.Key_2)
    assert [(s.text, s.label) for s in store.spans(other)] == [("بغداد", "location")], (
        window.saved_label.text())


def test_a_web_page_opens_with_its_title_author_date_and_address_shown(open_window, store: Store) -> None:
    from pathlib import Path

    from annotator.importer import import_paths

    page = Path(__file__).resolve().parents[1] / "data" / "html" / "news-article.html"
    import_paths(store, [page])
    window = open_window()  # and the plain "edge" document
    (document,) = [d for d in window.documents_model.document_ids() if store.document(d).name == "news-article"]
    window.open_document(document)
    info = window.document_info
    assert info.isVisible()
    assert info.text() == ("الفصائل المسلحة تعلن انتهاء الهدنة مع القوات الأمريكية  ·  سارة الحسيني  ·  2020-10-22"
                           "  ·  https://news.example.org/iraq/2020/10/truce-ends")
    window.open_document(next(d for d in window.documents_model.document_ids() if d != document))
    assert not info.isVisible()  # a plain text has no such line
