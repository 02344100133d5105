"""doccano's sequence-labelling JSON lines: ``{"id", "text", "label": [[start, end, "label"], ...]}``.

Reading goes through the ``jsonl`` reader, which accepts this shape (and doccano's ``entities`` objects).
doccano has no annotator or review status per span; the document's metadata is kept as extra keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.formats.base import ExportDocument, Format, FormatReport
from annotator.core.formats.jsonl import _DOCUMENT_KEYS, read_jsonl, write_json_lines


def write_doccano(documents: Iterable[ExportDocument], out: Path, report: FormatReport | None = None) -> int:
    def doccano_object(document: ExportDocument) -> dict[str, Any]:
        labels = sorted({(s.start, s.end, s.label) for s in document.spans})
        if report is not None and len(labels) < len(document.spans):
            report.note("identical span from another annotator written once", len(document.spans) - len(labels))
        # doccano keeps extra keys as metadata; keys the reader would take for spans or names go under "meta"
        obj: dict[str, Any] = {k: v for k, v in document.meta.items() if k not in _DOCUMENT_KEYS}
        clashing = {k: v for k, v in document.meta.items() if k in _DOCUMENT_KEYS}
        if clashing:
            obj["meta"] = clashing
        obj.update({"id": document.name, "text": document.text, "label": [list(span) for span in labels]})
        return obj

    return write_json_lines(documents, out, doccano_object)


FORMAT = Format(
    name="jsonl-doccano",
    description='doccano JSON lines: {"id", "text", "label": [[start, end, label], ...]}',
    extensions=(".jsonl",),
    read=read_jsonl,
    write=write_doccano,
)
