"""Label administration: add, rename, recolour, re-key."""

from __future__ import annotations

import re
from dataclasses import replace

from sqlalchemy import Connection, insert, select, update

from annotator.core.errors import AnnotatorError
from annotator.core.model import LabelSpec
from annotator.core.text import label_problem
from annotator.store.base import StoreBase, history_t, labels_t, spans_t
from annotator.store.models import utcnow

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class LabelAdmin(StoreBase):
    def labels(self) -> list[LabelSpec]:
        with self.read() as connection:
            rows = connection.execute(select(labels_t).order_by(labels_t.c.shortcut.is_(None),
                                                                 labels_t.c.shortcut, labels_t.c.id))
            return [LabelSpec(r.name, r.color, r.shortcut, r.description) for r in rows]

    def add_label(self, spec: LabelSpec) -> LabelSpec:
        name = spec.name.strip()
        problem = label_problem(name)
        if problem:
            raise AnnotatorError(problem)
        self._check_color(spec.color)
        with self.write() as connection:
            if connection.scalar(select(labels_t.c.id).where(labels_t.c.name == name)) is not None:
                raise AnnotatorError(f"label {name!r} already exists")
            self._check_shortcut_free(connection, spec.shortcut)
            connection.execute(insert(labels_t).values(name=name, color=spec.color, shortcut=spec.shortcut,
                                                       description=spec.description))
            self._reload_labels(connection)
        return replace(spec, name=name)

    def _refuse_unless_reviewer(self, connection: Connection, what: str) -> None:
        from annotator.store.transfer import may_act_for_others

        if not may_act_for_others(self, connection):
            raise AnnotatorError(f"{self.user} is not a reviewer: only reviewers may {what} (it changes "
                                 "everyone's spans)")

    def update_label(self, name: str, *, new_name: str | None = None, color: str | None = None,
                     shortcut: str | None = None, description: str | None = None) -> None:
        with self.write() as connection:
            label_id = self.label_id(connection, name)
            if new_name is not None and new_name != name:
                self._refuse_unless_reviewer(connection, f"rename label {name!r}")
            values: dict[str, object] = {}
            if new_name is not None and new_name != name:
                new_name = new_name.strip()
                problem = label_problem(new_name)
                if problem:
                    raise AnnotatorError(problem)
                if connection.scalar(select(labels_t.c.id).where(labels_t.c.name == new_name)) is not None:
                    raise AnnotatorError(f"label {new_name!r} already exists")
                values["name"] = new_name
            if color is not None:
                values["color"] = self._check_color(color)
            if shortcut is not None:
                self._check_shortcut_free(connection, shortcut or None, except_id=label_id)
                values["shortcut"] = shortcut or None
            if description is not None:
                values["description"] = description
            if values:
                connection.execute(update(labels_t).where(labels_t.c.id == label_id).values(**values))
            if "name" in values:
                self._record_rename(connection, label_id, name, str(values["name"]))
            self._reload_labels(connection)

    def _record_rename(self, connection: Connection, label_id: int, old: str, new: str) -> None:
        """A rename changes everyone's spans of that label: one history entry per document it touched."""
        documents = connection.scalars(select(spans_t.c.document_id).where(spans_t.c.label_id == label_id)
                                       .distinct()).all()
        if documents:
            actor = self.annotator_id(connection, self.user)
            connection.execute(insert(history_t), [
                dict(span_id=0, document_id=document_id, action="label-rename", actor_id=actor, at=utcnow(),
                     before={"kind": "label", "label": old}, after={"kind": "label", "label": new}, reverted=False)
                for document_id in documents])

    @staticmethod
    def _check_color(color: str) -> str:
        if not _COLOR.match(color):
            raise AnnotatorError(f"a colour is written #rrggbb, got {color!r}")
        return color

    @staticmethod
    def _check_shortcut_free(connection: Connection, shortcut: str | None, except_id: int | None = None) -> None:
        if not shortcut:
            return
        owner = connection.execute(select(labels_t.c.id, labels_t.c.name)
                                   .where(labels_t.c.shortcut == shortcut)).first()
        if owner is not None and owner.id != except_id:
            raise AnnotatorError(f"key {shortcut!r} is already used by label {owner.name!r}")
