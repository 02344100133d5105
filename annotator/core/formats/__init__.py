"""Import and export formats. Each format is one module exposing ``FORMAT``; adding one touches one file
(its module) plus its line in ``_MODULES`` below."""

from __future__ import annotations

import importlib
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.formats.base import ExportDocument, Format

__all__ = ["ExportDocument", "Format", "all_formats", "format_for_path", "get_format"]

# First claim wins: labelstudio_utf16 comes after labelstudio, so it reads a file only when named.
_MODULES = ("text", "html", "jsonl", "doccano", "conll", "conll2003", "spacy_docbin", "brat", "labelstudio",
            "labelstudio_utf16", "hf")


def all_formats() -> list[Format]:
    return [importlib.import_module(f"annotator.core.formats.{m}").FORMAT for m in _MODULES]


def get_format(name: str) -> Format:
    for fmt in all_formats():
        if fmt.name == name:
            return fmt
    known = ", ".join(f.name for f in all_formats())
    raise AnnotatorError(f"unknown format {name!r} (known: {known})")


def format_for_path(path: Path) -> Format | None:
    """The reader for a file, guessed from its extension; None when no format claims it."""
    suffix = path.suffix.lower()
    for fmt in all_formats():
        if fmt.read is not None and suffix in fmt.extensions:
            return fmt
    return None
