"""Searching every document: a text (matched as the suggestion matcher matches: tashkeel, tatweel and
hamza forms ignored, a proclitic allowed before it, whole words only), span texts, and spans by label and
by the text of the span they are linked to — ``label:claim source:محمد`` finds every claim whose source is
محمد.

Query words: ``label:NAME`` (spans with that label), ``source:TEXT`` or ``link:TEXT`` (spans linked to a
span whose text contains TEXT; the link's type is not asked), and the rest is the text searched.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.core.arabic_normalize import normalize
from annotator.core.suggest.matcher import MatcherIndex

CONTEXT = 30  # characters of context each side of a hit


@dataclass(frozen=True)
class Query:
    text: str = ""
    label: str | None = None
    linked: str | None = None

    @property
    def about_spans(self) -> bool:
        return self.label is not None or self.linked is not None


@dataclass(frozen=True)
class Hit:
    document_id: int
    start: int
    end: int
    kind: str  # "text" or "span"
    label: str | None
    before: str
    match: str
    after: str


@dataclass(frozen=True)
class SearchSpan:
    id: int
    document_id: int
    start: int
    end: int
    label: str
    text: str


def parse_query(query: str) -> Query:
    try:
        words = shlex.split(query)
    except ValueError:  # an unclosed quote: take the words as they are
        words = query.split()
    text, label, linked = [], None, None
    for word in words:
        key, colon, value = word.partition(":")
        if colon and key in ("label",) and value:
            label = value
        elif colon and key in ("source", "link") and value:
            linked = value
        else:
            text.append(word)
    return Query(" ".join(text), label, linked)


def _hit(document_id: int, text: str, start: int, end: int, kind: str, label: str | None) -> Hit:
    before = text[max(0, start - CONTEXT):start].replace("\n", " ")
    after = text[end:end + CONTEXT].replace("\n", " ")
    return Hit(document_id, start, end, kind, label, before, text[start:end], after)


def search_texts(query: Query, documents: Iterable[tuple[int, str]], limit: int = 2000) -> list[Hit]:
    """Where the query's text occurs in the documents (whole words, Arabic-aware)."""
    if not query.text.strip() or query.about_spans:
        return []
    index = MatcherIndex.from_pairs([((query.text, "text"), 1)])
    hits: list[Hit] = []
    for document_id, text in documents:
        for found in index.match(text):
            hits.append(_hit(document_id, text, found.start, found.end, "text", None))
            if len(hits) >= limit:
                return hits
    return hits


def search_spans(query: Query, spans: Sequence[SearchSpan], links: Iterable[tuple[int, int]],
                 texts: dict[int, str], limit: int = 2000) -> list[Hit]:
    """Spans whose text contains the query's text (folded), with its label, linked to a span whose text
    contains ``linked``. ``links``: (from span id, to span id) pairs."""
    wanted = normalize(query.text).strip()
    linked = normalize(query.linked).strip() if query.linked else None
    by_id = {span.id: span for span in spans}
    neighbours: dict[int, list[int]] = {}
    for a, b in links:
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    hits: list[Hit] = []
    for span in spans:
        if query.label is not None and span.label != query.label:
            continue
        if wanted and wanted not in normalize(span.text):
            continue
        if linked is not None and not any(other in by_id and linked in normalize(by_id[other].text)
                                          for other in neighbours.get(span.id, ())):
            continue
        if not (wanted or query.about_spans):
            continue
        hits.append(_hit(span.document_id, texts[span.document_id], span.start, span.end, "span", span.label))
        if len(hits) >= limit:
            break
    return hits


__all__ = ["Hit", "Query", "SearchSpan", "parse_query", "search_spans", "search_texts"]
