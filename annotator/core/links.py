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


# Reporting verbs of Arabic news (past tense, masculine, feminine and plural forms): "قال X إن ...".
REPORTING_VERBS = frozenset("""
قال قالت قالوا قلن أكد أكدت أكدوا أوضح أوضحت أوضحوا أعلن أعلنت أعلنوا صرح صرحت صرحوا نفى نفت نفوا أشار أشارت
أشاروا ذكر ذكرت ذكروا كشف كشفت كشفوا حذر حذرت حذروا أضاف أضافت أضافوا اعتبر اعتبرت اعتبروا رأى رأت رأوا
شدد شددت شددوا أفاد أفادت أفادوا زعم زعمت زعموا اتهم اتهمت اتهموا دعا دعت دعوا طالب طالبت طالبوا
""".split())
_PROCLITICS = ("و", "ف")


def likely_source(text: str, claim_start: int, actors: Sequence[tuple[int, int]]) -> int | None:
    """Which of ``actors`` (start, end offsets) most likely makes a claim starting at ``claim_start``: the
    one between a reporting verb and the claim in the same sentence, else the nearest one before the claim
    in that sentence. Returns its index, or None."""
    sentence_start = max(text.rfind(mark, 0, claim_start) for mark in (".", "!", "?", "؟", "\n")) + 1
    before = [(i, a) for i, a in enumerate(actors) if sentence_start <= a[0] and a[1] <= claim_start]
    if not before:
        return None
    for index, (start, _end) in sorted(before, key=lambda item: -item[1][0]):
        words = text[sentence_start:start].split()
        if words and _bare(words[-1]) in REPORTING_VERBS:
            return index
    return max(before, key=lambda item: item[1][0])[0]


def _bare(word: str) -> str:
    word = word.strip("،,:«»\"“”()")
    if len(word) > 3 and word.startswith(_PROCLITICS):
        return word[1:]
    return word
