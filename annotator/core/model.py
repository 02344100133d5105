"""The records that flow between formats, the store and the window: plain dataclasses (and a named tuple)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from annotator.core.links import LinkRecord

REVIEW_STATUSES = ("draft", "accepted", "rejected")


@dataclass(frozen=True)
class LabelSpec:
    name: str
    color: str
    shortcut: str | None = None
    description: str = ""


DEFAULT_LABELS: tuple[LabelSpec, ...] = (
    LabelSpec("actor", "#f4a261", "1", "A person, group or organisation that acts or speaks"),
    LabelSpec("location", "#2a9d8f", "2", "A place: country, city, site, region"),
    LabelSpec("date", "#8ab17d", "3", "A date, time or period"),
    LabelSpec("claim", "#e63946", "4", "A statement someone makes that could be checked"),
)


class SpanRecord(NamedTuple):
    """One span as read from or written to a file. ``annotator`` None means "the current user".

    A named tuple, as ``tokenizer.Token``: an export makes one per stored span, and a frozen dataclass's
    ``__init__`` (object.__setattr__ per field, 2 µs a span) was a fifth of a million-span export's time."""

    start: int
    end: int
    label: str
    text: str | None = None
    annotator: str | None = None
    status: str = "draft"
    note: str | None = None
    id: int | str | None = None  # the span's id in its file (what links refer to), or its stored id
    origin: str = "manual"


@dataclass
class DocumentRecord:
    """One document as read from a file, with the line it started on for error messages."""

    name: str
    text: str
    spans: list[SpanRecord] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    line: int | None = None
    # Links between this document's spans; their ends are indices into ``spans``.
    links: list[LinkRecord] = field(default_factory=list)


@dataclass(frozen=True)
class StoredSpan:
    """A span as the store holds it; what the window shows and undo commands carry."""

    id: int
    document_id: int
    start: int
    end: int
    label: str
    text: str
    annotator: str
    status: str = "draft"
    note: str | None = None
    reviewer: str | None = None
    origin: str = "manual"  # or "suggestion:<source>" when accepted from a suggestion


@dataclass(frozen=True)
class DocumentSummary:
    id: int
    name: str
    span_count: int
    my_span_count: int


@dataclass(frozen=True)
class StoredDocument:
    id: int
    name: str
    text: str
    sha256: str
    source_path: str | None
    meta: dict[str, Any]


@dataclass
class ImportResult:
    """What importing one file did."""

    documents_new: int = 0
    documents_existing: int = 0
    spans_new: int = 0
    spans_existing: int = 0
    # Spans in other names or with a review status that came in as the importer's drafts (not a reviewer).
    spans_made_mine: int = 0
    links_new: int = 0
    links_existing: int = 0
    document_ids: list[int] = field(default_factory=list)
