"""Spans of one document kept sorted by start, for "which spans touch this range" in O(log n + k).

The window asks it for the spans in the visible part of a long document and under the mouse, so
nothing has to walk all 20,000 spans of a big article on each scroll or change.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable

from annotator.core.model import StoredSpan


def _key(span: StoredSpan) -> tuple[int, int, int]:
    return (span.start, span.end, span.id)


class SpanIndex:
    def __init__(self, spans: Iterable[StoredSpan] = ()) -> None:
        ordered = sorted(spans, key=_key)
        self._keys = [_key(s) for s in ordered]
        self._spans = ordered
        self._by_id = {s.id: s for s in ordered}
        self._per_annotator = Counter(s.annotator for s in ordered)
        # Longest span ever held: bounds how far back a span starting before a range can reach into it.
        self._max_length = max((s.end - s.start for s in ordered), default=0)

    def __len__(self) -> int:
        return len(self._spans)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._spans)

    def __contains__(self, span_id: object) -> bool:
        return span_id in self._by_id

    def count_of(self, annotator: str) -> int:
        return self._per_annotator[annotator]

    def annotators(self) -> set[str]:
        """Whose spans are in the index (kept up to date, no pass over the spans)."""
        return {name for name, count in self._per_annotator.items() if count > 0}

    def get(self, span_id: int) -> StoredSpan | None:
        return self._by_id.get(span_id)

    def replace_all(self, spans: Iterable[StoredSpan]) -> None:
        """Hold exactly ``spans`` (kept the same object, so views holding this index see the change)."""
        self.__init__(spans)  # type: ignore[misc]

    def add(self, span: StoredSpan) -> None:
        if span.id in self._by_id:
            self.remove(span.id)
        key = _key(span)
        index = bisect_left(self._keys, key)
        self._keys.insert(index, key)
        self._spans.insert(index, span)
        self._by_id[span.id] = span
        self._per_annotator[span.annotator] += 1
        self._max_length = max(self._max_length, span.end - span.start)

    def remove(self, span_id: int) -> StoredSpan | None:
        span = self._by_id.pop(span_id, None)
        if span is not None:
            self._per_annotator[span.annotator] -= 1
            index = bisect_left(self._keys, _key(span))
            del self._keys[index]
            del self._spans[index]
        return span

    def overlapping(self, start: int, end: int) -> list[StoredSpan]:
        """Spans with at least one character in ``[start, end)``, in start order."""
        hi = bisect_left(self._keys, (end,))
        lo = bisect_left(self._keys, (start - self._max_length,))
        return [s for s in self._spans[lo:hi] if s.end > start]

    def at(self, offset: int) -> list[StoredSpan]:
        """Spans covering the character at ``offset``, innermost (shortest) first."""
        return sorted(self.overlapping(offset, offset + 1), key=lambda s: (s.end - s.start, s.start))

    def next_after(self, offset: int) -> StoredSpan | None:
        index = bisect_right(self._keys, (offset, float("inf")))
        return self._spans[index] if index < len(self._spans) else None

    def previous_before(self, offset: int) -> StoredSpan | None:
        index = bisect_left(self._keys, (offset,)) - 1
        return self._spans[index] if index >= 0 else None


