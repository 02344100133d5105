import pytest

from annotator.core.errors import AnnotatorError, SpanError
from annotator.core.model import LabelSpec
from annotator.store import Store, open_database


def word(store: Store, document_id: int, text: str) -> tuple[int, int]:
    start = store.document(document_id).text.index(text)
    return start, start + len(text)


def test_add_span_after_emoji_and_crlf_stores_exact_text(store: Store, document_id: int) -> None:
    for text, label in (("محمد", "actor"), ("١٥ مارس ٢٠٢٠", "date"), ("CNN", "actor")):
        span = store.add_span(document_id, *word(store, document_id, text), label)
        assert span.text == text
    stored = store.spans(document_id)
    document = store.document(document_id)
    assert [s.text for s in stored] == ["محمد", "١٥ مارس ٢٠٢٠", "CNN"]
    assert all(document.text[s.start:s.end] == s.text for s in stored)
    assert {s.annotator for s in stored} == {"tester"}


def test_nested_and_overlapping_spans_are_allowed(store: Store, document_id: int) -> None:
    claim = word(store, document_id, "«الاتفاق سيُوقَّع»")
    store.add_span(document_id, *claim, "claim")
    store.add_span(document_id, claim[0] + 1, claim[1] - 1, "claim")
    store.add_span(document_id, claim[0] + 1, claim[0] + 8, "actor")
    store.add_span(document_id, claim[0] + 5, claim[1], "location")
    assert len(store.spans(document_id)) == 4


def test_exact_duplicate_is_refused_but_another_annotator_may_have_it(store: Store, document_id: int) -> None:
    span = word(store, document_id, "بغداد")
    store.add_span(document_id, *span, "location")
    with pytest.raises(SpanError, match="already exists"):
        store.add_span(document_id, *span, "location")
    Store(store.engine, "salma").add_span(document_id, *span, "location")
    store.add_span(document_id, *span, "actor")
    assert len(store.spans(document_id)) == 3


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (4, 4), (5, 3), (0, 10_000)])
def test_bad_offsets_are_never_stored(store: Store, document_id: int, start: int, end: int) -> None:
    with pytest.raises(SpanError):
        store.add_span(document_id, start, end, "actor")
    assert store.spans(document_id) == []


def test_snapshot_must_match(store: Store, document_id: int) -> None:
    with pytest.raises(SpanError, match="does not match"):
        store.add_span(document_id, *word(store, document_id, "محمد"), "actor", snapshot="بغداد")
    assert store.spans(document_id) == []


def test_unknown_label_and_document_are_refused(store: Store, document_id: int) -> None:
    with pytest.raises(AnnotatorError, match="unknown label 'person'"):
        store.add_span(document_id, 0, 3, "person")
    with pytest.raises(AnnotatorError, match="no document"):
        store.add_span(document_id + 99, 0, 3, "actor")


def test_delete_relabel_and_restore(store: Store, document_id: int) -> None:
    span = store.add_span(document_id, *word(store, document_id, "بغداد"), "actor")
    relabelled = store.relabel_span(span.id, "location")
    assert relabelled.label == "location"
    assert store.span(span.id).label == "location"
    removed = store.delete_span(span.id)
    assert store.spans(document_id) == []
    store.restore_span(removed)
    assert store.span(span.id) == relabelled
    with pytest.raises(SpanError):
        store.delete_span(9999)


def test_relabel_onto_an_existing_twin_is_refused(store: Store, document_id: int) -> None:
    span = word(store, document_id, "بغداد")
    first = store.add_span(document_id, *span, "actor")
    store.add_span(document_id, *span, "location")
    with pytest.raises(SpanError, match="already exists"):
        store.relabel_span(first.id, "location")
    assert store.span(first.id).label == "actor"


def test_each_action_is_committed_at_once(db_url: str, store: Store, document_id: int) -> None:
    store.add_span(document_id, *word(store, document_id, "محمد"), "actor")
    other = Store(open_database(db_url), "someone-else")
    assert [s.text for s in other.spans(document_id)] == ["محمد"]


def test_default_labels_and_label_changes(store: Store, document_id: int) -> None:
    assert [(label.name, label.shortcut) for label in store.labels()] == [
        ("actor", "1"), ("location", "2"), ("date", "3"), ("claim", "4")]
    store.add_label(LabelSpec("event", "#123456", "5"))
    with pytest.raises(AnnotatorError, match="already used by label 'event'"):
        store.add_label(LabelSpec("org", "#123456", "5"))
    with pytest.raises(AnnotatorError, match="#rrggbb"):
        store.update_label("event", color="red")
    span = store.add_span(document_id, 0, 3, "event")
    store.update_label("event", new_name="incident", color="#abcdef")
    assert store.span(span.id).label == "incident"
    assert ("incident", "#abcdef") in [(label.name, label.color) for label in store.labels()]


def test_document_summaries_count_mine_and_others(store: Store, document_id: int) -> None:
    store.add_span(document_id, 0, 3, "actor")
    Store(store.engine, "salma").add_span(document_id, 0, 3, "actor")
    (summary,) = store.document_summaries()
    assert (summary.span_count, summary.my_span_count) == (2, 1)


def test_two_clients_writing_at_once_lose_nothing(db_url: str, store: Store, document_id: int) -> None:
    import threading

    text = store.document(document_id).text
    clients = [Store(open_database(db_url), name) for name in ("salma", "noura")]
    errors: list[Exception] = []

    def work(client: Store) -> None:
        try:
            for start in range(0, len(text) - 2):
                if not text[start].isspace():
                    client.add_span(document_id, start, start + 1, "actor")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    expected = sum(1 for start in range(0, len(text) - 2) if not text[start].isspace())
    spans = store.spans(document_id)
    assert len([s for s in spans if s.annotator == "salma"]) == expected
    assert len([s for s in spans if s.annotator == "noura"]) == expected


def test_a_label_renamed_by_another_user_is_resolved_in_the_transaction(db_url: str, store: Store,
                                                                        document_id: int) -> None:
    store.add_span(document_id, 13, 17, "actor")  # alice's store has cached the label ids by now
    other = Store(open_database(db_url), "reviewer")
    try:
        other.update_label("actor", new_name="person")
        other.add_label(LabelSpec("actor", "#123456", None, "a new actor"))
    finally:
        other.engine.dispose()
    span = store.add_span(document_id, 21, 26, "actor")
    stored = {(s.start, s.label) for s in store.spans(document_id)}
    assert span.label == "actor" and (21, "actor") in stored and (13, "person") in stored


def test_a_note_that_cannot_be_exported_is_refused_by_the_store(store: Store, document_id: int) -> None:
    store.set_role("tester", "reviewer")
    span = store.add_span(document_id, 13, 17, "actor")
    with pytest.raises(SpanError, match="surrogate"):
        store.review_span(span.id, "rejected", "x\ud800")
    with pytest.raises(SpanError, match="NUL"):
        store.add_span(document_id, 21, 26, "location", note="a\x00b")
    with pytest.raises(AnnotatorError, match="control character"):
        Store(store.engine, "bob\x1b[31m")


def test_the_span_a_write_returns_is_the_span_stored(store: Store, document_id: int) -> None:
    """Every field the window keeps from a write's answer (note, origin, status ...) is what was stored."""
    start, end = word(store, document_id, "محمد")
    added = store.add_span(document_id, start, end, "actor", note="الاسم الكامل", origin="suggestion:matcher")
    assert [added] == store.spans(document_id)
    assert (added.note, added.origin, added.status, added.text) == (
        "الاسم الكامل", "suggestion:matcher", "draft", "محمد")
    relabelled = store.relabel_span(added.id, "location")
    assert [relabelled] == store.spans(document_id)
    assert (relabelled.note, relabelled.origin, relabelled.label) == ("الاسم الكامل", "suggestion:matcher", "location")
