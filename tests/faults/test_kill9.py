"""kill -9 in the middle of tagging: every action reported as committed is in the database, the file
passes PRAGMA integrity_check, and the app opens it again."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from annotator.store import Store, open_database
from tests.faults.conftest import fault_trials, integrity

WORKER = Path(__file__).resolve().parent / "tag_worker.py"
SPANS_PER_TRIAL = 150  # far more than a trial lives to write; 100 trials fit in the document


def test_every_reported_tag_survives_sigkill(tagging_db: tuple[Path, int]) -> None:
    db, document_id = tagging_db
    seed = int(os.environ.get("ANNOTATOR_FAULT_SEED", "1"))
    rng = random.Random(seed)
    reported: list[tuple[int, int, int, str]] = []
    for trial in range(fault_trials()):
        worker = [str(WORKER), str(db), str(document_id), str(trial * SPANS_PER_TRIAL), str(SPANS_PER_TRIAL)]
        child = subprocess.Popen([sys.executable, *worker], stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", f"trial {trial}: the worker did not start"
        # Let it commit a random number of tags, then kill it at a random moment of the next one.
        for _ in range(rng.randint(0, 12)):
            line = child.stdout.readline()
            if line:
                reported.append(_parse(line))
        time.sleep(rng.uniform(0, 0.004))
        os.kill(child.pid, signal.SIGKILL)
        reported.extend(_parse(line) for line in child.stdout.read().splitlines())  # flushed before the kill
        child.wait()
        assert child.returncode == -signal.SIGKILL

        assert integrity(db) == "ok", f"seed {seed}, trial {trial}"
        engine = open_database(f"sqlite:///{db}")
        stored = {(s.id, s.start, s.end, s.label) for s in Store(engine, "tester").spans(document_id)}
        engine.dispose()
        missing = [r for r in reported if r not in stored]
        assert not missing, f"seed {seed}, trial {trial}: reported but not stored: {missing}"
    assert len(reported) > fault_trials()  # the trials did tag something


def _parse(line: str) -> tuple[int, int, int, str]:
    span_id, start, end, label = line.split()
    return int(span_id), int(start), int(end), label
