import json
from pathlib import Path

from annotator.core.formats import get_format
from annotator.core.formats.base import FormatReport
from annotator.core.formats.doccano import write_doccano
from annotator.core.formats.jsonl import read_jsonl
from tests.formats.helpers import edge_documents, span_set


def test_writes_doccano_lines_that_read_back_to_the_same_spans(tmp_path: Path) -> None:
    documents = edge_documents()
    out = tmp_path / "doccano.jsonl"
    report = FormatReport()
    assert write_doccano(documents, out, report) == len(documents)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for obj, document in zip(lines, documents, strict=True):
        assert obj["id"] == document.name and obj["text"] == document.text
        assert all(isinstance(s, int) and isinstance(e, int) and isinstance(label, str) for s, e, label in obj["label"])
        assert "spans" not in obj
    assert report.notes["identical span from another annotator written once"] == 1  # CNN, twice
    back = list(read_jsonl(out))
    for document, read in zip(documents, back, strict=True):
        assert span_set(read.spans) == span_set(document.spans)
        assert all(read.text[s.start:s.end] for s in read.spans)
    assert back[2].meta == {"source": "test"}


def test_the_format_is_registered_with_the_jsonl_reader() -> None:
    fmt = get_format("jsonl-doccano")
    assert fmt.read is read_jsonl and fmt.write is write_doccano


def test_metadata_named_like_a_span_key_is_not_read_as_spans(tmp_path: Path) -> None:
    from annotator.core.formats.base import ExportDocument

    out = tmp_path / "m.jsonl"
    write_doccano([ExportDocument("d", "نص", "s", [], {"source": "x", "label": "opinion"})], out)
    (read,) = read_jsonl(out)
    assert read.spans == [] and read.meta == {"source": "x", "label": "opinion"}
