"""brat's own reading of a ``.ann`` file, re-told from brat's server (``server/src/annotation.py``:
``open_textfile``, ``Annotations._parse_ann_file``, ``_split_textbound_data`` and
``TextAnnotations._parse_textbound_annotation``), so tests can run every exported ``.ann`` through the
rules brat applies rather than through our own reader.

- Both files are read in universal-newline mode (``codecs.open(..., 'rU')``): CRLF and lone CR become LF
  before any offset is counted. brat 1.3 (Python 2) iterates the ``.ann`` with codecs' ``readline``,
  which ends a line wherever ``unicode.splitlines`` does (also at VT, FF, U+0085, U+2028, U+2029).
- A line is ``ID<TAB>data[<TAB>text...]``; a T line's data is ``type start end[;start end]*``, each range
  split on single spaces (``split(' ', 2)`` must give exactly two integers).
- Each range needs ``0 <= start <= end <= len(text)``, and two ranges may not overlap or touch
  (``end >= other_start and start < other_end`` is an error).
- The text column must begin with the ranges' texts joined by one space (``DISCONT_SEP``), and anything
  after it must start with whitespace.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BratSpan:
    label: str
    ranges: tuple[tuple[int, int], ...]
    text: str


def _read_universal(path: Path) -> str:
    with path.open(encoding="utf-8", newline=None) as handle:  # CRLF and CR become LF, as with 'rU'
        return handle.read()


def brat_read(ann: Path) -> tuple[str, list[BratSpan], list[str]]:
    """brat's text of the document, the T annotations brat accepts, and the lines it rejects (with why)."""
    text = _read_universal(ann.with_suffix(".txt"))
    spans: list[BratSpan] = []
    problems: list[str] = []
    for number, line in enumerate(_read_universal(ann).splitlines(keepends=True), start=1):
        if not line.startswith("T"):
            continue
        try:
            spans.append(_textbound(line, text))
        except ValueError as error:
            problems.append(f"line {number}: {error}: {line!r}")
    return text, spans, problems


def _textbound(line: str, text: str) -> BratSpan:
    if "\t" not in line:
        raise ValueError("no tab after the id")
    _, id_tail = line.split("\t", 1)
    if "\t" in id_tail:
        data, data_tail = id_tail[:id_tail.index("\t")], id_tail[id_tail.index("\t"):]
    else:
        data, data_tail = id_tail, ""
    label, rest = data.split(" ", 1)
    ranges: list[tuple[int, int]] = []
    for span_str in rest.split(";"):
        start_str, end_str = span_str.split(" ", 2)  # three parts raise ValueError, as in brat
        end_str = end_str.rstrip()
        if any(c.isspace() for c in end_str):
            raise ValueError("space instead of tab")
        ranges.append((int(start_str), int(end_str)))
    seen: list[tuple[int, int]] = []
    for start, end in ranges:
        if start > end or start < 0 or end > len(text):
            raise ValueError(f"range {start} {end} outside the text ({len(text)} characters)")
        if any(end >= other_start and start < other_end for other_start, other_end in seen):
            raise ValueError("text-bound annotation spans overlap")
        seen.append((start, end))
    span_length = sum(end - start for start, end in ranges) + len(ranges) - 1
    if data_tail.strip() == "":
        raise ValueError("no text column")  # brat fills it in and rewrites the file: never from us
    if data_tail[0] != "\t":
        raise ValueError("no tab before the text")
    if span_length > len(data_tail) - 1:
        raise ValueError("text shorter than the marked span(s)")
    covered = data_tail[1:span_length + 1]
    after = data_tail[span_length + 1:]
    reference = " ".join(text[start:end] for start, end in ranges)
    if covered != reference:
        raise ValueError(f"text {covered!r} does not match the marked span(s) {reference!r}")
    if after and not after[0].isspace():
        raise ValueError("text not separated from the rest of the line")
    return BratSpan(label, tuple(ranges), covered)
