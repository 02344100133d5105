"""Snapping a selection to whole words, as an annotator means it.

A word character is a letter, a combining mark (tashkeel), a digit (Arabic-Indic included), or a joiner
inside a word (tatweel is a letter; ZWJ/ZWNJ are kept). Everything else — spaces and punctuation such
as ، ؛ ؟ . « » " ( ) — is trimmed from both ends; a selection that starts or ends inside a word grows
to the whole word.
"""

from __future__ import annotations

import unicodedata

_JOINERS = {"\u200c", "\u200d"}


def is_word_char(char: str) -> bool:
    return char in _JOINERS or unicodedata.category(char)[0] in "LMN"


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The word-aligned version of ``[start, end)``, or None if the selection holds no word character."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and not is_word_char(text[start]):
        start += 1
    while end > start and not is_word_char(text[end - 1]):
        end -= 1
    if start >= end:
        return None
    while start > 0 and is_word_char(text[start - 1]):
        start -= 1
    while end < len(text) and is_word_char(text[end]):
        end += 1
    return start, end


def trim_spaces(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Without snapping (sub-word spans), only surrounding whitespace is dropped."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
