import json
from pathlib import Path
from typing import Any

import pytest

from annotator.core import formats
from annotator.core.errors import InputError
from annotator.core.formats.base import ExportDocument, FormatReport
from annotator.core.formats.labelstudio import (
    AMBIGUOUS,
    READ_AS_UTF16,
    RELATIONS_SKIPPED,
    read_labelstudio,
    write_labelstudio,
)
from annotator.core.formats.labelstudio_utf16 import FORMAT as UTF16_FORMAT
from annotator.core.model import SpanRecord
from tests.formats.helpers import CORPORA, edge_documents

EXPORT = CORPORA / "label-studio-ner-export" / "348.json"
SMILE = "🙂"


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def label_studio_refusal(tasks: Any, member_ids: frozenset[int] = frozenset(),
                         member_emails: frozenset[str] = frozenset()) -> str | None:
    """Why Label Studio 1.23.2's import would refuse the whole file, None when it takes it: its
    TaskValidator (data, annotations with a result list, predictions, meta) and its ``completed_by`` rule
    (a member's id, {"email"} of a member, or nothing for the importing user). A file of ours must pass
    with no members known, since it cannot know the server's users."""
    if not isinstance(tasks, list) or not tasks:
        return "not a non-empty list of tasks"
    for task in tasks:
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            return "a task without a data object"
        if not isinstance(task["data"].get("text"), str | int | float):
            return '"text" key is expected in task data'
        if not isinstance(task.get("meta", {}), dict | list):
            return "Task[meta] must be dict or list"
        for key in ("annotations", "predictions"):
            if not isinstance(task.get(key, []), list):
                return f"Task[{key}] must be a list"
            if any(not isinstance(entry.get("result"), list) for entry in task.get(key, [])):
                return f'{key}: "result" field must be a list'
        for annotation in task.get("annotations", []):
            who = annotation.get("completed_by")
            if who is None:
                continue
            if isinstance(who, dict) and who.get("email") in member_emails:
                continue
            if isinstance(who, int) and not isinstance(who, bool) and who in member_ids:
                continue
            return f"Import data contains completed_by={who} which is not a valid annotator's email or ID"
    return None


def write_tasks(path: Path, tasks: Any, indent: int | None = None) -> Path:
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=indent), encoding="utf-8")
    return path


def test_reads_the_legacy_completions_export() -> None:
    (document,) = read_labelstudio(EXPORT)
    raw = json.loads(EXPORT.read_text(encoding="utf-8"))
    results = raw["completions"][0]["result"]
    assert document.name == "348" and document.text == raw["data"]["text"]
    assert len(document.spans) == 38
    assert sorted((s.start, s.end, s.text) for s in document.spans) == sorted(
        (r["value"]["start"], r["value"]["end"], r["value"]["text"]) for r in results)
    assert {s.label for s in document.spans} == {"INGREDIENT"}


def test_export_is_what_label_studio_imports(tmp_path: Path) -> None:
    out = tmp_path / "tasks.json"
    write_labelstudio(edge_documents(), out)
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert label_studio_refusal(tasks) is None
    # the rule itself: a name in completed_by is what Label Studio refused
    assert "not a valid annotator" in label_studio_refusal([{**tasks[0], "annotations": [
        {"completed_by": "salma", "result": []}]}])
    for task in tasks:
        for annotation in task["annotations"]:
            who = annotation.get("completed_by")
            assert who is None or isinstance(who, int) or (isinstance(who, dict) and "email" in who)
            for result in annotation["result"]:
                assert result["type"] == "labels" and (result["from_name"], result["to_name"]) == ("label", "text")
                value = result["value"]
                assert task["data"]["text"][value["start"]:value["end"]] == value["text"]  # code points
                assert isinstance(result["meta"]["annotator"], str)


def test_round_trip_keeps_spans_annotators_and_status(tmp_path: Path) -> None:
    documents = edge_documents()
    documents[0].spans[0] = SpanRecord(13, 17, "actor", "محمد", "tester", "accepted")
    out = tmp_path / "tasks.json"
    assert write_labelstudio(documents, out) == len(documents)
    claim_task = json.loads(out.read_text(encoding="utf-8"))[-1]
    assert sorted({r["meta"]["annotator"] for a in claim_task["annotations"] for r in a["result"]}) == [
        "salma", "tester"]
    report = FormatReport()
    back = list(read_labelstudio(out, report))
    assert not report
    for document, read in zip(documents, back, strict=True):
        assert read.name == document.name and read.text == document.text
        assert sorted((s.start, s.end, s.label, s.annotator, s.status) for s in read.spans) == sorted(
            (s.start, s.end, s.label, s.annotator, s.status) for s in document.spans)


def test_offsets_after_an_emoji_are_code_points_in_the_file(tmp_path: Path) -> None:
    text = f"قال {SMILE} محمد في بغداد"
    start = text.index("محمد")
    write_labelstudio([ExportDocument("d", text, "s", [SpanRecord(start, start + 4, "actor", "محمد", "salma")])],
                      tmp_path / "t.json")
    (task,) = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    (value,) = [r["value"] for a in task["annotations"] for r in a["result"]]
    assert (value["start"], value["end"]) == (6, 10) != (utf16(text[:start]), utf16(text[:start + 4]))


def label_studio_1_23_task(text: str, results: list[dict[str, Any]], **annotation: Any) -> dict[str, Any]:
    """A task in the shape Label Studio 1.23.2's JSON export gives (completed_by a user id by default)."""
    return {"id": 41, "data": {"text": text}, "meta": {},
            "annotations": [{"id": 7, "completed_by": 1, "result": results, "was_cancelled": False, **annotation}],
            "predictions": []}


def region(start: int, end: int, label: str, text: str | None = None, rid: str = "r1") -> dict[str, Any]:
    value: dict[str, Any] = {"start": start, "end": end, "labels": [label]}
    if text is not None:
        value["text"] = text
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual", "value": value}


def test_label_studio_annotators_relations_and_regions_without_text(tmp_path: Path) -> None:
    text = f"قال {SMILE} محمد إن القوات دخلت حلب"
    person, city = text.index("محمد"), text.index("حلب")
    relation = {"from_id": "r1", "to_id": "r2", "type": "relation", "direction": "right", "labels": ["in"]}
    tasks = [
        label_studio_1_23_task(text, [region(person, person + 4, "actor", "محمد"),
                                      region(city, city + 3, "location", rid="r2"), relation]),
        label_studio_1_23_task(text, [region(person, person + 4, "actor")],
                               completed_by={"id": 2, "email": "salma@example.org", "first_name": "Salma"}),
        label_studio_1_23_task(text, [{**region(person, person + 4, "actor"), "meta": {"annotator": "noura"}}]),
    ]
    report = FormatReport()
    first, second, third = read_labelstudio(write_tasks(tmp_path / "ls.json", tasks), report)
    assert [(s.text, s.annotator) for s in first.spans] == [("محمد", "1"), ("حلب", "1")]
    assert [(s.text, s.annotator) for s in second.spans] == [("محمد", "salma@example.org")]
    assert [(s.text, s.annotator) for s in third.spans] == [("محمد", "noura")]
    assert [(first.spans[link.from_id].text, link.type, first.spans[link.to_id].text, link.annotator)
            for link in first.links] == [("محمد", "in", "حلب", "1")]  # the relation is a link
    assert report.notes[RELATIONS_SKIPPED] == 0
    assert report.notes[AMBIGUOUS] == 3  # the regions without value.text, all after the emoji


def test_a_region_without_text_after_an_emoji_is_not_shifted_silently(tmp_path: Path) -> None:
    text = f"{SMILE} قال محمد أمس"
    start = text.index("محمد")
    task = label_studio_1_23_task(text, [region(start, start + 4, "actor")])
    as_code_points = write_tasks(tmp_path / "cp.json", [task])
    report = FormatReport()
    (document,) = read_labelstudio(as_code_points, report)
    assert [s.text for s in document.spans] == ["محمد"]
    assert report.notes[AMBIGUOUS] == 1
    # an older Label Studio wrote UTF-16 units: read by name with labelstudio-utf16
    units = (utf16(text[:start]), utf16(text[:start + 4]))
    as_units = write_tasks(tmp_path / "u16.json", [label_studio_1_23_task(text, [region(*units, "actor")])])
    assert UTF16_FORMAT.read is not None
    report = FormatReport()
    (document,) = UTF16_FORMAT.read(as_units, report)
    assert [s.text for s in document.spans] == ["محمد"] and not report
    (shifted,) = read_labelstudio(as_units)
    assert [s.text for s in shifted.spans] == ["حمد "]  # what the file says in code points; the report says why


def test_value_text_decides_between_code_points_and_utf16_units(tmp_path: Path) -> None:
    text = f"👍🏽 {SMILE} قال محمد"
    start = text.index("محمد")
    units = (utf16(text[:start]), utf16(text[:start + 4]))
    path = write_tasks(tmp_path / "t.json", [label_studio_1_23_task(text, [
        region(start, start + 4, "actor", "محمد"), region(*units, "actor", "محمد", rid="r2")])])
    for read in (read_labelstudio, UTF16_FORMAT.read):
        assert read is not None
        report = FormatReport()
        (document,) = read(path, report)
        assert [(s.start, s.end) for s in document.spans] == [(start, start + 4)] * 2
    assert report.notes[READ_AS_UTF16] == 0
    report = FormatReport()
    list(read_labelstudio(path, report))
    assert report.notes[READ_AS_UTF16] == 1


def test_a_span_matching_neither_reading_is_refused_with_its_line(tmp_path: Path) -> None:
    text = f"{SMILE} قال محمد"
    good = label_studio_1_23_task(text, [region(6, 10, "actor", "محمد")])
    bad = label_studio_1_23_task(text, [region(6, 10, "actor", "محمد"), region(2, 5, "actor", "محمد", rid="bad")])
    path = write_tasks(tmp_path / "t.json", [good, bad], indent=2)
    expected = path.read_text(encoding="utf-8").splitlines().index('            "id": "bad",')  # 0-based: its "{"
    with pytest.raises(InputError, match="task 2: span \\[2, 5\\) 'محمد' does not match") as caught:
        list(read_labelstudio(path))
    assert caught.value.line == expected
    assert str(caught.value).startswith(f"{path}:{expected}: ")
    beyond = write_tasks(tmp_path / "b.json", [label_studio_1_23_task(text, [region(7, 11, "actor")])])
    with pytest.raises(InputError, match="labelstudio-utf16") as caught:
        list(read_labelstudio(beyond))
    assert caught.value.line == 1


def test_labelstudio_utf16_is_read_only_and_never_guessed(monkeypatch: pytest.MonkeyPatch) -> None:
    assert UTF16_FORMAT.name == "labelstudio-utf16" and UTF16_FORMAT.write is None
    modules = list(formats._MODULES)
    if "labelstudio_utf16" not in modules:  # registered as asked: right after "labelstudio"
        modules.insert(modules.index("labelstudio") + 1, "labelstudio_utf16")
        monkeypatch.setattr(formats, "_MODULES", tuple(modules))
    assert modules.index("labelstudio_utf16") > modules.index("labelstudio")
    assert formats.get_format("labelstudio-utf16").read is UTF16_FORMAT.read
    found = formats.format_for_path(Path("tasks.json"))
    assert found is not None and found.name == "labelstudio"


def test_a_text_field_of_another_name_is_found(tmp_path: Path) -> None:
    (tmp_path / "t.json").write_text(json.dumps([{"data": {"content": "قال محمد", "n": 3}}]), encoding="utf-8")
    (document,) = read_labelstudio(tmp_path / "t.json")
    assert document.text == "قال محمد" and document.spans == []


def test_annotations_predictions_and_cancelled_ones(tmp_path: Path) -> None:
    value = {"start": 4, "end": 8, "text": "محمد", "labels": ["PER"]}
    task = {"id": 7, "data": {"text": "قال محمد"},
            "annotations": [{"completed_by": {"email": "a@x"}, "result": [{"type": "labels", "value": value}]},
                            {"completed_by": "salma", "result": [{"type": "labels", "value": value}]},
                            {"was_cancelled": True, "result": [{"type": "labels", "value": value}]}],
            "predictions": [{"model_version": "v1", "result": [{"type": "labels", "value": value},
                                                                {"type": "choices", "value": {"choices": ["x"]}}]}]}
    (tmp_path / "t.json").write_text(json.dumps(task), encoding="utf-8")
    report = FormatReport()
    (document,) = read_labelstudio(tmp_path / "t.json", report)
    assert [(s.annotator, s.label) for s in document.spans] == [
        ("a@x", "PER"), ("salma", "PER"), ("prediction:v1", "PER")]
    assert report.notes["cancelled Label Studio annotation(s) skipped"] == 1
    assert report.notes["Label Studio result(s) of type 'choices' skipped"] == 1


@pytest.mark.parametrize(("content", "reason"), [
    ("[{\"data\": {}}]", "no data.text"),
    ('[{"data": {"text": "abc"}, "annotations": [{"result": [{"type": "labels", '
     '"value": {"start": 0, "end": 2, "text": "zz", "labels": ["X"]}}]}]}]', "does not match"),
    ('[{"data": {"text": "abc"}, "annotations": [{"result": [{"type": "labels"}]}]}]', "without a value"),
    ("[", "malformed JSON"),
    ("[]", "no tasks"),
])
def test_bad_tasks_are_refused(tmp_path: Path, content: str, reason: str) -> None:
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=reason):
        list(read_labelstudio(tmp_path / "bad.json"))
