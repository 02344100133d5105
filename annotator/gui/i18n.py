"""The interface language: English or Arabic, with the whole window mirrored for Arabic.

Translations are Qt Linguist files in resources/translations/. A compiled ``.qm`` is used when the build
made one (``make translations``, the packaged app); otherwise the ``.ts`` source is read directly, so
an editable or pip install never shows untranslated text for want of a build step.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from annotator.bundled import resources_dir

LANGUAGES = {"en": "English", "ar": "العربية"}
SETTING = "language"


class TsTranslator(QTranslator):
    """Translations read from a Qt Linguist ``.ts`` file (finished and unfinished entries with text)."""

    def __init__(self, path: Path) -> None:
        import xml.etree.ElementTree as ElementTree  # only without a compiled .qm: 30 ms of every start

        super().__init__()
        self.messages: dict[tuple[str, str], str] = {}
        root = ElementTree.parse(path).getroot()
        for context in root.iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                source = message.findtext("source")
                translation = message.findtext("translation")
                if source and translation:
                    self.messages[(name, source)] = translation

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return self.messages.get((context, source))  # type: ignore[return-value]  # None: "not translated"

    def isEmpty(self) -> bool:
        return not self.messages


def system_language() -> str:
    return "ar" if QLocale.system().language() == QLocale.Language.Arabic else "en"


def chosen_language(cli_value: str | None = None) -> str:
    """``--lang``, then the language chosen in the menu, then the system's."""
    if cli_value in LANGUAGES:
        return cli_value  # type: ignore[return-value]
    saved = QSettings().value(SETTING)
    return saved if saved in LANGUAGES else system_language()


_installed: list[QTranslator] = []


def install_language(app: QApplication, language: str) -> None:
    """Load the translations of ``language`` (replacing any loaded before) and set the layout direction."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language != "en":
        folder = resources_dir() / "translations"
        compiled = QTranslator()
        if compiled.load(str(folder / f"annotator_{language}.qm")):
            _installed.append(compiled)
        elif (folder / f"annotator_{language}.ts").exists():
            _installed.append(TsTranslator(folder / f"annotator_{language}.ts"))
        qt_own = QTranslator()  # Qt's own strings: standard buttons, file dialogs
        if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _installed.append(qt_own)
    for translator in _installed:
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(language))
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if language == "ar" else Qt.LayoutDirection.LeftToRight)
