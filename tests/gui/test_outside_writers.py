"""The window and another process on one SQLite file: the file dialogs must not drop SQLite's locks
(closing any descriptor of the database in this process releases them all), and each side must see
the other's writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton

from annotator.core.errors import AnnotatorError
from annotator.core.formats import get_format
from annotator.gui.export_dialog import ExportOptionsDialog, run_export
from annotator.importer import import_paths
from annotator.store import Store, open_database
from tests.gui.helpers import press, select_with_keyboard

BOB_SPANS = 10


def annotator_cli(*args: str | Path, db: Path, user: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ANNOTATOR_USER": user}
    env.pop("ANNOTATOR_DB", None)
    result = subprocess.run([sys.executable, "-m", "annotator", *map(str, args), "--db", str(db)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return result


def held_locks(folder: Path) -> set[tuple[str, str]]:
    """(file name, lock range) of the POSIX locks this process holds on files in ``folder``."""
    inodes = {child.stat().st_ino: child.name for child in folder.iterdir()}
    held = set()
    for line in Path("/proc/locks").read_text().split("\n"):
        fields = line.split()
        if len(fields) < 8 or fields[1] != "POSIX":
            continue
        pid, device_inode = int(fields[4]), fields[5]
        inode = int(device_inode.rsplit(":", 1)[-1])
        if pid == os.getpid() and inode in inodes:
            held.add((inodes[inode], f"{fields[6]}-{fields[7]}"))
    return held


def close_file_dialog_on(folder: Path, db: Path, linger_s: float = 1.5) -> None:
    """When the next file dialog is up: show ``folder`` in it, point at the database as a user would,
    let it list and sniff for a while, then cancel it."""
    started: list[float] = []

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, step)
            return
        if not started:
            started.append(time.monotonic())
            dialog.setDirectory(str(folder))
            dialog.selectFile(str(db))
        if time.monotonic() - started[0] < linger_s:
            QTimer.singleShot(100, step)
            return
        dialog.reject()

    QTimer.singleShot(0, step)


def browse_in_export_dialog(folder: Path, db: Path) -> None:
    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExportOptionsDialog):
            QTimer.singleShot(50, step)
            return
        close_file_dialog_on(folder, db)
        browse = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Browse…")
        browse.click()  # returns when the file dialog is closed
        dialog.reject()

    QTimer.singleShot(0, step)


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="reads the kernel's lock table")
def test_file_dialogs_keep_the_locks_and_both_processes_see_each_other(open_window, db_url, tmp_path, qtbot) -> None:
    db = Path(db_url.removeprefix("sqlite:///"))
    window = open_window()
    select_with_keyboard(window, "الولايات المتحدة")
    press(window, Qt.Key.Key_1)
    QThreadPool.globalInstance().waitForDone(10_000)  # the document's suggestions, read in the background
    # The locks a connection holds for as long as it is open: the database file's, and the -shm's "DMS"
    # byte (128). A reader's WAL read-mark locks (120-127) come and go with each read.
    locks = {lock for lock in held_locks(db.parent) if lock[0] == db.name or lock[1] == "128-128"}
    assert {name for name, _ in locks} >= {db.name, db.name + "-shm"}, locks

    # File ▸ Import (Ctrl+O), File ▸ Import folder, and File ▸ Export (Ctrl+E) ▸ Browse…, each shown on
    # the database's own folder and closed.
    close_file_dialog_on(db.parent, db)
    press(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    close_file_dialog_on(db.parent, db)
    window.files.import_folder()
    browse_in_export_dialog(db.parent, db)
    press(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert held_locks(db.parent) >= locks
    # The keyboard is back in the text once the dialogs are gone.
    qtbot.waitUntil(lambda: window.isActiveWindow() and QApplication.focusWidget() is window.view, timeout=3000)

    # Another process writes bob's spans into the open document, and exits (closing its connection).
    document = window.session.document
    words = [(m, m + len(w)) for m, w in _words(document.text)][:BOB_SPANS]
    bob_file = tmp_path / "bob.jsonl"
    bob_file.write_text(json.dumps({"id": document.name, "text": document.text, "spans": [
        {"start": s, "end": e, "label": "location", "annotator": "bob"} for s, e in words]}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    annotator_cli("import", bob_file, db=db, user="bob")

    # The window writes after it, and says that someone else changed the database.
    select_with_keyboard(window, "بغداد")
    press(window, Qt.Key.Key_2)
    window.outside.check()
    assert window.outside_label.isVisibleTo(window)
    assert "F5" in window.outside_label.text()

    # F5 brings bob's spans in, once.
    press(window, Qt.Key.Key_F5)
    shown = [(s.annotator, s.start, s.end) for s in window.session.spans]
    assert sorted(a for a, _, _ in shown).count("bob") == BOB_SPANS
    assert len(shown) == len(set(shown)) == BOB_SPANS + 2
    assert window.spans_model.rowCount() == BOB_SPANS + 2
    assert not window.outside_label.isVisibleTo(window)

    # The other side sees the window's two spans (nothing went to a file only this process reads).
    out = tmp_path / "seen-by-others.jsonl"
    annotator_cli("export", "--format", "jsonl", "--out", out, db=db, user="carol")
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    spans = [s for line in exported if line["id"] == document.name for s in line["spans"]]
    assert sorted(s["annotator"] for s in spans) == ["bob"] * BOB_SPANS + ["tester"] * 2

    # And all of it is still there after the window closes.
    window.close()
    window.store.engine.dispose()
    reopened = Store(open_database(db_url), "carol")
    try:
        assert len(reopened.spans(document.id)) == BOB_SPANS + 2
    finally:
        reopened.engine.dispose()


def _words(text: str) -> list[tuple[int, str]]:
    import re

    return [(m.start(), m.group()) for m in re.finditer(r"\w{4,}", text)]


def test_the_database_files_are_refused_as_import_and_export(open_window, db_url, tmp_path) -> None:
    db = Path(db_url.removeprefix("sqlite:///"))
    window = open_window()
    before = db.stat().st_size
    report = import_paths(window.store, [db, Path(str(db) + "-wal")], format_name="text")
    assert len(report.errors) == 2 and not report.files
    assert "open database's own file" in str(report.errors[0])
    with pytest.raises(AnnotatorError, match="open database's own file"):
        run_export(window, window.store, get_format("jsonl"), db)
    assert db.stat().st_size >= before
    assert window.store.document_count() == 2


def test_our_own_actions_are_never_announced_and_another_writer_is(open_window, db_url) -> None:
    window = open_window()
    for phrase, key in (("العراق", Qt.Key.Key_2), ("قائد فصيل", Qt.Key.Key_1), ("أكتوبر الماضي", Qt.Key.Key_3)):
        select_with_keyboard(window, phrase)
        press(window, key)
    press(window, Qt.Key.Key_Delete)
    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the delete undone: a new history row
    window.session.relabel(window.selected_span, "location")
    window.outside.check()  # what a poll does: all of it is ours
    assert not window.outside_label.isVisibleTo(window)
    other = Store(open_database(db_url), "bob")
    other.add_span(window.session.document.id, 0, 7, "actor")
    other.engine.dispose()
    select_with_keyboard(window, "الولايات المتحدة")
    press(window, Qt.Key.Key_2)  # ours again, after bob's: bob's span is still announced
    window.outside.check()
    assert window.outside_label.isVisibleTo(window)
