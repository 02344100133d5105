"""annotator: span annotation of Arabic news articles. With no command it opens the window;
the commands below work on the same database from the shell."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Callable
from pathlib import Path

from annotator import __version__
from annotator.commands import COMMAND_NAMES, MODULES
from annotator.core.errors import AnnotatorError

# Nothing that imports SQLAlchemy is imported before main() runs: ``annotator import`` starts its reader
# process first (import_reader.start_early), and SQLAlchemy's import (0.2 s) then overlaps the reader's start.
__all__ = ["main"]

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, Handler]]:
    from annotator.commands.common import add_global_options

    parser = argparse.ArgumentParser(
        prog="annotator", description=__doc__,
        epilog="The window: annotator [--db URL] [--user NAME] [--lang ar|en] [FILE ...] (FILEs are imported "
        "first, the first one opened).")
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    add_global_options(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    handlers: dict[str, Handler] = {}
    for module in MODULES:
        handlers.update(importlib.import_module(module).register(commands))
    return parser, handlers


def build_app_parser(command_names: list[str]) -> argparse.ArgumentParser:
    from annotator.commands.common import add_global_options

    parser = argparse.ArgumentParser(
        prog="annotator", usage="annotator [--db URL] [--user NAME] [FILE ...] | annotator COMMAND ...",
        description="Start the annotation window (importing FILEs first, if given). "
        f"Commands: {', '.join(command_names)}; see 'annotator COMMAND --help'.")
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    add_global_options(parser, suppress=False)
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE")
    parser.add_argument("--lang", choices=("ar", "en"),
                        help="interface language (default: as last chosen, else the system's)")
    # For smoke tests and packaging checks: close the window after this many milliseconds.
    parser.add_argument("--quit-after", type=int, metavar="MS", help=argparse.SUPPRESS)
    return parser


def _refuse_unknown_words(parser: argparse.ArgumentParser, files: list[Path], commands: list[str]) -> None:
    """``annotator modle train``: a word that is neither a command nor an existing file is a mistyped
    command, not a file to import."""
    for file in files:
        if not file.exists() and not file.suffix and len(file.parts) == 1:
            parser.error(f"{str(file)!r} is neither a command nor an existing file (commands: {', '.join(commands)})")


def _command_in(argv: list[str], names: set[str]) -> str | None:
    skip = False
    for token in argv:
        if skip:
            skip = False
            continue
        if token in ("--db", "--user"):
            skip = True
            continue
        if token.startswith("-"):
            continue
        return token if token in names else None
    return None


def _database_error() -> type[BaseException] | tuple[()]:
    """SQLAlchemy's DBAPIError, for ``except``: none can have been raised if SQLAlchemy was never imported."""
    errors = sys.modules.get("sqlalchemy.exc")
    return errors.DBAPIError if errors is not None else ()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = _command_in(argv, set(COMMAND_NAMES))
    if command == "import" and not any(a in ("-h", "--help") for a in argv):
        from annotator import import_reader

        import_reader.start_early(argv)
    try:
        if command is None and not any(a in ("-h", "--help") for a in argv[:1]):
            app_parser = build_app_parser(sorted(COMMAND_NAMES))
            args = app_parser.parse_args(argv)
            _refuse_unknown_words(app_parser, args.files, sorted(COMMAND_NAMES))
            # What is loaded so far (SQLAlchemy, the store) lives as long as the process: out of the
            # collector's sight. And nothing is collected while the window is built: the collections of
            # a start (one of them full) took 30–50 ms before the first paint. run_app turns collection
            # back on once the window has painted and built its docks.
            gc.freeze()
            gc.disable()
            try:
                from annotator.commands.common import open_store
                from annotator.gui.app import run_app

                return run_app(open_store(args), args.files, quit_after_ms=args.quit_after, language=args.lang)
            finally:
                gc.enable()
        parser, handlers = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 0
        # As for the window: the modules loaded (SQLAlchemy's, the formats') are out of the collector's
        # sight, so the collections a long export or import triggers walk only what it made itself.
        gc.freeze()
        return handlers[args.command](args)
    except AnnotatorError as error:
        print(f"annotator: error: {error}", file=sys.stderr)
        return 1
    except _database_error() as error:
        # The database's own reason (read-only file, full disk, damage), without SQLAlchemy's statement
        # and parameters (which would print document text).
        print(f"annotator: error: the database refused the operation: {error.orig}; nothing more was written",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("annotator: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into head, less ...: not an error
        sys.stderr.close()
        return 0
