"""A large import read in the reader process (annotator/import_reader.py) stores, refuses and reports exactly
what the import in one process does: the real pipeline, forced on for small files (``PROCESS_MIN_BYTES``),
against the same folder imported in one process."""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import import_reader, importer
from annotator.core.errors import InputError
from annotator.core.formats.mapping import LabelMapping
from annotator.importer import ImportReport, import_paths
from annotator.store import Store, open_database

DATA = Path(__file__).resolve().parent / "data"
WORDS = "قال الرئيس محمد في بغداد يوم الخميس إن الاتفاق سيوقع قريبا".split()


@pytest.fixture
def readers(monkeypatch: pytest.MonkeyPatch) -> list[import_reader.ReaderProcess]:
    """The reader processes the imports start, recorded."""
    started: list[import_reader.ReaderProcess] = []

    class Recorded(import_reader.ReaderProcess):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(importer, "ReaderProcess", Recorded)
    return started


def _store(tmp_path: Path, name: str) -> Store:
    return Store(open_database(f"sqlite:///{tmp_path / name}"), "tester")


def _import(monkeypatch: pytest.MonkeyPatch, store: Store, paths: list[Path], *, in_process: bool,
            **options) -> ImportReport:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(import_reader, "PROCESS_MIN_BYTES", 1 << 62 if in_process else 0)
    monkeypatch.setattr(import_reader, "usable_cores", lambda: 2)  # forced on a one-core machine too
    try:
        return import_paths(store, paths, **options)
    finally:
        store.engine.dispose()


def _both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: list[Path], **options) -> tuple:  # type: ignore[no-untyped-def,type-arg]
    """The report and the database content of the import in the reader process, then in this process."""
    out = []
    for in_process in (False, True):
        name = "here.db" if in_process else "reader.db"
        store = _store(tmp_path, name)
        report = _import(monkeypatch, store, paths, in_process=in_process, **options)
        out.append((_summary(report), _content(tmp_path / name)))
    return out[0], out[1]


def _summary(report: ImportReport) -> dict:  # type: ignore[type-arg]
    return {"files": [(str(path), result) for path, result in report.files],
            "errors": [str(error) for error in report.errors], "skipped": report.skipped,
            "notes": report.notes, "renamed": report.mapping.renamed, "dropped": report.mapping.dropped}


def _content(db: Path) -> dict:  # type: ignore[type-arg]
    """What the import stored, timestamps left out (the two imports ran at different times)."""
    queries = {
        "documents": "SELECT id, name, text, sha256, source_path, meta FROM documents ORDER BY id",
        "spans": 'SELECT id, document_id, start, "end", label_id, text, annotator_id, status, note, origin '
                 "FROM spans ORDER BY id",
        "links": "SELECT id, document_id, from_span_id, to_span_id, type_id, annotator_id, status, note FROM links "
                 "ORDER BY id",
        "history": "SELECT span_id, document_id, action, actor_id, before, after, reverted FROM span_history "
                   "ORDER BY id",
        "labels": "SELECT id, name, color, description FROM labels ORDER BY id",
        "link_types": "SELECT id, name, from_labels, to_labels FROM link_types ORDER BY id",
        "annotators": "SELECT id, name FROM annotators ORDER BY id",
    }
    connection = sqlite3.connect(db)
    try:
        content = {name: connection.execute(sql).fetchall() for name, sql in queries.items()}
    finally:
        connection.close()
    return content


def _jsonl(path: Path, count: int, *, start: int = 0, bad: dict[int, str] | None = None, chars: int = 200) -> Path:
    """``count`` documents, one a line, each with spans (one of them by another annotator, with a note) and a
    relation; ``bad`` replaces lines (numbered from 1) by what is given."""
    lines = []
    for number in range(start, start + count):
        text = " ".join(WORDS[(number + i) % len(WORDS)] for i in range(chars // 5)) + f" {number}"
        first, second = text.index(WORDS[2]), text.index(WORDS[4])
        spans = [{"id": 1, "start": first, "end": first + len(WORDS[2]), "label": "actor"},
                 {"id": 2, "start": second, "end": second + len(WORDS[4]), "label": "location", "annotator": "salma",
                  "note": "حاشية"},
                 {"id": 3, "start": 0, "end": len(WORDS[0]), "label": "claim"},
                 {"id": 4, "start": len(text) - len(str(number)), "end": len(text), "label": "date"}]
        lines.append(json.dumps({"id": f"doc-{number}", "text": text, "spans": spans,
                                 "relations": [{"type": "source", "from": 3, "to": 1}],
                                 "meta": {"n": number}, "source": "wire"}, ensure_ascii=False))
    for line, replacement in (bad or {}).items():
        lines[line - 1] = replacement
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_reader_process_stores_what_the_import_in_this_process_stores(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, readers: list) -> None:  # type: ignore[type-arg]
    folder = tmp_path / "in"
    shutil.copytree(DATA / "corpora", folder / "corpora")
    shutil.copy(DATA / "edge_cases.jsonl", folder)
    _jsonl(folder / "a.jsonl", 1_234)  # three chunks
    _jsonl(folder / "b.jsonl", 10, start=1_230)  # four documents already stored by a.jsonl
    mapping = LabelMapping.parse(["location=place,date=,MIS*="])
    reader, here = _both(tmp_path, monkeypatch, [folder], add_labels=True, mapping=mapping)
    assert len(readers) == 1 and readers[0].peak_kb  # the reader ran, and ended by itself
    assert reader == here
    summary, content = reader
    assert not summary["errors"] and len(summary["files"]) > 10
    assert summary["renamed"]["location → place"] >= 1_244 and summary["dropped"]["date"] >= 1_244
    assert summary["notes"]  # what the brat and CoNLL readers noted arrived too
    assert len(content["documents"]) > 1_240 and len(content["links"]) >= 1_244


def test_every_bad_file_fails_as_it_does_in_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         readers: list) -> None:  # type: ignore[type-arg]
    folder = tmp_path / "bad"
    shutil.copytree(DATA / "bad", folder)
    _jsonl(folder / "zz-good.jsonl", 20)
    reader, here = _both(tmp_path, monkeypatch, [folder])
    assert readers
    assert reader == here
    assert len(reader[0]["errors"]) > 40 and len(reader[0]["files"]) >= 1


@pytest.mark.parametrize(("bad_line", "message"), [
    ('{"id": "broken", "text": "قال', "malformed JSON"),  # the reader's own error, mid-file
    ('{"id": "nul", "text": "قال\\u0000 محمد"}', "NUL"),  # record_problem, checked in the reader
    ('{"id": "unknown", "text": "قال محمد", "spans": [{"start": 0, "end": 3, "label": "PERSON"}]}',
     "unknown label 'PERSON'"),  # refused by the store, the reader told to skip the rest of the file
])
def test_a_bad_line_deep_in_a_large_file_rolls_back_that_file_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, readers: list, bad_line: str,  # type: ignore[type-arg]
        message: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _jsonl(folder / "a.jsonl", 600)
    bad = _jsonl(folder / "b.jsonl", 1_300, start=600, bad={1_203: bad_line})
    _jsonl(folder / "c.jsonl", 700, start=1_900)
    reader, here = _both(tmp_path, monkeypatch, [folder])
    assert len(readers) == 1
    assert reader == here
    summary, content = reader
    (error,) = summary["errors"]
    assert error.startswith(f"{bad}:1203: ") and message in error
    assert [Path(path).name for path, _ in summary["files"]] == ["a.jsonl", "c.jsonl"]
    names = {row[1] for row in content["documents"]}
    assert len(names) == 1_300 and "doc-0" in names and "doc-2599" in names and "doc-600" not in names
    assert not any(process.is_alive() for process in multiprocessing.active_children()
                   if process.name == "annotator-import-reader")


def test_stopping_at_a_file_ends_the_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            readers: list) -> None:  # type: ignore[type-arg]
    paths = [_jsonl(tmp_path / f"{n}.jsonl", 700, start=n * 700) for n in range(4)]
    seen = []

    def progress(done: int, total: int, path: Path) -> bool:
        seen.append((done, total, path.name))
        return done < 2

    store = _store(tmp_path, "reader.db")
    report = _import(monkeypatch, store, paths, in_process=False, progress=progress)
    assert seen == [(0, 4, "0.jsonl"), (1, 4, "1.jsonl"), (2, 4, "2.jsonl")]
    assert [path.name for path, _ in report.files] == ["0.jsonl", "1.jsonl"] and not report.errors
    assert len(_content(tmp_path / "reader.db")["documents"]) == 1_400
    (reader,) = readers
    assert reader._process.exitcode is not None  # ended (terminated: it was reading 2.jsonl ahead)  # noqa: SLF001


def test_a_reader_killed_mid_import_fails_one_file_and_the_rest_import_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, readers: list) -> None:  # type: ignore[type-arg]
    # One chunk of 300 documents of 5,000 characters per file (3 MB): more than the socket holds, so the reader is
    # still sending 1.jsonl when it is killed before that file.
    paths = [_jsonl(tmp_path / f"{n}.jsonl", 300, start=n * 300, chars=5_000) for n in range(4)]

    def progress(done: int, total: int, path: Path) -> bool:
        if done == 1:
            os.kill(readers[0]._process.pid, signal.SIGKILL)  # noqa: SLF001
        return True

    store = _store(tmp_path, "reader.db")
    report = _import(monkeypatch, store, paths, in_process=False, progress=progress)
    assert [str(error) for error in report.errors] == [
        f"{paths[1]}: the import reader process stopped unexpectedly (killed by signal 9)"]
    assert [path.name for path, _ in report.files] == ["0.jsonl", "2.jsonl", "3.jsonl"]
    assert len(_content(tmp_path / "reader.db")["documents"]) == 900


def test_a_reader_that_never_started_leaves_the_import_to_this_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, readers: list) -> None:  # type: ignore[type-arg]
    # As when spawn runs an unguarded main script again in the reader: it ends before it says it started.
    def started(self: import_reader.ReaderProcess) -> bool:
        self._process.kill()  # noqa: SLF001
        self._process.join()  # noqa: SLF001
        self.stopped = True
        return False

    monkeypatch.setattr(import_reader.ReaderProcess, "started", started)
    paths = [_jsonl(tmp_path / f"{n}.jsonl", 50, start=n * 50) for n in range(2)]
    report = _import(monkeypatch, _store(tmp_path, "reader.db"), paths, in_process=False)
    assert readers and not report.errors and len(report.files) == 2


def test_the_command_reads_a_large_import_in_the_reader_process(tmp_path: Path) -> None:
    # The real command in a fresh interpreter (python -m annotator, as a user runs it): spawn must not run
    # annotator/__main__.py again in the reader, and the reader must start before the store is opened.
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(2):
        _jsonl(folder / f"{n}.jsonl", 500, start=n * 500, chars=2_800)
    assert sum(path.stat().st_size for path in folder.iterdir()) > import_reader.PROCESS_MIN_BYTES
    # Each reader process started is recorded with whether SQLAlchemy was loaded yet: the command starts its
    # reader first, so that the reader's start overlaps SQLAlchemy's import (import_reader.start_early).
    code = ("import runpy, sys\n"
            "import annotator.import_reader as reader\n"
            "starts = []\n"
            "class Recorded(reader._Started):\n"
            "    def __init__(self):\n"
            "        starts.append('sqlalchemy' in sys.modules)\n"
            "        super().__init__()\n"
            "reader._Started = Recorded\n"
            f"sys.argv = ['annotator', 'import', {str(folder)!r}, '--db', {str(tmp_path / 'cli.db')!r}]\n"
            "try:\n    runpy.run_module('annotator', run_name='__main__', alter_sys=True)\n"
            "except SystemExit as end:\n    code = end.code\n"
            "print('starts', starts, 'readers', len(reader.reader_peaks_kb), 'exit', code)\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert "imported 2 file(s): 1000 new document(s)" in result.stdout
    assert result.stdout.rstrip().endswith("starts [False] readers 1 exit 0")


def test_an_early_reader_not_needed_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """start_early starts a reader only for files large enough to be read in one; one that no import
    takes (a small import, a bad argument) is ended, at once, even while it is still starting."""
    small = _jsonl(tmp_path / "small.jsonl", 20)
    monkeypatch.setattr(import_reader, "usable_cores", lambda: 2)
    large = tmp_path / "large.db"
    large.write_bytes(bytes(import_reader.PROCESS_MIN_BYTES))
    import_reader.start_early(["import", str(small), "--db", str(large)])  # the database is not what is read
    assert not multiprocessing.active_children()
    monkeypatch.setattr(import_reader, "PROCESS_MIN_BYTES", small.stat().st_size)
    import_reader.start_early(["import", str(tmp_path), "--format", "jsonl"])  # a folder counts its files
    assert len(multiprocessing.active_children()) == 1
    import_reader.end_early()
    assert not multiprocessing.active_children()
    assert not import_reader._early  # noqa: SLF001


def test_the_command_takes_its_early_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            readers: list) -> None:  # type: ignore[type-arg]
    """In process: ``annotator import`` on a large folder starts its reader before anything else, and the
    import reads through that one (no second process); ``--help`` starts none."""
    from annotator import cli

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(2):
        _jsonl(folder / f"{n}.jsonl", 100, start=n * 100)
    monkeypatch.setattr(import_reader, "PROCESS_MIN_BYTES", 1)
    monkeypatch.setattr(import_reader, "usable_cores", lambda: 2)
    made: list[object] = []
    original = import_reader._Started  # noqa: SLF001

    class Recorded(original):  # type: ignore[misc,valid-type]
        def __init__(self) -> None:
            super().__init__()
            made.append(self.process)

    monkeypatch.setattr(import_reader, "_Started", Recorded)
    with pytest.raises(SystemExit):
        cli.main(["import", "--help"])
    assert not made
    assert cli.main(["import", str(folder), "--db", str(tmp_path / "cli.db")]) == 0
    assert len(made) == 1 and len(readers) == 1 and readers[0]._process is made[0]  # noqa: SLF001
    assert not multiprocessing.active_children()
    assert len(_content(tmp_path / "cli.db")["documents"]) == 200


def test_small_imports_are_read_in_this_process(tmp_path: Path, readers: list) -> None:  # type: ignore[type-arg]
    store = _store(tmp_path, "small.db")
    report = import_paths(store, [_jsonl(tmp_path / "a.jsonl", 20)])
    store.engine.dispose()
    assert not readers and len(report.files) == 1


def test_what_the_reader_raises_crosses_to_the_storing_process_intact() -> None:
    error = pickle.loads(pickle.dumps(import_reader._portable(InputError("a b.jsonl", 7, "bad"))))  # noqa: SLF001
    assert (type(error), error.path, error.line, error.reason, str(error)) == (
        InputError, "a b.jsonl", 7, "bad", "a b.jsonl:7: bad")
    decode = b"\xff".decode
    with pytest.raises(UnicodeDecodeError) as caught:
        decode("utf-8")
    for expected in (caught.value, RecursionError("deep"), MemoryError(), ValueError("no")):
        crossed = pickle.loads(pickle.dumps(import_reader._portable(expected)))  # noqa: SLF001
        assert type(crossed) is type(expected) and str(crossed) == str(expected)
    try:
        {}["missing"]  # a bug in a reader: it arrives with the reader's traceback
    except KeyError as bug:
        crossed = pickle.loads(pickle.dumps(import_reader._portable(bug)))  # noqa: SLF001
    assert isinstance(crossed, KeyError) and "in the import reader process" in crossed.__notes__[0]

    class Unpicklable(Exception):
        def __reduce__(self):  # type: ignore[no-untyped-def]
            raise TypeError("no")

    crossed = import_reader._portable(Unpicklable("odd"))  # noqa: SLF001
    assert isinstance(crossed, RuntimeError) and str(crossed).startswith("Unpicklable: odd")

    class TwoPartError(ValueError):  # pickles, but cannot be made again from its args
        def __init__(self, what: str, where: int) -> None:
            super().__init__(f"{what} at {where}")

    crossed = pickle.loads(pickle.dumps(import_reader._portable(TwoPartError("bad", 3))))  # noqa: SLF001
    assert type(crossed) is ValueError and str(crossed) == "bad at 3"  # still reported as a bad file
