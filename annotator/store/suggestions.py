"""Suggestions in the store: computed by the sources in ``core/suggest``, kept apart from spans (their own
table), filtered by what the user already tagged or rejected there, and turned into a span (with its
origin) only when accepted. A rejection is remembered per user and place."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, func, insert, select

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.model import StoredSpan
from annotator.core.text import decode_utf8, label_problem, text_problem
from annotator.store.base import StoreBase, documents_t, labels_t, spans_t
from annotator.store.models import gazetteer, suggestion_rejections, suggestions, utcnow

suggestions_t = suggestions
rejections_t = suggestion_rejections
gazetteer_t = gazetteer

if TYPE_CHECKING:
    # The sources' package is loaded when suggestions are computed or read, not with every store.
    from annotator.core.suggest import StoredSuggestion, SuggestContext, SuggestionSource


class SuggestionActions(StoreBase):
    def suggestion_context(self, connection: Connection) -> SuggestContext:
        """What the sources know: every text tagged (not rejected) with its label and count, and the gazetteer."""
        from annotator.core.suggest import SuggestContext

        self._reload_labels(connection)
        tagged: Counter[tuple[str, str]] = Counter()
        for text, label_id, count in connection.execute(
                select(spans_t.c.text, spans_t.c.label_id, func.count())
                .where(spans_t.c.status != "rejected").group_by(spans_t.c.text, spans_t.c.label_id)):
            tagged[(text, self._label_names[label_id])] = count
        gazetteer = [(text, self._label_names[label_id])
                     for text, label_id in connection.execute(select(gazetteer_t.c.text, gazetteer_t.c.label_id))]
        return SuggestContext(tagged=tagged, gazetteer=gazetteer,
                              labels=tuple(self._label_names[i] for i in sorted(self._label_names)),
                              model=self.model_data(connection))  # type: ignore[attr-defined]

    def compute_suggestions(self, document_ids: Sequence[int], sources: Sequence[SuggestionSource],
                            min_score: float = 0.0) -> Counter[str]:
        """Run the sources over the documents and store what they find (replacing their earlier
        suggestions there), one transaction per document. Returns how many each source stored.

        The sources run with no transaction open, and only their results are written: on a long document
        they take seconds, and inside the write transaction they held SQLite's write lock all that time,
        so a tag in the window waited for them (3.5 s on a 200,000-character article)."""
        counts: Counter[str] = Counter()
        with self.read() as connection:
            context = self.suggestion_context(connection)
        for document_id in document_ids:
            with self.read() as connection:
                text = self.document_text(connection, document_id)
            found_by_source = {source.name: {(s.start, s.end, s.label): s for s in source.suggest(text, context)
                                             if s.score >= min_score and 0 <= s.start < s.end <= len(text)}
                               for source in sources}
            with self.write() as connection:
                if connection.scalar(select(documents_t.c.id).where(documents_t.c.id == document_id)) is None:
                    continue  # deleted while the sources ran
                now = utcnow()
                known = self._label_ids_for(connection)
                for name, found in found_by_source.items():
                    kept = [s for s in found.values() if s.label in known]
                    connection.execute(delete(suggestions_t).where(suggestions_t.c.document_id == document_id,
                                                                   suggestions_t.c.source == name))
                    if kept:
                        connection.execute(insert(suggestions_t), [
                            dict(document_id=document_id, start=s.start, end=s.end,
                                 label_id=self.label_id(connection, s.label), source=name,
                                 score=float(s.score), computed_at=now) for s in kept])
                    counts[name] += len(kept)
        return counts

    def _label_ids_for(self, connection: Connection) -> dict[str, int]:
        if not self._label_ids:
            self._reload_labels(connection)
        return self._label_ids

    def suggestions(self, document_id: int) -> list[StoredSuggestion]:
        """The document's suggestions for this user: not where they rejected one, not where they already
        have a span with the same offsets and label; one per place and label (the best-scored source)."""
        from annotator.core.suggest import StoredSuggestion

        with self.read() as connection:
            self._reload_labels(connection)
            me = self._my_id(connection)
            text = self.document_text(connection, document_id)
            mine = set(connection.execute(select(spans_t.c.start, spans_t.c.end, spans_t.c.label_id).where(
                spans_t.c.document_id == document_id, spans_t.c.annotator_id == me)).all())
            rejected = set(connection.execute(select(rejections_t.c.start, rejections_t.c.end, rejections_t.c.label_id)
                                              .where(rejections_t.c.document_id == document_id,
                                                     rejections_t.c.annotator_id == me)).all())
            best: dict[tuple[int, int, int], StoredSuggestion] = {}
            for row in connection.execute(select(suggestions_t).where(suggestions_t.c.document_id == document_id)
                                          .order_by(suggestions_t.c.start, suggestions_t.c.end)):
                key = (row.start, row.end, row.label_id)
                if key in mine or key in rejected or (key in best and best[key].score >= row.score):
                    continue
                best[key] = StoredSuggestion(row.id, document_id, row.start, row.end,
                                             self._label_names[row.label_id], row.source, row.score,
                                             text[row.start:row.end])
            return sorted(best.values(), key=lambda s: (s.start, s.end, s.label))

    def _my_id(self, connection: Connection) -> int:
        from annotator.store.base import annotators_t

        return connection.scalar(select(annotators_t.c.id).where(annotators_t.c.name == self.user)) or -1

    def accept_suggestion(self, suggestion: StoredSuggestion, status: str = "draft") -> StoredSpan:
        """The suggestion becomes the user's span, remembering where it came from."""
        return self.add_span(suggestion.document_id, suggestion.start, suggestion.end, suggestion.label,  # type: ignore[attr-defined,no-any-return]
                             status=status, origin=f"suggestion:{suggestion.source}")

    def reject_suggestion(self, suggestion: StoredSuggestion) -> None:
        """Not offered to this user at this place again (whichever source proposes it)."""
        with self.write() as connection:
            key = dict(annotator_id=self.annotator_id(connection, self.user), document_id=suggestion.document_id,
                       start=suggestion.start, end=suggestion.end, label_id=self.label_id(connection, suggestion.label))
            exists = connection.scalar(select(rejections_t.c.id).where(
                *(getattr(rejections_t.c, name) == value for name, value in key.items())))
            if exists is None:
                connection.execute(insert(rejections_t).values(**key, source=suggestion.source, created_at=utcnow()))

    def unreject_suggestion(self, suggestion: StoredSuggestion) -> None:
        """Undo of a rejection."""
        with self.write() as connection:
            connection.execute(delete(rejections_t).where(
                rejections_t.c.annotator_id == self.annotator_id(connection, self.user),
                rejections_t.c.document_id == suggestion.document_id, rejections_t.c.start == suggestion.start,
                rejections_t.c.end == suggestion.end,
                rejections_t.c.label_id == self.label_id(connection, suggestion.label)))

    def suggestion_decisions(self) -> dict[str, tuple[int, int]]:
        """Per source, how many of its suggestions this user accepted (spans with that origin) and rejected."""
        with self.read() as connection:
            me = self._my_id(connection)
            accepted = dict(connection.execute(select(spans_t.c.origin, func.count()).where(
                spans_t.c.annotator_id == me, spans_t.c.origin.like("suggestion:%")).group_by(spans_t.c.origin)).all())
            rejected = dict(connection.execute(select(rejections_t.c.source, func.count()).where(
                rejections_t.c.annotator_id == me).group_by(rejections_t.c.source)).all())
        names = {origin.split(":", 1)[1] for origin in accepted} | {name for name in rejected if name}
        return {name: (accepted.get(f"suggestion:{name}", 0), rejected.get(name, 0)) for name in sorted(names)}

    def import_gazetteer(self, path: Path) -> int:
        """``text<TAB>label`` per line; every line checked first, then all stored in one transaction."""
        entries: list[tuple[str, str]] = []
        for number, line in enumerate(decode_utf8(path.read_bytes(), path).split("\n"), start=1):
            line = line.rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 2 or not fields[0].strip():
                raise InputError(path, number, "expected 'text<TAB>label'")
            text, label = fields[0].strip(), fields[1].strip()
            problem = text_problem(text) or label_problem(label)
            if problem:
                raise InputError(path, number, problem)
            entries.append((text, label))
        if not entries:
            raise InputError(path, None, "empty file: no gazetteer entries")
        added = 0
        with self.write() as connection:
            known = set(connection.execute(select(gazetteer_t.c.text, gazetteer_t.c.label_id)).all())
            for text, label in dict.fromkeys(entries):
                try:
                    label_id = self.label_id(connection, label)
                except AnnotatorError as error:
                    raise InputError(path, None, str(error)) from None
                if (text, label_id) not in known:
                    connection.execute(insert(gazetteer_t).values(text=text, label_id=label_id))
                    known.add((text, label_id))
                    added += 1
        return added


__all__ = ["SuggestionActions", "gazetteer_t", "labels_t", "rejections_t", "suggestions_t"]
