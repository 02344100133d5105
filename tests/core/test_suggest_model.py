"""The model source: a CRF trained on the project's own spans (python-crfsuite), proclitics outside."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from annotator.core.suggest import source_named
from annotator.core.suggest.base import SuggestContext
from annotator.core.suggest.model import (
    Lexicon,
    TrainingDocument,
    evaluate,
    held_out_split,
    spans_from_tags,
    tags_for,
    train,
    train_and_evaluate,
)
from annotator.core.tokenizer import tokenize

ACTORS = ["محمد", "الرئيس", "الوزير", "سامي", "ليلى", "الحكومة", "الجيش", "خالد", "فاطمة", "عمر", "الشرطة",
          "يوسف", "مريم", "الوفد", "حسن", "زينب"]
PLACES = ["بغداد", "دمشق", "القاهرة", "عمان", "بيروت", "الرياض", "تونس", "الخرطوم", "صنعاء", "الدوحة", "غزة",
          "حلب", "الموصل", "البصرة", "طرابلس", "الجزائر"]
FILLER = ["اليوم", "الخبر", "المدينة", "الناس", "السوق", "الطريق", "المساء", "الجديد"]


def article(rng: random.Random, sentences: int, actors: list[str], places: list[str]) -> TrainingDocument:
    """Sentences in a few shapes, each actor after قال/أكد and each place after في/إلى/من (or with و+ب
    fused: وببغداد is never written, but وبغداد with the span on بغداد is)."""
    text, spans = "", []
    for _ in range(sentences):
        actor, place, filler = rng.choice(actors), rng.choice(places), rng.choice(FILLER)
        shape = rng.randrange(3)
        if shape == 0:
            parts = [("قال ", None), (actor, "actor"), (" في ", None), (place, "location"),
                     (f" إن {filler} هادئ. ", None)]
        elif shape == 1:
            parts = [(f"وصل {filler} إلى ", None), (place, "location"), (" مع ", None), (actor, "actor"), (". ", None)]
        else:
            parts = [("أكد ", None), (actor, "actor"), (f" أن {filler} في ", None), ("و", None), (place, "location"),
                     (" كبير. ", None)]
        for piece, label in parts:
            if label:
                spans.append((len(text), len(text) + len(piece), label))
            text += piece
    return TrainingDocument(text, tuple(spans))


@pytest.fixture(scope="module")
def corpus() -> list[TrainingDocument]:
    rng = random.Random(7)  # each article names a few of the first twelve: some names are new to each
    return [article(rng, 25, rng.sample(ACTORS[:12], 4), rng.sample(PLACES[:12], 4)) for _ in range(10)]


def test_tags_round_trip_with_the_proclitic_left_outside_and_offsets_after_an_emoji() -> None:
    text = "😀 قال محمد\r\nوبغداد كبيرة"
    start = text.index("بغداد")
    spans = [(text.index("محمد"), text.index("محمد") + 4, "actor"), (start, start + 5, "location")]
    tokens = tokenize(text)
    tags = tags_for(tokens, spans)
    assert "B|location|1" in tags  # the و stays outside: one character into its token
    back = [(s, e, label) for s, e, label, _ in spans_from_tags(tokens, tags)]
    assert back == spans
    assert [text[s:e] for s, e, _ in back] == ["محمد", "بغداد"]


def test_trains_and_finds_known_and_new_names_in_unseen_documents(corpus: list[TrainingDocument]) -> None:
    model = train(corpus)
    assert model.labels == ("actor", "location") and model.tokens > 1000 and model.spans > 300
    unseen = article(random.Random(99), 20, ACTORS, PLACES)  # four of each never seen in training
    (overall,) = [s for s in evaluate(model.data, [unseen], Lexicon.of(corpus)) if s.label == "all"]
    assert overall.f1 > 0.9, overall
    source = source_named("model")
    found = source.suggest(unseen.text, SuggestContext(model=model.data))
    assert found and all(s.source == "model" and 0 < s.score <= 1 for s in found)
    for suggestion in found:
        assert unseen.text[suggestion.start:suggestion.end].strip() == unseen.text[suggestion.start:suggestion.end]
    after_wa = [(s, e, label) for s, e, label in unseen.spans if unseen.text[s - 1] == "و"]
    assert after_wa, "the article has places written with a fused و"
    suggested = {(s.start, s.end, s.label) for s in found}
    assert sum(span in suggested for span in after_wa) >= 0.9 * len(after_wa)  # و left outside, as trained


def test_without_a_model_the_source_suggests_nothing_and_claims_are_not_learnt() -> None:
    assert source_named("model").suggest("قال محمد في بغداد", SuggestContext()) == []
    text = "قال محمد إن الوضع هادئ جدا. " * 20
    claim_only = TrainingDocument(text, ((text.index("الوضع"), text.index("جدا") + 3, "claim"),))
    with pytest.raises(ValueError, match="nothing to learn"):
        train([claim_only])


def test_held_out_split_is_seeded_and_scores_come_from_documents_not_trained_on(corpus: list[TrainingDocument]) -> None:
    assert held_out_split(10, 3) == held_out_split(10, 3)
    training, testing = held_out_split(10, 3)
    assert len(testing) == 2 and not set(training) & set(testing) and sorted(training + testing) == list(range(10))
    assert held_out_split(1, 0) == ([0], [])
    model = train_and_evaluate(corpus, seed=1)
    labels = Counter(score.label for score in model.held_out["model"])
    assert set(labels) == {"actor", "location", "all"}
    (overall,) = [s for s in model.held_out["model"] if s.label == "all"]
    (matcher,) = [s for s in model.held_out["matcher"] if s.label == "all"]
    assert matcher.gold == overall.gold and 0 < matcher.recall < 1  # it knows only the training part's names
    assert "dates" not in model.held_out  # proposed no date here: nothing to judge it on
    _, testing = held_out_split(len(corpus), 1)
    assert overall.gold == sum(len(corpus[i].spans) for i in testing)
