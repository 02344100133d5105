"""What a search across documents reads: every document's text, every span, and the link pairs, in three
queries (the search itself is ``core.search``)."""

from __future__ import annotations

from sqlalchemy import select

from annotator.core.search import SearchSpan
from annotator.store.base import StoreBase, documents_t, spans_t


def search_input(store: StoreBase) -> tuple[dict[int, str], dict[int, str], list[SearchSpan], list[tuple[int, int]]]:
    """(text by document id, name by document id, spans, link pairs); rejected spans left out."""
    from annotator.store.links import links_t

    with store.read() as connection:
        store._reload_labels(connection)
        labels = store._label_names
        texts, names = {}, {}
        for document_id, name, text in connection.execute(
                select(documents_t.c.id, documents_t.c.name, documents_t.c.text).order_by(documents_t.c.id)):
            texts[document_id], names[document_id] = text, name
        spans = [SearchSpan(i, d, s, e, labels[lb], t) for i, d, s, e, lb, t in connection.execute(
            select(spans_t.c.id, spans_t.c.document_id, spans_t.c.start, spans_t.c.end, spans_t.c.label_id,
                   spans_t.c.text).where(spans_t.c.status != "rejected")
            .order_by(spans_t.c.document_id, spans_t.c.start, spans_t.c.id))]
        links = [(a, b) for a, b in connection.execute(select(links_t.c.from_span_id, links_t.c.to_span_id)
                                                       .where(links_t.c.status != "rejected"))]
    return texts, names, spans, links
