"""tag: tag actions through the window's own command path (AnnotationSession.tag of a real MainWindow,
so the window's reactions to the change are included) on a database already holding 1,000,000 spans,
against a raw sqlite3 INSERT + COMMIT of one span row with the same file settings."""

from __future__ import annotations

import argparse
import gc
import random
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


def raw_inserts(db: Path, document_id: int, spans: list[tuple[int, int, str]], text: str) -> list[float]:
    connection = connect(db)
    labels = ids(connection, "labels")
    who = ids(connection, "annotators")["bench"]
    times = []
    for start, end, label in spans:
        now = datetime.now(UTC).isoformat(sep=" ")
        t0 = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute('INSERT INTO spans (document_id, start, "end", label_id, text, annotator_id, created_at,'
                           " updated_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft')",
                           (document_id, start, end, labels[label], text[start:end], who, now, now))
        connection.execute("COMMIT")
        times.append(time.perf_counter() - t0)
    connection.close()
    return times


def run(args: argparse.Namespace) -> list[Metric]:
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
        store = Store(open_database(f"sqlite:///{db}"), "bench")
        window = MainWindow(store)
        window.settings.setValue("suggestions/retrain_every", 0)  # the tag path alone (suggest: tag_while_training)
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

        gc.callbacks.append(on_gc)
        for start, end, label in spans[: args.tag_actions]:
            t0 = time.perf_counter()
            stored = window.session.tag(start, end, label)
            app_times.append(time.perf_counter() - t0)
            assert stored is not None, window.saved_label.text()
            app.processEvents()  # let the view redraw, as between a user's key presses (not timed)
        gc.callbacks.remove(on_gc)
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
        # The baseline writes into another document of the same table and indexes, 1M rows and all.
        other = store.document(document_ids[1]).text
        other_taken = {(s.start, s.end) for s in store.spans(document_ids[1])}
        raw_times = raw_inserts(db, document_ids[1], candidates(other, args.tag_actions, other_taken), other)
        window.close()
        store.engine.dispose()
    note = f"{args.tag_actions} tags, {documents * per_document:,} spans stored"
    value, baseline = median(app_times), median(raw_times)
    p99, raw_p99 = percentile(app_times, 0.99), percentile(raw_times, 0.99)
    return [Metric("tag_median", value, baseline, "s", "ratio ≤ 2", value / baseline <= 2, note),
            Metric("tag_p99", p99, raw_p99, "s", "value ≤ 30 ms", p99 <= 0.030, note),
            Metric("tag_session_only_median", median(session_times), baseline, "s", "(diagnostic)", None,
                   "AnnotationSession.tag with no window connected"),
            # The breakdown of a window tag, so that a regression shows which part grew.
            Metric("tag_store_median", median(store_times), baseline, "s", "(breakdown)", None,
                   "Store.add_span inside the window's tag (begin, insert, history, commit)"),
            Metric("tag_window_median", median(a - b for a, b in zip(app_times, store_times, strict=True)), None,
                   "s", "(breakdown)", None, "the rest: the session's undo command and the window's reactions"),
            Metric("tag_gc_max", max(gc_pauses, default=0.0), None, "s", "(breakdown)", None,
                   f"the longest garbage collection during the tags ({len(gc_pauses)} collections)")]
