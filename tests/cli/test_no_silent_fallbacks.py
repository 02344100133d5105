"""Options given but unusable are refused with one clear line, never replaced by a default."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "ANNOTATOR_USER": "tester", **(env or {})}
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, args)], capture_output=True, text=True,
                          env=full_env, timeout=120)


def refused(result: subprocess.CompletedProcess, words: str) -> None:
    assert result.returncode in (1, 2), result.stdout
    assert "Traceback" not in result.stderr
    assert words in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1, result.stderr


def test_an_empty_database_or_user_is_refused(tmp_path: Path) -> None:
    refused(run("stats", env={"ANNOTATOR_DB": ""}), "ANNOTATOR_DB is empty")
    refused(run("stats", "--db", ""), "--db is empty")
    refused(run("stats", "--db", tmp_path / "a.db", "--user", ""), "--user is empty")
    refused(run("stats", "--db", tmp_path / "a.db", env={"ANNOTATOR_USER": " "}), "ANNOTATOR_USER is set but empty")


@pytest.mark.parametrize("db, words", [
    ("foo://x", "unknown kind of database"),
    ("~nouser-annotator-test/x.db", "cannot use"),
    ("sqlite:////nonexistent-annotator/dir/x.db", "does not exist"),
    ("/nonexistent-annotator/dir/x.db", "does not exist"),
])
def test_unusable_database_values_say_why(db: str, words: str) -> None:
    refused(run("stats", "--db", db), words)
    assert not Path("/nonexistent-annotator").exists()


def test_a_folder_or_a_pipe_is_not_a_database(tmp_path: Path) -> None:
    refused(run("stats", "--db", tmp_path), "is a folder")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    refused(run("stats", "--db", fifo), "not a regular file")


def test_user_names_with_spaces_around_or_controls_are_refused(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    refused(run("--db", db, "users", "grant", " alice", "reviewer"), "spaces around it")
    refused(run("stats", "--db", db, "--user", "bob\x1b[31m"), "control character")
    refused(run("export", "--format", "jsonl", "--out", "", "--db", db), "empty path")
