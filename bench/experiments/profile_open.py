"""``python -m bench.experiments.profile_open``: pyinstrument profile of 6 opens of a 1 MB document with
20,000 spans in the real window (needs ``pip install pyinstrument`` in .venv)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from pyinstrument import Profiler

from annotator.gui.app import application, load_bundled_fonts
from annotator.gui.main_window import MainWindow
from annotator.store import Store, open_database
from bench.corpus import build_database


def main() -> None:
    app = application()
    load_bundled_fonts()
    db = Path(tempfile.mkdtemp(prefix="bench-exp-")) / "open.db"
    ids = build_database(db, 2, 546_000, 20_000)
    window = MainWindow(Store(open_database(f"sqlite:///{db}"), "bench"))
    window.resize(1280, 800)
    window.show()
    window.open_document(ids[0])
    app.processEvents()
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for k in range(6):
        window.open_document(ids[(k + 1) % 2])
        app.processEvents()
        window.view.viewport().repaint()
    profiler.stop()
    print(profiler.output_text(color=False))


if __name__ == "__main__":
    main()
