"""The Hugging Face export's rows, one document at a time (in the export's worker processes, ``parallel``):
its sentences' tokens and IOB2 tags (as for CoNLL, ``iob``), the spans each row holds as token ranges and
the links between them, and each row's JSON line. ``hf`` has the format itself: the columns, the files
and the reading.

The tag columns' ids: the default labels' are the same in every export (``default_names``), so a worker
writes a row whole when all its tags have one; another label's id depends on what the export met before,
so such a row goes back to the exporting process without its tag columns (``json_lines``).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from functools import cache
from operator import attrgetter
from typing import Any

from annotator.core.formats.base import ExportDocument, FormatReport
from annotator.core.formats.iob import OVERLAPS, TaggedDocument, tag_document
from annotator.core.model import DEFAULT_LABELS, SpanRecord

_ENTITY_LABELS = [label.name for label in DEFAULT_LABELS if label.name != "claim"]
SPANS_COLUMN_ONLY = f"{OVERLAPS} (kept in the spans column only)"
LINK_ACROSS_ROWS = "link(s) left out: hf keeps a link within one row (a sentence), its spans are in different ones"
LINK_END_LEFT_OUT = "link(s) left out: a span of it is in no hf row (not on token boundaries, or across sentences)"
LINK_WRITTEN_ONCE = "identical link (from another annotator) written once"


def _names(labels: list[str]) -> list[str]:
    return ["O", *(f"{prefix}-{label}" for label in labels for prefix in "BI")]


def default_names() -> dict[str, list[str]]:
    """Each tag column's names as an export starts; the names of other labels follow them as they turn up."""
    return {"ner_tags": _names(_ENTITY_LABELS), "claim_tags": _names(["claim"])}


# The default names' ids, the same in every export: a worker can write them without asking which others
# this export has met so far.
_DEFAULT_IDS = {column: {name: number for number, name in enumerate(names)}
                for column, names in default_names().items()}


def _row_spans(tagged: TaggedDocument
               ) -> tuple[list[list[tuple[int, int, str]]], dict[tuple[int, int, str], tuple[int, int]]]:
    """Each row's spans as token index ranges ``(start, end, label)`` within the row, and where each span
    (by offsets and label) went: ``(row, index in the row's spans)``. A span off the tokens or across rows
    (only one left out of the tag columns can be) is in no row."""
    firsts = tagged.firsts
    rows = len(firsts)
    per_row: list[list[tuple[int, int, str]]] = [[] for _ in tagged.sentences]
    where: dict[tuple[int, int, str], tuple[int, int]] = {}
    for span, place in tagged.placed:
        if place is None:
            continue
        key = (span.start, span.end, span.label)
        if key in where:
            continue
        first, after = place
        row = bisect_right(firsts, first) - 1
        if row + 1 < rows and after > firsts[row + 1]:
            continue
        row_first = firsts[row]
        where[key] = (row, len(per_row[row]))
        per_row[row].append((first - row_first, after - row_first, span.label))
    return per_row, where


def _row_relations(document: ExportDocument, rows_count: int, where: dict[tuple[int, int, str], tuple[int, int]],
                   report: FormatReport) -> list[list[dict[str, Any]]]:
    """Each row's links as ``{"head", "tail", "type"}`` (indices into the row's spans); the others reported."""
    per_row: list[list[dict[str, Any]]] = [[] for _ in range(rows_count)]
    if not document.links:
        return per_row
    by_id = {span.id: span for span in document.spans if span.id is not None}
    seen: set[tuple[int, int, int, str]] = set()
    for link in document.links:
        ends = [by_id.get(link.from_id), by_id.get(link.to_id)]
        head, tail = (where.get((s.start, s.end, s.label)) if s is not None else None for s in ends)
        if head is None or tail is None:
            report.note(LINK_END_LEFT_OUT)
            continue
        if head[0] != tail[0]:
            report.note(LINK_ACROSS_ROWS)
            continue
        key = (head[0], head[1], tail[1], link.type)
        if key in seen:
            report.note(LINK_WRITTEN_ONCE)
            continue
        seen.add(key)
        per_row[head[0]].append({"head": head[1], "tail": tail[1], "type": link.type})
    return per_row


def _tagged(document: ExportDocument, report: FormatReport) -> tuple[TaggedDocument, list[list[tuple[int, int, str]]],
                                                                      list[list[dict[str, Any]]]]:
    """The document in rows: tags (as for CoNLL), the row spans and the links between them. A span that the
    tag columns leave out for overlapping another but that the spans column holds is reported as such."""
    left_out: list[tuple[SpanRecord, str]] = []  # (reported below, once the rows are known)
    tagged = tag_document(document, report, left_out)
    spans, where = _row_spans(tagged)
    for span, reason in left_out:
        if reason == OVERLAPS and (span.start, span.end, span.label) in where:
            reason = SPANS_COLUMN_ONLY
        report.drop(document.name, document.text, span, reason)
    return tagged, spans, _row_relations(document, len(tagged.sentences), where, report)


def document_rows(document: ExportDocument, report: FormatReport) -> tuple[str, list[tuple[Any, ...]]]:
    """A document's name and its rows' (tokens, entity tags, claim tags, spans, relations), the spans and
    relations as the row's columns hold them."""
    tagged, row_spans, row_relations = _tagged(document, report)
    return document.name, [([t.text for t in sentence], entities, claims,
                            [{"start": start, "end": end, "label": label} for start, end, label in row_spans[index]],
                            row_relations[index])
                           for index, (sentence, entities, claims) in enumerate(
                               zip(tagged.sentences, tagged.entity_tags, tagged.claim_tags, strict=True))]


def document_lines(document: ExportDocument, report: FormatReport) -> tuple[str, list[str | _RowWithoutTags]]:
    """A document's rows for ``json_lines``, each the bytes ``json.dumps(row)`` gives (written here piece by
    piece: json.dumps of each row's dict was a sixth of a bench document's work in a worker, 0.33 of 1.9 ms):
    the rows whose tags all have a default id whole (each run of them one string), any other as (the JSON
    before its tag columns, entity tags, claim tags, the JSON after)."""
    tagged, row_spans, row_relations = _tagged(document, report)
    name = json.dumps(document.name, ensure_ascii=False)
    # (tokens hold no whitespace, so a text with none of these has no token that JSON escapes)
    plain = _ESCAPED_IN_A_TOKEN.search(document.text) is None
    entity_ids, claim_ids = _DEFAULT_ID_TEXTS["ner_tags"], _DEFAULT_ID_TEXTS["claim_tags"]
    pieces: list[str | _RowWithoutTags] = []
    written: list[str] = []
    for index, (sentence, entities, claims) in enumerate(zip(tagged.sentences, tagged.entity_tags,
                                                              tagged.claim_tags, strict=True)):
        texts = list(map(_TEXT, sentence))
        tokens = f'["{_BETWEEN_STRINGS.join(texts)}"]' if plain else json.dumps(texts, ensure_ascii=False)
        head = f'{{"id": {name[:-1]}#{index + 1}", "document": {name}, "tokens": {tokens}'
        spans = ", ".join([f'{{"start": {start}, "end": {end}, "label": {_json_label(label)}}}'
                           for start, end, label in row_spans[index]])
        relations = json.dumps(row_relations[index], ensure_ascii=False) if row_relations[index] else "[]"
        tail = f'"spans": [{spans}], "relations": {relations}}}'
        try:
            ner = ", ".join(map(entity_ids.__getitem__, entities))
            claim = ", ".join(map(claim_ids.__getitem__, claims))
        except KeyError:
            if written:
                pieces.append("".join(written))
                written = []
            pieces.append((head, entities, claims, tail))
            continue
        written.append(f'{head}, "ner_tags": [{ner}], "claim_tags": [{claim}], {tail}\n')
    if written:
        pieces.append("".join(written))
    return document.name, pieces


_TEXT = attrgetter("text")
_BETWEEN_STRINGS = '", "'
# What json.dumps escapes (with ensure_ascii=False) that a token can hold: the quote, the backslash, and the
# control characters that are not whitespace.
_ESCAPED_IN_A_TOKEN = re.compile(r'["\\\x00-\x08\x0e-\x1b]')
_DEFAULT_ID_TEXTS = {column: {name: str(number) for name, number in ids.items()}
                     for column, ids in _DEFAULT_IDS.items()}
# A row's JSON before its tag columns, its entity tags, its claim tags, and its JSON after them.
_RowWithoutTags = tuple[str, list[str], list[str], str]


@cache
def _json_label(label: str) -> str:
    return json.dumps(label, ensure_ascii=False)
