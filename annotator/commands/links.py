"""annotator links: the kinds of link between spans (claim → source, time, place) and the labels each
allows at its ends."""

from __future__ import annotations

import argparse

from annotator.commands.common import add_global_options, open_store, split_list, with_global_options


def register(commands) -> dict:  # type: ignore[no-untyped-def,type-arg]
    p = commands.add_parser("links", help="list link types, or add/rename/remove one")
    add_global_options(p)
    actions = with_global_options(p.add_subparsers(dest="action", metavar="ACTION"))
    actions.add_parser("list", help="list link types and the labels at their ends (the default)")
    add = actions.add_parser("add", help="define a link type: NAME --from LABEL[,LABEL] --to LABEL[,LABEL]")
    add.add_argument("name")
    add.add_argument("--from", dest="from_labels", action="append", required=True, metavar="LABEL[,LABEL]")
    add.add_argument("--to", dest="to_labels", action="append", required=True, metavar="LABEL[,LABEL]")
    add.add_argument("--description", default="")
    rename = actions.add_parser("rename", help="rename a link type (its links follow)")
    rename.add_argument("name")
    rename.add_argument("new_name")
    remove = actions.add_parser("remove", help="remove a link type that no link uses")
    remove.add_argument("name")
    return {"links": cmd_links}


def cmd_links(args: argparse.Namespace) -> int:
    action = getattr(args, "action", None) or "list"
    store = open_store(args, write=action != "list")
    if action == "add":
        store.add_link_type(args.name, split_list(args.from_labels), split_list(args.to_labels), args.description)
        print(f"added link type {args.name!r}")
    elif action == "rename":
        store.rename_link_type(args.name, args.new_name)
        print(f"renamed link type {args.name!r} to {args.new_name!r}")
    elif action == "remove":
        store.remove_link_type(args.name)
        print(f"removed link type {args.name!r}")
    else:
        print(f"{'type':<12} {'from':<20} {'to':<20} description")
        for link_type in store.link_types():
            print(f"{link_type.name:<12} {','.join(link_type.from_labels):<20} {','.join(link_type.to_labels):<20} "
                  f"{link_type.description}")
    return 0
