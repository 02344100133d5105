"""File ▸ Export: choose a format and where to write, then export with a progress dialog that can cancel.

Cancelling (or any error) leaves no output: every writer builds its file or folder beside the target
and renames it into place only when complete.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.formats import ExportDocument, Format, all_formats
from annotator.core.formats.base import FormatReport, noting_links_left_out
from annotator.core.formats.split import parse_split, part_path, write_split
from annotator.core.processes import fewer_collections
from annotator.gui.file_dialogs import save_file_name
from annotator.store.database import refuse_database_file
from annotator.store.store import Store
from annotator.store.transfer import ExportFilter, iter_export, rejected_left_out


class ExportCancelled(Exception):
    """Raised inside the document stream so the writer stops and discards its temporary output."""


STATUS_CHOICES = (
    # (untranslated text, statuses; empty = every span nobody rejected)
    (QT_TRANSLATE_NOOP("ExportOptionsDialog", "Adjudicated: accepted spans"), ["accepted"]),
    (QT_TRANSLATE_NOOP("ExportOptionsDialog", "Not rejected: accepted spans and drafts"), []),
    (QT_TRANSLATE_NOOP("ExportOptionsDialog", "Everything, rejected spans included"),
     ["draft", "accepted", "rejected"]),
    (QT_TRANSLATE_NOOP("ExportOptionsDialog", "Rejected spans only"), ["rejected"]),
)


class ExportOptionsDialog(QDialog):
    """What the command line offers, in a dialog: format and path, annotators, labels, review status
    (a reviewer starts from the adjudicated layer, an annotator from everything not rejected), all
    documents or only those with spans, and a split with its seed."""

    def __init__(self, parent: QWidget | None = None, annotators: Sequence[str] = (), labels: Sequence[str] = (),
                 reviewer: bool = False) -> None:
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
        self.annotator_list = _checklist(annotators)
        self.label_list = _checklist(labels)
        self.status_box = QComboBox()
        for text, statuses in STATUS_CHOICES:
            self.status_box.addItem(self.tr(text), statuses)
        self.status_box.setCurrentIndex(0 if reviewer else 1)
        self.all_documents = QCheckBox(self.tr("Also documents without a chosen span"))
        self.finished = QCheckBox(self.tr("Only finished documents (the gold layer: no open disagreement)"))
        self.finished.setObjectName("exportFinished")
        self.split_edit = QLineEdit()
        self.split_edit.setPlaceholderText(self.tr("none (one output); e.g. train=0.8,dev=0.1,test=0.1"))
        self.seed_box = QSpinBox()
        self.seed_box.setRange(0, 2**31 - 1)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept_if_complete)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Format"), self.format_box)
        form.addRow(self.tr("Write to"), row)
        form.addRow(self.tr("Annotators"), self.annotator_list)
        form.addRow(self.tr("Labels"), self.label_list)
        form.addRow(self.tr("Review status"), self.status_box)
        form.addRow("", self.all_documents)
        form.addRow("", self.finished)
        form.addRow(self.tr("Split"), self.split_edit)
        form.addRow(self.tr("Seed"), self.seed_box)
        form.addRow(self.error_label)
        form.addRow(buttons)

    def chosen_format(self) -> Format:
        return self.formats[self.format_box.currentIndex()]

    def chosen_path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text) if text else None

    def export_filter(self) -> ExportFilter:
        return ExportFilter(annotators=_checked(self.annotator_list), labels=_checked(self.label_list),
                            statuses=list(self.status_box.currentData()),
                            all_documents=self.all_documents.isChecked(), finished=self.finished.isChecked())

    def chosen_split(self) -> list[tuple[str, float]] | None:
        """The parts of ``--split`` (AnnotatorError when malformed), or None for one output."""
        text = self.split_edit.text().strip()
        return parse_split(text) if text else None

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
        if self.chosen_path() is None:
            self.error_label.setText(self.tr("Choose where to write."))
            return
        if self.annotator_list.count() and not _checked(self.annotator_list, all_means_none=False):
            self.error_label.setText(self.tr("Choose at least one annotator."))
            return
        if self.label_list.count() and not _checked(self.label_list, all_means_none=False):
            self.error_label.setText(self.tr("Choose at least one label."))
            return
        try:
            self.chosen_split()
        except AnnotatorError as error:
            self.error_label.setText(str(error))
            return
        self.accept()


def _checklist(names: Sequence[str]) -> QListWidget:
    widget = QListWidget()
    for name in names:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        widget.addItem(item)
    widget.setMaximumHeight(110)
    return widget


def _checked(widget: QListWidget, all_means_none: bool = True) -> list[str]:
    """The checked names; every name checked means no filter (also names added after the dialog opened)."""
    items = [widget.item(i) for i in range(widget.count())]
    checked = [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]
    return [] if all_means_none and len(checked) == len(items) else checked


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
    parent: QWidget | None,
    store: Store,
    fmt: Format,
    out: Path,
    dialog: QProgressDialog | None = None,
    export_filter: ExportFilter | None = None,
    split: list[tuple[str, float]] | None = None,
    seed: int = 0,
) -> tuple[int, FormatReport] | None:
    """Export the chosen spans with ``fmt`` to ``out`` (in parts with ``split``); None when cancelled
    (nothing written)."""
    if fmt.write is None:
        raise AnnotatorError(f"format {fmt.name!r} cannot be exported")
    wanted = export_filter or ExportFilter()
    targets = [out] if split is None else [part_path(out, name, fmt.directory) for name, _ in split]
    for target in targets:
        refuse_database_file(str(store.engine.url), target, "exporting over")
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
        with fewer_collections():
            if split is None:
                count = fmt.write(_with_progress(noting_links_left_out(iter_export(store, wanted), fmt, report),
                                                 dialog), out, report)
            else:
                written = write_split(fmt, lambda: iter_export(store, wanted), split, seed, out, report,
                                      lambda documents, _part: _with_progress(
                                          noting_links_left_out(documents, fmt, report), dialog))
                count = sum(n for _path, n in written.values())
    except ExportCancelled:
        return None
    finally:
        dialog.close()
    rejected = rejected_left_out(store, wanted)
    if rejected:
        report.note(QCoreApplication.translate("Export", "rejected span(s) left out (choose them under Review status)"),
                    rejected)
    return count, report


def export_with_dialog(parent: QWidget | None, store: Store) -> tuple[int, FormatReport] | None:
    """Ask for format and path, export, and say what was written (and what a format had to leave out)."""
    options = ExportOptionsDialog(parent, [name for name, _role, _count in store.users()],
                                  [label.name for label in store.labels()], store.role() == "reviewer")
    if options.exec() != QDialog.DialogCode.Accepted or options.chosen_path() is None:
        return None
    fmt, out = options.chosen_format(), options.chosen_path()
    assert out is not None
    try:
        result = run_export(parent, store, fmt, out, export_filter=options.export_filter(),
                            split=options.chosen_split(), seed=options.seed_box.value())
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
