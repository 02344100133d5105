"""Which spans the annotators disagree on: what review mode steps through."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable

from annotator.core.links import StoredLink
from annotator.core.model import StoredSpan


def disagreements(spans: Iterable[StoredSpan], annotators: Collection[str]) -> list[StoredSpan]:
    """Spans of the given annotators that not every one of them has (same offsets and label): a span
    only one has, different boundaries, or a different label. Empty with fewer than two annotators."""
    chosen = set(annotators)
    if len(chosen) < 2:
        return []
    spans = [s for s in spans if s.annotator in chosen]
    owners: dict[tuple[int, int, str], set[str]] = defaultdict(set)
    for span in spans:
        owners[(span.start, span.end, span.label)].add(span.annotator)
    return sorted((s for s in spans if owners[(s.start, s.end, s.label)] != chosen),
                  key=lambda s: (s.start, s.end, s.annotator))


def unresolved(spans: Iterable[StoredSpan]) -> list[StoredSpan]:
    """Disagreeing spans that no reviewer has accepted or rejected yet."""
    return [s for s in spans if s.status == "draft"]


def link_disagreements(spans: Iterable[StoredSpan], links: Iterable[StoredLink],
                       annotators: Collection[str]) -> list[tuple[StoredLink, str]]:
    """Links one annotator made between two spans that another annotator also tagged (same offsets and
    labels) without making that link: (the link, who did not make it). Reviewed links are resolved."""
    chosen = set(annotators)
    if len(chosen) < 2:
        return []
    spans = list(spans)
    by_id = {s.id: s for s in spans}
    tagged: dict[tuple[int, int, str], set[str]] = defaultdict(set)
    for span in spans:
        tagged[(span.start, span.end, span.label)].add(span.annotator)
    made: set[tuple[str, tuple[int, int, str], tuple[int, int, str], str]] = set()
    links = [link for link in links if link.annotator in chosen and link.from_id in by_id and link.to_id in by_id]
    for link in links:
        a, b = by_id[link.from_id], by_id[link.to_id]
        made.add((link.annotator, (a.start, a.end, a.label), (b.start, b.end, b.label), link.type))
    found = []
    for link in links:
        if link.status != "draft":
            continue
        a, b = by_id[link.from_id], by_id[link.to_id]
        source, target = (a.start, a.end, a.label), (b.start, b.end, b.label)
        for other in sorted(chosen - {link.annotator}):
            both_tagged = other in tagged[source] and other in tagged[target]
            if both_tagged and (other, source, target, link.type) not in made:
                found.append((link, other))
    return found
