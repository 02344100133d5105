"""The span invariant: half-open code-point offsets whose slice is the span's text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError, SpanError
from annotator.core.model import REVIEW_STATUSES, DocumentRecord
from annotator.core.text import label_problem, name_problem, text_problem, user_problem


def check_span(text: str, start: int, end: int, snapshot: str | None = None) -> str:
    """Return ``text[start:end]`` after checking the offsets (and the snapshot, if given).

    Raises SpanError naming what is wrong; nothing is ever clamped or adjusted.
    """
    if isinstance(start, bool) or isinstance(end, bool) or not isinstance(start, int) or not isinstance(
        end, int
    ):
        raise SpanError(f"offsets must be integers, got start={start!r} end={end!r}")
    if start < 0:
        raise SpanError(f"start {start} is negative")
    if end <= start:
        raise SpanError(f"end {end} must be greater than start {start}")
    if end > len(text):
        raise SpanError(f"end {end} is past the end of the text ({len(text)} characters)")
    covered = text[start:end]
    if snapshot is not None and snapshot != covered:
        raise SpanError(f"span text {snapshot!r} does not match the document at [{start}, {end}): {covered!r}")
    return covered


def check_status(status: str) -> str:
    if status not in REVIEW_STATUSES:
        raise SpanError(f"unknown review status {status!r} (expected one of {', '.join(REVIEW_STATUSES)})")
    return status


def record_problem(record: DocumentRecord) -> str | None:
    """Why a document (from any file, or another database) cannot be stored as it is, or None. Every way
    in (import, merge) asks this, so that what is stored can always be exported and imported again."""
    problem = name_problem(record.name) or text_problem(record.text) or _meta_problem(record.meta)
    if problem:
        return problem
    for span in record.spans:
        try:
            check_span(record.text, span.start, span.end, span.text)
            check_status(span.status)
        except SpanError as error:
            return f"document {record.name!r}: {error}"
        problem = (label_problem(span.label)
                   or (user_problem(span.annotator) if span.annotator is not None else None)
                   or (text_problem(span.note, "a span note") if span.note else None))
        if problem:
            return f"document {record.name!r}, span [{span.start}, {span.end}): {problem}"
    return None


IMPORT_CHUNK = 500  # records stored per batch of statements, inside the file's one transaction


def checked_chunks(path: Path | str, records: Iterable[DocumentRecord],
                   size: int = IMPORT_CHUNK) -> Iterator[list[DocumentRecord]]:
    """The records in lists of ``size``, each list checked whole (``record_problem``) before it is handed on;
    the first bad record raises InputError at its line. One definition for the import in this process and
    in the import reader process, so that a file with a bad record and a bad line further on names the
    same one either way (the lines of a chunk are read before its records are checked)."""
    batch: list[DocumentRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) == size:
            _check(path, batch)
            yield batch
            batch = []
    if batch:
        _check(path, batch)
        yield batch


def _check(path: Path | str, records: list[DocumentRecord]) -> None:
    for record in records:
        problem = record_problem(record)
        if problem:
            raise InputError(path, record.line, problem)


def _meta_problem(value: Any, depth: int = 0) -> str | None:
    if depth > 50:
        return "the document's metadata is nested more than 50 levels deep"
    if isinstance(value, str):
        return text_problem(value, "the document's metadata")
    if isinstance(value, dict):
        for key, item in value.items():
            problem = _meta_problem(key, depth + 1) or _meta_problem(item, depth + 1)
            if problem:
                return problem
    elif isinstance(value, list | tuple):
        for item in value:
            problem = _meta_problem(item, depth + 1)
            if problem:
                return problem
    return None
