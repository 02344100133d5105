"""Links carried by Label Studio (relation results), spaCy (doc.user_data["relations"]) and Hugging Face
(``spans`` and ``relations`` columns): out, back in, and what each leaves out, said in the report."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from annotator.core.formats.base import ExportDocument, FormatReport
from annotator.core.formats.hf import FORMAT as HF
from annotator.core.formats.hf import LINK_ACROSS_ROWS, SPANS_COLUMN_ONLY, read_hf, write_hf
from annotator.core.formats.labelstudio import FORMAT as LABELSTUDIO
from annotator.core.formats.labelstudio import (
    LINK_ACROSS_ANNOTATIONS,
    LINK_TO_IDENTICAL,
    RELATIONS_SKIPPED,
    read_labelstudio,
    write_labelstudio,
)
from annotator.core.formats.spacy_docbin import FORMAT as SPACY
from annotator.core.formats.spacy_docbin import LINK_END_LEFT_OUT, RELATION_WITHOUT_SPANS
from annotator.core.links import LinkRecord
from annotator.core.model import DocumentRecord, SpanRecord
from tests.formats.test_labelstudio import label_studio_refusal

# An emoji first, so that code points and UTF-16 units differ; two sentences; a proclitic left out of للقوات.
TEXT = "👍🏽 قال محمد في بغداد أمس إن «الاتفاق سيوقع». وأضاف علي أن «الحرب انتهت» للقوات."


def span(span_id: int, covered: str, label: str, annotator: str = "salma", nth: int = 1,
         status: str = "draft") -> SpanRecord:
    start = -1
    for _ in range(nth):
        start = TEXT.index(covered, start + 1)
    return SpanRecord(start, start + len(covered), label, covered, annotator, status, id=span_id)


def linked_document() -> ExportDocument:
    spans = [span(11, "«الاتفاق سيوقع»", "claim"), span(12, "محمد", "actor", status="accepted"),
             span(13, "أمس", "date"), span(14, "بغداد", "location"), span(15, "«الحرب انتهت»", "claim", "noura"),
             span(16, "علي", "actor", "noura"), span(17, "محمد", "actor", "tester")]
    links = [LinkRecord(11, 12, "source", "salma", "accepted", 1), LinkRecord(11, 13, "time", "salma", "draft", 2),
             LinkRecord(11, 14, "place", "salma", "draft", 3), LinkRecord(15, 16, "source", "noura", "draft", 4)]
    return ExportDocument("doc", TEXT, "sha-doc", spans, {}, links)


def triples(document: ExportDocument | DocumentRecord) -> list[tuple[str, str, str]]:
    """Each link as (from text, type, to text), its ends found by id (export) or index (read)."""
    if isinstance(document, ExportDocument):
        by_id = {s.id: s for s in document.spans}
        return sorted((by_id[link.from_id].text or "", link.type, by_id[link.to_id].text or "")
                      for link in document.links)
    return sorted((document.spans[int(link.from_id)].text or "", link.type,
                   document.spans[int(link.to_id)].text or "") for link in document.links)


def test_the_three_formats_say_they_carry_links() -> None:
    assert LABELSTUDIO.carries_links and SPACY.carries_links and HF.carries_links


# --- Label Studio ----------------------------------------------------------------------------------------


def test_label_studio_round_trip_keeps_the_links(tmp_path: Path) -> None:
    document = linked_document()
    out = tmp_path / "tasks.json"
    report = FormatReport()
    write_labelstudio([document], out, report)
    assert not report
    (task,) = json.loads(out.read_text(encoding="utf-8"))
    assert label_studio_refusal([task]) is None
    for annotation in task["annotations"]:
        regions = {r["id"] for r in annotation["result"] if r["type"] == "labels"}
        for result in annotation["result"]:
            if result["type"] == "relation":
                assert set(result) == {"from_id", "to_id", "type", "direction", "labels"}
                assert result["direction"] == "right" and len(result["labels"]) == 1
                assert {result["from_id"], result["to_id"]} <= regions  # both ends in the same annotation
    relations = [r for a in task["annotations"] for r in a["result"] if r["type"] == "relation"]
    assert sorted(r["labels"][0] for r in relations) == ["place", "source", "source", "time"]
    report = FormatReport()
    (back,) = read_labelstudio(out, report)
    assert not report
    assert triples(back) == triples(document)
    source = next(link for link in back.links if link.type == "source" and back.spans[link.to_id].text == "محمد")
    assert back.spans[source.to_id].annotator == "salma" and source.annotator == "salma"  # not tester's محمد
    assert {(link.type, link.annotator) for link in back.links} == {
        ("source", "salma"), ("time", "salma"), ("place", "salma"), ("source", "noura")}


def test_label_studio_region_ids_are_stable_from_one_export_to_the_next(tmp_path: Path) -> None:
    document = linked_document()
    write_labelstudio([document], tmp_path / "a.json")
    fewer = ExportDocument(document.name, TEXT, document.sha256, document.spans[1:], {}, [])  # the claim filtered out
    write_labelstudio([fewer], tmp_path / "b.json")

    def ids(path: Path) -> dict[str, str]:
        (task,) = json.loads(path.read_text(encoding="utf-8"))
        return {r["id"]: r["value"]["text"] for a in task["annotations"] for r in a["result"] if r["type"] == "labels"}

    first, second = ids(tmp_path / "a.json"), ids(tmp_path / "b.json")
    assert first["s12"] == "محمد" and first["s17"] == "محمد"
    assert all(first[rid] == text for rid, text in second.items())


def test_a_link_between_two_annotators_spans(tmp_path: Path) -> None:
    document = linked_document()
    # salma's claim to tester's محمد: salma has a محمد of her own (same offsets and label), tester has no claim.
    document.links = [LinkRecord(11, 17, "source", "salma"), LinkRecord(11, 17, "source", "tester"),
                      LinkRecord(15, 12, "source", "noura")]
    report = FormatReport()
    write_labelstudio([document], tmp_path / "t.json", report)
    assert report.notes[LINK_TO_IDENTICAL] == 1
    assert report.notes[LINK_ACROSS_ANNOTATIONS] == 2  # tester has no claim region, noura no محمد
    (back,) = read_labelstudio(tmp_path / "t.json")
    (link,) = back.links
    assert (back.spans[link.from_id].text, link.type, back.spans[link.to_id].text) == ("«الاتفاق سيوقع»", "source",
                                                                                      "محمد")
    assert back.spans[link.to_id].annotator == "salma" == link.annotator


def ls_region(rid: str, covered: str, label: str) -> dict[str, Any]:
    start = TEXT.index(covered)
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
            "value": {"start": start, "end": start + len(covered), "text": covered, "labels": [label]}}


def ls_relation(from_id: str, to_id: str, direction: str = "right", labels: list[str] | None = None) -> dict[str, Any]:
    relation: dict[str, Any] = {"from_id": from_id, "to_id": to_id, "type": "relation", "direction": direction}
    if labels is not None:
        relation["labels"] = labels
    return relation


def test_label_studio_relations_import_as_links(tmp_path: Path) -> None:
    """A task as Label Studio 1.23.2 exports it: relations right, left (ends swapped), bi, without a label,
    one to a region of another annotation and one to a prediction's region."""
    annotation = [ls_region("aB3xZ", "«الاتفاق سيوقع»", "claim"), ls_region("k9Qw1", "محمد", "actor"),
                  ls_region("Pp0_z", "أمس", "date"), ls_region("r4", "بغداد", "location"),
                  ls_relation("aB3xZ", "k9Qw1", labels=["source"]),
                  ls_relation("Pp0_z", "aB3xZ", "left", ["time"]),
                  ls_relation("aB3xZ", "r4", "bi", []),
                  ls_relation("aB3xZ", "other", labels=["source"]),
                  ls_relation("aB3xZ", "pred1", labels=["source"])]
    other = [ls_region("other", "علي", "actor")]
    task = {"id": 41, "data": {"text": TEXT}, "meta": {},
            "annotations": [{"id": 7, "completed_by": 1, "result": annotation, "was_cancelled": False},
                            {"id": 8, "completed_by": 2, "result": other, "was_cancelled": False}],
            "predictions": [{"model_version": "v1", "result": [ls_region("pred1", "علي", "actor")]}]}
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    report = FormatReport()
    (document,) = read_labelstudio(path, report)
    assert triples(document) == sorted([("«الاتفاق سيوقع»", "source", "محمد"), ("«الاتفاق سيوقع»", "time", "أمس"),
                                        ("«الاتفاق سيوقع»", "related", "بغداد"),
                                        ("«الاتفاق سيوقع»", "source", "علي")])
    predicted = next(link for link in document.links if document.spans[link.to_id].text == "علي")
    assert document.spans[predicted.to_id].annotator == "prediction:v1"
    assert {link.annotator for link in document.links} == {"1"} and {link.status for link in document.links} == {
        "draft"}
    assert report.notes[RELATIONS_SKIPPED] == 1  # the end in annotation 8


def test_label_studio_multi_label_relation_is_a_link_per_label(tmp_path: Path) -> None:
    task = {"data": {"text": TEXT}, "annotations": [{"result": [
        ls_region("a", "«الاتفاق سيوقع»", "claim"), ls_region("b", "محمد", "actor"),
        ls_relation("a", "b", labels=["source", "quoted"])]}]}
    (tmp_path / "t.json").write_text(json.dumps(task, ensure_ascii=False), encoding="utf-8")
    (document,) = read_labelstudio(tmp_path / "t.json")
    assert sorted(link.type for link in document.links) == ["quoted", "source"]


def test_label_studio_links_reach_the_database_and_back(tmp_path: Path) -> None:
    from annotator.store import Store, open_database
    from annotator.store.transfer import import_records
    from tests.faults.cli import annotator, stats

    text = "قال محمد في بغداد أمس إن «الاتفاق سيوقع»"
    db = tmp_path / "a.db"
    store = Store(open_database(f"sqlite:///{db}"), "salma")
    try:
        (document_id,) = import_records(store, "t", [DocumentRecord("doc", text)]).document_ids
        claim = store.add_span(document_id, 25, 40, "claim")
        store.add_link(claim.id, store.add_span(document_id, 4, 8, "actor").id)
        store.add_link(claim.id, store.add_span(document_id, 18, 21, "date").id)
    finally:
        store.engine.dispose()
    out = tmp_path / "out.json"
    exported = annotator("export", "--format", "labelstudio", "--out", out, db=db)
    assert exported.returncode == 0 and "link(s) left out" not in exported.stderr, exported.stderr
    again = tmp_path / "b.db"
    result = annotator("import", out, db=again, user="salma")
    assert result.returncode == 0 and "2 new link(s)" in result.stdout, result.stdout + result.stderr
    assert stats(again)["link_types"] == {"source": 1, "time": 1, "place": 0}


# --- spaCy -----------------------------------------------------------------------------------------------


def test_spacy_relations_are_in_user_data_and_read_back(tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    from annotator.core.formats.spacy_docbin import read_spacy, write_spacy

    document = linked_document()
    document.spans.append(span(18, "قوات", "actor", "noura"))  # inside للقوات: not on a token
    document.links.append(LinkRecord(15, 18, "source", "noura"))
    out = tmp_path / "x.spacy"
    report = FormatReport()
    write_spacy([document], out, report)
    assert report.notes[LINK_END_LEFT_OUT] == 1
    (doc,) = DocBin().from_disk(out).get_docs(spacy.blank("ar").vocab)
    relations = sorted((doc.char_span(*r["head"]).text, r["label"], doc.char_span(*r["child"]).text)
                       for r in doc.user_data["relations"])
    assert relations == triples(linked_document())
    assert all(set(r) >= {"head", "child", "label"} for r in doc.user_data["relations"])
    in_sc = {(s.start_char, s.end_char) for s in doc.spans["sc"]}
    assert all({tuple(r["head"]), tuple(r["child"])} <= in_sc for r in doc.user_data["relations"])
    report = FormatReport()
    (back,) = read_spacy(out, report)
    assert not report.notes
    assert triples(back) == triples(linked_document())
    assert sorted((link.type, link.annotator, link.status, back.spans[int(link.to_id)].annotator)
                  for link in back.links) == [("place", "salma", "draft", "salma"),
                                              ("source", "noura", "draft", "noura"),
                                              ("source", "salma", "accepted", "salma"),
                                              ("time", "salma", "draft", "salma")]


def test_spacy_relations_of_a_docbin_made_elsewhere(tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    from annotator.core.formats.spacy_docbin import read_spacy

    doc = spacy.blank("ar").make_doc("قال محمد إن الاتفاق سيوقع")
    doc.spans["sc"] = [doc.char_span(4, 8, label="actor"), doc.char_span(12, 25, label="claim")]
    doc.user_data["relations"] = [{"head": [12, 25], "child": [4, 8], "label": "source"},
                                  {"head": [12, 25], "child": [0, 3], "label": "source"}]
    DocBin(docs=[doc], store_user_data=True).to_disk(tmp_path / "ext.spacy")
    report = FormatReport()
    (record,) = read_spacy(tmp_path / "ext.spacy", report)
    assert triples(record) == [("الاتفاق سيوقع", "source", "محمد")]
    assert report.notes[RELATION_WITHOUT_SPANS] == 1


# --- Hugging Face ----------------------------------------------------------------------------------------


# read_hf joins a row's tokens with spaces: « and » stand apart from the words they enclose
HF_TRIPLES = sorted([("« الاتفاق سيوقع »", "source", "محمد"), ("« الاتفاق سيوقع »", "time", "أمس"),
                     ("« الاتفاق سيوقع »", "place", "بغداد"), ("« الحرب انتهت »", "source", "علي")])


def hf_rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_hf_rows_carry_spans_and_relations(tmp_path: Path) -> None:
    document = linked_document()
    document.links.append(LinkRecord(15, 12, "source", "noura"))  # a claim of sentence 2, an actor of sentence 1
    out = tmp_path / "x.jsonl"
    report = FormatReport()
    write_hf([document], out, report)
    assert report.notes[LINK_ACROSS_ROWS] == 1
    rows = hf_rows(out)
    assert [set(row) for row in rows] == [{"id", "document", "tokens", "ner_tags", "claim_tags", "spans",
                                           "relations"}] * 2
    found = []
    for row in rows:
        spans = [(" ".join(row["tokens"][s["start"]:s["end"]]), s["label"]) for s in row["spans"]]
        assert len(spans) == len(set(spans))  # tester's محمد and salma's: one span
        found += [(spans[r["head"]][0], r["type"], spans[r["tail"]][0]) for r in row["relations"]]
    assert sorted(found) == HF_TRIPLES
    back = list(read_hf(out))
    assert [d.name for d in back] == ["doc"]
    assert triples(back[0]) == sorted(found)


def test_hf_spans_column_keeps_what_the_tag_columns_cannot(tmp_path: Path) -> None:
    document = linked_document()
    document.spans.append(span(19, "في بغداد أمس", "location"))  # first: بغداد and أمس are left out of ner_tags
    document.links.append(LinkRecord(11, 19, "place", "salma"))
    report = FormatReport()
    write_hf([document], tmp_path / "x.jsonl", report)
    assert sorted((d.text, d.reason) for d in report.dropped) == [("أمس", SPANS_COLUMN_ONLY),
                                                                   ("بغداد", SPANS_COLUMN_ONLY)]
    (back,) = read_hf(tmp_path / "x.jsonl")
    assert sorted(triples(back)) == sorted([*HF_TRIPLES, ("« الاتفاق سيوقع »", "place", "في بغداد أمس")])
    assert {("أمس", "date"), ("بغداد", "location")} <= {(s.text, s.label) for s in back.spans}


@pytest.mark.parametrize("name", ["x.parquet", "ds"])
def test_hf_parquet_and_saved_folder_load_with_relations(tmp_path: Path, name: str) -> None:
    datasets = pytest.importorskip("datasets")
    out = tmp_path / name
    write_hf([linked_document()], out)
    if name == "ds":
        dataset = datasets.load_from_disk(str(out))
        described = json.loads((out / "dataset_info.json").read_text(encoding="utf-8"))["features"]
        assert isinstance(described["spans"], list) and isinstance(described["relations"], list)  # as 2.x/3.x say
    else:
        dataset = datasets.load_dataset("parquet", data_files=str(out), split="train", cache_dir=str(tmp_path / "c"))
        (record,) = read_hf(out)
        assert triples(record) == HF_TRIPLES
    first = dataset[0]
    assert first["relations"] and all(set(r) == {"head", "tail", "type"} for r in first["relations"])
    assert all(set(s) == {"start", "end", "label"} for s in first["spans"])
    assert sorted(r["type"] for r in first["relations"]) == ["place", "source", "time"]


@pytest.mark.skipif(not os.environ.get("ANNOTATOR_OLD_DATASETS_PYTHON"),
                    reason="set ANNOTATOR_OLD_DATASETS_PYTHON to a python with an older datasets (e.g. 3.6, 2.14)")
def test_an_older_datasets_loads_the_spans_and_relations(tmp_path: Path) -> None:
    pytest.importorskip("datasets")
    out = tmp_path / "ds"
    write_hf([linked_document()], out)
    script = ("import datasets, json, sys; d = datasets.load_from_disk(sys.argv[1]); "
              "print(json.dumps([d[0]['spans'], d[0]['relations']]))")
    result = subprocess.run([os.environ["ANNOTATOR_OLD_DATASETS_PYTHON"], "-c", script, str(out)],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    spans, relations = json.loads(result.stdout.strip().splitlines()[-1])
    assert all(set(s) == {"start", "end", "label"} for s in spans)
    assert sorted(r["type"] for r in relations) == ["place", "source", "time"]
