"""The one small interface every suggestion source implements.

A source reads a document's text (and what the project already knows: the texts tagged so far, a
gazetteer) and proposes spans. Suggestions are not spans: they are stored apart, shown apart, and become
spans only when a user accepts one. Offsets are code points into the stored text, half-open, like spans.
Sources are plain Python (no Qt, no SQL) and must not download anything.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Suggestion:
    start: int
    end: int
    label: str
    source: str  # matcher, dates, model, cues
    score: float = 1.0  # the source's own measure (a count of taggings, a probability ...)


@dataclass
class SuggestContext:
    """What a source may use besides the text."""

    # (text as tagged, label) -> how many times the project tagged it so (the matcher's score)
    tagged: Counter[tuple[str, str]] = field(default_factory=Counter)
    # (text, label) pairs from `annotator gazetteer import FILE.tsv`
    gazetteer: list[tuple[str, str]] = field(default_factory=list)
    labels: tuple[str, ...] = ("actor", "location", "date", "claim")
    # the project's trained model (crfsuite bytes, ``annotator model train``), None before the first
    model: bytes | None = None


class SuggestionSource(Protocol):
    name: str

    def suggest(self, text: str, context: SuggestContext) -> list[Suggestion]: ...


@dataclass(frozen=True, slots=True)
class StoredSuggestion:
    """A suggestion as the store holds it (not a span: accepting makes one)."""

    id: int
    document_id: int
    start: int
    end: int
    label: str
    source: str
    score: float
    text: str = ""
