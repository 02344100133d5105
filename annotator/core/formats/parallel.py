"""A format's work on each document (tokenizing, tagging, formatting) done on the other cores while this
process reads the documents from the database and writes what comes back, in order.

CoNLL's tokenizer and tags cost more than reading the documents: in one process the CoNLL export took
twice as long as the JSONL one. In threads the two would share the GIL, so the work goes to worker
processes, started with "spawn" (never "fork": the window's process has Qt and threads). They load the
format's module from ``annotator.core`` (and, as spawn does, the program's main script, if it has one).

- Small exports stay in this process: the first ``IN_PROCESS_CHARS`` characters of text are done here,
  and workers start only if more documents follow (a worker's start costs about 0.1 s). One huge
  document is therefore never copied to a worker either.
- There are as many workers as usable cores (at most ``MAX_WORKERS``), not one fewer: this process
  reading, sending and writing is lighter work than a worker's, and with one worker on two cores the
  worker sat idle 7 of the Hugging Face export's 18 s while this process did batches of its own (which
  its threads, those that send batches and take results, then wait behind). The workers run at a lower
  priority (``WORKER_NICENESS``), so this process, which feeds them, and a window are never starved.
- This process does not wait while it has documents to do: when every worker has ``AHEAD`` batches not
  yet done, it does the next batch itself; a batch a worker has done frees its place at once, even
  while an older one is waited for.
- A worker gets a slim copy of each document: its name, text, each span's start, end, label, id,
  annotator and status, and each link's ends, type, annotator and status (``SlimDocument``). A format
  whose work needs more (span texts, notes, meta) does not use this. There its spans are ``SlimSpan``s,
  named tuples with a ``SpanRecord``'s fields (text and note None): a SpanRecord each cost the Hugging
  Face export's worker a twelfth of its time.
- A format may name a ``setup`` that each worker runs once when it starts (spaCy's export looks its
  serializers up there once, as the exporting process does for the whole export, and takes the rules
  that let it make Docs' parts without importing spaCy).
- Memory stays flat: documents go in batches of about ``BATCH_CHARS`` characters, and at most
  ``AHEAD`` batches per worker are out at once; this process waits for the oldest before reading on.
- What the work reports (spans left out, notes) comes back with each batch and is added to the report
  in document order, so the report and the output are the same as in one process. A batch lists no more
  spans left out than the report still had room for when it was sent (``FormatReport.listed``).
- A worker that dies (killed, out of memory) costs nothing: the batches it had out, and the rest, are
  done in this process. An error the work raises is raised here, as in one process.
- A worker's garbage collector leaves alone what was loaded before the work (``gc.freeze``) and runs at
  the pace of bulk work (``processes.fewer_collections``): the work makes objects by the million and
  almost no cycles.
- Each worker's peak memory is kept in ``worker_peaks_kb`` (by process id), so that a measurement of the
  export's memory (``bench/peak_rss.py``) counts the workers too.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, NamedTuple, TypeVar

from annotator.core.formats.base import ExportDocument, FormatReport
from annotator.core.links import LinkRecord
from annotator.core.processes import bulk_pace, peak_rss_kb, usable_cores

# Characters of text done in this process before workers are started (about 0.3 s of CoNLL).
IN_PROCESS_CHARS = 500_000
# Characters of text in one batch sent to a worker (about 0.1 s of CoNLL work).
BATCH_CHARS = 250_000
# Batches each worker may have out at once: one being worked on, one waiting.
AHEAD = 2
# Workers at most: this process reads the documents at about the pace of two workers' CoNLL work.
MAX_WORKERS = 2
# How much lower the workers' priority is than this process's (os.nice).
WORKER_NICENESS = 5

# Each worker's peak memory (VmHWM, kB) by process id, as its last batch reported it.
worker_peaks_kb: dict[int, int] = {}

log = logging.getLogger("annotator.export")

T = TypeVar("T")
Work = Callable[[ExportDocument, FormatReport], T]
# (name, text, [(start, end, label, id, annotator, status), ...], [(from_id, to_id, type, annotator, status),
# ...]): what a worker needs of a document, pickled fast (200,000 SpanRecord objects took 0.41 s to pickle;
# such tuples, 0.1 s; a span's annotator and status are the store's same few string objects, which pickle
# sends once per batch).
SlimDocument = tuple[str, str, list[tuple[Any, ...]], list[tuple[Any, ...]]]


def per_document(work: Work[T], documents: Iterable[ExportDocument], report: FormatReport,
                 setup: Callable[[], None] | None = None) -> Iterator[T]:
    """``work(document, report)`` for each document, in order: here for a small export, else in worker
    processes (see the module's notes), each of which runs ``setup()`` first. ``work`` and ``setup`` must
    be module-level functions, or partials of them (they are pickled by name); ``work`` uses only what a
    ``SlimDocument`` holds."""
    iterator = iter(documents)
    done_here = 0
    for document in iterator:
        yield work(document, report)
        done_here += len(document.text)
        if done_here >= IN_PROCESS_CHARS:
            break
    else:
        return
    cores = usable_cores()
    workers = min(MAX_WORKERS, cores) if cores > 1 else 0
    if workers < 1:
        yield from (work(document, report) for document in iterator)
        return
    yield from _in_workers(work, iterator, report, workers, setup)


class _Batch:
    """Documents sent to a worker (``future``) or done here while the workers were busy (``results``)."""

    __slots__ = ("documents", "future", "results", "found")

    def __init__(self, documents: list[ExportDocument], listed: int | None) -> None:
        self.documents = documents
        self.future: Future[tuple[list[Any], FormatReport, int, int]] | None = None
        self.results: list[Any] | None = None
        self.found = FormatReport(listed=listed)

    def ready(self) -> bool:
        return self.results is not None or (self.future is not None and self.future.done())


def _in_workers(work: Work[T], documents: Iterator[ExportDocument], report: FormatReport,
                workers: int, setup: Callable[[], None] | None) -> Iterator[T]:
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(setup,))
    out: deque[_Batch] = deque()
    broken = False
    try:
        for documents_in_batch in _batches(documents):
            # The batch lists no more spans left out than the report has room for now (it may have less by
            # the time the batch is added): an export leaving out 281,000 spans sent each one back.
            room = report.room
            batch = _Batch(documents_in_batch, room)
            # A worker's batch that is done frees its place at once, even while an older one is still
            # waited for: a worker never sits idle while this process does a batch of its own.
            if not broken and sum(b.future is not None and not b.future.done() for b in out) < AHEAD * workers:
                try:
                    batch.future = pool.submit(_work_batch, work, [_slim(d) for d in documents_in_batch], room)
                except BrokenProcessPool:
                    broken = _said_broken(broken)
            if batch.future is None:
                # The workers are busy (or gone): this process does the batch instead of waiting.
                batch.results = [work(document, batch.found) for document in documents_in_batch]
            out.append(batch)
            while out and (out[0].ready() or len(out) > AHEAD * workers + 1):
                results, broken = _results(work, out.popleft(), report, broken)
                yield from results
        while out:
            results, broken = _results(work, out.popleft(), report, broken)
            yield from results
    finally:
        # Cancelled or failed: the batches not yet started are dropped, the running ones end soon.
        pool.shutdown(wait=True, cancel_futures=True)


def _results(work: Work[T], batch: _Batch, report: FormatReport, broken: bool) -> tuple[list[T], bool]:
    """The batch's results (waiting for its worker), its report added to ``report``; done here when its
    worker died (then ``broken`` is True, and said once)."""
    if batch.future is not None:
        try:
            batch.results, batch.found, pid, peak_kb = batch.future.result()
        except BrokenProcessPool:
            return [work(document, report) for document in batch.documents], _said_broken(broken)
        worker_peaks_kb[pid] = max(peak_kb, worker_peaks_kb.get(pid, 0))
    report.add(batch.found)
    assert batch.results is not None
    return batch.results, broken


def _said_broken(broken: bool) -> bool:
    if not broken:
        log.warning("an export worker process stopped unexpectedly; the export goes on in this process")
    return True


def _batches(documents: Iterator[ExportDocument]) -> Iterator[list[ExportDocument]]:
    batch: list[ExportDocument] = []
    size = 0
    for document in documents:
        batch.append(document)
        size += len(document.text)
        if size >= BATCH_CHARS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _slim(document: ExportDocument) -> SlimDocument:
    return (document.name, document.text,
            [(s.start, s.end, s.label, s.id, s.annotator, s.status) for s in document.spans],
            [(link.from_id, link.to_id, link.type, link.annotator, link.status) for link in document.links])


def _work_batch(work: Work[T], batch: list[SlimDocument], listed: int | None) -> tuple[list[T], FormatReport, int, int]:
    """In a worker: the work on each document of ``batch``, what it reported (listing at most ``listed`` spans
    left out), and the worker's peak memory."""
    found = FormatReport(listed=listed)
    results = [work(ExportDocument(name, text, "", [_new(SlimSpan, span) for span in spans],  # type: ignore[misc]
                                   links=[LinkRecord(*link) for link in links]), found)
               for name, text, spans, links in batch]
    return results, found, os.getpid(), peak_rss_kb()


class SlimSpan(NamedTuple):
    """A span in a worker: what ``SlimDocument`` carries of it, in that order, read as a ``SpanRecord`` is."""

    start: int
    end: int
    label: str
    id: int | str | None
    annotator: str | None
    status: str

    @property
    def text(self) -> None:
        return None

    @property
    def note(self) -> None:
        return None

    @property
    def origin(self) -> str:
        return "manual"


_new = tuple.__new__  # a SlimSpan from its tuple in one C call (no Python-level __new__)


def _start_worker(setup: Callable[[], None] | None) -> None:
    # Ctrl-C in a terminal reaches the whole process group: the exporting process handles it and ends these.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        os.nice(WORKER_NICENESS)
    except OSError:  # not allowed here: the same priority, as before
        pass
    if setup is not None:
        setup()
    # What the worker has loaded (the format's modules, spaCy's) lives as long as it: out of the
    # collector's sight. And its work makes objects in bulk: collected at the pace of bulk work.
    gc.freeze()
    bulk_pace()
