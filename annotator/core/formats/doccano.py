"""doccano's sequence-labelling JSON lines: ``{"id", "text", "label": [[start, end, "label"], ...], ...}``, or,
when the export holds links, doccano's relation shape on every line: ``{"id", "text", "entities": [{"id",
"label", "start_offset", "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}], ...}``.

Reading goes through the ``jsonl`` reader, which accepts both shapes (a relation's ends are entity ids of
its line). doccano has no annotator or review status per span or link; the document's metadata is
written as extra keys, which doccano keeps as the example's metadata.

One shape for the whole file. doccano 1.8's JSONL import of a sequence-labelling project takes the spans
from one column, ``label`` unless the user names another; its "JSONL(Relation)" import (a project with
relation labelling) takes ``entities`` and ``relations``. So a file without links keeps the ``label``
shape that every sequence-labelling import reads, and a file with links is in the relation shape on
every line (``"relations": []`` where a document has none; ``label`` is not written beside it, or
doccano's relation import would keep it as metadata and our reader would read each span twice). An
entity's id is its stored span id, a relation's its stored link id (another number when the id is
missing or already used in the file): unique in the file, so that a relation finds its entity however
doccano keys them. Identical spans of several annotators are one entity, their links point at it, and a
link that becomes identical is written once (counted). doccano drops overlapping spans unless the project
allows them, and a relation to a dropped span then fails its import: a claim holds its actor and date, so
import such a file into a project with relation labelling and overlapping spans allowed.

Every line has the same keys. doccano 1.8 builds a pandas table from the lines: a key missing from some
lines becomes NaN there, which is not JSON, and the import fails (``CHECK constraint failed:
JSON_VALID("meta")``, doccano issue #2229). A null becomes NaN too in a column of numbers or strings, so a
metadata key a document lacks, or holds null, is written as ``""`` (counted in the report); the ``meta``
key that holds metadata named like our own keys is ``{}`` on lines without such metadata. The keys are
only known once every document is seen, so the lines are written to a temporary file first and padded
in a second pass (a line that already has every key is copied as it is): memory holds each line's key
list and the entity and relation ids used, not the documents.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.formats.base import ExportDocument, Format, FormatReport, atomic_output
from annotator.core.formats.jsonl import _DOCUMENT_KEYS, read_jsonl

FIXED_KEYS = ("id", "text", "label")
RELATION_KEYS = ("id", "text", "entities", "relations")  # the shape of every line when the file holds links
HOLDER = "meta"  # metadata whose key the reader would take for spans or names goes under "meta"
PADDED = 'metadata key(s) a document lacks written as "" (doccano needs the same keys on every line)'
NULL_AS_EMPTY = 'null metadata value(s) written as "" (doccano would read them as NaN)'
IDENTICAL_LINK = "identical link from another annotator written once"
LINK_END_LEFT_OUT = "link(s) left out: a span at its end is not among the document's spans"


class _Ids:
    """Numbers unique in one file: a record's own id when it is a number not used yet, else the next free."""

    def __init__(self) -> None:
        self.used: set[int] = set()
        self.next = 1

    def take(self, own: Any) -> int:
        if isinstance(own, int) and not isinstance(own, bool) and own not in self.used:
            self.used.add(own)
            return own
        while self.next in self.used:
            self.next += 1
        self.used.add(self.next)
        return self.next


def doccano_object(document: ExportDocument, report: FormatReport) -> dict[str, Any]:
    """The document's line before padding: the fixed keys, then its metadata."""
    labels = sorted({(s.start, s.end, s.label) for s in document.spans})
    if len(labels) < len(document.spans):
        report.note("identical span from another annotator written once", len(document.spans) - len(labels))
    obj: dict[str, Any] = {"id": document.name, "text": document.text, "label": [list(span) for span in labels]}
    obj.update({k: v for k, v in document.meta.items() if k not in _DOCUMENT_KEYS})
    clashing = {k: v for k, v in document.meta.items() if k in _DOCUMENT_KEYS}
    if clashing:
        obj[HOLDER] = clashing
    return obj


def link_lists(document: ExportDocument, labels: list[list[Any]], entity_ids: _Ids, relation_ids: _Ids,
               report: FormatReport) -> tuple[list[int], list[list[Any]]]:
    """The entity id of each of the line's ``labels`` (its first span's stored id, if free) and the document's
    links as ``[id, from_id, to_id, type]`` between those entities."""
    first: dict[tuple[int, int, str], Any] = {}
    for span in document.spans:
        first.setdefault((span.start, span.end, span.label), span.id)
    ids = [entity_ids.take(first[(start, end, label)]) for start, end, label in labels]
    entity_of = dict(zip(((start, end, label) for start, end, label in labels), ids, strict=True))
    by_span = {span.id: entity_of[(span.start, span.end, span.label)] for span in document.spans
               if span.id is not None}
    relations: list[list[Any]] = []
    seen: set[tuple[str, int, int]] = set()
    for link in document.links:
        ends = by_span.get(link.from_id), by_span.get(link.to_id)
        if ends[0] is None or ends[1] is None:
            report.note(LINK_END_LEFT_OUT)
            continue
        key = (link.type, ends[0], ends[1])
        if key in seen:
            report.note(IDENTICAL_LINK)
            continue
        seen.add(key)
        relations.append([relation_ids.take(link.id), ends[0], ends[1], link.type])
    return ids, relations


def relation_shaped(obj: dict[str, Any], ids: list[int], relations: list[list[Any]]) -> dict[str, Any]:
    """A line of the ``label`` shape in doccano's relation shape: ``entities`` and ``relations`` for ``label``."""
    line: dict[str, Any] = {"id": obj["id"], "text": obj["text"]}
    line["entities"] = [{"id": entity, "label": label, "start_offset": start, "end_offset": end}
                        for entity, (start, end, label) in zip(ids, obj["label"], strict=True)]
    line["relations"] = [{"id": rel_id, "from_id": from_id, "to_id": to_id, "type": rel_type}
                         for rel_id, from_id, to_id, rel_type in relations]
    line.update((k, v) for k, v in obj.items() if k not in FIXED_KEYS)
    return line


def padded(obj: dict[str, Any], keys: Iterable[str], report: FormatReport,
           fixed: tuple[str, ...] = FIXED_KEYS) -> dict[str, Any]:
    """``obj`` with exactly ``keys`` after the ``fixed`` ones, a missing or null value as ``""``."""
    line = {k: obj[k] for k in fixed}
    for key in keys:
        if key == HOLDER:
            line[key] = obj.get(key, {})
        elif key not in obj:
            report.note(PADDED)
            line[key] = ""
        else:
            if obj[key] is None:
                report.note(NULL_AS_EMPTY)
            line[key] = "" if obj[key] is None else obj[key]
    return line


def write_doccano(documents: Iterable[ExportDocument], out: Path, report: FormatReport | None = None) -> int:
    report = report if report is not None else FormatReport()
    keys: dict[str, None] = {}  # metadata keys in the order first seen
    shapes: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per distinct key list, shared
    lines: list[tuple[str, ...] | None] = []  # each line's keys; None when it holds a null to replace
    entity_ids, relation_ids = _Ids(), _Ids()
    linked = False  # does any document have a link (then every line is in the relation shape)?
    out.parent.mkdir(parents=True, exist_ok=True)
    # Beside the output, on the disk chosen for it; unnamed (O_TMPFILE) where the system allows, so
    # nothing is left behind even if the process is killed. The entity ids and relations of each line
    # wait in a second one until the shape is known.
    with (tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n", dir=out.parent) as spool,
          tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n", dir=out.parent) as link_spool):
        for document in documents:
            obj = doccano_object(document, report)
            meta_keys = tuple(k for k in obj if k not in FIXED_KEYS)
            keys.update(dict.fromkeys(meta_keys))
            lines.append(None if any(obj[k] is None for k in meta_keys) else shapes.setdefault(meta_keys, meta_keys))
            spool.write(json.dumps(obj, ensure_ascii=False) + "\n")
            ids, relations = link_lists(document, obj["label"], entity_ids, relation_ids, report)
            linked = linked or bool(relations)
            link_spool.write(json.dumps([ids, relations], ensure_ascii=False) + "\n")
        spool.seek(0)
        link_spool.seek(0)
        complete = tuple(keys)
        with atomic_output(out) as handle:
            # split on "\n" only: JSON escapes it in strings
            for shape, line, link_line in zip(lines, spool, link_spool, strict=True):
                if linked:
                    obj = relation_shaped(json.loads(line), *json.loads(link_line))
                    if shape != complete:
                        obj = padded(obj, keys, report, RELATION_KEYS)
                    line = json.dumps(obj, ensure_ascii=False) + "\n"
                elif shape != complete:  # a line that already has every key, in order, is copied as it is
                    line = json.dumps(padded(json.loads(line), keys, report), ensure_ascii=False) + "\n"
                handle.write(line)
    return len(lines)


FORMAT = Format(
    name="jsonl-doccano",
    description='doccano JSON lines: {"id", "text", "label": [[start, end, label], ...]}, or with links '
                '{"id", "text", "entities", "relations"}; the same keys on every line',
    extensions=(".jsonl",),
    read=read_jsonl,
    write=write_doccano,
    carries_links=True,
)
