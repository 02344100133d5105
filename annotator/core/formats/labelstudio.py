"""Label Studio JSON: a list of tasks ``{"data": {"text"}, "annotations": [{"result": [...], "completed_by"}]}``.

Each result is ``{"value": {"start", "end", "text", "labels": [...]}, "from_name": "label", "to_name":
"text", "type": "labels"}``. Reading takes ``annotations``, ``predictions`` and the older
``completions`` (Label Studio 0.x); cancelled annotations and results that are not text labels are
skipped and counted. Writing groups the spans of a document into one annotation per annotator.

Offsets: Label Studio's editor counts UTF-16 code units (JavaScript string indices), which equal code
points for text without astral characters (all Arabic is in the BMP). Writing converts code points to
UTF-16 units, so emoji before a span do not shift it in Label Studio. Reading takes the offsets as
UTF-16 units, or as code points when only that reading matches the result's ``text``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.formats.base import ExportDocument, Format, FormatReport, atomic_output
from annotator.core.model import REVIEW_STATUSES, DocumentRecord, SpanRecord
from annotator.core.text import decode_utf8

FROM_NAME, TO_NAME = "label", "text"


def utf16_length(text: str) -> int:
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def from_utf16(text: str, unit: int) -> int | None:
    """The code-point index at UTF-16 unit ``unit``; None inside a surrogate pair or past the end."""
    count = 0
    for index, char in enumerate(text):
        if count >= unit:
            return index if count == unit else None
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text) if count == unit else None


def _annotator(entry: dict[str, Any], kind: str) -> str | None:
    if kind == "predictions":
        return f"prediction:{entry.get('model_version') or 'model'}"
    who = entry.get("completed_by")
    if isinstance(who, dict):
        who = who.get("email") or who.get("username") or who.get("id")
    return str(who) if who not in (None, "") else None


def _span(path: Path, text: str, value: dict[str, Any], task: int) -> SpanRecord:
    where = f"task {task}"
    start, end, snapshot = value.get("start"), value.get("end"), value.get("text")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
        raise InputError(path, None, f"{where}: start and end must be integers, got {start!r}, {end!r}")
    candidates = []
    if 0 <= start < end:
        candidates.append((from_utf16(text, start), from_utf16(text, end)))
    if 0 <= start < end <= len(text):
        candidates.append((start, end))
    for cp_start, cp_end in candidates:
        if cp_start is None or cp_end is None:
            continue
        if snapshot is None or text[cp_start:cp_end] == snapshot:
            labels = value.get("labels") or []
            return SpanRecord(cp_start, cp_end, str(labels[0]) if labels else "", text[cp_start:cp_end])
    raise InputError(path, None, f"{where}: span [{start}, {end}) {snapshot!r} does not match the text")


def _tasks(path: Path) -> list[Any]:
    try:
        data = json.loads(decode_utf8(path.read_bytes(), path))
    except json.JSONDecodeError as error:
        raise InputError(path, error.lineno, f"malformed JSON: {error.msg} (column {error.colno})") from None
    tasks = data if isinstance(data, list) else [data]
    if not tasks:
        raise InputError(path, None, "empty file: no tasks")
    return tasks


def read_labelstudio(path: Path, report: FormatReport | None = None) -> Iterator[DocumentRecord]:
    report = report if report is not None else FormatReport()
    for number, task in enumerate(_tasks(path), start=1):
        data = task.get("data") if isinstance(task, dict) else None
        text = data.get("text") if isinstance(data, dict) else None
        if text is None and isinstance(data, dict):
            # a labelling config may name the text field otherwise ($content, $article): take the only string
            strings = [v for v in data.values() if isinstance(v, str)]
            text = strings[0] if len(strings) == 1 else None
        if not isinstance(text, str) or not text.strip():
            raise InputError(path, None, f"task {number}: no data.text to annotate")
        spans: list[SpanRecord] = []
        for kind in ("annotations", "completions", "predictions"):
            for entry in task.get(kind) or []:
                if not isinstance(entry, dict) or not isinstance(entry.get("result") or [], list):
                    raise InputError(path, None, f"task {number}: {kind} must be objects with a result list")
                if entry.get("was_cancelled"):
                    report.note("cancelled Label Studio annotation(s) skipped")
                    continue
                annotator = _annotator(entry, kind)
                for result in entry.get("result") or []:
                    value = result.get("value") if isinstance(result, dict) else None
                    if not isinstance(value, dict):
                        raise InputError(path, None, f"task {number}: a result without a value object")
                    if result.get("type") not in ("labels", None) or "start" not in value:
                        report.note(f"Label Studio result(s) of type {result.get('type')!r} skipped")
                        continue
                    labels = value.get("labels") or []
                    if isinstance(labels, str):
                        labels = value["labels"] = [labels]
                    if len(labels) != 1:
                        report.note("Label Studio result(s) with other than one label: first label kept")
                    if not labels:
                        raise InputError(path, None, f"task {number}: a result without labels")
                    span = _span(path, text, value, number)
                    meta = result.get("meta") if isinstance(result.get("meta"), dict) else {}
                    status = meta.get("status") if meta.get("status") in REVIEW_STATUSES else "draft"
                    spans.append(SpanRecord(span.start, span.end, span.label, span.text, annotator, status))
        name = task.get("meta", {}).get("name") if isinstance(task.get("meta"), dict) else None
        yield DocumentRecord(name=str(name or task.get("id") or f"{path.stem}-{number}"), text=text,
                             spans=spans, line=None)


def task_for(document: ExportDocument) -> dict[str, Any]:
    by_annotator: dict[str, list[dict[str, Any]]] = {}
    for index, span in enumerate(document.spans, start=1):
        start = utf16_length(document.text[:span.start])
        end = start + utf16_length(document.text[span.start:span.end])
        by_annotator.setdefault(span.annotator or "", []).append({
            "id": f"s{index}", "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
            "value": {"start": start, "end": end, "text": document.text[span.start:span.end],
                      "labels": [span.label]},
            "meta": {"status": span.status},
        })
    return {
        "data": {"text": document.text},
        "meta": {"name": document.name, "sha256": document.sha256, **document.meta},
        "annotations": [{"completed_by": who or None, "result": results} for who, results in by_annotator.items()],
    }


def write_labelstudio(documents: Iterable[ExportDocument], out: Path, report: FormatReport | None = None) -> int:
    count = 0
    with atomic_output(out) as handle:
        handle.write("[")
        for document in documents:
            handle.write(",\n" if count else "\n")
            handle.write(json.dumps(task_for(document), ensure_ascii=False))
            count += 1
        handle.write("\n]\n")
    return count


FORMAT = Format(
    name="labelstudio",
    description="Label Studio JSON tasks with annotations (reads annotations, predictions, completions)",
    extensions=(".json",),
    read=read_labelstudio,
    write=write_labelstudio,
)
