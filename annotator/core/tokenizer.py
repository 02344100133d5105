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

import re
import unicodedata
from typing import NamedTuple

_JOINERS = frozenset("\u200c\u200d")
# Between two digits these keep a number or date whole: 15/3/2022, 2020-03-15, 3.5, 10:30, 1,000,
# and the Arabic decimal and thousands separators.
_NUMBER_SEPARATORS = frozenset("/-.:,\u066b\u066c")
_SENTENCE_ENDS = frozenset(".!?\u061f\u06d4")
_LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")


class Token(NamedTuple):
    """A named tuple, not a frozen dataclass: an export makes hundreds of thousands of them, and a frozen
    dataclass's ``__init__`` (object.__setattr__ per field) was a third of the CoNLL export's time."""

    text: str
    start: int
    end: int


_new = tuple.__new__  # Token(...) without the Python-level __new__ a NamedTuple adds: one C call


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
    """The tokens of ``text`` with their code-point offsets, in order: exactly the runs that
    ``continues_token`` joins. No token crosses whitespace, so each run of non-space characters is
    taken on its own; a run of letters and digits only (most words) is one token without looking at
    each character, and the rest go through the character rules."""
    tokens: list[Token] = []
    append = tokens.append
    find = text.find
    end = 0
    # str.split() and the regex \S+ cut at the same characters (both ask Py_UNICODE_ISSPACE); each run's
    # offset is found from where the last one ended, without a match object per run.
    for chunk in text.split():
        offset = find(chunk, end)
        end = offset + len(chunk)
        if chunk.isalnum():
            append(_new(Token, (chunk, offset, end)))
            continue
        # The rest (a word and the punctuation after it, a word with tanween, «قال) are split once each: a
        # run not at the text's start splits the same way wherever it is.
        pieces = _RUNS.get(chunk) if offset else None
        if pieces is None:
            pieces = _pieces(chunk, offset)
            if offset:
                if len(_RUNS) >= _RUNS_KEPT:
                    _RUNS.clear()
                _RUNS[chunk] = pieces
        for piece, piece_start, piece_end in pieces:
            append(_new(Token, (piece, offset + piece_start, offset + piece_end)))
    return tokens


# The pieces of the whitespace-free runs split so far (beyond the text's first), at most _RUNS_KEPT: each
# piece's text and its bounds in the run.
_RUNS: dict[str, tuple[tuple[str, int, int], ...]] = {}
_RUNS_KEPT = 50_000


def _pieces(chunk: str, offset: int) -> tuple[tuple[str, int, int], ...]:
    """The tokens of a run that is not one word, as (text, start, end) within the run."""
    head = chunk[:-1]
    if head.isalnum() and _facts(chunk[-1])[5]:
        # a word and the punctuation after it (، . » ؟): the commonest, without looking at each character
        return (head, 0, len(head)), (chunk[-1], len(head), len(chunk))
    return tuple((chunk[a:b], a, b) for a, b in _split_run(chunk, offset))


def _split_run(chunk: str, offset: int) -> tuple[tuple[int, int], ...]:
    """``continues_token`` over one whitespace-free run at ``offset``, with each character's facts looked
    up once: the tokens' bounds in the run."""
    pieces = []
    start = 0
    # Whether the current token's last non-clinging character is a word character (``_base``): a mark
    # that starts a run has only whitespace before it, except at the very start of the text.
    base_word = is_word_char(chunk[0]) if offset == 0 or not _clings(chunk[0]) else False
    before = _facts(chunk[0])
    for index in range(1, len(chunk)):
        char = chunk[index]
        facts = _facts(char)
        word, cling, digit, joiner, separator, _alone = facts
        if cling or before[3]:
            joined = True
        elif word and base_word:
            joined = True
        elif separator:
            joined = before[2] and index + 1 < len(chunk) and _facts(chunk[index + 1])[2]
        elif before[4]:
            joined = digit and index >= 2 and _facts(chunk[index - 2])[2]
        else:
            joined = False
        if not joined:
            pieces.append((start, index))
            start = index
            base_word = word
        elif not cling:
            base_word = word
        before = facts
    pieces.append((start, len(chunk)))
    return tuple(pieces)


_FACTS: dict[str, tuple[bool, bool, bool, bool, bool, bool]] = {}


def _facts(char: str) -> tuple[bool, bool, bool, bool, bool, bool]:
    """(word character, clings, digit, joiner, number separator, a token of its own after a word),
    computed once per character. The last: neither a word character, nor clinging, nor a joiner; a
    number separator at the end of a run has no digit after it, so it is split off too."""
    facts = _FACTS.get(char)
    if facts is None:
        word, cling, joiner = is_word_char(char), _clings(char), char in _JOINERS
        facts = _FACTS[char] = (word, cling, _is_digit(char), joiner, char in _NUMBER_SEPARATORS,
                                not (word or cling or joiner))
    return facts


def split_sentences(text: str, tokens: list[Token] | None = None) -> list[list[Token]]:
    """Tokens grouped into sentences: a sentence ends after . ! ? ؟ ۔ (with any closing quotes or
    brackets that follow them) or at a line break."""
    tokens = tokenize(text) if tokens is None else tokens
    sentences: list[list[Token]] = []
    current: list[Token] = []
    ended = False
    # The line breaks' positions, walked alongside the tokens: a break lies in the gap before a token
    # when the next one not yet passed is before the token's start (no slice of the text per token).
    breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
    breaks.append(len(text) + 1)
    next_break = 0
    for token in tokens:
        token_text, start = token[0], token[1]
        line_break = False
        if breaks[next_break] < start:
            line_break = True
            while breaks[next_break] < start:
                next_break += 1
        if current and (line_break or (ended and token_text not in _ENDS_OR_CLOSING)):
            sentences.append(current)
            current = []
            ended = False
        current.append(token)
        ended = token_text in _SENTENCE_ENDS or (ended and token_text in _CLOSING)
    if current:
        sentences.append(current)
    return sentences


_LINE_BREAK = re.compile("[" + "".join(sorted(_LINE_BREAKS)) + "]")
# Closing quotes and brackets after a full stop still belong to its sentence: «... انتهى.»
_CLOSING = frozenset("»\"”’')]}")
_ENDS_OR_CLOSING = _SENTENCE_ENDS | _CLOSING
