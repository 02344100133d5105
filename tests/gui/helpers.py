"""Driving the window the way a user does: keys and mouse on the real widgets."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from annotator.gui.main_window import MainWindow


def offsets_of(window: MainWindow, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    text = window.session.document.text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def place_cursor(window: MainWindow, offset: int) -> None:
    window.view.move_to_offset(offset)


def select_with_keyboard(window: MainWindow, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    """Put the caret before the phrase, then Shift+Left (forward in right-to-left text) to its end."""
    start, end = offsets_of(window, phrase, occurrence)
    place_cursor(window, start)
    for _ in range(len(phrase) + 5):
        selection = window.view.selection_offsets()
        if selection is not None and selection[1] >= end:
            break
        QTest.keyClick(window.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.selection_offsets() == (start, end)
    return start, end


def point_of(window: MainWindow, offset: int) -> QPoint:
    """The viewport point of the gap before ``offset`` (middle height of its line)."""
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(window.view.positions.to_qt(offset))
    rect = window.view.cursorRect(cursor)
    # Aim at the nearest point that the view's hit test maps to that gap, as a user's eye does.
    target = cursor.position()
    for dx in sorted(range(-8, 9), key=abs):
        point = QPoint(rect.x() + dx, rect.center().y())
        if window.view.position_at(point) == target:
            return point
    raise AssertionError(f"no point hits offset {offset}")


def drag_select(window: MainWindow, start: int, end: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    viewport = window.view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, modifier, point_of(window, start))
    QTest.mouseMove(viewport, point_of(window, end))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, point_of(window, end))


def click_offset(window: MainWindow, offset: int) -> None:
    """Click in the middle of the character at ``offset``."""
    left, right = point_of(window, offset), point_of(window, offset + 1)
    middle = QPoint((left.x() + right.x()) // 2, left.y())
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, middle)


def press(window: MainWindow, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(window.focusWidget() or window.view, key, modifiers)


def stored(window: MainWindow) -> list[tuple[str, str]]:
    """(label, text) of the open document's spans, read back from the database."""
    return [(s.label, s.text) for s in window.store.spans(window.session.document.id)]
