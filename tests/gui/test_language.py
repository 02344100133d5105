from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from annotator.gui.app import WindowKeeper, application
from annotator.gui.i18n import chosen_language, install_language
from annotator.store import Store, open_database


def menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_arabic_interface_is_translated_and_mirrored(qtbot, db_url: str, tmp_path) -> None:
    app = application()
    keeper = WindowKeeper(Store(open_database(db_url), "tester"))
    try:
        install_language(app, "ar")
        window = keeper.show([])
        qtbot.addWidget(window)
        assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.isRightToLeft()
        assert menu_titles(window)[:3] == ["&ملف", "ت&حرير", "&عرض"]
        assert window.documents_model.headerData(0, Qt.Orientation.Horizontal) == "المستند"
        assert window.saved_label.text() == "حُفظت كل التغييرات"
        # Mirrored docks: the documents on the right, where a reader of Arabic starts.
        assert window.dockWidgetArea(window.documents_dock) == Qt.DockWidgetArea.RightDockWidgetArea
        assert window.dockWidgetArea(window.spans_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
        # One kind of digits: the document list's counts as the status bar and offsets write them.
        delegate = window.documents_table.itemDelegate()
        count_index = window.documents_proxy.index(0, 1)
        shown = delegate.displayText(count_index.data(), window.documents_table.locale())
        assert shown.isascii() and shown.isdigit()
        from annotator.gui.span_list import label_display_name, span_status_name
        assert label_display_name("actor") != "actor" and span_status_name("accepted") != "accepted"
        window.grab().save(str(tmp_path / "arabic.png"))

        next(a for a in window.language_menu.actions() if a.objectName() == "language_en").trigger()
        QApplication.processEvents()
        english = keeper.window
        qtbot.addWidget(english)
        assert english is not window
        assert menu_titles(english)[:3] == ["&File", "&Edit", "&View"]
        assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert QSettings().value("language") == "en" and chosen_language() == "en"
        assert chosen_language("ar") == "ar"
        assert english.session.document.name == "iraq-armed-factions-end-truce"
    finally:
        install_language(app, "en")


def test_menu_shortcuts_are_drawn_left_to_right() -> None:
    from annotator.gui.menu_style import IsolatedShortcutsStyle

    assert isinstance(application().style(), IsolatedShortcutsStyle)
