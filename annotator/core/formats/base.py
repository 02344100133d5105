"""The one small interface every format implements."""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NamedTuple, Protocol

from annotator.core.errors import AnnotatorError
from annotator.core.links import LinkRecord
from annotator.core.model import DocumentRecord, SpanRecord


@dataclass
class ExportDocument:
    """A stored document with the spans chosen for export (each with its text, annotator and status)."""

    name: str
    text: str
    sha256: str
    spans: list[SpanRecord] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    # Links whose two ends are among ``spans``, by stored span id (``SpanRecord.id``).
    links: list[LinkRecord] = field(default_factory=list)


class DroppedSpan(NamedTuple):
    """A named tuple, as tokenizer.Token: an export of a million spans can drop hundreds of thousands."""

    document: str
    start: int
    end: int
    label: str
    text: str
    reason: str


# The spans left out that a report lists one by one (the first ones, in document order); every one is counted.
# An export of a million overlapping spans to CoNLL left out 281,000, each kept as an object until the end
# (and made, pickled and sent back by the export workers) for a report that shows the first 20.
DROPPED_LISTED = 10_000


@dataclass
class FormatReport:
    """What a reader or writer could not carry over, so that nothing is ever lost silently: spans a
    format cannot hold (overlapping in one CoNLL column, off token boundaries) and input lines it
    skipped or repaired (brat relations, an I- tag without B-), each counted, spans also listed (the
    first ``listed`` of them; None: all)."""

    dropped: list[DroppedSpan] = field(default_factory=list)
    notes: Counter[str] = field(default_factory=Counter)
    dropped_by_reason: Counter[str] = field(default_factory=Counter)  # every span left out
    listed: int | None = field(default_factory=lambda: DROPPED_LISTED)

    @property
    def room(self) -> int | None:
        """How many more spans left out this report lists (None: no limit)."""
        return None if self.listed is None else max(self.listed - len(self.dropped), 0)

    def drop(self, document: str, text: str, span: SpanRecord, reason: str) -> None:
        self.dropped_by_reason[reason] += 1
        if self.room != 0:  # (the span's text is cut only for a span listed)
            self.dropped.append(DroppedSpan(document, span.start, span.end, span.label,
                                            text[span.start:span.end], reason))

    def add_dropped(self, dropped: DroppedSpan) -> None:
        """A span another report left out, counted and listed here."""
        self.dropped_by_reason[dropped.reason] += 1
        if self.room != 0:
            self.dropped.append(dropped)

    def add(self, other: FormatReport) -> None:
        """What ``other`` (about the documents after this report's) found, added to this report."""
        self.notes.update(other.notes)
        self.dropped_by_reason.update(other.dropped_by_reason)
        room = self.room
        self.dropped.extend(other.dropped if room is None else other.dropped[:room])

    @property
    def dropped_count(self) -> int:
        return sum(self.dropped_by_reason.values())

    def note(self, what: str, count: int = 1) -> None:
        self.notes[what] += count

    def __bool__(self) -> bool:
        return bool(self.dropped_by_reason or self.notes)

    def lines(self, limit: int = 20) -> list[str]:
        """The report as lines for the user (stderr): counts first, then the first dropped spans."""
        out = [f"{count} × {what}" for what, count in sorted(self.notes.items())]
        total = self.dropped_count
        if total:
            out.append(f"{total} span(s) left out: "
                       + "; ".join(f"{n} {reason}" for reason, n in sorted(self.dropped_by_reason.items())))
            shown = self.dropped[:limit]
            for d in shown:
                out.append(f"  {d.document} [{d.start}, {d.end}) {d.label} {d.text[:40]!r}: {d.reason}")
            if total > len(shown):
                out.append(f"  ... and {total - len(shown)} more")
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
    carries_links: bool = False  # the writer writes links between spans; others report them left out


class JSONShapeError(ValueError):
    """JSON that parses but must not be read: a key twice in one object, or nesting too deep."""


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):  # called for every object of every line: the loop only when there is one
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise JSONShapeError(f"duplicate key {key!r} in one object (which one was meant?)")
            seen.add(key)
    return obj


# One decoder for every call: json.loads with a hook builds a decoder (and its scanner) per line.
_DECODER = json.JSONDecoder(object_pairs_hook=_refuse_duplicate_keys)


def load_json(text: str) -> Any:
    """``json.loads`` that refuses what it would otherwise take silently or crash on: a key given twice
    (json keeps the last one) and nesting deeper than Python's stack (a RecursionError)."""
    if text.startswith("\ufeff"):  # as json.loads says it
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    try:
        return _DECODER.decode(text)
    except RecursionError:
        raise JSONShapeError("nested too deeply to read") from None


EXPORT_MARKER = ".annotator-export.json"


def temporary_name(path: Path, suffix: str) -> str:
    # Our process id is in the name, so a later export can tell a stale part (its writer is gone) from
    # one being written right now, and clean only the stale ones.
    return f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}{suffix}"


def _writer_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_parts(path: Path) -> list[Path]:
    """Remove what an interrupted export to ``path`` left beside it (``.NAME.PID-XXXX.part`` and
    ``.old``) when the process that wrote it is gone. Returns what was removed."""
    removed: list[Path] = []
    pattern = re.compile(rf"^\.{re.escape(path.name)}\.(\d+)-[0-9a-f]{{8}}\.(part|old)(-journal|-wal|-shm)?$")
    try:
        siblings = list(path.parent.iterdir())
    except OSError:
        return removed
    for sibling in siblings:
        found = pattern.match(sibling.name)
        if found is None or _writer_alive(int(found.group(1))):
            continue
        if sibling.is_dir() and not sibling.is_symlink():
            shutil.rmtree(sibling, ignore_errors=True)
        else:
            sibling.unlink(missing_ok=True)
        removed.append(sibling)
    return removed


def noting_links_left_out(documents: Iterable[ExportDocument], fmt: Format,
                          report: FormatReport | None) -> Iterator[ExportDocument]:
    """Pass documents through; for a format that cannot carry links, count the links it leaves out."""
    for document in documents:
        if document.links and not fmt.carries_links and report is not None:
            report.note(f"link(s) left out: {fmt.name} cannot carry links between spans (jsonl does)",
                        len(document.links))
        yield document


@contextmanager
def atomic_output(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Write to a temporary file beside ``path`` and rename it into place only on success,
    so an interrupted export never leaves a half-written file behind."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_parts(path)
    tmp = path.parent / temporary_name(path, ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding, newline="" if encoding else None) as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _file_hashes(folder: Path) -> dict[str, str]:
    return {file.relative_to(folder).as_posix(): file_sha256(file)
            for file in sorted(folder.rglob("*")) if file.is_file() and file.name != EXPORT_MARKER}


def _why_not_ours(folder: Path) -> str | None:
    """None when ``folder`` is exactly what an earlier export of ours wrote (its marker lists every
    file, unchanged); otherwise why it must not be replaced."""
    marker = folder / EXPORT_MARKER
    if not marker.is_file():
        return "it was not written by annotator export"
    try:
        listed = json.loads(marker.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return f"its {EXPORT_MARKER} is unreadable"
    found = _file_hashes(folder)
    added = sorted(set(found) - set(listed))
    changed = sorted(name for name in set(found) & set(listed) if found[name] != listed[name])
    if added or changed:
        return "files were added or changed since annotator wrote it: " + ", ".join((added + changed)[:5])
    return None


@contextmanager
def atomic_directory(path: Path, format_name: str = "") -> Iterator[Path]:
    """Fill a temporary folder beside ``path`` and move it into place only on success, so an interrupted
    export leaves the old folder or nothing. An existing folder is replaced only when it is empty or
    provably our own earlier export, unchanged (the marker file we write lists every file with its
    hash): a corpus folder, or an export someone edited since, is never overwritten."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise AnnotatorError(f"{path} exists and is not a folder")
    if path.is_dir() and any(path.iterdir()):
        reason = _why_not_ours(path)
        if reason is not None:
            raise AnnotatorError(f"{path}: will not replace this folder ({reason}); nothing was written. "
                                 "Export to a new or empty folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_parts(path)
    tmp = path.parent / temporary_name(path, ".part")
    tmp.mkdir()
    try:
        yield tmp
        marker = {"written_by": "annotator export", "format": format_name, "files": _file_hashes(tmp)}
        (tmp / EXPORT_MARKER).write_text(json.dumps(marker, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if path.exists():
            old = path.parent / temporary_name(path, ".old")
            os.replace(path, old)
            os.replace(tmp, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
