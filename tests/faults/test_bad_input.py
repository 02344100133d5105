"""Every kind of bad file in tests/data/bad/ goes through the real ``annotator import`` (or ``--db``):
a clear message naming the file (and line), exit status 1, no traceback, and nothing written."""

from __future__ import annotations

import shutil
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.faults.cli import annotator, stats

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"

# file -> (line named in the message or None, a fragment of the message)
IMPORT_CASES: dict[str, tuple[int | None, str]] = {
    "invalid_utf8.txt": (3, "not valid UTF-8 (byte 0xe9 at column 4)"),
    "utf16_bom.txt": (1, "UTF-16 encoded"),
    "utf16_no_bom.txt": (1, "binary content"),
    "utf32_bom.txt": (1, "UTF-32 encoded"),
    "binary_png.txt": (3, "binary content"),
    "empty.txt": (None, "empty file"),
    "bom_only.txt": (None, "empty file"),
    "whitespace_only.txt": (None, "empty file"),
    "empty.jsonl": (None, "empty file"),
    "blank_lines_only.jsonl": (None, "empty file"),
    "invalid_utf8.jsonl": (2, "not valid UTF-8"),
    "malformed_line2.jsonl": (2, "malformed JSON"),
    "malformed_crlf_line3.jsonl": (3, "malformed JSON"),
    "json_array.jsonl": (1, "expected a JSON object, got list"),
    "json_array_pretty.jsonl": (1, "malformed JSON"),
    "not_an_object.jsonl": (1, "expected a JSON object, got str"),
    "missing_text.jsonl": (1, 'missing "text"'),
    "text_not_string.jsonl": (1, 'missing "text"'),
    "empty_text.jsonl": (1, '"text" is empty'),
    "bad_id_type.jsonl": (1, '"id"/"name" must be'),
    "duplicate_ids.jsonl": (3, "duplicate id 'a' (first on line 1)"),
    "span_out_of_range.jsonl": (1, "end 99 is past the end"),
    "span_negative.jsonl": (1, "start -1 is negative"),
    "span_reversed.jsonl": (1, "end 4 must be greater than start 8"),
    "span_empty.jsonl": (1, "end 4 must be greater than start 4"),
    "span_float_offsets.jsonl": (1, "offsets must be integers"),
    "span_string_offsets.jsonl": (1, "offsets must be integers"),
    "span_bool_offsets.jsonl": (1, "offsets must be integers"),
    "span_text_mismatch.jsonl": (1, "does not match the document"),
    "span_missing_label.jsonl": (1, "needs start, end and label"),
    "span_empty_label.jsonl": (1, "label must be a non-empty string"),
    "unknown_label.jsonl": (2, "unknown label 'PERSON'"),
    "unknown_status.jsonl": (1, "unknown review status 'approved'"),
    "spans_not_list.jsonl": (1, '"spans" must be a list'),
    "doccano_bad_triple.jsonl": (1, "expected [start, end, label]"),
    "annotator_not_string.jsonl": (1, "annotator must be a non-empty string"),
    "bad_after_good_lines.jsonl": (3, "past the end"),
    "lone_surrogate.jsonl": (1, "surrogate"),
    "path_traversal_id.jsonl": (1, "id"),
    "nul_in_text.jsonl": (1, "NUL"),
    "huge_single_line.jsonl": (1, "malformed JSON"),  # generated below: too big to keep in git
    "duplicate_keys.jsonl": (1, "duplicate key 'text'"),
    "deep_nesting.jsonl": (1, "nested too deeply"),
    "surrogate_in_meta.jsonl": (1, "surrogate"),
    "surrogate_in_note.jsonl": (1, "surrogate"),
    "nul_in_note.jsonl": (1, "NUL"),
    "escape_in_annotator.jsonl": (1, "control character"),
    "label_with_space.jsonl": (1, "must be one word"),
    "label_too_long.jsonl": (1, "longer than 100"),
    "annotator_too_long.jsonl": (1, "longer than 200"),
    # brat: the .ann names the line; its .txt beside it is the document
    "brat_past_text.ann": (2, "do not fit the text of brat_past_text.txt"),
    "brat_wrong_text.ann": (1, "does not match brat_wrong_text.txt"),
}

# Bad inputs the importer does not refuse yet: name -> why (each one an xfail(strict=True) test).
KNOWN_BUGS: dict[str, str] = {}

# --db files -> a fragment of the message
DB_CASES: dict[str, str] = {
    "truncated.sqlite": "cannot open the database",
    "not_sqlite.sqlite": "file is not a database",
    "other_app.sqlite": "not an annotator database",
    "newer_schema.sqlite": "made by a newer version",
}


def _import_case(name: str, tmp: Path) -> tuple:
    path = tmp / "in" / name if name == "huge_single_line.jsonl" else BAD / name
    db = tmp / f"{name}.db"
    result = annotator("import", path, db=db)
    return path, result, stats(db)


def _db_case(name: str, tmp: Path) -> tuple:
    db = tmp / name
    shutil.copyfile(BAD / name, db)
    before = db.read_bytes(), _dump(db)
    result = annotator("stats", "--json", db=db)
    return db, result, before


def _dump(db: Path) -> list[str]:
    try:
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return list(connection.iterdump())
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return [f"unreadable: {error}"]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    """All cases at once, two child processes at a time (each one is a full interpreter start)."""
    tmp = tmp_path_factory.mktemp("bad")
    (tmp / "in").mkdir()
    # ~4 MB on one line, cut off inside the text string.
    (tmp / "in" / "huge_single_line.jsonl").write_text('{"id": "big", "text": "' + "قال محمد " * 250_000,
                                                       encoding="utf-8")
    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = {name: pool.submit(_import_case, name, tmp) for name in IMPORT_CASES}
        jobs.update({name: pool.submit(_db_case, name, tmp) for name in DB_CASES})
        return {name: job.result() for name, job in jobs.items()}


def test_the_corpus_has_every_kind() -> None:
    on_disk = {p.name for p in BAD.iterdir() if not p.name.startswith(".")}
    brat_texts = {Path(name).with_suffix(".txt").name for name in IMPORT_CASES if name.endswith(".ann")}
    assert on_disk == (set(IMPORT_CASES) - {"huge_single_line.jsonl"}) | set(DB_CASES) | brat_texts
    assert len(IMPORT_CASES) + len(DB_CASES) >= 25


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[n])) if n in KNOWN_BUGS else n
    for n in IMPORT_CASES])
def test_bad_file_is_refused_clearly_and_nothing_is_written(outcomes: dict[str, tuple], name: str) -> None:
    path, result, counts = outcomes[name]
    line, fragment = IMPORT_CASES[name]
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, (result.stdout, result.stderr)
    where = f"{path}:{line}: " if line is not None else f"{path}: "
    messages = [m for m in result.stderr.splitlines() if m.startswith(where)]
    assert messages, f"no message starting {where!r} in {result.stderr!r}"
    assert fragment in messages[0]
    assert counts["documents"] == 0 and counts["spans"] == 0


@pytest.mark.parametrize("name", list(DB_CASES))
def test_bad_database_is_refused_clearly_and_left_alone(outcomes: dict[str, tuple], name: str) -> None:
    db, result, before = outcomes[name]
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stderr.startswith("annotator: error: ") and str(db) in result.stderr
    assert DB_CASES[name] in result.stderr
    assert _dump(db) == before[1]


# A refused database must not be touched at all, not even its header (opening once switched another
# program's database to WAL mode before refusing it: bytes 18-19 of the header).
@pytest.mark.parametrize("name", list(DB_CASES))
def test_bad_database_file_is_byte_for_byte_unchanged(outcomes: dict[str, tuple], name: str) -> None:
    db, _result, before = outcomes[name]
    assert db.read_bytes() == before[0]
