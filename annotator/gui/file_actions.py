"""The window's file and database actions: import files or a folder, export, and F5 (refresh with what
other programs wrote). Each dialog gives the keyboard back to the text when it closes. The dialogs and the
importer are loaded when first used, not with the window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class FileActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def refresh(self) -> None:
        """F5: show what the database holds now, other programs' changes included."""
        self.window.outside.seen()
        self.window.refresh_documents()
        document = self.window.session.document
        if document is not None:
            self.window.session.reload_spans()
        self.window.outside_label.hide()
        message = QCoreApplication.translate("MainWindow", "Refreshed: {count} span(s) in this document.")
        self.window._note(message.format(count=len(self.window.session.spans)))

    def changed_outside(self) -> None:
        self.window.outside_label.setText(
            QCoreApplication.translate("MainWindow", "Changed by another program: F5 shows the changes"))
        self.window.outside_label.show()

    def back_to_text(self) -> None:
        """After a dialog closes: the window active again and the keyboard in the text, so the next
        key (a label, F5, Ctrl+Z) reaches it without a click."""
        self.window.activateWindow()
        self.window.view.setFocus()

    def import_files(self) -> None:
        from annotator.gui.file_dialogs import open_file_names
        from annotator.gui.import_dialog import importable_files_filter

        caption = QCoreApplication.translate("MainWindow", "Import documents")
        names = open_file_names(self.window, caption, Path.home(), importable_files_filter())
        self.back_to_text()
        if names:
            self.import_paths([Path(n) for n in names])

    def import_folder(self) -> None:
        from annotator.gui.file_dialogs import existing_directory

        caption = QCoreApplication.translate("MainWindow", "Import a folder (recursively)")
        folder = existing_directory(self.window, caption, Path.home())
        self.back_to_text()
        if folder:
            self.import_paths([Path(folder)])

    def export_documents(self) -> None:
        from annotator.gui.export_dialog import export_with_dialog

        result = export_with_dialog(self.window, self.window.store)
        self.back_to_text()
        if result is not None:
            message = QCoreApplication.translate("MainWindow", "exported {count} document(s)")
            self.window._saved(message.format(count=result[0]))

    def import_paths(self, paths: list[Path]) -> None:
        from annotator.gui.import_dialog import describe, import_with_progress, show_errors

        self.window.outside.check()  # what others wrote before this import is still theirs to announce
        report = import_with_progress(self.window, self.window.store, paths)
        if not self.window.outside_label.isVisibleTo(self.window):
            self.window.outside.seen()
        self.window.refresh_documents()
        (self.window._saved if report.files else self.window._failed)(describe(report))
        show_errors(self.window, report)
        self.back_to_text()
        if report.document_ids:  # the imported document is what the user wants to see next
            self.window.open_document(report.document_ids[0])

