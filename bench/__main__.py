"""``python -m bench [--json] [--only NAME]``: run the benchmarks, each in a process of its own, and print a
table (or JSON)."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
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


def own_arguments(argv: list[str]) -> list[str]:
    """The command line without --only and --json: what each benchmark's own process is given."""
    kept, skip = [], False
    for argument in argv:
        if skip:
            skip = False
        elif argument == "--only":
            skip = True
        elif argument != "--json" and not argument.startswith("--only="):
            kept.append(argument)
    return kept


def run_in_own_process(name: str, argv: list[str]) -> list[Metric]:
    """One benchmark in a process of its own, as a user starts the app: what an earlier benchmark left in
    memory (a window and the 275,000 suggestions it showed) must not be walked by the garbage collector
    inside a later one's measurements (the tag loop once held a 256 ms collection of the open benchmark's
    leftovers), and no benchmark runs on another's warm caches."""
    child = subprocess.run([sys.executable, "-m", "bench", "--only", name, "--json", *own_arguments(argv)],
                           stdout=subprocess.PIPE, text=True, check=False)
    if child.returncode != 0:
        return [Metric(name, None, None, "", "", False, f"the benchmark failed (exit {child.returncode}; see above)")]
    return [Metric(metric, fields["value"], fields["baseline"], fields["unit"], fields["target"], fields["passed"],
                   fields["note"]) for metric, fields in json.loads(child.stdout)["metrics"].items()]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    found = modules()
    args = build_parser(found).parse_args(argv)
    names = args.only or BENCHMARKS
    metrics: list[Metric] = []
    for name in names:
        if len(names) == 1:
            print(f"running {name} ...", file=sys.stderr, flush=True)
            metrics.extend(found[name].run(args))  # type: ignore[attr-defined]
        else:
            metrics.extend(run_in_own_process(name, argv))  # (which says "running NAME ...")
    print(as_json(metrics) if args.json else table(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
