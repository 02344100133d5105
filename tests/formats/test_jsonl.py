import json
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.formats import format_for_path, get_format
from annotator.core.formats.base import ExportDocument
from annotator.core.formats.jsonl import read_jsonl, write_jsonl
from annotator.core.model import SpanRecord

DATA = Path(__file__).resolve().parents[1] / "data"


def write_lines(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reads_spans_and_doccano_labels() -> None:
    documents = list(read_jsonl(DATA / "edge_cases.jsonl"))
    assert [d.name for d in documents] == ["emoji-nested", "crlf", "tashkeel"]
    for document in documents:
        for span in document.spans:
            assert document.text[span.start:span.end].strip() != ""
    crlf = documents[1]
    assert "\r\n" in crlf.text
    assert [crlf.text[s.start:s.end] for s in crlf.spans] == ["دمشق", "القاهرة", "2024"]
    assert documents[0].spans[3].annotator == "salma"
    assert documents[2].meta == {"source": "test"}


def test_reads_doccano_entities_objects(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "d.jsonl", json.dumps(
        {"text": "في دمشق", "entities": [{"id": 1, "label": "location", "start_offset": 3, "end_offset": 7}]}))
    (document,) = read_jsonl(path)
    assert document.name == "d-1"
    assert (document.spans[0].start, document.spans[0].end) == (3, 7)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": "abc"', "malformed JSON"),
        ('["abc"]', "expected a JSON object"),
        ('{"id": "x"}', 'missing "text"'),
        ('{"id": "x", "text": "  "}', '"text" is empty'),
        ('{"id": "x", "text": "abc", "spans": [{"start": 2, "end": 9, "label": "actor"}]}', "past the end"),
        ('{"id": "x", "text": "abc", "spans": [{"start": -1, "end": 2, "label": "actor"}]}', "negative"),
        ('{"id": "x", "text": "abc", "spans": [{"start": 2, "end": 1, "label": "actor"}]}', "greater than"),
        ('{"id": "x", "text": "abc", "label": [[0, 1]]}', "expected \\[start, end, label\\]"),
        ('{"id": "x", "text": "abc", "spans": [{"start": 0, "end": 1, "label": "actor", "text": "b"}]}',
         "does not match"),
        ('{"id": "x", "text": "abc", "spans": "none"}', "must be a list"),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path: Path, line: str, reason: str) -> None:
    path = write_lines(tmp_path / "bad.jsonl", '{"id": "ok", "text": "fine"}', line)
    with pytest.raises(InputError, match=reason) as caught:
        list(read_jsonl(path))
    assert caught.value.line == 2
    assert str(caught.value).startswith(f"{path}:2: ")


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "dup.jsonl", '{"id": 1, "text": "a"}', "", '{"id": "1", "text": "b"}')
    with pytest.raises(InputError, match="duplicate id '1' \\(first on line 1\\)"):
        list(read_jsonl(path))


def test_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty file"):
        list(read_jsonl(write_lines(tmp_path / "e.jsonl", "", "  ")))


def test_unicode_line_separator_inside_text_does_not_split_the_line(tmp_path: Path) -> None:
    path = tmp_path / "ls.jsonl"
    path.write_text('{"id": "a", "text": "سطر\u2028آخر"}\n', encoding="utf-8")
    (document,) = read_jsonl(path)
    assert document.text == "سطر\u2028آخر"


def test_write_is_complete_lines_of_the_documented_keys(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    document = ExportDocument("n", "في دمشق", "abc", [SpanRecord(3, 7, "location", "دمشق", "salma", "accepted")])
    assert write_jsonl([document], out) == 1
    (obj,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert set(obj) == {"id", "text", "sha256", "spans", "relations", "meta"} and obj["meta"] == {}
    assert obj["spans"] == [{"id": None, "start": 3, "end": 7, "label": "location", "text": "دمشق",
                             "annotator": "salma", "status": "accepted", "origin": "manual"}]
    assert obj["relations"] == []


def test_every_line_has_the_same_keys(tmp_path: Path) -> None:
    # a reader that makes a table of the lines (doccano through pandas) fills a missing key with NaN
    out = tmp_path / "out.jsonl"
    write_jsonl([ExportDocument("a", "نص", "s1", [], {"source": "x"}), ExportDocument("b", "نص", "s2")], out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [set(line) for line in lines] == [{"id", "text", "sha256", "spans", "relations", "meta"}] * 2
    assert [line["meta"] for line in lines] == [{"source": "x"}, {}]
    assert [d.meta.get("source") for d in read_jsonl(out)] == ["x", None]


def test_failed_write_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"

    def documents():
        yield ExportDocument("n", "t", "s")
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        write_jsonl(documents(), out)
    assert list(tmp_path.iterdir()) == []


def test_formats_are_found_by_name_and_extension() -> None:
    assert get_format("jsonl").name == "jsonl"
    assert format_for_path(Path("a.JSONL")).name == "jsonl"
    assert format_for_path(Path("a.txt")).name == "text"
    assert format_for_path(Path("a.csv")) is None
