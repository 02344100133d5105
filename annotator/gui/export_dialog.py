"""File ▸ Export: choose a format and where to write, then export with a progress dialog that can cancel.

Cancelling (or any error) leaves no output: every writer builds its file or folder beside the target
and renames it into place only when complete.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.formats import ExportDocument, Format, all_formats
from annotator.core.formats.base import FormatReport
from annotator.gui.file_dialogs import save_file_name
from annotator.store.database import refuse_database_file
from annotator.store.store import Store
from annotator.store.transfer import iter_export


class ExportCancelled(Exception):
    """Raised inside the document stream so the writer stops and discards its temporary output."""


class ExportOptionsDialog(QDialog):
    """Asks for the format (every format that can write) and the output path."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self.formats = [f for f in all_formats() if f.write is not None]
        self.format_box = QComboBox()
        for fmt in self.formats:
            self.format_box.addItem(f"{fmt.name} — {fmt.description}", fmt.name)
        self.path_edit = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit)
        row.addWidget(browse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept_if_complete)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Format"), self.format_box)
        form.addRow(self.tr("Write to"), row)
        form.addRow(buttons)

    def chosen_format(self) -> Format:
        return self.formats[self.format_box.currentIndex()]

    def chosen_path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text) if text else None

    def _browse(self) -> None:
        fmt = self.chosen_format()
        if fmt.directory:
            name = save_file_name(self, self.tr("Export to a new folder"))
        else:
            pattern = " ".join(f"*{e}" for e in fmt.extensions) or "*"
            name_filter = f"{fmt.name} ({pattern});;" + self.tr("All files (*)")
            name = save_file_name(self, self.tr("Export to"), "", name_filter)
        if name:
            self.path_edit.setText(name)

    def _accept_if_complete(self) -> None:
        if self.chosen_path() is not None:
            self.accept()


def _with_progress(documents: Iterable[ExportDocument], dialog: QProgressDialog) -> Iterator[ExportDocument]:
    for done, document in enumerate(documents):
        if dialog.wasCanceled():
            raise ExportCancelled
        dialog.setValue(min(done, dialog.maximum() - 1))
        dialog.setLabelText(
            QCoreApplication.translate("Export", "Exporting {name} ({done} of {total})").format(
                name=document.name, done=done + 1, total=dialog.maximum()
            )
        )
        QApplication.processEvents()
        yield document
    if dialog.wasCanceled():
        raise ExportCancelled


def run_export(
    parent: QWidget | None, store: Store, fmt: Format, out: Path, dialog: QProgressDialog | None = None
) -> tuple[int, FormatReport] | None:
    """Export every document with ``fmt`` to ``out``; None when cancelled (nothing written)."""
    if fmt.write is None:
        raise AnnotatorError(f"format {fmt.name!r} cannot be exported")
    refuse_database_file(str(store.engine.url), out, "exporting over")
    if dialog is None:
        dialog = QProgressDialog(
            QCoreApplication.translate("Export", "Exporting…"),
            QCoreApplication.translate("Export", "Cancel"),
            0,
            1,
            parent,
        )
        dialog.setWindowTitle(QCoreApplication.translate("Export", "Export"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
    dialog.setMaximum(max(1, store.document_count()))
    report = FormatReport()
    try:
        count = fmt.write(_with_progress(iter_export(store), dialog), out, report)
    except ExportCancelled:
        return None
    finally:
        dialog.close()
    return count, report


def export_with_dialog(parent: QWidget | None, store: Store) -> tuple[int, FormatReport] | None:
    """Ask for format and path, export, and say what was written (and what a format had to leave out)."""
    options = ExportOptionsDialog(parent)
    if options.exec() != QDialog.DialogCode.Accepted or options.chosen_path() is None:
        return None
    fmt, out = options.chosen_format(), options.chosen_path()
    assert out is not None
    try:
        result = run_export(parent, store, fmt, out)
    except (AnnotatorError, OSError) as error:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("Export", "Export"),
            QCoreApplication.translate("Export", "Nothing was exported: {error}").format(error=error),
        )
        return None
    if result is None:
        QMessageBox.information(
            parent,
            QCoreApplication.translate("Export", "Export"),
            QCoreApplication.translate("Export", "Export cancelled: nothing was written."),
        )
        return None
    count, report = result
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("Export", "Export"),
        QCoreApplication.translate("Export", "Wrote {count} document(s) to {out}.").format(count=count, out=out),
        parent=parent,
    )
    if report:
        box.setInformativeText(
            QCoreApplication.translate("Export", "Some spans could not be carried by this format; see the details.")
        )
        box.setDetailedText("\n".join(report.lines(limit=200)))
    box.exec()
    return result
