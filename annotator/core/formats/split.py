"""Splitting an export by document into parts (train/dev/test), the same way every time for a seed.

The documents (by sha256) are sorted, shuffled with ``random.Random(seed)`` and cut in the given
proportions (largest remainder), so the same database, filter and seed give the same parts, and a
document never lands in two parts.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.formats.base import (
    ExportDocument,
    Format,
    FormatReport,
    atomic_directory,
    clean_stale_parts,
    file_sha256,
    temporary_name,
)


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


def manifest_path(out: Path) -> Path:
    """Where a split of file parts records itself: ``data.conll`` → ``data.split.json``."""
    return out.with_name(f"{out.stem}.split.json")


def write_split(
    fmt: Format,
    documents: Callable[[], Iterable[ExportDocument]],
    parts: list[tuple[str, float]],
    seed: int,
    out: Path,
    report: FormatReport | None = None,
    wrap: Callable[[Iterable[ExportDocument], str], Iterable[ExportDocument]] = lambda docs, _part: docs,
) -> dict[str, tuple[Path, int]]:
    """Write every part, then put them in place together, so a split on disk is always one split:
    a folder output (``out/train`` ...) is one folder renamed at once; file parts (``data.train.conll``
    ...) are written in a staging folder and moved beside each other, and their manifest
    (``data.split.json``: each part's file, sha256 and document count) is written last; until it is,
    the old one is gone, and ``annotator import`` refuses a part file its manifest does not list.

    ``documents()`` is read once per part plus once for the assignment; documents added meanwhile are
    in no part. Returns {part: (path, documents written)}."""
    if fmt.write is None:
        raise AnnotatorError(f"format {fmt.name!r} cannot be exported")
    assignment = assign_parts([d.sha256 for d in documents()], parts, seed)
    written: dict[str, tuple[Path, int]] = {}

    def write_parts(place: Callable[[str], Path]) -> None:
        assert fmt.write is not None
        for name, _ in parts:
            chosen = (d for d in documents() if assignment.get(d.sha256) == name)
            written[name] = (part_path(out, name, fmt.directory), fmt.write(wrap(chosen, name), place(name), report))

    if fmt.directory or not out.suffix:
        with atomic_directory(out, fmt.name) as folder:
            write_parts(lambda name: folder / name)
        return written
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_parts(out)
    staging = out.parent / temporary_name(out, ".part")
    staging.mkdir()
    try:
        write_parts(lambda name: staging / part_path(out, name, False).name)
        files = sorted(p for p in staging.iterdir() if p.is_file())
        manifest = {"written_by": "annotator export", "format": fmt.name, "seed": seed,
                    "split": {name: share for name, share in parts},
                    "parts": {name: {"file": path.name, "documents": count} for name, (path, count) in written.items()},
                    "files": {p.name: file_sha256(p) for p in files}}
        staged_manifest = staging / f".{manifest_path(out).name}"
        staged_manifest.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        manifest_path(out).unlink(missing_ok=True)
        for file in files:
            os.replace(file, out.parent / file.name)
        os.replace(staged_manifest, manifest_path(out))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def split_problem(path: Path) -> str | None:
    """Why ``path`` must not be imported as a part of a split: a manifest beside it names it with other
    contents (the part is from an interrupted export, or was changed since)."""
    for manifest in path.parent.glob("*.split.json"):
        try:
            files = json.loads(manifest.read_text(encoding="utf-8")).get("files", {})
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(files, dict) and path.name in files and files[path.name] != file_sha256(path):
            return (f"{manifest.name} lists another version of this file: it is from an interrupted or "
                    "later split export; export the split again")
    return None

