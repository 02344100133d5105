"""Users and their roles. Roles live in the database, so the data layer enforces them."""

from __future__ import annotations

from sqlalchemy import func, select, update

from annotator.core.errors import AnnotatorError
from annotator.core.text import user_problem
from annotator.store.base import StoreBase, annotators_t, spans_t
from annotator.store.models import ROLES


class UserAdmin(StoreBase):
    def users(self) -> list[tuple[str, str, int]]:
        """(name, role, number of spans) for everyone known to the database."""
        with self.read() as connection:
            counts = dict(connection.execute(
                select(spans_t.c.annotator_id, func.count()).group_by(spans_t.c.annotator_id)).all())
            rows = connection.execute(select(annotators_t.c.id, annotators_t.c.name, annotators_t.c.role)
                                      .order_by(annotators_t.c.name)).all()
            return [(r.name, r.role, counts.get(r.id, 0)) for r in rows]

    def set_role(self, name: str, role: str) -> None:
        """Grant a role. Once a reviewer exists, only reviewers may grant or revoke roles."""
        if role not in ROLES:
            raise AnnotatorError(f"unknown role {role!r} (expected one of {', '.join(ROLES)})")
        problem = user_problem(name)
        if problem:
            raise AnnotatorError(problem)
        with self.write() as connection:
            reviewers = connection.scalar(select(func.count()).where(annotators_t.c.role == "reviewer")) or 0
            mine = connection.scalar(select(annotators_t.c.role).where(annotators_t.c.name == self.user))
            if reviewers and mine != "reviewer":
                raise AnnotatorError(f"{self.user} is not a reviewer: only reviewers may change roles")
            self.annotator_id(connection, name)
            connection.execute(update(annotators_t).where(annotators_t.c.name == name).values(role=role))
