"""The window's menus, label palette and their actions (File, Edit, View, Go, Review, Help).

Action texts are marked with QT_TRANSLATE_NOOP in the "MainWindow" context and translated by
``MainWindow._action``, which also names each action after its untranslated text so that a changed
shortcut is remembered across languages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt
from PySide6.QtGui import QActionGroup, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QToolBar

from annotator.gui.i18n import LANGUAGES
from annotator.gui.review import ReviewController
from annotator.gui.span_list import label_display_name

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


def swatch(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


def search_all(window: MainWindow) -> None:
    from annotator.gui.search_all import show_search_all

    show_search_all(window)


def build_menus(window: MainWindow) -> None:
    """Every menu and action of the window, with its keys; the docks' own entries (View ▸ Documents …)
    are added by ``add_dock_toggles`` once the docks exist."""
    menu = window.menuBar()
    file_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&File"))
    file_menu.addAction(
        window._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Import files…"), window.files.import_files,
            [QKeySequence.StandardKey.Open]
        )
    )
    file_menu.addAction(window._action(QT_TRANSLATE_NOOP("MainWindow", "Import &folder…"), window.files.import_folder))
    file_menu.addAction(
        window._action(QT_TRANSLATE_NOOP("MainWindow", "&Export…"), window.files.export_documents, ["Ctrl+E"])
    )
    file_menu.addSeparator()
    file_menu.addAction(window._action(QT_TRANSLATE_NOOP("MainWindow", "&Quit"), window.close, ["Ctrl+Q"]))

    edit_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
    # Undo walks this session's stack first, then the stored history (work from before a restart).
    undo = window._action(QT_TRANSLATE_NOOP("MainWindow", "&Undo"), window.undo, ["Ctrl+Z"])
    # Redo walks this session's stack, then what Ctrl+Z undid from the stored history.
    redo = window._action(QT_TRANSLATE_NOOP("MainWindow", "&Redo"), window.redo, ["Ctrl+Shift+Z", "Ctrl+Y"], key="redo")
    for action in (undo, redo):
        edit_menu.addAction(action)
    edit_menu.addSeparator()
    window.tag_actions = {}
    palette = QToolBar(QCoreApplication.translate("MainWindow", "Labels"), window)
    palette.setObjectName("labelPalette")
    palette.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for label in window.labels:
        keys = [label.shortcut] if label.shortcut else []
        action = window._action(
            label.name, lambda _=False, name=label.name: window.apply_label(name), keys, key=f"tag_{label.name}"
        )
        action.setText(label_display_name(label.name) + (f"  [{label.shortcut}]" if label.shortcut else ""))
        action.setIcon(swatch(label.color))
        action.setToolTip(
            QCoreApplication.translate("MainWindow", "Tag the selection as {name} ({description}). Key: {key}").format(
                name=label_display_name(label.name), description=label.description, key=label.shortcut
            )
        )
        edit_menu.addAction(action)
        palette.addAction(action)
        window.tag_actions[label.name] = action
        if label.shortcut:
            raw = window._action(
                label.name,
                lambda _=False, name=label.name: window.apply_label(name, snap=False),
                [f"Alt+{label.shortcut}"],
                key=f"tag_{label.name}_raw",
            )
            raw.setText(QCoreApplication.translate("MainWindow", "{name} (no word snapping)").format(name=label.name))
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, palette)
    edit_menu.addSeparator()
    window.delete_action = window._action(
        QT_TRANSLATE_NOOP("MainWindow", "&Delete span"),
        window.delete_selected_span,
        [QKeySequence.StandardKey.Delete, "Backspace"],
    )
    edit_menu.addAction(window.delete_action)
    edit_menu.addAction(window._action(QT_TRANSLATE_NOOP("MainWindow", "&Peel a proclitic off"), window.peel, ["P"]))
    edit_menu.addAction(window._action(QT_TRANSLATE_NOOP("MainWindow", "Put the proclitic back"),
                                       lambda: window.peel(back=True), ["Shift+P"]))
    window.link_action = window._action(QT_TRANSLATE_NOOP("MainWindow", "&Link the selected span…"),
                                        window.linking.start, ["L"])
    edit_menu.addAction(window.link_action)
    edit_menu.addAction(
        window._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Find…"), window.open_find_bar, [QKeySequence.StandardKey.Find]
        )
    )
    edit_menu.addAction(window._action(QT_TRANSLATE_NOOP("MainWindow", "&Search all documents…"),
                                       lambda: search_all(window), ["Ctrl+Shift+F"]))

    view_menu = window.view_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&View"))
    view_menu.addAction(
        window._action(QT_TRANSLATE_NOOP("MainWindow", "&Refresh"), window.files.refresh, ["F5"])
    )
    view_menu.addAction(
        window._action(
            QT_TRANSLATE_NOOP("MainWindow", "Zoom &in"), lambda: window.change_font_size(+1), ["Ctrl++", "Ctrl+="]
        )
    )
    view_menu.addAction(
        window._action(QT_TRANSLATE_NOOP("MainWindow", "Zoom &out"), lambda: window.change_font_size(-1), ["Ctrl+-"])
    )
    window.snap_action = window._action(
        QT_TRANSLATE_NOOP("MainWindow", "&Snap selection to whole words"),
        lambda _on: None,
        checkable=True,
        checked=window.settings.value("snap_to_words", True, type=bool),
    )
    window.snap_action.toggled.connect(lambda on: window.settings.setValue("snap_to_words", on))
    palette.addSeparator()
    palette.addAction(window.snap_action)
    view_menu.addAction(window.snap_action)
    window.suggestions_action = window._action(
        QT_TRANSLATE_NOOP("MainWindow", "S&uggestions"), window.suggesting.set_shown, checkable=True, checked=True
    )
    view_menu.addAction(window.suggestions_action)
    window.others_action = window._action(
        QT_TRANSLATE_NOOP("MainWindow", "Show &other annotators' spans"),
        window.set_show_others,
        checkable=True,
        checked=window.settings.value("show_others", True, type=bool),
    )
    view_menu.addAction(window.others_action)
    view_menu.addSeparator()  # the docks' entries go here (add_dock_toggles)
    window.language_menu = view_menu.addMenu(QCoreApplication.translate("MainWindow", "&Language"))
    languages = QActionGroup(window)
    current = QLocale().language() == QLocale.Language.Arabic
    for code, name in LANGUAGES.items():
        choice = window.language_menu.addAction(name)
        choice.setCheckable(True)
        choice.setChecked((code == "ar") == current)
        choice.setObjectName(f"language_{code}")
        languages.addAction(choice)
        choice.triggered.connect(lambda _=False, code=code: window.languageChosen.emit(code))
    window.review = ReviewController(window)

    go_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&Go"))
    go_menu.addAction(
        window._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Next document"), lambda: window.step_document(+1), ["Ctrl+PgDown"]
        )
    )
    go_menu.addAction(
        window._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Previous document"), lambda: window.step_document(-1), ["Ctrl+PgUp"]
        )
    )
    go_menu.addAction(
        window._action(QT_TRANSLATE_NOOP("MainWindow", "Next &span"), lambda: window.step_span(+1), ["Ctrl+.", "F8"])
    )
    go_menu.addAction(window._action(QT_TRANSLATE_NOOP("MainWindow", "Next su&ggestion"),
                                     lambda: window.suggesting.step(+1), ["]"]))
    go_menu.addAction(window._action(QT_TRANSLATE_NOOP("MainWindow", "Previous suggestion"),
                                     lambda: window.suggesting.step(-1), ["["]))
    go_menu.addAction(
        window._action(
            QT_TRANSLATE_NOOP("MainWindow", "Previous s&pan"), lambda: window.step_span(-1), ["Ctrl+,", "Shift+F8"]
        )
    )
    go_menu.addAction(
        window._action(QT_TRANSLATE_NOOP("MainWindow", "Back to the &text"), window.focus_text, ["Escape"])
    )
    go_menu.addSeparator()
    go_menu.addAction(window._action(QT_TRANSLATE_NOOP("MainWindow", "&Finish document and open the next"),
                                     window.project.finish, ["Ctrl+Return", "Ctrl+Enter"]))
    go_menu.addAction(window._action(QT_TRANSLATE_NOOP("MainWindow", "S&kip document…"),
                                     window.project.skip, ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"]))

    suggest_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&Suggestions"))
    suggest_menu.addAction(window.suggestions_action)
    suggest_menu.addAction(window._action(QT_TRANSLATE_NOOP("MainWindow", "&Train the model now"),
                                          lambda: window.training.start(manual=True), ["Ctrl+Shift+M"]))
    suggest_menu.addAction(window._action(QT_TRANSLATE_NOOP("MainWindow", "&Retrain after…"),
                                          window.training.ask_every))
    suggest_menu.addAction(window._action(QT_TRANSLATE_NOOP("MainWindow", "&Suggest again for this document"),
                                          window.suggesting.recompute))

    help_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    help_menu.addAction(window._action(QT_TRANSLATE_NOOP("MainWindow", "&Guidelines"),
                                       window.show_guidelines, ["F2"]))
    help_menu.addAction(
        window._action(QT_TRANSLATE_NOOP("MainWindow", "&Keyboard shortcuts"), window.show_shortcuts, ["F1"])
    )


def add_dock_toggles(window: MainWindow) -> None:
    """View ▸ Documents, Spans, Layers, Suggestions: shown or hidden (in the View menu before Language)."""
    before = window.language_menu.menuAction()
    for dock in (window.documents_dock, window.spans_dock, window.layers_dock, window.suggestions_dock):
        window.view_menu.insertAction(before, dock.toggleViewAction())
