import pytest

from annotator.core.errors import AnnotatorError, SpanError
from annotator.store import Store
from annotator.store.spans import PermissionDenied


def word(store: Store, document_id: int, text: str) -> tuple[int, int]:
    start = store.document(document_id).text.index(text)
    return start, start + len(text)


@pytest.fixture
def salma(store: Store) -> Store:
    return Store(store.engine, "salma")


@pytest.fixture
def reviewer(store: Store) -> Store:
    store.set_role("noura", "reviewer")
    return Store(store.engine, "noura")


def test_annotators_change_only_their_own_spans(store: Store, salma: Store, document_id: int) -> None:
    theirs = salma.add_span(document_id, *word(store, document_id, "بغداد"), "location")
    with pytest.raises(PermissionDenied, match="belongs to salma"):
        store.delete_span(theirs.id)
    with pytest.raises(PermissionDenied):
        store.relabel_span(theirs.id, "actor")
    with pytest.raises(PermissionDenied, match="another annotator's name"):
        store.add_span(document_id, 0, 3, "actor", annotator="salma")
    assert store.span(theirs.id) == theirs


def test_review_needs_the_reviewer_role(store: Store, salma: Store, reviewer: Store, document_id: int) -> None:
    span = salma.add_span(document_id, *word(store, document_id, "محمد"), "actor")
    with pytest.raises(PermissionDenied, match="not a reviewer"):
        salma.review_span(span.id, "accepted")
    accepted = reviewer.review_span(span.id, "accepted", "clear case")
    assert (accepted.status, accepted.reviewer, accepted.note) == ("accepted", "noura", "clear case")
    assert store.span(span.id).status == "accepted"
    edited = reviewer.edit_span(span.id, start=span.start - 7)  # a reviewer may fix others' boundaries
    assert edited.text == "الرئيس محمد"


def test_roles_once_granted_are_guarded(store: Store, reviewer: Store) -> None:
    with pytest.raises(AnnotatorError, match="only reviewers may change roles"):
        store.set_role("tester", "reviewer")
    reviewer.set_role("tester", "reviewer")
    assert ("tester", "reviewer", 0) in store.users()
    with pytest.raises(AnnotatorError, match="unknown role"):
        reviewer.set_role("tester", "boss")


def test_every_change_is_in_the_history(store: Store, document_id: int) -> None:
    span = store.add_span(document_id, *word(store, document_id, "بغداد"), "actor")
    store.relabel_span(span.id, "location")
    store.edit_span(span.id, start=span.start - 3)
    store.delete_span(span.id)
    history = store.history(document_id)
    assert [h["action"] for h in history] == ["add", "relabel", "edit", "delete"]
    assert all(h["actor"] == "tester" for h in history)
    assert history[1]["before"]["label"] == "actor" and history[1]["after"]["label"] == "location"
    assert history[3]["before"]["text"] == "في بغداد" and history[3]["after"] is None


def test_revert_and_redo_through_history(store: Store, document_id: int) -> None:
    span = store.add_span(document_id, *word(store, document_id, "بغداد"), "actor")
    relabel_id = (store.relabel_span(span.id, "location"), store.last_change_id)[1]
    before, after = store.revert(relabel_id)
    assert (before.label, after.label) == ("location", "actor")
    undo_id = store.last_change_id
    store.revert(undo_id, "redo")
    assert store.span(span.id).label == "location"


def test_undo_after_a_restart_walks_back_my_changes(db_url: str, store: Store, salma: Store,
                                                    document_id: int) -> None:
    first = store.add_span(document_id, *word(store, document_id, "محمد"), "actor")
    second = store.add_span(document_id, *word(store, document_id, "بغداد"), "location")
    store.delete_span(first.id)
    salma.add_span(document_id, *word(store, document_id, "CNN"), "actor")
    restarted = Store(store.engine, "tester")
    restarted.undo_last(document_id)  # the delete
    assert restarted.span(first.id) is not None
    restarted.undo_last(document_id)  # adding the second
    assert restarted.span(second.id) is None
    restarted.undo_last(document_id)  # adding the first
    assert [s.annotator for s in restarted.spans(document_id)] == ["salma"]
    assert restarted.undo_last(document_id) is None


def test_revert_is_refused_when_the_span_changed_since(store: Store, reviewer: Store, document_id: int) -> None:
    span = store.add_span(document_id, *word(store, document_id, "بغداد"), "actor")
    add_id = store.last_change_id
    reviewer.relabel_span(span.id, "location")
    with pytest.raises(SpanError, match="changed since"):
        store.revert(add_id)
    assert store.span(span.id).label == "location"
