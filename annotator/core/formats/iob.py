"""Spans as token tags (IOB2 out; IOB1, IOB2, BIOES and BILUO in), shared by CoNLL and Hugging Face.

A token-tag column can hold only non-overlapping spans that start and end on token boundaries. Spans
that cannot be carried are left out of that column and reported (never dropped silently): the first span
by start (the longer one on a tie) is kept, a later one that overlaps it is left out. The same span
(offsets and label) from several annotators is written once and counted.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from annotator.core.formats.base import ExportDocument, FormatReport
from annotator.core.model import SpanRecord
from annotator.core.tokenizer import Token, split_sentences, tokenize

CLAIM = "claim"
TAG = re.compile(r"^(?:O|[BIESLU]-\S+)$")
OFF_TOKENS = "not on token boundaries"
OVERLAPS = "overlaps another span in the same column"
I_WITHOUT_B = "I-/E- tag with no span of that label open: read as the start of a new span (IOB1 style)"


@dataclass
class TaggedDocument:
    """A document cut into sentences of tokens, with an IOB2 entity and claim tag per token."""

    sentences: list[list[Token]]
    entity_tags: list[list[str]]
    claim_tags: list[list[str]]
    # The index of each sentence's first token among the document's: for finding spans in the rows.
    firsts: list[int] = field(default_factory=list)
    # The document's spans in ``span_order``, each with the tokens it covers (first, after last), or None
    # when it does not start and end on token boundaries.
    placed: list[tuple[SpanRecord, tuple[int, int] | None]] = field(default_factory=list)


def span_order(span: SpanRecord) -> tuple[int, int, str]:
    """By start, the longer first, then by label: the order a column keeps the first of overlapping spans in."""
    return span.start, -span.end, span.label


def _token_bounds(tokens: Sequence[Token]) -> tuple[array[int], array[int]]:
    """Token starts and ends as machine integers (8 bytes a token; dicts cost ~100, which is what made
    a 200 MB document's export need gigabytes), searched with bisect."""
    return array("q", map(itemgetter(1), tokens)), array("q", map(itemgetter(2), tokens))


def _placed(spans: list[SpanRecord], bounds: tuple[array[int], array[int]]
            ) -> list[tuple[SpanRecord, tuple[int, int] | None]]:
    """Each span with the token range it covers, found once for every column and row that places it."""
    starts, ends = bounds
    count = len(starts)
    placed: list[tuple[SpanRecord, tuple[int, int] | None]] = []
    for span in spans:
        start, end = span.start, span.end
        first = bisect_left(starts, start)
        place = None
        if first < count and starts[first] == start:
            last = bisect_left(ends, end, first)
            if last < count and ends[last] == end:
                place = (first, last + 1)
        placed.append((span, place))
    return placed


def _column_spans(document: ExportDocument, placed: list[tuple[SpanRecord, tuple[int, int] | None]],
                  report: FormatReport, left_out: list[tuple[SpanRecord, str]] | None
                  ) -> list[tuple[int, int, str]]:
    """The spans this column can carry as token index ranges ``(first, after_last, label)``; the others
    reported, or put in ``left_out`` with the reason when it is given."""
    drop = (lambda span, reason: left_out.append((span, reason))) if left_out is not None else (
        lambda span, reason: report.drop(document.name, document.text, span, reason))
    kept: list[tuple[int, int, str]] = []
    seen: set[tuple[int, int, str]] = set()
    last_end = -1
    for span, place in placed:
        key = (span.start, span.end, span.label)
        if key in seen:
            report.note("identical span from another annotator written once")
            continue
        seen.add(key)
        if place is None:
            drop(span, OFF_TOKENS)
        elif span.start < last_end:
            drop(span, OVERLAPS)
        else:
            kept.append((place[0], place[1], span.label))
            last_end = span.end
    return kept


def _tags(count: int, spans: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * count
    for first, after, label in spans:
        # One string per tag, shared by every token that carries it (not a new one per token).
        tags[first] = f"B-{label}"
        inside = f"I-{label}"
        for index in range(first + 1, after):
            tags[index] = inside
    return tags


def tag_document(document: ExportDocument, report: FormatReport,
                 left_out: list[tuple[SpanRecord, str]] | None = None) -> TaggedDocument:
    """Tokens in sentences with IOB2 tags: entities (every label but claim) and claims in two columns.
    Spans a column cannot carry are reported, or, when ``left_out`` is given, put there with the reason,
    in the order they would have been reported (for a caller that reports them as it finds best).

    A sentence break that would cut a written span is not made, so no span is lost to sentence splitting.
    """
    tokens = tokenize(document.text)
    placed = _placed(sorted(document.spans, key=span_order), _token_bounds(tokens))
    entities = _column_spans(document, [item for item in placed if item[0].label != CLAIM], report, left_out)
    claims = _column_spans(document, [item for item in placed if item[0].label == CLAIM], report, left_out)
    breaks: set[int] = set()
    position = 0
    for sentence in split_sentences(document.text, tokens)[:-1]:
        position += len(sentence)
        breaks.add(position)
    for first, after, _ in entities + claims:
        breaks.difference_update(range(first + 1, after))
    entity_tags, claim_tags = _tags(len(tokens), entities), _tags(len(tokens), claims)
    cuts = [0, *sorted(breaks), len(tokens)]
    pieces = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
    return TaggedDocument([tokens[a:b] for a, b in pieces], [entity_tags[a:b] for a, b in pieces],
                          [claim_tags[a:b] for a, b in pieces], [a for a, _b in pieces], placed)


def decode_tags(tags: Sequence[str], report: FormatReport | None = None) -> list[tuple[int, int, str]]:
    """Token index ranges ``(first, after_last, label)`` from IOB1, IOB2, BIOES or BILUO tags (checked
    against ``TAG`` by the caller). An I-/E-/L- with no span of its label open starts a new span."""
    spans: list[tuple[int, int, str]] = []
    open_start: int | None = None
    open_label = ""

    def close(at: int) -> None:
        nonlocal open_start
        if open_start is not None:
            spans.append((open_start, at, open_label))
        open_start = None

    for index, tag in enumerate(tags):
        if tag == "O":
            close(index)
            continue
        prefix, label = tag[0], tag[2:]
        if prefix in "BSU" or open_start is None or open_label != label:
            if prefix in "IEL" and report is not None:
                report.note(I_WITHOUT_B)
            close(index)
            open_start, open_label = index, label
        if prefix in "ESLU":
            close(index + 1)
    close(len(tags))
    return spans
