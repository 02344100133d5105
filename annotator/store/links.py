"""Links and link types in the store: each link action one committed transaction, recorded in the same
history as spans (actions ``link-add``, ``link-delete``, ``link-review``, ``link-undo``, ``link-redo``;
the history row's ``span_id`` holds the link's id), so links are undone, redone and reverted like spans,
also after a restart.

The rules are the spans' rules: both ends must be spans of the same document, and the type must allow
their labels; an annotator adds and deletes their own links, reviewers review and may change anyone's.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

from sqlalchemy import Connection, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from annotator.core.errors import AnnotatorError, SpanError
from annotator.core.links import LinkType, StoredLink, fitting_types, link_type_problem
from annotator.core.spans import check_status
from annotator.core.text import text_problem
from annotator.store.base import StoreBase, annotators_t, history_t
from annotator.store.models import link_types, links, utcnow

links_t = links
link_types_t = link_types
LINK_ACTIONS = ("link-add", "link-delete", "link-review", "link-undo", "link-redo")


class LinkError(SpanError):
    """A link that breaks a rule: ends in two documents, a type that does not fit, a duplicate."""


def link_snapshot(link: StoredLink | None) -> dict[str, Any] | None:
    return {"kind": "link", **asdict(link)} if link is not None else None


def link_from_snapshot(data: dict[str, Any] | None) -> StoredLink | None:
    if data is None:
        return None
    return StoredLink(**{k: v for k, v in data.items() if k != "kind"})


class LinkActions(StoreBase):
    last_change_id: int | None = None

    # -- types --------------------------------------------------------------------------------

    def link_types(self, connection: Connection | None = None) -> list[LinkType]:
        if connection is None:
            with self.read() as own:
                return self.link_types(own)
        rows = connection.execute(select(link_types_t).order_by(link_types_t.c.id)).all()
        return [LinkType(r.name, tuple(r.from_labels), tuple(r.to_labels), r.description or "") for r in rows]

    def add_link_type(self, name: str, from_labels: list[str], to_labels: list[str], description: str = "") -> LinkType:
        problem = link_type_problem(name, from_labels, to_labels)
        if problem:
            raise AnnotatorError(problem)
        with self.write() as connection:
            self._refuse_unless_reviewer(connection, f"define link type {name!r}")  # type: ignore[attr-defined]
            for label in (*from_labels, *to_labels):
                self.label_id(connection, label)  # an unknown label is refused, naming it
            if connection.scalar(select(link_types_t.c.id).where(link_types_t.c.name == name)) is not None:
                raise AnnotatorError(f"link type {name!r} already exists")
            connection.execute(insert(link_types_t).values(name=name, from_labels=list(from_labels),
                                                           to_labels=list(to_labels), description=description))
        return LinkType(name, tuple(from_labels), tuple(to_labels), description)

    def rename_link_type(self, name: str, new_name: str) -> None:
        problem = link_type_problem(new_name, ["x"], ["x"])
        if problem:
            raise AnnotatorError(problem)
        with self.write() as connection:
            self._refuse_unless_reviewer(connection, f"rename link type {name!r}")  # type: ignore[attr-defined]
            self._link_type_id(connection, name)
            if connection.scalar(select(link_types_t.c.id).where(link_types_t.c.name == new_name)) is not None:
                raise AnnotatorError(f"link type {new_name!r} already exists")
            connection.execute(update(link_types_t).where(link_types_t.c.name == name).values(name=new_name))

    def remove_link_type(self, name: str) -> None:
        with self.write() as connection:
            self._refuse_unless_reviewer(connection, f"remove link type {name!r}")  # type: ignore[attr-defined]
            type_id = self._link_type_id(connection, name)
            used = connection.scalar(select(func.count()).select_from(links_t).where(links_t.c.type_id == type_id))
            if used:
                raise AnnotatorError(f"link type {name!r} is used by {used} link(s); delete or retype them first")
            connection.execute(delete(link_types_t).where(link_types_t.c.id == type_id))

    def _link_type_id(self, connection: Connection, name: str) -> int:
        found = connection.scalar(select(link_types_t.c.id).where(link_types_t.c.name == name))
        if found is None:
            known = ", ".join(t.name for t in self.link_types(connection))
            raise AnnotatorError(f"unknown link type {name!r} (known: {known}; add it with 'annotator links add')")
        return found

    # -- reading ------------------------------------------------------------------------------

    def links(self, document_id: int) -> list[StoredLink]:
        with self.read() as connection:
            rows = connection.execute(_LINK_ROWS.where(links_t.c.document_id == document_id)
                                      .order_by(links_t.c.id)).all()
            return [self._stored_link(connection, row) for row in rows]

    def _stored_link(self, connection: Connection, row) -> StoredLink:  # type: ignore[no-untyped-def]
        return StoredLink(row.id, row.document_id, row.from_span_id, row.to_span_id, row.type_name,
                          self.annotator_name(connection, row.annotator_id) or "", row.status, row.note,
                          self.annotator_name(connection, row.reviewer_id) if row.reviewer_id else None)

    def _current_link(self, connection: Connection, link_id: int) -> StoredLink | None:
        row = connection.execute(_LINK_ROWS.where(links_t.c.id == link_id)).first()
        return self._stored_link(connection, row) if row is not None else None

    # -- actions ------------------------------------------------------------------------------

    def add_link(self, from_id: int, to_id: int, link_type: str | None = None, *,
                 annotator: str | None = None, status: str = "draft", note: str | None = None) -> StoredLink:
        """Link span ``from_id`` to span ``to_id``. Without a type, the one type that fits their labels;
        refused when none or several fit (name one), or when the spans are in different documents."""
        owner = annotator or self.user
        with self.write() as connection:
            if owner != self.user and self.role(connection) != "reviewer":  # type: ignore[attr-defined]
                raise AnnotatorError(f"only reviewers may add links in another annotator's name ({owner})")
            source, target = self._current(connection, from_id), self._current(connection, to_id)  # type: ignore[attr-defined]
            if source is None or target is None:
                raise LinkError(f"there is no span with id {from_id if source is None else to_id}")
            if source.document_id != target.document_id:
                raise LinkError("both ends of a link must be spans of the same document")
            if source.id == target.id:
                raise LinkError("a span cannot be linked to itself")
            types = self.link_types(connection)
            fitting = fitting_types(types, source.label, target.label)
            if link_type is None:
                if len(fitting) != 1:
                    names = ", ".join(t.name for t in fitting) or "none"
                    raise LinkError(f"which link from {source.label} to {target.label}? fitting types: {names}")
                link_type = fitting[0].name
            chosen = next((t for t in types if t.name == link_type), None)
            if chosen is None:
                self._link_type_id(connection, link_type)
            elif not chosen.allows(source.label, target.label):
                raise LinkError(f"a {link_type} link goes from {'/'.join(chosen.from_labels)} to "
                                f"{'/'.join(chosen.to_labels)}, not from {source.label} to {target.label}")
            reviewer = None
            if status != "draft":
                if self.role(connection) != "reviewer":  # type: ignore[attr-defined]
                    raise AnnotatorError(f"only reviewers may add links as {status}")
                reviewer = self.user
            new = StoredLink(0, source.document_id, source.id, target.id, link_type, owner, status, note, reviewer)
            stored = self._apply_link(connection, "link-add", None, new)
        assert stored is not None
        return stored

    def delete_link(self, link_id: int) -> StoredLink:
        with self.write() as connection:
            link = self._existing_link(connection, link_id)
            self._may_change_link(connection, link, "delete")
            self._apply_link(connection, "link-delete", link, None)
        return link

    def review_link(self, link_id: int, status: str, comment: str | None = None) -> StoredLink:
        check_status(status)
        with self.write() as connection:
            if self.role(connection) != "reviewer":  # type: ignore[attr-defined]
                raise AnnotatorError(f"{self.user} is not a reviewer: accepting and rejecting links needs the "
                                     "reviewer role")
            link = self._existing_link(connection, link_id)
            reviewed = replace(link, status=status, reviewer=self.user if status != "draft" else None,
                               note=comment if comment is not None else link.note)
            stored = self._apply_link(connection, "link-review", link, reviewed)
        assert stored is not None
        return stored

    def _existing_link(self, connection: Connection, link_id: int) -> StoredLink:
        link = self._current_link(connection, link_id)
        if link is None:
            raise LinkError(f"there is no link with id {link_id}")
        return link

    def _may_change_link(self, connection: Connection, link: StoredLink, verb: str) -> None:
        if link.annotator != self.user and self.role(connection) != "reviewer":  # type: ignore[attr-defined]
            raise AnnotatorError(f"this link belongs to {link.annotator}: only reviewers may {verb} other "
                                 "people's links")

    def _apply_link(self, connection: Connection, action: str, before: StoredLink | None,
                    after: StoredLink | None, *, record: bool = True) -> StoredLink | None:
        """Make the stored link go from ``before`` to ``after`` (and record it, unless part of a span
        action that records it in its own snapshot)."""
        now = utcnow()
        if after is not None:
            problem = text_problem(after.note, "the note") if after.note else None
            if problem:
                raise LinkError(problem)
            values: dict[str, Any] = dict(
                document_id=after.document_id, from_span_id=after.from_id, to_span_id=after.to_id,
                type_id=self._link_type_id(connection, after.type),
                annotator_id=self.annotator_id(connection, after.annotator), status=after.status, note=after.note,
                reviewer_id=self.annotator_id(connection, after.reviewer) if after.reviewer else None,
                reviewed_at=now if after.reviewer else None, updated_at=now)
            try:
                if before is None:
                    values["created_at"] = now
                    if after.id > 0:
                        values["id"] = after.id
                    new_id = connection.scalar(insert(links_t).values(**values).returning(links_t.c.id))
                    after = replace(after, id=new_id)
                else:
                    connection.execute(update(links_t).where(links_t.c.id == before.id).values(**values))
                    after = replace(after, id=before.id)
            except IntegrityError:
                raise LinkError("this link exists already") from None
        elif before is not None:
            connection.execute(delete(links_t).where(links_t.c.id == before.id))
        if record:
            subject = after or before
            assert subject is not None
            self.last_change_id = connection.scalar(insert(history_t).returning(history_t.c.id), dict(
                span_id=subject.id, document_id=subject.document_id, action=action,
                actor_id=self.annotator_id(connection, self.user), at=now,
                before=link_snapshot(before), after=link_snapshot(after), reverted=False))
        return after

    def links_of_span(self, connection: Connection, span_id: int) -> list[StoredLink]:
        rows = connection.execute(_LINK_ROWS.where(or_(links_t.c.from_span_id == span_id,
                                                       links_t.c.to_span_id == span_id))
                                  .order_by(links_t.c.id)).all()
        return [self._stored_link(connection, row) for row in rows]

    def _revert_link(self, connection: Connection, entry, action: str) -> tuple[StoredLink | None, StoredLink | None]:  # type: ignore[no-untyped-def]
        """Undo one recorded link change (``revert`` in spans.py hands link entries here)."""
        before, after = link_from_snapshot(entry.before), link_from_snapshot(entry.after)
        current = self._current_link(connection, entry.span_id)
        if (current is None) != (after is None) or (current is not None and after is not None and current != after):
            raise LinkError(f"link {entry.span_id} was changed since; it cannot be {action}ne")
        restored = self._apply_link(connection, f"link-{action}", after, before)
        connection.execute(update(history_t).where(history_t.c.id == entry.id).values(reverted=True))
        return current, restored


_LINK_ROWS = (
    select(links_t.c.id, links_t.c.document_id, links_t.c.from_span_id, links_t.c.to_span_id,
           link_types_t.c.name.label("type_name"), links_t.c.annotator_id, links_t.c.status, links_t.c.note,
           links_t.c.reviewer_id)
    .join(link_types_t, link_types_t.c.id == links_t.c.type_id)
)
__all__ = ["LINK_ACTIONS", "LinkActions", "LinkError", "annotators_t", "link_types_t", "links_t"]
