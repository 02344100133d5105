"""annotator suggest / gazetteer: spans proposed by the suggestion sources, stored apart from spans."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from annotator.commands.common import add_global_options, find_document, open_store, split_list, with_global_options


def register(commands) -> dict:  # type: ignore[no-untyped-def,type-arg]
    from annotator.core.suggest import SOURCES

    p = commands.add_parser("suggest", help="compute and store suggestions for documents")
    add_global_options(p)
    p.add_argument("documents", nargs="*", metavar="DOC", help="document ids or names (or --all)")
    p.add_argument("--all", action="store_true", help="every document")
    p.add_argument("--sources", action="append", metavar="NAME[,NAME]",
                   help=f"the sources to run (default: all of {', '.join(SOURCES)})")
    p.add_argument("--min-score", type=float, default=0.0, metavar="S", help="store only suggestions scored S or more")

    p = commands.add_parser("gazetteer", help="lists of names the matcher suggests (text<TAB>label per line)")
    add_global_options(p)
    actions = with_global_options(p.add_subparsers(dest="action", metavar="ACTION"))
    imported = actions.add_parser("import", help="add the entries of FILE.tsv")
    imported.add_argument("file", type=Path, metavar="FILE.tsv")
    return {"suggest": cmd_suggest, "gazetteer": cmd_gazetteer}


def cmd_suggest(args: argparse.Namespace) -> int:
    from annotator.core.errors import AnnotatorError
    from annotator.core.suggest import SOURCES, source_named

    names = split_list(args.sources) or list(SOURCES)
    sources = [source_named(name) for name in names]
    store = open_store(args)
    if args.all:
        ids = [summary.id for summary in store.document_summaries()]
    elif args.documents:
        ids = [find_document(store, reference) for reference in args.documents]
    else:
        raise AnnotatorError("name the documents to suggest for (DOC ...), or --all")
    counts = store.compute_suggestions(ids, sources, args.min_score)
    print(f"suggestions for {len(ids)} document(s): " + ", ".join(f"{name} {counts.get(name, 0)}" for name in names))
    if "model" in names and store.model_info() is None:
        print("the model source has nothing to suggest until it is trained: annotator model train")
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    if getattr(args, "action", None) != "import":
        print("usage: annotator gazetteer import FILE.tsv")
        return 2
    added = open_store(args).import_gazetteer(args.file)
    print(f"added {added} gazetteer entr{'y' if added == 1 else 'ies'} from {args.file}")
    return 0


def write_suggestions(store, out: Path) -> int:  # type: ignore[no-untyped-def]
    """``export --format jsonl --suggestions``: each document with its stored suggestions in the jsonl
    shape, every span with its "source" and "score" (suggestions are never spans, so never mixed in)."""
    from annotator.core.formats.base import atomic_output

    count = 0
    with atomic_output(out) as handle:
        for summary in store.document_summaries():
            found = store.suggestions(summary.id)
            if not found:
                continue
            document = store.document(summary.id)
            line = {"id": document.name, "text": document.text, "sha256": document.sha256, "spans": [
                {"start": s.start, "end": s.end, "label": s.label, "text": s.text, "source": s.source,
                 "score": s.score} for s in found]}
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += 1
    return count
