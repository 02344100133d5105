"""Links between two spans of one document: who made a claim (source), when (time) and where (place).

A link type says which labels may stand at each end; a link that breaks its type's rule is refused. The
defaults are the attribution triple of Arabic news: a claim's ``source`` (an actor), its ``time`` (a
date) and its ``place`` (a location). Plain Python, like the rest of ``core``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotator.core.text import label_problem


@dataclass(frozen=True)
class LinkType:
    name: str
    from_labels: tuple[str, ...]
    to_labels: tuple[str, ...]
    description: str = ""

    def allows(self, from_label: str, to_label: str) -> bool:
        return from_label in self.from_labels and to_label in self.to_labels


DEFAULT_LINK_TYPES: tuple[LinkType, ...] = (
    LinkType("source", ("claim",), ("actor",), "who makes the claim"),
    LinkType("time", ("claim",), ("date",), "when the claim was made, or what it is about"),
    LinkType("place", ("claim",), ("location",), "where the claim was made"),
)


@dataclass(frozen=True)
class StoredLink:
    """A link as the store holds it: the ids of its two spans, its type, and its review state."""

    id: int
    document_id: int
    from_id: int
    to_id: int
    type: str
    annotator: str
    status: str = "draft"
    note: str | None = None
    reviewer: str | None = None


@dataclass
class LinkRecord:
    """A link as read from or written to a file: its ends are the span ids used in that file."""

    from_id: int | str
    to_id: int | str
    type: str
    annotator: str | None = None
    status: str = "draft"
    id: int | str | None = None
    note: str | None = None


@dataclass
class LinkTypeRule:
    """What ``--add-labels`` learns about a type it has not seen: the labels found at its ends."""

    from_labels: set[str] = field(default_factory=set)
    to_labels: set[str] = field(default_factory=set)


def link_type_problem(name: str, from_labels: Sequence[str], to_labels: Sequence[str]) -> str | None:
    """Why a link type cannot be defined so (its name follows the label rule), or None."""
    problem = label_problem(name)
    if problem:
        return problem.replace("label", "link type", 1)
    if not from_labels or not to_labels:
        return f"link type {name!r} needs at least one label at each end (--from LABEL --to LABEL)"
    for label in (*from_labels, *to_labels):
        problem = label_problem(label)
        if problem:
            return problem
    return None


def fitting_types(types: Iterable[LinkType], from_label: str, to_label: str) -> list[LinkType]:
    """The types a link from a ``from_label`` span to a ``to_label`` span may have."""
    return [t for t in types if t.allows(from_label, to_label)]
