"""Plain text: one document per ``.txt`` file, named after the file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.formats.base import Format, FormatReport
from annotator.core.model import DocumentRecord
from annotator.core.text import read_text_file


def read_text(path: Path, report: FormatReport | None = None) -> Iterator[DocumentRecord]:
    yield DocumentRecord(name=path.stem, text=read_text_file(path), line=1)


FORMAT = Format(name="text", description="plain UTF-8 text, one document per file", extensions=(".txt",),
                read=read_text)
