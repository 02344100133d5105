"""export: 1,000,000 spans written by the real ``annotator export --format jsonl`` (a child process)
against a raw sqlite3 fetch + json.dumps of the same documents and spans (a child process too); and the
command's peak memory with 1,000,000 spans against 100,000 (streaming must keep it flat); and the CoNLL
export of the same documents against the JSONL one (``export_conll``), and once each the brat, Hugging Face
and spaCy exports (``export_brat``, ``export_hf``, ``export_spacy``) against the same JSONL median."""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from bench.corpus import build_database
from bench.measure import Metric, child_env, median, run_child

SPANS_PER_DOCUMENT = 200
CONLL_ROUNDS = 3
# The other formats the issue holds to 2x the JSONL export: metric, format, what --out is named.
OTHER_FORMATS = (("export_brat", "brat", "brat"), ("export_hf", "hf", "jsonl"), ("export_spacy", "spacy", "spacy"))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--export-spans", type=int, default=1_000_000)
    parser.add_argument("--export-small-spans", type=int, default=100_000, help="the memory comparison's size")


def export_run(tmp: Path, spans: int, raw: bool, fmt: str = "jsonl", suffix: str | None = None):  # type: ignore[no-untyped-def]
    db = tmp / f"export-{spans}.db"
    if not db.exists():
        build_database(db, max(1, spans // SPANS_PER_DOCUMENT), 4000, SPANS_PER_DOCUMENT)
    out = tmp / f"out-{spans}-{'raw' if raw else 'app'}-{fmt}.{suffix or fmt}"
    args = (["-m", "bench.raw_export", str(db), str(out)] if raw
            else ["-m", "annotator", "export", "--db", str(db), "--format", fmt, "--out", str(out)])
    run = run_child(args, env=child_env(ANNOTATOR_USER="bench"))
    if run.returncode != 0:
        raise RuntimeError(f"export failed: {run.stderr}")
    if out.is_dir():  # (brat writes a folder)
        shutil.rmtree(out)
    else:
        out.unlink()
    return run


def run(args: argparse.Namespace) -> list[Metric]:
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp_name:
        tmp = Path(tmp_name)
        app = export_run(tmp, args.export_spans, raw=False)
        raw = export_run(tmp, args.export_spans, raw=True)
        small = export_run(tmp, args.export_small_spans, raw=False)
        # The CoNLL export against the JSONL one: the median of three of each, interleaved (one run of each
        # moved the ratio between 1.8 and 2.6 on this shared machine, with the code unchanged).
        jsonl_times, conll_times = [app.seconds], []
        for round_ in range(CONLL_ROUNDS):
            conll_times.append(export_run(tmp, args.export_spans, raw=False, fmt="conll").seconds)
            if round_ < CONLL_ROUNDS - 1:
                jsonl_times.append(export_run(tmp, args.export_spans, raw=False).seconds)
        others = {metric: export_run(tmp, args.export_spans, raw=False, fmt=fmt, suffix=suffix).seconds
                  for metric, fmt, suffix in OTHER_FORMATS}
    conll, jsonl = median(conll_times), median(jsonl_times)
    ratio = app.seconds / raw.seconds
    growth = app.peak_rss_mb - small.peak_rss_mb
    return [
        Metric("export", app.seconds, raw.seconds, "s", "ratio ≤ 2", ratio <= 2,
               f"{args.export_spans:,} spans in {args.export_spans // SPANS_PER_DOCUMENT:,} documents"),
        Metric("export_peak_rss", app.peak_rss_mb, small.peak_rss_mb, "MB", "value − baseline ≤ 50 MB",
               growth <= 50, f"peak RSS at {args.export_spans:,} spans vs {args.export_small_spans:,}: "
               f"+{growth:.1f} MB"),
        Metric("export_conll", conll, jsonl, "s", "ratio ≤ 2", conll / jsonl <= 2,
               f"the same documents as CoNLL (tokenized, one token per line) against the JSONL export; the median "
               f"of {CONLL_ROUNDS} runs of each, interleaved"),
        *(Metric(metric, others[metric], jsonl, "s", "ratio ≤ 2", others[metric] / jsonl <= 2,
                 f"the same documents as {fmt}, one run, against the JSONL export's median")
          for metric, fmt, _suffix in OTHER_FORMATS),
    ]
