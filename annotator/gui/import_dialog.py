"""File ▸ Import: choose files or a folder, import with a cancellable progress dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from annotator.importer import ImportReport, import_paths
from annotator.store.store import Store


def import_with_progress(parent: QWidget, store: Store, paths: list[Path]) -> ImportReport:
    dialog = QProgressDialog("Importing…", "Cancel", 0, 1, parent)
    dialog.setWindowTitle("Import")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)

    def progress(done: int, total: int, path: Path) -> bool:
        dialog.setMaximum(total)
        dialog.setValue(done)
        dialog.setLabelText(f"Importing {path.name} ({done + 1} of {total})")
        QApplication.processEvents()
        return not dialog.wasCanceled()

    report = import_paths(store, paths, progress=progress)
    dialog.setValue(dialog.maximum())
    dialog.close()
    return report


def describe(report: ImportReport, cancelled_hint: bool = False) -> str:
    total = report.total()
    text = (f"Imported {len(report.files)} file(s): {total.documents_new} new document(s), "
            f"{total.documents_existing} already stored, {total.spans_new} new span(s).")
    if cancelled_hint:
        text += " Cancelled: the files imported so far are kept."
    return text


def show_errors(parent: QWidget, report: ImportReport) -> None:
    if not report.errors:
        return
    box = QMessageBox(QMessageBox.Icon.Warning, "Import",
                      f"{len(report.errors)} file(s) were not imported; nothing of them was written.", parent=parent)
    box.setDetailedText("\n".join(str(error) for error in report.errors))
    box.exec()
