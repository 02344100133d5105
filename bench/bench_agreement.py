"""agreement: inter-annotator agreement of two annotators over 4,000 documents against 2,000 (it should
grow linearly: target ratio ≤ 2.2). Reported as not implemented while annotator.core.agreement is absent."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import time

from bench.corpus import LABELS, articles
from bench.measure import Metric, median


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--agreement-docs", type=int, nargs=2, default=(2000, 4000), metavar=("SMALL", "LARGE"))
    parser.add_argument("--agreement-repeat", type=int, default=7, help="runs per size (a few seconds each)")


def two_annotators(module, documents: int):  # type: ignore[no-untyped-def]
    """Texts and both annotators' units: B keeps four in five of A's spans, shifts some, adds a few."""
    texts, units = {}, []
    for number, article in enumerate(articles(documents, 1500, 20, seed=5)):
        texts[number] = article.text
        for i, (start, end, label) in enumerate(article.spans):
            units.append(module.Unit(number, start, end, label, "a"))
            if i % 5:
                units.append(module.Unit(number, start + (i % 3 == 0), end, label, "b"))
    return texts, units


def run(args: argparse.Namespace) -> list[Metric]:
    if importlib.util.find_spec("annotator.core.agreement") is None:
        return [Metric("agreement", None, None, "s", "ratio ≤ 2.2", None, "not implemented yet "
                       "(annotator.core.agreement does not exist)")]
    module = importlib.import_module("annotator.core.agreement")
    data = {size: two_annotators(module, size) for size in args.agreement_docs}
    times: dict[int, list[float]] = {size: [] for size in args.agreement_docs}
    # Interleaved, small then large, and the median of each: one run of each drifts with the machine.
    for _ in range(args.agreement_repeat):
        for size, (texts, units) in data.items():
            t0 = time.perf_counter()
            try:
                module.agreement(texts=texts, units=units, labels=list(LABELS))
            except (TypeError, AttributeError) as error:  # the API is new and may still change
                return [Metric("agreement", None, None, "s", "ratio ≤ 2.2", None, f"API changed: {error}")]
            times[size].append(time.perf_counter() - t0)
    small, large = args.agreement_docs
    value, baseline = median(times[large]), median(times[small])
    return [Metric("agreement", value, baseline, "s", "ratio ≤ 2.2", value / baseline <= 2.2,
                   f"agreement(): {large:,} documents vs {small:,} (2 annotators, ~20 spans each), "
                   f"median of {args.agreement_repeat} interleaved runs")]
