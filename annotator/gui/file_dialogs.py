"""Every file dialog of the app, built so that showing a folder never opens a file in it.

SQLite's locks are POSIX advisory locks: closing *any* descriptor of the database (or its -wal/-shm) in
this process releases all of them, and another process then believes it is alone with the file (it
checkpoints and deletes the WAL, and our later writes go to a file nobody reads). Qt's stock dialogs
open each listed file to guess its type for the icon and the Type column (a MIME "magic" sniff), and a
platform's native dialog (GTK, in-process) does the same. So: Qt's own widget dialog, never the native
one, with an icon provider that answers from the name alone.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget


class NameOnlyIconProvider(QAbstractFileIconProvider):
    """Icons and type names from what a directory listing already knows (folder or file, the suffix),
    never from the file's contents."""

    def __init__(self) -> None:
        super().__init__()
        self._stock = QFileIconProvider()

    def icon(self, what: object) -> QIcon:  # type: ignore[override]
        if isinstance(what, QFileInfo):
            kinds = QAbstractFileIconProvider.IconType
            return self._stock.icon(kinds.Folder if what.isDir() else kinds.File)
        return self._stock.icon(what)  # an IconType: a stock icon, no file involved

    def type(self, info: QFileInfo) -> str:  # type: ignore[override]
        if info.isDir():
            return QCoreApplication.translate("FileDialogs", "Folder")
        suffix = info.suffix()
        if not suffix:
            return QCoreApplication.translate("FileDialogs", "File")
        return QCoreApplication.translate("FileDialogs", "{suffix} file").format(suffix=suffix)


def file_dialog(
    parent: QWidget | None,
    caption: str,
    directory: Path | str = "",
    name_filter: str = "",
    mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFiles,
    accept: QFileDialog.AcceptMode = QFileDialog.AcceptMode.AcceptOpen,
) -> QFileDialog:
    """A dialog that lists folders without reading any file; ``exec()`` it, then ``selectedFiles()``."""
    dialog = QFileDialog(parent, caption, str(directory))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setOption(QFileDialog.Option.DontUseCustomDirectoryIcons, True)
    dialog.setIconProvider(NameOnlyIconProvider())
    dialog.setFileMode(mode)
    dialog.setAcceptMode(accept)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if name_filter:
        dialog.setNameFilter(name_filter)
    dialog.setObjectName("fileDialog")
    return dialog


def _chosen(dialog: QFileDialog) -> list[str]:
    try:
        return dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []
    finally:
        dialog.deleteLater()


def open_file_names(parent: QWidget | None, caption: str, directory: Path | str, name_filter: str) -> list[str]:
    return _chosen(file_dialog(parent, caption, directory, name_filter))


def existing_directory(parent: QWidget | None, caption: str, directory: Path | str) -> str | None:
    chosen = _chosen(file_dialog(parent, caption, directory, mode=QFileDialog.FileMode.Directory))
    return chosen[0] if chosen else None


def save_file_name(
    parent: QWidget | None, caption: str, directory: Path | str = "", name_filter: str = ""
) -> str | None:
    dialog = file_dialog(parent, caption, directory, name_filter, QFileDialog.FileMode.AnyFile,
                         QFileDialog.AcceptMode.AcceptSave)
    chosen = _chosen(dialog)
    return chosen[0] if chosen else None
