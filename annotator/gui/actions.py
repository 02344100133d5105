"""Stable names for actions, so saved shortcuts survive a change of language, and the saved shortcuts
applied at start (the dialog that changes them is shortcuts_dialog.py, loaded when it is opened)."""

from __future__ import annotations

import re

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

PREFIX = "shortcuts/"


def action_key(text: str) -> str:
    """A stable name for an action, from its untranslated text: "&Next document" -> "next_document"."""
    return re.sub(r"[^a-z0-9]+", "_", text.replace("&", "").lower()).strip("_")


def named_actions(widget: QWidget) -> list[QAction]:
    return sorted((a for a in widget.actions() if a.objectName()), key=lambda a: a.text().replace("&", "").lower())


def remember_defaults(widget: QWidget) -> dict[str, list[QKeySequence]]:
    return {a.objectName(): list(a.shortcuts()) for a in named_actions(widget)}


def apply_saved_shortcuts(widget: QWidget, settings: QSettings) -> None:
    for action in named_actions(widget):
        saved = settings.value(PREFIX + action.objectName())
        if saved is not None:
            action.setShortcuts([QKeySequence(saved)] if saved else [])
