from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from annotator.core.model import DocumentRecord
from annotator.store import Store
from annotator.store.transfer import import_records
from tests.gui.helpers import offsets_of, press, select_with_keyboard, stored

CTRL = Qt.KeyboardModifier.ControlModifier


def test_focus_starts_in_the_document_view(open_window) -> None:
    window = open_window()
    assert window.focusWidget() is window.view
    assert window.view.document().toPlainText().startswith("الفصائل المسلحة")


def test_every_paragraph_is_right_to_left(open_window) -> None:
    window = open_window()
    window.open_document(window.documents_model.document_ids()[1])
    block = window.view.document().findBlock(window.view.positions.to_qt(offsets_of(window, "CNN")[0]))
    assert block.text().startswith("CNN:")
    assert block.textDirection() == Qt.LayoutDirection.RightToLeft
    line = block.layout().lineAt(0)
    # The line is right-aligned: its text ends at the right edge of the page.
    page_width = window.view.document().textWidth() - 2 * window.view.document().documentMargin()
    assert line.naturalTextRect().right() > page_width - 5


def test_next_and_previous_document_and_span(open_window) -> None:
    window = open_window()
    for phrase, key in (("قائد فصيل", Qt.Key.Key_1), ("العراق", Qt.Key.Key_2), ("أكتوبر الماضي", Qt.Key.Key_3)):
        select_with_keyboard(window, phrase)
        press(window, key)
    window.select_span(None)
    window.view.move_to_offset(0)
    seen = []
    for _ in range(3):
        press(window, Qt.Key.Key_Period, CTRL)
        seen.append(window.selected_span.text)
    assert seen == ["العراق", "قائد فصيل", "أكتوبر الماضي"]  # in reading order: العراق is in the title
    press(window, Qt.Key.Key_Comma, CTRL)
    assert window.selected_span.text == "قائد فصيل"
    press(window, Qt.Key.Key_PageDown, CTRL)
    assert window.session.document.name == "edge"
    press(window, Qt.Key.Key_PageDown, CTRL)
    assert window.session.document.name == "edge"
    press(window, Qt.Key.Key_PageUp, CTRL)
    assert window.session.document.id == 1
    assert window.documents_model.summary(1).span_count == 3


def test_find_selects_the_match_for_tagging(open_window) -> None:
    window = open_window()
    press(window, Qt.Key.Key_F, CTRL)
    assert window.find_bar.isVisible() and window.focusWidget() is window.find_bar.field
    window.find_bar.field.setText("مصطفى الكاظمي")
    press(window, Qt.Key.Key_Return)
    assert window.view.selection_offsets() == offsets_of(window, "مصطفى الكاظمي")
    press(window, Qt.Key.Key_Escape)
    assert window.focusWidget() is window.view and not window.find_bar.isVisible()
    press(window, Qt.Key.Key_1)
    assert stored(window) == [("actor", "مصطفى الكاظمي")]


def test_font_size_keys_are_remembered(open_window) -> None:
    window = open_window()
    size = window.view.font().pointSize()
    press(window, Qt.Key.Key_Plus, CTRL)
    press(window, Qt.Key.Key_Equal, CTRL)
    assert window.view.font().pointSize() == size + 2
    press(window, Qt.Key.Key_Minus, CTRL)
    window.close()
    assert open_window().view.font().pointSize() == size + 1


def test_other_annotators_spans_can_be_hidden(open_window) -> None:
    window = open_window()
    start, end = offsets_of(window, "قاعدة عين الأسد")
    Store(window.store.engine, "salma").add_span(1, start, end, "location")
    window.session.open_document(1)
    select_with_keyboard(window, "الصحراء الغربية")
    press(window, Qt.Key.Key_2)
    window.view.decorate_visible()
    assert len(window.view.extraSelections()) >= 2 and window.spans_model.rowCount() == 2
    window.others_action.trigger()
    window.view.decorate_visible()
    assert window.spans_model.rowCount() == 1
    assert len([s for s in window.view.extraSelections()
                if s.cursor.selectedText() == "قاعدة عين الأسد"]) == 0
    window.others_action.trigger()
    assert window.spans_model.rowCount() == 2


def test_tooltip_lists_every_span_under_the_mouse(open_window) -> None:
    window = open_window()
    select_with_keyboard(window, "قال قائد فصيل إن")
    press(window, Qt.Key.Key_4)
    select_with_keyboard(window, "قائد فصيل")
    press(window, Qt.Key.Key_1)
    start, _ = offsets_of(window, "قائد فصيل")
    under = window.view._spans_under(start + 2)
    assert [s.label for s in under] == ["actor", "claim"]


def test_unannotated_filter_and_counts(open_window) -> None:
    window = open_window()
    assert window.documents_proxy.rowCount() == 2
    select_with_keyboard(window, "العراق")
    press(window, Qt.Key.Key_2)
    window.unannotated_filter.setChecked(True)
    assert window.documents_proxy.rowCount() == 1
    assert window.documents_proxy.index(0, 0).data() == "edge"


def _count_cell(window, column: int):  # type: ignore[no-untyped-def]
    """The open document's count cell as it is on screen (the window's backing store, not a fresh render)."""
    table, proxy = window.documents_table, window.documents_proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == window.session.document.name)
    rect = table.visualRect(proxy.index(row, column))
    corner = table.viewport().mapTo(window, rect.topLeft())
    shot = QGuiApplication.primaryScreen().grabWindow(window.winId())
    return proxy.index(row, column).data(), shot.copy(corner.x(), corner.y(), rect.width(), rect.height()).toImage()


def test_a_tag_repaints_the_open_documents_counts(open_window, qtbot) -> None:
    window = open_window()
    qtbot.wait(20)
    before = [_count_cell(window, column) for column in (1, 2, 3)]
    select_with_keyboard(window, "العراق")
    press(window, Qt.Key.Key_2)
    qtbot.wait(20)
    after = [_count_cell(window, column) for column in (1, 2, 3)]
    assert [count for count, _ in after] == [before[0][0] + 1, before[1][0] + 1, before[2][0]]
    assert after[0][1] != before[0][1] and after[1][1] != before[1][1]  # the new numbers are on screen
    assert after[2][1] == before[2][1]


def test_counts_hide_and_move_rows_when_the_list_filters_or_sorts_by_them(open_window) -> None:
    window = open_window()
    proxy = window.documents_proxy
    opened = window.session.document.name

    def names() -> list[str]:
        return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]

    other = next(name for name in names() if name != opened)
    window.documents_table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # fewest spans first
    assert names() == [opened, other]  # (none in either: the list's own order)
    select_with_keyboard(window, "العراق")
    press(window, Qt.Key.Key_2)
    assert names() == [other, opened]
    window.documents_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    window.unannotated_filter.setChecked(True)
    assert names() == [other]
    press(window, Qt.Key.Key_Delete)  # the span goes: the document has none of mine again
    assert sorted(names()) == sorted([opened, other])


def test_import_from_the_file_menu_path(open_window, tmp_path) -> None:
    window = open_window()
    (tmp_path / "new.txt").write_text("خبر جديد عن القاهرة", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")
    from PySide6.QtWidgets import QMessageBox
    shown = []
    QMessageBox.exec = lambda box: shown.append(box.detailedText())  # type: ignore[method-assign]
    window.files.import_paths([tmp_path])
    assert window.documents_model.rowCount() == 3
    assert "bad.txt" in shown[0] and "UTF-16" in shown[0]
    assert "1 new document" in window.saved_label.text()


def test_long_document_opens_and_tags(open_window) -> None:
    window = open_window(seed=False, extra=False)
    text = ("قال الرئيس محمد في بغداد يوم الخميس إن الاتفاق سيوقع قريبا. " * 20 + "\n") * 300
    ids = import_records(window.store, "long", [DocumentRecord(name="long", text=text)]).document_ids
    window.refresh_documents()
    window.open_document(ids[0])
    start = text.index("بغداد", len(text) // 2)
    window.view.select_offsets(start, start + 5)
    press(window, Qt.Key.Key_2)
    assert stored(window) == [("location", "بغداد")]
    assert window.store.spans(ids[0])[0].start == start


def test_long_document_shows_first_then_loads_every_span(open_window, qtbot) -> None:
    from annotator.core.model import SpanRecord
    from annotator.gui.session import FIRST_SCREENS

    window = open_window(seed=False, extra=False)
    sentence = "قال الرئيس محمد في بغداد يوم الخميس إن الاتفاق سيوقع قريبا. "
    text = sentence * (3 * FIRST_SCREENS // len(sentence))
    starts = [i for i in range(0, len(text) - 5) if text.startswith("بغداد", i)]
    records = [DocumentRecord(name="long", text=text, spans=[SpanRecord(s, s + 5, "location") for s in starts])]
    ids = import_records(window.store, "long", records).document_ids
    window.refresh_documents()
    with qtbot.waitSignal(window.session.spansLoaded, timeout=5000):
        window.open_document(ids[0])
        first = len(window.session.spans)
        assert 0 < first < len(starts)  # the first screens' spans, at once
        window.view.select_offsets(text.index("محمد"), text.index("محمد") + 4)
        press(window, Qt.Key.Key_1)  # tagging before the rest arrives is kept
    assert len(window.session.spans) == len(starts) + 1
    assert window.spans_model.rowCount() == len(starts) + 1
    assert window.documents_model.summary(ids[0]).span_count == len(starts) + 1


def test_long_document_links_come_with_the_rest_of_its_spans(open_window, qtbot) -> None:
    from annotator.core.model import SpanRecord
    from annotator.gui.session import FIRST_SCREENS

    window = open_window(seed=False, extra=False)
    sentence = "قال الرئيس محمد في بغداد يوم الخميس إن الاتفاق سيوقع قريبا. "
    text = sentence * (3 * FIRST_SCREENS // len(sentence))
    claim, actor = text.rindex("الاتفاق سيوقع"), text.rindex("محمد")  # both past the first screens
    records = [DocumentRecord(name="long", text=text, spans=[SpanRecord(actor, actor + 4, "actor"),
                                                           SpanRecord(claim, claim + 13, "claim")])]
    (document_id,) = import_records(window.store, "long", records).document_ids
    spans = {s.label: s for s in window.store.spans(document_id)}
    link = window.store.add_link(spans["claim"].id, spans["actor"].id)
    window.refresh_documents()
    with qtbot.waitSignal(window.session.spansLoaded, timeout=5000):
        window.open_document(document_id)
        assert window.session.links == []  # their spans are not loaded yet
    assert [stored.id for stored in window.session.links] == [link.id]
    assert window.session.links_of(spans["claim"].id)[0].to_id == spans["actor"].id
