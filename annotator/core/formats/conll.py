"""CoNLL: one token per line, tab-separated, a blank line between sentences.

Writes three columns ``token  entity-tag  claim-tag`` in IOB2 (B-actor, I-location, O ...) with a
``-DOCSTART-`` line before each document; the tokens are ``annotator.core.tokenizer``'s. Spans a column
cannot carry (overlapping another span of that column, or not on token boundaries) are left out of it
and reported (see ``iob``).

Reads the CoNLL files teams already have: two or more columns separated by tabs or spaces, the token
first and the tag last (or this module's token/entity/claim layout), or spaCy's one sentence per line of
``word|POS|tag`` items; tags in IOB1, IOB2, BIOES or BILUO. The text is rebuilt from the tokens: single
spaces between tokens, a line break after each sentence. One document per file, or per ``-DOCSTART-``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from operator import itemgetter
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.formats.base import ExportDocument, Format, FormatReport, atomic_output
from annotator.core.formats.iob import TAG, decode_tags, tag_document
from annotator.core.formats.parallel import per_document
from annotator.core.model import DocumentRecord, SpanRecord
from annotator.core.text import decode_utf8

DOCSTART = "-DOCSTART-"
_TOKEN_TEXT = itemgetter(0)  # Token.text

Row = tuple[int, tuple[str, ...]]  # line number, columns


def write_conll(documents: Iterable[ExportDocument], out: Path, report: FormatReport | None = None) -> int:
    report = report if report is not None else FormatReport()
    count = 0
    with atomic_output(out) as handle:
        # The tokens and tags of a large export are made in worker processes (``parallel``).
        for block in per_document(document_block, documents, report):
            handle.write(block)
            count += 1
    return count


def document_block(document: ExportDocument, report: FormatReport) -> str:
    """One document's lines: ``-DOCSTART-``, then its sentences, each followed by a blank line."""
    tagged = tag_document(document, report)
    # Each sentence's lines joined at C speed (a write per token was a tenth of the export, and an
    # f-string per token half of what was left of writing).
    sentences = ["\n".join(map("\t".join, zip(map(_TOKEN_TEXT, sentence), entities, claims, strict=True)))
                 for sentence, entities, claims in zip(tagged.sentences, tagged.entity_tags, tagged.claim_tags,
                                                       strict=True)]
    sentences.append("")
    return f"{DOCSTART}\tO\tO\n\n" + "\n\n".join(sentences)


def _columns(line: str, strings: dict[str, str]) -> tuple[str, ...]:
    """Tab-separated columns, else space-separated (runs of spaces count as one separator). Only tab and
    space separate: other invisible characters (RLM, LRM, NBSP) stay inside the token.

    A file's rows are kept until its documents are built, so each column is the one string ``strings``
    holds for its text (a tag, a word met before: a few thousand strings for a million rows, not a million),
    and the columns are a tuple (a tuple of strings the garbage collector stops walking; a list it walked
    at every full collection, a third of reading 200,000 sentences)."""
    if "\t" in line:
        parts = [column.strip(" ") for column in line.split("\t")] if " " in line else line.split("\t")
    else:
        parts = line.split(" ")
    return tuple(map(strings.setdefault, filter(None, parts), filter(None, parts)))


def sections(path: Path, content: str) -> Iterator[tuple[int, list[list[Row]]]]:
    """Documents as (first line, sentences of rows); -DOCSTART- lines separate documents."""
    sentences: list[list[Row]] = []
    sentence: list[Row] = []
    first_line = 1
    strings: dict[str, str] = {}
    # Line by line (a list of every line of a large file was a fifth of its reading's memory).
    for number, raw in enumerate(io.StringIO(content, newline="\n"), start=1):
        line = raw.rstrip("\n").rstrip("\r").strip(" \t")
        if not line or line.isspace():
            if sentence:
                sentences.append(sentence)
                sentence = []
            continue
        columns = _columns(line, strings)
        if columns[0] == DOCSTART:
            if sentence:
                sentences.append(sentence)
                sentence = []
            if sentences:
                yield first_line, sentences
            sentences, first_line = [], number
            continue
        if len(columns) < 2:
            raise InputError(path, number, f"expected a token and a tag separated by a tab or space, got {line!r}")
        sentence.append((number, columns))
    if sentence:
        sentences.append(sentence)
    if sentences:
        yield first_line, sentences


def _pipe_sentences(content: str) -> list[tuple[int, list[list[Row]]]] | None:
    """spaCy's sentence-per-line dialect (``word|POS|tag word|POS|tag ...``), or None if it is not that."""
    sentences: list[list[Row]] = []
    for number, raw in enumerate(content.split("\n"), start=1):
        line = raw.rstrip("\r").strip(" ")
        if not line:
            continue
        if "\t" in line:
            return None
        items = [item.split("|") for item in line.split(" ") if item]
        if not all(len(parts) >= 2 and TAG.match(parts[-1]) for parts in items):
            return None
        sentences.append([(number, (parts[0], parts[-1])) for parts in items])
    return [(1, sentences)] if sentences else None


def _checked_tags(path: Path, sentence: list[Row], column: int, valid: set[str]) -> list[str]:
    """The sentence's tags in ``column``, each checked (once: ``valid`` holds the tags found valid so far)."""
    tags = [columns[column] for _, columns in sentence]
    for tag in dict.fromkeys(tags):  # (in order: the first bad one is the one said)
        if tag in valid:
            continue
        if not TAG.match(tag):
            number = next(number for number, columns in sentence if columns[column] == tag)
            raise InputError(path, number, f"invalid tag {tag!r} (expected O, or B-/I-/E-/S-/L-/U- and a label)")
        valid.add(tag)
    return tags


def read_conll(path: Path, report: FormatReport | None = None) -> Iterator[DocumentRecord]:
    content = decode_utf8(path.read_bytes(), path)
    found = _pipe_sentences(content) or list(sections(path, content))
    rows = [columns for _, sentences in found for sentence in sentences for _, columns in sentence]
    if not rows:
        raise InputError(path, None, "empty file: no tokens")
    # This module's own layout: token, entity tag, claim tag.
    tag_columns = [-1]
    if all(len(columns) == 3 for columns in rows) and all(
            TAG.match(tag) for tag in {columns[1] for columns in rows} | {columns[2] for columns in rows}):
        tag_columns = [1, 2]
    del rows
    yield from documents_from(path, found, tag_columns, report)


def documents_from(path: Path, found: list[tuple[int, list[list[Row]]]], tag_columns: list[int],
                   report: FormatReport | None) -> Iterator[DocumentRecord]:
    """Documents rebuilt from sections of rows: tokens joined by single spaces, a line per sentence, spans
    from the tags in ``tag_columns``. Named after the file (``NAME``, or ``NAME-1``, ``NAME-2`` ... when it
    holds several): CoNLL has no place for a name that every reader would skip."""
    valid: set[str] = set()
    for index, (first_line, sentences) in enumerate(found, start=1):
        name = path.stem if len(found) == 1 else f"{path.stem}-{index}"
        lines: list[str] = []
        found_spans: list[tuple[int, int, str]] = []
        offset = 0
        for sentence in sentences:
            starts: list[int] = []
            for _, columns in sentence:
                starts.append(offset)
                offset += len(columns[0]) + 1  # the token and the space (or line break) after it
            ends = [start + len(columns[0]) for start, (_, columns) in zip(starts, sentence, strict=True)]
            for column in tag_columns:
                for first, after, label in decode_tags(_checked_tags(path, sentence, column, valid), report):
                    found_spans.append((starts[first], ends[after - 1], label))
            lines.append(" ".join(columns[0] for _, columns in sentence))
        text = "\n".join(lines)
        spans = [SpanRecord(start, end, label, text[start:end]) for start, end, label in found_spans]
        yield DocumentRecord(name=name, text=text, spans=spans, line=first_line)


FORMAT = Format(
    name="conll",
    description="CoNLL token-per-line, IOB2 tags: token, entity tag, claim tag (reads 2+ columns, IOB1/BIOES too)",
    extensions=(".conll", ".iob", ".bio", ".txt"),  # .txt: only with --format conll (text comes first)
    read=read_conll,
    write=write_conll,
)
