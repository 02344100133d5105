from pathlib import Path

from annotator.gui.app import create_main_window
from annotator.store import Store, open_database


def test_files_on_the_command_line_are_imported_and_the_first_opened(qtbot, db_url: str, tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    first.write_text("خبر عن دمشق\r\nوالقاهرة", encoding="utf-8")
    (tmp_path / "second.txt").write_text("خبر آخر", encoding="utf-8")
    store = Store(open_database(db_url), "tester")
    window = create_main_window(store, [first, tmp_path / "second.txt"])
    qtbot.addWidget(window)
    assert window.session.document.name == "first"
    assert window.view.document().toPlainText() == "خبر عن دمشق\nوالقاهرة"
    assert window.documents_model.rowCount() == 2  # no seed once there are documents
    window.close()
    again = create_main_window(store, [first])  # already stored: opened, not imported twice
    qtbot.addWidget(again)
    assert again.session.document.name == "first" and again.documents_model.rowCount() == 2


def test_empty_database_starts_on_the_seed_article(qtbot, db_url: str) -> None:
    window = create_main_window(Store(open_database(db_url), "tester"), [])
    qtbot.addWidget(window)
    assert window.session.document.name == "iraq-armed-factions-end-truce"
    assert "الفصائل المسلحة" in window.view.toPlainText()


def test_unexpected_error_is_logged_and_shown_not_fatal(qtbot, isolated_home: Path, monkeypatch) -> None:
    import sys

    from PySide6.QtWidgets import QMessageBox

    from annotator.gui.app import install_exception_dialog
    from annotator.logs import setup_logging

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    log_path = setup_logging()
    install_exception_dialog(log_path)
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert log_path == isolated_home / "logs" / "annotator.log"
    assert "RuntimeError: boom in a slot" in shown[0] and str(log_path) in shown[0]
    assert "boom in a slot" in log_path.read_text(encoding="utf-8")
