"""Errors a user sees: each says what is wrong and, for input, where (file and line)."""

from __future__ import annotations

from pathlib import Path


def printable_path(path: str | Path) -> str:
    """A file name that is not valid UTF-8 arrives with surrogate escapes: its bad bytes become \\xNN,
    so the name can be printed on any terminal and stored in the database."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


class AnnotatorError(Exception):
    """A refused action or bad input, reported to the user without a traceback."""


class SpanError(AnnotatorError):
    """A span that breaks the offset invariant or duplicates an existing one."""


class InputError(AnnotatorError):
    """Bad content in an input file, located by file and (1-based) line."""

    def __init__(self, path: str | Path, line: int | None, reason: str) -> None:
        self.path = printable_path(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, int | None, str]]:
        # Pickled by its three parts (the import reader process sends it to the storing process): the
        # default would call InputError(message) with the one formatted string.
        return InputError, (self.path, self.line, self.reason)
