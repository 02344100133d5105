"""``python -m bench [--json] [--only NAME]``: run the benchmarks and print a table (or JSON)."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys

from bench.measure import Metric

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The offscreen platform warns on every window resize; it says nothing about what is measured.
os.environ.setdefault("QT_LOGGING_RULES", "default.warning=false")

BENCHMARKS = ("open", "tag", "import", "export", "startup", "agreement", "sizes", "suggest", "memory", "pg")


def modules() -> dict[str, object]:
    return {name: importlib.import_module(f"bench.bench_{name}") for name in BENCHMARKS}


def build_parser(found: dict[str, object]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print {'metrics': {NAME: {...}}} instead of a table")
    parser.add_argument("--only", action="append", choices=BENCHMARKS, metavar="NAME",
                        help=f"run only this benchmark (repeatable): {', '.join(BENCHMARKS)}")
    for module in found.values():
        module.add_arguments(parser)  # type: ignore[attr-defined]
    return parser


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    if unit == "s" and value < 0.1:
        return f"{value * 1000:.3g} ms"
    return f"{value:.4g} {unit}".strip()


def table(metrics: list[Metric]) -> str:
    rows = [("metric", "value", "baseline", "ratio", "target", "ok", "note")]
    for m in metrics:
        ok = "-" if m.passed is None else ("yes" if m.passed else "NO")
        ratio = f"{m.ratio:.2f}" if m.ratio is not None else "-"
        rows.append((m.name, fmt(m.value, m.unit), fmt(m.baseline, m.unit), ratio, m.target, ok, m.note))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def as_json(metrics: list[Metric]) -> str:
    return json.dumps({"metrics": {m.name: {"value": m.value, "baseline": m.baseline, "ratio": m.ratio,
                                            "unit": m.unit, "target": m.target, "passed": m.passed,
                                            "note": m.note} for m in metrics}},
                      ensure_ascii=False, indent=2)


def main(argv: list[str] | None = None) -> int:
    found = modules()
    args = build_parser(found).parse_args(argv)
    metrics: list[Metric] = []
    for name in args.only or BENCHMARKS:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        metrics.extend(found[name].run(args))  # type: ignore[attr-defined]
    print(as_json(metrics) if args.json else table(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
