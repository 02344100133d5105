"""Export then import gives back the same spans, for every format that can carry them exactly — on
random Unicode text with emoji, CRLF and combining marks."""

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.formats import get_format
from annotator.core.formats.base import ExportDocument, FormatReport
from annotator.core.formats.iob import OFF_TOKENS
from annotator.core.model import SpanRecord
from tests.formats.helpers import span_set

PIECES = st.sampled_from(["قال", " ", "\r\n", "محمد", "😀", "بِاسْمِ", "،", "«", "»", "CNN", "١٥", "\u200f", "x",
                          "👍🏽", "\n", ".", "\t", "é", "e\u0301"])


@st.composite
def documents(draw: st.DrawFn) -> ExportDocument:
    # any character a UTF-8 file can hold, except NUL (refused on import as binary content)
    characters = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
    any_text = st.text(characters, min_size=1, max_size=3)
    text = "".join(draw(st.lists(st.one_of(PIECES, any_text), min_size=1, max_size=30)))
    if not text.strip():
        text += "نص"
    spans = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        if text[start:end].strip():
            label = draw(st.sampled_from(["actor", "location", "date", "claim"]))
            spans.append(SpanRecord(start, end, label, text[start:end], draw(st.sampled_from(["a", "b"]))))
    return ExportDocument("doc", text, "sha", spans)


def suffix(name: str) -> str:
    return {"jsonl-doccano": ".jsonl", "labelstudio": ".json", "spacy": ".spacy"}.get(name, "")


# brat is left out: its .txt is written with LF (as brat reads it), so CRLF does not come back; see test_brat.py.
@pytest.mark.parametrize("name", ["jsonl", "jsonl-doccano", "labelstudio", "spacy"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=documents())
def test_exported_spans_come_back(name: str, document: ExportDocument) -> None:
    if name == "spacy":
        pytest.importorskip("spacy")
    fmt = get_format(name)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"out{suffix(name)}"
        report = FormatReport()
        assert fmt.write is not None and fmt.read is not None
        fmt.write([document], out, report)
        source = out / "doc.ann" if fmt.directory else out
        (back,) = list(fmt.read(source))
    assert back.text == document.text
    # an entity left out of doc.ents only is still carried in doc.spans
    dropped = {(d.start, d.end, d.label) for d in report.dropped if d.reason == OFF_TOKENS}
    assert span_set(back.spans) == span_set(document.spans) - dropped
    assert all(s.text in (None, back.text[s.start:s.end]) for s in back.spans)
    if name != "spacy":
        assert not dropped
