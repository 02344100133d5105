import json
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.formats.base import ExportDocument, FormatReport
from annotator.core.formats.hf import (
    SPANS_COLUMN_ONLY,
    default_names,
    json_lines,
    label_names_path,
    legacy_features,
    read_hf,
    rows,
    write_hf,
)
from annotator.core.formats.iob import decode_tags
from annotator.core.model import SpanRecord
from annotator.core.tokenizer import tokenize
from tests.formats.helpers import edge_documents


def decoded(tokens: list[str], tags: list[int], names: list[str]) -> list[tuple[str, str]]:
    return [(label, " ".join(tokens[a:b])) for a, b, label in decode_tags([names[t] for t in tags])]


def expected_spans(report: FormatReport, tags_only: bool = True) -> list[tuple[str, str]]:
    """The spans the tag columns hold, or (``tags_only`` False) all the rows hold, spans column included."""
    dropped = {(d.document, d.start, d.end, d.label) for d in report.dropped
               if tags_only or d.reason != SPANS_COLUMN_ONLY}
    return sorted({(d.name, s.label, " ".join(t.text for t in tokenize(s.text)))
                   for d in edge_documents() for s in d.spans if (d.name, s.start, s.end, s.label) not in dropped})


def test_datasets_loads_the_json_lines_and_the_tags_decode_to_the_spans(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    out = tmp_path / "train.jsonl"
    report = FormatReport()
    assert write_hf(edge_documents(), out, report) == 4
    names = json.loads(label_names_path(out).read_text(encoding="utf-8"))
    assert names["ner_tags"][:3] == ["O", "B-actor", "I-actor"] and names["claim_tags"] == ["O", "B-claim", "I-claim"]
    dataset = datasets.load_dataset("json", data_files=str(out), split="train", cache_dir=str(tmp_path / "cache"))
    assert set(dataset.column_names) == {"id", "document", "tokens", "ner_tags", "claim_tags", "spans", "relations"}
    found = sorted({(row["document"], label, text) for row in dataset
                    for column in ("ner_tags", "claim_tags")
                    for label, text in decoded(row["tokens"], row[column], names[column])})
    assert found == expected_spans(report)
    assert [d.reason for d in report.dropped] == [SPANS_COLUMN_ONLY]  # the nested claim: in the spans column
    assert SPANS_COLUMN_ONLY.startswith("overlaps another span in the same column")
    from_spans_column = sorted({(row["document"], s["label"], " ".join(row["tokens"][s["start"]:s["end"]]))
                                for row in dataset for s in row["spans"]})
    assert from_spans_column == expected_spans(report, tags_only=False)


def test_parquet_carries_class_label_names(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    out = tmp_path / "train.parquet"
    write_hf(edge_documents(), out)
    dataset = datasets.load_dataset("parquet", data_files=str(out), split="train", cache_dir=str(tmp_path / "c"))
    feature = dataset.features["ner_tags"]
    inner = getattr(feature, "feature", None) or feature[0]
    assert inner.names[:3] == ["O", "B-actor", "I-actor"]
    assert label_names_path(out).exists()


def test_a_folder_out_path_is_saved_with_datasets(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    out = tmp_path / "ds"
    write_hf(edge_documents(), out)
    dataset = datasets.load_from_disk(str(out))
    inner = getattr(dataset.features["claim_tags"], "feature", None) or dataset.features["claim_tags"][0]
    assert inner.names == ["O", "B-claim", "I-claim"]
    assert len(dataset) >= 4


# The feature types datasets 3.6 knows (datasets 2.14 knows these and fewer): no "List", which is 4.0's.
DATASETS_3_TYPES = {"Value", "ClassLabel", "Translation", "TranslationVariableLanguages", "LargeList", "Sequence",
                    "Array2D", "Array3D", "Array4D", "Array5D", "Audio", "Image", "Video", "Pdf"}


def feature_types(node) -> set[str]:  # type: ignore[no-untyped-def]
    if isinstance(node, list):
        return set().union(*(feature_types(item) for item in node))
    if not isinstance(node, dict):
        return set()
    found = {node["_type"]} if isinstance(node.get("_type"), str) else set()
    return found.union(*(feature_types(value) for value in node.values()))


def test_a_saved_folder_describes_its_features_as_datasets_2_and_3_read_them(tmp_path: Path) -> None:
    pytest.importorskip("datasets")
    import pyarrow as pa

    out = tmp_path / "ds"
    write_hf(edge_documents(), out)
    described = [json.loads((out / "dataset_info.json").read_text(encoding="utf-8"))["features"]]
    for arrow in out.glob("*.arrow"):
        with pa.OSFile(str(arrow)) as source:
            metadata = pa.ipc.open_stream(source).schema.metadata
        described.append(json.loads(metadata[b"huggingface"])["info"]["features"])
    assert len(described) >= 2
    for features in described:
        assert feature_types(features) <= DATASETS_3_TYPES and "Sequence" in feature_types(features)
        assert features["ner_tags"]["feature"]["names"][:3] == ["O", "B-actor", "I-actor"]


def test_legacy_features_renames_only_the_list_type() -> None:
    features = {"tokens": {"feature": {"dtype": "string", "_type": "Value"}, "_type": "List"},
                "ner_tags": {"feature": {"names": ["O", "List"], "_type": "ClassLabel"}, "_type": "List"}}
    assert legacy_features(features) == {
        "tokens": {"feature": {"dtype": "string", "_type": "Value"}, "_type": "Sequence"},
        "ner_tags": {"feature": {"names": ["O", "List"], "_type": "ClassLabel"}, "_type": "Sequence"}}


def test_legacy_features_describes_a_list_of_records_as_datasets_2_and_3_do() -> None:
    record = {"head": {"dtype": "int64", "_type": "Value"}, "type": {"dtype": "string", "_type": "Value"}}
    assert legacy_features({"relations": {"feature": record, "_type": "List"}}) == {"relations": [record]}
    fixed = {"feature": record, "length": 2, "_type": "List"}  # a fixed length has no list form: Sequence
    assert legacy_features({"pair": fixed}) == {"pair": {**fixed, "_type": "Sequence"}}


@pytest.mark.skipif(not os.environ.get("ANNOTATOR_OLD_DATASETS_PYTHON"),
                    reason="set ANNOTATOR_OLD_DATASETS_PYTHON to a python with an older datasets (e.g. 3.6, 2.14)")
def test_an_older_datasets_loads_the_saved_folder(tmp_path: Path) -> None:
    pytest.importorskip("datasets")
    out = tmp_path / "ds"
    write_hf(edge_documents(), out)
    script = ("import datasets, sys; d = datasets.load_from_disk(sys.argv[1]); "
              "assert all(set(s) == {'start', 'end', 'label'} for row in d for s in row['spans']); "
              "print(datasets.__version__, len(d), d.features['claim_tags'].feature.names)")
    result = subprocess.run([os.environ["ANNOTATOR_OLD_DATASETS_PYTHON"], "-c", script, str(out)],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split(" ", 2)[2].strip() == "['O', 'B-claim', 'I-claim']"


def test_labels_beyond_the_default_ones_get_new_ids(tmp_path: Path) -> None:
    from tests.formats.helpers import make_document

    out = tmp_path / "x.jsonl"
    write_hf([make_document("d", "وقع الانفجار في دمشق", ("الانفجار", "event", "a"), ("دمشق", "location", "a"))], out)
    names = json.loads(label_names_path(out).read_text(encoding="utf-8"))["ner_tags"]
    (row,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [names[t] for t in row["ner_tags"]] == ["O", "B-event", "O", "B-location"]


@pytest.mark.parametrize("name", ["back.jsonl", "back.parquet"])
def test_reads_back_its_own_output(tmp_path: Path, name: str) -> None:
    if name.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    out = tmp_path / name
    report = FormatReport()
    write_hf(edge_documents(), out, report)
    back = list(read_hf(out))
    assert [d.name for d in back] == [d.name for d in edge_documents()]
    found = sorted({(d.name, s.label, s.text) for d in back for s in d.spans})
    assert found == expected_spans(report, tags_only=False)  # the spans column holds the nested claim too
    assert all(d.text[s.start:s.end] == s.text for d in back for s in d.spans)


def test_reads_rows_with_tag_strings_and_refuses_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"tokens": ["زار", "محمد", "دمشق"], "ner_tags": ["O", "B-PER", "B-LOC"]}) + "\n"
                    + json.dumps({"tokens": ["x"], "ner_tags": [7]}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="7 is neither a tag nor an id") as caught:
        list(read_hf(path))
    assert caught.value.line == 2
    path.write_text(json.dumps({"tokens": ["زار", "محمد", "دمشق"], "ner_tags": ["O", "B-PER", "B-LOC"]}),
                    encoding="utf-8")
    (document,) = read_hf(path)
    assert document.text == "زار محمد دمشق"
    assert [(s.label, s.text) for s in document.spans] == [("PER", "محمد"), ("LOC", "دمشق")]


_TEXT_PIECES = st.sampled_from(["قال", "حلب", " ", "\n", "\r\n", "\t", ".", "،", '"', "\\", "\x01", "\x1b", "\x1f",
                                "\u2028", "«", "»", "2020-03-15", "😀", "e\u0301", "\x7f"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_TEXT_PIECES, min_size=1, max_size=40).map("".join),
       st.sampled_from(["d", 'a "quoted" \\ name', "ن\x02"]),
       st.lists(st.tuples(st.integers(0, 200), st.integers(1, 30),
                          st.sampled_from(["actor", "claim", "date", "event"])), max_size=12))
def test_json_lines_are_what_json_dumps_writes_for_every_character(text: str, name: str,
                                                                    picks: list[tuple[int, int, str]]) -> None:
    """The rows are written piece by piece, not by json.dumps: quotes, backslashes and control characters in
    tokens and names, and labels with no default id, must come out as json.dumps writes them."""
    spans = [SpanRecord(start % len(text), min(start % len(text) + width, len(text)), label)
             for start, width, label in picks]
    document = ExportDocument(name, text, "sha", [span for span in spans if span.start < span.end])
    expected = [json.dumps(row, ensure_ascii=False) + "\n"
                for row in rows([document], FormatReport(), default_names(), [0])]
    assert "".join(json_lines([document], FormatReport(), default_names(), [0])) == "".join(expected)
