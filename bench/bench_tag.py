"""tag: tag actions through the window's own command path (AnnotationSession.tag of a real MainWindow,
so the window's reactions to the change are included) on a database already holding 1,000,000 spans,
against a raw sqlite3 INSERT + COMMIT of one span row with the same file settings.

The raw baseline of ``tag_median`` and ``tag_p99`` runs in the same loop as the window's tags, each raw
insert after a repaint of the window as each tag is (into a copy of the database file, so neither
connection's page cache is spoiled by the other's writes): work between keypresses evicts the CPU
caches, which makes any insert slower than in a tight loop. The tight-loop raw insert is reported too
(``tag_raw_tight_median``)."""

from __future__ import annotations

import argparse
import gc
import random
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.corpus import LABELS, build_database, connect, ids, word_bounds
from bench.measure import Metric, median, percentile


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tag-actions", type=int, default=1000)
    parser.add_argument("--tag-db-spans", type=int, default=1_000_000, help="spans in the database before tagging")


def candidates(text: str, count: int, taken: set[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Word-aligned spans not yet in the document (a duplicate would be refused, not stored)."""
    rng = random.Random(7)
    bounds = word_bounds(text)
    found: list[tuple[int, int, str]] = []
    seen = set(taken)
    while len(found) < count:
        first = rng.randrange(len(bounds))
        last = min(first + rng.randint(0, 6), len(bounds) - 1)
        key = (bounds[first][0], bounds[last][1])
        if key not in seen:
            seen.add(key)
            found.append((*key, rng.choice(LABELS)))
    return found


class RawInserter:
    """One span row per call with raw sqlite3: BEGIN IMMEDIATE, INSERT, COMMIT, timed."""

    def __init__(self, db: Path, document_id: int, text: str) -> None:
        self.connection = connect(db)
        self.labels = ids(self.connection, "labels")
        self.who = ids(self.connection, "annotators")["bench"]
        self.document_id, self.text = document_id, text

    def insert(self, start: int, end: int, label: str) -> float:
        now = datetime.now(UTC).isoformat(sep=" ")
        t0 = time.perf_counter()
        self.connection.execute("BEGIN IMMEDIATE")
        self.connection.execute(
            'INSERT INTO spans (document_id, start, "end", label_id, text, annotator_id, created_at, updated_at,'
            " status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft')",
            (self.document_id, start, end, self.labels[label], self.text[start:end], self.who, now, now))
        self.connection.execute("COMMIT")
        return time.perf_counter() - t0

    def close(self) -> None:
        self.connection.close()


def raw_inserts(db: Path, document_id: int, spans: list[tuple[int, int, str]], text: str) -> list[float]:
    inserter = RawInserter(db, document_id, text)
    times = [inserter.insert(*span) for span in spans]
    inserter.close()
    return times


def run(args: argparse.Namespace) -> list[Metric]:
    import shiboken6

    from annotator.gui.app import application
    from annotator.gui.main_window import MainWindow
    from annotator.gui.session import AnnotationSession
    from annotator.store import Store, open_database

    app = application()
    per_document = 1000
    documents = max(3, args.tag_db_spans // per_document)
    with tempfile.TemporaryDirectory(prefix="bench-tag-") as tmp:
        db = Path(tmp) / "tag.db"
        document_ids = build_database(db, documents, 6000, per_document)
        twin = Path(tmp) / "raw.db"
        shutil.copyfile(db, twin)  # the interleaved raw baseline's own file, with the same 1M rows
        store = Store(open_database(f"sqlite:///{db}"), "bench")
        window = MainWindow(store)
        window.training.set_every(0)  # the tag path alone (suggest: tag_while_training)
        window.resize(1280, 800)
        window.show()
        window.open_document(document_ids[0])
        app.processEvents()
        text = window.session.document.text
        taken = {(s.start, s.end) for s in window.session.spans}
        spans = candidates(text, 2 * args.tag_actions, taken)
        app_times, store_times = [], []
        add_span = window.store.add_span

        def timed_add_span(*a, **k):  # type: ignore[no-untyped-def]
            began = time.perf_counter()
            try:
                return add_span(*a, **k)
            finally:
                store_times.append(time.perf_counter() - began)

        window.store.add_span = timed_add_span  # type: ignore[method-assign]
        gc_pauses: list[float] = []

        def on_gc(phase: str, _info: dict) -> None:  # type: ignore[type-arg]
            if phase == "start":
                on_gc.began = time.perf_counter()  # type: ignore[attr-defined]
            else:
                gc_pauses.append(time.perf_counter() - on_gc.began)  # type: ignore[attr-defined]

        other = store.document(document_ids[1]).text
        other_taken = {(s.start, s.end) for s in store.spans(document_ids[1])}
        raw_spans = candidates(other, 2 * args.tag_actions, other_taken)
        raw = RawInserter(twin, document_ids[1], other)
        raw_times = []
        gc.callbacks.append(on_gc)
        for (start, end, label), raw_span in zip(spans[: args.tag_actions], raw_spans, strict=False):
            t0 = time.perf_counter()
            stored = window.session.tag(start, end, label)
            app_times.append(time.perf_counter() - t0)
            assert stored is not None, window.saved_label.text()
            app.processEvents()  # let the view redraw, as between a user's key presses (not timed)
            raw_times.append(raw.insert(*raw_span))
            window.view.viewport().update()  # the same repaint before the next tag as after a tag
            app.processEvents()
        gc.callbacks.remove(on_gc)
        raw.close()
        window.store.add_span = add_span  # type: ignore[method-assign]
        # The same command path without a window listening: separates the store's cost from the views'.
        session = AnnotationSession(Store(store.engine, "bench"))
        session.open_document(document_ids[2])
        other_spans = candidates(session.document.text, args.tag_actions, {(s.start, s.end) for s in session.spans})
        session_times = []
        for start, end, label in other_spans:
            t0 = time.perf_counter()
            assert session.tag(start, end, label) is not None
            session_times.append(time.perf_counter() - t0)
        # The tight-loop baseline writes into another document of the same table and indexes, 1M rows and all.
        tight_times = raw_inserts(twin, document_ids[1], raw_spans[args.tag_actions:], other)
        window.close()
        shiboken6.delete(window)  # (a closed window lives on until deleted, with all it holds)
        store.engine.dispose()
    note = (f"{args.tag_actions} tags, {documents * per_document:,} spans stored; raw inserts in the same loop, "
            "each after a repaint as each tag is")
    value, baseline = median(app_times), median(raw_times)
    p99, raw_p99 = percentile(app_times, 0.99), percentile(raw_times, 0.99)
    return [Metric("tag_median", value, baseline, "s", "ratio ≤ 2", value / baseline <= 2, note),
            Metric("tag_p99", p99, raw_p99, "s", "value ≤ 30 ms", p99 <= 0.030, note),
            Metric("tag_session_only_median", median(session_times), median(tight_times), "s", "(diagnostic)",
                   None, "AnnotationSession.tag with no window connected, against the tight-loop raw insert"),
            Metric("tag_raw_tight_median", median(tight_times), None, "s", "(diagnostic)", None,
                   "the raw insert in a tight loop, with warm caches (no window work between inserts)"),
            # The breakdown of a window tag, so that a regression shows which part grew.
            Metric("tag_store_median", median(store_times), baseline, "s", "(breakdown)", None,
                   "Store.add_span inside the window's tag (begin, insert, history, commit)"),
            Metric("tag_window_median", median(a - b for a, b in zip(app_times, store_times, strict=True)), None,
                   "s", "(breakdown)", None, "the rest: the session's undo command and the window's reactions"),
            Metric("tag_gc_max", max(gc_pauses, default=0.0), None, "s", "(breakdown)", None,
                   f"the longest garbage collection during the tags ({len(gc_pauses)} collections)")]
