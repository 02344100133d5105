"""annotator assign / progress / finish / guidelines: running an annotation project."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from annotator.commands.common import add_global_options, find_document, open_store, split_list, with_global_options


def register(commands) -> dict:  # type: ignore[no-untyped-def,type-arg]
    p = commands.add_parser("assign", help="give documents to annotators, balanced (reviewers), or list who has what")
    add_global_options(p)
    p.add_argument("documents", nargs="*", metavar="DOC", help="document ids or names (or --all / --unassigned)")
    p.add_argument("--to", action="append", metavar="A,B[,...]", help="the annotators (new names are added)")
    p.add_argument("--per-document", type=int, default=1, metavar="K", help="annotators per document (default 1)")
    p.add_argument("--all", action="store_true", help="every document")
    p.add_argument("--unassigned", action="store_true", help="the documents nobody has been given yet")
    p.add_argument("--seed", type=int, default=0, help="the draw that breaks ties (same seed, same assignment)")
    p.add_argument("--list", action="store_true", help="print who each document is assigned to")
    p.add_argument("--json", action="store_true", help="with --list: {\"DOCUMENT NAME\": [\"alice\", ...]}")

    p = commands.add_parser("progress", help="per annotator and document: assigned, finished, skipped, time spent")
    add_global_options(p)
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("finish", help="mark documents finished for you (or skipped, or reopened)")
    add_global_options(p)
    p.add_argument("documents", nargs="+", metavar="DOC")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--skip", action="store_true", help="skip them instead")
    group.add_argument("--reopen", action="store_true", help="back to in progress, for changes")
    p.add_argument("--reason", help="why (kept in the document's state history)")

    p = commands.add_parser("guidelines", help="the team's annotation guidelines (Markdown), kept in the database")
    add_global_options(p)
    actions = with_global_options(p.add_subparsers(dest="action", metavar="ACTION"))
    chosen = actions.add_parser("set", help="store FILE.md as the guidelines (reviewers)")
    chosen.add_argument("file", type=Path, metavar="FILE.md")
    actions.add_parser("show", help="print the guidelines (the built-in ones until some are set)")
    return {"assign": cmd_assign, "progress": cmd_progress, "finish": cmd_finish, "guidelines": cmd_guidelines}


def cmd_assign(args: argparse.Namespace) -> int:
    from collections import Counter

    from annotator.core.errors import AnnotatorError

    if args.list:
        store = open_store(args, write=False)
        names = store.document_names()
        listed = {names[d]: people for d, people in store.assignments().items()}
        if args.json:
            print(json.dumps(listed, ensure_ascii=False, indent=2))
        else:
            for name, people in listed.items():
                print(f"{name}: {', '.join(people)}")
            if not listed:
                print("no document is assigned yet (annotator assign --to A,B --all)")
        return 0
    annotators = split_list(args.to)
    if not annotators:
        raise AnnotatorError("name the annotators: annotator assign --to alice,bob [--per-document 2] --all")
    if sum(bool(x) for x in (args.all, args.unassigned, args.documents)) != 1:
        raise AnnotatorError("choose the documents: DOC ..., --all or --unassigned (one of them)")
    store = open_store(args)
    documents = [find_document(store, reference) for reference in args.documents] if args.documents else None
    given = store.assign(annotators, args.per_document, documents, args.unassigned, args.seed)
    counts = Counter(name for people in given.values() for name in people)
    print(f"assigned {len(given)} document(s): " + ", ".join(f"{name} {counts.get(name, 0)}" for name in annotators))
    return 0


def cmd_progress(args: argparse.Namespace) -> int:
    progress = open_store(args, write=False).progress()
    if args.json:
        print(json.dumps(progress, ensure_ascii=False, indent=2))
        return 0
    print(f"{'annotator':<20} {'assigned':>8} {'finished':>8} {'skipped':>7} {'in prog.':>8} {'spans':>7} "
          f"{'links':>6} {'time':>8}")
    for name, row in progress["annotators"].items():
        minutes = row["seconds"] / 60
        print(f"{name:<20} {row['assigned']:>8} {row['finished']:>8} {row['skipped']:>7} {row['in_progress']:>8} "
              f"{row['spans']:>7} {row['links']:>6} {minutes:>6.1f} m")
    for name, row in progress["documents"].items():
        done = ", ".join(row["finished_by"]) or "nobody yet"
        line = f"{name}: assigned {', '.join(row['assigned']) or '—'}; finished by {done}"
        if row["skipped_by"]:
            line += f"; skipped by {', '.join(row['skipped_by'])}"
        if row.get("agreement"):
            line += "; agreement " + ", ".join(f"{pair} {'-' if value is None else f'{value:.2f}'}"
                                                for pair, value in row["agreement"].items())
        print(line)
    return 0


def cmd_finish(args: argparse.Namespace) -> int:
    store = open_store(args)
    state = "skipped" if args.skip else "in_progress" if args.reopen else "finished"
    for reference in args.documents:
        document_id = find_document(store, reference)
        before = store.set_document_state(document_id, state, args.reason or ("reopened" if args.reopen else None))
        print(f"{reference}: {before.replace('_', ' ')} → {state.replace('_', ' ')}")
    return 0


def cmd_guidelines(args: argparse.Namespace) -> int:
    from annotator.core.text import decode_utf8
    from annotator.guidelines import GUIDELINES, default_guidelines

    action = getattr(args, "action", None)
    if action == "set":
        text = decode_utf8(args.file.read_bytes(), args.file)
        from annotator.core.errors import InputError

        if not text.strip():
            raise InputError(args.file, None, "empty file: no guidelines")
        open_store(args).set_project_text(GUIDELINES, text)
        print(f"guidelines set from {args.file} ({len(text.splitlines())} lines): every annotator sees them with F2")
        return 0
    if action == "show":
        print(open_store(args, write=False).project_text(GUIDELINES) or default_guidelines())
        return 0
    print("usage: annotator guidelines {set FILE.md,show}")
    return 2
