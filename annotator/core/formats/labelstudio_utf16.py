"""Label Studio JSON from older versions, whose offsets count UTF-16 units (JavaScript string indices).

Read only, and only when asked for (``--format labelstudio-utf16``): a ``.json`` file is read by
``labelstudio`` unless this format is named, since the current Label Studio counts code points. The two
differ only after an astral character (an emoji): Arabic, Latin and their marks are one unit in both.

It reads like ``labelstudio`` (labelstudio.py) except for the offsets of a region without ``value.text``,
which are taken as UTF-16 units; a region with ``value.text`` is found by it, trying UTF-16 units first.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.formats.base import Format, FormatReport
from annotator.core.formats.labelstudio import read_labelstudio
from annotator.core.model import DocumentRecord


def read_labelstudio_utf16(path: Path, report: FormatReport | None = None) -> Iterator[DocumentRecord]:
    return read_labelstudio(path, report, utf16=True)


FORMAT = Format(
    name="labelstudio-utf16",
    description="Label Studio JSON from older versions, offsets in UTF-16 units (read only, by name)",
    # ".json" lets `--format labelstudio-utf16` pick such files in a folder; listed after "labelstudio" in
    # _MODULES, it never claims a .json by itself (format_for_path: first claim wins).
    extensions=(".json",),
    read=read_labelstudio_utf16,
)
