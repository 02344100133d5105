"""Claims from reporting verbs: in a sentence where قال، أكد، أوضح، أعلن، صرح، نفى، أشار ... (and their
forms, with a proclitic و/ف) is followed by إن / أن or by a quotation in « » or “ ”, the reported content
is suggested as a claim: the quotation itself, or what follows إن/أن up to the end of the sentence.

The actor that says it (between the verb and إن/أن) is what linking then proposes as the claim's source
(``core.links.likely_source``).
"""

from __future__ import annotations

import re

from annotator.core.links import REPORTING_VERBS
from annotator.core.suggest.base import SuggestContext, Suggestion

_SENTENCE_END = re.compile(r"[.!?؟\n]")
_QUOTE = re.compile(r"«[^«»\n]+»|“[^“”\n]+”|\"[^\"\n]+\"")
_THAT = re.compile(r"(?<!\w)(?:إن|أن|بأن|إنه|إنها|أنه|أنها|إنهم|أنهم)(?!\w)")
_WORD = re.compile(r"\w+")
_MAX_GAP_WORDS = 8  # between the verb and إن/أن or the quotation: the speaker, rarely more


def _is_reporting(word: str) -> bool:
    return word in REPORTING_VERBS or (len(word) > 3 and word[0] in "وف" and word[1:] in REPORTING_VERBS)


class CueSource:
    name = "cues"

    def suggest(self, text: str, context: SuggestContext) -> list[Suggestion]:
        if "claim" not in context.labels:
            return []
        found: dict[tuple[int, int], Suggestion] = {}
        sentence_start = 0
        for end_match in [*_SENTENCE_END.finditer(text), None]:
            sentence_end = end_match.start() if end_match is not None else len(text)
            self._sentence(text, sentence_start, sentence_end, found)
            sentence_start = end_match.end() if end_match is not None else len(text)
        return sorted(found.values(), key=lambda s: (s.start, s.end))

    def _sentence(self, text: str, start: int, end: int, found: dict[tuple[int, int], Suggestion]) -> None:
        sentence = text[start:end]
        for verb in _WORD.finditer(sentence):
            if not _is_reporting(verb.group()):
                continue
            after = verb.end()
            quote = _QUOTE.search(sentence, after)
            that = _THAT.search(sentence, after)
            candidates = []
            if quote is not None and len(_WORD.findall(sentence[after:quote.start()])) <= _MAX_GAP_WORDS:
                candidates.append((quote.start(), quote.end()))
            if that is not None and len(_WORD.findall(sentence[after:that.start()])) <= _MAX_GAP_WORDS:
                content = sentence[that.end():].strip()
                if len(_WORD.findall(content)) >= 2:
                    first = that.end() + (len(sentence[that.end():]) - len(sentence[that.end():].lstrip()))
                    last = len(sentence.rstrip(" ،,:;"))
                    candidates.append((first, last))
            if candidates:
                first, last = min(candidates)  # the nearer one: what this verb reports
                key = (start + first, start + last)
                found.setdefault(key, Suggestion(key[0], key[1], "claim", self.name, 0.8))
