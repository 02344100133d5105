"""memory: the window's peak RSS with the 10,000-document database open and the 1 MB document shown with
its 20,000 spans loaded and painted (``window_rss``, ≤ 200 MB); and the peak RSS of importing one 50 MB
JSONL file above the same command at rest (``import_rss``, ≤ 100 MB: the import streams)."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench.corpus import articles, build_database, connect, insert_articles, write_jsonl
from bench.measure import Metric, child_env, run_child


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--memory-docs", type=int, default=10_000)
    parser.add_argument("--memory-import-mb", type=float, default=50)


def window_rss(tmp: Path, documents: int) -> Metric:
    db = tmp / "window.db"
    build_database(db, documents, 2700, 5)
    connection = connect(db, synchronous="OFF")
    (big,) = insert_articles(connection, [next(articles(1, int(1_000_000 / 1.83), 20_000, seed=3))])
    connection.close()
    run = run_child(["-m", "bench.window_rss", str(db), str(big)], env=child_env(ANNOTATOR_USER="bench"))
    if run.returncode != 0 or len(run.stdout.split()) != 2:
        raise RuntimeError(f"window harness failed: {run.stderr}")
    spans, peak_kb = run.stdout.split()
    peak = int(peak_kb) / 1024
    return Metric("window_rss", peak, None, "MB", "≤ 200 MB", peak <= 200,
                  f"{documents:,} documents, the 1 MB one shown with {int(spans):,} spans loaded and painted")


def import_rss(tmp: Path, megabytes: float) -> Metric:
    count = 10_000
    source = tmp / "one.jsonl"
    write_jsonl(source, list(articles(count, int(megabytes * 1e6 / 1.83 / count), 5, seed=13)))
    env = child_env(ANNOTATOR_USER="bench")
    rest = run_child(["-m", "annotator", "stats", "--db", str(tmp / "rest.db")], env=env)
    run = run_child(["-m", "annotator", "import", "--db", str(tmp / "import.db"), str(source)], env=env)
    if run.returncode != 0:
        raise RuntimeError(f"import failed: {run.stderr}")
    above = run.peak_rss_mb - rest.peak_rss_mb
    return Metric("import_rss", above, None, "MB", "≤ 100 MB above rest", above <= 100,
                  f"one {source.stat().st_size / 1e6:.0f} MB JSONL file: peak {run.peak_rss_mb:.0f} MB, "
                  f"the same command at rest {rest.peak_rss_mb:.0f} MB")


def run(args: argparse.Namespace) -> list[Metric]:
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as name:
        tmp = Path(name)
        return [window_rss(tmp, args.memory_docs), import_rss(tmp, args.memory_import_mb)]
