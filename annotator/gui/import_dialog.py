"""File ▸ Import: choose files or a folder, import with a cancellable progress dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from annotator.core.formats import all_formats
from annotator.importer import ImportReport, import_paths
from annotator.store.store import Store


def importable_files_filter() -> str:
    """The open dialog's filter: every extension some format reads (not only text and JSON lines)."""
    patterns = sorted({f"*{e}" for f in all_formats() if f.read is not None for e in f.extensions})
    everything = QCoreApplication.translate("Import", "Importable files ({patterns})")
    everything = everything.format(patterns=" ".join(patterns))
    return everything + ";;" + QCoreApplication.translate("Import", "All files (*)")


def import_with_progress(parent: QWidget, store: Store, paths: list[Path]) -> ImportReport:
    dialog = QProgressDialog(
        QCoreApplication.translate("Import", "Importing…"), QCoreApplication.translate("Import", "Cancel"), 0, 1, parent
    )
    dialog.setWindowTitle(QCoreApplication.translate("Import", "Import"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)

    def progress(done: int, total: int, path: Path) -> bool:
        dialog.setMaximum(total)
        dialog.setValue(done)
        dialog.setLabelText(
            QCoreApplication.translate("Import", "Importing {name} ({done} of {total})").format(
                name=path.name, done=done + 1, total=total
            )
        )
        QApplication.processEvents()
        return not dialog.wasCanceled()

    report = import_paths(store, paths, progress=progress)
    dialog.setValue(dialog.maximum())
    dialog.close()
    return report


def describe(report: ImportReport, cancelled_hint: bool = False) -> str:
    total = report.total()
    if not report.files and report.errors:
        return QCoreApplication.translate("Import", "Nothing was imported: {count} file(s) had errors.").format(
            count=len(report.errors))
    text = QCoreApplication.translate(
        "Import", "Imported {files} file(s): {new} new document(s), {old} already stored, {spans} new span(s)."
    ).format(files=len(report.files), new=total.documents_new, old=total.documents_existing, spans=total.spans_new)
    if cancelled_hint:
        text += QCoreApplication.translate("Import", " Cancelled: the files imported so far are kept.")
    return text


def show_errors(parent: QWidget, report: ImportReport) -> None:
    if not report.errors:
        return
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Import", "Import"),
        QCoreApplication.translate("Import", "{count} file(s) were not imported; nothing of them was written.").format(
            count=len(report.errors)
        ),
        parent=parent,
    )
    box.setDetailedText("\n".join(str(error) for error in report.errors))
    box.exec()
