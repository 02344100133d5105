"""The Suggestions panel and the model in the window: the list sorts by score and takes a click, R and
Shift+Enter are undone with one Ctrl+Z, the panel counts what I accepted and rejected, and the model is
retrained in another process after N new spans while the window goes on taking keys."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.helpers import press, select_with_keyboard

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def wait_for_suggestions(window, qtbot) -> None:
    qtbot.waitUntil(lambda: any(s.source == "dates" for s in window.suggesting.suggestions), timeout=10_000)


def origins(window) -> list[str]:
    return [s.origin for s in window.store.spans(window.session.document.id)]


def test_r_is_undone_and_redone_and_the_panel_counts_decisions(open_window, qtbot) -> None:
    window = open_window()
    wait_for_suggestions(window, qtbot)
    date = next(s for s in window.suggesting.suggestions if s.source == "dates")
    window.suggesting.select(date)
    press(window, Qt.Key.Key_R)
    assert date not in window.suggesting.suggestions
    assert "<td align='center'>dates</td><td align='center'>–</td><td align='center'>–</td><td align='center'>–</td>" \
           "<td align='center'>0</td><td align='center'>1</td>" in window.panel_suggestions.quality.text()
    press(window, Qt.Key.Key_Z, CTRL)  # offered again, and selected: Enter takes it
    assert date in window.suggesting.suggestions and window.suggesting.selected == date
    assert window.store.suggestion_decisions().get("dates", (0, 0)) == (0, 0)
    press(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert date not in window.suggesting.suggestions
    press(window, Qt.Key.Key_Z, CTRL)
    press(window, Qt.Key.Key_Return)
    assert origins(window) == ["suggestion:dates"]
    assert window.store.suggestion_decisions()["dates"] == (1, 0)


def test_one_ctrl_z_takes_back_every_occurrence_and_they_are_offered_again(open_window, qtbot) -> None:
    window = open_window()
    wait_for_suggestions(window, qtbot)
    select_with_keyboard(window, "العراق")
    press(window, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: len([s for s in window.suggesting.suggestions if s.text == "العراق"]) >= 2, timeout=3000)
    offered = [s for s in window.suggesting.suggestions if s.text == "العراق"]
    window.suggesting.select(offered[0])
    press(window, Qt.Key.Key_Return, SHIFT)
    assert origins(window).count("suggestion:matcher") == len(offered)
    press(window, Qt.Key.Key_Z, CTRL)
    assert origins(window) == ["manual"]  # the one I tagged stays
    assert len([s for s in window.suggesting.suggestions if s.text == "العراق"]) == len(offered)


def test_the_panel_lists_best_first_and_a_click_selects_for_enter(open_window, qtbot) -> None:
    window = open_window()
    wait_for_suggestions(window, qtbot)
    window.suggestions_dock.show()
    table = window.panel_suggestions.table
    qtbot.waitUntil(lambda: table.model().rowCount() == len(window.suggesting.suggestions), timeout=3000)
    scores = [float(table.model().index(row, 3).data()) for row in range(table.model().rowCount())]
    assert scores == sorted(scores, reverse=True) and len(scores) >= 3
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by place in the text
    first = table.model().index(0, 0).data(Qt.ItemDataRole.UserRole)
    assert first == window.suggesting.suggestions[0]
    last_row = table.model().rowCount() - 1
    chosen = table.model().index(last_row, 0).data(Qt.ItemDataRole.UserRole)
    rect = table.visualRect(table.model().index(last_row, 0))
    table.scrollTo(table.model().index(last_row, 0))
    rect = table.visualRect(table.model().index(last_row, 0))
    from PySide6.QtTest import QTest

    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    assert window.suggesting.selected == chosen and window.view.hasFocus()
    press(window, Qt.Key.Key_Return)
    stored = window.store.spans(window.session.document.id)
    assert [(s.start, s.end, s.label, s.origin) for s in stored] == [
        (chosen.start, chosen.end, chosen.label, f"suggestion:{chosen.source}")]


def test_the_model_is_retrained_in_the_background_after_n_new_spans(open_window, qtbot) -> None:
    window = open_window()
    wait_for_suggestions(window, qtbot)
    window.training.set_every(3)
    assert window.store.model_info() is None
    for phrase in ("العراق", "الولايات المتحدة", "أمريكا"):
        select_with_keyboard(window, phrase)
        press(window, Qt.Key.Key_2 if phrase != "أمريكا" else Qt.Key.Key_1)
    assert window.training.process is not None  # the third span started it
    select_with_keyboard(window, "قائد فصيل")  # the window takes keys while the model trains
    press(window, Qt.Key.Key_1)
    assert ("actor", "قائد فصيل") in [(s.label, s.text) for s in window.store.spans(window.session.document.id)]
    qtbot.waitUntil(lambda: window.training.process is None, timeout=60_000)
    info = window.store.model_info()
    assert info is not None and info.trained_by == "tester" and info.spans >= 3
    assert "Model trained" in window.panel_suggestions.quality.text()


def test_a_claim_from_a_reporting_verb_proposes_its_speaker_as_the_source(open_window, qtbot) -> None:
    window = open_window()
    wait_for_suggestions(window, qtbot)
    select_with_keyboard(window, "قائد فصيل")
    press(window, Qt.Key.Key_1)
    claim = next(s for s in window.suggesting.suggestions if s.source == "cues"
                 and s.text.startswith("الفصائل المسلحة في العراق أعلنت"))
    window.suggesting.select(claim)
    press(window, Qt.Key.Key_Return)  # the claim is mine; linking starts with the speaker chosen
    assert window.linking.active and window.linking.candidates[window.linking.choice].text == "قائد فصيل"
    press(window, Qt.Key.Key_Return)
    document = window.session.document.id
    (link,) = window.store.links(document)
    spans = {s.id: s for s in window.store.spans(document)}
    assert (spans[link.from_id].text, spans[link.to_id].text) == (claim.text, "قائد فصيل")
    assert spans[link.from_id].origin == "suggestion:cues"


def test_retrain_after_is_asked_in_a_dialog_kept_in_the_settings_and_used_at_once(open_window, qtbot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QInputDialog

    window = open_window()
    assert window.training.every == 20  # the default
    action = next(a for a in window.findChildren(type(window.suggestions_action)) if a.text() == "&Retrain after…")

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(50, answer)
            return
        dialog.setIntValue(2)
        dialog.accept()

    QTimer.singleShot(0, answer)
    action.trigger()
    assert window.settings.value("suggestions/retrain_every") in (2, "2")
    assert window.training.every == 2
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)  # (the dialog had the keys)
    window.view.setFocus()
    select_with_keyboard(window, "العراق")
    press(window, Qt.Key.Key_2)
    assert window.training.new_spans == 1 and window.training.process is None  # one of the two
    assert open_window(extra=False).training.every == 2  # a restarted window reads it back
