"""Exports never destroy what they did not write: a corpus folder, an edited export, other files; and
what an interrupted export left behind is cleaned by the next one."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.formats.base import EXPORT_MARKER, atomic_output, clean_stale_parts
from tests.faults.cli import annotator

NEWS = Path(__file__).resolve().parents[1] / "data" / "corpora" / "brat-example-data" / "news"


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_brat_export_over_the_brat_corpus_it_came_from_is_refused(tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    shutil.copytree(NEWS, corpus)
    before = snapshot(corpus)
    db = tmp_path / "a.db"
    imported = annotator("import", "--add-labels", corpus, db=db)
    assert imported.returncode == 0, imported.stderr

    result = annotator("export", "--format", "brat", "--out", corpus, db=db)
    assert result.returncode == 1
    assert "will not replace this folder" in result.stderr and str(corpus) in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(corpus) == before  # relations, attributes, notes and annotation.conf untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.db", "news"]  # no temporary left beside it


def test_our_own_export_is_replaced_but_not_once_someone_edited_it(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert annotator("import", NEWS / "000-introduction.ann", "--add-labels", db=db).returncode == 0
    out = tmp_path / "brat"
    assert annotator("export", "--format", "brat", "--out", out, db=db).returncode == 0
    assert (out / EXPORT_MARKER).is_file()
    assert annotator("export", "--format", "brat", "--out", out, db=db).returncode == 0  # ours, unchanged

    ann = next(out.glob("*.ann"))
    ann.write_text(ann.read_text(encoding="utf-8") + "R1\tOrigin Arg1:T1 Arg2:T2\n", encoding="utf-8")
    edited = snapshot(out)
    result = annotator("export", "--format", "brat", "--out", out, db=db)
    assert result.returncode == 1 and "changed since" in result.stderr and ann.name in result.stderr
    assert snapshot(out) == edited

    (out / "notes.md").write_text("mine", encoding="utf-8")
    ann.write_text(ann.read_text(encoding="utf-8").replace("R1\tOrigin Arg1:T1 Arg2:T2\n", ""), encoding="utf-8")
    result = annotator("export", "--format", "brat", "--out", out, db=db)
    assert result.returncode == 1 and "notes.md" in result.stderr


def test_exported_files_and_folders_get_the_usual_mode(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert annotator("import", NEWS / "000-introduction.ann", "--add-labels", db=db).returncode == 0
    umask = os.umask(0o022)
    os.umask(umask)
    assert annotator("export", "--format", "jsonl", "--out", tmp_path / "x.jsonl", db=db).returncode == 0
    assert annotator("export", "--format", "brat", "--out", tmp_path / "b", db=db).returncode == 0
    assert (tmp_path / "x.jsonl").stat().st_mode & 0o777 == 0o666 & ~umask
    assert (tmp_path / "b").stat().st_mode & 0o777 == 0o777 & ~umask
    assert all(p.stat().st_mode & 0o777 == 0o666 & ~umask for p in (tmp_path / "b").iterdir())


def test_stale_parts_of_a_killed_export_are_cleaned_by_the_next_one(tmp_path: Path) -> None:
    out = tmp_path / "data.jsonl"
    # A writer that died: a process that has exited, so its id names nobody.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale_file = tmp_path / f".data.jsonl.{dead_pid}-0123abcd.part"
    stale_file.write_bytes(b"x" * 1000)
    stale_folder = tmp_path / f".data.jsonl.{dead_pid}-89abcdef.old"
    stale_folder.mkdir()
    (stale_folder / "x").write_text("x")
    live = tmp_path / f".data.jsonl.{os.getpid()}-00000000.part"  # being written right now: kept
    live.write_text("busy")
    unrelated = tmp_path / ".other.jsonl.1-00000000.part"
    unrelated.write_text("not ours to judge")

    with atomic_output(out) as handle:
        handle.write("{}\n")
    assert not stale_file.exists() and not stale_folder.exists()
    assert live.exists() and unrelated.exists() and out.read_text() == "{}\n"
    assert clean_stale_parts(out) == []


@pytest.mark.parametrize("kill_after", [0.3, 0.8])
def test_a_killed_export_leaves_nothing_that_the_next_export_keeps(tmp_path: Path, kill_after: float) -> None:
    db = tmp_path / "a.db"
    big = tmp_path / "big.jsonl"
    big.write_text("".join(f'{{"id": "d{i}", "text": "{"كلمة " * 200}"}}\n' for i in range(2000)), encoding="utf-8")
    assert annotator("import", big, db=db).returncode == 0
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "ANNOTATOR_USER": "tester"}
    child = subprocess.Popen([sys.executable, "-m", "annotator", "export", "--format", "jsonl", "--out", str(out),
                              "--db", str(db)], env=env)
    try:
        child.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
    assert annotator("export", "--format", "jsonl", "--out", out, db=db).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.db", "big.jsonl", "out.jsonl"]
