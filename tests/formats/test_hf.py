import json
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.formats.base import FormatReport
from annotator.core.formats.hf import label_names_path, read_hf, write_hf
from annotator.core.formats.iob import decode_tags
from annotator.core.tokenizer import tokenize
from tests.formats.helpers import edge_documents


def decoded(tokens: list[str], tags: list[int], names: list[str]) -> list[tuple[str, str]]:
    return [(label, " ".join(tokens[a:b])) for a, b, label in decode_tags([names[t] for t in tags])]


def expected_spans(report: FormatReport) -> list[tuple[str, str]]:
    dropped = {(d.document, d.start, d.end, d.label) for d in report.dropped}
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
    assert set(dataset.column_names) == {"id", "document", "tokens", "ner_tags", "claim_tags"}
    found = sorted({(row["document"], label, text) for row in dataset
                    for column in ("ner_tags", "claim_tags")
                    for label, text in decoded(row["tokens"], row[column], names[column])})
    assert found == expected_spans(report)
    assert [d.reason for d in report.dropped] == ["overlaps another span in the same column"]


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
    assert found == expected_spans(report)
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
