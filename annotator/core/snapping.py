"""Snapping a selection to whole words, as an annotator means it.

The character rules are the tokenizer's (``annotator.core.tokenizer``), so a snapped span always falls
on the token boundaries the training-data exports use: a word character is a letter, a combining mark
(tashkeel), a digit (Arabic-Indic included), or a joiner inside a word (tatweel is a letter; ZWJ/ZWNJ
are kept), and a number or date such as ١٥/٣/٢٠٢٢ is one word. Everything else — spaces and
punctuation such as ، ؛ ؟ . « » " ( ) — is trimmed from both ends; a selection that starts or ends inside
a word grows to the whole word.
"""

from __future__ import annotations

from annotator.core.tokenizer import continues_token, is_word_char

__all__ = ["is_word_char", "snap_to_words", "trim_spaces"]


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The word-aligned version of ``[start, end)``, or None if the selection holds no word character."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and not is_word_char(text[start]):
        start += 1
    while end > start and not is_word_char(text[end - 1]):
        end -= 1
    if start >= end:
        return None
    while continues_token(text, start):
        start -= 1
    while continues_token(text, end):
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


PROCLITICS = frozenset("وفبكل")


def peel_proclitic(text: str, start: int, end: int) -> int | None:
    """The new start after taking one proclitic (و ف ب ك ل) off the start of ``[start, end)``, conjunction
    first as it is written (وبالعراق → بالعراق → العراق); None when there is none to take. The definite
    article is never cut: not ال itself, not the ل of a contracted لل (للعراق), and at least two letters of
    the word must remain (كل stays كل)."""
    if not start < end or text[start] not in PROCLITICS:
        return None
    rest = text[start + 1:end]
    if text[start] == "ل" and rest.startswith("ل"):
        return None
    letters = 0
    for char in rest:
        if not is_word_char(char):
            break
        letters += 1
    return start + 1 if letters >= 2 else None
