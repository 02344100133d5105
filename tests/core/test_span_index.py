import random

from annotator.core.model import StoredSpan
from annotator.core.span_index import SpanIndex


def span(i: int, start: int, end: int, label: str = "actor") -> StoredSpan:
    return StoredSpan(i, 1, start, end, label, "x" * (end - start), "tester")


def test_overlapping_matches_a_linear_scan() -> None:
    rng = random.Random(7)
    spans = []
    for i in range(500):
        start = rng.randrange(0, 5000)
        spans.append(span(i, start, start + rng.randrange(1, 300)))
    index = SpanIndex(spans[:250])
    for s in spans[250:]:
        index.add(s)
    for s in spans[:100:3]:
        index.remove(s.id)
    alive = [s for s in spans if s.id not in {x.id for x in spans[:100:3]}]
    for _ in range(200):
        a = rng.randrange(0, 5300)
        b = a + rng.randrange(1, 400)
        expected = sorted((s for s in alive if s.start < b and s.end > a), key=lambda s: (s.start, s.end, s.id))
        assert index.overlapping(a, b) == expected


def test_at_returns_innermost_first_and_neighbours() -> None:
    claim, actor, date = span(1, 0, 40, "claim"), span(2, 5, 10), span(3, 20, 30, "date")
    index = SpanIndex([claim, date, actor])
    assert index.at(6) == [actor, claim]
    assert index.at(40) == []
    assert index.next_after(0) == actor
    assert index.next_after(5) == date
    assert index.previous_before(20) == actor
    assert index.previous_before(0) is None


def test_replacing_a_span_keeps_one_copy() -> None:
    index = SpanIndex([span(1, 0, 5)])
    index.add(StoredSpan(1, 1, 0, 5, "location", "xxxxx", "tester"))
    assert len(index) == 1 and index.get(1).label == "location"
