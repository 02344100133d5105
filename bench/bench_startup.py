"""startup: process start to the first painted document view of ``annotator`` on an existing database,
against process start to the first paint of a bare PySide6 window holding one QTextEdit (``startup``), and
against that window plus ``import sqlalchemy`` and one query on the same database (``startup_floor``, the
floor of our own stack)."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.measure import ROOT, Metric, child_env, median


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--startup-repeat", type=int, default=7)


def first_paint_seconds(args: list[str], env: dict[str, str]) -> float:
    start = time.time()
    done = subprocess.run([sys.executable, "-m", "bench.first_paint", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"start-up harness failed: {done.stderr}")
    return float(done.stdout.split()[-1]) - start


def run(args: argparse.Namespace) -> list[Metric]:
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        db = Path(tmp) / "startup.db"
        # Own settings and data dirs; the seed article is imported by a first start, not a measured one.
        env = child_env(ANNOTATOR_USER="bench", XDG_CONFIG_HOME=tmp, XDG_DATA_HOME=tmp)
        first_paint_seconds(["annotator", "--db", str(db)], env)
        first_paint_seconds(["bare"], env)
        first_paint_seconds(["floor", str(db)], env)
        app, bare, floor = [], [], []
        for _ in range(args.startup_repeat):
            app.append(first_paint_seconds(["annotator", "--db", str(db)], env))
            bare.append(first_paint_seconds(["bare"], env))
            floor.append(first_paint_seconds(["floor", str(db)], env))
    value, baseline, stack = median(app), median(bare), median(floor)
    return [Metric("startup", value, baseline, "s", "(ratio to a bare window)", None,
                   f"median of {args.startup_repeat}, seed article on screen"),
            Metric("startup_floor", value, stack, "s", "ratio ≤ 1.3", value / stack <= 1.3,
                   "against the floor of our stack: the bare window plus SQLAlchemy and one query on the database")]
