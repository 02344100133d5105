"""doccano's sequence-labelling JSON lines: ``{"id", "text", "label": [[start, end, "label"], ...], ...}``.

Reading goes through the ``jsonl`` reader, which accepts this shape (and doccano's ``entities`` objects;
its ``relations`` are counted and skipped). doccano has no annotator or review status per span; the
document's metadata is written as extra keys, which doccano keeps as the example's metadata.

Every line has the same keys. doccano 1.8 builds a pandas table from the lines: a key missing from some
lines becomes NaN there, which is not JSON, and the import fails (``CHECK constraint failed:
JSON_VALID("meta")``, doccano issue #2229). A null becomes NaN too in a column of numbers or strings, so a
metadata key a document lacks, or holds null, is written as ``""`` (counted in the report); the ``meta``
key that holds metadata named like our own keys is ``{}`` on lines without such metadata. The keys are
only known once every document is seen, so the lines are written to a temporary file first and padded
in a second pass (a line that already has every key is copied as it is): memory holds each line's key
list, not the documents.
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
HOLDER = "meta"  # metadata whose key the reader would take for spans or names goes under "meta"
PADDED = 'metadata key(s) a document lacks written as "" (doccano needs the same keys on every line)'
NULL_AS_EMPTY = 'null metadata value(s) written as "" (doccano would read them as NaN)'


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


def padded(obj: dict[str, Any], keys: Iterable[str], report: FormatReport) -> dict[str, Any]:
    """``obj`` with exactly ``keys`` after the fixed ones, a missing or null value as ``""``."""
    line = {k: obj[k] for k in FIXED_KEYS}
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
    out.parent.mkdir(parents=True, exist_ok=True)
    # Beside the output, on the disk chosen for it; unnamed (O_TMPFILE) where the system allows, so
    # nothing is left behind even if the process is killed.
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n", dir=out.parent) as spool:
        for document in documents:
            obj = doccano_object(document, report)
            meta_keys = tuple(k for k in obj if k not in FIXED_KEYS)
            keys.update(dict.fromkeys(meta_keys))
            lines.append(None if any(obj[k] is None for k in meta_keys) else shapes.setdefault(meta_keys, meta_keys))
            spool.write(json.dumps(obj, ensure_ascii=False) + "\n")
        spool.seek(0)
        complete = tuple(keys)
        with atomic_output(out) as handle:
            for shape, line in zip(lines, spool, strict=True):  # split on "\n" only: JSON escapes it in strings
                if shape != complete:  # a line that already has every key, in order, is copied as it is
                    line = json.dumps(padded(json.loads(line), keys, report), ensure_ascii=False) + "\n"
                handle.write(line)
    return len(lines)


FORMAT = Format(
    name="jsonl-doccano",
    description='doccano JSON lines: {"id", "text", "label": [[start, end, label], ...]}, the same keys on every line',
    extensions=(".jsonl",),
    read=read_jsonl,
    write=write_doccano,
)
