"""The matcher: every text the project already knows is suggested wherever it occurs again.

The known texts are those in ``SuggestContext.tagged`` (what users tagged, with how often and as what)
and ``SuggestContext.gazetteer``. Rules, and the choices made where the brief left one open:

- **Arabic-aware.** Texts and document are compared after ``annotator.core.arabic_normalize``
  (tashkeel and tatweel ignored, أ/إ/آ/ٱ = ا, ى = ي, ة = ه, any whitespace run = one space). Offsets
  point into the original text: ``text[s.start:s.end]`` keeps the original letters and marks, and the
  trailing marks of the last letter are inside the span.
- **Whole words.** A match neither starts nor ends inside a token (``tokenizer.continues_token``), so
  بغداد is not found in بغدادي, العراق not in العراقية, 2020 not in 2020-03-15. A multi-word text
  matches across any run of whitespace, line breaks included.
- **Proclitics left outside.** A word may begin with و ف ب ك ل or one of وب وك ول فب فك فل before the
  match; that prefix stays outside the span and the article stays inside: وبالعراق, والعراق, فالعراق and
  بالعراق all give العراق. The rest of the word must be at least two letters. The article is never
  stripped: a tagged عراق is not found in العراق.
- **ل + ال (للعراق).** The alef of the article is not written, so العراق cannot be sliced out of
  للعراق. By default nothing is suggested there. ``MatcherSource(contracted_article=True)`` suggests the
  part after the preposition, ``لعراق`` (the article's lam and the noun: preposition outside, article
  inside, as elsewhere), with the known text's label and score.
- **Score.** How often the text was tagged with that label; spellings that fold to the same text (أمريكا,
  امريكا) add up. A gazetteer entry scores 1 unless the same text was also tagged with that label (then
  the tagged count). A text tagged with two labels gives two suggestions, each with its own count: the
  window shows both.
- **Overlaps.** Where matches of the same label overlap, the longest wins (then the higher score, then
  the earlier). Matches of different labels are all kept, even on the same range.
- **Existing spans are not known here.** A text already tagged at that exact place is suggested again;
  the caller drops suggestions that repeat a span.

Speed: the document is folded once and split into words; one set intersection finds the words that are a
known text's first word, alone or after a proclitic, and only those are looked at in Python. Known texts
that start with a non-word character (a bracket, a quote) are found with ``str.find``. ``MatcherIndex``
can be built once and used for many documents.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress

from annotator.core.arabic_normalize import Normalized, normalize, normalize_with_map
from annotator.core.suggest.base import SuggestContext, Suggestion
from annotator.core.tokenizer import continues_token

__all__ = ["CONTRACTED_PREFIXES", "PROCLITICS", "MatcherIndex", "MatcherSource"]

SOURCE_NAME = "matcher"

# Folded spellings (none of these letters is changed by folding).
PROCLITICS = ("و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل")
# Prefixes that end in the preposition ل before an article whose alef is dropped (للعراق, وللعراق).
CONTRACTED_PREFIXES = ("لل", "ولل", "فلل")
_ARTICLE = "ال"
_MIN_REST = 2  # letters left after a proclitic

# A run of letters and digits (no underscore). Folded text has no Arabic marks or joiners left, so this is
# a word as the tokenizer reads it, or a piece of one (a Latin letter with a combining accent splits the
# run, which only adds candidates: every match is checked against the tokenizer's rules).
_RUN = re.compile(r"[^\W_]+")
_RUN_SPLIT = re.compile(r"([^\W_]+)")


def _by_first_letter(prefixes: Iterable[str]) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for prefix in prefixes:
        grouped[prefix[0]].append(prefix)
    return {letter: tuple(sorted(group, key=len)) for letter, group in grouped.items()}


_PROCLITICS_BY_LETTER = _by_first_letter(PROCLITICS)
_CONTRACTED_BY_LETTER = _by_first_letter(CONTRACTED_PREFIXES)


_Found = tuple[str, int, int, float]  # label, original start, original end, score


@dataclass(frozen=True, slots=True)
class _Known:
    text: str  # folded
    labels: tuple[tuple[str, float], ...]  # (label, score)


class MatcherIndex:
    """The known texts, folded and indexed for matching; reusable across documents."""

    def __init__(self, scores: dict[str, dict[str, float]]) -> None:
        """``scores``: folded text -> {label: score}."""
        self._by_first: dict[str, list[_Known]] = defaultdict(list)
        self._by_article_rest: dict[str, list[_Known]] = defaultdict(list)  # العراق under عراق
        self._other: list[_Known] = []  # texts that start with a non-word character
        for text, labels in scores.items():
            known = _Known(text, tuple(sorted(labels.items())))
            first = _RUN.match(text)
            if first is None:
                self._other.append(known)
                continue
            self._by_first[first.group()].append(known)
            if text.startswith(_ARTICLE):
                rest = _RUN.match(text, len(_ARTICLE))
                if rest is not None:
                    self._by_article_rest[rest.group()].append(known)
        for group in (*self._by_first.values(), *self._by_article_rest.values()):
            group.sort(key=lambda known: len(known.text), reverse=True)
        # Every document word worth a closer look: a first word, or a proclitic and a first word.
        self._triggers = frozenset(self._by_first).union(
            prefix + first for first in self._by_first if len(first) >= _MIN_REST for prefix in PROCLITICS)
        self._contracted_triggers = frozenset(
            prefix + rest for rest in self._by_article_rest if len(rest) >= _MIN_REST
            for prefix in CONTRACTED_PREFIXES)
        self.size = len(scores)

    @classmethod
    def from_context(cls, context: SuggestContext) -> MatcherIndex:
        return cls.from_pairs(context.tagged.items(), context.gazetteer)

    @classmethod
    def from_pairs(cls, tagged: Iterable[tuple[tuple[str, str], int]],
                   gazetteer: Iterable[tuple[str, str]] = ()) -> MatcherIndex:
        """From ``((text, label), count)`` pairs and gazetteer ``(text, label)`` pairs."""
        scores: dict[str, dict[str, float]] = defaultdict(dict)
        for (text, label), count in tagged:
            key = normalize(text).strip()
            if key and count > 0:
                scores[key][label] = scores[key].get(label, 0.0) + float(count)
        for text, label in gazetteer:
            key = normalize(text).strip()
            if key:
                scores[key].setdefault(label, 1.0)
        return cls(dict(scores))

    def match(self, text: str, *, contracted_article: bool = False, folded: Normalized | None = None
              ) -> list[Suggestion]:
        """Every occurrence of a known text in ``text``, sorted by (start, end, label). ``folded``: the text
        already normalised (``normalize_with_map(text)``), when the caller matches it again and again."""
        if not self.size or not text:
            return []
        folded = folded or normalize_with_map(text)
        found: list[_Found] = []
        self._match_words(text, folded.text, folded.origin, found, contracted_article)
        self._match_other(text, folded.text, folded.origin, found)
        return _resolve_overlaps(found)

    def _match_words(self, text: str, norm: str, origin: Sequence[int], found: list[_Found], contracted: bool) -> None:
        parts = _RUN_SPLIT.split(norm)  # between, word, between, word, ..., between
        ends = list(accumulate(map(len, parts)))  # word k is parts[2k + 1] and starts at ends[2k]
        words = parts[1::2]
        triggers = self._triggers | self._contracted_triggers if contracted else self._triggers
        hits = triggers.intersection(words)
        if not hits:
            return
        for index in compress(range(len(words)), map(hits.__contains__, words)):
            word = words[index]
            word_start = ends[2 * index]
            if _inside_token(text, origin[word_start]):
                continue
            for start, group, skip in self._candidates(word, word_start, contracted):
                for item in group:
                    # ``item.text[skip:]`` is read from ``start``; its first word is the rest of this word.
                    end = start + len(item.text) - skip
                    if end != word_start + len(word) and not norm.startswith(item.text[skip:], start):
                        continue
                    original_end = origin[end]
                    if _inside_token(text, original_end):
                        continue
                    original_start = origin[start]
                    for label, score in item.labels:
                        found.append((label, original_start, original_end, score))

    def _candidates(self, word: str, word_start: int, contracted: bool) -> list[tuple[int, list[_Known], int]]:
        """(where known texts may start in the folded text, those texts, how many of their letters to skip)."""
        candidates = []
        known = self._by_first.get(word)
        if known:
            candidates.append((word_start, known, 0))
        for prefix in _PROCLITICS_BY_LETTER.get(word[0], ()):
            if len(word) - len(prefix) >= _MIN_REST and word.startswith(prefix):
                known = self._by_first.get(word[len(prefix):])
                if known:
                    candidates.append((word_start + len(prefix), known, 0))
        if contracted:
            for prefix in _CONTRACTED_BY_LETTER.get(word[0], ()):
                if len(word) - len(prefix) >= _MIN_REST and word.startswith(prefix):
                    known = self._by_article_rest.get(word[len(prefix):])
                    if known:
                        # The article's lam is the prefix's last letter: the span starts there, and
                        # the known text is read without its alef.
                        candidates.append((word_start + len(prefix) - 1, known, 1))
        return candidates

    def _match_other(self, text: str, norm: str, origin: Sequence[int], found: list[_Found]) -> None:
        for item in self._other:
            position = norm.find(item.text)
            while position != -1:
                start, end = origin[position], origin[position + len(item.text)]
                if not _inside_token(text, start) and not _inside_token(text, end):
                    for label, score in item.labels:
                        found.append((label, start, end, score))
                position = norm.find(item.text, position + 1)


def _inside_token(text: str, index: int) -> bool:
    """``tokenizer.continues_token``, without the call where a space or an end settles it (most places)."""
    return 0 < index < len(text) and not text[index].isspace() and not text[index - 1].isspace() \
        and continues_token(text, index)


def _resolve_overlaps(found: list[_Found]) -> list[Suggestion]:
    """Per label, the longest of overlapping matches (then the higher score, then the earlier). Most
    matches overlap nothing of their label: only clusters of overlapping ones are sorted by length."""
    found.sort()
    kept: list[tuple[int, int, str, float]] = []
    index, count = 0, len(found)
    while index < count:
        label, start, end, score = found[index]
        following, reach = index + 1, end
        while following < count and found[following][0] == label and found[following][1] < reach:
            reach = max(reach, found[following][2])
            following += 1
        if following == index + 1:
            kept.append((start, end, label, score))
        else:
            kept.extend(_longest_first(found[index:following]))
        index = following
    kept.sort()
    return [Suggestion(start, end, label, SOURCE_NAME, score) for start, end, label, score in kept]


def _longest_first(cluster: list[_Found]) -> list[tuple[int, int, str, float]]:
    """Overlapping matches of one label: the longest first, then whatever does not overlap those kept."""
    cluster.sort(key=lambda match: (match[1] - match[2], -match[3], match[1]))
    starts: list[int] = []
    ends: list[int] = []
    kept = []
    for label, start, end, score in cluster:
        index = bisect_right(starts, start)
        if (index and ends[index - 1] > start) or (index < len(starts) and starts[index] < end):
            continue
        starts.insert(index, start)
        ends.insert(index, end)
        kept.append((start, end, label, score))
    return kept


class MatcherSource:
    """Suggests the texts tagged so far (and the gazetteer's) wherever they occur; see the module doc."""

    name = SOURCE_NAME

    def __init__(self, *, contracted_article: bool = False) -> None:
        self.contracted_article = contracted_article

    def suggest(self, text: str, context: SuggestContext) -> list[Suggestion]:
        return self.index(context).match(text, contracted_article=self.contracted_article)

    def index(self, context: SuggestContext) -> MatcherIndex:
        """The index of ``context``'s known texts (build it once to match many documents)."""
        return MatcherIndex.from_context(context)
