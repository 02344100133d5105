"""A large import's files are read, parsed and checked in a second process while this one stores them.

Reading (JSON, the span and text checks, sha256) and storing (around sqlite3's executemany) are both
CPU-bound Python; in threads they would share the GIL (and sqlite3, taking the GIL back for every row
behind a busy thread, would convoy). In two processes on two cores the parse of chunk N+1 overlaps the
database writes of chunk N. Small imports stay in one process (``PROCESS_MIN_BYTES``): starting the
reader costs an interpreter start and the format modules' imports, about 0.1 s.

``annotator import`` starts the reader at once, before it has even parsed its arguments
(``start_early``): the reader's start then overlaps the command's own (SQLAlchemy's import, the
parser, opening the database), and the reader is told its files when they are known. On the bench's
10,000 documents the first chunk arrived about 0.15 s earlier. An early reader not needed (a small
import, --help, a bad argument) is ended.

The reader is started with "spawn", never "fork": the window's process has Qt and threads, and a fork
copies their locks in whatever state they are. It imports ``annotator.core`` only (no SQLAlchemy, no
Qt; an import-linter contract keeps it so). It sends pickled messages down a socket pair, each
tagged with the index of its file, in file order:

- ``("ready", -1, None)``: started (a reader that ends before saying so never read anything: the
  import reads in its own process instead, see ``ReaderProcess.started``);
- ``("chunk", index, (records, hashes, texts))``: ``IMPORT_CHUNK`` records, mapped (``--map``) and
  checked (``record_problem``), with their texts' sha256, the texts sent as UTF-8 (``wire_chunk``);
- ``("end", index, (FormatReport, renamed, dropped))``: the file is read; what the reader noted and what
  the label mapping renamed or dropped;
- ``("error", index, exception)``: what reading the file raised, raised again by the storing side at the
  same point, so that file's transaction rolls back as in one process;
- ``("done", 0, peak_kb)``: every file is read; the reader's peak memory.

Memory stays flat: at most ``QUEUED`` chunks wait to be sent besides the one being sent, so the reader
parses a few chunks ahead and then waits. When the store gives up on a file (an unknown label), the
reader is told through a shared number and skips the rest of it. If the reader dies, the connection
ends and the file being read fails with ``ReaderStopped`` (never a hang); the files after it are read
in the storing process.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
import os
import pickle
import queue
import signal
import threading
import traceback
from collections import Counter
from collections.abc import Iterator, Sequence
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.formats import get_format
from annotator.core.formats.base import FormatReport
from annotator.core.formats.mapping import LabelMapping
from annotator.core.formats.split import split_problem
from annotator.core.model import DocumentRecord, SpanRecord
from annotator.core.processes import bulk_pace, peak_rss_kb, usable_cores
from annotator.core.spans import checked_chunks

# Below this many bytes of files to read, the import reads in its own process: a 1 MB file is read in
# about 0.1 s, which the reader's start would eat.
PROCESS_MIN_BYTES = 4 << 20

# Chunks the reader may have pickled and waiting to be sent (besides the one being sent): bounded, so a
# reader faster than the store does not fill memory.
QUEUED = 2

# The peak memory (VmHWM, kB) of each reader process this process ran to the end; bench/peak_rss.py adds
# it to the importing process's own, so that the import's memory counts both processes.
reader_peaks_kb: list[int] = []

log = logging.getLogger("annotator.import")

# Records (without their texts), their texts' sha256, their texts as UTF-8 (see ``wire_chunk``).
Chunk = tuple[list[DocumentRecord], list[str], list[bytes]]
FileReport = tuple[FormatReport, Counter[str], Counter[str]]


def worth_a_process(size: int) -> bool:
    """Whether ``size`` bytes of files are read in the reader process: enough to pay for its start, and a
    second core for it (on one, the two processes take turns and the pickling is pure cost)."""
    return size >= PROCESS_MIN_BYTES and usable_cores() >= 2


class ReaderStopped(AnnotatorError):
    """The reader process ended without saying so (killed, out of memory, crashed)."""


class _Started:
    """A reader process started, not yet told what to read."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        # A socket pair, not a pipe: measured with 2.7 MB messages sent by a thread while another parses,
        # a chunk arrived in 1-3 ms through the socket, 4-8 ms through a pipe (more through one widened to
        # 1 MB); the storing process waits that long for every chunk.
        self.connection, sending = context.Pipe(duplex=True)
        self.skip = context.RawValue("i", -1)  # files up to this index: the store gave up on them
        self.process = context.Process(target=_read_when_told, args=(sending, self.skip),
                                       name="annotator-import-reader", daemon=True)
        self.process.start()
        # Only the reader holds the sending end now: if it dies, reading here ends (EOFError), never hangs.
        sending.close()

    def end(self) -> None:
        self.connection.close()
        _stop(self.process)  # (it may still be starting: not waited for)


def _stop(process: multiprocessing.process.BaseProcess) -> None:
    """Terminate ``process`` and wait for it; killed if it does not end within 5 s."""
    process.terminate()
    process.join(timeout=5)
    if process.is_alive():
        process.kill()
        process.join()


_early: list[_Started] = []


def start_early(words: Sequence[str]) -> None:
    """Start a reader now, for the ``ReaderProcess`` this process will make (see the module's notes), if
    the files and folders among ``words`` (the command's arguments, not yet parsed) are large enough to be
    read in one (``worth_a_process``)."""
    if _early or not worth_a_process(_size_of(words)):
        return
    try:
        _early.append(_Started())
    except OSError as error:
        log.warning("no early import reader process (%s)", error)


def _size_of(words: Sequence[str]) -> int:
    size = 0
    for before, word in zip(["", *words], words, strict=False):
        if before == "--db":  # (the database is not read by the reader)
            continue
        try:
            if os.path.isdir(word):
                for folder, _dirs, names in os.walk(word):
                    size += sum(os.stat(os.path.join(folder, name)).st_size for name in names)
            elif os.path.isfile(word):
                size += os.stat(word).st_size
        except OSError:
            continue  # the import says why, in its turn
        if size >= PROCESS_MIN_BYTES:
            break
    return size


def end_early() -> None:
    """End the reader ``start_early`` started, if no ``ReaderProcess`` took it."""
    while _early:
        _early.pop().end()


class ReaderProcess:
    """The storing side of the reader: started with the files to read (index, path, format name); each
    file's chunks are taken with ``chunks(index)`` in file order. It takes the reader ``start_early``
    started, if there is one, else starts one."""

    def __init__(self, jobs: Sequence[tuple[int, Path, str]], rules: dict[str, str]) -> None:
        started = _early.pop() if _early else _Started()
        self._connection, self._skip, self._process = started.connection, started.skip, started.process
        try:
            self._connection.send_bytes(pickle.dumps((list(jobs), dict(rules)), pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # the reader is gone: said when its first message is waited for (``started``)
        self._indexes = {index for index, _path, _format in jobs}
        self._ready = False
        self._closed = False
        self.report: FileReport | None = None
        self.stopped = False
        self.peak_kb: int | None = None

    def reads(self, index: int) -> bool:
        """Whether file ``index`` is read by the reader (it reads every file given, until it stops)."""
        return index in self._indexes and not self.stopped

    def started(self) -> bool:
        """Whether the reader came up: it says so before it reads. False when it ended before, as it does
        when the program's main script starts an import on import without ``if __name__ == "__main__":``
        (spawn runs that script again in the reader); the import then reads in its own process."""
        if not self._ready:
            try:
                self._receive()
            except ReaderStopped:
                return False
            self._ready = True
        return True

    def chunks(self, index: int) -> Iterator[Chunk]:
        """File ``index``'s chunks as the reader sends them; what reading it raised is raised here. When
        they run out, ``report`` holds the file's notes and mapping counts."""
        self.report = None
        while True:
            kind, at, payload = self._receive()
            if kind == "done" or at > index:  # a bug: files are asked for in the order they are sent
                raise ReaderStopped(f"the import reader process did not send file {index}")
            if at < index:  # the rest of a file the store gave up on, sent before the reader knew
                continue
            if kind == "chunk":
                yield payload
            elif kind == "end":
                self.report = payload
                return
            else:
                raise payload

    def give_up(self, index: int) -> None:
        """The store failed on file ``index``: the reader need not read the rest of it."""
        self._skip.value = max(self._skip.value, index)

    def close(self, finished: bool = False) -> None:
        """End the reader: when every file was taken (``finished``), let it end by itself and keep its peak
        memory; otherwise (cancelled, or an error stopped the import) terminate it."""
        if self._closed:
            return
        self._closed = True
        if finished and not self.stopped:
            self.give_up(1 << 30)
            try:
                # Only "done" is left to come, unless the store gave up on the last file: then the reader
                # stops after the chunk it is reading.
                while self.peak_kb is None and self._connection.poll(5):
                    self._receive()
            except ReaderStopped:
                pass
            self._process.join(timeout=5)
        if self._process.is_alive():
            _stop(self._process)
        self._connection.close()
        if self.peak_kb is not None:
            reader_peaks_kb.append(self.peak_kb)

    def _receive(self) -> tuple[str, int, Any]:
        if self.stopped:
            raise ReaderStopped("the import reader process stopped earlier in this import")
        try:
            # Waiting on the process too: its end is noticed even if the connection stayed open somehow.
            if not wait([self._connection, self._process.sentinel]) or not self._connection.poll():
                raise EOFError
            message = pickle.loads(self._connection.recv_bytes())
        except (EOFError, OSError):
            self.stopped = True
            self._process.join(timeout=5)
            code = self._process.exitcode
            how = (f"killed by signal {-code}" if code is not None and code < 0
                   else f"exit code {code}" if code is not None else "it did not answer")
            log.warning("the import reader process stopped (%s)", how)
            raise ReaderStopped(f"the import reader process stopped unexpectedly ({how})") from None
        if message[0] == "done":
            self.peak_kb = message[2]
        return message  # type: ignore[no-any-return]


# -- the reader process -----------------------------------------------------------------------------------

def _read_when_told(connection: Connection, skip: Any) -> None:
    """Wait for the files to read (``ReaderProcess``), then read them; end if the importing process closes
    the connection first (an early reader not needed)."""
    # Ctrl-C in a terminal reaches the whole process group; the importing process handles it and ends this one.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        jobs, rules = pickle.loads(connection.recv_bytes())
    except (EOFError, OSError):
        connection.close()
        return
    # What this process loaded lives as long as it, out of the collector's sight; and reading makes objects
    # by the million (a row, its columns, a span each) and almost no cycles: collected at the pace of bulk
    # work. With Python's pace, collecting was a third of reading 100,000 CoNLL sentences (2.4 of 6.5 s).
    gc.freeze()
    bulk_pace()
    _read_files(jobs, rules, connection, skip)


def _read_files(jobs: list[tuple[int, Path, str]], rules: dict[str, str], connection: Connection,
                skip: Any) -> None:
    sender = _Sender(connection)
    send = sender.send
    try:
        send(("ready", -1, None))
        for index, path, format_name in jobs:
            if skip.value >= index:
                continue
            found, counts = FormatReport(), LabelMapping(rules)
            try:
                for chunk in _read_file(path, format_name, found, counts):
                    if skip.value >= index:
                        break
                    send(("chunk", index, wire_chunk(chunk)))
                else:
                    send(("end", index, (found, counts.renamed, counts.dropped)))
            except Exception as error:  # noqa: BLE001 - every failure goes to the storing side, file by file
                send(("error", index, _portable(error)))
        send(("done", 0, peak_rss_kb()))
        sender.close()
    except (BrokenPipeError, ConnectionResetError):
        return  # the importing process stopped listening (cancelled, or gone)
    finally:
        connection.close()


def wire_chunk(records: list[DocumentRecord]) -> Chunk:
    """A chunk as it is sent: the texts as UTF-8 (with their sha256), the records without them. Unpickled
    as a str, a text is decoded from UTF-8 in the storing process, which then encodes it again to store it;
    as bytes it is copied, and SQLite takes the bytes as they are (``insert_tuples``'s ``utf8``). The spans
    carry their own text, which the storing process no longer has a document's text to cut from."""
    texts = [record.text.encode("utf-8") for record in records]
    hashes = [hashlib.sha256(text).hexdigest() for text in texts]
    bare = [DocumentRecord(record.name, "", [span if span.text is not None else SpanRecord(
        span.start, span.end, span.label, record.text[span.start:span.end], span.annotator, span.status, span.note,
        span.id, span.origin) for span in record.spans], record.meta, record.line, record.links)
        for record in records]
    return bare, hashes, texts


class _Sender:
    """Sends the messages from a thread, so that reading goes on up to ``QUEUED`` chunks ahead while the
    storing process is busy. Sent from the reading thread, the two processes went in lock step (the
    connection holds less than a chunk): each chunk waited for both to be running at once, which on a
    busy machine cost more than the second process gained."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=QUEUED)
        self._error: OSError | None = None
        self._thread = threading.Thread(target=self._run, name="import-reader-sender", daemon=True)
        self._thread.start()

    def send(self, message: tuple[Any, ...] | None) -> None:
        data = None if message is None else pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
        while True:
            if self._error is not None:
                raise self._error
            try:
                self._queue.put(data, timeout=0.5)
                return
            except queue.Full:
                continue

    def close(self) -> None:
        """Wait until everything queued is sent."""
        self.send(None)
        self._thread.join()
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        while (data := self._queue.get()) is not None:
            try:
                self._connection.send_bytes(data)
            except OSError as error:  # the storing process is gone or stopped listening
                self._error = error
                return


def _read_file(path: Path, format_name: str, found: FormatReport,
               counts: LabelMapping) -> Iterator[list[DocumentRecord]]:
    """What ``importer.import_file`` reads, in the same order: the split check, the format's reader,
    the label mapping, then ``record_problem`` a chunk at a time."""
    problem = split_problem(path)
    if problem is not None:
        raise InputError(path, None, problem)
    records = get_format(format_name).read(path, found)  # type: ignore[misc]
    if counts.rules:
        records = map(counts.apply, records)
    yield from checked_chunks(path, records)


# What the importer reports file by file (import_file, import_paths), most particular first.
_EXPECTED = (AnnotatorError, OSError, RecursionError, MemoryError, ValueError)


def _portable(error: Exception) -> Exception:
    """``error`` as it can cross to the storing side: the failures the importer reports per file as they
    are; anything else (a bug) carries the reader's traceback as a note. One that does not survive
    pickling crosses as its kind's base class with its message, so the importer still reports it as
    that kind (a bug as a RuntimeError)."""
    if not isinstance(error, _EXPECTED):
        error.add_note("in the import reader process:\n" + "".join(traceback.format_exception(error)))
    try:
        pickle.loads(pickle.dumps(error, pickle.HIGHEST_PROTOCOL))
    except Exception:  # noqa: BLE001 - whatever the reason, the description still crosses
        kind = next((k for k in _EXPECTED if isinstance(error, k)), None)
        if kind is None:
            return RuntimeError("\n".join([f"{type(error).__name__}: {error}", *getattr(error, "__notes__", [])]))
        if isinstance(error, OSError) and error.strerror:
            return OSError(error.errno, error.strerror)
        return kind(str(error))
    return error
