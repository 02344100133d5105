import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextLayout, QTextOption
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QKeySequenceEdit, QLineEdit, QMessageBox

from annotator.gui.app import application
from annotator.gui.i18n import install_language
from annotator.gui.shortcuts_dialog import ShortcutsDialog
from tests.gui.helpers import press

ISOLATES = "\u2066\u2067\u2068\u2069"
ALL_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
)


def row_of(dialog: ShortcutsDialog, name: str) -> int:
    return next(i for i, action in enumerate(dialog.actions_) if action.objectName() == name)


def test_every_action_is_listed_and_a_changed_key_is_remembered(open_window) -> None:
    window = open_window()
    dialog = ShortcutsDialog(window, window.default_shortcuts, window.settings)
    names = {action.objectName() for action in dialog.actions_}
    assert {"tag_actor", "tag_claim", "undo", "redo", "delete_span", "next_document", "quit",
            "review_mode", "accept_span", "keyboard_shortcuts"} <= names
    assert dialog.editors[row_of(dialog, "tag_actor")].keySequence() == QKeySequence("1")
    dialog.editors[row_of(dialog, "next_document")].setKeySequence(QKeySequence("Ctrl+J"))
    dialog.save()
    window.close()
    again = open_window()
    assert again.session.document.id == 1
    press(again, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert again.session.document.name == "edge"


def test_conflicting_keys_are_refused(open_window, monkeypatch) -> None:
    window = open_window()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    dialog = ShortcutsDialog(window, window.default_shortcuts, window.settings)
    dialog.editors[row_of(dialog, "next_document")].setKeySequence(QKeySequence("1"))
    dialog.save()
    assert warnings and "\u20661\u2069 is used by both" in warnings[0]  # keys kept left to right in Arabic
    assert window.settings.value("shortcuts/next_document") is None
    dialog.restore_defaults()
    assert dialog.editors[row_of(dialog, "next_document")].keySequence() == QKeySequence("Ctrl+PgDown")


@pytest.fixture(params=["en", "ar"])
def language(request):
    """The English interface, then the Arabic one (translated and right-to-left)."""
    install_language(application(), request.param)
    yield request.param
    install_language(application(), "en")


def shown_whole(dialog: ShortcutsDialog, row: int) -> tuple[str, int, int]:
    """The key text of a row, how far apart its first and last caret positions are drawn and how wide
    the text is: a clipped line edit scrolls, so the two are closer than the text is wide, and a text
    that bidi reordered (``++Ctrl``) has its end left of its start."""
    dialog.table.scrollTo(dialog.table.model().index(row, 1))
    line = dialog.editors[row].findChild(QLineEdit)
    text = line.text()
    line.setCursorPosition(0)
    line.grab()  # the line edit settles its scrolling when it paints
    start = line.cursorRect().center().x()
    line.setCursorPosition(len(text))
    line.grab()
    end = line.cursorRect().center().x()
    return text, end - start, line.fontMetrics().horizontalAdvance(text)


def reads_left_to_right(text: str, font) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``text`` laid out as a right-to-left paragraph keeps its characters in reading order."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()
    visible = [i for i, c in enumerate(text) if c not in ISOLATES]
    xs = [line.cursorToX(i)[0] for i in visible[1:]]  # the gaps between visible characters
    return xs == sorted(xs) and len(set(xs)) == len(xs)


def test_long_key_sequences_are_shown_whole_and_left_to_right(qtbot, open_window, language, tmp_path) -> None:
    window = open_window()
    assert window.isRightToLeft() == (language == "ar")
    dialog = ShortcutsDialog(window, window.default_shortcuts, window.settings)
    dialog.show()
    dialog.grab().save(str(tmp_path / f"shortcuts_{language}.png"))
    for name, keys in (("redo", "Ctrl+Shift+Z"), ("agreement", "Ctrl+Shift+G"), ("next_document", "Ctrl+PgDown"),
                       ("zoom_in", "Ctrl++")):
        text, drawn, wide = shown_whole(dialog, row_of(dialog, name))
        assert text == keys
        assert drawn >= wide - 1, f"{keys} is clipped ({drawn} of {wide} px shown) or reordered"
    # the secondary keys read Ctrl+= and Ctrl+Y, not =+Ctrl, in a right-to-left cell
    also = dialog.table.item(row_of(dialog, "zoom_in"), 2)
    assert also.text().strip(ISOLATES) == "Ctrl+="
    assert reads_left_to_right(also.text(), dialog.table.font())
    assert not reads_left_to_right("Ctrl+=", dialog.table.font())  # what the cell showed before
    metrics = dialog.table.fontMetrics()
    assert dialog.table.columnWidth(2) > metrics.horizontalAdvance(dialog.table.item(row_of(dialog, "delete_span"),
                                                                                     2).text())

    # a longer sequence pressed in the dialog widens the column too
    editor: QKeySequenceEdit = dialog.editors[row_of(dialog, "find")]
    editor.setFocus()
    with qtbot.waitSignal(editor.editingFinished, timeout=5000):  # recording ends a moment after the keys
        QTest.keyClick(editor, Qt.Key.Key_PageDown, ALL_MODIFIERS)
    text, drawn, wide = shown_whole(dialog, row_of(dialog, "find"))
    assert text == QKeySequence("Ctrl+Alt+Shift+PgDown").toString(QKeySequence.SequenceFormat.NativeText)
    assert drawn >= wide - 1, f"{text} is clipped"
