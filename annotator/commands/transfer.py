"""annotator import / export: files in and out through the format modules."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotator.commands.common import add_global_options, open_store, split_list
from annotator.core.errors import AnnotatorError
from annotator.core.model import REVIEW_STATUSES


def register(commands) -> dict:  # type: ignore[no-untyped-def,type-arg]
    p = commands.add_parser("import", help="import .txt and .jsonl files or folders (recursively)")
    add_global_options(p)
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--format", help="read every file with this format instead of guessing from its name")
    p.add_argument("--add-labels", action="store_true", help="add labels not yet known instead of refusing")

    p = commands.add_parser("export", help="write documents and their spans to a file")
    add_global_options(p)
    p.add_argument("--format", required=True, help="output format: jsonl")
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    p.add_argument("--annotator", action="append", metavar="NAME[,NAME]", help="only these annotators' spans")
    p.add_argument("--label", action="append", metavar="LABEL[,LABEL]", help="only spans with these labels")
    p.add_argument("--status", action="append", metavar="STATUS[,STATUS]",
                   help=f"only spans with this review status ({', '.join(REVIEW_STATUSES)})")
    p.add_argument("--all-documents", action="store_true",
                   help="with a filter, also write documents that have no matching span")

    return {"import": cmd_import, "export": cmd_export}


def cmd_import(args: argparse.Namespace) -> int:
    from annotator.importer import import_paths

    store = open_store(args)
    show_progress = sys.stderr.isatty()

    def progress(done: int, total: int, path: Path) -> bool:
        if show_progress and total > 1:
            print(f"\r[{done + 1}/{total}] {path.name[:60]:<60}", end="", file=sys.stderr, flush=True)
        return True

    report = import_paths(store, args.paths, format_name=args.format, add_labels=args.add_labels,
                          progress=progress)
    if show_progress and len(report.files) + len(report.errors) > 1:
        print("\r" + " " * 72 + "\r", end="", file=sys.stderr)
    for error in report.errors:
        print(error, file=sys.stderr)
    total = report.total()
    print(f"imported {len(report.files)} file(s): {total.documents_new} new document(s), "
          f"{total.documents_existing} already stored; {total.spans_new} new span(s), "
          f"{total.spans_existing} already stored")
    if report.skipped:
        print(f"skipped {len(report.skipped)} file(s) of other types")
    if report.errors:
        print(f"{len(report.errors)} file(s) not imported because of errors", file=sys.stderr)
        return 1
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from annotator.core.formats import get_format
    from annotator.store.transfer import ExportFilter, iter_export

    fmt = get_format(args.format)
    if fmt.write is None:
        raise AnnotatorError(f"format {fmt.name!r} can be imported but not exported")
    statuses = split_list(args.status)
    for status in statuses:
        if status not in REVIEW_STATUSES:
            raise AnnotatorError(f"--status: unknown status {status!r} (expected {', '.join(REVIEW_STATUSES)})")
    store = open_store(args)
    export_filter = ExportFilter(annotators=split_list(args.annotator), labels=split_list(args.label),
                                 statuses=statuses, all_documents=args.all_documents)
    count = fmt.write(iter_export(store, export_filter), args.out)
    print(f"wrote {count} document(s) to {args.out}")
    return 0


