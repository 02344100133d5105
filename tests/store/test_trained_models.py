"""The trained model in the store: learnt from the filtered spans, kept in the database, its suggestions
stored apart and a rejected one not offered again."""

from __future__ import annotations

import random

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.model import DocumentRecord
from annotator.core.suggest import source_named
from annotator.core.suggest.model import train_and_evaluate
from annotator.store import Store
from annotator.store.transfer import import_records

NAMES = ["محمد", "سامي", "ليلى", "خالد", "عمر", "مريم", "حسن", "زينب"]


def article(rng: random.Random) -> str:
    return " ".join(f"قال {rng.choice(NAMES)} إن الخبر صحيح." for _ in range(12))


@pytest.fixture
def documents(store: Store) -> list[int]:
    rng = random.Random(3)
    ids = import_records(store, "t", [DocumentRecord(f"d{i}", article(rng)) for i in range(6)]).document_ids
    for document_id in ids[:5]:  # the last stays untagged: suggestions go there
        text = store.document(document_id).text
        for start in [i for i in range(len(text)) if text.startswith("قال ", i)]:
            name_start = start + 4
            store.add_span(document_id, name_start, text.index(" ", name_start), "actor")
    return list(ids)


def test_trains_from_the_filtered_spans_and_shares_the_model_through_the_database(store: Store,
                                                                                   documents: list[int]) -> None:
    everything = store.training_documents()
    assert len(everything) == 5 and all(d.spans for d in everything)
    assert store.training_documents("accepted") == []  # nothing reviewed yet
    with pytest.raises(AnnotatorError, match="no annotator named 'nobody'"):
        store.training_documents("any", ["nobody"])
    assert store.spans_since_training() == 60
    model = train_and_evaluate(everything, seed=0)
    store.save_model(model, {"status": "any"})
    assert store.spans_since_training() == 0
    shared = Store(store.engine, "bob").model_info()  # a teammate sees the same model
    assert shared is not None and shared.trained_by == "tester"
    info = store.model_info()
    assert info is not None and info.trained_by == "tester" and info.spans == 60 and info.documents == 5
    assert {s.label for s in info.scores["model"]} == {"actor", "all"}
    counts = store.compute_suggestions([documents[5]], [source_named("model")])
    assert counts["model"] >= 10
    offered = [s for s in store.suggestions(documents[5]) if s.source == "model"]
    assert offered and all(s.text in NAMES for s in offered)
    store.reject_suggestion(offered[0])
    store.compute_suggestions([documents[5]], [source_named("model")])  # computed again: still not offered
    again = {(s.start, s.end) for s in store.suggestions(documents[5])}
    assert (offered[0].start, offered[0].end) not in again and len(again) == len(offered) - 1
