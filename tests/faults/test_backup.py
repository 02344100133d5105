"""A backup is whole or absent under its own name, even when the process making it is killed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from annotator.store.database import backup_sqlite

ROWS = 200_000


def make_database(path: Path) -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE t (x TEXT)")
        connection.executemany("INSERT INTO t VALUES (?)", (("كلمة " * 20,) for _ in range(ROWS)))
    connection.close()


def test_a_backup_killed_midway_never_leaves_a_file_under_the_backup_name(tmp_path: Path) -> None:
    source = tmp_path / "a.db"
    make_database(source)
    code = ("import sys; from pathlib import Path; from annotator.store.database import backup_sqlite;"
            "backup_sqlite(Path(sys.argv[1]), Path(sys.argv[2]))")
    for trial, delay in enumerate((0.05, 0.1, 0.2, 0.4)):
        target = tmp_path / f"backup-{trial}.db"
        child = subprocess.Popen([sys.executable, "-c", code, str(source), str(target)])
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        if target.exists():  # finished before the kill: then it must be whole
            copy = sqlite3.connect(target)
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert copy.execute("SELECT count(*) FROM t").fetchone() == (ROWS,)
            copy.close()
    # The next backup to the same place removes the dead writers' partial copies.
    for trial in range(4):
        backup_sqlite(source, tmp_path / f"backup-{trial}.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.db"] + [f"backup-{t}.db" for t in range(4)]
    assert os.path.getsize(tmp_path / "backup-0.db") > 0
