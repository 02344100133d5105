"""Timing and memory helpers shared by the benchmarks."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Metric:
    """One number with the baseline it is judged against; ``target`` is a readable pass condition."""

    name: str
    value: float | None
    baseline: float | None
    unit: str
    target: str = ""
    passed: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def child_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), **extra}
    # A user's Python caches compiled modules; a sandbox that forbids it (PYTHONDONTWRITEBYTECODE=1) would
    # have every start compile the app's ~100 modules from source again (0.3 s here), which no user pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


@dataclass
class ChildRun:
    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str


def run_child(args: Sequence[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> ChildRun:
    """Run ``python -m MODULE ARGS...`` (``args`` starts with ``-m``) and return its wall time and its
    own peak RSS, reported by bench.peak_rss from inside the child (see there for why not rusage)."""
    base = Path(tempfile.mkdtemp(prefix="bench-child-"))
    report = base / "peak_kb"
    with open(base / "out", "w+b") as out, open(base / "err", "w+b") as err:
        start = time.perf_counter()
        process = subprocess.run([sys.executable, "-m", "bench.peak_rss", str(report), *args], stdout=out,
                                 stderr=err, env=env or child_env(), cwd=cwd or ROOT)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    peak = int(report.read_text()) / 1024 if report.exists() else float("nan")
    shutil.rmtree(base)
    return ChildRun(seconds, peak, process.returncode, stdout, stderr)
