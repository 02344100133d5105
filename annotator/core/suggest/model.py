"""The model: a linear-chain CRF (python-crfsuite, offline, a small C library with wheels for every
platform we ship) trained on the project's own entity spans, suggesting more of the same.

- **Tokens** are the project tokenizer's, **sentences** its sentence splitter: the same units the
  training-data exports use, so what the model learns is what the exports hold.
- **Features** of a token: its text folded for matching (``arabic_normalize``: tashkeel, tatweel and
  the hamza/ya/ta-marbuta variants ignored), the stem left after the matcher's proclitics (و ف ب ك ل
  وب ول ...) and after the article, its affixes, its shape, and the same for its neighbours (two on each
  side), with word bigrams.
- **Proclitics outside the span.** A span may start after a proclitic inside a token (وبغداد tagged
  بغداد). The tag then says how many characters of the token are left outside (``B|location|1``), so
  the model learns from the annotator's own spans where a name begins, and a prediction starts there too.
- **Score** of a suggestion: the mean marginal probability of its tokens' tags.
- Claims are not the model's (they are sentences, not names): the ``cues`` source proposes them. Every
  other label is learnt.

The model is bytes (crfsuite's own file format), kept in the database so that a team shares it.
"""

from __future__ import annotations

import hashlib
import os
import random
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from annotator.core.arabic_normalize import normalize
from annotator.core.suggest.base import SuggestContext, Suggestion
from annotator.core.suggest.matcher import PROCLITICS
from annotator.core.tokenizer import Token, split_sentences, tokenize

__all__ = ["NOT_LEARNT", "LabelScore", "ModelSource", "TrainedModel", "TrainingDocument", "evaluate",
           "spans_from_tags", "tags_for", "train", "train_and_evaluate"]

SOURCE_NAME = "model"
NOT_LEARNT = frozenset({"claim"})
# The matcher's proclitics (folded spellings), longest first: the model splits words as the matcher does.
_PROCLITICS = tuple(sorted(PROCLITICS, key=len, reverse=True))
_ARTICLE = "ال"
_MIN_STEM = 2
_OUTSIDE = "O"


@dataclass(frozen=True)
class TrainingDocument:
    text: str
    spans: tuple[tuple[int, int, str], ...]  # start, end, label


@dataclass(frozen=True)
class LabelScore:
    label: str
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int

    def as_dict(self) -> dict[str, float | int | str]:
        return {"label": self.label, "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "gold": self.gold, "predicted": self.predicted}


@dataclass
class TrainedModel:
    data: bytes
    labels: tuple[str, ...]
    tokens: int
    documents: int
    spans: int = 0
    held_out: dict[str, list[LabelScore]] = field(default_factory=dict)  # source -> scores


def _stem(folded: str) -> tuple[str, str]:
    """(proclitic, stem): the longest proclitic that leaves a word of two letters or more."""
    for prefix in _PROCLITICS:
        if folded.startswith(prefix) and len(folded) - len(prefix) >= _MIN_STEM:
            if prefix.endswith("ل") and folded[len(prefix):].startswith("ل"):
                continue  # لل: the article's lam, not a second preposition
            return prefix, folded[len(prefix):]
    return "", folded


def _shape(word: str) -> str:
    if word.isdigit():
        return "digits"
    if not any(char.isalnum() for char in word):
        return "punct"
    if any("a" <= char.lower() <= "z" for char in word):
        return "latin"
    return "word"


@lru_cache(maxsize=200_000)
def _own_features(word: str) -> tuple[str, ...]:
    folded = normalize(word)
    proclitic, stem = _stem(folded)
    bare = stem[len(_ARTICLE):] if stem.startswith(_ARTICLE) and len(stem) > len(_ARTICLE) + 1 else stem
    return (f"w={folded}", f"stem={stem}", f"bare={bare}", f"pro={proclitic}", f"art={bare != stem}",
            f"p2={bare[:2]}", f"p3={bare[:3]}", f"s1={bare[-1:]}", f"s2={bare[-2:]}", f"s3={bare[-3:]}",
            f"shape={_shape(word)}", f"len={min(len(bare), 8)}")


@lru_cache(maxsize=200_000)
def _near_features(word: str) -> tuple[str, str, str]:
    folded = normalize(word)
    stem = _stem(folded)[1]
    return folded, stem, _shape(word)


class Lexicon:
    """Known names as sequences of stems (what the project tagged, the gazetteer), so that the model
    learns how far to trust "this was tagged before" instead of trusting it always. In training, a
    document's own spans are left out of its lexicon: there it would always be right."""

    def __init__(self) -> None:
        self.entries: Counter[tuple[tuple[str, ...], str]] = Counter()
        self.longest = 0
        self._by_key: dict[tuple[str, ...], list[str]] | None = None

    @staticmethod
    def key(text: str) -> tuple[str, ...]:
        return tuple(_near_features(token.text)[1] for token in tokenize(text))

    def add(self, text: str, label: str, count: int = 1) -> None:
        key = self.key(text)
        if key and label not in NOT_LEARNT:
            self.entries[(key, label)] += count
            self._by_key = None
            self.longest = max(self.longest, len(key))

    def without(self, other: Lexicon) -> Lexicon:
        kept = Lexicon()
        kept.entries = self.entries - other.entries
        kept.longest = max((len(key) for key, _ in kept.entries), default=0)
        return kept

    def marks(self, stems: Sequence[str]) -> list[list[str]]:
        if self._by_key is None:
            self._by_key = {}
            for key, label in self.entries:
                self._by_key.setdefault(key, []).append(label)
        by_key = self._by_key
        marks: list[list[str]] = [[] for _ in stems]
        for start in range(len(stems)):
            for length in range(1, min(self.longest, len(stems) - start) + 1):
                for label in by_key.get(tuple(stems[start:start + length]), ()):
                    marks[start].append(f"lex=B|{label}")
                    for inside in range(start + 1, start + length):
                        marks[inside].append(f"lex=I|{label}")
        return marks

    @classmethod
    def of(cls, documents: Iterable[TrainingDocument]) -> Lexicon:
        lexicon = cls()
        for document in documents:
            for start, end, label in document.spans:
                lexicon.add(document.text[start:end], label)
        return lexicon

    @classmethod
    def from_context(cls, context: SuggestContext) -> Lexicon:
        lexicon = cls()
        for (text, label), count in context.tagged.items():
            lexicon.add(text, label, count)
        for text, label in context.gazetteer:
            lexicon.add(text, label)
        return lexicon


@lru_cache(maxsize=400_000)
def _window_features(word: str, offset: int) -> tuple[str, str, str]:
    folded, stem, shape = _near_features(word)
    return f"{offset}:w={folded}", f"{offset}:stem={stem}", f"{offset}:shape={shape}"


def sentence_features(words: Sequence[str], lexicon: Lexicon | None = None) -> list[list[str]]:
    stems = [_near_features(word)[1] for word in words]
    marks = lexicon.marks(stems) if lexicon is not None and lexicon.entries else None
    rows: list[list[str]] = []
    last = len(words) - 1
    for index, word in enumerate(words):
        row = ["bias", *_own_features(word)]
        if marks is not None:
            row += marks[index] or ["lex=none"]
        for offset in (-2, -1, 1, 2):
            other = index + offset
            if 0 <= other <= last:
                row += _window_features(words[other], offset)
            else:
                row.append(f"{offset}:edge")
        if index > 0:
            row.append(f"bi-={stems[index - 1]}|{stems[index]}")
        if index < last:
            row.append(f"bi+={stems[index]}|{stems[index + 1]}")
        rows.append(row)
    return rows


def tags_for(tokens: Sequence[Token], spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """BIO tags for the tokens; a span starting inside its first token records how far in (proclitics).
    Overlapping spans: the first (earliest, then longest) wins, as in the CoNLL export."""
    tags = [_OUTSIDE] * len(tokens)
    starts = [token.start for token in tokens]
    from bisect import bisect_right

    for start, end, label in sorted(spans, key=lambda s: (s[0], -s[1])):
        first = bisect_right(starts, start) - 1
        if first < 0 or tokens[first].end <= start:
            first += 1
        covered = [i for i in range(max(first, 0), len(tokens)) if tokens[i].start < end]
        if not covered or any(tags[i] != _OUTSIDE for i in covered):
            continue
        inside = max(0, start - tokens[covered[0]].start)
        tags[covered[0]] = f"B|{label}|{inside}"
        for i in covered[1:]:
            tags[i] = f"I|{label}"
    return tags


def spans_from_tags(tokens: Sequence[Token], tags: Sequence[str],
                    scores: Sequence[float] | None = None) -> list[tuple[int, int, str, float]]:
    """Spans back from BIO tags (an I without its B starts a span, as CoNLL readers do)."""
    found: list[tuple[int, int, str, float]] = []
    current: list = []  # type: ignore[type-arg]

    def close() -> None:
        if current:
            start, end, label, probabilities = current
            found.append((start, end, label, sum(probabilities) / len(probabilities)))
            current.clear()

    for index, (token, tag) in enumerate(zip(tokens, tags, strict=True)):
        probability = scores[index] if scores is not None else 1.0
        if tag == _OUTSIDE:
            close()
            continue
        parts = tag.split("|")
        kind, label = parts[0], parts[1]
        if kind == "I" and current and current[2] == label:
            current[1] = token.end
            current[3].append(probability)
            continue
        close()
        inside = int(parts[2]) if kind == "B" and len(parts) > 2 else 0
        start = token.start + inside if inside < len(token.text) else token.start
        current.extend([start, token.end, label, [probability]])
    close()
    return found


def _sequences(document: TrainingDocument) -> list[tuple[list[Token], list[str]]]:
    tokens = tokenize(document.text)
    tags = tags_for(tokens, [s for s in document.spans if s[2] not in NOT_LEARNT])
    index = {id(token): i for i, token in enumerate(tokens)}
    return [(sentence, [tags[index[id(token)]] for token in sentence])
            for sentence in split_sentences(document.text, tokens) if sentence]


def _lexicons_left_out(documents: Sequence[TrainingDocument]) -> list[Lexicon]:
    """For each document, the lexicon of all the others."""
    own = [Lexicon.of([document]) for document in documents]
    everything = Lexicon()
    for lexicon in own:
        everything.entries.update(lexicon.entries)
    return [everything.without(lexicon) for lexicon in own]


def train(documents: Sequence[TrainingDocument], *, max_iterations: int = 150) -> TrainedModel:
    """A CRF trained on the documents' spans (L-BFGS with elastic-net regularisation)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    labels: set[str] = set()
    tokens = spans = 0
    for document, lexicon in zip(documents, _lexicons_left_out(documents), strict=True):
        for sentence, tags in _sequences(document):
            trainer.append(sentence_features([token.text for token in sentence], lexicon), tags)
            labels.update(tag.split("|")[1] for tag in tags if tag != _OUTSIDE)
            tokens += len(sentence)
            spans += sum(tag.startswith("B|") for tag in tags)
    if not labels:
        raise ValueError("nothing to learn from: no spans with a label the model learns")
    trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": max_iterations,
                        "feature.possible_transitions": True})
    handle, path = tempfile.mkstemp(suffix=".crfsuite")
    os.close(handle)
    try:
        trainer.train(path)
        with open(path, "rb") as model_file:
            data = model_file.read()
    finally:
        os.unlink(path)
    return TrainedModel(data, tuple(sorted(labels)), tokens, len(documents), spans)


@lru_cache(maxsize=4)
def _tagger(digest: str, data: bytes):  # type: ignore[no-untyped-def]
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(data)
    return tagger


def predict(data: bytes, text: str, lexicon: Lexicon | None = None) -> list[tuple[int, int, str, float]]:
    tagger = _tagger(hashlib.sha256(data).hexdigest(), data)
    tokens = tokenize(text)
    found: list[tuple[int, int, str, float]] = []
    for sentence in split_sentences(text, tokens):
        if not sentence:
            continue
        tags = tagger.tag(sentence_features([token.text for token in sentence], lexicon))
        scores = [tagger.marginal(tag, i) for i, tag in enumerate(tags)]
        found += spans_from_tags(sentence, tags, scores)
    return found


def evaluate(data: bytes, documents: Sequence[TrainingDocument], lexicon: Lexicon | None = None,
             extra: Sequence[Sequence[tuple[int, int, str]]] | None = None) -> list[LabelScore]:
    """Exact-span precision, recall and F1 per label (and ``all``) of the model's predictions against the
    documents' spans. ``extra``: more predicted spans per document (another source), merged in."""
    predictions = []
    for number, document in enumerate(documents):
        found = {(start, end, label) for start, end, label, _ in predict(data, document.text, lexicon)}
        predictions.append(found | set(extra[number]) if extra is not None else found)
    return score_spans(documents, predictions, lambda label: label not in NOT_LEARNT)


def score_spans(documents: Sequence[TrainingDocument], predictions: Sequence[set[tuple[int, int, str]]],
                scored: Callable[[str], bool]) -> list[LabelScore]:
    """Exact-span precision, recall and F1 per label (and ``all``) of predicted spans against the documents'
    own, counting only the labels ``scored`` accepts."""
    gold: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for document, found in zip(documents, predictions, strict=True):
        expected = {s for s in document.spans if scored(s[2])}
        found = {s for s in found if scored(s[2])}
        for collection, counter in ((expected, gold), (found, predicted), (expected & found, right)):
            for _, _, label in collection:
                counter[label] += 1
                counter["all"] += 1
    scores = []
    for label in sorted(set(gold) | set(predicted), key=lambda name: (name == "all", name)):
        precision = right[label] / predicted[label] if predicted[label] else 0.0
        recall = right[label] / gold[label] if gold[label] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores.append(LabelScore(label, precision, recall, f1, gold[label], predicted[label]))
    return scores


def held_out_split(count: int, seed: int, fraction: float = 0.2) -> tuple[list[int], list[int]]:
    """Document indices for training and for testing: a seeded ``fraction`` of them (at least one)."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    testing = max(1, round(count * fraction)) if count > 1 else 0
    return sorted(order[testing:]), sorted(order[:testing])


def train_and_evaluate(documents: Sequence[TrainingDocument], *, seed: int = 0,
                       max_iterations: int = 150) -> TrainedModel:
    """Scores on a held-out, seeded 20% of the documents (the model trained on the rest), then the model
    kept is trained on all of them: what is measured is how it does on documents it has not seen. The
    other sources are scored on the same documents (the matcher knowing only the other 80%), so the
    Suggestions panel can say how far to trust each."""
    training, testing = held_out_split(len(documents), seed)
    held_out: dict[str, list[LabelScore]] = {}
    if testing:
        held_out = held_out_scores([documents[i] for i in training], [documents[i] for i in testing],
                                   max_iterations=max_iterations)
    model = train(documents, max_iterations=max_iterations)
    model.held_out = held_out
    return model


def held_out_scores(training: Sequence[TrainingDocument], testing: Sequence[TrainingDocument], *,
                    max_iterations: int = 150) -> dict[str, list[LabelScore]]:
    from annotator.core.suggest import SOURCES, source_named

    known = Lexicon.of(training)
    context = SuggestContext(tagged=Counter((d.text[s:e], label) for d in training for s, e, label in d.spans))
    labels = {label for d in [*training, *testing] for _, _, label in d.spans}
    context.labels = tuple(sorted(labels))
    scores: dict[str, list[LabelScore]] = {}
    try:
        context.model = train(training, max_iterations=max_iterations).data
    except ValueError:
        pass  # the training part has nothing the model learns: it is not scored
    for name in SOURCES:
        if name == SOURCE_NAME and context.model is None:
            continue
        if name == SOURCE_NAME:
            scores[name] = evaluate(context.model, testing, known)  # type: ignore[arg-type]
            continue
        source = source_named(name)
        predictions = [{(s.start, s.end, s.label) for s in source.suggest(d.text, context)} for d in testing]
        produced = {label for found in predictions for _, _, label in found} & labels
        if produced or name == "matcher":
            # a rule source is judged on the labels it proposes that the project uses (dates on dates,
            # cues on claims); one proposing none of them is not judged
            scores[name] = score_spans(testing, predictions, produced.__contains__ if name != "matcher"
                                       else labels.__contains__)
    return scores


class ModelSource:
    name = SOURCE_NAME

    def suggest(self, text: str, context: SuggestContext) -> list[Suggestion]:
        if not context.model:
            return []
        return [Suggestion(start, end, label, self.name, round(score, 4))
                for start, end, label, score in predict(context.model, text, Lexicon.from_context(context))
                if label in context.labels and start < end]
