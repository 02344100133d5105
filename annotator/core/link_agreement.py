"""Agreement on links between two annotators.

A link is compared by its document, its type and its two ends (each end's offsets and label):

- ``f1_exact`` (strict): a link of A matches a link of B when all of these are equal;
  F1 = 2·matched / (links of A + links of B).
- ``f1_given_spans`` (given matched arguments): only the links whose two ends both annotators tagged
  (the same offsets and label) count, so disagreement on the spans does not count twice;
  F1 = 2·matched / (such links of A + such links of B).

Either is None when there is nothing to compare (no links on either side).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

End = tuple[int, int, str]  # start, end, label


@dataclass(frozen=True)
class LinkUnit:
    document_id: int
    annotator: str
    type: str
    source: End
    target: End


def _f1(matched: int, a: int, b: int) -> float | None:
    return None if a + b == 0 else 2 * matched / (a + b)


def compare_links(a: str, b: str, links: Sequence[LinkUnit], spans: dict[str, set[tuple[int, End]]]
                  ) -> dict[str, object]:
    """The two F1s of annotators ``a`` and ``b``; ``spans`` holds each annotator's (document, end) set."""
    mine = {(u.document_id, u.type, u.source, u.target) for u in links if u.annotator == a}
    theirs = {(u.document_id, u.type, u.source, u.target) for u in links if u.annotator == b}
    matched = len(mine & theirs)
    both = spans.get(a, set()) & spans.get(b, set())

    def given(items: set[tuple[int, str, End, End]]) -> set[tuple[int, str, End, End]]:
        return {item for item in items if (item[0], item[2]) in both and (item[0], item[3]) in both}

    mine_given, theirs_given = given(mine), given(theirs)
    return {"a": a, "b": b, "links_a": len(mine), "links_b": len(theirs), "matched": matched,
            "f1_exact": _f1(matched, len(mine), len(theirs)),
            "f1_given_spans": _f1(len(mine_given & theirs_given), len(mine_given), len(theirs_given))}


def link_agreement(links: Sequence[LinkUnit], span_ends: Iterable[tuple[str, int, End]],
                   annotators: Sequence[str]) -> dict[str, object]:
    """Per pair of annotators, and over all pairs (matches and links summed, then F1)."""
    spans: dict[str, set[tuple[int, End]]] = {}
    for annotator, document_id, end in span_ends:
        spans.setdefault(annotator, set()).add((document_id, end))
    pairs = [compare_links(a, b, links, spans) for a, b in combinations(sorted(annotators), 2)]
    matched = sum(int(p["matched"]) for p in pairs)  # type: ignore[call-overload]
    total = sum(int(p["links_a"]) + int(p["links_b"]) for p in pairs)  # type: ignore[call-overload]
    return {"f1_exact": None if total == 0 else 2 * matched / total,
            "f1_given_spans": _mean([p["f1_given_spans"] for p in pairs]),
            "pairs": pairs}


def _mean(values: list[object]) -> float | None:
    numbers = [float(v) for v in values if isinstance(v, int | float)]
    return sum(numbers) / len(numbers) if numbers else None
