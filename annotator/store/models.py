"""The tables, as SQLAlchemy Core ``Table``s. Existing databases were built by the Alembic migrations; a
new, empty one is created from these declarations (``fresh.py``). ``tests/store/test_schema.py`` and
``tests/store/test_fresh_schema.py`` hold them to what the migrations build, down to constraint names and
server defaults.

Core tables, not ORM classes: the store speaks Core statements only, and importing the ORM and mapping
sixteen classes was a third of the window's start-up (issue #17)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.schema import conv


def utcnow() -> datetime:
    return datetime.now(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# The migrations named their CHECK constraints in full (ck_spans_offsets) and the naming convention, which
# alembic applies too, prefixed them once more: databases hold ck_spans_ck_spans_offsets. Those names are
# declared as they are stored, in conv(), which the convention leaves alone.
metadata = MetaData(naming_convention=NAMING)


def _id() -> Column:  # type: ignore[type-arg]
    return Column("id", Integer, primary_key=True)


def _required(name: str, kind, **options) -> Column:  # type: ignore[no-untyped-def,type-arg]
    return Column(name, kind, nullable=False, **options)


def _optional(name: str, kind, **options) -> Column:  # type: ignore[no-untyped-def,type-arg]
    return Column(name, kind, nullable=True, **options)


def _document_id() -> Column:  # type: ignore[type-arg]
    return _required("document_id", ForeignKey("documents.id", ondelete="CASCADE"))


def _when(name: str, **options) -> Column:  # type: ignore[no-untyped-def,type-arg]
    return _required(name, DateTime(timezone=True), default=utcnow, **options)


documents = Table(
    "documents", metadata,
    _id(),
    _required("name", String(500)),
    _required("text", Text),
    _required("sha256", String(64), unique=True),
    _optional("source_path", Text),
    _when("created_at"),
    _required("meta", JSON, default=dict),
)

labels = Table(
    "labels", metadata,
    _id(),
    _required("name", String(100), unique=True),
    _required("color", String(20)),
    _optional("shortcut", String(20), unique=True),
    _required("description", Text, default=""),
)

ROLES = ("annotator", "reviewer")

annotators = Table(
    "annotators", metadata,
    _id(),
    _required("name", String(200), unique=True),
    _when("created_at"),
    _required("role", String(20), default="annotator", server_default="annotator"),
)

spans = Table(
    "spans", metadata,
    _id(),
    _document_id(),
    _required("start", Integer),
    _required("end", Integer),
    _required("label_id", ForeignKey("labels.id")),
    _required("text", Text),
    _required("annotator_id", ForeignKey("annotators.id")),
    _when("created_at"),
    _when("updated_at", onupdate=utcnow),
    _required("status", String(20), default="draft"),
    _optional("reviewer_id", ForeignKey("annotators.id")),
    _optional("note", Text),
    _optional("reviewed_at", DateTime(timezone=True)),
    # "manual", or "suggestion:<source>" when it was accepted from a suggestion
    _required("origin", String(40), default="manual", server_default="manual"),
    CheckConstraint('start >= 0 AND "end" > start', name=conv("ck_spans_ck_spans_offsets")),
    CheckConstraint("status IN ('draft', 'accepted', 'rejected')", name=conv("ck_spans_ck_spans_status")),
    UniqueConstraint("document_id", "start", "end", "label_id", "annotator_id", name="uq_spans_identity"),
    Index("ix_spans_document_start", "document_id", "start"),
    Index("ix_spans_annotator", "annotator_id"),
    Index("ix_spans_label", "label_id"),
    # Ids are never reused, so undoing a delete can put a span back under its old id.
    sqlite_autoincrement=True,
)

# Every change to a span, with the span before and after (JSON), so nothing is ever lost and any change
# can be reverted, also after a restart.
span_history = Table(
    "span_history", metadata,
    _id(),
    _required("span_id", Integer),
    _document_id(),
    _required("action", String(20)),
    _required("actor_id", ForeignKey("annotators.id")),
    _when("at"),
    _optional("before", JSON),
    _optional("after", JSON),
    _required("reverted", Boolean, default=False, server_default=false()),
    # No index on span_id: nothing looks the history up by span, and each index is one more page written
    # on every tag.
    Index("ix_span_history_document_actor", "document_id", "actor_id", "id"),
    sqlite_autoincrement=True,
)

# A kind of link and the labels allowed at its two ends (JSON lists of label names).
link_types = Table(
    "link_types", metadata,
    _id(),
    _required("name", String(100), unique=True),
    _required("from_labels", JSON),
    _required("to_labels", JSON),
    _required("description", Text, default="", server_default=""),  # as migration 0003 made it
)

# A link from one span to another of the same document, by one annotator, reviewable like a span.
# Deleting either span deletes the link (the store does it first, so the span's history keeps it).
links = Table(
    "links", metadata,
    _id(),
    _document_id(),
    _required("from_span_id", ForeignKey("spans.id", ondelete="CASCADE")),
    _required("to_span_id", ForeignKey("spans.id", ondelete="CASCADE")),
    _required("type_id", ForeignKey("link_types.id")),
    _required("annotator_id", ForeignKey("annotators.id")),
    _required("status", String(20), default="draft", server_default="draft"),  # as migration 0003 made it
    _optional("reviewer_id", ForeignKey("annotators.id")),
    _optional("reviewed_at", DateTime(timezone=True)),
    _optional("note", Text),
    _when("created_at"),
    _when("updated_at"),
    UniqueConstraint("from_span_id", "to_span_id", "type_id", "annotator_id", name="uq_links_identity"),
    Index("ix_links_document", "document_id"),
    Index("ix_links_to", "to_span_id"),
)

# A span a source proposes; not a span until a user accepts it.
suggestions = Table(
    "suggestions", metadata,
    _id(),
    _document_id(),
    _required("start", Integer),
    _required("end", Integer),
    _required("label_id", ForeignKey("labels.id")),
    _required("source", String(20)),
    _required("score", Float),
    _when("computed_at"),
    UniqueConstraint("document_id", "start", "end", "label_id", "source", name="uq_suggestions_identity"),
    Index("ix_suggestions_document", "document_id", "start"),
)

# A user said no to a suggestion at this place: it is not offered to them there again.
suggestion_rejections = Table(
    "suggestion_rejections", metadata,
    _id(),
    _required("annotator_id", ForeignKey("annotators.id")),
    _document_id(),
    _required("start", Integer),
    _required("end", Integer),
    _required("label_id", ForeignKey("labels.id")),
    _when("created_at"),
    _optional("source", String(20)),  # what proposed it (the panel counts per source)
    UniqueConstraint("annotator_id", "document_id", "start", "end", "label_id",
                     name="uq_suggestion_rejections_identity"),
)

gazetteer = Table(
    "gazetteer", metadata,
    _id(),
    _required("text", Text),
    _required("label_id", ForeignKey("labels.id")),
    UniqueConstraint("text", "label_id", name="uq_gazetteer_text"),
)

# A suggestion source's trained model, one per source name (replaced by each training).
trained_models = Table(
    "trained_models", metadata,
    _id(),
    _required("name", String(40)),
    _required("data", LargeBinary),
    _when("trained_at"),
    _required("trained_by", String(200)),
    _required("settings", JSON, default=dict),
    _required("scores", JSON, default=dict),  # source -> held-out P/R/F1 per label
    _required("documents", Integer),
    _required("tokens", Integer),
    _required("spans", Integer),
    UniqueConstraint("name", name="uq_trained_models_name"),
)

DOCUMENT_STATES = ("in_progress", "finished", "skipped")  # "new" is the absence of a row and of spans

# One annotator's state of one document (absent: new, or in progress once they have a span).
document_states = Table(
    "document_states", metadata,
    _id(),
    _document_id(),
    _required("annotator_id", ForeignKey("annotators.id")),
    _required("state", String(20)),
    _optional("reason", Text),
    _when("updated_at"),
    UniqueConstraint("document_id", "annotator_id", name="uq_document_states_identity"),
    CheckConstraint("state IN ('in_progress', 'finished', 'skipped')",
                    name=conv("ck_document_states_ck_document_states_state")),
)

# Every change of a document state (finished, skipped, reopened), by whom and when.
document_state_history = Table(
    "document_state_history", metadata,
    _id(),
    _document_id(),
    _required("annotator_id", ForeignKey("annotators.id")),
    _required("actor_id", ForeignKey("annotators.id")),
    _optional("before", String(20)),
    _required("after", String(20)),
    _optional("reason", Text),
    _when("at"),
    Index("ix_document_state_history_document", "document_id", "id"),
)

# A document given to an annotator (by a reviewer).
assignments = Table(
    "assignments", metadata,
    _id(),
    _document_id(),
    _required("annotator_id", ForeignKey("annotators.id")),
    _optional("assigned_by", ForeignKey("annotators.id")),
    _when("assigned_at"),
    UniqueConstraint("document_id", "annotator_id", name="uq_assignments_identity"),
    Index("ix_assignments_annotator", "annotator_id", "document_id"),
)

# A text the team shares, by name (the guidelines).
project_texts = Table(
    "project_texts", metadata,
    _id(),
    _required("name", String(40)),
    _required("text", Text),
    _when("updated_at"),
    _required("updated_by", String(200)),
    UniqueConstraint("name", name="uq_project_texts_name"),
)
