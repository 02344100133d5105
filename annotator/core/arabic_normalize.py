"""Arabic-aware folding for *matching* only, with a map back to the original text.

The stored text is never changed: a matcher (or a model) works on the folded text and maps every
offset it finds back through ``Normalized.origin``, so its spans slice the original letters and marks.

What is folded (each rule keeps or removes single code points, so the map stays simple):

- removed: every Arabic combining mark (tashkeel U+064B–U+065F, superscript alef U+0670, the Quranic
  marks U+0610–U+061A and U+06D6–U+06ED, the extended marks U+08D3–U+08FF), tatweel U+0640 and the
  joiners ZWNJ/ZWJ;
- أ إ آ ٱ ٲ ٳ → ا; ى → ي; ة → ه; and the Persian forms ی → ي, ک → ك;
- a hamza written as a separate mark is joined to its seat first: و + U+0654 → ؤ, ي/ى + U+0654 → ئ (so
  decomposed and precomposed text fold alike; ا + U+0653/U+0654/U+0655 is ا anyway);
- every whitespace character is a space, and a run of whitespace is one space.

Not folded: ؤ/ئ stay distinct from و/ي, digits (٢٠٢٢ ≠ 2022), Latin case, presentation forms (U+FB50–FEFF).

A removed character belongs to the kept character before it: ``origin[i]`` is the original index of
folded character ``i`` and ``origin[len(folded)] == len(text)``, so the folded range ``[i, j)`` is the
original range ``[origin[i], origin[j])`` — which takes in the trailing marks of its last letter and never
the marks of the letter before its first.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import overload

__all__ = ["IGNORABLE", "Normalized", "normalize", "normalize_with_map"]

_MARK_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF))


def _ignorable() -> str:
    marks = [chr(code) for low, high in _MARK_BLOCKS for code in range(low, high + 1)
             if unicodedata.category(chr(code)) == "Mn"]
    return "".join(marks) + "\u0640\u200c\u200d"


# Characters dropped before matching: Arabic combining marks, tatweel, ZWNJ, ZWJ.
IGNORABLE = _ignorable()

_FOLD = {
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0622": "\u0627",  # آ
    "\u0671": "\u0627",  # ٱ alef wasla
    "\u0672": "\u0627",  # ٲ
    "\u0673": "\u0627",  # ٳ
    "\u0649": "\u064a",  # ى → ي
    "\u06cc": "\u064a",  # Persian ی → ي
    "\u0629": "\u0647",  # ة → ه
    "\u06a9": "\u0643",  # Persian ک → ك
}
_WHITESPACE = [chr(code) for code in range(0x3001) if chr(code).isspace()]
_FOLDINGS = (*_FOLD.items(), *((space, " ") for space in _WHITESPACE if space != " "))

_IGNORABLE_CLASS = re.escape(IGNORABLE)
# Runs to drop from the translated text: whitespace (and stray marks) after a kept space, and marks. The
# group makes ``split`` return the dropped runs too, so their lengths give the map.
_REMOVE = re.compile(f"((?<= )[ {_IGNORABLE_CLASS}]+|[{_IGNORABLE_CLASS}]+)")
# A seat followed (through other marks) by a separate hamza above becomes the precomposed letter.
_HAMZA_SEAT = re.compile(f"[\u0648\u064a\u0649](?=[{_IGNORABLE_CLASS}]*\u0654)")
_HAMZA_SEATED = {"\u0648": "\u0624", "\u064a": "\u0626", "\u0649": "\u0626"}


class _Origin(Sequence[int]):
    """Folded index -> original index, stored per kept run (a fully vowelled page has one run per letter)."""

    __slots__ = ("_folded", "_original", "_folded_length", "_original_length")

    def __init__(self, folded: list[int], original: list[int], folded_length: int, original_length: int) -> None:
        self._folded = folded  # where each kept run starts in the folded text (non-decreasing)
        self._original = original  # ... and in the original text
        self._folded_length = folded_length
        self._original_length = original_length

    def __len__(self) -> int:
        return self._folded_length + 1

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if type(index) is int and 0 <= index < self._folded_length:  # the common case first
            run = bisect_right(self._folded, index) - 1
            return self._original[run] + index - self._folded[run]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index <= self._folded_length:
            raise IndexError(index)
        return self._original_length if index == self._folded_length else self[index]


@dataclass(frozen=True)
class Normalized:
    """The folded text and, for each of its characters (and its end), the index in the original."""

    text: str
    origin: Sequence[int]  # len(text) + 1 entries, strictly increasing; the last is len(original)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original range of the folded range ``[start, end)``."""
        return self.origin[start], self.origin[end]


def _translate(text: str) -> str:
    """The one-for-one foldings (``str.replace`` per letter present: much faster than ``str.translate`` on
    Arabic text)."""
    if "\u0654" in text:
        text = _HAMZA_SEAT.sub(lambda match: _HAMZA_SEATED[match.group()], text)
    for old, new in _FOLDINGS:
        if old in text:
            text = text.replace(old, new)
    return text


def normalize_with_map(text: str) -> Normalized:
    """``text`` folded for matching, with the map of every folded index to its original index."""
    translated = _translate(text)
    parts = _REMOVE.split(translated)  # kept, dropped, kept, ..., kept
    if len(parts) == 1:
        return Normalized(translated, range(len(translated) + 1))
    kept = parts[::2]
    original_starts = [0, *accumulate(map(len, parts))][::2]
    folded_starts = [0, *accumulate(map(len, kept))]
    folded_length = folded_starts.pop()
    return Normalized("".join(kept), _Origin(folded_starts, original_starts, folded_length, len(text)))


def normalize(text: str) -> str:
    """``text`` folded for matching (the same text as ``normalize_with_map(text).text``)."""
    return "".join(_REMOVE.split(_translate(text))[::2])
