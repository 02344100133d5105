"""The command line, run as a user runs it: a separate process on a real SQLite file."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"


def run(*args: str, db: Path, user: str = "tester", env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "ANNOTATOR_DB": str(db), "ANNOTATOR_USER": user, **(env or {})}
    return subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True,
                          env=environment, timeout=120)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cli.db"


def test_import_then_export_round_trip(tmp_path: Path, db: Path) -> None:
    result = run("import", str(DATA / "edge_cases.jsonl"), db=db)
    assert result.returncode == 0, result.stderr
    assert "3 new document(s)" in result.stdout and "9 new span(s)" in result.stdout
    again = run("import", str(DATA / "edge_cases.jsonl"), db=db)
    assert "0 new document(s), 3 already stored; 0 new span(s), 9 already stored" in again.stdout
    out = tmp_path / "out.jsonl"
    exported = run("export", "--format", "jsonl", "--out", str(out), db=db)
    assert exported.returncode == 0, exported.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    source = {json.loads(line).get("id", json.loads(line).get("name")): json.loads(line)
              for line in (DATA / "edge_cases.jsonl").read_text(encoding="utf-8").splitlines()}
    assert {d["id"] for d in lines} == set(source)
    for document in lines:
        assert document["text"] == source[document["id"]]["text"]
        assert set(document) >= {"id", "text", "sha256", "spans"}
        for span in document["spans"]:
            assert document["text"][span["start"]:span["end"]] == span["text"]
            assert span["status"] == "draft"
    annotators = {s["annotator"] for d in lines for s in d["spans"]}
    assert annotators == {"tester", "salma"}


def test_export_filters_from_the_command_line(tmp_path: Path, db: Path) -> None:
    run("import", str(DATA / "edge_cases.jsonl"), db=db)
    out = tmp_path / "dates.jsonl"
    result = run("export", "--format", "jsonl", "--out", str(out), "--label", "date", "--annotator", "tester",
                 "--status", "draft", db=db)
    assert result.returncode == 0, result.stderr
    spans = [s for line in out.read_text(encoding="utf-8").splitlines() for s in json.loads(line)["spans"]]
    assert sorted(s["text"] for s in spans) == ["2024", "١٥ مارس ٢٠٢٠"]
    bad = run("export", "--format", "jsonl", "--out", str(out), "--status", "done", db=db)
    assert bad.returncode == 1 and "unknown status 'done'" in bad.stderr


def test_bad_files_are_reported_and_leave_nothing_behind(tmp_path: Path, db: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_bytes("\ufeffمقال جيد عن دمشق\r\n".encode())
    (folder / "sub" / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / "half.jsonl").write_text('{"id": "a", "text": "نص أول"}\n{"id": "b", "text": "نص", '
                                       '"spans": [{"start": 0, "end": 99, "label": "actor"}]}\n', encoding="utf-8")
    (folder / "label.jsonl").write_text('{"id": "c", "text": "قال محمد", "spans": [{"start": 4, "end": 8, '
                                        '"label": "PER"}]}\n', encoding="utf-8")
    (folder / "notes.md").write_text("ignored", encoding="utf-8")
    result = run("import", str(folder), db=db)
    assert result.returncode == 1
    errors = result.stderr.splitlines()
    assert f"{folder / 'sub' / 'latin1.txt'}:1: not valid UTF-8 (byte 0xe9 at column 4)" in errors
    assert f"{folder / 'empty.txt'}: empty file: there is no text to annotate" in errors
    assert any(e.startswith(f"{folder / 'binary.txt'}:3: binary content") for e in errors)
    assert any(e.startswith(f"{folder / 'half.jsonl'}:2: span 1: end 99 is past the end") for e in errors)
    assert any(e.startswith(f"{folder / 'label.jsonl'}:1: unknown label 'PER'") for e in errors)
    assert "imported 1 file(s): 1 new document(s)" in result.stdout
    stats = json.loads(run("stats", "--json", db=db).stdout)
    assert stats["documents"] == 1 and stats["spans"] == 0
    added = run("import", "--add-labels", str(folder / "label.jsonl"), db=db)
    assert added.returncode == 0, added.stderr
    assert json.loads(run("stats", "--json", db=db).stdout)["labels"]["PER"] == 1


def test_missing_path_and_unknown_extension(tmp_path: Path, db: Path) -> None:
    (tmp_path / "x.csv").write_text("a,b", encoding="utf-8")
    result = run("import", str(tmp_path / "nope.txt"), str(tmp_path / "x.csv"), db=db)
    assert result.returncode == 1
    assert f"{tmp_path / 'nope.txt'}: no such file or directory" in result.stderr
    assert f"{tmp_path / 'x.csv'}: unsupported file type" in result.stderr


def test_stats_and_labels_commands(db: Path) -> None:
    run("import", str(DATA / "edge_cases.jsonl"), db=db)
    stats = run("stats", db=db)
    assert stats.returncode == 0
    assert "documents: 3 (3 with spans)" in stats.stdout and "salma" in stats.stdout
    assert run("labels", "add", "event", "--color", "#112233", "--key", "5", db=db).returncode == 0
    assert run("labels", "rename", "event", "incident", db=db).returncode == 0
    assert run("labels", "recolour", "incident", "#445566", db=db).returncode == 0
    listing = run("labels", db=db).stdout
    assert "5    incident         #445566" in listing
    assert listing.index("actor") < listing.index("claim") < listing.index("incident")
    refused = run("labels", "recolor", "incident", "blue", db=db)
    assert refused.returncode == 1 and "#rrggbb" in refused.stderr


def test_user_and_db_options_override_the_environment(tmp_path: Path, db: Path) -> None:
    other = tmp_path / "other.db"
    result = run("--db", str(other), "import", "--user", "noura", str(DATA / "edge_cases.jsonl"), db=db)
    assert result.returncode == 0, result.stderr
    assert not db.exists()
    stats = json.loads(run("stats", "--json", "--db", f"sqlite:///{other}", db=db).stdout)
    assert stats["annotators"] == {"noura": 8, "salma": 1}


def test_bad_database_gives_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "truncated.db"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 10)
    result = run("stats", db=junk)
    assert result.returncode == 1
    assert "truncated.db" in result.stderr and "Traceback" not in result.stderr


def test_first_start_opens_a_window_on_the_seed_article(tmp_path: Path, isolated_home: Path) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(isolated_home / "data")}
    environment = {k: v for k, v in os.environ.items() if k != "ANNOTATOR_DB"}
    result = subprocess.run([sys.executable, "-m", "annotator", "--quit-after", "300"], capture_output=True,
                            text=True, env={**environment, **env}, timeout=120)
    assert result.returncode == 0, result.stderr
    default_db = isolated_home / "data" / "annotator" / "annotator.db"
    assert default_db.exists()
    stats = run("stats", "--json", db=default_db)
    assert json.loads(stats.stdout)["documents"] == 1


def test_a_mistyped_command_is_a_usage_error_not_a_window(tmp_path: Path) -> None:
    result = run("modle", "train", db=tmp_path / "a.db")
    assert result.returncode == 2
    assert "'modle' is neither a command nor an existing file" in result.stderr and "import" in result.stderr
    assert not (tmp_path / "a.db").exists()


def test_the_command_names_known_up_front_are_the_ones_registered() -> None:
    from annotator.cli import build_parser
    from annotator.commands import COMMAND_NAMES

    _parser, handlers = build_parser()
    assert sorted(COMMAND_NAMES) == sorted(handlers)
