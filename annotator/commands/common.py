"""What every sub-command shares: the --db/--user options, the user name, opening the store."""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.store.store import Store


def resolve_user(cli_value: str | None) -> str:
    """``--user``, then ``ANNOTATOR_USER``, then the login name. Given but empty is refused, never
    quietly replaced by the login name."""
    if cli_value is not None:
        if not cli_value.strip():
            raise AnnotatorError("--user is empty: give a user name (or leave it out for $ANNOTATOR_USER or the "
                                 "login name)")
        return cli_value
    if "ANNOTATOR_USER" in os.environ:
        if not os.environ["ANNOTATOR_USER"].strip():
            raise AnnotatorError("ANNOTATOR_USER is set but empty: give a user name or unset it")
        return os.environ["ANNOTATOR_USER"]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "annotator"


def add_global_options(parser: argparse.ArgumentParser, suppress: bool = True) -> None:
    """--db and --user, accepted before or after the sub-command (after it, they override)."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", metavar="URL", default=default,
                        help="database URL or SQLite file (default: $ANNOTATOR_DB, else a file in the user data dir)")
    parser.add_argument("--user", metavar="NAME", default=default,
                        help="who is annotating (default: $ANNOTATOR_USER, else the login name)")


def with_global_options(actions):  # type: ignore[no-untyped-def]
    """A sub-command's actions (``users grant``, ``labels rename``) that take --db and --user after
    them too, like every other command."""
    add_parser = actions.add_parser

    def adding(*args, **kwargs):  # type: ignore[no-untyped-def]
        parser = add_parser(*args, **kwargs)
        add_global_options(parser)
        return parser

    actions.add_parser = adding
    return actions


def nonempty_path(value: str) -> Path:
    """An argparse type: a path that is not empty (Path("") would quietly mean the current folder)."""
    if not value.strip():
        raise argparse.ArgumentTypeError("an empty path; give a file or folder name")
    return Path(value)


def split_list(values: list[str] | None) -> list[str]:
    """Repeated and comma-separated option values as one list: --label a,b --label c."""
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def open_store(args: argparse.Namespace, write: bool = True) -> Store:
    """The store on ``--db`` as ``--user``. ``write=False`` for commands that only read: no integrity
    check or automatic backup first."""
    from annotator.store import open_database, resolve_database_url
    from annotator.store.team import server_user

    engine = open_database(resolve_database_url(args.db), write=write)
    role = server_user(engine)
    if role is None:
        return Store(engine, resolve_user(args.user))
    # On the team database you are who the server says you logged in as.
    if getattr(args, "user", None) is not None and args.user != role:
        engine.dispose()
        raise AnnotatorError(f"--user {args.user}: on the team database you are the role you log in as "
                             f"({role}); log in as {args.user} to work as {args.user}")
    return Store(engine, role)


def find_document(store: Store, reference: str) -> int:
    """A document named on the command line by its id or its name."""
    summaries = store.document_summaries()
    for summary in summaries:
        if reference == str(summary.id) or reference == summary.name:
            return summary.id
    raise AnnotatorError(f"there is no document {reference!r} (give its id or name; 'annotator stats' counts them)")
