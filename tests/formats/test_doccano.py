import json
from pathlib import Path

import pytest

from annotator.core.formats import get_format
from annotator.core.formats.base import ExportDocument, FormatReport
from annotator.core.formats.doccano import NULL_AS_EMPTY, PADDED, write_doccano
from annotator.core.formats.jsonl import read_jsonl
from annotator.core.model import SpanRecord
from tests.formats.helpers import edge_documents, span_set


def test_writes_doccano_lines_that_read_back_to_the_same_spans(tmp_path: Path) -> None:
    documents = edge_documents()
    out = tmp_path / "doccano.jsonl"
    report = FormatReport()
    assert write_doccano(documents, out, report) == len(documents)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for obj, document in zip(lines, documents, strict=True):
        assert obj["id"] == document.name and obj["text"] == document.text
        assert all(isinstance(s, int) and isinstance(e, int) and isinstance(label, str) for s, e, label in obj["label"])
        assert "spans" not in obj
    assert report.notes["identical span from another annotator written once"] == 1  # CNN, twice
    back = list(read_jsonl(out))
    for document, read in zip(documents, back, strict=True):
        assert span_set(read.spans) == span_set(document.spans)
        assert all(read.text[s.start:s.end] for s in read.spans)
    assert back[2].meta == {"source": "test"}


def test_the_format_is_registered_with_the_jsonl_reader() -> None:
    fmt = get_format("jsonl-doccano")
    assert fmt.read is read_jsonl and fmt.write is write_doccano


def test_metadata_named_like_a_span_key_is_not_read_as_spans(tmp_path: Path) -> None:
    out = tmp_path / "m.jsonl"
    write_doccano([ExportDocument("d", "نص", "s", [], {"source": "x", "label": "opinion"})], out)
    (read,) = read_jsonl(out)
    assert read.spans == [] and read.meta == {"source": "x", "label": "opinion"}


def varied_metadata() -> list[ExportDocument]:
    return [
        ExportDocument("a", "قال محمد", "sa", [SpanRecord(4, 8, "actor", "محمد", "salma")],
                       {"source": "reuters", "year": 2020}),
        ExportDocument("b", "في دمشق", "sb", [], {"page": 3, "source": None}),
        ExportDocument("c", "نص", "sc", []),
        ExportDocument("d", "نص آخر", "sd", [], {"label": "opinion", "tags": ["x", None]}),
    ]


def test_every_line_has_the_same_keys_whatever_the_metadata(tmp_path: Path) -> None:
    out = tmp_path / "m.jsonl"
    report = FormatReport()
    assert write_doccano(iter(varied_metadata()), out, report) == 4  # a single pass over the documents
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {frozenset(line) for line in lines} == {
        frozenset({"id", "text", "label", "source", "year", "page", "tags", "meta"})}
    a, b, c, d = lines
    assert (a["source"], a["year"], a["page"], a["tags"], a["meta"]) == ("reuters", 2020, "", "", {})
    assert (b["source"], b["page"]) == ("", 3)  # a null too: doccano's pandas would make it NaN
    assert all(c[key] == "" for key in ("source", "year", "page", "tags")) and c["meta"] == {}
    assert d["meta"] == {"label": "opinion"} and d["tags"] == ["x", None] and d["label"] == []
    assert report.notes[PADDED] == 2 + 2 + 4 + 3  # a: page, tags; b: year, tags; c: all four; d: source, year, page
    assert report.notes[NULL_AS_EMPTY] == 1
    back = {document.name: document for document in read_jsonl(out)}
    assert back["a"].meta == {"source": "reuters", "year": 2020, "page": "", "tags": ""}
    assert back["d"].meta["label"] == "opinion" and back["d"].spans == []


def doccano_1_8_metadata(lines: list[dict]) -> list[dict]:
    """What doccano 1.8.4 stores as each example's meta: its reader makes a pandas table of a batch of
    lines (pd.DataFrame(rows)), and every column but the text and labels becomes the JSON meta."""
    pandas = pytest.importorskip("pandas")
    rows = pandas.DataFrame(lines).to_dict(orient="records")
    return [{k: v for k, v in row.items() if k not in ("text", "label")} for row in rows]


def test_doccano_stores_valid_json_metadata_for_every_line(tmp_path: Path) -> None:
    out = tmp_path / "m.jsonl"
    write_doccano(varied_metadata(), out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for meta in doccano_1_8_metadata(lines):
        json.dumps(meta, allow_nan=False)  # SQLite's CHECK JSON_VALID("meta"): NaN is not JSON
    # the check catches the bug: lines with different keys give NaN (doccano #2229)
    unpadded = [{k: v for k, v in line.items() if v not in ("", {})} for line in lines]
    with pytest.raises(ValueError, match="not JSON compliant"):
        for meta in doccano_1_8_metadata(unpadded):
            json.dumps(meta, allow_nan=False)


def test_doccano_relations_are_read_as_links_and_not_kept_as_metadata(tmp_path: Path) -> None:
    line = {"id": 4, "text": "قال محمد في دمشق", "source": "x",
            "entities": [{"id": 11, "label": "actor", "start_offset": 4, "end_offset": 8},
                         {"id": 12, "label": "location", "start_offset": 12, "end_offset": 16}],
            "relations": [{"id": 3, "from_id": 11, "to_id": 12, "type": "in"},
                          {"id": 4, "from_id": 12, "to_id": 11, "type": "of"}]}
    path = tmp_path / "relations.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n" + json.dumps({"text": "نص", "relations": []}) + "\n",
                    encoding="utf-8")
    report = FormatReport()
    first, second = read_jsonl(path, report)
    assert [(s.start, s.end, s.label) for s in first.spans] == [(4, 8, "actor"), (12, 16, "location")]
    assert first.meta == {"source": "x"} and second.meta == {}
    assert [(link.from_id, link.to_id, link.type) for link in first.links] == [(0, 1, "in"), (1, 0, "of")]
