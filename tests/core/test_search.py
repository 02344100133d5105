"""Search across documents: Arabic-aware whole-word text matches, span texts, labels and link ends."""

from __future__ import annotations

from annotator.core.search import Query, SearchSpan, parse_query, search_spans, search_texts

DOCS = {1: "وصل الرئيسُ إلى بغداد أمس", 2: "😀\r\nقال أحمد إن وبغداد هادئة، وليس بغدادي", 3: "لا شيء هنا"}


def test_query_words_are_parsed() -> None:
    assert parse_query('label:claim source:"محمد علي"') == Query("", "claim", "محمد علي")
    assert parse_query("بغداد link:x") == Query("بغداد", None, "x")
    assert parse_query('قال "أحمد') == Query('قال "أحمد')


def test_text_hits_are_whole_words_arabic_aware_and_slice_the_stored_text() -> None:
    hits = search_texts(Query("بغداد"), DOCS.items())
    assert [(h.document_id, h.match) for h in hits] == [(1, "بغداد"), (2, "بغداد")]  # not بغدادي
    for hit in hits:
        assert DOCS[hit.document_id][hit.start:hit.end] == hit.match
        assert hit.before.endswith(DOCS[hit.document_id][:hit.start][-len(hit.before):].replace("\n", " "))
    assert [h.match for h in search_texts(Query("احمد"), DOCS.items())] == ["أحمد"]  # hamza ignored
    assert [h.match for h in search_texts(Query("الرئيس"), DOCS.items())] == ["الرئيسُ"]  # tashkeel kept inside


def test_spans_by_text_label_and_linked_source() -> None:
    spans = [SearchSpan(10, 2, 6, 10, "actor", "أحمد"), SearchSpan(11, 2, 14, 20, "claim", "وبغداد هادئة"),
             SearchSpan(12, 1, 16, 21, "location", "بغداد")]
    links = [(11, 10)]
    hits = search_spans(parse_query("label:claim source:احمد"), spans, links, DOCS)
    assert [(h.document_id, h.label, h.start, h.end) for h in hits] == [(2, "claim", 14, 20)]
    assert search_spans(parse_query("label:claim source:سامي"), spans, links, DOCS) == []
    by_text = search_spans(parse_query("بغداد"), spans, links, DOCS)
    assert sorted(h.label for h in by_text) == ["claim", "location"]
    assert [h.label for h in search_spans(parse_query("label:location"), spans, links, DOCS)] == ["location"]
