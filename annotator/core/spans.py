"""The span invariant: half-open code-point offsets whose slice is the span's text."""

from __future__ import annotations

from annotator.core.errors import SpanError
from annotator.core.model import REVIEW_STATUSES


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
