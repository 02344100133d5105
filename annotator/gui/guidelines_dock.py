"""Help ▸ Guidelines (F2): the team's guidelines (``annotator guidelines set FILE.md``) or the built-in
ones, in a dock beside the text, followed by the labels and link types with their descriptions. Laid out
right-to-left when the guidelines are mostly Arabic."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QDockWidget, QTextBrowser

from annotator.guidelines import GUIDELINES, default_guidelines

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


def mostly_arabic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    arabic = sum(unicodedata.bidirectional(c) == "AL" for c in letters)
    return bool(letters) and arabic * 2 > len(letters)


class GuidelinesDock(QDockWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(QCoreApplication.translate("MainWindow", "Guidelines"), window)
        self.setObjectName("guidelinesDock")
        self.window_ = window
        self.browser = QTextBrowser()
        self.browser.setObjectName("guidelinesText")
        self.browser.setOpenExternalLinks(False)
        # The text's own font: the interface font has no Arabic italics (they would show as boxes).
        font = self.browser.font()
        font.setFamily(window.view.font().family())
        font.setPointSize(max(font.pointSize(), 11))
        self.browser.setFont(font)
        self.setWidget(self.browser)
        self.hide()

    def guidelines_text(self) -> str:
        language = "ar" if QLocale().language() == QLocale.Language.Arabic else "en"
        return self.window_.store.project_text(GUIDELINES) or default_guidelines(language)

    def markdown(self, text: str) -> str:
        store = self.window_.store
        tr = QCoreApplication.translate
        labels = "\n".join(f"- **{label.name}** ({tr('MainWindow', 'key')} {label.shortcut or '–'}): "
                           f"{label.description or '—'}" for label in store.labels())
        types = "\n".join(f"- **{t.name}**: {', '.join(t.from_labels)} → {', '.join(t.to_labels)}"
                          + (f" — {t.description}" if t.description else "") for t in store.link_types())
        return (f"{text.rstrip()}\n\n## {tr('MainWindow', 'Labels in this project')}\n\n{labels}\n\n"
                f"## {tr('MainWindow', 'Link types')}\n\n{types}\n")

    def show_guidelines(self) -> None:
        """F2: show (and read again) the guidelines; F2 again hides them."""
        if self.isVisible():
            self.hide()
            self.window_.focus_text()
            return
        guidelines = self.guidelines_text()
        text = self.markdown(guidelines)
        direction = Qt.LayoutDirection.RightToLeft if mostly_arabic(guidelines) else Qt.LayoutDirection.LeftToRight
        self.browser.setLayoutDirection(direction)
        option = self.browser.document().defaultTextOption()
        option.setTextDirection(direction)
        option.setAlignment(Qt.AlignmentFlag.AlignRight if direction == Qt.LayoutDirection.RightToLeft
                            else Qt.AlignmentFlag.AlignLeft)
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        self.browser.document().setDefaultTextOption(option)
        self.browser.setMarkdown(text)
        # Emphasis as upright text: Arabic fonts have no italics, and a synthesized one shows boxes here.
        cursor = QTextCursor(self.browser.document())
        cursor.select(QTextCursor.SelectionType.Document)
        upright = QTextCharFormat()
        upright.setFontItalic(False)
        cursor.mergeCharFormat(upright)
        if not self.isFloating() and self.window_.tabifiedDockWidgets(self) == []:
            # a tab over the span list: the height beside the text, and the spans one click away
            self.window_.tabifyDockWidget(self.window_.spans_dock, self)
        self.show()
        self.raise_()


def build_guidelines_dock(window: MainWindow) -> GuidelinesDock:
    from annotator.gui.panels import _mirrored

    dock = GuidelinesDock(window)
    area = Qt.DockWidgetArea.RightDockWidgetArea
    window.addDockWidget(_mirrored(area) if window.isRightToLeft() else area, dock)
    dock.hide()
    return dock
