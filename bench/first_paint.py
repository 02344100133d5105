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
    # As ``python -m annotator`` starts: the command line module, then main(), which imports what it needs
    # in its own order (the store, SQLAlchemy, before Qt: PySide6 slows every import after its own, see
    # floor()). Importing Qt here first made the app 50-80 ms slower than it starts for a user, once cli.py
    # stopped importing the store itself. So nothing of Qt is imported here: the paint watcher is installed
    # by the app's own ``application()``, the moment it has made the QApplication, before any paint.
    from annotator.cli import main

    _watch_once_the_app_exists()
    return main(argv)


def _watch_once_the_app_exists() -> None:
    import importlib.abc
    import importlib.machinery

    class AfterAppModule(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):  # type: ignore[no-untyped-def]
            if name != "annotator.gui.app":
                return None
            spec = importlib.machinery.PathFinder.find_spec(name, path, target)
            assert spec is not None and spec.loader is not None
            run_module = spec.loader.exec_module

            def exec_module(module) -> None:  # type: ignore[no-untyped-def]
                run_module(module)
                made_by_app = module.application

                def application(*args, **kwargs):  # type: ignore[no-untyped-def]
                    app = made_by_app(*args, **kwargs)
                    if not _KEEP_ALIVE:
                        watch_first_paint()
                    return app

                module.application = application

            spec.loader.exec_module = exec_module  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, AfterAppModule())


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        sys.exit(bare())
    if sys.argv[1] == "floor":
        sys.exit(floor(sys.argv[2]))
    sys.exit(annotator(sys.argv[2:]))
