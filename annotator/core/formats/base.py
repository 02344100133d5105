"""The one small interface every format implements."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from annotator.core.errors import AnnotatorError
from annotator.core.model import DocumentRecord, SpanRecord


@dataclass
class ExportDocument:
    """A stored document with the spans chosen for export (each with its text, annotator and status)."""

    name: str
    text: str
    sha256: str
    spans: list[SpanRecord] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DroppedSpan:
    document: str
    start: int
    end: int
    label: str
    text: str
    reason: str


@dataclass
class FormatReport:
    """What a reader or writer could not carry over, so that nothing is ever lost silently: spans a
    format cannot hold (overlapping in one CoNLL column, off token boundaries) and input lines it
    skipped or repaired (brat relations, an I- tag without B-), each counted, spans also listed."""

    dropped: list[DroppedSpan] = field(default_factory=list)
    notes: Counter[str] = field(default_factory=Counter)

    def drop(self, document: str, text: str, span: SpanRecord, reason: str) -> None:
        self.dropped.append(DroppedSpan(document, span.start, span.end, span.label, text[span.start:span.end],
                                        reason))

    def note(self, what: str, count: int = 1) -> None:
        self.notes[what] += count

    def __bool__(self) -> bool:
        return bool(self.dropped or self.notes)

    def lines(self, limit: int = 20) -> list[str]:
        """The report as lines for the user (stderr): counts first, then the first dropped spans."""
        out = [f"{count} × {what}" for what, count in sorted(self.notes.items())]
        if self.dropped:
            reasons = Counter(d.reason for d in self.dropped)
            out.append(f"{len(self.dropped)} span(s) left out: "
                       + "; ".join(f"{n} {reason}" for reason, n in sorted(reasons.items())))
            for d in self.dropped[:limit]:
                out.append(f"  {d.document} [{d.start}, {d.end}) {d.label} {d.text[:40]!r}: {d.reason}")
            if len(self.dropped) > limit:
                out.append(f"  ... and {len(self.dropped) - limit} more")
        return out


class Reader(Protocol):
    def __call__(self, path: Path, report: FormatReport | None = None) -> Iterator[DocumentRecord]: ...


class Writer(Protocol):
    def __call__(self, documents: Iterable[ExportDocument], out: Path, report: FormatReport | None = None) -> int: ...


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    extensions: tuple[str, ...]
    read: Reader | None = None
    write: Writer | None = None
    directory: bool = False  # the writer's output is a folder (brat) rather than one file


@contextmanager
def atomic_output(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Write to a temporary file beside ``path`` and rename it into place only on success,
    so an interrupted export never leaves a half-written file behind."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding, newline="" if encoding else None) as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_directory(path: Path, earlier_export: Callable[[Path], bool] = lambda folder: False) -> Iterator[Path]:
    """Fill a temporary folder beside ``path`` and move it into place only on success, so an interrupted
    export leaves the old folder or nothing. An existing folder is replaced only when it is empty or
    ``earlier_export(path)`` says this format wrote it: never a folder of other files."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise AnnotatorError(f"{path} exists and is not a folder")
    if path.is_dir() and any(path.iterdir()) and not earlier_export(path):
        raise AnnotatorError(f"{path} is a folder of other files; export to a new or empty folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent))
    try:
        yield tmp
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
            os.replace(path, old / "x")
            os.replace(tmp, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
