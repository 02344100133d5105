from annotator.core.model import StoredSpan
from annotator.core.review import disagreements, unresolved


def span(i: int, start: int, end: int, label: str, who: str, status: str = "draft") -> StoredSpan:
    return StoredSpan(i, 1, start, end, label, "x" * (end - start), who, status)


def test_missing_boundary_and_label_differences_are_disagreements() -> None:
    spans = [
        span(1, 0, 5, "actor", "a"), span(2, 0, 5, "actor", "b"),  # agreed
        span(3, 10, 15, "location", "a"),  # only a
        span(4, 20, 25, "date", "a"), span(5, 20, 27, "date", "b"),  # boundaries
        span(6, 30, 35, "actor", "a"), span(7, 30, 35, "location", "b", "rejected"),  # label
        span(8, 40, 45, "actor", "c"),  # c is not compared
    ]
    found = disagreements(spans, ["a", "b"])
    assert [s.id for s in found] == [3, 4, 5, 6, 7]
    assert [s.id for s in unresolved(found)] == [3, 4, 5, 6]
    assert disagreements(spans, ["a"]) == []
