from PySide6.QtCore import Qt

from tests.gui.helpers import press, select_with_keyboard, stored

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_undo_and_redo_of_add_delete_and_relabel(open_window) -> None:
    window = open_window()
    select_with_keyboard(window, "قاعدة عين الأسد")
    press(window, Qt.Key.Key_2)
    first_id = window.store.spans(1)[0].id
    press(window, Qt.Key.Key_Z, CTRL)
    assert stored(window) == []
    assert window.view.extraSelections() == [] or not window.session.spans
    press(window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert stored(window) == [("location", "قاعدة عين الأسد")]
    assert window.store.spans(1)[0].id == first_id  # restored, not a new span

    press(window, Qt.Key.Key_1)  # the redone span is selected: relabel it
    assert stored(window) == [("actor", "قاعدة عين الأسد")]
    press(window, Qt.Key.Key_Delete)
    assert stored(window) == []
    press(window, Qt.Key.Key_Z, CTRL)
    assert stored(window) == [("actor", "قاعدة عين الأسد")]
    press(window, Qt.Key.Key_Z, CTRL)
    assert stored(window) == [("location", "قاعدة عين الأسد")]
    press(window, Qt.Key.Key_Y, CTRL)
    assert stored(window) == [("actor", "قاعدة عين الأسد")]
    assert window.spans_model.rowCount() == 1 and window.spans_model.index(0, 0).data() == "actor"


def test_undo_stacks_are_per_document(open_window) -> None:
    window = open_window()
    select_with_keyboard(window, "قاعدة عين الأسد")
    press(window, Qt.Key.Key_2)
    press(window, Qt.Key.Key_PageDown, CTRL)
    assert window.session.document.name == "edge"
    press(window, Qt.Key.Key_Z, CTRL)  # nothing to undo in this document
    press(window, Qt.Key.Key_PageUp, CTRL)
    assert stored(window) == [("location", "قاعدة عين الأسد")]
    press(window, Qt.Key.Key_Z, CTRL)
    assert stored(window) == []


def test_a_dozen_tags_by_keyboard_survive_quit_and_restart(open_window) -> None:
    window = open_window()
    tags = [("قائد فصيل", Qt.Key.Key_1), ("الفصائل المسلحة", Qt.Key.Key_1), ("العراق", Qt.Key.Key_2),
            ("الولايات المتحدة", Qt.Key.Key_2), ("القائد العسكري", Qt.Key.Key_1), ("أكتوبر الماضي", Qt.Key.Key_3),
            ("الحكومتين العراقية والأمريكية", Qt.Key.Key_1), ("قاعدة عين الأسد", Qt.Key.Key_2),
            ("الصحراء الغربية", Qt.Key.Key_2), ("وفي وقت سابق", Qt.Key.Key_3), ("يناير 2020", Qt.Key.Key_3),
            ("مصطفى الكاظمي", Qt.Key.Key_1), ("أعلنت انتهاء الهدنة غير الرسمية", Qt.Key.Key_4)]
    for phrase, key in tags:
        select_with_keyboard(window, phrase)
        press(window, key)
    press(window, Qt.Key.Key_Z, CTRL)  # undo the claim
    expected = sorted(stored(window))
    assert len(expected) == 12 and all(label != "claim" for label, _ in expected)
    document = window.store.document(1)
    assert all(document.text[s.start:s.end] == s.text for s in window.store.spans(1))
    press(window, Qt.Key.Key_PageDown, CTRL)
    press(window, Qt.Key.Key_PageUp, CTRL)
    press(window, Qt.Key.Key_Q, CTRL)
    assert not window.isVisible()

    again = open_window()
    assert again.session.document.id == 1  # the last document is remembered
    assert sorted(stored(again)) == expected
    assert again.spans_model.rowCount() == 12
    assert again.focusWidget() is again.view
