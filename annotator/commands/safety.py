"""annotator check / backup: is the database sound, and a copy of it made while it is in use."""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.commands.common import add_global_options
from annotator.core.errors import AnnotatorError


def register(commands) -> dict:  # type: ignore[no-untyped-def,type-arg]
    p = commands.add_parser("check", help="check the whole database file for damage (SQLite's integrity_check)")
    add_global_options(p)
    p.add_argument("--quick", action="store_true", help="the quick check only (what every write does first)")
    p = commands.add_parser("backup", help="copy the database, while it is in use, to a new SQLite file")
    add_global_options(p)
    p.add_argument("out", type=Path, metavar="OUT.db", help="the new file (must not exist yet)")
    return {"check": cmd_check, "backup": cmd_backup}


def _sqlite_path(args: argparse.Namespace, what: str) -> Path:
    from annotator.store.database import resolve_database_url, sqlite_file

    url = resolve_database_url(getattr(args, "db", None))
    path = sqlite_file(url)
    if path is None:
        raise AnnotatorError(f"{what} works on a SQLite file; for a PostgreSQL database use the server's own "
                             "tools (pg_amcheck, pg_dump)")
    if not path.is_file():
        raise AnnotatorError(f"{path}: no such database file")
    return path


def cmd_check(args: argparse.Namespace) -> int:
    from annotator.store.safety import damage_message, integrity_problems

    path = _sqlite_path(args, "check")
    problems = integrity_problems(path, full=not args.quick)
    if not problems:
        print(f"{path}: ok ({'quick check' if args.quick else 'full integrity check'})")
        return 0
    for problem in problems:
        print(problem)
    raise AnnotatorError(damage_message(path, problems))


def cmd_backup(args: argparse.Namespace) -> int:
    from annotator.store.database import backup_sqlite, check_sqlite_file
    from annotator.store.safety import integrity_problems

    path = _sqlite_path(args, "backup")
    out: Path = args.out
    if out.exists():
        raise AnnotatorError(f"{out} exists already; give a new file name")
    if not out.parent.is_dir():
        raise AnnotatorError(f"{out.parent}: no such folder")
    check_sqlite_file(path)
    backup_sqlite(path, out)
    problems = integrity_problems(out, full=True)
    if problems:
        out.unlink(missing_ok=True)
        raise AnnotatorError(f"{path}: the copy failed its integrity check ({problems[0]}); nothing was kept")
    print(f"backed up {path} to {out} (integrity check: ok)")
    return 0
