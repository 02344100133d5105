"""annotator team init: set up a PostgreSQL team database so that the server enforces who may do what."""

from __future__ import annotations

import argparse

from annotator.commands.common import add_global_options, split_list, with_global_options


def register(commands) -> dict:  # type: ignore[no-untyped-def,type-arg]
    p = commands.add_parser("team", help="set up a PostgreSQL team database: login roles and server-side rules")
    add_global_options(p)
    actions = with_global_options(p.add_subparsers(dest="action", metavar="ACTION"))
    init = actions.add_parser("init", help="create the roles, grants and row-level security (run as the owner)")
    init.add_argument("--reviewers", action="append", metavar="NAME[,NAME]", default=[],
                      help="people who review, accept and reject, and change labels and roles")
    init.add_argument("--annotators", action="append", metavar="NAME[,NAME]", default=[],
                      help="people who annotate (their own spans only)")
    return {"team": cmd_team}


def cmd_team(args: argparse.Namespace) -> int:
    from annotator.store import open_database, resolve_database_url
    from annotator.store.team import team_init

    if getattr(args, "action", None) != "init":
        print("usage: annotator team init --reviewers NAME[,NAME] --annotators NAME[,NAME] --db postgresql+psycopg://...")
        return 2
    engine = open_database(resolve_database_url(getattr(args, "db", None)))
    try:
        for line in team_init(engine, split_list(args.reviewers), split_list(args.annotators)):
            print(line)
    finally:
        engine.dispose()
    return 0
