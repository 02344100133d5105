"""Span actions with their history and permissions.

Every change is recorded in ``span_history`` with the span before and after, in the same transaction,
so nothing a user did is ever lost and any change can be reverted, in the window's undo or after a
restart. An annotator may change or delete only their own spans; reviewing, and changing other
people's spans, needs the reviewer role. The checks live here, not in the window.
"""

from __future__ import annotations

from dataclasses import asdict, fields, replace
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from annotator.core.errors import AnnotatorError, SpanError
from annotator.core.model import StoredSpan
from annotator.core.spans import check_span, check_status
from annotator.core.text import text_problem
from annotator.store.base import StoreBase, annotators_t, history_t, spans_t
from annotator.store.bulk import insert_returning_id
from annotator.store.links import LINK_ACTIONS
from annotator.store.models import utcnow


class PermissionDenied(AnnotatorError):
    """The user may not do this (someone else's span, or a reviewer's action)."""


_SPAN_FIELDS = ("start", "end", "label", "text", "annotator", "status", "note", "reviewer")
# History entries that say what happened to a whole document, not one span: kept, never reverted.
RECORD_ONLY = ("import", "label-rename")

# The statements of the tag path, built once: building them anew on every action cost more than SQLite.
# (Inserts go through store/bulk.py at the driver.)
_SPAN_FIELDS = tuple(f.name for f in fields(StoredSpan))
_UPDATE_SPAN = update(spans_t).where(spans_t.c.id == bindparam("b_id"))
_DELETE_SPAN = delete(spans_t).where(spans_t.c.id == bindparam("b_id"))


def _duplicate(error: IntegrityError) -> bool:
    """The span identity constraint (document, offsets, label, annotator), as SQLite and PostgreSQL say it."""
    message = str(error.orig)
    return "uq_spans_identity" in message or "UNIQUE constraint failed: spans.document_id" in message


def _snapshot(span: StoredSpan | None) -> dict[str, Any] | None:
    # Field by field: asdict() deep-copies each value, a tenth of a tag's store time for flat strings and ints.
    return {f: getattr(span, f) for f in _SPAN_FIELDS} if span is not None else None


def _stored_as(span: StoredSpan, span_id: int, text: str) -> StoredSpan:
    # The constructor, not dataclasses.replace(): replace() reads every field by name, a few percent of a tag.
    return StoredSpan(span_id, span.document_id, span.start, span.end, span.label, text, span.annotator,
                      span.status, span.note, span.reviewer, span.origin)


def _from_snapshot(data: dict[str, Any] | None) -> StoredSpan | None:
    # A deleted span's snapshot also carries the links that went with it ("links"), restored by revert.
    return StoredSpan(**{k: v for k, v in data.items() if k != "links"}) if data is not None else None


class SpanActions(StoreBase):
    last_change_id: int | None = None  # history id of this store's latest action (for undo commands)

    # -- reading ------------------------------------------------------------------------------

    def spans_ever_stored(self) -> int:
        """How many spans the project has stored so far, deleted ones included (the largest id: one
        index look-up, where counting a million rows is a scan). A measure of the project's size."""
        with self.read() as connection:
            return connection.scalar(select(func.max(spans_t.c.id))) or 0

    def spans(self, document_id: int, before: int | None = None) -> list[StoredSpan]:
        """The document's spans in reading order; with ``before``, only those starting before that
        offset (what the first screen of a long document needs)."""
        with self.read() as connection:
            self._reload_labels(connection)
            self.annotator_name(connection, -1)  # refresh the name cache once, not per row
            labels, names = self._label_names, self._annotator_names
            rows = connection.execute(
                select(spans_t.c.id, spans_t.c.document_id, spans_t.c.start, spans_t.c.end, spans_t.c.label_id,
                       spans_t.c.text, spans_t.c.annotator_id, spans_t.c.status, spans_t.c.note,
                       spans_t.c.reviewer_id, spans_t.c.origin)
                .where(spans_t.c.document_id == document_id,
                       *([spans_t.c.start < before] if before is not None else []))
                .order_by(spans_t.c.start, spans_t.c.end, spans_t.c.id)
            )
            return [
                StoredSpan(i, d, s, e, labels[lb], t, names[a], st, n, names[r] if r else None, o)
                for i, d, s, e, lb, t, a, st, n, r, o in rows
            ]

    def span(self, span_id: int) -> StoredSpan | None:
        with self.read() as connection:
            return self._current(connection, span_id)

    def _current(self, connection: Connection, span_id: int) -> StoredSpan | None:
        row = connection.execute(select(spans_t).where(spans_t.c.id == span_id)).first()
        return self._stored(connection, row) if row is not None else None

    # -- permissions --------------------------------------------------------------------------

    def role(self, connection: Connection | None = None) -> str:
        if connection is None:
            with self.read() as own:
                return self.role(own)
        role = connection.scalar(select(annotators_t.c.role).where(annotators_t.c.name == self.user))
        return role or "annotator"

    def _may_change(self, connection: Connection, span: StoredSpan, verb: str) -> None:
        if span.annotator != self.user and self.role(connection) != "reviewer":
            raise PermissionDenied(f"cannot {verb} span {span.id}: it belongs to {span.annotator}, and only "
                                   "reviewers may change other annotators' spans")

    def _existing(self, connection: Connection, span_id: int) -> StoredSpan:
        span = self._current(connection, span_id)
        if span is None:
            raise SpanError(f"there is no span with id {span_id}")
        return span

    # -- the one write path -------------------------------------------------------------------

    def _apply(self, connection: Connection, action: str, before: StoredSpan | None,
               after: StoredSpan | None, *, reverted: bool = False) -> StoredSpan | None:
        """Make the stored span go from ``before`` to ``after`` and record it; returns ``after`` as stored."""
        now = utcnow()
        if after is not None:
            text = check_span(self.document_text(connection, after.document_id), after.start, after.end, after.text)
            check_status(after.status)
            problem = text_problem(after.note, "the note") if after.note else None
            if problem:
                raise SpanError(problem)
            values: dict[str, Any] = dict(
                document_id=after.document_id, start=after.start, end=after.end, text=text,
                label_id=self.label_id(connection, after.label),
                annotator_id=self.annotator_id(connection, after.annotator), status=after.status, note=after.note,
                reviewer_id=self.annotator_id(connection, after.reviewer) if after.reviewer else None,
                reviewed_at=now if after.reviewer else None, updated_at=now, origin=after.origin)
            try:
                if before is None:
                    values["created_at"] = now
                    if after.id > 0:
                        values["id"] = after.id
                    new_id = insert_returning_id(connection, spans_t, values)
                    after = _stored_as(after, new_id, text)
                else:
                    connection.execute(_UPDATE_SPAN, {**values, "b_id": before.id})
                    after = _stored_as(after, before.id, text)
            except IntegrityError as error:
                # The identity constraint refuses an exact duplicate (no look-up before each write: that
                # query cost as much as the insert). The transaction is rolled back by write().
                if _duplicate(error):
                    raise SpanError("this span already exists (same offsets, label and annotator)") from None
                raise SpanError(f"the span was refused by the database: {error.orig}") from None
        gone_links: list[dict[str, Any]] = []
        if after is None and before is not None:
            # The span's links go with it in the same transaction, kept in this history entry so that
            # undoing the delete brings them back.
            for link in self.links_of_span(connection, before.id):  # type: ignore[attr-defined]
                self._apply_link(connection, "link-delete", link, None, record=False)  # type: ignore[attr-defined]
                gone_links.append(asdict(link))
            connection.execute(_DELETE_SPAN, {"b_id": before.id})
        subject = after or before
        assert subject is not None
        before_snapshot = _snapshot(before)
        if gone_links and before_snapshot is not None:
            before_snapshot["links"] = gone_links
        self.last_change_id = insert_returning_id(connection, history_t, dict(
            span_id=subject.id, document_id=subject.document_id, action=action,
            actor_id=self.annotator_id(connection, self.user), at=now,
            before=before_snapshot, after=_snapshot(after), reverted=reverted))
        return after

    # -- user actions -------------------------------------------------------------------------

    def add_span(self, document_id: int, start: int, end: int, label: str, *, annotator: str | None = None,
                 snapshot: str | None = None, status: str = "draft", note: str | None = None,
                 span_id: int | None = None, origin: str = "manual") -> StoredSpan:
        """Store a new span, checking the offset invariant and refusing exact duplicates."""
        owner = annotator or self.user
        with self.write() as connection:
            if owner != self.user and self.role(connection) != "reviewer":
                raise PermissionDenied(f"only reviewers may add spans in another annotator's name ({owner})")
            # A span added as accepted or rejected is a review decision: the reviewer's, with its time.
            reviewer = None
            if status != "draft":
                if self.role(connection) != "reviewer":
                    raise PermissionDenied(f"only reviewers may add spans as {status}")
                reviewer = self.user
            new = StoredSpan(span_id or 0, document_id, start, end, label, snapshot, owner, status, note,  # type: ignore[arg-type]
                             reviewer, origin)
            stored = self._apply(connection, "add", None, new)
        assert stored is not None
        return stored

    def restore_span(self, span: StoredSpan) -> StoredSpan:
        """Put a deleted span back under its old id."""
        with self.write() as connection:
            self._may_change(connection, span, "restore")
            stored = self._apply(connection, "restore", None, span)
        assert stored is not None
        return stored

    def delete_span(self, span_id: int) -> StoredSpan:
        with self.write() as connection:
            span = self._existing(connection, span_id)
            self._may_change(connection, span, "delete")
            self._apply(connection, "delete", span, None)
        return span

    def relabel_span(self, span_id: int, label: str) -> StoredSpan:
        """Change a span's label; returns the span as it is now."""
        return self.edit_span(span_id, label=label)

    def edit_span(self, span_id: int, *, start: int | None = None, end: int | None = None,
                  label: str | None = None) -> StoredSpan:
        """Change a span's boundaries and/or label."""
        with self.write() as connection:
            span = self._existing(connection, span_id)
            self._may_change(connection, span, "change")
            changed = replace(span, start=span.start if start is None else start,
                              end=span.end if end is None else end, label=label or span.label, text=None)  # type: ignore[arg-type]
            if (changed.start, changed.end, changed.label) == (span.start, span.end, span.label):
                return span
            self.label_id(connection, changed.label)
            action = "relabel" if (changed.start, changed.end) == (span.start, span.end) else "edit"
            stored = self._apply(connection, action, span, changed)
        assert stored is not None
        return stored

    def review_span(self, span_id: int, status: str, comment: str | None = None) -> StoredSpan:
        """Accept or reject a span (or set it back to draft); reviewers only."""
        check_status(status)
        with self.write() as connection:
            if self.role(connection) != "reviewer":
                raise PermissionDenied(f"{self.user} is not a reviewer: accepting and rejecting spans needs the "
                                       "reviewer role (annotator users grant NAME reviewer)")
            span = self._existing(connection, span_id)
            reviewed = replace(span, status=status, reviewer=self.user if status != "draft" else None,
                               note=comment if comment is not None else span.note)
            stored = self._apply(connection, "review", span, reviewed)
        assert stored is not None
        return stored

    # -- history ------------------------------------------------------------------------------

    def revert(self, change_id: int, action: str = "undo") -> tuple[StoredSpan | None, StoredSpan | None]:
        """Undo one recorded change: the span goes back to how it was before it. Returns (now gone or
        as it was, as it is now). Refused if the span was changed since, or if it was someone else's
        change and the user is not a reviewer."""
        with self.write() as connection:
            entry = connection.execute(select(history_t).where(history_t.c.id == change_id)).first()
            if entry is None:
                raise AnnotatorError(f"there is no change {change_id} in the history")
            if self.annotator_name(connection, entry.actor_id) != self.user and self.role(connection) != "reviewer":
                raise PermissionDenied("only your own changes can be undone")
            if entry.action in RECORD_ONLY:
                raise AnnotatorError(f"{entry.action} is recorded in the history but not undone from it")
            if entry.action in LINK_ACTIONS:
                return self._revert_link(connection, entry, action)  # type: ignore[attr-defined,return-value]
            before, after = _from_snapshot(entry.before), _from_snapshot(entry.after)
            current = self._current(connection, entry.span_id)
            if (current is None) != (after is None) or (
                    current is not None and after is not None and
                    any(getattr(current, f) != getattr(after, f) for f in _SPAN_FIELDS if f != "text")):
                raise SpanError(f"span {entry.span_id} was changed since; it cannot be {action}ne")
            restored = self._apply(connection, action, current, before, reverted=action == "undo")
            if current is None and restored is not None:
                self._restore_links(connection, (entry.before or {}).get("links", []))
            connection.execute(update(history_t).where(history_t.c.id == change_id).values(reverted=True))
        return current, restored

    def _restore_links(self, connection: Connection, links: list[dict[str, Any]]) -> None:
        """Put back the links a span's deletion took with it, where both ends exist again."""
        from annotator.core.links import StoredLink

        for data in links:
            link = StoredLink(**data)
            if self._current(connection, link.from_id) is not None and self._current(connection, link.to_id):
                self._apply_link(connection, "link-add", None, link, record=False)  # type: ignore[attr-defined]

    def undo_last(self, document_id: int) -> tuple[StoredSpan | None, StoredSpan | None] | None:
        """Undo this user's latest change in a document that is not undone yet: the undo that still
        works after a restart, from the history. None when there is nothing left to undo."""
        with self.read() as connection:
            me = connection.scalar(select(annotators_t.c.id).where(annotators_t.c.name == self.user))
            change_id = connection.scalar(
                select(history_t.c.id)
                .where(history_t.c.document_id == document_id, history_t.c.actor_id == me,
                       history_t.c.reverted.is_(False),
                       history_t.c.action.notin_(("undo", "link-undo", *RECORD_ONLY)))
                .order_by(history_t.c.id.desc()).limit(1))
        return self.revert(change_id) if change_id is not None else None

    def history(self, document_id: int) -> list[dict[str, Any]]:
        """Who did what when in a document, oldest first."""
        with self.read() as connection:
            rows = connection.execute(select(history_t).where(history_t.c.document_id == document_id)
                                      .order_by(history_t.c.id)).all()
            return [dict(id=r.id, at=r.at, actor=self.annotator_name(connection, r.actor_id), action=r.action,
                         span_id=r.span_id, before=r.before, after=r.after, reverted=r.reverted) for r in rows]
