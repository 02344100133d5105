"""Window memory harness, run as its own process: ``python -m bench.window_rss DB DOCUMENT_ID`` opens the
real window on DB, shows the document with every span loaded and painted, then exits (its peak RSS is
what bench.peak_rss reports)."""

from __future__ import annotations

import os
import sys


def main(db: str, document_id: int) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer

    from annotator.gui.app import application, load_bundled_fonts
    from annotator.gui.main_window import MainWindow
    from annotator.store import Store, open_database

    app = application()
    load_bundled_fonts()
    window = MainWindow(Store(open_database(f"sqlite:///{db}"), "bench"))
    window.training.set_every(0)
    window.resize(1280, 800)
    window.show()
    loop = QEventLoop()
    window.session.spansLoaded.connect(lambda _spans: QTimer.singleShot(500, loop.quit))
    QTimer.singleShot(60_000, loop.quit)
    window.open_document(document_id)
    loop.exec()
    window.view.decorate_visible()
    app.processEvents()
    from annotator.core.processes import peak_rss_kb

    print(len(window.session.spans), peak_rss_kb(), flush=True)  # read here: the exit below skips the report
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
