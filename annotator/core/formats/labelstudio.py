"""Label Studio JSON: a list of tasks ``{"data": {"text"}, "meta", "annotations": [{"result": [...]}]}``.

Writing: one task per document, one annotation per annotator, each span a result ``{"id", "from_name":
"label", "to_name": "text", "type": "labels", "value": {"start", "end", "text", "labels": [label]}, "meta":
{"annotator", "status"}}``. Reading takes ``annotations``, ``predictions`` and the older ``completions``
(Label Studio 0.x); cancelled annotations and results that are not text labels or relations are counted in
the report and skipped, never fatal.

Links: Label Studio keeps a link as a relation result of the annotation that holds its two regions,
``{"from_id", "to_id", "type": "relation", "direction": "right", "labels": [TYPE]}`` (the shape Label Studio
1.23.2 exports and takes back; a relation has no ``value``, and we write no ``meta``). So span results get
ids that stay the same from one export to the next (``s`` and the stored span id), and a link goes into the
annotation of its from span's annotator when its to span is there too; when the two are in different
annotators' annotations, into the link annotator's annotation if that holds a region at each end (same
offsets and label), else it is left out and counted. The link's annotator and status are not written: read
back, a link is its from region's annotator's, a draft. Reading takes each relation of an annotation (or
prediction): ``from_id`` and ``to_id`` are region ids of the same annotation, or of the task's predictions;
``direction`` ``"left"`` swaps the ends, ``"right"`` and ``"bi"`` keep them as given; each label is a link of
that type, a relation without one has the type ``related``. A relation whose ends are not both imported
spans is counted and skipped.

Who annotated: Label Studio 1.23 refuses the whole file when ``completed_by`` is a name (it takes a user
id or ``{"email"}`` of a member, or nothing: then the importing user). So no ``completed_by`` is written,
and the annotator's name goes in each result's ``meta.annotator``. That is where it survives, as read in
Label Studio's source (not tried on a server): the import stores an annotation's ``result`` list as given
and the export writes it back unchanged (tasks/serializers.py ``add_annotations``), and the editor keeps
a result's ``meta`` when the annotation is edited and saved (regions/Result.js ``meta``, merged back in
``serialize``); an annotation's own extra keys are dropped on import. Reading takes ``meta.annotator``
first, then ``completed_by`` (an email, a name or a user id).

Offsets: Label Studio 1.23 counts code points (its editor, API and CONLL export), so we write code
points. Reading checks a span against its ``value.text``: as code points first, then as UTF-16 units
(JavaScript indices, written by older Label Studio versions); matching neither is refused with the line.
A region without ``value.text`` (one sent through the API) is taken as code points, and those after an
astral character (emoji), where the readings differ, are counted in the report. The read-only format
``labelstudio-utf16`` (labelstudio_utf16.py) takes them as UTF-16 units instead, for older files.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.formats.base import ExportDocument, Format, FormatReport, JSONShapeError, atomic_output, load_json
from annotator.core.links import LinkRecord
from annotator.core.model import REVIEW_STATUSES, DocumentRecord, SpanRecord
from annotator.core.text import decode_utf8

FROM_NAME, TO_NAME = "label", "text"
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
CODE_POINTS, UTF16_UNITS = "code points", "UTF-16 units"
RELATIONS_SKIPPED = "Label Studio relation(s) skipped: an end is not an imported span"
UNLABELLED = "related"  # the link type of a relation without labels
LINK_ACROSS_ANNOTATIONS = ("link(s) left out: Label Studio keeps a relation within one annotation, and its spans "
                           "are in different annotators' annotations")
LINK_WRITTEN_ONCE = "identical Label Studio relation (links of two annotators) written once"
LINK_TO_IDENTICAL = ("Label Studio link(s) whose spans are in different annotators' annotations written between the "
                     "link annotator's regions at the same offsets and labels")
LINK_END_MISSING = "link(s) left out: an end is not among the exported spans"
READ_AS_UTF16 = "Label Studio span(s) found by their text as UTF-16 offsets (an older Label Studio)"
AMBIGUOUS = ("Label Studio span(s) without value.text after an emoji read as code points, as Label Studio 1.23 "
             "counts (a file of an older version counting UTF-16 units: --format labelstudio-utf16)")


class _Units:
    """UTF-16 units to code points in one text, found by bisection over its astral characters (each two
    units, one code point), so that a long document with many spans is not rescanned for each."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.astral = [found.start() for found in _ASTRAL.finditer(text)]
        self.unit_of_astral = [index + before for before, index in enumerate(self.astral)]

    def code_point(self, unit: int) -> int | None:
        """The code-point index at UTF-16 unit ``unit``; None inside a surrogate pair or out of the text."""
        before = bisect_left(self.unit_of_astral, unit)
        if before and self.unit_of_astral[before - 1] + 1 == unit:
            return None
        index = unit - before
        return index if 0 <= index <= self.length else None

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        cp_start, cp_end = self.code_point(start), self.code_point(end)
        return (cp_start, cp_end) if cp_start is not None and cp_end is not None and cp_start < cp_end else None


def line_of(content: str, route: tuple[int | str, ...]) -> int | None:
    """The line on which the JSON object at ``route`` (task index, then keys and indices) starts.

    ``json`` gives no positions, so this parses the file again with the pure-Python scanner, whose object
    parser can be wrapped to note where each object starts: slow, hence only done to report an error."""
    starts: dict[int, int] = {}
    decoder = json.JSONDecoder()

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
        found, end = json.decoder.JSONObject(s_and_end, *args)
        starts[id(found)] = s_and_end[1] - 1  # every object stays alive in the tree, so ids are unique
        return found, end

    decoder.parse_object = parse_object  # type: ignore[assignment]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)
    try:
        root = decoder.decode(content)
    except (ValueError, RecursionError):
        return None
    node, found = [root] if isinstance(root, dict) else root, None
    for step in route:  # the deepest object on the route whose start is known (not a list, not a string)
        try:
            node = node[step]
        except (LookupError, TypeError):
            break
        found = starts.get(id(node), found)
    return None if found is None else content.count("\n", 0, found) + 1


class _Source:
    """The file being read, so that a refusal can name the line of the task or result at fault."""

    def __init__(self, path: Path, content: str) -> None:
        self.path, self.content = path, content

    def refuse(self, route: tuple[int | str, ...], reason: str) -> InputError:
        return InputError(self.path, line_of(self.content, route), f"task {int(route[0]) + 1}: {reason}")


def _offsets(source: _Source, route: tuple[int | str, ...], text: str, units: _Units, value: dict[str, Any],
             utf16: bool, report: FormatReport) -> tuple[int, int]:
    """The span's code-point offsets: the reading that matches ``value.text`` (code points first, UTF-16
    units first for ``labelstudio-utf16``), or without it the reading the format declares."""
    start, end, snapshot = value.get("start"), value.get("end"), value.get("text")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        raise source.refuse(route, f"start and end must be integers, got {start!r}, {end!r}")
    readings = [(CODE_POINTS, (start, end) if 0 <= start < end <= len(text) else None),
                (UTF16_UNITS, units.span(start, end))]
    if utf16:
        readings.reverse()
    if isinstance(snapshot, str):
        for unit, found in readings:
            if found is not None and text[found[0]:found[1]] == snapshot:
                if unit == UTF16_UNITS and not utf16 and found != (start, end):
                    report.note(READ_AS_UTF16)
                return found
        raise source.refuse(route, f"span [{start}, {end}) {snapshot!r} does not match the text, "
                                   "neither as code points nor as UTF-16 units")
    unit, found = readings[0]
    if found is None:
        hint = "" if utf16 else " (a file from an older Label Studio may need --format labelstudio-utf16)"
        raise source.refuse(route, f"span [{start}, {end}) is not a span of the text in {unit}{hint}")
    if not utf16 and units.astral and units.astral[0] < end:
        report.note(AMBIGUOUS)  # read as UTF-16 units, the same numbers would point elsewhere
    return found


def _annotator(entry: dict[str, Any], kind: str) -> str | None:
    if kind == "predictions":
        return f"prediction:{entry.get('model_version') or 'model'}"
    who = entry.get("completed_by")
    if isinstance(who, dict):  # Label Studio's export with annotator details: {"id", "email", ...}
        who = who.get("email") or who.get("username") or who.get("id")
    return str(who).strip() if who not in (None, "") and not isinstance(who, bool) else None


def _tasks(path: Path) -> tuple[list[Any], str]:
    content = decode_utf8(path.read_bytes(), path)
    try:
        data = load_json(content)
    except json.JSONDecodeError as error:
        raise InputError(path, error.lineno, f"malformed JSON: {error.msg} (column {error.colno})") from None
    except JSONShapeError as error:
        raise InputError(path, None, str(error)) from None
    tasks = data if isinstance(data, list) else [data]
    if not tasks:
        raise InputError(path, None, "empty file: no tasks")
    return tasks, content


def _text(task: Any) -> str | None:
    data = task.get("data") if isinstance(task, dict) else None
    text = data.get("text") if isinstance(data, dict) else None
    if text is None and isinstance(data, dict):
        # a labelling config may name the text field otherwise ($content, $article): take the only string
        strings = [v for v in data.values() if isinstance(v, str)]
        text = strings[0] if len(strings) == 1 else None
    return text if isinstance(text, str) and text.strip() else None


def _region_id(result: dict[str, Any]) -> str | int | None:
    rid = result.get("id")
    return rid if isinstance(rid, str | int) and not isinstance(rid, bool) else None


def _results(source: _Source, number: int, task: dict[str, Any], text: str, utf16: bool,
             report: FormatReport) -> tuple[list[SpanRecord], list[LinkRecord]]:
    """The task's spans, and the links its relations make between them (ends as indices into the spans)."""
    units = _Units(text)
    spans: list[SpanRecord] = []
    # Each relation with the region ids of its own annotation (region id: index into spans) and its annotator.
    relations: list[tuple[tuple[int | str, ...], dict[str, Any], dict[Any, int], str | None]] = []
    predicted: dict[Any, int] = {}
    for kind in ("annotations", "completions", "predictions"):
        for index, entry in enumerate(task.get(kind) or []):
            if not isinstance(entry, dict) or not isinstance(entry.get("result") or [], list):
                raise source.refuse((number, kind, index), f"{kind} must be objects with a result list")
            if entry.get("was_cancelled"):
                report.note("cancelled Label Studio annotation(s) skipped")
                continue
            regions: dict[Any, int] = {}
            for position, result in enumerate(entry.get("result") or []):
                route = (number, kind, index, "result", position)
                if isinstance(result, dict) and result.get("type") == "relation":
                    relations.append((route, result, regions, _annotator(entry, kind)))
                    continue
                value = result.get("value") if isinstance(result, dict) else None
                if not isinstance(value, dict):
                    raise source.refuse(route, "a result without a value object")
                if result.get("type") not in ("labels", None) or "start" not in value:
                    report.note(f"Label Studio result(s) of type {result.get('type')!r} skipped")
                    continue
                labels = value.get("labels") or []
                if isinstance(labels, str):
                    labels = [labels]
                if not labels:
                    raise source.refuse(route, "a result without labels")
                if len(labels) != 1:
                    report.note("Label Studio result(s) with other than one label: first label kept")
                start, end = _offsets(source, route, text, units, value, utf16, report)
                meta = result.get("meta") if isinstance(result.get("meta"), dict) else {}
                ours = meta.get("annotator")
                annotator = ours.strip() if isinstance(ours, str) and ours.strip() else _annotator(entry, kind)
                status = meta.get("status") if meta.get("status") in REVIEW_STATUSES else "draft"
                rid = _region_id(result)
                if rid is not None:
                    regions.setdefault(rid, len(spans))  # a region's other results (per-region choices) share its id
                spans.append(SpanRecord(start, end, str(labels[0]), text[start:end], annotator, status, id=rid))
            if kind == "predictions":
                for rid, found in regions.items():
                    predicted.setdefault(rid, found)
    links = [link for route, result, regions, annotator in relations
             for link in _relation_links(source, route, result, regions, predicted, spans, annotator, report)]
    return spans, links


def _relation_links(source: _Source, route: tuple[int | str, ...], relation: dict[str, Any], regions: dict[Any, int],
                    predicted: dict[Any, int], spans: list[SpanRecord], annotator: str | None,
                    report: FormatReport) -> list[LinkRecord]:
    """One relation result as links (one per label) between the spans its region ids name."""
    ends, own = [], []
    for key in ("from_id", "to_id"):
        rid = relation.get(key)
        found = None
        if isinstance(rid, str | int) and not isinstance(rid, bool):
            found = regions.get(rid, predicted.get(rid))
        ends.append(found)
        own.append(rid in regions)
    if ends[0] is None or ends[1] is None:
        report.note(RELATIONS_SKIPPED)
        return []
    if relation.get("direction") == "left":
        ends.reverse()
        own.reverse()
    labels = relation.get("labels") or []
    if isinstance(labels, str):
        labels = [labels]
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise source.refuse(route, f"relation labels must be a list of strings, got {labels!r}")
    types = list(dict.fromkeys(label.strip() for label in labels if label.strip())) or [UNLABELLED]
    meta = relation.get("meta") if isinstance(relation.get("meta"), dict) else {}
    ours = meta.get("annotator")
    if isinstance(ours, str) and ours.strip():
        annotator = ours.strip()
    elif own[0]:
        annotator = spans[ends[0]].annotator  # the from region's (our files name it in its meta.annotator)
    status = meta.get("status") if meta.get("status") in REVIEW_STATUSES else "draft"
    return [LinkRecord(ends[0], ends[1], link_type, annotator, status) for link_type in types]


def read_labelstudio(path: Path, report: FormatReport | None = None, *,
                     utf16: bool = False) -> Iterator[DocumentRecord]:
    """Tasks as documents; ``utf16`` takes offsets without ``value.text`` as UTF-16 units."""
    report = report if report is not None else FormatReport()
    tasks, content = _tasks(path)
    source = _Source(path, content)
    for number, task in enumerate(tasks):
        text = _text(task)
        if text is None:
            raise source.refuse((number,), "no data.text to annotate")
        spans, links = _results(source, number, task, text, utf16, report)
        name = task.get("meta", {}).get("name") if isinstance(task.get("meta"), dict) else None
        yield DocumentRecord(name=str(name or task.get("id") or f"{path.stem}-{number + 1}"), text=text,
                             spans=spans, line=None, links=links)


def _region_ids(spans: list[SpanRecord]) -> list[str]:
    """Each span's result id: ``s`` and its stored id, so that the same span has the same id in every export
    (Label Studio matches regions by id), or ``s`` and its place when the spans have no distinct ids."""
    ids = [span.id for span in spans]
    if all(i is not None for i in ids) and len({str(i) for i in ids}) == len(ids):
        return [f"s{i}" for i in ids]
    return [f"s{index}" for index in range(1, len(spans) + 1)]


def task_for(document: ExportDocument, report: FormatReport | None = None) -> dict[str, Any]:
    report = report if report is not None else FormatReport()
    by_annotator: dict[str, list[dict[str, Any]]] = {}
    # Per annotation, the result id of each region by (start, end, label), for links between annotators.
    regions_of: dict[str, dict[tuple[int, int, str], str]] = {}
    place: dict[Any, tuple[str, str]] = {}  # span id: (annotation, result id)
    for span, rid in zip(document.spans, _region_ids(document.spans), strict=True):
        key = span.annotator or ""
        by_annotator.setdefault(key, []).append({
            "id": rid, "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
            "value": {"start": span.start, "end": span.end, "text": document.text[span.start:span.end],
                      "labels": [span.label]},
            "meta": {"annotator": span.annotator, "status": span.status},
        })
        regions_of.setdefault(key, {}).setdefault((span.start, span.end, span.label), rid)
        if span.id is not None:
            place.setdefault(span.id, (key, rid))
    if document.links:
        _add_relations(document, by_annotator, regions_of, place, report)
    return {
        "data": {"text": document.text},
        "meta": {**document.meta, "name": document.name, "sha256": document.sha256},
        "annotations": [{"result": results} for results in by_annotator.values()],
    }


def _add_relations(document: ExportDocument, by_annotator: dict[str, list[dict[str, Any]]],
                   regions_of: dict[str, dict[tuple[int, int, str], str]], place: dict[Any, tuple[str, str]],
                   report: FormatReport) -> None:
    """Each link as a relation result in the annotation that holds both its ends (see the module docstring)."""
    spans = {span.id: span for span in document.spans if span.id is not None}
    written: set[tuple[str, str, str, str]] = set()
    for link in document.links:
        if link.from_id not in place or link.to_id not in place:
            report.note(LINK_END_MISSING)  # cannot happen for a store's export: it keeps links with both ends
            continue
        (from_key, from_rid), (to_key, to_rid) = place[link.from_id], place[link.to_id]
        if from_key != to_key:
            source, target = spans[link.from_id], spans[link.to_id]
            key = link.annotator or ""
            regions = regions_of.get(key, {})
            from_rid = regions.get((source.start, source.end, source.label), "")
            to_rid = regions.get((target.start, target.end, target.label), "")
            if not from_rid or not to_rid:
                report.note(LINK_ACROSS_ANNOTATIONS)
                continue
            report.note(LINK_TO_IDENTICAL)
            from_key = key
        if (from_key, from_rid, to_rid, link.type) in written:
            report.note(LINK_WRITTEN_ONCE)
            continue
        written.add((from_key, from_rid, to_rid, link.type))
        by_annotator[from_key].append({"from_id": from_rid, "to_id": to_rid, "type": "relation",
                                       "direction": "right", "labels": [link.type]})


def write_labelstudio(documents: Iterable[ExportDocument], out: Path, report: FormatReport | None = None) -> int:
    report = report if report is not None else FormatReport()
    count = 0
    with atomic_output(out) as handle:
        handle.write("[")
        for document in documents:
            handle.write(",\n" if count else "\n")
            handle.write(json.dumps(task_for(document, report), ensure_ascii=False))
            count += 1
        handle.write("\n]\n")
    return count


FORMAT = Format(
    name="labelstudio",
    description="Label Studio JSON tasks with annotations (reads annotations, predictions, completions)",
    extensions=(".json",),
    read=read_labelstudio,
    write=write_labelstudio,
    carries_links=True,
)
