"""One set of checks on every way in (labels add and rename, import, merge): what is stored can always
be exported and imported again; one bad file never stops the others, and nothing of it is written."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from annotator.core.model import DocumentRecord, SpanRecord
from annotator.store import Store, open_database
from annotator.store.transfer import import_records
from tests.faults.cli import annotator, stats


def jsonl(path: Path, *lines: dict) -> Path:
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return path


DOC = {"id": "d1", "text": "قال محمد في بغداد", "spans": [{"start": 4, "end": 8, "label": "actor"}]}


@pytest.mark.parametrize("label", ["my label", "a\tb", "x:y", "", "-lead", "l" * 101])
def test_one_label_rule_for_labels_add_rename_and_import(tmp_path: Path, label: str) -> None:
    db = tmp_path / "a.db"
    added = annotator("labels", "add", label, db=db)
    assert added.returncode != 0 and "Traceback" not in added.stderr
    renamed = annotator("labels", "rename", "actor", label, db=db)
    assert renamed.returncode != 0 and "Traceback" not in renamed.stderr
    bad = jsonl(tmp_path / "bad.jsonl", {**DOC, "spans": [{"start": 4, "end": 8, "label": label}]})
    imported = annotator("import", "--add-labels", bad, db=db)
    assert imported.returncode == 1 and f"{bad}:1:" in imported.stderr
    assert stats(db)["documents"] == 0


def test_a_label_every_format_carries_round_trips_through_conll_and_brat(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    source = jsonl(tmp_path / "in.jsonl", {**DOC, "spans": [{"start": 4, "end": 8, "label": "person-name.ar"}]})
    assert annotator("import", "--add-labels", source, db=db).returncode == 0
    for fmt, out in (("conll", tmp_path / "x.conll"), ("brat", tmp_path / "brat")):
        assert annotator("export", "--format", fmt, "--out", out, db=db).returncode == 0
        again = tmp_path / f"{fmt}.db"
        result = annotator("import", "--add-labels", out, db=again)
        assert result.returncode == 0, result.stderr
        assert stats(again)["spans"] == 1


def test_merge_checks_offsets_and_names_like_import(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    store = Store(open_database(f"sqlite:///{other}"), "bob")
    import_records(store, "x", [DocumentRecord("doc", "قال محمد في بغداد", [SpanRecord(4, 8, "actor")])])
    store.engine.dispose()
    raw = sqlite3.connect(other)
    with raw:
        raw.execute('UPDATE spans SET "end" = 500')
        raw.execute("UPDATE documents SET name = '../../tmp/esc'")
    raw.close()
    db = tmp_path / "a.db"
    result = annotator("merge", other, db=db)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "looks like a path" in result.stderr or "past the end" in result.stderr
    assert stats(db)["documents"] == 0


@pytest.mark.parametrize("line", [
    {**DOC, "spans": [{"start": 4, "end": 8, "label": "actor", "annotator": "bob\x1b[31m"}]},
    {**DOC, "meta": {"source": "\ud800"}},
    {**DOC, "spans": [{"start": 4, "end": 8, "label": "actor", "note": "x\ud800"}]},
])
def test_what_could_not_be_exported_again_is_refused_on_the_way_in(tmp_path: Path, line: dict) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(line) + "\n", encoding="utf-8")  # ASCII JSON: \ud800 stays an escape
    db = tmp_path / "a.db"
    result = annotator("import", bad, db=db)
    assert result.returncode == 1 and f"{bad}:1:" in result.stderr and "Traceback" not in result.stderr
    assert stats(db)["documents"] == 0


def test_one_bad_file_never_stops_a_folder_import(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "deep.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    bad_name = os.fsdecode(b"caf\xe9.jsonl")
    jsonl(folder / bad_name, {"id": "latin1-name", "text": "نص آخر", "spans": []})
    jsonl(folder / "z-good.jsonl", DOC)
    db = tmp_path / "a.db"
    result = annotator("import", folder, db=db)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "deep.jsonl" in result.stderr
    assert "imported 2 file(s)" in result.stdout
    assert stats(db)["documents"] == 2


def test_a_pipe_is_not_read_and_says_so(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    result = annotator("import", fifo, db=tmp_path / "a.db")
    assert result.returncode == 1 and "not a regular file" in result.stderr


def test_merge_reads_the_colleagues_file_without_changing_it(tmp_path: Path) -> None:
    import hashlib
    import shutil

    old = tmp_path / "colleague.db"
    shutil.copy(Path(__file__).resolve().parents[1] / "data" / "migrations" / "0002.db", old)
    before = hashlib.sha256(old.read_bytes()).hexdigest()
    db = tmp_path / "a.db"
    result = annotator("merge", old, "--add-labels", db=db)
    assert result.returncode == 0, result.stderr
    assert stats(db)["documents"] >= 1
    assert hashlib.sha256(old.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.db", "colleague.db"]  # no backup, no -wal beside it
