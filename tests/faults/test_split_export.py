"""A split on disk is always one split: an export interrupted while writing its parts leaves the old
parts and manifest as they were, and a part that does not match its manifest is refused on import."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.formats import ExportDocument, get_format
from annotator.core.formats.split import manifest_path, parse_split, write_split
from annotator.core.model import SpanRecord
from tests.faults.cli import annotator

SPLIT = parse_split("train=0.5,dev=0.25,test=0.25")


def documents(tag: str, count: int = 8) -> list[ExportDocument]:
    return [ExportDocument(f"{tag}-{i}", f"قال محمد في بغداد {i}", f"{tag}{i:04d}",
                           [SpanRecord(4, 8, "actor", "محمد")]) for i in range(count)]


def names_in(folder: Path, suffix: str) -> dict[str, list[str]]:
    parts = {}
    for part in sorted(folder.glob(f"*{suffix}")):
        parts[part.name] = [json.loads(line)["id"] for line in part.read_text(encoding="utf-8").splitlines()]
    return parts


@pytest.mark.parametrize("fail_in_part", ["train", "dev", "test"])
def test_an_interrupted_split_leaves_the_earlier_split_whole(tmp_path: Path, fail_in_part: str) -> None:
    out = tmp_path / "data.jsonl"
    fmt = get_format("jsonl")
    write_split(fmt, lambda: iter(documents("old")), SPLIT, 1, out)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert sorted(before) == ["data.dev.jsonl", "data.split.json", "data.test.jsonl", "data.train.jsonl"]

    def failing(docs, part) -> Iterator[ExportDocument]:
        for document in docs:
            if part == fail_in_part:
                raise OSError("disk full")
            yield document

    with pytest.raises(OSError):
        write_split(fmt, lambda: iter(documents("new")), SPLIT, 2, out, wrap=failing)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before

    written = write_split(fmt, lambda: iter(documents("new")), SPLIT, 2, out)
    parts = names_in(tmp_path, ".jsonl")
    every = [name for ids in parts.values() for name in ids]
    assert sorted(every) == sorted(d.name for d in documents("new"))  # each document in exactly one part
    manifest = json.loads(manifest_path(out).read_text(encoding="utf-8"))
    assert {name: entry["documents"] for name, entry in manifest["parts"].items()} == {
        name: count for name, (_path, count) in written.items()}


def test_a_folder_split_is_replaced_at_once(tmp_path: Path) -> None:
    out = tmp_path / "brat"
    fmt = get_format("brat")
    write_split(fmt, lambda: iter(documents("old")), SPLIT, 1, out)
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))

    def failing(docs, part) -> Iterator[ExportDocument]:
        yield from docs
        if part == "test":
            raise OSError("disk full")

    with pytest.raises(OSError):
        write_split(fmt, lambda: iter(documents("new")), SPLIT, 2, out, wrap=failing)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brat"]


def test_a_part_that_its_manifest_does_not_list_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "data.jsonl"
    write_split(get_format("jsonl"), lambda: iter(documents("old")), SPLIT, 1, out)
    train = tmp_path / "data.train.jsonl"
    first = train.read_text(encoding="utf-8").splitlines()[0]
    train.write_text(first + "\n", encoding="utf-8")  # as if a later, interrupted export wrote it
    result = annotator("import", tmp_path, db=tmp_path / "a.db")
    assert result.returncode == 1
    assert "data.train.jsonl" in result.stderr and "data.split.json lists another version" in result.stderr


def test_documents_added_while_a_split_is_written_are_in_no_part(tmp_path: Path) -> None:
    calls = []

    def growing() -> Iterator[ExportDocument]:
        calls.append(1)
        return iter(documents("d", 8 + 2 * len(calls)))  # an import running beside the export

    written = write_split(get_format("jsonl"), growing, SPLIT, 3, tmp_path / "data.jsonl")
    assert sum(count for _path, count in written.values()) == 10
