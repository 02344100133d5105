"""Running a project, in plain Python: handing documents out to annotators in balance, and the time
someone spent from the timestamps of what they did."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

IDLE_SECONDS = 300  # a pause longer than this between two actions is not counted as work


def balanced_assignment(documents: Sequence[int], annotators: Sequence[str], per_document: int,
                        existing: Mapping[int, set[str]] | None = None, seed: int = 0) -> dict[int, list[str]]:
    """Who gets each document: ``per_document`` annotators each (fewer when a document already has some of
    them), always the least loaded ones so far (counting what they already have), ties broken by a
    seeded draw: the same input and seed give the same answer. Returns only the new assignments."""
    if per_document < 1:
        raise ValueError("--per-document must be at least 1")
    if per_document > len(annotators):
        raise ValueError(f"--per-document {per_document} needs at least {per_document} annotators "
                         f"(given {len(annotators)})")
    existing = existing or {}
    load = {name: 0 for name in annotators}
    for names in existing.values():
        for name in names:
            if name in load:
                load[name] += 1
    rng = random.Random(seed)
    order = list(documents)
    rng.shuffle(order)
    given: dict[int, list[str]] = {}
    for document in order:
        already = existing.get(document, set())
        wanted = per_document - len(already & set(annotators))
        if wanted <= 0:
            continue
        tiebreak = {name: rng.random() for name in annotators}
        chosen = sorted((name for name in annotators if name not in already),
                        key=lambda name: (load[name], tiebreak[name]))[:wanted]
        for name in chosen:
            load[name] += 1
        given[document] = sorted(chosen)
    return dict(sorted(given.items()))


def time_spent(moments: Iterable[datetime], idle_seconds: int = IDLE_SECONDS) -> float:
    """Seconds of work: the gaps between consecutive actions, leaving out pauses longer than
    ``idle_seconds`` (a coffee break, a night)."""
    ordered = sorted(moments)
    total = 0.0
    for before, after in zip(ordered, ordered[1:], strict=False):
        gap = (after - before).total_seconds()
        if gap <= idle_seconds:
            total += gap
    return total


def exact_f1(a: set[tuple[int, int, str]], b: set[tuple[int, int, str]]) -> float | None:
    """Exact-span agreement of two annotators on one document (None when neither has a span)."""
    if not a and not b:
        return None
    return 2 * len(a & b) / (len(a) + len(b))
