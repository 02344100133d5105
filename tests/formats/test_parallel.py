"""A large CoNLL, Hugging Face or spaCy export makes its tokens, tags or Docs in worker processes: the
file and the report must be what one process writes, byte for byte, whether the workers live, die, or the
export is cancelled."""

from __future__ import annotations

import gc
import json
import logging
import multiprocessing
import os
import random
import signal
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

try:
    import spacy
except ImportError:
    spacy = None

from annotator.core.errors import InputError
from annotator.core.formats import parallel
from annotator.core.formats.base import ExportDocument, FormatReport
from annotator.core.formats.conll import read_conll, write_conll
from annotator.core.formats.conll2003 import write_conll2003
from annotator.core.formats.hf import LINK_END_LEFT_OUT, default_names, label_names_path, write_hf
from annotator.core.formats.hf import rows as hf_rows
from annotator.core.formats.spacy_docbin import write_spacy
from annotator.core.links import LinkRecord
from annotator.core.model import SpanRecord
from annotator.core.processes import BULK_GC_THRESHOLD, fewer_collections
from tests.formats.helpers import CLAIM_TEXT, CORPORA, edge_documents, make_document


def linked() -> ExportDocument:
    """The claim with its source, time and place linked (hf writes links within a row), and one link to a
    span off the tokens (left out, and said)."""
    spans = [SpanRecord(span.start, span.end, span.label, span.text, span.annotator, id=number)
             for number, span in enumerate(make_document(
                 "linked", CLAIM_TEXT, ("المتحدث باسم الجيش", "actor", "tester"), ("حلب", "location", "tester"),
                 ("2020-03-15", "date", "tester"), ("«القوات دخلت حلب يوم 2020-03-15.»", "claim", "tester"),
                 ("لقوات", "actor", "tester")).spans, start=1)]
    links = [LinkRecord(4, 1, "source", "tester", "accepted"), LinkRecord(4, 2, "place"), LinkRecord(4, 3, "time"),
             LinkRecord(4, 5, "source")]
    return ExportDocument("linked", CLAIM_TEXT, "sha-linked", spans, links=links)


def corpus() -> list[ExportDocument]:
    """Real Arabic articles (AQMAR, with their own entities), the hard cases, a document with links, and
    each AQMAR article again with random spans that overlap and miss token boundaries, so that the report
    has much to say."""
    documents = [*edge_documents(), linked()]
    rng = random.Random(3)
    for path in sorted((CORPORA / "aqmar-arabic-ner").glob("*.txt")):
        try:
            records = list(read_conll(path))
        except InputError:  # an annotation error of the corpus (Football.txt), tested in test_conll
            continue
        for record in records:
            spans = [SpanRecord(s.start, s.end, s.label, s.text, "tester") for s in record.spans]
            documents.append(ExportDocument(record.name, record.text, f"sha-{record.name}", spans))
            for copy in range(5):
                noisy = []
                for _ in range(200):
                    start = rng.randrange(len(record.text) - 30)
                    end = start + rng.randint(1, 30)
                    label = rng.choice(["actor", "location", "date", "claim"])
                    noisy.append(SpanRecord(start, end, label, record.text[start:end], "salma"))
                documents.append(ExportDocument(f"{record.name}-noisy-{copy}", record.text, "sha", noisy))
    return documents


def export(write, documents: list[ExportDocument], out: Path) -> tuple[bytes, FormatReport, int]:  # type: ignore[no-untyped-def]
    """What ``write`` wrote (hf's label names file too), its report, and its count."""
    report = FormatReport()
    count = write(iter(documents), out, report)
    sidecar = label_names_path(out)
    return out.read_bytes() + (sidecar.read_bytes() if sidecar.exists() else b""), report, count


@pytest.fixture
def in_workers(monkeypatch: pytest.MonkeyPatch) -> dict[int, int]:
    """Workers from the second document on, small batches, two cores even on a one-core machine."""
    monkeypatch.setattr(parallel, "IN_PROCESS_CHARS", 1)
    monkeypatch.setattr(parallel, "BATCH_CHARS", 5_000)
    monkeypatch.setattr(parallel, "usable_cores", lambda: 2)
    monkeypatch.setattr(parallel, "worker_peaks_kb", {})
    return parallel.worker_peaks_kb


def one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "IN_PROCESS_CHARS", 1 << 62)


@pytest.mark.parametrize(("write", "suffix"), [
    (write_conll, ".conll"), (write_conll2003, ".conll2003"), (write_hf, ".jsonl"), (write_hf, ".parquet"),
    pytest.param(write_spacy, ".spacy", marks=pytest.mark.skipif(spacy is None, reason="needs spaCy"))],
    ids=["conll", "conll2003", "hf-jsonl", "hf-parquet", "spacy"])
def test_workers_write_what_one_process_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               in_workers: dict[int, int], write, suffix: str) -> None:  # type: ignore[no-untyped-def]
    documents = corpus()
    assert sum(len(d.text) for d in documents) > 30 * parallel.BATCH_CHARS  # many batches
    content, report, count = export(write, documents, tmp_path / f"workers{suffix}")
    assert in_workers, "no worker reported back: the export stayed in one process"
    assert all(kb > 0 for kb in in_workers.values())
    with monkeypatch.context() as here:
        one_process(here)
        expected, expected_report, expected_count = export(write, documents, tmp_path / f"here{suffix}")
    assert count == expected_count == len(documents)
    assert content == expected
    assert report.dropped == expected_report.dropped and len(report.dropped) > 100
    assert report.dropped_by_reason == expected_report.dropped_by_reason
    assert report.notes == expected_report.notes
    if suffix == ".jsonl" and write is write_hf:  # the links went through the workers too: written, and one
        assert b'"relations": [{"head"' in content and report.notes[LINK_END_LEFT_OUT] == 1  # left out and said
    if suffix == ".spacy":  # the spans' and links' annotators and statuses went through the workers too
        from spacy.tokens import DocBin

        docs = {doc.user_data["annotator"]["name"]: doc
                for doc in DocBin().from_bytes(content).get_docs(spacy.blank("ar").vocab)}
        assert [tuple(span[3:]) for span in docs["linked"].user_data["annotator"]["spans"]] == [("tester", "draft")] * 4
        assert [(r["label"], r["annotator"], r["status"]) for r in docs["linked"].user_data["relations"]] == [
            ("source", "tester", "accepted"), ("place", None, "draft"), ("time", None, "draft")]
        assert {tuple(span[3:]) for span in docs[documents[-1].name].user_data["annotator"]["spans"]} == {
            ("salma", "draft")}
    assert not multiprocessing.active_children()  # the workers ended with the export


def test_hf_rows_with_labels_beyond_the_defaults_get_their_ids_in_order_in_workers(
        tmp_path: Path, in_workers: dict[int, int]) -> None:
    """The workers write a row whole only when its tags have default ids; rows with other labels come back
    for their ids, given in the order those labels turn up: each line is ``json.dumps`` of the row."""
    documents = corpus()
    for number, document in enumerate(documents):
        if number % 7 == 3:  # labels the defaults do not have, the first ones well into the export
            document.spans = [span if index % 5 else SpanRecord(span.start, span.end, f"{span.label}-{number % 3}",
                                                                span.text, span.annotator)
                              for index, span in enumerate(document.spans)]
    out = tmp_path / "workers.jsonl"
    write_hf(iter(documents), out)
    assert in_workers
    names = json.loads(label_names_path(out).read_text(encoding="utf-8"))
    defaults = default_names()
    rows = list(hf_rows(iter(documents), FormatReport(), default_names(), [0]))
    assert out.read_text(encoding="utf-8").splitlines() == [json.dumps(row, ensure_ascii=False) for row in rows]
    assert names["ner_tags"][:len(defaults["ner_tags"])] == defaults["ner_tags"]
    default_labels = {name[2:] for name in defaults["ner_tags"][1:]}
    seen: list[str] = []  # the labels beyond the defaults, in the order the rows use them first
    for row in rows:
        for label in (names["ner_tags"][tag][2:] for tag in row["ner_tags"] if tag):
            if label not in default_labels and label not in seen:
                seen.append(label)
    assert names["ner_tags"][len(defaults["ner_tags"]):] == [f"{p}-{label}" for label in seen for p in "BI"]
    assert len([label for label in seen if label[-2:] in ("-0", "-1", "-2")]) >= 3
    first_custom = next(index for index, row in enumerate(rows) if any(
        tag >= len(defaults["ner_tags"]) for tag in row["ner_tags"]))
    assert 0 < first_custom < len(rows) - 1


def collector_pace(_document: ExportDocument, _report: FormatReport) -> tuple[int, bool, int]:
    """Where a document's work runs: the collector's first threshold, whether anything is frozen, the pid."""
    return gc.get_threshold()[0], gc.get_freeze_count() > 0, os.getpid()


def test_workers_collect_at_the_pace_of_bulk_work_with_what_they_loaded_frozen(in_workers: dict[int, int]) -> None:
    documents = [ExportDocument(f"d{number}", "نص " * 2000, "sha", []) for number in range(4)]
    here, *there = parallel.per_document(collector_pace, documents, FormatReport())
    assert here[2] == os.getpid() and here[0] == gc.get_threshold()[0]  # this process's pace is its own
    assert there and all(pid != os.getpid() for _threshold, _frozen, pid in there)
    assert {(threshold, frozen) for threshold, frozen, _pid in there} == {(BULK_GC_THRESHOLD, True)}


def test_fewer_collections_sets_the_pace_back_after_the_work_and_after_a_failure() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == (BULK_GC_THRESHOLD, *before[1:])
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("the export failed")
    assert gc.get_threshold() == before


def test_a_small_export_starts_no_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a worker process was started for a small export")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", refuse)
    monkeypatch.setattr(parallel, "usable_cores", lambda: 2)
    content, report, count = export(write_conll, edge_documents(), tmp_path / "small.conll")
    assert count == len(edge_documents()) and content.startswith(b"-DOCSTART-")


def test_one_core_means_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    in_workers: dict[int, int]) -> None:
    monkeypatch.setattr(parallel, "usable_cores", lambda: 1)
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", None)  # any use of it would fail
    documents = corpus()
    content, _report, _count = export(write_conll, documents, tmp_path / "one-core.conll")
    with monkeypatch.context() as here:
        one_process(here)
        assert content == export(write_conll, documents, tmp_path / "here.conll")[0]


@pytest.mark.parametrize(("write", "suffix"), [
    (write_conll, ".conll"),
    # spaCy's workers give each string once per export: a batch done again here must give its own again
    pytest.param(write_spacy, ".spacy", marks=pytest.mark.skipif(spacy is None, reason="needs spaCy"))],
    ids=["conll", "spacy"])
def test_a_killed_worker_loses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_workers: dict[int, int],
                                       caplog: pytest.LogCaptureFixture, write, suffix: str) -> None:  # type: ignore[no-untyped-def]
    documents = corpus()
    killed = []

    def killing(items: list[ExportDocument]) -> Iterator[ExportDocument]:
        for index, document in enumerate(items):
            if index == len(items) // 3:
                for child in multiprocessing.active_children():  # the pool's workers, mid-export
                    os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
                    killed.append(child.pid)
            yield document

    report = FormatReport()
    with caplog.at_level(logging.WARNING, logger="annotator.export"):
        count = write(killing(documents), tmp_path / f"killed{suffix}", report)
    assert killed, "no worker was running to be killed"
    assert "export worker process stopped unexpectedly" in caplog.text
    with monkeypatch.context() as here:
        one_process(here)
        expected, expected_report, expected_count = export(write, documents, tmp_path / f"here{suffix}")
    assert count == expected_count
    assert (tmp_path / f"killed{suffix}").read_bytes() == expected
    assert report.dropped == expected_report.dropped and report.notes == expected_report.notes


class Cancelled(Exception):
    pass


def test_a_cancelled_export_writes_nothing_and_ends_its_workers(tmp_path: Path, in_workers: dict[int, int]) -> None:
    documents = corpus()

    def cancelled(items: list[ExportDocument]) -> Iterator[ExportDocument]:
        for index, document in enumerate(items):
            if index == len(items) // 2:
                assert multiprocessing.active_children(), "the workers had not started"
                raise Cancelled
            yield document

    out = tmp_path / "cancelled.conll"
    with pytest.raises(Cancelled):
        write_conll(cancelled(documents), out, FormatReport())
    assert not out.exists() and list(tmp_path.iterdir()) == []
    assert not multiprocessing.active_children()


def test_the_report_lists_the_first_spans_left_out_and_counts_them_all(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_workers: dict[int, int]) -> None:
    """A report lists at most ``DROPPED_LISTED`` spans left out, the first ones in document order, from the
    workers as from one process, and counts every one by reason."""
    from annotator.core.formats import base

    documents = corpus()
    with monkeypatch.context() as here:
        one_process(here)
        full = FormatReport(listed=None)
        write_conll(iter(documents), tmp_path / "all.conll", full)
    assert full.dropped_count == len(full.dropped) > 300
    monkeypatch.setattr(base, "DROPPED_LISTED", 100)
    report = FormatReport()
    write_conll(iter(documents), tmp_path / "listed.conll", report)
    assert in_workers, "no worker reported back: the export stayed in one process"
    assert report.dropped == full.dropped[:100]
    assert report.dropped_by_reason == full.dropped_by_reason == Counter(d.reason for d in full.dropped)
    assert report.dropped_count == full.dropped_count
    lines = report.lines(limit=20)
    assert lines[-1] == f"  ... and {full.dropped_count - 20} more"
    assert f"{full.dropped_count} span(s) left out: " in "\n".join(lines)
    assert report.lines(limit=20) == full.lines(limit=20)
