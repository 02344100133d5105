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
- Every id (the part before the first tab) is given once (``DuplicateAnnotationIdError``; ``*`` lines have
  none).
- An R line's data (before its first tab) is ``type ROLE1:ID1 ROLE2:ID2`` (``_parse_relation_annotation``):
  exactly two arguments, each split on ``:``, with different roles; Arg1 is the first. After parsing,
  every id an annotation refers to must be defined in the file (``Annotations._sanity``).
- ``annotation.conf`` (``projectconfig.__parse_configs`` / ``__read_term_hierarchy``): ``[section]`` lines,
  then one type per line, ``TYPE<whitespace>ROLE:LABEL|LABEL, ROLE:LABEL``; a type not matching
  ``^[a-zA-Z0-9_-]*$`` is renamed to its storage form (so R lines naming it would no longer match); and
  a relation's arguments must have labels its ``[relations]`` line allows (``verify_annotations``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BratSpan:
    label: str
    ranges: tuple[tuple[int, int], ...]
    text: str
    id: str = ""


@dataclass(frozen=True)
class BratRelation:
    id: str
    type: str
    arg1: str  # the id of its first argument (brat's arg1, the arc's start)
    arg2: str
    roles: tuple[str, str] = ("Arg1", "Arg2")


def _read_universal(path: Path) -> str:
    with path.open(encoding="utf-8", newline=None) as handle:  # CRLF and CR become LF, as with 'rU'
        return handle.read()


def brat_read(ann: Path) -> tuple[str, list[BratSpan], list[str]]:
    """brat's text of the document, the T annotations brat accepts, and the lines it rejects (with why)."""
    text, spans, _, problems = brat_annotations(ann)
    return text, spans, problems


def brat_annotations(ann: Path) -> tuple[str, list[BratSpan], list[BratRelation], list[str]]:
    """brat's text, the T and R annotations brat accepts, and its complaints: lines it rejects and ids
    referred to but not defined."""
    text = _read_universal(ann.with_suffix(".txt"))
    spans: list[BratSpan] = []
    relations: list[BratRelation] = []
    problems: list[str] = []
    defined: set[str] = set()
    for number, line in enumerate(_read_universal(ann).splitlines(keepends=True), start=1):
        if "\t" not in line:
            problems.append(f"line {number}: no tab after the id: {line!r}")
            continue
        line_id = line.split("\t", 1)[0]
        if line_id in defined and line_id != "*":
            problems.append(f"line {number}: duplicate id {line_id}")
            continue
        defined.add(line_id)
        try:
            if line.startswith("T"):
                spans.append(_textbound(line, text))
            elif line.startswith("R"):
                relations.append(_relation(line))
        except ValueError as error:
            problems.append(f"line {number}: {error}: {line!r}")
    for relation in relations:
        problems += [f"ID {arg} not defined, referenced from {relation.id}"
                     for arg in (relation.arg1, relation.arg2) if arg not in defined]
    return text, spans, relations, problems


def _relation(line: str) -> BratRelation:
    rel_id, id_tail = line.split("\t", 1)
    data = id_tail.split("\t", 1)[0]
    if " " not in data:
        raise ValueError("a relation needs arguments")
    rel_type, type_tail = data[:data.index(" ")], data[data.index(" "):]
    args = [tuple(arg.split(":")) for arg in type_tail.split()]
    if len(args) != 2:
        raise ValueError("must have exactly two arguments")
    if any(len(arg) < 2 for arg in args):
        raise ValueError("an argument is not ROLE:ID")  # brat: the tuple has no [1]
    if args[0][0] == args[1][0]:
        raise ValueError("arguments must not be identical")
    return BratRelation(rel_id, rel_type, args[0][1], args[1][1], (args[0][0], args[1][0]))


def brat_relation_types(conf: Path) -> dict[str, dict[str, list[str]]]:
    """The ``[relations]`` section of ``annotation.conf`` as brat reads it: type -> role -> allowed labels.
    Raises ValueError where brat's parser fails or renames the type."""
    section = "general"
    types: dict[str, dict[str, list[str]]] = {}
    for line in _read_universal(conf).split("\n"):
        header = re.match(r"^\s*\[(.*)\]\s*$", line)
        if header:
            section = header.group(1)
            continue
        if section != "relations" or line.strip() == "" or re.match(r"^\s*#", line):
            continue
        found = re.match(r"^(\s*)(\S+)(?:\s+(.*))?$", line)
        if found is None:
            raise ValueError(f"error parsing line: {line!r}")
        terms = [t.strip() for t in found.group(2).split("|") if t.strip()]
        if re.sub(r"[^a-zA-Z0-9_-]", "_", terms[0]) != terms[0]:
            raise ValueError(f"term {terms[0]!r} is not appropriate for storage: brat renames it")
        args: dict[str, list[str]] = {}
        for arg in [a.strip() for a in (found.group(3) or "").split(",") if a.strip()]:
            parsed = re.match(r"^(\S*?):(\S*)$", arg)
            if parsed is None:
                raise ValueError(f"failed to parse argument {arg!r}")
            key, labels = parsed.groups()
            if any(label.strip() == "" for label in labels.split("|")):
                raise ValueError(f"empty type for argument {arg!r}")
            if key in args:
                raise ValueError(f"argument {key!r} appears twice")
            args[key] = labels.split("|")
        types[terms[0]] = args
    return types


def relation_type_problems(folder: Path) -> list[str]:
    """Where an R line of an ``.ann`` in ``folder`` does not fit ``annotation.conf``: an undeclared type, or an
    argument whose label the type's line does not allow at that role."""
    types = brat_relation_types(folder / "annotation.conf")
    problems = []
    for ann in sorted(folder.glob("*.ann")):
        _, spans, relations, _ = brat_annotations(ann)
        label_of = {span.id: span.label for span in spans}
        for relation in relations:
            allowed = types.get(relation.type)
            if allowed is None:
                problems.append(f"{ann.name} {relation.id}: relation type {relation.type!r} is not in annotation.conf")
                continue
            for role, arg in zip(relation.roles, (relation.arg1, relation.arg2), strict=True):
                if label_of.get(arg) not in allowed.get(role, []):
                    problems.append(f"{ann.name} {relation.id}: {role} {arg} ({label_of.get(arg)}) is not allowed "
                                    f"by {relation.type} {allowed}")
    return problems


def _textbound(line: str, text: str) -> BratSpan:
    if "\t" not in line:
        raise ValueError("no tab after the id")
    span_id, id_tail = line.split("\t", 1)
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
    return BratSpan(label, tuple(ranges), covered, span_id)
