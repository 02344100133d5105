from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from annotator.gui.shortcuts_dialog import ShortcutsDialog
from tests.gui.helpers import press


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
    assert warnings and "1 is used by both" in warnings[0]
    assert window.settings.value("shortcuts/next_document") is None
    dialog.restore_defaults()
    assert dialog.editors[row_of(dialog, "next_document")].keySequence() == QKeySequence("Ctrl+PgDown")
