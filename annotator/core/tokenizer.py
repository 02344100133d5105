"""Arabic-aware tokens and sentences without a model, for the training-data formats and word snapping.

A token is a run of word characters — letters (tatweel is one), combining marks (tashkeel), digits
(Arabic-Indic and Latin) and the joiners ZWJ/ZWNJ — or a number or date kept whole (١٥/٣/٢٠٢٢,
2020-03-15, 3.5, 1,000, ٣٫٥): a separator between two digits stays inside the token. Every other
visible character (، ؛ ؟ « » " “ ” ' ‘ ’ ( ) [ ] . ! and emoji) is a token of its own; whitespace
separates tokens and is never part of one. Marks, variation selectors and joiners stay with the
character before them, so an emoji sequence or a vowelled letter is never cut in two.

Offsets are code-point indices into the text, half-open: ``text[token.start:token.end] == token.text``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_JOINERS = frozenset("\u200c\u200d")
# Between two digits these keep a number or date whole: 15/3/2022, 2020-03-15, 3.5, 10:30, 1,000,
# and the Arabic decimal and thousands separators.
_NUMBER_SEPARATORS = frozenset("/-.:,\u066b\u066c")
_SENTENCE_ENDS = frozenset(".!?\u061f\u06d4")
_LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def is_word_char(char: str) -> bool:
    """A letter, a combining mark, a digit, or a joiner inside a word."""
    return char in _JOINERS or unicodedata.category(char)[0] in "LMN"


def _is_digit(char: str) -> bool:
    return unicodedata.category(char) == "Nd"


def _clings(char: str) -> bool:
    """Characters that belong to whatever precedes them: marks, variation selectors, skin tones."""
    return unicodedata.category(char)[0] == "M" or "\U0001f3fb" <= char <= "\U0001f3ff"


def _base(text: str, index: int) -> str:
    """The character a run of clinging marks at ``index`` belongs to (the mark itself at the start)."""
    while index > 0 and _clings(text[index]):
        index -= 1
    return text[index]


def continues_token(text: str, index: int) -> bool:
    """True when ``text[index]`` belongs to the same token as ``text[index - 1]``."""
    if index <= 0 or index >= len(text):
        return False
    before, char = text[index - 1], text[index]
    if before.isspace() or char.isspace():
        return False
    if _clings(char) or before in _JOINERS:
        return True
    if is_word_char(char) and is_word_char(_base(text, index - 1)):
        return True
    if char in _NUMBER_SEPARATORS:
        return _is_digit(before) and index + 1 < len(text) and _is_digit(text[index + 1])
    if before in _NUMBER_SEPARATORS:
        return _is_digit(char) and index >= 2 and _is_digit(text[index - 2])
    return False


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text`` with their code-point offsets, in order."""
    tokens: list[Token] = []
    start: int | None = None
    for index, char in enumerate(text):
        if start is not None and not continues_token(text, index):
            tokens.append(Token(text[start:index], start, index))
            start = None
        if start is None and not char.isspace():
            start = index
    if start is not None:
        tokens.append(Token(text[start:], start, len(text)))
    return tokens


def split_sentences(text: str, tokens: list[Token] | None = None) -> list[list[Token]]:
    """Tokens grouped into sentences: a sentence ends after . ! ? ؟ ۔ (with any closing quotes or
    brackets that follow them) or at a line break."""
    tokens = tokenize(text) if tokens is None else tokens
    sentences: list[list[Token]] = []
    current: list[Token] = []
    ended = False
    for token in tokens:
        line_break = bool(current) and any(c in _LINE_BREAKS for c in text[current[-1].end:token.start])
        if current and (line_break or (ended and token.text not in _SENTENCE_ENDS | _CLOSING)):
            sentences.append(current)
            current = []
            ended = False
        current.append(token)
        ended = token.text in _SENTENCE_ENDS or (ended and token.text in _CLOSING)
    if current:
        sentences.append(current)
    return sentences


# Closing quotes and brackets after a full stop still belong to its sentence: «... انتهى.»
_CLOSING = frozenset("»\"”’')]}")
