"""The ``annotator`` command: the desktop app with no sub-command, and import/export/stats/labels."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from annotator import __version__
from annotator.core.errors import AnnotatorError
from annotator.core.model import REVIEW_STATUSES, LabelSpec

COMMANDS = ("import", "export", "stats", "labels")
_GLOBAL_VALUE_OPTIONS = ("--db", "--user")


def resolve_user(cli_value: str | None) -> str:
    """``--user``, then ``ANNOTATOR_USER``, then the login name."""
    if cli_value:
        return cli_value
    if os.environ.get("ANNOTATOR_USER"):
        return os.environ["ANNOTATOR_USER"]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "annotator"


def _add_global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", metavar="URL", default=default,
                        help="database URL or SQLite file (default: $ANNOTATOR_DB, else a file in the user data dir)")
    parser.add_argument("--user", metavar="NAME", default=default,
                        help="who is annotating (default: $ANNOTATOR_USER, else the login name)")


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="annotator", description=__doc__)
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    _add_global_options(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser("import", help="import .txt and .jsonl files or folders (recursively)")
    _add_global_options(p, suppress=True)
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--format", help="read every file with this format instead of guessing from its name")
    p.add_argument("--add-labels", action="store_true", help="add labels not yet known instead of refusing")

    p = commands.add_parser("export", help="write documents and their spans to a file")
    _add_global_options(p, suppress=True)
    p.add_argument("--format", required=True, help="output format: jsonl")
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    p.add_argument("--annotator", action="append", metavar="NAME[,NAME]", help="only these annotators' spans")
    p.add_argument("--label", action="append", metavar="LABEL[,LABEL]", help="only spans with these labels")
    p.add_argument("--status", action="append", metavar="STATUS[,STATUS]",
                   help=f"only spans with this review status ({', '.join(REVIEW_STATUSES)})")
    p.add_argument("--all-documents", action="store_true",
                   help="with a filter, also write documents that have no matching span")

    p = commands.add_parser("stats", help="documents and spans per label, annotator and status")
    _add_global_options(p, suppress=True)
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("labels", help="list labels, or add/rename/recolour one")
    _add_global_options(p, suppress=True)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    actions.add_parser("list", help="list labels (the default)")
    a = actions.add_parser("add", help="add a label")
    a.add_argument("name")
    a.add_argument("--color", "--colour", default="#457b9d", help="#rrggbb")
    a.add_argument("--key", help="keyboard shortcut in the window, e.g. 5")
    a.add_argument("--description", default="")
    a = actions.add_parser("rename", help="rename a label (its spans follow)")
    a.add_argument("name")
    a.add_argument("new_name")
    for verb in ("recolor", "recolour"):
        a = actions.add_parser(verb, help="change a label's colour")
        a.add_argument("name")
        a.add_argument("color", help="#rrggbb")
    a = actions.add_parser("set", help="change a label's key or description")
    a.add_argument("name")
    a.add_argument("--key", help="keyboard shortcut ('' removes it)")
    a.add_argument("--description")
    return parser


def build_app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator", usage="annotator [--db URL] [--user NAME] [FILE ...] | annotator COMMAND ...",
        description="Start the annotation window (importing FILEs first, if given). "
        f"Commands: {', '.join(COMMANDS)}; see 'annotator COMMAND --help'.")
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    _add_global_options(parser, suppress=False)
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE")
    # For smoke tests and packaging checks: close the window after this many milliseconds.
    parser.add_argument("--quit-after", type=int, metavar="MS", help=argparse.SUPPRESS)
    return parser


def _command_in(argv: list[str]) -> str | None:
    skip = False
    for token in argv:
        if skip:
            skip = False
            continue
        if token in _GLOBAL_VALUE_OPTIONS:
            skip = True
            continue
        if token.startswith("-"):
            continue
        return token if token in COMMANDS else None
    return None


def _open_store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from annotator.store import Store, open_database, resolve_database_url

    return Store(open_database(resolve_database_url(args.db)), resolve_user(args.user))


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if _command_in(argv) is None and not any(a in ("-h", "--help") for a in argv[:1]):
            args = build_app_parser().parse_args(argv)
            from annotator.gui.app import run_app

            return run_app(_open_store(args), args.files, quit_after_ms=args.quit_after)
        args = build_parser().parse_args(argv)
        if args.command is None:
            build_parser().print_help()
            return 0
        handler = {"import": cmd_import, "export": cmd_export, "stats": cmd_stats, "labels": cmd_labels}
        return handler[args.command](args)
    except AnnotatorError as error:
        print(f"annotator: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("annotator: interrupted", file=sys.stderr)
        return 130


def cmd_import(args: argparse.Namespace) -> int:
    from annotator.importer import import_paths

    store = _open_store(args)
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
    statuses = _split(args.status)
    for status in statuses:
        if status not in REVIEW_STATUSES:
            raise AnnotatorError(f"--status: unknown status {status!r} (expected {', '.join(REVIEW_STATUSES)})")
    store = _open_store(args)
    export_filter = ExportFilter(annotators=_split(args.annotator), labels=_split(args.label),
                                 statuses=statuses, all_documents=args.all_documents)
    count = fmt.write(iter_export(store, export_filter), args.out)
    print(f"wrote {count} document(s) to {args.out}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from annotator.store.transfer import collect_stats

    stats = collect_stats(_open_store(args))
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    print(f"documents: {stats['documents']} ({stats['documents_annotated']} with spans)")
    print(f"spans: {stats['spans']}")
    for key, title in (("labels", "label"), ("annotators", "annotator"), ("statuses", "status")):
        counts = stats[key]
        assert isinstance(counts, dict)
        print(f"per {title}:")
        for name, count in counts.items():
            print(f"  {name:<20} {count:>8}")
    return 0


def cmd_labels(args: argparse.Namespace) -> int:
    store = _open_store(args)
    action = args.action or "list"
    if action == "add":
        store.add_label(LabelSpec(args.name, args.color, args.key, args.description))
        print(f"added label {args.name!r}")
    elif action == "rename":
        store.update_label(args.name, new_name=args.new_name)
        print(f"renamed label {args.name!r} to {args.new_name!r}")
    elif action in ("recolor", "recolour"):
        store.update_label(args.name, color=args.color)
        print(f"label {args.name!r} is now {args.color}")
    elif action == "set":
        store.update_label(args.name, shortcut=args.key, description=args.description)
        print(f"updated label {args.name!r}")
    else:
        print(f"{'key':<4} {'label':<16} {'colour':<8} description")
        for label in store.labels():
            print(f"{label.shortcut or '-':<4} {label.name:<16} {label.color:<8} {label.description}")
    return 0
