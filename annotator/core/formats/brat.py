"""brat standoff: a folder of ``NAME.txt`` (the text, byte for byte) + ``NAME.ann`` + ``annotation.conf``.

``.ann`` lines are ``T1<TAB>label START END<TAB>text`` with code-point offsets into the ``.txt``. A span
whose text holds a line break is written as one range, with its line breaks shown as spaces in the text
column (the column is a single line); reading compares the same way.

Reading takes ``NAME.ann`` and its sibling ``NAME.txt``. Only text-bound annotations (T) become spans:
relations (R), events (E), attributes (A/M), notes (#), equivalences (*), normalisations (N) and
discontinuous spans (``0 5;9 14``) are skipped and counted in the report. A T line whose offsets run past
the text, or whose text differs from the ``.txt``, is an error naming the ``.ann`` line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.formats.base import ExportDocument, Format, FormatReport, atomic_directory
from annotator.core.model import DocumentRecord, SpanRecord
from annotator.core.text import decode_utf8

_LINE_BREAKS = re.compile(r"\r\n|[\n\r\u2028\u2029\x0b\x0c\x85]")
_UNSAFE = re.compile(r"[^\w.\-]+")
# Names Windows will not open as files, whatever the extension.
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_KINDS = {"R": "relation", "E": "event", "A": "attribute", "M": "attribute", "#": "note",
          "*": "equivalence", "N": "normalisation"}


def _one_line(text: str) -> str:
    return _LINE_BREAKS.sub(" ", text)


def safe_name(name: str, taken: set[str]) -> str:
    """A file name from a document name: no folders, no leading dot, unique in ``taken`` (any case)."""
    stem = _UNSAFE.sub("_", name).strip("._-")[:100] or "document"
    if stem.lower() == "annotation" or stem.upper().split(".")[0] in _RESERVED:
        stem = f"{stem}_"
    candidate, number = stem, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{stem}-{number}"
    taken.add(candidate.lower())
    return candidate


def write_brat(documents: Iterable[ExportDocument], out: Path, report: FormatReport | None = None) -> int:
    count = 0
    labels: list[str] = []
    taken: set[str] = set()
    with atomic_directory(out, "brat") as folder:
        for document in documents:
            name = safe_name(document.name, taken)
            (folder / f"{name}.txt").write_text(document.text, encoding="utf-8", newline="")
            lines = []
            seen: set[tuple[int, int, str]] = set()
            for span in document.spans:
                key = (span.start, span.end, span.label)
                if key in seen:
                    if report is not None:
                        report.note("identical span from another annotator written once")
                    continue
                seen.add(key)
                if span.label not in labels:
                    labels.append(span.label)
                text = _one_line(document.text[span.start:span.end])
                lines.append(f"T{len(seen)}\t{span.label} {span.start} {span.end}\t{text}\n")
            (folder / f"{name}.ann").write_text("".join(lines), encoding="utf-8", newline="")
            count += 1
        conf = ["[entities]", *labels, "", "[relations]", "", "[events]", "", "[attributes]", ""]
        (folder / "annotation.conf").write_text("\n".join(conf), encoding="utf-8")
    return count


def read_brat(path: Path, report: FormatReport | None = None) -> Iterator[DocumentRecord]:
    txt = path.with_suffix(".txt")
    if not txt.is_file():
        raise InputError(path, None, f"no text file {txt.name} beside the .ann file")
    text = decode_utf8(txt.read_bytes(), txt)
    spans: list[SpanRecord] = []
    for number, raw in enumerate(decode_utf8(path.read_bytes(), path).split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        kind = line[0]
        if kind != "T":
            if kind not in _KINDS:
                raise InputError(path, number, f"unknown annotation line {line[:40]!r}")
            if report is not None:
                report.note(f"brat {_KINDS[kind]} line(s) ({kind}) skipped: only text spans (T) are imported")
            continue
        fields = line.split("\t", 2)
        if len(fields) < 2 or len(fields[1].split(" ")) < 3:
            raise InputError(path, number, "expected 'T<id><TAB>label start end<TAB>text'")
        label, ranges = fields[1].split(" ", 1)
        if ";" in ranges:
            if report is not None:
                report.note("brat discontinuous span(s) (start end;start end) skipped")
            continue
        try:
            start, end = (int(v) for v in ranges.split(" "))
        except ValueError:
            raise InputError(path, number, f"offsets must be two integers, got {ranges!r}") from None
        if not 0 <= start < end <= len(text):
            raise InputError(path, number, f"offsets [{start}, {end}) do not fit the text of {txt.name} "
                             f"({len(text)} characters)")
        covered = text[start:end]
        if len(fields) == 3 and _one_line(covered) != fields[2]:
            raise InputError(path, number, f"span text {fields[2]!r} does not match {txt.name} at "
                             f"[{start}, {end}): {covered!r}")
        spans.append(SpanRecord(start, end, label, covered))
    if not text.strip():
        raise InputError(txt, None, "empty file: there is no text to annotate")
    yield DocumentRecord(name=path.stem, text=text, spans=spans, line=1)


FORMAT = Format(
    name="brat",
    description="brat standoff: a folder of NAME.txt + NAME.ann (T spans) and annotation.conf",
    extensions=(".ann",),
    read=read_brat,
    write=write_brat,
    directory=True,
)
