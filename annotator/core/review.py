"""Which spans the annotators disagree on: what review mode steps through."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable

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
