"""Documents with the hard cases every format must carry: emoji, CRLF, tashkeel, a Latin run, a claim
with actors and a date nested inside it, the same span from two annotators."""

from __future__ import annotations

from pathlib import Path

from annotator.core.formats.base import ExportDocument
from annotator.core.formats.jsonl import read_jsonl
from annotator.core.model import SpanRecord

DATA = Path(__file__).resolve().parents[1] / "data"
CORPORA = DATA / "corpora"

CLAIM_TEXT = "وقال المتحدث باسم الجيش 👍🏽 إن «القوات دخلت حلب يوم 2020-03-15.» وفق CNN.\r\nثم انتهى."


def make_document(name: str, text: str, *spans: tuple[str, str, str] | tuple[str, str, str, int]) -> ExportDocument:
    """Spans given by the text they cover (the n-th occurrence if a 4th item is given)."""
    records = []
    for item in spans:
        covered, label, annotator = item[0], item[1], item[2]
        start = -1
        for _ in range(item[3] if len(item) > 3 else 1):  # type: ignore[misc]
            start = text.index(covered, start + 1)
        records.append(SpanRecord(start, start + len(covered), label, covered, annotator))
    return ExportDocument(name, text, f"sha-{name}", records)


def edge_documents() -> list[ExportDocument]:
    documents = [
        ExportDocument(d.name, d.text, f"sha-{d.name}",
                       [SpanRecord(s.start, s.end, s.label, d.text[s.start:s.end], s.annotator or "tester")
                        for s in d.spans], dict(d.meta))
        for d in read_jsonl(DATA / "edge_cases.jsonl")
    ]
    documents.append(make_document(
        "claim-crlf", CLAIM_TEXT,
        ("المتحدث باسم الجيش", "actor", "tester"), ("حلب", "location", "tester"), ("2020-03-15", "date", "tester"),
        ("«القوات دخلت حلب يوم 2020-03-15.»", "claim", "tester"), ("CNN", "actor", "salma"),
        ("CNN", "actor", "tester"),
    ))
    return documents


def span_set(spans) -> set[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    return {(s.start, s.end, s.label) for s in spans}
