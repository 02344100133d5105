"""annotator stats / labels: what is in the database, and the label set."""

from __future__ import annotations

import argparse
import json

from annotator.commands.common import add_global_options, open_store, with_global_options
from annotator.core.model import LabelSpec


def register(commands) -> dict:  # type: ignore[no-untyped-def,type-arg]
    p = commands.add_parser("stats", help="documents and spans per label, annotator and status")
    add_global_options(p)
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("labels", help="list labels, or add/rename/recolour one")
    add_global_options(p)
    actions = with_global_options(p.add_subparsers(dest="action", metavar="ACTION"))
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
    return {"stats": cmd_stats, "labels": cmd_labels}


def cmd_stats(args: argparse.Namespace) -> int:
    from annotator.store.transfer import collect_stats

    stats = collect_stats(open_store(args, write=False))
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    print(f"documents: {stats['documents']} ({stats['documents_annotated']} with spans)")
    print(f"spans: {stats['spans']}")
    print(f"links: {stats['links']}")
    for key, title in (("labels", "label"), ("annotators", "annotator"), ("statuses", "status"),
                       ("link_types", "link type")):
        counts = stats[key]
        assert isinstance(counts, dict)
        print(f"per {title}:")
        for name, count in counts.items():
            print(f"  {name:<20} {count:>8}")
    return 0


def cmd_labels(args: argparse.Namespace) -> int:
    store = open_store(args)
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
