import json
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.formats.base import FormatReport
from annotator.core.formats.labelstudio import read_labelstudio, write_labelstudio
from tests.formats.helpers import CORPORA, edge_documents

EXPORT = CORPORA / "label-studio-ner-export" / "348.json"


def test_reads_the_legacy_completions_export() -> None:
    (document,) = read_labelstudio(EXPORT)
    raw = json.loads(EXPORT.read_text(encoding="utf-8"))
    results = raw["completions"][0]["result"]
    assert document.name == "348" and document.text == raw["data"]["text"]
    assert len(document.spans) == 38
    assert sorted((s.start, s.end, s.text) for s in document.spans) == sorted(
        (r["value"]["start"], r["value"]["end"], r["value"]["text"]) for r in results)
    assert {s.label for s in document.spans} == {"INGREDIENT"}


def test_round_trip_keeps_spans_annotators_and_status(tmp_path: Path) -> None:
    documents = edge_documents()
    out = tmp_path / "tasks.json"
    assert write_labelstudio(documents, out) == len(documents)
    tasks = json.loads(out.read_text(encoding="utf-8"))
    claim_task = tasks[-1]
    assert sorted(a["completed_by"] for a in claim_task["annotations"]) == ["salma", "tester"]
    for task in tasks:
        for annotation in task["annotations"]:
            for result in annotation["result"]:
                assert result["type"] == "labels" and result["to_name"] == "text"
    back = list(read_labelstudio(out))
    for document, read in zip(documents, back, strict=True):
        assert read.name == document.name and read.text == document.text
        assert sorted((s.start, s.end, s.label, s.annotator, s.status) for s in read.spans) == sorted(
            (s.start, s.end, s.label, s.annotator, s.status) for s in document.spans)


def test_offsets_after_an_emoji_are_utf16_units_in_the_file(tmp_path: Path) -> None:
    (document,) = [d for d in edge_documents() if d.name == "emoji-nested"]
    write_labelstudio([document], tmp_path / "t.json")
    (task,) = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    actor = next(r["value"] for a in task["annotations"] for r in a["result"] if r["value"]["labels"] == ["actor"])
    assert (actor["start"], actor["end"]) == (14, 18)  # code points 13..17, plus one for the emoji's surrogate
    # code-point offsets from other tools are accepted too, when they are what matches the span text
    actor["start"], actor["end"] = 13, 17
    (tmp_path / "cp.json").write_text(json.dumps([task]), encoding="utf-8")
    (read,) = read_labelstudio(tmp_path / "cp.json")
    assert any((s.start, s.end, s.text) == (13, 17, "محمد") for s in read.spans)


def test_a_text_field_of_another_name_is_found(tmp_path: Path) -> None:
    (tmp_path / "t.json").write_text(json.dumps([{"data": {"content": "قال محمد", "n": 3}}]), encoding="utf-8")
    (document,) = read_labelstudio(tmp_path / "t.json")
    assert document.text == "قال محمد" and document.spans == []


def test_annotations_predictions_and_cancelled_ones(tmp_path: Path) -> None:
    value = {"start": 4, "end": 8, "text": "محمد", "labels": ["PER"]}
    task = {"id": 7, "data": {"text": "قال محمد"},
            "annotations": [{"completed_by": {"email": "a@x"}, "result": [{"type": "labels", "value": value}]},
                            {"was_cancelled": True, "result": [{"type": "labels", "value": value}]}],
            "predictions": [{"model_version": "v1", "result": [{"type": "labels", "value": value},
                                                                {"type": "choices", "value": {"choices": ["x"]}}]}]}
    (tmp_path / "t.json").write_text(json.dumps(task), encoding="utf-8")
    report = FormatReport()
    (document,) = read_labelstudio(tmp_path / "t.json", report)
    assert [(s.annotator, s.label) for s in document.spans] == [("a@x", "PER"), ("prediction:v1", "PER")]
    assert report.notes["cancelled Label Studio annotation(s) skipped"] == 1
    assert report.notes["Label Studio result(s) of type 'choices' skipped"] == 1


@pytest.mark.parametrize(("content", "reason"), [
    ("[{\"data\": {}}]", "no data.text"),
    ('[{"data": {"text": "abc"}, "annotations": [{"result": [{"type": "labels", '
     '"value": {"start": 0, "end": 2, "text": "zz", "labels": ["X"]}}]}]}]', "does not match"),
    ("[", "malformed JSON"),
    ("[]", "no tasks"),
])
def test_bad_tasks_are_refused(tmp_path: Path, content: str, reason: str) -> None:
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=reason):
        list(read_labelstudio(tmp_path / "bad.json"))
