"""The spans and texts that agreement is computed on, read in two queries."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from annotator.core.agreement import Unit
from annotator.core.link_agreement import End, LinkUnit
from annotator.store.base import StoreBase, annotators_t, documents_t, labels_t, spans_t


def agreement_input(store: StoreBase, labels: Sequence[str] = (), annotators: Sequence[str] = ()
                    ) -> tuple[dict[int, str], dict[int, str], list[Unit]]:
    """(text by document id, name by document id, spans as units) for the chosen labels/annotators;
    only documents that have such spans are read."""
    with store.read() as connection:
        label_names = {r.id: r.name for r in connection.execute(select(labels_t.c.id, labels_t.c.name))}
        people = {r.id: r.name for r in connection.execute(select(annotators_t.c.id, annotators_t.c.name))}
        query = select(spans_t.c.document_id, spans_t.c.start, spans_t.c.end, spans_t.c.label_id,
                       spans_t.c.annotator_id)
        if labels:
            query = query.where(spans_t.c.label_id.in_([i for i, n in label_names.items() if n in labels]))
        if annotators:
            query = query.where(spans_t.c.annotator_id.in_([i for i, n in people.items() if n in annotators]))
        units = [Unit(d, s, e, label_names[lb], people[a]) for d, s, e, lb, a in connection.execute(query)]
        ids = sorted({u.document_id for u in units})
        texts: dict[int, str] = {}
        names: dict[int, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for row in connection.execute(select(documents_t.c.id, documents_t.c.name, documents_t.c.text)
                                          .where(documents_t.c.id.in_(chunk))):
                texts[row.id] = row.text
                names[row.id] = row.name
    return texts, names, units


def link_agreement_input(store: StoreBase, annotators: Sequence[str] = ()
                         ) -> tuple[list[LinkUnit], list[tuple[str, int, End]]]:
    """Every link with its two ends (offsets and labels), and every span end by annotator, for
    ``core.link_agreement``."""
    from annotator.store.links import link_types_t, links_t

    source, target = spans_t.alias("source"), spans_t.alias("target")
    with store.read() as connection:
        label_names = {r.id: r.name for r in connection.execute(select(labels_t.c.id, labels_t.c.name))}
        people = {r.id: r.name for r in connection.execute(select(annotators_t.c.id, annotators_t.c.name))}
        rows = connection.execute(
            select(links_t.c.document_id, links_t.c.annotator_id, link_types_t.c.name, source.c.start, source.c.end,
                   source.c.label_id, target.c.start, target.c.end, target.c.label_id)
            .join(link_types_t, link_types_t.c.id == links_t.c.type_id)
            .join(source, source.c.id == links_t.c.from_span_id)
            .join(target, target.c.id == links_t.c.to_span_id)).all()
        links = [LinkUnit(d, people[a], t, (s1, e1, label_names[l1]), (s2, e2, label_names[l2]))
                 for d, a, t, s1, e1, l1, s2, e2, l2 in rows if not annotators or people[a] in annotators]
        documents = {link.document_id for link in links}
        ends = [(people[a], d, (s, e, label_names[lb])) for d, s, e, lb, a in connection.execute(
            select(spans_t.c.document_id, spans_t.c.start, spans_t.c.end, spans_t.c.label_id, spans_t.c.annotator_id)
            .where(spans_t.c.document_id.in_(sorted(documents))))] if documents else []
    return links, ends
