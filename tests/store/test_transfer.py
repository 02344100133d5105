import tracemalloc
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.formats.jsonl import read_jsonl
from annotator.core.model import DocumentRecord, SpanRecord
from annotator.store import Store
from annotator.store.transfer import ExportFilter, collect_stats, import_records, iter_export

DATA = Path(__file__).resolve().parents[1] / "data"


def test_import_is_idempotent_by_sha256(store: Store) -> None:
    records = list(read_jsonl(DATA / "edge_cases.jsonl"))
    first = import_records(store, "edge.jsonl", records)
    second = import_records(store, "edge.jsonl", records)
    assert (first.documents_new, first.spans_new) == (3, 9)
    assert (second.documents_new, second.documents_existing, second.spans_new, second.spans_existing) == (0, 3, 0, 9)
    renamed = [DocumentRecord(name="other name", text=records[0].text, spans=records[0].spans)]
    assert import_records(store, "again.jsonl", renamed).documents_new == 0
    assert collect_stats(store)["spans"] == 9


def test_spans_without_annotator_belong_to_the_importing_user(store: Store) -> None:
    import_records(store, "edge.jsonl", list(read_jsonl(DATA / "edge_cases.jsonl")))
    annotators = collect_stats(store)["annotators"]
    assert annotators == {"salma": 1, "tester": 8}


def test_unknown_label_writes_nothing_of_the_file(store: Store) -> None:
    records = [
        DocumentRecord(name="a", text="في دمشق", spans=[SpanRecord(3, 7, "location")], line=1),
        DocumentRecord(name="b", text="قال محمد", spans=[SpanRecord(4, 8, "PER")], line=2),
    ]
    with pytest.raises(InputError, match="unknown label 'PER'") as caught:
        import_records(store, "mixed.jsonl", records)
    assert caught.value.line == 2
    assert collect_stats(store)["documents"] == 0
    result = import_records(store, "mixed.jsonl", records, add_labels=True)
    assert result.spans_new == 2
    assert "PER" in [label.name for label in store.labels()]


def test_failed_import_does_not_poison_cached_ids(store: Store) -> None:
    bad = [DocumentRecord(name="a", text="في دمشق", spans=[SpanRecord(3, 7, "location", annotator="ghost"),
                                                            SpanRecord(0, 2, "nope")], line=1)]
    with pytest.raises(InputError):
        import_records(store, "bad.jsonl", bad)
    good = [DocumentRecord(name="a", text="في دمشق", spans=[SpanRecord(3, 7, "location", annotator="ghost")])]
    assert import_records(store, "good.jsonl", good).spans_new == 1


def _import_edge_cases(store: Store) -> None:
    records = list(read_jsonl(DATA / "edge_cases.jsonl"))
    import_records(store, "edge.jsonl", records)
    spans = store.spans(1)
    store.relabel_span(spans[0].id, "actor")


def test_export_keeps_every_span_equal_to_its_slice(store: Store) -> None:
    _import_edge_cases(store)
    documents = list(iter_export(store))
    assert [d.name for d in documents] == ["emoji-nested", "crlf", "tashkeel"]
    assert sum(len(d.spans) for d in documents) == 9
    for document in documents:
        assert [(s.start, s.end) for s in document.spans] == sorted((s.start, s.end) for s in document.spans)
        for span in document.spans:
            assert document.text[span.start:span.end] == span.text


def test_export_lists_spans_by_offsets_then_in_the_order_they_were_added(db_url: str, store: Store) -> None:
    """The spans come from the database in the identity index's order (offsets, label, annotator); those
    with the same offsets go out in the order they were added, whatever their labels and annotators."""
    from annotator.store import open_database

    text = "قال الرئيس في بغداد يوم الاثنين"
    document_id = import_records(store, "order", [DocumentRecord(name="order", text=text)]).document_ids[0]
    other = Store(open_database(db_url), "salma")
    added = [(store, 4, 10, "claim"), (other, 4, 10, "actor"), (store, 14, 19, "location"), (store, 4, 10, "date"),
             (store, 0, 3, "claim"), (store, 4, 10, "actor"), (store, 0, 3, "actor")]
    ids = [writer.add_span(document_id, start, end, label).id for writer, start, end, label in added]
    assert ids == sorted(ids)
    (document,) = iter_export(store)
    assert [(s.start, s.end, s.label, s.annotator) for s in document.spans] == [
        (0, 3, "claim", "tester"), (0, 3, "actor", "tester"),
        (4, 10, "claim", "tester"), (4, 10, "actor", "salma"), (4, 10, "date", "tester"), (4, 10, "actor", "tester"),
        (14, 19, "location", "tester")]
    other.engine.dispose()


def test_export_filters(store: Store) -> None:
    _import_edge_cases(store)
    by_salma = list(iter_export(store, ExportFilter(annotators=["salma"])))
    assert [(d.name, [s.text for s in d.spans]) for d in by_salma] == [("emoji-nested", ["«الاتفاق سيُوقَّع»"])]
    locations = list(iter_export(store, ExportFilter(labels=["location"], all_documents=True)))
    assert [len(d.spans) for d in locations] == [1, 2, 0]
    assert list(iter_export(store, ExportFilter(statuses=["accepted"]))) == []


def test_export_streams_with_flat_memory(store: Store) -> None:
    text = "قال الرئيس محمد في بغداد يوم الخميس " * 20
    records = [DocumentRecord(name=f"d{i}", text=f"{i} {text}",
                              spans=[SpanRecord(s, s + 3, "actor") for s in range(5, 600, 6)])
               for i in range(400)]
    import_records(store, "many", records)

    def peak(limit: int) -> int:
        tracemalloc.start()
        count = 0
        for index, _document in enumerate(iter_export(store)):
            count += 1
            if index + 1 == limit:
                break
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(40), peak(400)
    # Ten times the documents must not take anything like ten times the memory.
    assert large < small * 3
