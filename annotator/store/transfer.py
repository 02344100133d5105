"""Bulk work on the store: importing one file's documents, streaming an export, counting."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain
from operator import attrgetter
from pathlib import Path

from sqlalchemy import Connection, exists, func, insert, select

from annotator.core.errors import AnnotatorError, InputError, printable_path
from annotator.core.formats.base import ExportDocument
from annotator.core.links import LinkRecord
from annotator.core.model import DocumentRecord, ImportResult, SpanRecord
from annotator.core.spans import checked_chunks
from annotator.core.text import text_sha256
from annotator.store.bulk import driver_sql, insert_rows, insert_tuples
from annotator.store.links import link_types_t, links_t
from annotator.store.models import utcnow
from annotator.store.project import states_t
from annotator.store.store import Store, annotators_t, documents_t, history_t, labels_t, spans_t

# A chunk of records to store: the records, their texts' sha256 (None: computed here), their texts as
# UTF-8 (None: the records' own; see ``import_chunks``).
ImportChunk = tuple[Sequence[DocumentRecord], list[str] | None, list[bytes] | None]

# Colours for labels added on import (--add-labels), distinct from the default four.
_EXTRA_COLORS = ("#457b9d", "#9b5de5", "#f15bb5", "#00bbf9", "#b5838d", "#6d597a", "#ffb703", "#219ebc")


def import_records(store: Store, path: Path | str, records: Iterable[DocumentRecord], *,
                   add_labels: bool = False) -> ImportResult:
    """Store one file's documents and spans in one transaction: all of it, or (on error) nothing.

    Records are taken a chunk at a time (a reader that yields them as it reads keeps memory flat however
    large the file); a bad record anywhere rolls the whole file back. Documents already stored (same
    sha256) are not added again; spans already stored are skipped. Spans without an annotator belong to
    the importing user.
    """
    return import_chunks(store, path, ((chunk, None, None) for chunk in checked_chunks(path, records)),
                         add_labels=add_labels)


def import_chunks(store: Store, path: Path | str, chunks: Iterable[ImportChunk], *,
                  add_labels: bool = False) -> ImportResult:
    """``import_records`` for records already checked by ``record_problem`` (``checked_chunks``), a chunk
    at a time, each with its texts' sha256 when known (None: computed here), and perhaps the texts as
    UTF-8 (then the records' own ``text`` is not read, and each span carries its text). The import reader
    process checks and hashes a chunk while this process stores the one before; what needs the database
    (labels known, who may import what) is decided here."""
    result = ImportResult()
    with store.write() as connection:
        others_allowed = may_act_for_others(store, connection)
        known = {row.name for row in connection.execute(select(labels_t.c.name))}
        for chunk, hashes, texts in chunks:
            if not others_allowed:
                chunk, made_mine = _as_importers_drafts(chunk, store.user)
                result.spans_made_mine += made_mine
            for record in chunk:
                for span in record.spans:
                    if span.label in known:
                        continue
                    if not add_labels:
                        raise InputError(path, record.line, f"unknown label {span.label!r} in document {record.name!r} "
                                         f"(known: {', '.join(sorted(known))}; map it or use --add-labels)")
                    color = _EXTRA_COLORS[(len(known) - 4) % len(_EXTRA_COLORS)]
                    connection.execute(insert(labels_t).values(name=span.label, color=color, shortcut=None,
                                                               description="added on import"))
                    known.add(span.label)
            if add_labels:
                define_link_types(store, connection, chunk)
            _store_documents(store, connection, path, chunk, result, hashes, texts)
    return result


_CHUNK = 500  # ids or hashes per IN (...) list


def _store_links(store: Store, connection: Connection, path: Path | str,
                 linked: list[tuple[DocumentRecord, int]], result: ImportResult) -> None:
    """The links of the documents just stored, between their stored spans. A link type must exist (import
    with --add-labels defines it first) and allow the labels at its ends; a link already stored is skipped."""
    types = {t.name: t for t in store.link_types(connection)}
    type_ids = dict(connection.execute(select(link_types_t.c.name, link_types_t.c.id)).all())
    now = utcnow()
    rows = []
    for record, document_id in linked:
        stored_spans = {tuple(key): span_id for span_id, *key in connection.execute(
            select(spans_t.c.id, spans_t.c.start, spans_t.c.end, spans_t.c.label_id, spans_t.c.annotator_id)
            .where(spans_t.c.document_id == document_id))}
        existing = {tuple(row) for row in connection.execute(
            select(links_t.c.from_span_id, links_t.c.to_span_id, links_t.c.type_id, links_t.c.annotator_id)
            .where(links_t.c.document_id == document_id))}

        def stored_id(span: SpanRecord, stored: dict[tuple, int] = stored_spans) -> int:  # type: ignore[type-arg]
            return stored[(span.start, span.end, store.label_id(connection, span.label),
                           store.annotator_id(connection, span.annotator or store.user))]

        for number, link in enumerate(record.links, start=1):
            source, target = record.spans[int(link.from_id)], record.spans[int(link.to_id)]
            link_type = types.get(link.type)
            if link_type is None:
                raise InputError(path, record.line, f"relation {number}: unknown link type {link.type!r} (known: "
                                 f"{', '.join(types)}; map it with --map, or --add-labels to define it)")
            if not link_type.allows(source.label, target.label):
                raise InputError(path, record.line, f"relation {number}: a {link.type} link goes from "
                                 f"{'/'.join(link_type.from_labels)} to {'/'.join(link_type.to_labels)}, not from "
                                 f"{source.label} to {target.label}")
            key = (stored_id(source), stored_id(target), type_ids[link.type],
                   store.annotator_id(connection, link.annotator or store.user))
            if key in existing:
                result.links_existing += 1
                continue
            existing.add(key)
            rows.append(dict(document_id=document_id, from_span_id=key[0], to_span_id=key[1], type_id=key[2],
                             annotator_id=key[3], status=link.status, note=link.note, created_at=now, updated_at=now))
    if rows:
        connection.execute(insert(links_t), rows)
        result.links_new += len(rows)


def define_link_types(store: Store, connection: Connection, records: Sequence[DocumentRecord]) -> None:
    """--add-labels: a link type not yet known is defined with the labels it was seen between."""
    known = {t.name for t in store.link_types(connection)}
    seen: dict[str, tuple[set[str], set[str]]] = {}
    for record in records:
        for link in record.links:
            if link.type not in known:
                ends = seen.setdefault(link.type, (set(), set()))
                ends[0].add(record.spans[int(link.from_id)].label)
                ends[1].add(record.spans[int(link.to_id)].label)
    for name, (from_labels, to_labels) in seen.items():
        connection.execute(insert(link_types_t).values(name=name, from_labels=sorted(from_labels),
                                                       to_labels=sorted(to_labels), description="added on import"))


def may_act_for_others(store: Store, connection: Connection) -> bool:
    """Spans in other people's names or with a review status, and label renames, are a reviewer's: once
    the database has a reviewer, only reviewers may (a personal file with no reviewer has no one to ask)."""
    reviewers = connection.scalar(select(func.count()).select_from(annotators_t)
                                  .where(annotators_t.c.role == "reviewer")) or 0
    return reviewers == 0 or store.role(connection) == "reviewer"


def _as_importers_drafts(records: Sequence[DocumentRecord], user: str) -> tuple[list[DocumentRecord], int]:
    """The records with every span in another name or with a review status made the importing user's draft."""
    changed = 0
    out = []
    for record in records:
        spans = []
        for span in record.spans:
            if span.annotator not in (None, user) or span.status != "draft":
                span = SpanRecord(span.start, span.end, span.label, span.text, None, "draft", span.note)
                changed += 1
            spans.append(span)
        links = []
        for link in record.links:
            if link.annotator not in (None, user) or link.status != "draft":
                link = replace(link, annotator=None, status="draft")
                changed += 1
            links.append(link)
        out.append(DocumentRecord(record.name, record.text, spans, record.meta, record.line, links))
    return out, changed


def _store_documents(store: Store, connection: Connection, path: Path | str, records: Sequence[DocumentRecord],
                     result: ImportResult, hashes: list[str] | None = None, texts: list[bytes] | None = None) -> None:
    """The documents and spans of one file in a few statements: one look-up of the known hashes, one
    insert of the new documents, one look-up of the spans already on the known ones, one insert of
    the new spans (thousands of per-document statements cost four times the database's own work)."""
    if hashes is None:
        hashes = [text_sha256(record.text) for record in records]
    ids = _ids_by_hash(connection, list(dict.fromkeys(hashes)))
    already = set(ids.values())
    now = utcnow()
    source = printable_path(path)
    new_rows = {}
    stored_texts: Sequence[str | bytes] = texts if texts is not None else [record.text for record in records]
    for record, sha, text in zip(records, hashes, stored_texts, strict=True):
        if sha not in ids and sha not in new_rows:
            new_rows[sha] = dict(name=record.name, text=text, sha256=sha, source_path=source,
                                 created_at=now, meta=record.meta)
    if new_rows:
        # One executemany, then the new ids by hash: RETURNING with ordered rows made SQLite run one
        # INSERT per document.
        insert_rows(connection, documents_t, list(new_rows.values()), utf8=("text",) if texts is not None else ())
        ids.update(_ids_by_hash(connection, list(new_rows)))
    existing: dict[int, set[tuple[int, int, int, int]]] = {}
    known_ids = sorted(already)
    for start in range(0, len(known_ids), _CHUNK):
        for document_id, *key in connection.execute(
                select(spans_t.c.document_id, spans_t.c.start, spans_t.c.end, spans_t.c.label_id,
                       spans_t.c.annotator_id).where(spans_t.c.document_id.in_(known_ids[start:start + _CHUNK]))):
            existing.setdefault(document_id, set()).add(tuple(key))  # type: ignore[arg-type]
    span_rows = []
    seen_new: set[str] = set()
    # The store's look-ups, once per name in this chunk rather than once per span.
    label_ids: dict[str, int] = {}
    annotator_ids: dict[str | None, int] = {}
    for record, sha in zip(records, hashes, strict=True):
        document_id = ids[sha]
        if document_id in already or sha in seen_new:
            result.documents_existing += 1
        else:
            result.documents_new += 1
            seen_new.add(sha)
        result.document_ids.append(document_id)
        keys = existing.setdefault(document_id, set())
        for span in record.spans:
            label_id = label_ids.get(span.label)
            if label_id is None:
                label_id = label_ids[span.label] = store.label_id(connection, span.label)
            annotator_id = annotator_ids.get(span.annotator)
            if annotator_id is None:
                annotator_id = annotator_ids[span.annotator] = store.annotator_id(connection,
                                                                                   span.annotator or store.user)
            key = (span.start, span.end, label_id, annotator_id)
            if key in keys:
                result.spans_existing += 1
                continue
            keys.add(key)
            span_text = span.text if span.text is not None else record.text[span.start:span.end]
            span_rows.append((document_id, span.start, span.end, label_id, span_text,
                              annotator_id, span.status, span.note, now, now, span.origin))
    if span_rows:
        insert_tuples(connection, spans_t, _SPAN_COLUMNS, span_rows)
        result.spans_new += len(span_rows)
    linked = [(record, ids[sha]) for record, sha in zip(records, hashes, strict=True) if record.links]
    if linked:
        _store_links(store, connection, path, linked, result)
    _record_import(store, connection, path, span_rows, now)


def _ids_by_hash(connection: Connection, hashes: list[str]) -> dict[str, int]:
    """The ids of the stored documents with these sha256, a few hundred per statement. Written for the
    driver: Core compiling an IN list of 500 parameters, twice per chunk, cost more than the look-up."""
    ids: dict[str, int] = {}
    for start in range(0, len(hashes), _CHUNK):
        chunk = hashes[start:start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        sql = driver_sql(connection, f"SELECT sha256, id FROM documents WHERE sha256 IN ({marks})")
        ids.update(connection.exec_driver_sql(sql, tuple(chunk)).all())
    return ids


_SPAN_COLUMNS = ("document_id", "start", "end", "label_id", "text", "annotator_id", "status", "note", "created_at",
                 "updated_at", "origin")


def _record_import(store: Store, connection: Connection, path: Path | str, span_rows: list[tuple],  # type: ignore[type-arg]
                   now: object) -> None:
    """One history entry per document the import added spans to: who, when, from which file, how many. An
    import is not undone from the history; the entry says what came in and from where."""
    counts: dict[int, int] = {}
    for row in span_rows:
        counts[row[0]] = counts.get(row[0], 0) + 1
    if not counts:
        return
    actor = store.annotator_id(connection, store.user)
    source = printable_path(path)
    # Documents with as many new spans share one entry object: insert_rows writes its JSON once.
    after: dict[int, dict[str, object]] = {}
    insert_rows(connection, history_t, [
        dict(span_id=0, document_id=document_id, action="import", actor_id=actor, at=now, before=None,
             after=after.setdefault(count, {"kind": "import", "source": source, "spans": count}),
             reverted=False)
        for document_id, count in counts.items()])


NOT_REJECTED = ("draft", "accepted")


@dataclass
class ExportFilter:
    """Which spans an export writes. No statuses means every span nobody rejected: rejected spans reach
    a file only when asked for by name."""

    annotators: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    all_documents: bool = False
    # Only finished work: each annotator's spans in the documents they marked finished (a finished
    # document with no span is written too: the annotator found nothing there). For the gold layer
    # (accepted spans only), the documents with no open disagreement left.
    finished: bool = False

    @property
    def chosen_statuses(self) -> list[str]:
        return list(self.statuses) or list(NOT_REJECTED)

    @property
    def gold_layer(self) -> bool:
        return self.chosen_statuses == ["accepted"]

    @property
    def active(self) -> bool:
        """Whether documents without a chosen span are left out (unless ``all_documents``): with an
        annotator or label filter, or a status filter narrower than "not rejected"."""
        return bool(self.annotators or self.labels or not set(NOT_REJECTED) <= set(self.chosen_statuses))


def iter_export(store: Store, export_filter: ExportFilter | None = None,
                batch: int = 500) -> Iterator[ExportDocument]:
    """Documents in id order with their chosen spans, streamed: two ordered cursors merged, so memory
    stays flat however many documents and spans there are.

    With a filter, only documents that have a matching span are written, unless ``all_documents``.
    """
    wanted = export_filter or ExportFilter()
    resolved = store.resolved_documents() if wanted.finished and wanted.gold_layer else None
    with store.read() as connection:
        label_names, annotator_names, conditions = _span_conditions(connection, wanted)
        conditions.append(spans_t.c.status.in_(wanted.chosen_statuses))
        link_conditions = [links_t.c.status.in_(wanted.chosen_statuses)]
        finished_documents = None
        if resolved is not None:
            conditions.append(spans_t.c.document_id.in_(sorted(resolved)))
            finished_documents = select(spans_t.c.document_id).where(*conditions)
        elif wanted.finished:
            conditions.append(_finished_by(spans_t.c.document_id, spans_t.c.annotator_id))
            link_conditions.append(_finished_by(links_t.c.document_id, links_t.c.annotator_id))
            by_chosen = [states_t.c.state == "finished"]
            if wanted.annotators:
                by_chosen.append(states_t.c.annotator_id.in_(
                    [i for i, n in annotator_names.items() if n in wanted.annotators]))
            finished_documents = select(states_t.c.document_id).where(*by_chosen)

        span_rows = connection.execution_options(yield_per=batch).execute(
            select(spans_t.c.document_id, spans_t.c.start, spans_t.c.end, spans_t.c.label_id, spans_t.c.text,
                   spans_t.c.annotator_id, spans_t.c.status, spans_t.c.note, spans_t.c.id, spans_t.c.origin)
            .where(*conditions)
            # The identity constraint's order, which its index gives without sorting (ordering by id after
            # the offsets made SQLite sort each run of equal offsets: twice the query's time). Spans with
            # the same offsets are put back in id order below.
            .order_by(spans_t.c.document_id, spans_t.c.start, spans_t.c.end, spans_t.c.label_id,
                      spans_t.c.annotator_id)
        )
        link_rows = connection.execution_options(yield_per=batch).execute(
            select(links_t.c.document_id, links_t.c.id, link_types_t.c.name, links_t.c.from_span_id,
                   links_t.c.to_span_id, links_t.c.annotator_id, links_t.c.status)
            .join(link_types_t, link_types_t.c.id == links_t.c.type_id)
            .where(*link_conditions)
            .order_by(links_t.c.document_id, links_t.c.id)
        )
        document_query = select(documents_t.c.id, documents_t.c.name, documents_t.c.text, documents_t.c.sha256,
                                documents_t.c.meta).order_by(documents_t.c.id)
        if finished_documents is not None:
            document_query = document_query.where(documents_t.c.id.in_(finished_documents))
        elif wanted.active and not wanted.all_documents:
            document_query = document_query.where(
                documents_t.c.id.in_(select(spans_t.c.document_id).where(*conditions))
            )
        document_rows = connection.execution_options(yield_per=batch).execute(document_query)

        # Rows are unpacked by position: reading a million rows' fields by name costs more than the query.
        # And taken a batch at a time (partitions): row by row, SQLAlchemy's fetchone per row cost more
        # than SQLite's own fetching.
        span_tuples = chain.from_iterable(span_rows.partitions())
        link_tuples = chain.from_iterable(link_rows.partitions())
        pending, pending_link = next(span_tuples, None), next(link_tuples, None)
        for document_id, name, text, sha256, meta in chain.from_iterable(document_rows.partitions()):
            spans: list[SpanRecord] = []
            last_start = last_end = last_id = -1
            by_id = True
            while pending is not None and pending[0] <= document_id:
                owner, start, end, label_id, span_text, annotator_id, status, note, span_id, origin = pending
                if owner == document_id:
                    if start == last_start and end == last_end and span_id < last_id:
                        by_id = False
                    last_start, last_end, last_id = start, end, span_id
                    spans.append(_new(SpanRecord, (start, end, label_names[label_id], span_text,
                                                   annotator_names[annotator_id], status, note, span_id, origin)))
                pending = next(span_tuples, None)
            if not by_id:
                spans.sort(key=_OFFSETS_AND_ID)
            links: list[LinkRecord] = []
            kept = {span.id for span in spans}
            while pending_link is not None and pending_link[0] <= document_id:
                owner, link_id, type_name, from_id, to_id, annotator_id, status = pending_link
                # A link goes out only with both its ends (a label or annotator filter may drop one).
                if owner == document_id and from_id in kept and to_id in kept:
                    links.append(LinkRecord(from_id, to_id, type_name, annotator_names[annotator_id], status, link_id))
                pending_link = next(link_tuples, None)
            yield ExportDocument(name, text, sha256, spans, dict(meta or {}), links)


_OFFSETS_AND_ID = attrgetter("start", "end", "id")
_new = tuple.__new__  # a SpanRecord from its fields in one C call, without the named tuple's own __new__


def _finished_by(document_column, annotator_column):  # type: ignore[no-untyped-def]
    """Whether the row's annotator marked the row's document finished."""
    return exists().where(states_t.c.document_id == document_column, states_t.c.annotator_id == annotator_column,
                          states_t.c.state == "finished")


def _span_conditions(connection: Connection, wanted: ExportFilter) -> tuple[dict[int, str], dict[int, str], list]:
    """Label and annotator names by id, and the WHERE conditions of the label and annotator filters."""
    label_names = {r.id: r.name for r in connection.execute(select(labels_t.c.id, labels_t.c.name))}
    annotator_names = {r.id: r.name for r in connection.execute(select(annotators_t.c.id, annotators_t.c.name))}
    conditions = []
    for values, column, names in ((wanted.labels, spans_t.c.label_id, label_names),
                                  (wanted.annotators, spans_t.c.annotator_id, annotator_names)):
        if values:
            unknown = set(values) - set(names.values())
            if unknown and column is spans_t.c.label_id:
                raise AnnotatorError(f"unknown label(s): {', '.join(sorted(unknown))}")
            conditions.append(column.in_([i for i, n in names.items() if n in values]))
    return label_names, annotator_names, conditions


def rejected_left_out(store: Store, export_filter: ExportFilter) -> int:
    """How many rejected spans the filter leaves out (so the export can say so)."""
    if "rejected" in export_filter.chosen_statuses:
        return 0
    with store.read() as connection:
        _labels, _annotators, conditions = _span_conditions(connection, export_filter)
        return connection.scalar(select(func.count()).select_from(spans_t)
                                 .where(spans_t.c.status == "rejected", *conditions)) or 0


def collect_stats(store: Store) -> dict[str, object]:
    with store.read() as connection:
        documents = connection.scalar(select(func.count()).select_from(documents_t)) or 0
        spans = connection.scalar(select(func.count()).select_from(spans_t)) or 0
        label_rows = connection.execute(select(labels_t.c.name).order_by(labels_t.c.id))
        per_label = dict.fromkeys((r.name for r in label_rows), 0)
        for name, count in connection.execute(
            select(labels_t.c.name, func.count()).join(spans_t, spans_t.c.label_id == labels_t.c.id)
            .group_by(labels_t.c.name)
        ):
            per_label[name] = count
        per_annotator = dict(connection.execute(
            select(annotators_t.c.name, func.count()).join(spans_t, spans_t.c.annotator_id == annotators_t.c.id)
            .group_by(annotators_t.c.name).order_by(annotators_t.c.name)
        ).all())
        per_status = {"draft": 0, "accepted": 0, "rejected": 0}
        status_rows = connection.execute(select(spans_t.c.status, func.count()).group_by(spans_t.c.status))
        per_status.update(dict(status_rows.all()))
        annotated = connection.scalar(select(func.count(func.distinct(spans_t.c.document_id)))) or 0
        per_link_type = dict.fromkeys((r.name for r in connection.execute(
            select(link_types_t.c.name).order_by(link_types_t.c.id))), 0)
        per_link_type.update(dict(connection.execute(
            select(link_types_t.c.name, func.count()).join(links_t, links_t.c.type_id == link_types_t.c.id)
            .group_by(link_types_t.c.name)).all()))
    return {"documents": documents, "documents_annotated": annotated, "spans": spans, "labels": per_label,
            "annotators": per_annotator, "statuses": per_status, "links": sum(per_link_type.values()),
            "link_types": per_link_type}

