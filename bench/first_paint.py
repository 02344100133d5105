"""Start-up harness, run as its own process: ``python -m bench.first_paint annotator ARGS...`` starts the
real app (annotator.cli.main), ``python -m bench.first_paint bare`` a bare window with one QTextEdit,
``python -m bench.first_paint floor DB`` that window plus SQLAlchemy and one query on DB.
Prints the wall-clock time (time.time()) when a text view's viewport is first painted, then exits."""

from __future__ import annotations

import os
import sys
import time

_KEEP_ALIVE: list[object] = []


def watch_first_paint() -> None:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QAbstractScrollArea, QApplication

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and isinstance(watched.parent(), QAbstractScrollArea) \
                    and watched.parent().metaObject().className() in ("DocumentView", "QTextEdit"):
                print(f"{time.time():.6f}", flush=True)
                os._exit(0)  # the start-up is what is measured, not the shutdown
            return False

    app = QApplication.instance() or QApplication(sys.argv[:1])
    _KEEP_ALIVE.append(FirstPaint())  # Qt does not own an event filter: Python must keep it
    app.installEventFilter(_KEEP_ALIVE[-1])


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit

    app = QApplication.instance() or QApplication(sys.argv[:1])
    watch_first_paint()
    window = QMainWindow()
    window.setCentralWidget(QTextEdit())
    window.resize(1280, 800)
    window.show()
    return app.exec()


def floor(db: str) -> int:
    """The floor of our own stack: the bare window, plus SQLAlchemy imported and one query through it on
    the same database file (what any window of ours must do before it can show a stored document)."""
    # SQLAlchemy before PySide6: PySide6 hooks every later import (its __feature__ check reads each new
    # module's source), so this order is the cheaper one, which is what a floor must be.
    from sqlalchemy import create_engine, text  # noqa: I001 (the order is the point)
    from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit

    app = QApplication.instance() or QApplication(sys.argv[:1])
    watch_first_paint()
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        shown = connection.execute(text("SELECT text FROM documents ORDER BY id LIMIT 1")).scalar() or ""
    window = QMainWindow()
    editor = QTextEdit()
    editor.setPlainText(shown)
    window.setCentralWidget(editor)
    window.resize(1280, 800)
    window.show()
    return app.exec()


def annotator(argv: list[str]) -> int:
    # As ``python -m annotator`` starts: the command line module first, and Qt only once the app runs.
    from annotator.cli import main  # noqa: I001 (the order is the point)
    from PySide6.QtWidgets import QApplication

    # The app's own QApplication, made here first only so the filter is installed before any paint.
    QApplication(sys.argv[:1])
    watch_first_paint()
    return main(argv)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        sys.exit(bare())
    if sys.argv[1] == "floor":
        sys.exit(floor(sys.argv[2]))
    sys.exit(annotator(sys.argv[2:]))
