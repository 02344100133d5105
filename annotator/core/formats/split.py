"""Splitting an export by document into parts (train/dev/test), the same way every time for a seed.

The documents (by sha256) are sorted, shuffled with ``random.Random(seed)`` and cut in the given
proportions (largest remainder), so the same database, filter and seed give the same parts, and a
document never lands in two parts.
"""

from __future__ import annotations

import random
from pathlib import Path

from annotator.core.errors import AnnotatorError


def parse_split(value: str) -> list[tuple[str, float]]:
    """``train=0.8,dev=0.1,test=0.1`` as [(name, share)]; shares must be positive and sum to 1."""
    parts: list[tuple[str, float]] = []
    for item in value.split(","):
        name, equals, share = item.partition("=")
        name = name.strip()
        try:
            number = float(share)
        except ValueError:
            number = -1.0
        if not equals or not name or number <= 0 or not name.replace("_", "").replace("-", "").isalnum():
            raise AnnotatorError(f"--split: expected NAME=SHARE[,NAME=SHARE...] with shares > 0, got {item!r}")
        if name in (n for n, _ in parts):
            raise AnnotatorError(f"--split: part {name!r} given twice")
        parts.append((name, number))
    total = sum(share for _, share in parts)
    if abs(total - 1.0) > 1e-6:
        raise AnnotatorError(f"--split: the shares add up to {total:g}, not 1")
    return parts


def assign_parts(keys: list[str], parts: list[tuple[str, float]], seed: int) -> dict[str, str]:
    """Each key's part: exact counts by largest remainder, order from a seeded shuffle."""
    order = sorted(set(keys))
    random.Random(seed).shuffle(order)
    exact = [share * len(order) for _, share in parts]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(parts)), key=lambda i: (counts[i] - exact[i], i))
    for index in by_remainder[: len(order) - sum(counts)]:
        counts[index] += 1
    assignment: dict[str, str] = {}
    position = 0
    for (name, _), count in zip(parts, counts, strict=True):
        for key in order[position:position + count]:
            assignment[key] = name
        position += count
    return assignment


def part_path(out: Path, part: str, directory: bool) -> Path:
    """``data.conll`` → ``data.train.conll``; a folder output (or one without extension) → ``out/train``."""
    if directory or not out.suffix:
        return out / part
    return out.with_name(f"{out.stem}.{part}{out.suffix}")
