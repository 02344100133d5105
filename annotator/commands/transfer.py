"""annotator import / export: files in and out through the format modules."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.commands.common import add_global_options, nonempty_path, open_store, split_list
from annotator.core.errors import AnnotatorError
from annotator.core.formats import ExportDocument, all_formats
from annotator.core.model import REVIEW_STATUSES
from annotator.core.processes import fewer_collections


def register(commands) -> dict:  # type: ignore[no-untyped-def,type-arg]
    readers = ", ".join(f.name for f in all_formats() if f.read is not None)
    writers = ", ".join(f.name for f in all_formats() if f.write is not None)
    p = commands.add_parser("import", help="import files or folders (recursively) in any readable format")
    add_global_options(p)
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--format", help=f"read every file with this format instead of guessing from its name ({readers})")
    p.add_argument("--add-labels", action="store_true", help="add labels not yet known instead of refusing")
    p.add_argument("--map", action="append", metavar="SRC=DST[,SRC=]",
                   help="rename labels as they come in (PER=actor); SRC= drops a label; globs allowed (MIS*=)")

    p = commands.add_parser("export", help="write documents and their spans to a file")
    add_global_options(p)
    p.add_argument("--format", required=True, help=f"output format: {writers}")
    p.add_argument("--out", required=True, type=nonempty_path, metavar="PATH", help="output file (a folder for brat)")
    p.add_argument("--annotator", action="append", metavar="NAME[,NAME]", help="only these annotators' spans")
    p.add_argument("--label", action="append", metavar="LABEL[,LABEL]", help="only spans with these labels")
    p.add_argument("--status", action="append", metavar="STATUS[,STATUS]",
                   help=f"only spans with this review status ({', '.join(REVIEW_STATUSES)}); default: every span "
                        "nobody rejected (rejected spans are written only when asked for by name)")
    p.add_argument("--all-documents", action="store_true",
                   help="with a filter, also write documents that have no matching span")
    p.add_argument("--finished", action="store_true",
                   help="only finished work: each annotator's spans in the documents they marked finished "
                        "(with --status accepted: the documents with no open disagreement)")
    p.add_argument("--split", metavar="NAME=SHARE,...",
                   help="split by document into parts, one output each: train=0.8,dev=0.1,test=0.1")
    p.add_argument("--seed", type=int, default=0, help="seed of the --split shuffle (default 0)")
    p.add_argument("--suggestions", action="store_true",
                   help="write the stored suggestions instead of spans (jsonl only; each with source and score)")

    return {"import": cmd_import, "export": cmd_export}


def _print_lines(lines: Iterable[str]) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    from annotator.core.formats.mapping import LabelMapping
    from annotator.importer import import_prepared, prepare_import
    from annotator.store import resolve_database_url

    mapping = LabelMapping.parse(args.map or [])
    # The files are found, and a large import's reader process started, before the store is opened: the
    # reader's start (an interpreter, the format modules) overlaps opening (and creating) the database.
    try:
        prepared = prepare_import(args.paths, resolve_database_url(args.db), format_name=args.format,
                                  mapping=mapping)
    except AnnotatorError:
        prepared = None  # a bad --db or --format: said below, in the order it always was
    try:
        store = open_store(args)
        if prepared is None:
            prepared = prepare_import(args.paths, str(store.engine.url), format_name=args.format, mapping=mapping)
    except BaseException:
        if prepared is not None:
            prepared.close()
        raise
    show_progress = sys.stderr.isatty()

    def progress(done: int, total: int, path: Path) -> bool:
        if show_progress and total > 1:
            print(f"\r[{done + 1}/{total}] {path.name[:60]:<60}", end="", file=sys.stderr, flush=True)
        return True

    # What was loaded to get here (SQLAlchemy's tables, the modules) outlives the import: out of the
    # collector's sight meanwhile, the import's many short-lived objects do not make it walk all of it.
    gc.freeze()
    try:
        report = import_prepared(store, prepared, add_labels=args.add_labels, progress=progress)
    finally:
        gc.unfreeze()
    if show_progress and len(report.files) + len(report.errors) > 1:
        print("\r" + " " * 72 + "\r", end="", file=sys.stderr)
    for error in report.errors:
        print(error, file=sys.stderr)
    _print_lines(report.mapping.lines())
    _print_lines(report.notes.lines())
    total = report.total()
    print(f"imported {len(report.files)} file(s): {total.documents_new} new document(s), "
          f"{total.documents_existing} already stored; {total.spans_new} new span(s), "
          f"{total.spans_existing} already stored"
          + (f"; {total.links_new} new link(s), {total.links_existing} already stored"
             if total.links_new or total.links_existing else ""))
    if total.spans_made_mine:
        print(f"{total.spans_made_mine} span(s) in other annotators' names or with a review status came in as "
              f"{store.user}'s drafts: importing them as they are is a reviewer's action")
    if report.skipped:
        print(f"skipped {len(report.skipped)} file(s) of other types")
    if report.errors:
        print(f"{len(report.errors)} file(s) not imported because of errors", file=sys.stderr)
        return 1
    return 0


def _with_progress(documents: Iterable[ExportDocument], total: int, label: str) -> Iterator[ExportDocument]:
    """Pass documents through, showing a count on stderr when it is a terminal."""
    show = sys.stderr.isatty()
    done = 0
    for document in documents:
        done += 1
        if show and (done % 25 == 0 or done == total):
            print(f"\r{label}: {done}/{total} document(s)", end="", file=sys.stderr, flush=True)
        yield document
    if show and done:
        print("\r" + " " * 60 + "\r", end="", file=sys.stderr, flush=True)


def cmd_export(args: argparse.Namespace) -> int:
    from annotator.core.formats import get_format
    from annotator.core.formats.base import FormatReport, noting_links_left_out
    from annotator.core.formats.split import parse_split, part_path, write_split
    from annotator.store.database import refuse_database_file
    from annotator.store.transfer import ExportFilter, iter_export, rejected_left_out

    fmt = get_format(args.format)
    if fmt.write is None:
        raise AnnotatorError(f"format {fmt.name!r} can be imported but not exported")
    if args.suggestions:
        from annotator.commands.suggest import write_suggestions

        if fmt.name != "jsonl":
            raise AnnotatorError("--suggestions is written as jsonl (--format jsonl)")
        store = open_store(args, write=False)
        print(f"wrote {write_suggestions(store, args.out)} document(s) with suggestions to {args.out}")
        return 0
    statuses = split_list(args.status)
    for status in statuses:
        if status not in REVIEW_STATUSES:
            raise AnnotatorError(f"--status: unknown status {status!r} (expected {', '.join(REVIEW_STATUSES)})")
    parts = parse_split(args.split) if args.split else None
    store = open_store(args, write=False)
    outs = [args.out] if parts is None else [part_path(args.out, name, fmt.directory) for name, _ in parts]
    for out in outs:
        refuse_database_file(str(store.engine.url), out, "exporting over")
    export_filter = ExportFilter(annotators=split_list(args.annotator), labels=split_list(args.label),
                                 statuses=statuses, all_documents=args.all_documents, finished=args.finished)
    total = store.document_count()
    report = FormatReport()
    try:
        with fewer_collections():
            if parts is None:
                documents = noting_links_left_out(iter_export(store, export_filter), fmt, report)
                count = fmt.write(_with_progress(documents, total, "export"), args.out, report)
                print(f"wrote {count} document(s) to {args.out}")
            else:
                written = write_split(fmt, lambda: iter_export(store, export_filter), parts, args.seed, args.out,
                                      report, lambda documents, name: _with_progress(
                                          noting_links_left_out(documents, fmt, report), total, name))
                for out, count in written.values():
                    print(f"wrote {count} document(s) to {out}")
    except OSError as error:
        raise AnnotatorError(f"{args.out}: {error.strerror or error}") from None
    rejected = rejected_left_out(store, export_filter)
    if rejected:
        asked = ",".join([*export_filter.chosen_statuses, "rejected"])
        report.note(f"rejected span(s) left out (ask for them by name: --status {asked})", rejected)
    _print_lines(report.lines())
    return 0
