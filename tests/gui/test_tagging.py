from PySide6.QtCore import Qt

from tests.gui.helpers import (
    click_offset,
    drag_select,
    offsets_of,
    place_cursor,
    press,
    select_with_keyboard,
    stored,
)

KEYS = {"actor": Qt.Key.Key_1, "location": Qt.Key.Key_2, "date": Qt.Key.Key_3, "claim": Qt.Key.Key_4}


def test_keyboard_selection_and_each_label_key(open_window) -> None:
    window = open_window()
    assert window.session.document.name == "iraq-armed-factions-end-truce"
    tags = [("قائد فصيل", "actor"), ("العراق", "location"), ("أكتوبر الماضي", "date"),
            ("أعلنت انتهاء الهدنة غير الرسمية", "claim")]
    for phrase, label in tags:
        select_with_keyboard(window, phrase)
        press(window, KEYS[label])
    assert sorted(stored(window)) == sorted((label, phrase) for phrase, label in tags)
    assert "Saved" in window.saved_label.text()


def test_ctrl_shift_arrow_extends_by_whole_words(open_window) -> None:
    window = open_window()
    start, _ = offsets_of(window, "قائد فصيل")
    place_cursor(window, start)
    press(window, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    press(window, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    press(window, Qt.Key.Key_1)
    assert stored(window) == [("actor", "قائد فصيل")]


def test_mouse_drag_selects_and_tags(open_window) -> None:
    window = open_window()
    start, end = offsets_of(window, "قاعدة عين الأسد")
    drag_select(window, start, end)
    assert window.view.selection_offsets() == (start, end)
    press(window, Qt.Key.Key_2)
    assert stored(window) == [("location", "قاعدة عين الأسد")]


def test_selection_snaps_to_whole_words_and_trims_punctuation(open_window) -> None:
    window = open_window()
    start, end = offsets_of(window, "“عدم جدية")
    window.view.select_offsets(start, end + 2)  # the quote mark, two words and a piece of the next
    press(window, Qt.Key.Key_4)
    assert stored(window) == [("claim", "عدم جدية الحكومتين")]


def test_alt_key_and_toggle_keep_sub_word_spans(open_window) -> None:
    window = open_window()
    start, end = offsets_of(window, "بالعراق")
    window.view.select_offsets(start + 1, end)
    press(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    window.snap_action.setChecked(False)
    s2, e2 = offsets_of(window, "والأمريكية")
    window.view.select_offsets(s2 + 1, e2)
    press(window, Qt.Key.Key_1)
    assert sorted(stored(window)) == sorted([("location", "العراق"),
                                             ("actor", window.session.document.text[s2 + 1:e2])])


def test_offsets_after_an_emoji_and_crlf(open_window) -> None:
    window = open_window()
    window.open_document(window.documents_model.document_ids()[1])
    assert "😀" in window.session.document.text and "\r\n" in window.session.document.text
    for phrase, key in (("محمد", Qt.Key.Key_1), ("CNN", Qt.Key.Key_1), ("دمشق", Qt.Key.Key_2),
                        ("١٥ مارس ٢٠٢٠", Qt.Key.Key_3)):
        select_with_keyboard(window, phrase)
        press(window, key)
    document = window.store.document(window.session.document.id)
    spans = window.store.spans(document.id)
    assert [s.text for s in spans] == ["محمد", "CNN", "١٥ مارس ٢٠٢٠", "دمشق"]
    assert all(document.text[s.start:s.end] == s.text for s in spans)
    drag_select(window, *offsets_of(window, "بغداد"))
    press(window, Qt.Key.Key_2)
    assert ("location", "بغداد") in stored(window)


def test_nested_and_overlapping_spans_all_stay_visible(open_window) -> None:
    window = open_window()
    claim = "أن قرار إنهاء الهدنة، التي دخلت حيز التنفيذ في أكتوبر الماضي"
    select_with_keyboard(window, claim)
    press(window, Qt.Key.Key_4)
    select_with_keyboard(window, "أكتوبر الماضي")
    press(window, Qt.Key.Key_3)
    select_with_keyboard(window, "الهدنة، التي")
    press(window, Qt.Key.Key_1)
    assert len(stored(window)) == 3
    window.select_span(None)
    window.view.decorate_visible()
    drawn = window.view.extraSelections()
    assert len(drawn) == 3
    backgrounds = [s.format.background().style() != Qt.BrushStyle.NoBrush for s in drawn]
    underlines = [s.format.fontUnderline() or s.format.underlineStyle().value != 0 for s in drawn]
    assert backgrounds.count(True) == 2 and underlines[0]  # the claim underlined, entities as backgrounds


def test_click_selects_in_list_and_delete_removes(open_window) -> None:
    window = open_window()
    start, end = select_with_keyboard(window, "القائد العسكري")
    press(window, Qt.Key.Key_1)
    window.select_span(None)
    click_offset(window, start + 3)
    assert window.selected_span is not None and window.selected_span.text == "القائد العسكري"
    assert [i.data() for i in window.spans_table.selectionModel().selectedRows(1)] == ["القائد العسكري"]
    press(window, Qt.Key.Key_Delete)
    assert stored(window) == []
    assert window.spans_model.rowCount() == 0


def test_arrow_keys_in_the_list_go_on_from_the_span_selected_in_the_text(open_window, qtbot) -> None:
    window = open_window()
    for words, key in (("الصحراء الغربية", Qt.Key.Key_2), ("القائد العسكري", Qt.Key.Key_1),
                       ("قاعدة عين الأسد", Qt.Key.Key_2)):
        select_with_keyboard(window, words)
        press(window, key)
    rows = [window.spans_model.index(r, 1).data() for r in range(window.spans_model.rowCount())]
    middle = rows[1]
    click_offset(window, offsets_of(window, middle)[0] + 2)
    assert window.selected_span is not None and window.selected_span.text == middle
    window.spans_table.setFocus()
    qtbot.waitUntil(window.spans_table.hasFocus)
    qtbot.keyClick(window.spans_table, Qt.Key.Key_Down)
    assert window.selected_span is not None and window.selected_span.text == rows[2]
    qtbot.keyClick(window.spans_table, Qt.Key.Key_Up)
    qtbot.keyClick(window.spans_table, Qt.Key.Key_Up)
    assert window.selected_span is not None and window.selected_span.text == rows[0]


def test_label_key_relabels_the_span_selected_in_the_list(open_window) -> None:
    window = open_window()
    select_with_keyboard(window, "الصحراء الغربية")
    press(window, Qt.Key.Key_1)
    window.select_span(None)
    window.spans_table.setFocus()
    window.spans_table.selectRow(0)
    press(window, Qt.Key.Key_2)
    assert stored(window) == [("location", "الصحراء الغربية")]
    assert window.spans_model.index(0, 0).data() == "location"


def test_duplicate_is_refused_with_a_message(open_window) -> None:
    window = open_window()
    for _ in range(2):
        select_with_keyboard(window, "الصحراء الغربية")
        press(window, Qt.Key.Key_2)
    assert stored(window) == [("location", "الصحراء الغربية")]
    assert "already exists" in window.saved_label.text()


def test_alt_drag_keeps_a_sub_word_selection(open_window) -> None:
    window = open_window()
    start, end = offsets_of(window, "بالعراق")
    drag_select(window, start + 1, end, Qt.KeyboardModifier.AltModifier)
    press(window, Qt.Key.Key_2)
    assert stored(window) == [("location", "العراق")]


def test_context_menu_tags_the_selection_or_acts_on_the_span(open_window) -> None:
    window = open_window()
    start, _ = select_with_keyboard(window, "مصطفى الكاظمي")
    menu = window.context_menu(window.view.viewport().rect().center())
    enabled = {a.text(): a for a in menu.actions() if a.isEnabled() and a.text()}
    assert "Delete span" not in enabled
    next(action for text, action in enabled.items() if text.startswith("actor")).trigger()
    assert stored(window) == [("actor", "مصطفى الكاظمي")]
    window.select_span(None)
    from tests.gui.helpers import point_of

    menu = window.context_menu(point_of(window, start + 2))
    assert window.selected_span is not None and window.selected_span.text == "مصطفى الكاظمي"
    next(a for a in menu.actions() if a.text() == "Delete span").trigger()
    assert stored(window) == []


def test_a_new_span_above_the_selected_row_becomes_the_selected_one(open_window) -> None:
    """A tag whose row goes in above the selected one moves that selection down as it goes in; then the
    new span is the selected one, in the text and in the list (one row)."""
    window = open_window()
    first, second = sorted(("قاعدة عين الأسد", "القائد العسكري"), key=lambda words: offsets_of(window, words)[0])
    select_with_keyboard(window, second)
    press(window, KEYS["location"])
    assert [i.data() for i in window.spans_table.selectionModel().selectedRows(1)] == [second]
    select_with_keyboard(window, first)
    press(window, KEYS["actor"])
    assert window.selected_span is not None and window.selected_span.text == first
    assert [i.data() for i in window.spans_table.selectionModel().selectedRows(1)] == [first]
    assert [window.spans_model.index(r, 1).data() for r in range(window.spans_model.rowCount())] == [first, second]


def test_the_lists_rows_are_followed_by_each_tables_own_selection_model_only(open_window) -> None:
    """The headers work with their table's selection model; the ones they were made with follow no model
    (each would handle every row a tag inserts)."""
    from PySide6.QtCore import QItemSelectionModel

    window = open_window()
    for table in (window.spans_table, window.documents_table):
        for header in (table.horizontalHeader(), table.verticalHeader()):
            assert header.selectionModel() is table.selectionModel()
            left_behind = [s for s in header.findChildren(QItemSelectionModel) if s is not table.selectionModel()]
            assert left_behind and all(s.model() is None for s in left_behind)


def test_the_span_list_finds_each_spans_row_after_adds_removals_and_sorting(qtbot) -> None:  # type: ignore[no-untyped-def]
    """``row_of`` takes the row of the span just added without a search: the rows others' adds, removals and
    a new sort order move it to are found all the same."""
    from PySide6.QtCore import Qt

    from annotator.core.model import StoredSpan
    from annotator.gui.span_list import SPAN_ROLE, SpanListModel

    model = SpanListModel()
    model.reset([])

    def span(span_id: int, start: int, label: str = "actor") -> StoredSpan:
        return StoredSpan(span_id, 1, start, start + 3, label, "قال", "tester", "draft", None, None, "manual")

    def rows_by_id() -> dict[int, int]:
        return {model.index(row, 0).data(SPAN_ROLE).id: row for row in range(model.rowCount())}

    for span_id, start in ((1, 50), (2, 10), (3, 30), (4, 70), (5, 0)):
        model.add(span(span_id, start))
        assert model.row_of(span_id) == rows_by_id()[span_id]
    model.add(span(6, 40))
    model.remove(3)  # above the span just added: its row moves up
    model.add(span(7, 5, "location"))  # above it again
    assert all(model.row_of(i) == row for i, row in rows_by_id().items())
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert all(model.row_of(i) == row for i, row in rows_by_id().items())
    assert model.row_of(3) is None
