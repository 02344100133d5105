"""``python -m bench.experiments.tag_headers [SPANS_PER_DOCUMENT]``: tag latency in the real window as
it is, with the document list's count columns switched from ResizeToContents to Interactive at run
time, and through AnnotationSession with no window. 1,000 documents, 200 tags each way."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QHeaderView

from annotator.gui.app import application
from annotator.gui.main_window import MainWindow
from annotator.gui.session import AnnotationSession
from annotator.store import Store, open_database
from bench.bench_tag import candidates
from bench.corpus import build_database
from bench.measure import percentile

MODES = ("window as is", "count columns Interactive", "session, no window")


def main(spans_per_document: int) -> None:
    app = application()
    db = Path(tempfile.mkdtemp(prefix="bench-exp-")) / "tag.db"
    ids = build_database(db, 1000, 6000, spans_per_document)
    for number, mode in enumerate(MODES):
        store = Store(open_database(f"sqlite:///{db}"), "bench")
        if mode == "session, no window":
            session = AnnotationSession(store)
        else:
            window = MainWindow(store)
            window.resize(1280, 800)
            window.show()
            if mode == "count columns Interactive":
                for column in (1, 2, 3):
                    window.documents_table.horizontalHeader().setSectionResizeMode(
                        column, QHeaderView.ResizeMode.Interactive)
            session = window.session
        session.open_document(ids[number])
        app.processEvents()
        times = []
        for start, end, label in candidates(session.document.text, 200, {(s.start, s.end) for s in session.spans}):
            t0 = time.perf_counter()
            assert session.tag(start, end, label) is not None
            times.append(time.perf_counter() - t0)
            app.processEvents()
        middle, p99 = statistics.median(times) * 1000, percentile(times, 0.99) * 1000
        print(f"{mode:28} median {middle:6.2f} ms   p99 {p99:6.2f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
