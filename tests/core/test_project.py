"""Handing out documents in balance, and time spent from timestamps."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from annotator.core.project import balanced_assignment, exact_f1, time_spent


def test_every_document_gets_k_distinct_annotators_balanced_and_the_seed_decides() -> None:
    given = balanced_assignment(list(range(10)), ["alice", "bob", "carol"], 2, seed=3)
    assert sorted(given) == list(range(10)) and all(len(set(people)) == 2 for people in given.values())
    load = Counter(name for people in given.values() for name in people)
    assert max(load.values()) - min(load.values()) <= 1 and sum(load.values()) == 20
    assert balanced_assignment(list(range(10)), ["alice", "bob", "carol"], 2, seed=3) == given
    others = [balanced_assignment(list(range(10)), ["alice", "bob", "carol"], 2, seed=s) for s in range(4, 9)]
    assert any(other != given for other in others)


def test_what_is_already_assigned_counts_and_is_not_given_twice() -> None:
    existing = {0: {"alice"}, 1: {"alice"}, 2: {"alice", "bob"}}
    given = balanced_assignment([0, 1, 2, 3], ["alice", "bob"], 2, existing)
    assert given == {0: ["bob"], 1: ["bob"], 3: ["alice", "bob"]}
    load = balanced_assignment(list(range(4)), ["alice", "bob", "carol"], 1, {9: {"alice"}, 8: {"alice"}})
    assert "alice" not in {name for people in load.values() for name in people}  # she has two already
    with pytest.raises(ValueError, match="needs at least 3 annotators"):
        balanced_assignment([0], ["alice", "bob"], 3)


def test_time_spent_leaves_out_long_pauses_and_exact_f1() -> None:
    start = datetime(2026, 12, 1, 9, tzinfo=UTC)
    moments = [start + timedelta(seconds=s) for s in (0, 30, 90, 4000, 4010)]
    assert time_spent(reversed(moments)) == 100.0  # 30 + 60, the hour's pause left out, + 10
    assert time_spent([]) == 0.0
    assert exact_f1({(0, 4, "actor")}, {(0, 4, "actor"), (5, 9, "date")}) == pytest.approx(2 / 3)
    assert exact_f1(set(), set()) is None
