"""File ▸ Export (Ctrl+E) from the window offers what the command line offers, and a reviewer's
export is the adjudicated layer: what the reviewer rejected never reaches the training file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from annotator.gui.export_dialog import ExportOptionsDialog
from annotator.store import Store, open_database
from tests.gui.helpers import offsets_of, press

CTRL = Qt.KeyboardModifier.ControlModifier


def fill_export_dialog(fmt: str, out: Path, split: str = "", seen: list | None = None,
                       finished: bool = False) -> None:
    """When the export dialog is up: choose the format and path as a user would, then OK; close the
    summary box that follows."""

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QMessageBox):
            dialog.accept()
            return
        if not isinstance(dialog, ExportOptionsDialog):
            QTimer.singleShot(50, step)
            return
        if seen is not None:
            seen.append((dialog.status_box.currentData(), dialog.annotator_list.count(), dialog.label_list.count()))
        dialog.format_box.setCurrentIndex(dialog.format_box.findData(fmt))
        dialog.path_edit.setText(str(out))
        dialog.split_edit.setText(split)
        dialog.finished.setChecked(finished)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        QTimer.singleShot(50, step)  # then the summary

    QTimer.singleShot(0, step)


def test_a_reviewer_exports_the_adjudicated_layer(open_window, db_url, tmp_path) -> None:
    window = open_window(user="reviewer")
    window.store.set_role("reviewer", "reviewer")
    document = window.session.document
    start, end = offsets_of(window, "الولايات المتحدة")
    for user, label in (("bob", "actor"), ("alice", "location")):
        other = Store(open_database(db_url), user)
        other.add_span(document.id, start, end, label)
        other.engine.dispose()
    press(window, Qt.Key.Key_F5)
    spans = {s.annotator: s for s in window.session.spans}
    window.session.review(spans["bob"], "rejected")
    window.session.review(spans["alice"], "accepted")

    out = tmp_path / "gold.conll"
    seen: list = []
    fill_export_dialog("conll", out, seen=seen)
    press(window, Qt.Key.Key_E, CTRL)
    assert seen == [(["accepted"], 3, 4)]  # the adjudicated layer by default; bob, alice, reviewer
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if "\t" in line]
    tagged = [(token, entity) for token, entity, _claim in rows if entity != "O"]
    assert tagged == [("الولايات", "B-location"), ("المتحدة", "I-location")]
    assert "B-actor" not in out.read_text(encoding="utf-8")


def test_the_dialog_splits_with_a_seed_and_an_annotator_keeps_drafts(open_window, tmp_path) -> None:
    window = open_window(user="alice")
    start, end = offsets_of(window, "الولايات المتحدة")
    window.session.tag(start, end, "actor")
    seen: list = []
    fill_export_dialog("jsonl", tmp_path / "data.jsonl", "train=0.5,test=0.5", seen)
    press(window, Qt.Key.Key_E, CTRL)
    assert seen[0][0] == []  # an annotator's default: every span nobody rejected
    parts = sorted(p.name for p in tmp_path.glob("data.*"))
    assert parts == ["data.split.json", "data.test.jsonl", "data.train.jsonl"]


def test_only_finished_documents_from_the_dialog(open_window, tmp_path) -> None:
    window = open_window(user="alice")  # the seed article and a second document
    start, end = offsets_of(window, "الولايات المتحدة")
    window.session.tag(start, end, "location")
    press(window, Qt.Key.Key_Return, CTRL)  # finished; the other document opens
    other = window.session.document
    window.session.tag(0, other.text.index(" "), "actor")  # started there, not finished
    out = tmp_path / "done.jsonl"
    fill_export_dialog("jsonl", out, finished=True)
    press(window, Qt.Key.Key_E, CTRL)
    import json

    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [[s["text"] for s in line["spans"]] for line in lines] == [["الولايات المتحدة"]]
