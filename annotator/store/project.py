"""Running a project in the store: each annotator's document states (new, in progress, finished,
skipped) with their history, assignments (reviewers hand documents out), progress, and the texts the
team shares (the guidelines)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, delete, exists, func, insert, select, update

from annotator.core.errors import AnnotatorError
from annotator.core.project import balanced_assignment, exact_f1, time_spent
from annotator.store.base import StoreBase, annotators_t, documents_t, spans_t
from annotator.store.models import (
    DOCUMENT_STATES,
    assignments,
    document_state_history,
    document_states,
    project_texts,
    span_history,
    utcnow,
)
from annotator.store.spans import PermissionDenied

states_t = document_states
state_history_t = document_state_history
assignments_t = assignments
project_texts_t = project_texts
STATES = ("new", *DOCUMENT_STATES)


def derived_state(stored: str | None, started: bool) -> str:
    """An annotator's state of a document: the one stored, else in progress once they have a span there,
    else new."""
    return stored or ("in_progress" if started else "new")


class ProjectActions(StoreBase):
    # -- document states ------------------------------------------------------------------------

    def document_states(self, annotator: str | None = None) -> dict[int, str]:
        """Every document's state for ``annotator`` (default: me): a stored state, else ``in_progress``
        once they have a span there, else ``new``."""
        with self.read() as connection:
            who = connection.scalar(select(annotators_t.c.id).where(annotators_t.c.name == (annotator or self.user)))
            documents = connection.scalars(select(documents_t.c.id).order_by(documents_t.c.id)).all()
            if who is None:
                return dict.fromkeys(documents, "new")
            stored = dict(connection.execute(select(states_t.c.document_id, states_t.c.state)
                                             .where(states_t.c.annotator_id == who)).all())
            started = set(connection.scalars(select(spans_t.c.document_id).distinct()
                                             .where(spans_t.c.annotator_id == who)))
        return {d: derived_state(stored.get(d), d in started) for d in documents}

    def document_state(self, document_id: int, annotator: str | None = None) -> str:
        with self.read() as connection:
            return self._state(connection, document_id, annotator or self.user)

    def _state(self, connection: Connection, document_id: int, annotator: str) -> str:
        who = connection.scalar(select(annotators_t.c.id).where(annotators_t.c.name == annotator))
        if who is None:
            return "new"
        stored = connection.scalar(select(states_t.c.state).where(states_t.c.document_id == document_id,
                                                                  states_t.c.annotator_id == who))
        if stored:
            return str(stored)
        started = connection.scalar(select(spans_t.c.id).where(spans_t.c.document_id == document_id,
                                                               spans_t.c.annotator_id == who).limit(1))
        return derived_state(None, started is not None)

    def set_document_state(self, document_id: int, state: str, reason: str | None = None) -> str:
        """My state of the document (finished, skipped, or in_progress to reopen it), recorded in its
        history. Returns the state it had."""
        if state not in DOCUMENT_STATES:
            raise AnnotatorError(f"unknown document state {state!r} (known: {', '.join(DOCUMENT_STATES)})")
        with self.write() as connection:
            self.document_text(connection, document_id)  # refuses an unknown document
            before = self._state(connection, document_id, self.user)
            if before == state and reason is None:
                return before
            me = self.annotator_id(connection, self.user)
            now = utcnow()
            values = dict(state=state, reason=reason, updated_at=now)
            changed = connection.execute(update(states_t).where(states_t.c.document_id == document_id,
                                                                states_t.c.annotator_id == me).values(**values))
            if not changed.rowcount:
                connection.execute(insert(states_t).values(document_id=document_id, annotator_id=me, **values))
            connection.execute(insert(state_history_t).values(document_id=document_id, annotator_id=me, actor_id=me,
                                                              before=before, after=state, reason=reason, at=now))
        return before

    def state_history(self, document_id: int) -> list[dict[str, Any]]:
        with self.read() as connection:
            names = dict(connection.execute(select(annotators_t.c.id, annotators_t.c.name)).all())
            rows = connection.execute(select(state_history_t).where(state_history_t.c.document_id == document_id)
                                      .order_by(state_history_t.c.id)).all()
        return [{"annotator": names[r.annotator_id], "before": r.before, "after": r.after, "reason": r.reason,
                 "at": r.at} for r in rows]

    def finished_by(self) -> dict[int, set[str]]:
        """Who finished each document."""
        found: dict[int, set[str]] = defaultdict(set)
        with self.read() as connection:
            for document_id, name in connection.execute(
                    select(states_t.c.document_id, annotators_t.c.name)
                    .join(annotators_t, annotators_t.c.id == states_t.c.annotator_id)
                    .where(states_t.c.state == "finished")):
                found[document_id].add(name)
        return dict(found)

    def resolved_documents(self) -> set[int]:
        """Documents with spans and no open disagreement: every draft span there is one all of the
        document's annotators have (same offsets and label). A reviewer's gold layer is final there."""
        owners: dict[int, dict[tuple[int, int, int], set[int]]] = defaultdict(lambda: defaultdict(set))
        annotators: dict[int, set[int]] = defaultdict(set)
        drafts: dict[int, set[tuple[int, int, int]]] = defaultdict(set)
        with self.read() as connection:
            for document_id, start, end, label_id, who, status in connection.execute(
                    select(spans_t.c.document_id, spans_t.c.start, spans_t.c.end, spans_t.c.label_id,
                           spans_t.c.annotator_id, spans_t.c.status)):
                owners[document_id][(start, end, label_id)].add(who)
                annotators[document_id].add(who)
                if status == "draft":
                    drafts[document_id].add((start, end, label_id))
        return {d for d in annotators
                if len(annotators[d]) < 2 or all(owners[d][key] == annotators[d] for key in drafts[d])}

    # -- assignments ----------------------------------------------------------------------------

    def assign(self, annotators: Sequence[str], per_document: int = 1, documents: Sequence[int] | None = None,
               unassigned_only: bool = False, seed: int = 0) -> dict[int, list[str]]:
        """Give each document (all, the listed ones, or those nobody has yet) to ``per_document`` of the
        annotators, balanced; names not known yet become annotators. Reviewers only. Returns what was
        newly assigned, by document id."""
        if not annotators:
            raise AnnotatorError("name the annotators to assign to (--to alice,bob)")
        if len(set(annotators)) != len(annotators):
            raise AnnotatorError("an annotator is named twice in --to")
        with self.write() as connection:
            if self.role(connection) != "reviewer":  # type: ignore[attr-defined]
                raise PermissionDenied(f"{self.user} is not a reviewer: assigning documents needs the reviewer role "
                                       "(annotator users grant NAME reviewer)")
            known = set(connection.scalars(select(documents_t.c.id)))
            chosen = sorted(known) if documents is None else list(dict.fromkeys(documents))
            missing = [d for d in chosen if d not in known]
            if missing:
                raise AnnotatorError(f"no document with id {missing[0]}")
            names = dict(connection.execute(select(annotators_t.c.id, annotators_t.c.name)).all())
            existing: dict[int, set[str]] = defaultdict(set)
            for document_id, who in connection.execute(select(assignments_t.c.document_id,
                                                              assignments_t.c.annotator_id)):
                existing[document_id].add(names[who])
            if unassigned_only:
                chosen = [d for d in chosen if not existing.get(d)]
            try:
                given = balanced_assignment(chosen, list(annotators), per_document, existing, seed)
            except ValueError as error:
                raise AnnotatorError(str(error)) from None
            ids = {name: self.annotator_id(connection, name) for name in annotators}
            me, now = self.annotator_id(connection, self.user), utcnow()
            rows = [dict(document_id=d, annotator_id=ids[name], assigned_by=me, assigned_at=now)
                    for d, people in given.items() for name in people]
            if rows:
                connection.execute(insert(assignments_t), rows)
        return given

    def unassign(self, annotator: str, documents: Iterable[int]) -> int:
        with self.write() as connection:
            if self.role(connection) != "reviewer":  # type: ignore[attr-defined]
                raise PermissionDenied(f"{self.user} is not a reviewer: assignments need the reviewer role")
            who = self.annotator_id(connection, annotator)
            result = connection.execute(delete(assignments_t).where(assignments_t.c.annotator_id == who,
                                                                    assignments_t.c.document_id.in_(list(documents))))
            return int(result.rowcount or 0)

    def document_names(self) -> dict[int, str]:
        with self.read() as connection:
            return document_keys(dict(connection.execute(select(documents_t.c.id, documents_t.c.name)
                                                         .order_by(documents_t.c.id)).all()))

    def assignments(self) -> dict[int, list[str]]:
        """Who each document is assigned to, by document id (only documents assigned to someone)."""
        found: dict[int, list[str]] = defaultdict(list)
        with self.read() as connection:
            for document_id, name in connection.execute(
                    select(assignments_t.c.document_id, annotators_t.c.name)
                    .join(annotators_t, annotators_t.c.id == assignments_t.c.annotator_id)
                    .order_by(assignments_t.c.document_id, annotators_t.c.name)):
                found[document_id].append(name)
        return dict(found)

    def assigned_documents(self, annotator: str | None = None) -> list[int]:
        with self.read() as connection:
            return list(connection.scalars(
                select(assignments_t.c.document_id)
                .join(annotators_t, annotators_t.c.id == assignments_t.c.annotator_id)
                .where(annotators_t.c.name == (annotator or self.user)).order_by(assignments_t.c.document_id)))

    # -- progress -------------------------------------------------------------------------------

    def progress(self) -> dict[str, Any]:
        """Per annotator: assigned, finished, skipped, in progress, spans, links, seconds of work (from the
        history's timestamps); per document: assigned to, finished by, skipped by, and the exact-span
        agreement of each pair that finished it."""
        from annotator.store.links import links_t

        history_t = span_history
        with self.read() as connection:
            names = dict(connection.execute(select(annotators_t.c.id, annotators_t.c.name)).all())
            documents = dict(connection.execute(select(documents_t.c.id, documents_t.c.name)
                                                .order_by(documents_t.c.id)).all())
            assigned = self.assignments()
            states: dict[int, dict[int, str]] = defaultdict(dict)
            for document_id, who, state in connection.execute(
                    select(states_t.c.document_id, states_t.c.annotator_id, states_t.c.state)):
                states[who][document_id] = state
            started: dict[int, set[int]] = defaultdict(set)
            for document_id, who in connection.execute(
                    select(spans_t.c.document_id, spans_t.c.annotator_id).distinct()):
                started[who].add(document_id)
            span_counts = dict(connection.execute(select(spans_t.c.annotator_id, func.count())
                                                  .where(spans_t.c.status != "rejected")
                                                  .group_by(spans_t.c.annotator_id)).all())
            link_counts = dict(connection.execute(select(links_t.c.annotator_id, func.count())
                                                  .where(links_t.c.status != "rejected")
                                                  .group_by(links_t.c.annotator_id)).all())
            moments: dict[int, list] = defaultdict(list)  # type: ignore[type-arg]
            for who, at in connection.execute(select(history_t.c.actor_id, history_t.c.at)):
                moments[who].append(at)
            for who, at in connection.execute(select(state_history_t.c.actor_id, state_history_t.c.at)):
                moments[who].append(at)
            people = sorted({names[w] for w in (*states, *started, *span_counts)} |
                            {name for listed in assigned.values() for name in listed})
            ids = {name: who for who, name in names.items()}
            annotators: dict[str, dict[str, int | float]] = {}
            for name in people:
                who = ids[name]
                mine = [d for d, listed in assigned.items() if name in listed]
                state_of = {d: derived_state(states[who].get(d), d in started[who]) for d in documents}
                annotators[name] = {
                    "assigned": len(mine),
                    "finished": sum(s == "finished" for s in state_of.values()),
                    "skipped": sum(s == "skipped" for s in state_of.values()),
                    "in_progress": sum(s == "in_progress" for s in state_of.values()),
                    "spans": int(span_counts.get(who, 0)),
                    "links": int(link_counts.get(who, 0)),
                    "seconds": round(time_spent(moments.get(who, [])), 1),
                }
            finished = {d: sorted(names[w] for w in states if states[w].get(d) == "finished") for d in documents}
            agreement = self._pair_agreement(connection, finished, names)
        report_documents = {}
        for document_id, name in document_keys(documents).items():
            entry: dict[str, Any] = {
                "assigned": assigned.get(document_id, []), "finished_by": finished[document_id],
                "skipped_by": sorted(names[w] for w in states if states[w].get(document_id) == "skipped")}
            if document_id in agreement:
                entry["agreement"] = agreement[document_id]
            report_documents[name] = entry
        return {"annotators": annotators, "documents": report_documents}

    def _pair_agreement(self, connection: Connection, finished: dict[int, list[str]],
                        names: dict[int, str]) -> dict[int, dict[str, float | None]]:
        shared = [d for d, people in finished.items() if len(people) >= 2]
        if not shared:
            return {}
        spans: dict[int, dict[str, set[tuple[int, int, str]]]] = defaultdict(lambda: defaultdict(set))
        self._reload_labels(connection)
        for document_id, start, end, label_id, who in connection.execute(
                select(spans_t.c.document_id, spans_t.c.start, spans_t.c.end, spans_t.c.label_id,
                       spans_t.c.annotator_id).where(spans_t.c.document_id.in_(shared),
                                                     spans_t.c.status != "rejected")):
            spans[document_id][names[who]].add((start, end, self._label_names[label_id]))
        result: dict[int, dict[str, float | None]] = {}
        for document_id in shared:
            people = finished[document_id]
            pairs = {}
            for i, a in enumerate(people):
                for b in people[i + 1:]:
                    value = exact_f1(spans[document_id][a], spans[document_id][b])
                    pairs[f"{a}/{b}"] = None if value is None else round(value, 4)
            result[document_id] = pairs
        return result

    # -- shared texts ---------------------------------------------------------------------------

    def project_text(self, name: str) -> str | None:
        with self.read() as connection:
            return connection.scalar(select(project_texts_t.c.text).where(project_texts_t.c.name == name))

    def set_project_text(self, name: str, text: str) -> None:
        """Reviewers only: the team reads what they set."""
        with self.write() as connection:
            if self.role(connection) != "reviewer":  # type: ignore[attr-defined]
                raise PermissionDenied(f"{self.user} is not a reviewer: setting the {name} needs the reviewer role "
                                       "(annotator users grant NAME reviewer)")
            values = dict(text=text, updated_at=utcnow(), updated_by=self.user)
            present = connection.scalar(select(exists().where(project_texts_t.c.name == name)))
            if present:
                connection.execute(update(project_texts_t).where(project_texts_t.c.name == name).values(**values))
            else:
                connection.execute(insert(project_texts_t).values(name=name, **values))


def document_keys(documents: dict[int, str]) -> dict[int, str]:
    """Names as keys (JSON, listings): a name two documents share gets the id after it."""
    counts: dict[str, int] = defaultdict(int)
    for name in documents.values():
        counts[name] += 1
    return {d: name if counts[name] == 1 else f"{name} (id {d})" for d, name in documents.items()}


__all__ = ["STATES", "document_keys", "ProjectActions", "assignments_t", "project_texts_t", "states_t"]
