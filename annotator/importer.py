"""Importing files and folders: find the files, read each with its format, store each in one transaction.

A bad file is reported (``file:line: reason``) and nothing of it is written; the others still import.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from annotator import import_reader
from annotator.bundled import seed_paths
from annotator.core.errors import AnnotatorError, InputError
from annotator.core.formats import Format, all_formats, format_for_path, get_format
from annotator.core.formats.base import FormatReport
from annotator.core.formats.mapping import LabelMapping
from annotator.core.formats.split import split_problem
from annotator.core.model import ImportResult
from annotator.import_reader import ReaderProcess
from annotator.store.database import is_database_file
from annotator.store.store import Store
from annotator.store.transfer import import_chunks, import_records


@dataclass
class ImportReport:
    files: list[tuple[Path, ImportResult]] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    # What the readers skipped or repaired (brat relations, I- without B-) and what --map renamed or dropped.
    notes: FormatReport = field(default_factory=FormatReport)
    mapping: LabelMapping = field(default_factory=LabelMapping)

    @property
    def document_ids(self) -> list[int]:
        return [i for _, result in self.files for i in result.document_ids]

    def total(self) -> ImportResult:
        total = ImportResult()
        for _, r in self.files:
            total.documents_new += r.documents_new
            total.documents_existing += r.documents_existing
            total.spans_new += r.spans_new
            total.spans_existing += r.spans_existing
            total.spans_made_mine += r.spans_made_mine
            total.links_new += r.links_new
            total.links_existing += r.links_existing
        return total


_OWN_FILE = "this is the open database's own file, not a document to import"

log = logging.getLogger("annotator.import")


def _unsupported(path: Path) -> InputError:
    known = sorted({e for f in all_formats() if f.read is not None for e in f.extensions})
    return InputError(path, None, f"unsupported file type (expected {', '.join(known)}; or give --format)")


def _brat_text(path: Path, fmt: Format | None) -> bool:
    """A .txt beside a .ann in a folder is brat's text: read through the .ann, not a second time as text."""
    return (fmt is None or fmt.name == "brat") and path.suffix.lower() == ".txt" and path.with_suffix(".ann").is_file()


def collect_files(paths: Iterable[Path | str], fmt: Format | None = None) -> tuple[list[Path], ImportReport]:
    """The files to import, folders searched recursively (hidden entries and hf label sidecars skipped;
    a brat .txt is read with its .ann)."""
    report = ImportReport()
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                # An hf export's label names and a split's manifest describe other files; they are not documents.
                sidecar = child.name.endswith((".labels.json", ".split.json"))
                if child.is_file() and not hidden and not sidecar and not _brat_text(child, fmt):
                    readable = fmt is not None and child.suffix.lower() in fmt.extensions
                    if readable or (fmt is None and format_for_path(child) is not None):
                        files.append(child)
                    else:
                        report.skipped.append(child)
        elif path.is_file():
            if fmt is None and format_for_path(path) is None:
                report.errors.append(_unsupported(path))
            else:
                files.append(path)
        elif path.exists():
            report.errors.append(InputError(path, None, "not a regular file (a pipe or device is not read)"))
        else:
            report.errors.append(InputError(path, None, "no such file or directory"))
    return files, report


def import_file(store: Store, path: Path, *, fmt: Format | None = None, add_labels: bool = False,
                mapping: LabelMapping | None = None, notes: FormatReport | None = None) -> ImportResult:
    """Read one file, rename or drop labels by ``mapping``, and store it in one transaction. What the
    reader skipped goes into ``notes`` only when the file is stored."""
    if is_database_file(str(store.engine.url), path):
        # Reading it would open and close the database file in this process, which drops SQLite's locks.
        raise InputError(path, None, _OWN_FILE)
    problem = split_problem(path)
    if problem is not None:
        raise InputError(path, None, problem)
    chosen = fmt or format_for_path(path)
    if chosen is None or chosen.read is None:
        raise _unsupported(path) if fmt is None else InputError(path, None, f"format {fmt.name!r} cannot be imported")
    found = FormatReport()
    counts = LabelMapping(mapping.rules) if mapping is not None else None
    # Read as it is stored, a chunk at a time: a large file is never in memory whole.
    records = chosen.read(path, found)
    if counts is not None:
        records = (counts.apply(record) for record in records)
    with _as_input_errors(path):
        result = import_records(store, path, records, add_labels=add_labels)
    if notes is not None:
        notes.add(found)
    if mapping is not None and counts is not None:
        mapping.renamed.update(counts.renamed)
        mapping.dropped.update(counts.dropped)
    return result


@contextmanager
def _as_input_errors(path: Path) -> Iterator[None]:
    """What storing one file raised, as the InputError that names the file."""
    try:
        yield
    except OSError as error:
        raise InputError(path, None, error.strerror or str(error)) from None
    except InputError:
        raise
    except AnnotatorError as error:  # e.g. an optional package the format needs is missing
        raise InputError(path, None, str(error)) from None


@dataclass
class PreparedImport:
    """The files of an import, found, and for a large one the reader process already reading them:
    prepared before the store is open, so that the reader's start overlaps opening the database."""

    files: list[Path]
    report: ImportReport
    fmt: Format | None
    reader: ReaderProcess | None = None

    def close(self, finished: bool = False) -> None:
        if self.reader is not None:
            self.reader.close(finished)


def prepare_import(paths: Iterable[Path | str], database_url: str, *, format_name: str | None = None,
                   mapping: LabelMapping | None = None) -> PreparedImport:
    """Find the files (``collect_files``) and, when they are large enough to be worth it, start the
    reader process on those ``import_file`` would read (not the database's own, nor one no format
    reads: those are refused by ``import_file`` as before)."""
    fmt = get_format(format_name) if format_name else None
    files, report = collect_files(paths, fmt)
    if mapping is not None:
        report.mapping = LabelMapping(mapping.rules)
    jobs = []
    size = 0
    for index, path in enumerate(files):
        chosen = fmt or format_for_path(path)
        if chosen is None or chosen.read is None or is_database_file(database_url, path):
            continue
        jobs.append((index, path, chosen.name))
        try:
            size += path.stat().st_size
        except OSError:
            continue  # the reader will say why it cannot be read
    prepared = PreparedImport(files, report, fmt)
    if jobs and import_reader.worth_a_process(size):
        try:
            prepared.reader = ReaderProcess(jobs, report.mapping.rules)
        except OSError as error:  # no process to be had (a limit reached): read here, as small imports do
            log.warning("reading the import in this process: no reader process (%s)", error)
    import_reader.end_early()  # (one started for this import and not needed: a small one)
    return prepared


def _import_from_reader(store: Store, path: Path, index: int, reader: ReaderProcess, *, add_labels: bool,
                        mapping: LabelMapping, notes: FormatReport) -> ImportResult:
    """``import_file`` for a file the reader process reads: the same transaction, the same errors at the
    same points (the reader's raised here as they arrive), the same notes and mapping counts."""
    try:
        if is_database_file(str(store.engine.url), path):  # the URL the reader was started with was spelt otherwise
            raise InputError(path, None, _OWN_FILE)
        with _as_input_errors(path):
            result = import_chunks(store, path, reader.chunks(index), add_labels=add_labels)
    except BaseException:
        reader.give_up(index)
        raise
    assert reader.report is not None  # the chunks ran out: the reader said the file was read
    found, renamed, dropped = reader.report
    notes.add(found)
    mapping.renamed.update(renamed)
    mapping.dropped.update(dropped)
    return result


def import_paths(store: Store, paths: Iterable[Path | str], *, format_name: str | None = None,
                 add_labels: bool = False, mapping: LabelMapping | None = None,
                 progress: Callable[[int, int, Path], bool] | None = None) -> ImportReport:
    """Import every file; ``progress(done, total, path)`` is called before each file and may return
    False to stop (files already imported stay imported). ``mapping`` renames or drops labels first.

    A large import's files are read in a second process while this one stores (``import_reader``)."""
    prepared = prepare_import(paths, str(store.engine.url), format_name=format_name, mapping=mapping)
    return import_prepared(store, prepared, add_labels=add_labels, progress=progress)


def import_prepared(store: Store, prepared: PreparedImport, *, add_labels: bool = False,
                    progress: Callable[[int, int, Path], bool] | None = None) -> ImportReport:
    """``import_paths`` for files found (and perhaps being read) by ``prepare_import``; ends its reader."""
    files, report, reader = prepared.files, prepared.report, prepared.reader
    finished = False
    try:
        for index, path in enumerate(files):
            if progress is not None and progress(index, len(files), path) is False:
                break
            if reader is not None and reader.reads(index) and not reader.started():
                log.warning("the import reader process did not start: reading the import in this process")
                reader.close()
                reader = None
            try:
                if reader is not None and reader.reads(index):
                    result = _import_from_reader(store, path, index, reader, add_labels=add_labels,
                                                 mapping=report.mapping, notes=report.notes)
                else:
                    result = import_file(store, path, fmt=prepared.fmt, add_labels=add_labels,
                                         mapping=report.mapping, notes=report.notes)
                report.files.append((path, result))
            except InputError as error:
                report.errors.append(error)
            except RecursionError:
                report.errors.append(InputError(path, None,
                                                "nested too deeply to read (JSON nested thousands of levels?)"))
            except (UnicodeError, ValueError, MemoryError) as error:
                # One bad file never stops the others, whatever its failure.
                report.errors.append(InputError(path, None, f"could not be read: {error}"))
        else:
            finished = True
    finally:
        prepared.close(finished)
    return report


def import_seed_if_empty(store: Store) -> ImportReport | None:
    """On an empty database, import the bundled sample article so there is something to annotate."""
    if store.document_count() > 0:
        return None
    return import_paths(store, seed_paths())
