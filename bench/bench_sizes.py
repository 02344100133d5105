"""sizes: costs that must grow linearly, each run at 1x and 2x its size by the real command line (a child
process each, the fastest of ``ROUNDS`` runs of each), reporting time and peak memory at 2x against 1x: a
ratio near 2 is linear, near 4 quadratic. The inputs the break-it tests found growing wrongly:

- ``conll`` export of one long document (tokens of the whole document at once);
- ``labelstudio`` export of one document with many spans (was quadratic in spans per document);
- ``conll`` import of many sentences;
- ``jsonl`` import of many spans in one file.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bench.corpus import build_database, make_text, vocabulary
from bench.measure import ChildRun, Metric, child_env, run_child

LINEAR = 2.5  # 2x the input may cost at most this many times the 1x run
# Each pair is run this many times, 1x and 2x in turn, and each size's fastest run (and smallest peak) is
# compared: one run of each moved the CoNLL import's ratio between 1.86 and 2.54 with the code unchanged
# (this machine's slow spells only ever add time).
ROUNDS = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes-conll-chars", type=int, default=2_000_000, help="one document, 1x size")
    parser.add_argument("--sizes-ls-spans", type=int, default=20_000, help="spans in one document, 1x")
    parser.add_argument("--sizes-conll-sentences", type=int, default=100_000, help="sentences to import, 1x")
    parser.add_argument("--sizes-jsonl-spans", type=int, default=200_000, help="spans to import, 1x")


def _export(tmp: Path, tag: str, fmt: str, chars: int, spans: int) -> ChildRun:
    db = tmp / f"{tag}.db"
    if not db.exists():  # (built once, exported each round)
        build_database(db, 1, chars, spans)
    out = tmp / f"{tag}.{fmt}"
    run = run_child(["-m", "annotator", "export", "--db", str(db), "--format", fmt, "--out", str(out)],
                    env=child_env(ANNOTATOR_USER="bench"))
    if run.returncode != 0:
        raise RuntimeError(f"{fmt} export failed: {run.stderr[-500:]}")
    return run


def _import(tmp: Path, tag: str, path: Path) -> ChildRun:
    run = run_child(["-m", "annotator", "import", "--add-labels", "--db", str(tmp / f"{tag}.db"), str(path)],
                    env=child_env(ANNOTATOR_USER="bench", ANNOTATOR_BACKUPS="0"))
    if run.returncode != 0:
        raise RuntimeError(f"import of {path.name} failed: {run.stderr[-500:]}")
    return run


def _conll_file(path: Path, sentences: int) -> Path:
    rng = random.Random(sentences)
    words = [w.strip("،.«»“”()") for w in vocabulary()]
    words = [w for w in words if w]
    with path.open("w", encoding="utf-8") as out:
        for _ in range(sentences):
            for index in range(rng.randint(8, 20)):
                tag = "O" if index % 5 else "B-location"
                out.write(f"{rng.choice(words)}\t{tag}\n")
            out.write("\n")
    return path


def _jsonl_file(path: Path, spans: int) -> Path:
    rng = random.Random(spans)
    per_document = 200
    with path.open("w", encoding="utf-8") as out:
        for number in range(max(1, spans // per_document)):
            text = make_text(rng, vocabulary(), 4000) + f" {number}"
            starts = sorted(rng.sample(range(0, len(text) - 10), per_document))
            line = {"id": f"d{number}", "text": text,
                    "spans": [{"start": s, "end": s + 5, "label": "actor"} for s in starts]}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return path


def _pair(name: str, small: ChildRun, large: ChildRun, what: str) -> list[Metric]:
    time_ratio, memory_ratio = large.seconds / small.seconds, large.peak_rss_mb / small.peak_rss_mb
    return [
        Metric(f"size_{name}", large.seconds, small.seconds, "s", f"ratio ≤ {LINEAR}", time_ratio <= LINEAR,
               f"{what}: 2x vs 1x"),
        Metric(f"size_{name}_rss", large.peak_rss_mb, small.peak_rss_mb, "MB", f"ratio ≤ {LINEAR}",
               memory_ratio <= LINEAR, f"{what}: peak memory 2x vs 1x"),
    ]


def _best(runs: list[ChildRun]) -> ChildRun:
    fastest = min(runs, key=lambda run: run.seconds)
    return replace(fastest, peak_rss_mb=min(run.peak_rss_mb for run in runs))


def _sized(measure: Callable[[int, int], ChildRun]) -> tuple[ChildRun, ChildRun]:
    """The 1x and 2x runs of ``measure(k, round)``, the best of ``ROUNDS`` each, interleaved."""
    runs: dict[int, list[ChildRun]] = {1: [], 2: []}
    for round_ in range(ROUNDS):
        for k in (1, 2):
            runs[k].append(measure(k, round_))
    return _best(runs[1]), _best(runs[2])


def run(args: argparse.Namespace) -> list[Metric]:
    metrics: list[Metric] = []
    with tempfile.TemporaryDirectory(prefix="bench-sizes-") as name:
        tmp = Path(name)
        chars = args.sizes_conll_chars
        runs = _sized(lambda k, _round: _export(tmp, f"conll{k}", "conll", k * chars, k * chars // 200))
        metrics += _pair("conll_export", *runs, f"one document of {chars:,} characters")
        spans = args.sizes_ls_spans
        runs = _sized(lambda k, _round: _export(tmp, f"ls{k}", "labelstudio", k * spans * 12, k * spans))
        metrics += _pair("labelstudio_export", *runs, f"{spans:,} spans in one document")
        sentences = args.sizes_conll_sentences
        conll_files = {k: _conll_file(tmp / f"in{k}.conll", k * sentences) for k in (1, 2)}
        # (each round into a new database: a second import of the same file stores nothing)
        runs = _sized(lambda k, round_: _import(tmp, f"ci{k}-{round_}", conll_files[k]))
        metrics += _pair("conll_import", *runs, f"{sentences:,} sentences")
        count = args.sizes_jsonl_spans
        jsonl_files = {k: _jsonl_file(tmp / f"in{k}.jsonl", k * count) for k in (1, 2)}
        runs = _sized(lambda k, round_: _import(tmp, f"ji{k}-{round_}", jsonl_files[k]))
        metrics += _pair("jsonl_import", *runs, f"{count:,} spans")
    return metrics
