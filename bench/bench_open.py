"""open: a 1 MB Arabic document with 20,000 spans, opened and first painted in the real window, against
the same text in a bare QPlainTextEdit with no spans.

The window may show the text first and load the rest of the spans a moment later (the session's
``spansLoaded`` signal): the first paint is the metric, the time until every span is loaded and painted
is reported beside it, and that deferred work is drained before the baseline is timed, so that it is
never counted in the baseline's time."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.corpus import build_database
from bench.measure import Metric, median, timed

WINDOW_SIZE = (1280, 800)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--open-bytes", type=int, default=1_000_000, help="document size in UTF-8 bytes")
    parser.add_argument("--open-spans", type=int, default=20_000)
    parser.add_argument("--open-repeat", type=int, default=5)


def run(args: argparse.Namespace) -> list[Metric]:
    import shiboken6
    from PySide6.QtCore import QEventLoop, QThreadPool
    from PySide6.QtWidgets import QPlainTextEdit

    from annotator.gui.app import application, load_bundled_fonts
    from annotator.gui.main_window import MainWindow
    from annotator.gui.suggesting import COMPUTE_AFTER_MS
    from annotator.store import Store, open_database

    app = application()
    load_bundled_fonts()
    with tempfile.TemporaryDirectory(prefix="bench-open-") as tmp:
        db = Path(tmp) / "open.db"
        # Arabic letters are two bytes in UTF-8, and spaces one: ~1.83 bytes per code point.
        chars = int(args.open_bytes / 1.83)
        # Two documents, opened alternately: the window skips re-opening the document already shown.
        ids = build_database(db, 2, chars, args.open_spans)
        store = Store(open_database(f"sqlite:///{db}"), "bench")
        texts = [store.document(i).text for i in ids]

        window = MainWindow(store)
        window.resize(*WINDOW_SIZE)
        window.show()
        app.processEvents()

        loaded: list[float] = []
        deferred = hasattr(window.session, "spansLoaded")
        if deferred:
            window.session.spansLoaded.connect(lambda _spans: loaded.append(time.perf_counter()))

        def open_in_window(document_id: int) -> tuple[float, float]:
            """Seconds to the first paint, and to the paint with every span loaded."""
            loaded.clear()
            start = time.perf_counter()
            window.open_document(document_id)
            app.processEvents()
            window.view.viewport().repaint()
            first_paint = time.perf_counter() - start
            deadline = time.perf_counter() + 10
            while deferred and not loaded and time.perf_counter() < deadline:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            app.processEvents()
            window.view.viewport().repaint()
            complete = time.perf_counter() - start
            settle()
            return first_paint, complete

        def settle() -> None:
            """Let the opened document's suggestions be computed and drawn before the next measurement:
            they take seconds on a 1 MB text (a child process computes them, then a worker thread reads
            tens of thousands back), which would otherwise land inside whichever measurement comes next."""
            until = time.perf_counter() + (COMPUTE_AFTER_MS + 50) / 1000
            while time.perf_counter() < until:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            if hasattr(window.suggesting, "wait"):
                window.suggesting.wait()
            QThreadPool.globalInstance().waitForDone()
            app.processEvents()

        bare = QPlainTextEdit()
        bare.setReadOnly(True)
        bare.resize(*WINDOW_SIZE)
        bare.show()
        app.processEvents()

        def open_bare(text: str) -> None:
            bare.setPlainText(text)
            app.processEvents()
            bare.viewport().repaint()

        for i, text in zip(ids, texts, strict=True):  # warm-up: fonts, glyph caches
            open_in_window(i)
            open_bare(text)
        window_times, complete_times, bare_times = [], [], []
        for round_ in range(args.open_repeat):
            k = round_ % 2
            first_paint, complete = open_in_window(ids[k])
            window_times.append(first_paint)
            complete_times.append(complete)
            bare_times.append(timed(lambda k=k: open_bare(texts[k])))
        size = len(texts[0].encode())
        window.close()
        shiboken6.delete(window)  # (a closed window lives on until deleted, with all it holds)
        bare.close()
        shiboken6.delete(bare)
        store.engine.dispose()
    value, baseline = median(window_times), median(bare_times)
    note = f"{size / 1e6:.2f} MB, {args.open_spans} spans, median of {args.open_repeat}"
    return [Metric("open", value, baseline, "s", "ratio ≤ 1.5", value / baseline <= 1.5, note),
            Metric("open_all_spans", median(complete_times), baseline, "s", "(diagnostic)", None,
                   "until every span is loaded and painted" if deferred else "spans are not deferred")]
