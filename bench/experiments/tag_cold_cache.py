"""``python -m bench.experiments.tag_cold_cache``: why Store.add_span is slower under the window than in
a loop of tags. 400 tags each way on 100 documents x 1,000 spans; prints the median of the whole tag
and of Store.add_span alone: in the real window (events processed between tags), through a bare
AnnotationSession in a tight loop, and through the bare session with unrelated work between tags."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from annotator.gui.app import application
from annotator.gui.main_window import MainWindow
from annotator.gui.session import AnnotationSession
from annotator.store import Store, open_database
from bench.bench_tag import candidates
from bench.corpus import build_database

MODES = ("window", "session, tight loop", "session, other work between tags")


def main() -> None:
    app = application()
    db = Path(tempfile.mkdtemp(prefix="bench-exp-")) / "tag.db"
    ids = build_database(db, 100, 6000, 1000)
    junk = [random.random() for _ in range(300_000)]
    for number, mode in enumerate(MODES):
        store = Store(open_database(f"sqlite:///{db}"), "bench")
        if mode == "window":
            window = MainWindow(store)
            window.resize(1280, 800)
            window.show()
            session = window.session
        else:
            session = AnnotationSession(store)
        session.open_document(ids[number])
        app.processEvents()
        store_times: list[float] = []
        add_span = store.add_span

        def timed_add_span(*args, add_span=add_span, store_times=store_times, **kwargs):  # type: ignore[no-untyped-def]
            t0 = time.perf_counter()
            try:
                return add_span(*args, **kwargs)
            finally:
                store_times.append(time.perf_counter() - t0)

        store.add_span = timed_add_span  # type: ignore[method-assign]
        times = []
        for start, end, label in candidates(session.document.text, 400, {(s.start, s.end) for s in session.spans}):
            t0 = time.perf_counter()
            assert session.tag(start, end, label) is not None
            times.append(time.perf_counter() - t0)
            if mode == "window":
                app.processEvents()
            elif mode.endswith("between tags"):
                sorted(junk)  # what a repaint does to the CPU caches, roughly
                time.sleep(0.002)
        print(f"{mode:34} tag {statistics.median(times) * 1000:5.2f} ms   "
              f"Store.add_span {statistics.median(store_times) * 1000:5.2f} ms")
        store.engine.dispose()


if __name__ == "__main__":
    main()
