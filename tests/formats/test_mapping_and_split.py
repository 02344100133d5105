from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.formats.mapping import LabelMapping
from annotator.core.formats.split import assign_parts, parse_split, part_path
from annotator.core.model import DocumentRecord, SpanRecord


def test_mapping_renames_drops_and_counts() -> None:
    mapping = LabelMapping.parse(["PER=actor,LOC=location", "ORG=", "MIS*="])
    record = DocumentRecord("d", "abcdefghij", [SpanRecord(0, 1, "PER"), SpanRecord(1, 2, "ORG"),
                                                SpanRecord(2, 3, "MIS2"), SpanRecord(3, 4, "LOC"),
                                                SpanRecord(4, 5, "date"), SpanRecord(5, 6, "PER")])
    mapped = mapping.apply(record)
    assert [s.label for s in mapped.spans] == ["actor", "location", "date", "actor"]
    assert mapping.renamed == {"PER → actor": 2, "LOC → location": 1}
    assert mapping.dropped == {"ORG": 1, "MIS2": 1}
    assert "dropped 1 span(s) labelled 'ORG' (--map ORG=)" in mapping.lines()
    assert record.spans[0].label == "PER"  # the input is not changed


@pytest.mark.parametrize("bad", ["PER", "=actor", "PER:actor"])
def test_bad_mappings_are_refused(bad: str) -> None:
    with pytest.raises(AnnotatorError, match="--map"):
        LabelMapping.parse([bad])


def test_split_is_deterministic_exact_and_disjoint() -> None:
    parts = parse_split("train=0.8,dev=0.1,test=0.1")
    keys = [f"doc{i}" for i in range(23)]
    first = assign_parts(keys, parts, seed=7)
    assert first == assign_parts(list(reversed(keys)), parts, seed=7)
    assert first != assign_parts(keys, parts, seed=8)
    counts = {name: list(first.values()).count(name) for name, _ in parts}
    assert counts == {"train": 19, "dev": 2, "test": 2}  # 18.4, 2.3, 2.3: the largest remainder gets the 23rd
    assert set(first) == set(keys)


@pytest.mark.parametrize(("value", "reason"), [("train=0.8,dev=0.1", "add up to 0.9"), ("train", "expected"),
                                               ("a=1,a=0", "expected"), ("a=0.5,a=0.5", "twice"),
                                               ("../x=1", "expected")])
def test_bad_splits_are_refused(value: str, reason: str) -> None:
    with pytest.raises(AnnotatorError, match=reason):
        parse_split(value)


def test_part_paths() -> None:
    assert part_path(Path("out/data.conll"), "train", False) == Path("out/data.train.conll")
    assert part_path(Path("out/brat"), "dev", True) == Path("out/brat/dev")
    assert part_path(Path("out/ds"), "test", False) == Path("out/ds/test")
