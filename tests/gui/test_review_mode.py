from pathlib import Path

from PySide6.QtCore import Qt

from annotator.importer import import_paths
from annotator.store import Store
from tests.gui.helpers import offsets_of, press, select_with_keyboard, stored

DATA = Path(__file__).resolve().parents[1] / "data" / "review"
CTRL = Qt.KeyboardModifier.ControlModifier


def two_layers(open_window, user: str = "noura"):
    window = open_window(user=user, seed=False, extra=False)
    import_paths(window.store, [DATA / "seed_salma.jsonl", DATA / "seed_noura.jsonl"])
    window.refresh_documents()
    window.open_document(window.documents_model.document_ids()[0])
    return window


def test_layers_side_by_side_with_disagreements_marked(open_window) -> None:
    window = two_layers(open_window)
    assert window.layers.count() == 2
    assert {window.layers.item(i).data(Qt.ItemDataRole.UserRole) for i in range(2)} == {"noura", "salma"}
    marked = {window.session.spans.get(i).text for i in window.view.disagreeing}
    assert "الصحراء الغربية" in marked and "قاعدة عين الأسد" not in marked
    window.view.decorate_visible()
    waves = [s for s in window.view.extraSelections()
             if s.format.underlineStyle() == s.format.underlineStyle().WaveUnderline]
    assert waves, "disagreements are drawn with a wave underline"
    salma_row = next(window.layers.item(i) for i in range(2)
                     if window.layers.item(i).data(Qt.ItemDataRole.UserRole) == "salma")
    salma_row.setCheckState(Qt.CheckState.Unchecked)
    assert window.view.disagreeing == set()
    assert {window.spans_model.index(r, 2).data() for r in range(window.spans_model.rowCount())} == {"noura"}


def test_reviewer_resolves_every_disagreement_with_the_keyboard(open_window) -> None:
    window = two_layers(open_window, user="reviewer")
    window.store.set_role("reviewer", "reviewer")
    press(window, Qt.Key.Key_R, CTRL)  # review mode
    assert window.review.active
    todo = window.review.open_disagreements()
    assert len(todo) > 5
    decisions = 0
    while window.review.open_disagreements():
        assert window.selected_span is not None
        decided = window.selected_span
        press(window, Qt.Key.Key_A if window.selected_span.annotator == "salma" else Qt.Key.Key_R)
        assert window.selected_span.id == decided.id  # stays on the decided span; N moves on
        press(window, Qt.Key.Key_N)
        decisions += 1
        assert decisions <= len(todo)
    assert decisions == len(todo)
    statuses = {(s.annotator, s.status) for s in window.store.spans(window.session.document.id)
                if s.status != "draft"}
    assert statuses == {("salma", "accepted"), ("noura", "rejected")}
    assert all(s.reviewer == "reviewer" for s in window.store.spans(1) if s.status != "draft")
    from annotator.store.transfer import ExportFilter, iter_export

    (gold,) = iter_export(window.store, ExportFilter(statuses=["accepted"]))
    assert {s.annotator for s in gold.spans} == {"salma"} and len(gold.spans) == sum(
        1 for s in window.store.spans(1) if s.status == "accepted")


def test_reviewer_adds_the_missing_span_and_fixes_boundaries(open_window) -> None:
    window = two_layers(open_window, user="reviewer")
    window.store.set_role("reviewer", "reviewer")
    press(window, Qt.Key.Key_R, CTRL)
    select_with_keyboard(window, "هيئة تنسيق المقاومة العراقية")
    press(window, Qt.Key.Key_1)
    added = window.store.spans(1)
    assert ("actor", "هيئة تنسيق المقاومة العراقية", "accepted") in {(s.label, s.text, s.status) for s in added}
    noura_span = next(s for s in added if s.annotator == "noura" and s.text == "الفصائل المسلحة في العراق")
    window.select_span(window.session.spans.get(noura_span.id))
    start, end = offsets_of(window, "الفصائل المسلحة في العراق", 1)
    window.view.select_offsets(start, end - len(" في العراق"))
    press(window, Qt.Key.Key_E)
    assert window.store.span(noura_span.id).text == "الفصائل المسلحة"


def test_annotator_cannot_accept_or_change_others_spans(open_window) -> None:
    window = two_layers(open_window, user="noura")
    press(window, Qt.Key.Key_R, CTRL)
    press(window, Qt.Key.Key_A)
    assert "not a reviewer" in window.saved_label.text()
    salma = next(s for s in window.session.spans if s.annotator == "salma")
    window.select_span(salma)
    press(window, Qt.Key.Key_Delete)
    assert "belongs to salma" in window.saved_label.text()
    assert window.store.span(salma.id) is not None


def test_undo_after_restart_comes_from_the_history(open_window) -> None:
    window = open_window()
    select_with_keyboard(window, "قاعدة عين الأسد")
    press(window, Qt.Key.Key_2)
    select_with_keyboard(window, "الصحراء الغربية")
    press(window, Qt.Key.Key_2)
    window.close()
    again = open_window()
    assert len(stored(again)) == 2
    press(again, Qt.Key.Key_Z, CTRL)
    assert stored(again) == [("location", "قاعدة عين الأسد")]
    assert "Undone: tag “الصحراء الغربية” as location" in again.saved_label.text()
    press(again, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)  # redo works after a restart too
    assert sorted(stored(again)) == [("location", "الصحراء الغربية"), ("location", "قاعدة عين الأسد")]
    assert "Redone: tag “الصحراء الغربية” as location" in again.saved_label.text()
    press(again, Qt.Key.Key_Z, CTRL)
    press(again, Qt.Key.Key_Z, CTRL)
    press(again, Qt.Key.Key_Z, CTRL)
    assert stored(again) == [] and "Nothing to undo" in again.saved_label.text()
    assert Store(again.store.engine, "tester").history(1)[-1]["action"] == "undo"


def test_agreement_dialog_charts_the_pair_and_jumps_to_a_disagreement(open_window, tmp_path) -> None:
    from annotator.gui.agreement_dialog import AgreementDialog

    window = two_layers(open_window)
    window.open_document(window.documents_model.document_ids()[0])
    dialog = AgreementDialog(window)
    assert dialog.pairs.count() == 1 and "noura vs salma" in dialog.pairs.itemText(0)
    assert "exact F1" in dialog.summary.text()
    assert dialog.table.rowCount() == len(dialog.reports[0].disagreements) > 0
    dialog.chart.resize(700, 260)
    dialog.chart.grab().save(str(tmp_path / "chart.png"))
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 3).text() == "الصحراء الغربية")
    window.view.move_to_offset(0)
    dialog.jump(row)
    assert window.selected_span.text == "الصحراء الغربية" and window.selected_span.annotator == "salma"


def test_review_keys_work_without_switching_review_mode_on(open_window) -> None:
    window = two_layers(open_window, user="reviewer")
    window.store.set_role("reviewer", "reviewer")
    assert not window.review.active
    press(window, Qt.Key.Key_N)
    first = window.selected_span
    assert first is not None and first.id in window.view.disagreeing
    todo = len(window.review.open_disagreements())
    press(window, Qt.Key.Key_A)
    assert window.store.span(first.id).status == "accepted"
    assert window.selected_span is not None and window.selected_span.id == first.id  # stays, shows its status
    press(window, Qt.Key.Key_N)  # A then N: the next open disagreement, none skipped
    second = window.selected_span
    assert second.id != first.id and second.id in {s.id for s in window.review.open_disagreements()}
    assert len(window.review.open_disagreements()) < todo
