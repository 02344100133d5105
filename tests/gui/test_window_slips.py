"""What a new user hit in a real window: an imported document not opened, a find match tagged with more
than was found, no sign of review mode, a review decision without its reviewer, comments not shown."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.store import Store, open_database
from tests.gui.helpers import offsets_of, press, select_with_keyboard, stored

CTRL = Qt.KeyboardModifier.ControlModifier


def test_an_imported_document_is_opened_and_next_previous_go_from_it(open_window, tmp_path) -> None:
    window = open_window()
    (tmp_path / "new.txt").write_text("خبر جديد عن القاهرة", encoding="utf-8")
    window.files.import_paths([tmp_path / "new.txt"])
    assert window.session.document.name == "new"
    press(window, Qt.Key.Key_PageUp, CTRL)  # previous document: the one before it, not the first
    names = [window.documents_proxy.index(r, 0).data() for r in range(window.documents_proxy.rowCount())]
    assert window.session.document.name == names[names.index("new") - 1]


def test_a_failed_import_does_not_say_saved(open_window, tmp_path) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = open_window()
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")
    QMessageBox.exec = lambda box: None  # type: ignore[method-assign]
    window.files.import_paths([tmp_path / "bad.txt"])
    assert "Saved" not in window.saved_label.text() and "Nothing was imported" in window.saved_label.text()


def test_a_find_match_is_tagged_as_found(open_window) -> None:
    window = open_window()
    text = window.session.document.text
    word = next(w for w in text.split() if w.startswith("وال") and len(w) > 5)
    found = word[1:]  # the word without its و
    press(window, Qt.Key.Key_F, CTRL)
    window.find_bar.field.setText(found)
    press(window, Qt.Key.Key_Return)
    press(window, Qt.Key.Key_Escape)
    press(window, Qt.Key.Key_2)
    assert stored(window) == [("location", found)]


def test_review_mode_shows_and_its_tags_carry_the_reviewer(open_window) -> None:
    window = open_window(user="rev")
    window.store.set_role("rev", "reviewer")
    assert not window.review_label.isVisibleTo(window)
    press(window, Qt.Key.Key_R, CTRL)
    assert window.review_label.isVisibleTo(window)
    select_with_keyboard(window, "الولايات المتحدة")
    press(window, Qt.Key.Key_1)
    (span,) = window.store.spans(window.session.document.id)
    assert (span.status, span.reviewer) == ("accepted", "rev")
    press(window, Qt.Key.Key_R, CTRL)
    assert not window.review_label.isVisibleTo(window)


def test_a_review_comment_is_shown(open_window, db_url) -> None:
    window = open_window(user="rev")
    window.store.set_role("rev", "reviewer")
    start, end = offsets_of(window, "الولايات المتحدة")
    bob = Store(open_database(db_url), "bob")
    span = bob.add_span(window.session.document.id, start, end, "actor")
    bob.engine.dispose()
    press(window, Qt.Key.Key_F5)
    window.session.review(window.session.spans.get(span.id), "rejected", "an organisation, not a person")
    window.select_span(None)
    window.select_span(window.session.spans.get(span.id))
    assert "an organisation, not a person" in window.saved_label.text()
    row = window.spans_model.row_of(span.id)
    tip = window.spans_model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "an organisation, not a person" in tip and "rev" in tip


def test_counts_say_1_span(open_window) -> None:
    window = open_window()
    select_with_keyboard(window, "الولايات المتحدة")
    press(window, Qt.Key.Key_1)
    assert window.counts_label.text().startswith("1 span ·")


def test_the_span_text_is_laid_out_right_to_left_and_cut_at_its_end(open_window) -> None:
    from PySide6.QtWidgets import QStyleOptionViewItem

    window = open_window()
    start, end = offsets_of(window, "الولايات المتحدة")
    window.session.tag(start, end, "actor")
    delegate = window.spans_table.itemDelegateForColumn(1)
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, window.spans_model.index(0, 1))
    assert option.direction == Qt.LayoutDirection.RightToLeft
    assert option.textElideMode == Qt.TextElideMode.ElideRight  # the logical end: the text's left side
    assert "–" in window.spans_model.index(0, 4).data() and window.spans_model.index(0, 4).data()[0] == "\u2066"


def test_p_peels_proclitics_off_a_span_and_shift_p_puts_them_back(open_window) -> None:
    window = open_window(seed=False, extra=False)
    from annotator.core.model import DocumentRecord
    from annotator.store.transfer import import_records

    (document_id,) = import_records(window.store, "t", [DocumentRecord("p", "قال وبالعراق وفد")]).document_ids
    window.refresh_documents()
    window.open_document(document_id)
    start, end = offsets_of(window, "وبالعراق")
    window.select_span(window.session.tag(start, end, "location"))
    press(window, Qt.Key.Key_P)
    assert [s.text for s in window.store.spans(document_id)] == ["بالعراق"]
    press(window, Qt.Key.Key_P)
    assert [s.text for s in window.store.spans(document_id)] == ["العراق"]
    press(window, Qt.Key.Key_P)  # not further: ال belongs to the name
    assert [s.text for s in window.store.spans(document_id)] == ["العراق"] and "ال stays" in window.saved_label.text()
    press(window, Qt.Key.Key_P, Qt.KeyboardModifier.ShiftModifier)
    assert [s.text for s in window.store.spans(document_id)] == ["بالعراق"]
    press(window, Qt.Key.Key_Z, CTRL)
    assert [s.text for s in window.store.spans(document_id)] == ["العراق"]
