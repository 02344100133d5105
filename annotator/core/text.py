"""Reading text files strictly: UTF-8 (with or without BOM) or a clear error naming file and line."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from annotator.core.errors import InputError

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _line_of(data: bytes, index: int) -> int:
    return data.count(b"\n", 0, index) + 1


def decode_utf8(data: bytes, path: str | Path) -> str:
    """Decode file bytes as UTF-8, dropping a leading BOM (an encoding mark, not text).

    Refuses UTF-16/32, binary content (NUL bytes) and invalid UTF-8, naming the line.
    """
    if data.startswith(_UTF32_BOMS):
        raise InputError(path, 1, "the file is UTF-32 encoded; save it as UTF-8")
    if data.startswith(_UTF16_BOMS):
        raise InputError(path, 1, "the file is UTF-16 encoded; save it as UTF-8")
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(
            path, _line_of(data, nul), "binary content (a NUL byte); expected UTF-8 text (UTF-16 without BOM?)"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = _line_of(data, error.start)
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            path, line, f"not valid UTF-8 (byte 0x{data[error.start]:02x} at column {column})"
        ) from None


def utf8_lines(path: Path) -> Iterator[tuple[int, str]]:
    """The file's lines (split on ``\n`` only, a ``\r`` before it kept), numbered from 1, decoded one at a
    time with ``decode_utf8``'s rules and messages: a large file is never in memory whole."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                # the first line as a whole file's start (a BOM dropped, UTF-16/32 named), the rest as lines
                line = decode_utf8(raw, path) if number == 1 else _decode_line(raw)
            except InputError as error:
                raise InputError(path, number, error.reason) from None
            except UnicodeDecodeError as error:
                column = error.start + 1
                raise InputError(path, number, f"not valid UTF-8 (byte 0x{raw[error.start]:02x} at column {column})"
                                 ) from None
            yield number, line[:-1] if line.endswith("\n") else line


def _decode_line(raw: bytes) -> str:
    if b"\x00" in raw:
        raise InputError("", None, "binary content (a NUL byte); expected UTF-8 text (UTF-16 without BOM?)")
    return raw.decode("utf-8")


def read_text_file(path: Path) -> str:
    """A document's text exactly as stored in the file (CRLF kept), or InputError."""
    text = decode_utf8(path.read_bytes(), path)
    if not text.strip():
        raise InputError(path, None, "empty file: there is no text to annotate")
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls other than tab, line feed, vertical tab, form feed and carriage return: never article text.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")
_UNSTORABLE = re.compile("[\ud800-\udfff\x00-\x08\x0e-\x1f]")
_PATH_LIKE = re.compile(r"[/\\]|^\.\.?$")


# The controls above as UTF-8 bytes: no other character's encoding holds a byte below 0x80.
_CONTROL_BYTES = bytes(range(0x00, 0x09)) + bytes(range(0x0e, 0x20))


def text_problem(text: str, what: str = "text") -> str | None:
    """Why a string cannot be stored as given (an unpaired surrogate, a NUL or other control), or None."""
    # Asked of every imported text: encoding it (which refuses any surrogate) and deleting the control
    # bytes is 2-3 times faster than searching the text with the pattern; the pattern says what and where.
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:
        pass  # a surrogate, found below
    else:
        if len(encoded.translate(None, _CONTROL_BYTES)) == len(encoded):
            return None
    bad = _UNSTORABLE.search(text)
    if bad is None:
        return None
    char = bad.group()
    if _SURROGATE.match(char):
        return f"{what} holds an unpaired surrogate (U+{ord(char):04X} at {bad.start()}): not valid Unicode"
    kind = "a NUL character" if char == "\x00" else "a control character"
    return f"{what} holds {kind} (U+{ord(char):04X} at {bad.start()})"


def name_problem(name: str) -> str | None:
    """Why a document id cannot be used (it may become a file name on export), or None."""
    if _PATH_LIKE.search(name):
        return f"document id {name!r} looks like a path (/, \\ or ..); ids become file names on export"
    return text_problem(name, "the document id")


LABEL_MAX = 100
USER_MAX = 200
# What every format can carry as a label: one token in CoNLL and IOB tags (B-label), a brat type in
# .ann lines and annotation.conf (no spaces, no :,|=<>! separators), a JSON string anywhere.
_LABEL = re.compile(r"^\w[\w.\-]*$")


def label_problem(name: str) -> str | None:
    """Why ``name`` cannot be a label (one rule for ``labels add``, rename, import and merge), or None."""
    if not isinstance(name, str) or not name:
        return "a label name must not be empty"
    return _label_problem(name)


@lru_cache(maxsize=4096)  # an import asks about the same few labels for every span
def _label_problem(name: str) -> str | None:
    if len(name) > LABEL_MAX:
        return f"label {name[:40]!r}… is longer than {LABEL_MAX} characters"
    if not _LABEL.match(name):
        return (f"label {name!r} must be one word of letters, digits, '_', '-' or '.', starting with a letter "
                "or digit (every export format must be able to carry it)")
    return None


def user_problem(name: str) -> str | None:
    """Why ``name`` cannot be an annotator's name, or None."""
    if not isinstance(name, str) or not name.strip():
        return "a user name must not be empty"
    return _user_problem(name)


@lru_cache(maxsize=4096)  # an import asks about the same few names for every span
def _user_problem(name: str) -> str | None:
    if name != name.strip():
        return f"user name {name!r} has spaces around it"
    if len(name) > USER_MAX:
        return f"user name {name[:40]!r}… is longer than {USER_MAX} characters"
    if any(c.isspace() and c != " " for c in name) or any(unicodedata.category(c) == "Cc" for c in name):
        return f"user name {name!r} holds a control character, tab or line break"
    return text_problem(name, "the user name")
