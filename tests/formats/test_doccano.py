import json
from pathlib import Path

import pytest

from annotator.core.formats import get_format
from annotator.core.formats.base import ExportDocument, FormatReport
from annotator.core.formats.doccano import IDENTICAL_LINK, NULL_AS_EMPTY, PADDED, write_doccano
from annotator.core.formats.jsonl import read_jsonl
from annotator.core.links import LinkRecord
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


# --- links: doccano's relation shape ---------------------------------------------------------------------

LINKED_TEXT = "قال محمد في بغداد أمس إن «الاتفاق سيوقع»"  # محمد 4-8, بغداد 12-17, أمس 18-21, the claim 25-40


def linked_documents() -> list[ExportDocument]:
    claim = "«الاتفاق سيوقع»"
    spans = [SpanRecord(25, 40, "claim", claim, "salma", id=11), SpanRecord(4, 8, "actor", "محمد", "salma", id=12),
             SpanRecord(18, 21, "date", "أمس", "salma", id=13),
             SpanRecord(4, 8, "actor", "محمد", "omar", id=14), SpanRecord(25, 40, "claim", claim, "omar", id=15),
             SpanRecord(12, 17, "location", "بغداد", "omar", id=16)]
    links = [LinkRecord(11, 12, "source", "salma", id=1), LinkRecord(11, 13, "time", "salma", id=2),
             LinkRecord(15, 14, "source", "omar", id=3),  # omar's copy of salma's first link
             LinkRecord(15, 16, "place", "omar", id=4)]
    return [
        ExportDocument("a", LINKED_TEXT, "sa", spans, {"source": "reuters"}, links),
        # span id 12 again (another database's ids, say): the entity gets another number
        ExportDocument("b", "في دمشق", "sb", [SpanRecord(3, 7, "location", "دمشق", "salma", id=12)], {"page": 3}),
        ExportDocument("c", "نص", "sc", [SpanRecord(0, 2, "claim", "نص")], {"label": "opinion"}),  # no id at all
    ]


def test_a_file_with_links_is_in_doccanos_relation_shape_on_every_line(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    report = FormatReport()
    assert write_doccano(iter(linked_documents()), out, report) == 3
    a, b, c = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert a == {
        "id": "a", "text": LINKED_TEXT,
        "entities": [{"id": 12, "label": "actor", "start_offset": 4, "end_offset": 8},
                     {"id": 16, "label": "location", "start_offset": 12, "end_offset": 17},
                     {"id": 13, "label": "date", "start_offset": 18, "end_offset": 21},
                     {"id": 11, "label": "claim", "start_offset": 25, "end_offset": 40}],
        "relations": [{"id": 1, "from_id": 11, "to_id": 12, "type": "source"},
                      {"id": 2, "from_id": 11, "to_id": 13, "type": "time"},
                      {"id": 4, "from_id": 11, "to_id": 16, "type": "place"}],
        "source": "reuters", "page": "", "meta": {}}
    assert list(a) == ["id", "text", "entities", "relations", "source", "page", "meta"]
    assert [list(line) for line in (b, c)] == [list(a)] * 2  # the same keys, in the same order, on every line
    assert b["entities"] == [{"id": 1, "label": "location", "start_offset": 3, "end_offset": 7}]
    assert c["entities"] == [{"id": 2, "label": "claim", "start_offset": 0, "end_offset": 2}]
    assert b["relations"] == c["relations"] == [] and c["meta"] == {"label": "opinion"}
    assert report.notes[IDENTICAL_LINK] == 1
    assert report.notes["identical span from another annotator written once"] == 2


def test_links_written_for_doccano_read_back_with_the_jsonl_reader(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    documents = linked_documents()
    write_doccano(documents, out)
    back = list(read_jsonl(out))
    for document, read in zip(documents, back, strict=True):
        assert read.text == document.text and span_set(read.spans) == span_set(document.spans)
        by_id = {s.id: (s.start, s.end, s.label) for s in document.spans}
        assert {(link.type, by_id[link.from_id], by_id[link.to_id]) for link in document.links} == {
            (link.type, (read.spans[int(link.from_id)].start, read.spans[int(link.from_id)].end,
                         read.spans[int(link.from_id)].label),
             (read.spans[int(link.to_id)].start, read.spans[int(link.to_id)].end, read.spans[int(link.to_id)].label))
            for link in read.links}
    assert len(back[0].links) == 3 and back[0].meta == {"source": "reuters", "page": ""}
    assert back[2].meta == {"source": "", "page": "", "label": "opinion"}


def test_a_file_without_links_keeps_the_label_shape(tmp_path: Path) -> None:
    out = tmp_path / "plain.jsonl"
    documents = linked_documents()
    write_doccano([ExportDocument(d.name, d.text, d.sha256, d.spans, d.meta) for d in documents], out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(list(line)[:3] == ["id", "text", "label"] and "entities" not in line and "relations" not in line
               for line in lines)
    assert lines[0]["label"] == [[4, 8, "actor"], [12, 17, "location"], [18, 21, "date"], [25, 40, "claim"]]


def doccano_1_8_relation_import(lines: list[dict], allow_overlapping: bool = True) -> tuple[list[dict], list[tuple]]:
    """What doccano 1.8.4's "JSONL(Relation)" import stores (data_import/datasets.py RelationExtractionDataset):
    a pandas table of the lines; every column but text, entities and relations is the example's JSON meta;
    the entities column exploded into spans (SpanLabel: int offsets, start < end, a label; ``id`` kept);
    Spans.clean drops a span overlapping an earlier one unless the project allows overlapping; then each
    relation (RelationLabel: int from_id, to_id, a type) looks its ends up by (span id, example) in the
    spans kept: a KeyError there fails the import."""
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame(lines)
    frame["example"] = range(len(frame))
    metas = [{k: v for k, v in row.items() if k not in ("text", "entities", "relations", "example")}
             for row in frame.to_dict(orient="records")]
    for meta in metas:
        json.dumps(meta, allow_nan=False)  # SQLite's CHECK JSON_VALID("meta")
    kept: dict[tuple[int, int], tuple[int, int, str]] = {}
    by_example: dict[int, list[dict]] = {}
    for row in frame.explode("entities").dropna(subset=["entities"]).to_dict(orient="records"):
        entity = row["entities"]
        assert all(type(entity[k]) is int for k in ("id", "start_offset", "end_offset"))
        assert 0 <= entity["start_offset"] < entity["end_offset"] and entity["label"]
        by_example.setdefault(row["example"], []).append(entity)
    for example, entities in by_example.items():
        last = -1
        for entity in sorted(entities, key=lambda e: e["start_offset"]):
            if allow_overlapping or entity["start_offset"] >= last:
                last = entity["end_offset"]
                kept[(entity["id"], example)] = (entity["start_offset"], entity["end_offset"], entity["label"])
    relations = []
    for row in frame.explode("relations").dropna(subset=["relations"]).to_dict(orient="records"):
        relation = row["relations"]
        assert all(type(relation[k]) is int for k in ("id", "from_id", "to_id")) and relation["type"]
        relations.append((relation["type"], kept[(relation["from_id"], row["example"])],
                          kept[(relation["to_id"], row["example"])]))
    return metas, relations


def test_doccanos_relation_import_takes_every_span_and_link(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    write_doccano(linked_documents(), out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    metas, relations = doccano_1_8_relation_import(lines)
    assert sorted(relations) == [("place", (25, 40, "claim"), (12, 17, "location")),
                                 ("source", (25, 40, "claim"), (4, 8, "actor")),
                                 ("time", (25, 40, "claim"), (18, 21, "date"))]
    assert metas[0] == {"id": "a", "source": "reuters", "page": "", "meta": {}}
    # entity ids are unique in the whole file, so a doccano that keys spans by id alone links them right too
    ids = [entity["id"] for line in lines for entity in line["entities"]]
    assert len(ids) == len(set(ids))


def test_doccano_must_allow_overlapping_spans_for_a_claim_linked_to_what_it_holds(tmp_path: Path) -> None:
    claim = "إن محمد قال أمس"
    document = ExportDocument("d", claim, "s", [SpanRecord(0, 15, "claim", claim, id=1),
                                                SpanRecord(3, 7, "actor", "محمد", id=2)],
                              links=[LinkRecord(1, 2, "source")])
    out = tmp_path / "nested.jsonl"
    write_doccano([document], out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert doccano_1_8_relation_import(lines)[1] == [("source", (0, 15, "claim"), (3, 7, "actor"))]
    with pytest.raises(KeyError):  # the actor inside the claim is dropped, and the relation to it fails
        doccano_1_8_relation_import(lines, allow_overlapping=False)
