"""A word's ORTH and NORM as spaCy's Vocab gives them, for the spaCy export's token arrays: read from spaCy's
own Vocab (``VocabLexicon``), or, in an export worker, made by the rules the exporting process read off its
Vocab (``RuleLexicon``) without importing spaCy there. That import was a second of each worker's CPU (two of
a 5,000-document export's 17 s) and most of its memory.

The rules are spaCy's (3.x), read off the exporting process's Vocab and checked against it before they are
handed over (``rules_of``; when they do not hold, the workers use spaCy as before):

- a string's id is its symbol's when spaCy has a symbol for it (``spacy.symbols.IDS``: "LOC", "DATE", ...),
  else MurmurHash64A of its UTF-8 with seed 1 (``StringStore.add``), from the murmurhash library spaCy
  itself calls;
- a word's NORM is the first of the Vocab's NORM tables that has it, else the word lowercased (the getter
  ``_get_attr_unless_lookup`` with ``lower`` that spaCy's ``Language`` gives its Vocab).
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable
from typing import Any, NamedTuple, Protocol

# Words the rules are checked on against the exporting process's spaCy: Arabic, Latin, a symbol's name, a
# NORM exception, emoji, whitespace.
_SAMPLES = ("قال", "المتحدث", "Word", "LOC", "DATE", "»", "“", "’s", "😀", "\n", "١٥/٣/٢٠٢٢", "İstanbul")


class Lexicon(Protocol):
    def string_id(self, string: str) -> int: ...

    def lexeme(self, word: str) -> tuple[int, int, str]:
        """The word's ORTH id, its NORM id and its NORM string."""
        ...


class LexemeRules(NamedTuple):
    norm_tables: tuple[dict[str, str], ...]  # looked up in order before lowercasing
    symbols: dict[str, int]  # strings with a fixed id instead of a hash


class VocabLexicon:
    """spaCy's own Vocab."""

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab

    def string_id(self, string: str) -> int:
        return int(self.vocab.strings.add(string))

    def lexeme(self, word: str) -> tuple[int, int, str]:
        lexeme = self.vocab[word]
        return lexeme.orth, lexeme.norm, lexeme.norm_


class RuleLexicon:
    """The rules of the module's notes, without spaCy."""

    def __init__(self, rules: LexemeRules, murmur: Callable[[bytes], int] | None = None) -> None:
        self.rules = rules
        self.murmur = murmur or murmurhash64a()

    def string_id(self, string: str) -> int:
        if not string:
            return 0
        symbol = self.rules.symbols.get(string)
        return symbol if symbol is not None else self.murmur(string.encode("utf-8"))

    def lexeme(self, word: str) -> tuple[int, int, str]:
        norm = next((table[word] for table in self.rules.norm_tables if word in table), None)
        if norm is None:
            norm = word.lower()
        return self.string_id(word), self.string_id(norm), norm


@functools.cache
def murmurhash64a() -> Callable[[bytes], int]:
    """MurmurHash64A with seed 1, from the murmurhash library's own build (what spaCy's StringStore uses);
    raises OSError or AttributeError where that library does not offer it."""
    import murmurhash.mrmr

    library = ctypes.CDLL(murmurhash.mrmr.__file__)
    function = library._Z13MurmurHash64APKvim  # MurmurHash64A(const void*, int, uint64_t), as C++ names it
    function.restype = ctypes.c_uint64
    function.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.c_uint64]
    return lambda data: int(function(data, len(data), 1))


def rules_of(vocab: Any) -> LexemeRules | None:
    """The rules this Vocab follows, or None when it does not follow them (another spaCy, a NORM getter of
    another kind, no MurmurHash64A to call): checked on sample words against the Vocab itself."""
    from spacy.attrs import NORM
    from spacy.lang.lex_attrs import lower
    from spacy.symbols import IDS
    from spacy.util import _get_attr_unless_lookup

    getter = getattr(vocab, "lex_attr_getters", {}).get(NORM)
    if not (isinstance(getter, functools.partial) and getter.func is _get_attr_unless_lookup
            and len(getter.args) == 2 and getter.args[0] is lower and not getter.keywords):
        return None
    rules = LexemeRules(tuple(dict(table) for table in getter.args[1]), dict(IDS))
    try:
        lexicon = RuleLexicon(rules)
    except (OSError, AttributeError, ImportError):
        return None
    spacy_lexicon = VocabLexicon(vocab)
    if any(lexicon.lexeme(word) != spacy_lexicon.lexeme(word) for word in _SAMPLES):
        return None
    return rules
