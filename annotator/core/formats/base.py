"""The one small interface every format implements."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from annotator.core.model import DocumentRecord, SpanRecord


@dataclass
class ExportDocument:
    """A stored document with the spans chosen for export (each with its text, annotator and status)."""

    name: str
    text: str
    sha256: str
    spans: list[SpanRecord] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


Reader = Callable[[Path], Iterator[DocumentRecord]]
Writer = Callable[[Iterable[ExportDocument], Path], int]


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    extensions: tuple[str, ...]
    read: Reader | None = None
    write: Writer | None = None


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
