"""Links in the store: the type's rule, one document, permissions, history, and a span's deletion taking
its links with it (and its undo bringing them back)."""

from __future__ import annotations

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.model import DocumentRecord
from annotator.store import Store, open_database
from annotator.store.links import LinkError
from annotator.store.transfer import import_records

TEXT = "قال محمد في بغداد أمس إن «الاتفاق سيوقع»"


@pytest.fixture
def claim_and_ends(store: Store) -> tuple[int, dict[str, int]]:
    (document_id,) = import_records(store, "t", [DocumentRecord("links", TEXT)]).document_ids
    spans = {
        "claim": store.add_span(document_id, 25, 40, "claim").id,
        "actor": store.add_span(document_id, 4, 8, "actor").id,
        "location": store.add_span(document_id, 12, 17, "location").id,
        "date": store.add_span(document_id, 18, 21, "date").id,
    }
    return document_id, spans


def test_default_types_and_the_type_follows_from_the_labels(store: Store, claim_and_ends) -> None:
    document_id, spans = claim_and_ends
    assert [(t.name, t.from_labels, t.to_labels) for t in store.link_types()] == [
        ("source", ("claim",), ("actor",)), ("time", ("claim",), ("date",)), ("place", ("claim",), ("location",))]
    source = store.add_link(spans["claim"], spans["actor"])
    time = store.add_link(spans["claim"], spans["date"])
    assert (source.type, time.type) == ("source", "time")
    assert [(link.from_id, link.to_id, link.type, link.annotator) for link in store.links(document_id)] == [
        (spans["claim"], spans["actor"], "source", "tester"), (spans["claim"], spans["date"], "time", "tester")]


def test_a_link_that_breaks_the_rule_is_refused(store: Store, claim_and_ends, db_url: str) -> None:
    document_id, spans = claim_and_ends
    with pytest.raises(LinkError, match="a source link goes from claim to actor, not from claim to location"):
        store.add_link(spans["claim"], spans["location"], "source")
    with pytest.raises(LinkError, match="fitting types: none"):
        store.add_link(spans["actor"], spans["claim"])
    with pytest.raises(AnnotatorError, match="unknown link type 'said'"):
        store.add_link(spans["claim"], spans["actor"], "said")
    (other,) = import_records(store, "t", [DocumentRecord("other", "قال علي")]).document_ids
    elsewhere = store.add_span(other, 4, 7, "actor")
    with pytest.raises(LinkError, match="same document"):
        store.add_link(spans["claim"], elsewhere.id)
    store.add_link(spans["claim"], spans["actor"])
    with pytest.raises(LinkError, match="exists already"):
        store.add_link(spans["claim"], spans["actor"])
    bob = Store(store.engine, "bob")
    with pytest.raises(AnnotatorError, match="only reviewers may add links in another annotator's name"):
        bob.add_link(spans["claim"], spans["actor"], annotator="tester")


def test_deleting_a_span_deletes_its_links_and_undo_brings_them_back(store: Store, claim_and_ends) -> None:
    document_id, spans = claim_and_ends
    store.add_link(spans["claim"], spans["actor"])
    store.add_link(spans["claim"], spans["date"])
    store.delete_span(spans["claim"])
    assert store.links(document_id) == []
    store.revert(store.last_change_id)
    assert sorted(link.type for link in store.links(document_id)) == ["source", "time"]


def test_link_actions_are_undone_from_the_history(store: Store, claim_and_ends) -> None:
    document_id, spans = claim_and_ends
    link = store.add_link(spans["claim"], spans["actor"])
    added = store.last_change_id
    store.revert(added)
    assert store.links(document_id) == []
    store.revert(store.last_change_id, "redo")
    assert [x.id for x in store.links(document_id)] == [link.id]
    store.delete_link(link.id)
    assert store.links(document_id) == []
    assert [entry["action"] for entry in store.history(document_id)][-1] == "link-delete"


def test_only_your_own_links_and_reviewers_review(store: Store, claim_and_ends) -> None:
    _document_id, spans = claim_and_ends
    link = store.add_link(spans["claim"], spans["actor"])
    bob = Store(store.engine, "bob")
    with pytest.raises(AnnotatorError, match="belongs to tester"):
        bob.delete_link(link.id)
    with pytest.raises(AnnotatorError, match="not a reviewer"):
        store.review_link(link.id, "accepted")
    store.set_role("rev", "reviewer")
    reviewer = Store(store.engine, "rev")
    assert reviewer.review_link(link.id, "accepted").reviewer == "rev"


def test_link_types_are_defined_renamed_and_removed(store: Store, claim_and_ends) -> None:
    _document_id, spans = claim_and_ends
    store.add_link_type("said_at", ["claim"], ["location", "date"])
    with pytest.raises(LinkError, match="fitting types: time, said_at"):
        store.add_link(spans["claim"], spans["date"])
    store.add_link(spans["claim"], spans["date"], "said_at")
    store.rename_link_type("said_at", "venue")
    with pytest.raises(AnnotatorError, match="used by 1 link"):
        store.remove_link_type("venue")
    store.remove_link_type("place")
    assert [t.name for t in store.link_types()] == ["source", "time", "venue"]
    with pytest.raises(AnnotatorError, match="unknown label 'person'"):
        store.add_link_type("x", ["claim"], ["person"])
    with pytest.raises(AnnotatorError, match="must be one word"):
        store.add_link_type("said at", ["claim"], ["actor"])


def test_a_0002_database_migrates_to_links(tmp_path) -> None:
    import shutil
    from pathlib import Path

    old = tmp_path / "old.db"
    shutil.copy(Path(__file__).resolve().parents[1] / "data" / "migrations" / "0002.db", old)
    store = Store(open_database(f"sqlite:///{old}"), "tester")
    try:
        assert [t.name for t in store.link_types()] == ["source", "time", "place"]
        assert list(tmp_path.glob("old.backup-*.db"))
    finally:
        store.engine.dispose()
