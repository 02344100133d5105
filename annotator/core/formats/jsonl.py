"""JSON lines: one document per line.

Reads ``{"id" | "name", "text", "spans": [{"id"?, "start", "end", "label", "annotator"?, "text"?,
"status"?}], "relations"?: [{"type", "from", "to", "annotator"?, "status"?}]}`` (a relation's ends are span
ids of the same line) and doccano's shapes (``"label": [[start, end, "label"], ...]`` and ``"entities":
[{"id", "start_offset", "end_offset", "label"}]`` with ``"relations": [{"id", "from_id", "to_id",
"type"}]``). Other keys are kept as the document's metadata. Writes ``{"id", "text", "sha256", "spans":
[{"id", "start", "end", "label", "text", "annotator", "status"}], "relations": [{"id", "type", "from",
"to", "annotator", "status"}], "meta"}``,
``meta`` on every line, ``{}`` when there is none: readers that build a table from the lines (doccano
through pandas) turn a key missing from some lines into NaN, which is not JSON (doccano issue #2229).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError, SpanError
from annotator.core.formats.base import (
    ExportDocument,
    Format,
    FormatReport,
    JSONShapeError,
    atomic_output,
    load_json,
)
from annotator.core.links import LinkRecord
from annotator.core.model import DocumentRecord, SpanRecord
from annotator.core.spans import check_span, check_status
from annotator.core.text import utf8_lines

_DOCUMENT_KEYS = {"id", "name", "text", "spans", "label", "labels", "entities", "relations", "meta"}


def _span_from_object(raw: Any) -> SpanRecord:
    if isinstance(raw, list | tuple):
        if len(raw) != 3:
            raise SpanError(f"expected [start, end, label], got {raw!r}")
        start, end, label = raw
        return SpanRecord(start=start, end=end, label=_label_name(label))
    if not isinstance(raw, dict):
        raise SpanError(f"expected an object or [start, end, label], got {raw!r}")
    get = raw.get  # called for every span of every document: one attribute look-up, not ten
    start = raw["start"] if "start" in raw else get("start_offset")
    end = raw["end"] if "end" in raw else get("end_offset")
    if start is None or end is None or "label" not in raw:
        raise SpanError(f"a span needs start, end and label: {raw!r}")
    annotator = get("annotator")
    if annotator is not None and (not isinstance(annotator, str) or not annotator.strip()):
        raise SpanError(f"annotator must be a non-empty string, got {annotator!r}")
    snapshot = get("text")
    if snapshot is not None and not isinstance(snapshot, str):
        raise SpanError(f"span text must be a string, got {snapshot!r}")
    note = get("note")
    span_id = get("id")
    if span_id is not None and (isinstance(span_id, bool) or not isinstance(span_id, int | str)):
        raise SpanError(f"a span id must be a number or a string, got {span_id!r}")
    status = get("status", "draft")
    origin = get("origin", "manual")
    return SpanRecord(
        start=start,
        end=end,
        label=_label_name(raw["label"]),
        text=snapshot,
        annotator=annotator.strip() if annotator else None,
        status=status if status == "draft" else check_status(status),
        note=note if isinstance(note, str) else None,
        id=span_id,
        origin=origin if origin == "manual" else _origin(origin),
    )


def _origin(value: Any) -> str:
    if value == "manual" or (isinstance(value, str) and value.startswith("suggestion:") and len(value) <= 40
                             and value[len("suggestion:"):].isidentifier()):
        return value
    raise SpanError(f'origin must be "manual" or "suggestion:SOURCE", got {value!r}')


def _links_from(obj: dict[str, Any], spans: list[SpanRecord]) -> list[LinkRecord]:
    """``relations`` between this line's spans: ours (``from``/``to``) or doccano's (``from_id``/``to_id``),
    each end a span id of the same line; the ends become indices into ``spans``."""
    relations = obj.get("relations")
    if relations is None:
        return []
    if not isinstance(relations, list):
        raise SpanError(f'"relations" must be a list, got {type(relations).__name__}')
    index_of: dict[Any, int] = {}
    for index, span in enumerate(spans):
        if span.id is not None:
            if span.id in index_of:
                raise SpanError(f"span id {span.id!r} is used twice in this line")
            index_of[span.id] = index
    links = []
    for number, raw in enumerate(relations, start=1):
        if not isinstance(raw, dict):
            raise SpanError(f"relation {number}: expected an object, got {raw!r}")
        ends = [raw.get("from", raw.get("from_id")), raw.get("to", raw.get("to_id"))]
        link_type = raw.get("type")
        if not isinstance(link_type, str) or not link_type.strip():
            raise SpanError(f"relation {number}: needs a \"type\" (a link type such as source)")
        for end in ends:
            if isinstance(end, bool) or end not in index_of:
                raise SpanError(f"relation {number}: there is no span with id {end!r} in this line")
        annotator = raw.get("annotator")
        if annotator is not None and (not isinstance(annotator, str) or not annotator.strip()):
            raise SpanError(f"relation {number}: annotator must be a non-empty string, got {annotator!r}")
        links.append(LinkRecord(index_of[ends[0]], index_of[ends[1]], link_type.strip(),
                                annotator.strip() if annotator else None,
                                check_status(raw.get("status", "draft")), raw.get("id")))
    return links


def _label_name(label: Any) -> str:
    if not isinstance(label, str) or not label.strip():
        raise SpanError(f"label must be a non-empty string, got {label!r}")
    return label.strip()


def _raw_spans(obj: dict[str, Any]) -> list[Any]:
    raw: list[Any] = []
    for key in ("spans", "label", "labels", "entities"):
        value = obj.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            raise SpanError(f'"{key}" must be a list, got {type(value).__name__}')
        raw.extend(value)
    return raw


def parse_document(obj: Any, default_name: str, report: FormatReport | None = None) -> DocumentRecord:
    """One JSONL object as a document with checked spans; raises SpanError or ValueError."""
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError('missing "text" (a string)')
    if not text.strip():
        raise ValueError('"text" is empty')
    name = obj.get("id", obj.get("name", default_name))
    if isinstance(name, bool) or not isinstance(name, str | int) or str(name).strip() == "":
        raise ValueError(f'"id"/"name" must be a non-empty string or integer, got {name!r}')
    spans = []
    for index, raw in enumerate(_raw_spans(obj)):
        try:
            span = _span_from_object(raw)
            check_span(text, span.start, span.end, span.text)
        except SpanError as error:
            raise SpanError(f"span {index + 1}: {error}") from None
        spans.append(span)
    meta = dict(obj["meta"]) if isinstance(obj.get("meta"), dict) else {}
    meta.update({k: v for k, v in obj.items() if k not in _DOCUMENT_KEYS})
    return DocumentRecord(name=str(name).strip(), text=text, spans=spans, meta=meta, links=_links_from(obj, spans))


def read_jsonl(path: Path, report: FormatReport | None = None) -> Iterator[DocumentRecord]:
    seen: dict[str, int] = {}
    count = 0
    # Read a line at a time (a 50 MB file is never in memory whole), split on \n only: a JSON string may
    # hold a raw U+2028, which str.splitlines would break on.
    for number, line in utf8_lines(path):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        try:
            obj = load_json(line)
        except json.JSONDecodeError as error:
            raise InputError(path, number, f"malformed JSON: {error.msg} (column {error.colno})") from None
        except JSONShapeError as error:
            raise InputError(path, number, str(error)) from None
        try:
            document = parse_document(obj, default_name=f"{path.stem}-{number}", report=report)
        except (SpanError, ValueError) as error:
            raise InputError(path, number, str(error)) from None
        if document.name in seen:
            raise InputError(path, number, f"duplicate id {document.name!r} (first on line {seen[document.name]})")
        seen[document.name] = number
        document.line = number
        count += 1
        yield document
    if count == 0:
        raise InputError(path, None, "empty file: no JSON lines")


def document_to_json(document: ExportDocument) -> dict[str, Any]:
    return {
        "id": document.name,
        "text": document.text,
        "sha256": document.sha256,
        "spans": [
            {
                "id": s.id,
                "start": s.start,
                "end": s.end,
                "label": s.label,
                "text": s.text,
                "annotator": s.annotator,
                "status": s.status,
                "origin": s.origin,
            }
            for s in document.spans
        ],
        "relations": [
            {"id": link.id, "type": link.type, "from": link.from_id, "to": link.to_id, "annotator": link.annotator,
             "status": link.status}
            for link in document.links
        ],
        "meta": document.meta,
    }


def write_json_lines(documents: Iterable[ExportDocument], out: Path,
                     to_json: Callable[[ExportDocument], dict[str, Any]]) -> int:
    """One JSON object per document and line, written atomically; returns the number of documents."""
    count = 0
    with atomic_output(out) as handle:
        for document in documents:
            handle.write(json.dumps(to_json(document), ensure_ascii=False))
            handle.write("\n")
            count += 1
    return count


def write_jsonl(documents: Iterable[ExportDocument], out: Path, report: FormatReport | None = None) -> int:
    return write_json_lines(documents, out, document_to_json)


FORMAT = Format(
    name="jsonl",
    description="JSON lines, one document with its spans per line (doccano's label lists accepted)",
    extensions=(".jsonl",),
    read=read_jsonl,
    write=write_jsonl,
    carries_links=True,
)
