"""Clicks and drags that end in the gap between two words stop at the gap, and Delete leaves nothing
selected (a second Delete does not take the neighbouring span)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.gui.helpers import offsets_of, point_of, press, stored


def gap_points(window, before_gap: int) -> list[QPoint]:
    """Every pixel inside the drawn space that follows offset ``before_gap`` (a space character), with
    its line in the middle of the view (so clicking does not scroll it)."""
    view = window.view
    view.move_to_offset(before_gap)

    def x_of(offset: int) -> int:
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.positions.to_qt(offset))
        return view.cursorRect(cursor).x()

    right, left = x_of(before_gap), x_of(before_gap + 1)  # right-to-left: the space runs leftwards
    y = point_of(window, before_gap).y()
    return [QPoint(x, y) for x in range(min(left, right) + 1, max(left, right))]


def test_a_click_in_the_gap_puts_the_caret_in_the_gap(open_window) -> None:
    window = open_window()
    start, _end = offsets_of(window, "الهجوم، الذي")
    space = start + len("الهجوم،")
    for point in gap_points(window, space):
        QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        assert window.view.cursor_offset() in (space, space + 1), point


def test_a_drag_that_ends_in_the_gap_tags_only_the_words_before_it(open_window) -> None:
    window = open_window()
    start, _end = offsets_of(window, "الهجوم، الذي")
    space = start + len("الهجوم،")
    viewport = window.view.viewport()
    points = gap_points(window, space)
    for point in (points[0], points[len(points) // 2], points[-1]):
        window.view.move_to_offset(space)  # no selection left to press into (that would start a drag-and-drop)
        # A delay between drags (QTest's event clock), so a press is not taken as a double click.
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         point_of(window, start), QApplication.doubleClickInterval() + 50)
        QTest.mouseMove(viewport, point)
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        selection = window.view.selection_offsets()
        # Anywhere up to the gap's far side: never into the next word (which snapping would then take).
        assert selection is not None and selection[1] <= space + 1, (point, selection)
    press(window, Qt.Key.Key_1)
    assert stored(window) == [("actor", "الهجوم")]


def test_delete_leaves_nothing_selected(open_window) -> None:
    window = open_window()
    for phrase, label in (("الولايات المتحدة", "actor"), ("العراق", "location")):
        start, end = offsets_of(window, phrase)
        window.session.tag(start, end, label)
    first = next(s for s in window.session.spans if s.text == "الولايات المتحدة")
    window.select_span(first)
    press(window, Qt.Key.Key_Delete)
    assert window.selected_span is None
    assert not window.spans_table.selectionModel().hasSelection()
    press(window, Qt.Key.Key_Delete)
    assert [s.text for s in window.store.spans(window.session.document.id)] == ["العراق"]


def test_down_and_page_down_never_stick_at_a_line_wrap(open_window) -> None:
    window = open_window()
    length = len(window.session.document.text)
    for key in (Qt.Key.Key_PageDown, Qt.Key.Key_Down):
        press(window, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
        offsets = [window.view.cursor_offset()]
        for _ in range(200):
            press(window, key)
            offsets.append(window.view.cursor_offset())
            if offsets[-1] == offsets[-2]:
                break
        # Stops only on the last line, never at a wrap in the middle (the seed article stuck at 765).
        assert offsets[-1] > length - 80, (key, offsets)
        assert offsets == sorted(offsets)
