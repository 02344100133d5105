"""Suggestions in the store: apart from spans, filtered per user, accepted with their origin, rejected
for good at that place."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.model import DocumentRecord
from annotator.core.suggest import SuggestContext, Suggestion
from annotator.store import Store
from annotator.store.transfer import ExportFilter, collect_stats, import_records, iter_export

TEXT = "قال محمد في بغداد إن محمد زار بغداد"


class EveryBaghdad:
    """A stand-in source: every بغداد is a location, scored by how often the project tagged it."""

    name = "matcher"

    def suggest(self, text: str, context: SuggestContext) -> list[Suggestion]:
        found, start = [], text.find("بغداد")
        while start >= 0:
            found.append(Suggestion(start, start + 5, "location", self.name,
                                    float(context.tagged[("بغداد", "location")] or 1)))
            start = text.find("بغداد", start + 1)
        return found


@pytest.fixture
def document(store: Store) -> int:
    (document_id,) = import_records(store, "t", [DocumentRecord("d", TEXT)]).document_ids
    return document_id


def test_suggestions_are_apart_from_spans_and_accepted_with_their_origin(store: Store, document: int) -> None:
    first = TEXT.index("بغداد")
    store.add_span(document, first, first + 5, "location")
    assert store.compute_suggestions([document], [EveryBaghdad()]) == {"matcher": 2}
    (offered,) = store.suggestions(document)  # the one already tagged is not offered again
    assert (offered.start, offered.text, offered.score, offered.source) == (TEXT.rindex("بغداد"), "بغداد", 1.0,
                                                                            "matcher")
    assert collect_stats(store)["spans"] == 1  # stats, exports and agreement never see suggestions
    (exported,) = iter_export(store, ExportFilter())
    assert len(exported.spans) == 1
    span = store.accept_suggestion(offered)
    assert (span.text, span.origin, span.annotator) == ("بغداد", "suggestion:matcher", "tester")
    assert store.suggestions(document) == []


def test_a_rejected_suggestion_is_not_offered_again_to_that_user(store: Store, document: int) -> None:
    store.compute_suggestions([document], [EveryBaghdad()])
    first, second = store.suggestions(document)
    store.reject_suggestion(first)
    assert store.suggestions(document) == [second]
    store.compute_suggestions([document], [EveryBaghdad()])  # computed again: still not offered there
    assert [(s.start, s.end) for s in store.suggestions(document)] == [(second.start, second.end)]
    assert len(Store(store.engine, "bob").suggestions(document)) == 2  # bob did not reject it
    store.unreject_suggestion(first)
    assert len(store.suggestions(document)) == 2


def test_the_gazetteer_is_checked_then_stored_whole(store: Store, tmp_path: Path) -> None:
    good = tmp_path / "places.tsv"
    good.write_text("بغداد\tlocation\nدمشق\tlocation\n# a comment\nبغداد\tlocation\n", encoding="utf-8")
    assert store.import_gazetteer(good) == 2
    with store.read() as connection:
        assert sorted(store.suggestion_context(connection).gazetteer) == [("بغداد", "location"),
                                                                           ("دمشق", "location")]
    bad = tmp_path / "bad.tsv"
    bad.write_text("القاهرة\tlocation\nبيروت\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.tsv:2"):
        store.import_gazetteer(bad)
    unknown = tmp_path / "unknown.tsv"
    unknown.write_text("أحمد\tperson\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown label 'person'"):
        store.import_gazetteer(unknown)
    with store.read() as connection:
        assert len(store.suggestion_context(connection).gazetteer) == 2


def test_a_tag_is_not_kept_waiting_while_the_sources_run(db_url: str, store: Store, document: int) -> None:
    """The sources take seconds on a long document; they must not hold the write lock meanwhile. Here a
    source waits until another store's tag is committed: with the lock held, the tag could not be."""
    import threading

    from annotator.store import open_database

    other_engine = open_database(db_url)
    other = Store(other_engine, "other")
    tagged, entered, seen = threading.Event(), threading.Event(), []

    class WaitsForATag(EveryBaghdad):
        def suggest(self, text: str, context: SuggestContext) -> list[Suggestion]:
            entered.set()
            seen.append(tagged.wait(timeout=10))
            return super().suggest(text, context)

    def tag() -> None:
        entered.wait(timeout=10)
        start = TEXT.index("محمد")
        other.add_span(document, start, start + 4, "actor")
        tagged.set()

    tagger = threading.Thread(target=tag)
    tagger.start()
    try:
        counts = store.compute_suggestions([document], [WaitsForATag()])
    finally:
        tagged.set()
        tagger.join()
        other_engine.dispose()
    assert seen == [True]  # the tag was committed while the source was still running
    assert counts["matcher"] == 2
    assert [s.label for s in store.suggestions(document)] == ["location", "location"]
