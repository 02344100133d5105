"""brat standoff: a folder of ``NAME.txt`` + ``NAME.ann`` (T and R lines) + ``annotation.conf``, as brat reads it.

brat reads the ``.txt`` with universal newlines (brat issue #853): a CRLF is one character to brat, and
its offsets count it so. Offsets of ours into a CRLF text would be one off per earlier line break, and
brat's parser rejects such T lines. So the export writes ``NAME.txt`` with LF line endings (CRLF → LF,
lone CR → LF) and remaps every span's offsets to that text: a document imported back from the folder has
LF line endings. An ``.ann`` line is one line whose text column must equal the text it marks, so a span
that crosses a line break is written as fragments around the break, as brat itself writes it:
``T1<TAB>claim 14 23;24 35<TAB>first line second line`` (the fragments' texts joined by one space;
spaces next to the break go to the gap). brat cannot hold a line break at a span's edge: such a span is
written without it, and reported; a span of nothing but spaces and line breaks is left out and reported
(brat takes its blank text column for a missing one).

Links are written as brat relations, ``R1<TAB>source Arg1:T3 Arg2:T1`` (Arg1 the link's from span, Arg2 its
to span, each the T line written for that span: identical spans of several annotators are one T line, so
their links point at it and a link that becomes identical is written once, counted). A link whose span
was left out is left out too, counted. ``annotation.conf`` lists every link type written under
``[relations]`` with the labels found at its ends: ``source<TAB>Arg1:claim, Arg2:actor|location``.

Reading takes ``NAME.ann`` and its sibling ``NAME.txt``, whose text is kept as stored (CRLF too). The
offsets are taken the way brat takes them: a CRLF counts as one character, and they are mapped back to
code points of the stored text. Older exports of ours counted a CRLF as two characters; the reading
under which every T line's text column matches the ``.txt`` is used (brat's first), and a T line that
fits neither is an error naming the ``.ann`` line. A fragmented T line whose gaps are only line breaks or
spaces is read as one span, from the first fragment's start to the last fragment's end. Relations (R)
are read as links between the spans of their two arguments (Arg1 → Arg2, in the order of the line, as brat
takes them); a relation whose argument was not read as a span (a discontinuous T line, an event, an id
the file does not define) is skipped and counted. Events (E), attributes (A/M), notes (#), equivalences
(*), normalisations (N) and other discontinuous spans (``0 5;9 14`` with words between) are skipped and
counted in the report. An id used by two T or R lines is an error (brat refuses the second line).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.formats.base import ExportDocument, Format, FormatReport, atomic_directory
from annotator.core.links import LinkRecord
from annotator.core.model import DocumentRecord, SpanRecord
from annotator.core.text import decode_utf8

# Where Python's str.splitlines ends a line, as brat's .ann reader does (Python 2 codecs readline): none
# of them may appear in a text column.
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAKS = re.compile(rf"\r\n|[{_BREAKS}]")
_PIECE = re.compile(rf"[^{_BREAKS}]+")
_BREAK = re.compile(rf"[{_BREAKS}]")
_UNSAFE = re.compile(r"[^\w.\-]+")
# Names Windows will not open as files, whatever the extension.
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_KINDS = {"E": "event", "A": "attribute", "M": "attribute", "#": "note", "*": "equivalence", "N": "normalisation"}
EDGE_BREAKS = "span(s) written without the line break at their start or end (brat cannot hold one there)"
ONLY_BREAKS = "only spaces and line breaks: brat cannot hold such a span"
DISCONTINUOUS = "brat discontinuous span(s) (start end;start end) skipped"
IDENTICAL_LINK = "identical link from another annotator written once"
LINK_END_LEFT_OUT = "link(s) left out: a span at its end was left out of the brat export"
RELATION_TO_DISCONTINUOUS = ("brat relation line(s) (R) skipped: an argument is a discontinuous span, "
                             "which is not imported")
RELATION_TO_NON_SPAN = ("brat relation line(s) (R) skipped: an argument is an event or another annotation "
                        "that is not a text span")
RELATION_TO_NOTHING = "brat relation line(s) (R) skipped: an argument's id is not defined in the .ann file"
_ID = re.compile(r"^([A-Za-z]+|#[A-Za-z]*)([0-9]+)(.*?)$")  # brat's annotation ids (annotation.py)
_STORAGE_FORM = re.compile(r"[a-zA-Z0-9_-]*")  # what brat keeps of a type's name in annotation.conf


def renamed_by_brat(name: str) -> str:
    return (f"type {name!r} renamed by brat in annotation.conf (a type there holds only a-z, A-Z, 0-9, _ and -): "
            "its lines will not match it")


def _one_line(text: str) -> str:
    return _LINE_BREAKS.sub(" ", text)


class NewlineMap:
    """Offsets between a text and brat's universal-newline reading of it, where each CRLF is one LF."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.brat_text = text.replace("\r\n", "\n").replace("\r", "\n")
        pairs = [m.start() for m in re.finditer("\r\n", text)]
        self._raw_lf = [r + 1 for r in pairs]  # the \n of each CRLF in the stored text
        self._brat_lf = [r - index for index, r in enumerate(pairs)]  # the LF standing for it in brat's
        self.same = not pairs  # no CRLF: the offsets are the same in both

    def to_brat(self, raw: int) -> int:
        """A boundary between \\r and \\n goes after the line feed."""
        return raw - bisect_left(self._raw_lf, raw)

    def to_raw(self, brat: int) -> int:
        return brat + bisect_left(self._brat_lf, brat)


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of ``text[start:end]`` between its line breaks, as brat writes a span crossing lines:
    spaces beside an inner break go to the gap, a space at the span's own edge stays (so the span reads
    back exactly); line breaks at the edges are left out (the caller reports it)."""
    if _BREAK.search(text, start, end) is None:  # (nearly every span: on one line, one piece)
        return [(start, end)] if start < end else []
    return _pieces(text, start, end)


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``fragments`` for a span with line breaks in it (and the same for any other)."""
    pieces = [(m.start(), m.end()) for m in _PIECE.finditer(text, start, end)]
    kept = []
    for index, (first, after) in enumerate(pieces):
        a, z = first, after
        if index > 0:
            while a < z and text[a].isspace():
                a += 1
        if index < len(pieces) - 1:
            while z > a and text[z - 1].isspace():
                z -= 1
        if a < z:
            kept.append((a, z))
        elif index in (0, len(pieces) - 1):
            kept.append((first, after))  # a space-only piece at the span's edge: keep the edge exact
    return kept


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


@dataclass
class _Written:
    """One document as written: brat's text, its T lines, their labels in order, and for each span id the
    T id written for it (an identical span of another annotator shares the first one's) with its label."""

    text: str
    lines: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    t_of: dict[Any, tuple[str, str]] = field(default_factory=dict)


def _t_lines(document: ExportDocument, report: FormatReport) -> _Written:
    newlines = NewlineMap(document.text)
    text = newlines.brat_text
    written = _Written(text)
    seen: dict[tuple[tuple[tuple[int, int], ...], str], str] = {}
    same = newlines.same
    for span in document.spans:
        pieces = fragments(text, span.start, span.end) if same else \
            fragments(text, newlines.to_brat(span.start), newlines.to_brat(span.end))
        if not document.text[span.start:span.end].strip():  # brat takes a blank text column for a missing one
            report.drop(document.name, document.text, span, ONLY_BREAKS)
            continue
        key = (tuple(pieces), span.label)
        if key in seen:
            report.note("identical span from another annotator written once")
            if span.id is not None:
                written.t_of.setdefault(span.id, (seen[key], span.label))
            continue
        t_id = seen[key] = f"T{len(seen) + 1}"
        if span.id is not None:
            written.t_of.setdefault(span.id, (t_id, span.label))
        first, last = pieces[0][0], pieces[-1][1]
        if ((first, last) if same else (newlines.to_raw(first), newlines.to_raw(last))) != (span.start, span.end):
            report.note(EDGE_BREAKS)
        if span.label not in written.labels:
            written.labels.append(span.label)
        if len(pieces) == 1:
            written.lines.append(f"{t_id}\t{span.label} {first} {last}\t{text[first:last]}\n")
        else:
            ranges = ";".join(f"{a} {z}" for a, z in pieces)
            written.lines.append(f"{t_id}\t{span.label} {ranges}\t{' '.join(text[a:z] for a, z in pieces)}\n")
    return written


def _r_lines(document: ExportDocument, written: _Written, report: FormatReport,
             relations: dict[str, tuple[dict[str, None], dict[str, None]]]) -> list[str]:
    """The document's links as R lines between the T lines written for their spans; ``relations`` gathers
    each link type's labels at Arg1 and Arg2 for annotation.conf."""
    lines: list[str] = []
    seen: set[tuple[str, str, str]] = set()
    for link in document.links:
        first, second = written.t_of.get(link.from_id), written.t_of.get(link.to_id)
        if first is None or second is None:
            report.note(LINK_END_LEFT_OUT)
            continue
        key = (link.type, first[0], second[0])
        if key in seen:
            report.note(IDENTICAL_LINK)
            continue
        seen.add(key)
        from_labels, to_labels = relations.setdefault(link.type, ({}, {}))
        from_labels[first[1]] = None
        to_labels[second[1]] = None
        lines.append(f"R{len(seen)}\t{link.type} Arg1:{first[0]} Arg2:{second[0]}\n")
    return lines


def write_brat(documents: Iterable[ExportDocument], out: Path, report: FormatReport | None = None) -> int:
    report = report if report is not None else FormatReport()
    count = 0
    labels: list[str] = []
    relations: dict[str, tuple[dict[str, None], dict[str, None]]] = {}  # link type -> labels at Arg1, Arg2
    taken: set[str] = set()
    with atomic_directory(out, "brat") as folder:
        for document in documents:
            name = safe_name(document.name, taken)
            written = _t_lines(document, report)
            links = _r_lines(document, written, report, relations)
            (folder / f"{name}.txt").write_text(written.text, encoding="utf-8", newline="")
            (folder / f"{name}.ann").write_text("".join(written.lines + links), encoding="utf-8", newline="")
            labels.extend(label for label in written.labels if label not in labels)
            count += 1
        relation_lines = [f"{name}\tArg1:{'|'.join(ends[0])}, Arg2:{'|'.join(ends[1])}"
                          for name, ends in relations.items()]
        conf = ["[entities]", *labels, "", "[relations]", *relation_lines, "", "[events]", "", "[attributes]", ""]
        for name in (*labels, *relations):
            if _STORAGE_FORM.fullmatch(name) is None:
                report.note(renamed_by_brat(name))
        (folder / "annotation.conf").write_text("\n".join(conf), encoding="utf-8")
    return count


@dataclass(frozen=True)
class _TLine:
    number: int
    label: str
    ranges: tuple[tuple[int, int], ...]  # sorted, not overlapping
    column: str | None
    id: str = ""


@dataclass(frozen=True)
class _RLine:
    number: int
    id: str
    type: str
    args: tuple[str, str]  # Arg1's id, Arg2's id, in the order of the line


@dataclass
class _Parsed:
    t_lines: list[_TLine] = field(default_factory=list)
    r_lines: list[_RLine] = field(default_factory=list)
    other_ids: set[str] = field(default_factory=set)  # ids of relations, events, notes ... (not spans)


def _relation(path: Path, number: int, line: str) -> _RLine:
    """An R line as brat parses it (``Annotations._parse_relation_annotation``): the data before the first
    tab is ``TYPE ROLE1:ID1 ROLE2:ID2``, two arguments with different roles."""
    rel_id, _, tail = line.partition("\t")
    rel_type, _, rest = tail.split("\t", 1)[0].partition(" ")
    args = [arg.split(":") for arg in rest.split()]
    if not rel_type or len(args) != 2 or any(len(arg) != 2 or not all(arg) for arg in args):
        raise InputError(path, number, "expected 'R<id><TAB>type Arg1:<id> Arg2:<id>' (a relation of two arguments)")
    if args[0][0] == args[1][0]:
        raise InputError(path, number, f"the two arguments of relation {rel_id} have the same role {args[0][0]!r}")
    return _RLine(number, rel_id, rel_type, (args[0][1], args[1][1]))


def _parse(path: Path, content: str, report: FormatReport | None) -> _Parsed:
    """The T and R lines of an .ann (syntax checked); other annotation lines are counted and skipped."""
    found = _Parsed()
    first_line: dict[str, int] = {}
    for number, line in enumerate(content.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if not line.strip():
            continue
        kind = line[0]
        if kind in "TR":
            line_id = line.split("\t", 1)[0]
            if _ID.match(line_id) is None:
                raise InputError(path, number, f"{line_id[:40]!r} is not a brat annotation id")
            if line_id in first_line:
                raise InputError(path, number, f"id {line_id} is used twice (first on line {first_line[line_id]})")
            first_line[line_id] = number
        if kind == "R":
            found.r_lines.append(_relation(path, number, line))
            found.other_ids.add(found.r_lines[-1].id)
            continue
        if kind != "T":
            if kind not in _KINDS:
                raise InputError(path, number, f"unknown annotation line {line[:40]!r}")
            found.other_ids.add(line.split("\t", 1)[0])
            if report is not None:
                report.note(f"brat {_KINDS[kind]} line(s) ({kind}) skipped: only text spans (T) and relations (R) "
                            "are imported")
            continue
        fields = line.split("\t", 2)
        if len(fields) < 2 or len(fields[1].split(" ")) < 3:
            raise InputError(path, number, "expected 'T<id><TAB>label start end<TAB>text'")
        label, rest = fields[1].split(" ", 1)
        ranges = []
        for piece in rest.split(";"):
            try:
                start, end = (int(v) for v in piece.split(" "))
            except ValueError:
                raise InputError(path, number, f"offsets must be two integers, got {piece!r}") from None
            ranges.append((start, end))
        ranges.sort()
        if any(b[0] < a[1] for a, b in zip(ranges, ranges[1:], strict=False)):
            raise InputError(path, number, f"fragments {rest!r} overlap")
        found.t_lines.append(_TLine(number, label, tuple(ranges), fields[2] if len(fields) == 3 else None,
                                    fields[0]))
    return found


def _joined(line: _TLine, view: str) -> tuple[int, int] | None:
    """The one span a T line marks in ``view`` (fragments joined over gaps of spaces and line breaks),
    or None for a discontinuous span."""
    gaps = (view[a[1]:b[0]] for a, b in zip(line.ranges, line.ranges[1:], strict=False))
    if any(gap.strip() for gap in gaps):
        return None
    return line.ranges[0][0], line.ranges[-1][1]


def _problem(line: _TLine, view: str, txt: Path) -> str | None:
    """Why ``line`` does not fit this reading of the text, or None."""
    start, end = line.ranges[0][0], line.ranges[-1][1]
    if not 0 <= start < end <= len(view) or any(a > z for a, z in line.ranges):
        return f"offsets [{start}, {end}) do not fit the text of {txt.name} ({len(view)} characters)"
    if line.column is None or _joined(line, view) is None:
        return None
    covered = " ".join(view[a:z] for a, z in line.ranges)
    if _one_line(covered) != _one_line(line.column):
        at = ";".join(f"[{a}, {z})" for a, z in line.ranges)
        return f"span text {line.column!r} does not match {txt.name} at {at}: {covered!r}"
    return None


def _reading(path: Path, txt: Path, text: str, lines: list[_TLine]) -> tuple[str, Callable[[int], int]]:
    """The text as the .ann's offsets count it and the way back to code points of the stored text: brat's
    universal-newline reading, else (a CRLF text exported by an older version of ours) the stored text
    itself. The first reading under which every T line fits is taken; when none is, the error names the
    line where the reading that got furthest fails."""
    newlines = NewlineMap(text)
    readings: list[tuple[str, Callable[[int], int]]] = [(newlines.brat_text, newlines.to_raw)]
    if "\r\n" in text:
        readings.append((text, lambda offset: offset))
    failures = []
    for view, to_raw in readings:
        failure = next(((line.number, problem) for line in lines
                        if (problem := _problem(line, view, txt)) is not None), None)
        if failure is None:
            return view, to_raw
        failures.append(failure)
    number, problem = max(failures, key=lambda failure: failure[0])  # the first one on a tie: brat's
    if len(readings) > 1:
        problem += (f" (neither counting each CRLF of {txt.name} as one character, as brat does, "
                    "nor as two fits every T line)")
    raise InputError(path, number, problem)


def read_brat(path: Path, report: FormatReport | None = None) -> Iterator[DocumentRecord]:
    txt = path.with_suffix(".txt")
    if not txt.is_file():
        raise InputError(path, None, f"no text file {txt.name} beside the .ann file")
    text = decode_utf8(txt.read_bytes(), txt)
    parsed = _parse(path, decode_utf8(path.read_bytes(), path), report)
    view, to_raw = _reading(path, txt, text, parsed.t_lines)
    spans: list[SpanRecord] = []
    index_of: dict[str, int] = {}  # T id -> index of its span
    skipped: set[str] = set()  # T ids of discontinuous spans
    for line in parsed.t_lines:
        joined = _joined(line, view)
        if joined is None:
            if report is not None:
                report.note(DISCONTINUOUS)
            skipped.add(line.id)
            continue
        start, end = to_raw(joined[0]), to_raw(joined[1])
        index_of[line.id] = len(spans)
        spans.append(SpanRecord(start, end, line.label, text[start:end]))
    links: list[LinkRecord] = []
    for relation in parsed.r_lines:
        missing = [arg for arg in relation.args if arg not in index_of]
        if not missing:
            links.append(LinkRecord(index_of[relation.args[0]], index_of[relation.args[1]], relation.type,
                                    id=relation.id))
        elif report is not None:
            if missing[0] in skipped:
                report.note(RELATION_TO_DISCONTINUOUS)
            elif missing[0] in parsed.other_ids:
                report.note(RELATION_TO_NON_SPAN)
            else:
                report.note(RELATION_TO_NOTHING)
    if not text.strip():
        raise InputError(txt, None, "empty file: there is no text to annotate")
    yield DocumentRecord(name=path.stem, text=text, spans=spans, line=1, links=links)


FORMAT = Format(
    name="brat",
    description="brat standoff: a folder of NAME.txt (LF line endings) + NAME.ann (T spans, R links) and "
                "annotation.conf",
    extensions=(".ann",),
    read=read_brat,
    write=write_brat,
    directory=True,
    carries_links=True,
)
