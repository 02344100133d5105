"""Running the real command line as a user does: a child process on a real SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def annotator(*args: str | Path, db: Path, user: str = "tester", timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "ANNOTATOR_USER": user, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("ANNOTATOR_DB", None)
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, args), "--db", str(db)],
                          capture_output=True, text=True, env=env, timeout=timeout)


def stats(db: Path) -> dict:
    result = annotator("stats", "--json", db=db)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
