"""SQLAlchemy 2 typed ORM models. The schema itself is created by the Alembic migrations."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    source_path: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    spans: Mapped[list[Span]] = relationship(back_populates="document", passive_deletes=True)


class Label(Base):
    __tablename__ = "labels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    color: Mapped[str] = mapped_column(String(20))
    shortcut: Mapped[str | None] = mapped_column(String(20), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")


ROLES = ("annotator", "reviewer")


class Annotator(Base):
    __tablename__ = "annotators"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    role: Mapped[str] = mapped_column(String(20), default="annotator", server_default="annotator")


class Span(Base):
    __tablename__ = "spans"
    __table_args__ = (
        CheckConstraint('start >= 0 AND "end" > start', name="offsets"),
        CheckConstraint("status IN ('draft', 'accepted', 'rejected')", name="status"),
        UniqueConstraint("document_id", "start", "end", "label_id", "annotator_id", name="uq_spans_identity"),
        Index("ix_spans_document_start", "document_id", "start"),
        Index("ix_spans_annotator", "annotator_id"),
        Index("ix_spans_label", "label_id"),
        # Ids are never reused, so undoing a delete can put a span back under its old id.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id"))
    text: Mapped[str] = mapped_column(Text)
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("annotators.id"))
    note: Mapped[str | None] = mapped_column(Text)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # "manual", or "suggestion:<source>" when it was accepted from a suggestion
    origin: Mapped[str] = mapped_column(String(40), default="manual", server_default="manual")

    document: Mapped[Document] = relationship(back_populates="spans")
    label: Mapped[Label] = relationship()
    annotator: Mapped[Annotator] = relationship(foreign_keys=[annotator_id])
    reviewer: Mapped[Annotator | None] = relationship(foreign_keys=[reviewer_id])


class SpanHistory(Base):
    """Every change to a span, with the span before and after (JSON), so nothing is ever lost and any
    change can be reverted, also after a restart."""

    __tablename__ = "span_history"
    __table_args__ = (
        Index("ix_span_history_document_actor", "document_id", "actor_id", "id"),
        Index("ix_span_history_span", "span_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    span_id: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reverted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class LinkTypeRow(Base):
    """A kind of link and the labels allowed at its two ends (JSON lists of label names)."""

    __tablename__ = "link_types"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    from_labels: Mapped[list[str]] = mapped_column(JSON)
    to_labels: Mapped[list[str]] = mapped_column(JSON)
    description: Mapped[str] = mapped_column(Text, default="")


class Link(Base):
    """A link from one span to another of the same document, by one annotator, reviewable like a span.
    Deleting either span deletes the link (the store does it first, so the span's history keeps it)."""

    __tablename__ = "links"
    __table_args__ = (
        UniqueConstraint("from_span_id", "to_span_id", "type_id", "annotator_id", name="uq_links_identity"),
        Index("ix_links_document", "document_id"),
        Index("ix_links_to", "to_span_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    from_span_id: Mapped[int] = mapped_column(ForeignKey("spans.id", ondelete="CASCADE"))
    to_span_id: Mapped[int] = mapped_column(ForeignKey("spans.id", ondelete="CASCADE"))
    type_id: Mapped[int] = mapped_column(ForeignKey("link_types.id"))
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("annotators.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SuggestionRow(Base):
    """A span a source proposes; not a span until a user accepts it."""

    __tablename__ = "suggestions"
    __table_args__ = (
        UniqueConstraint("document_id", "start", "end", "label_id", "source", name="uq_suggestions_identity"),
        Index("ix_suggestions_document", "document_id", "start"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id"))
    source: Mapped[str] = mapped_column(String(20))
    score: Mapped[float] = mapped_column(Float)
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SuggestionRejection(Base):
    """A user said no to a suggestion at this place: it is not offered to them there again."""

    __tablename__ = "suggestion_rejections"
    __table_args__ = (
        UniqueConstraint("annotator_id", "document_id", "start", "end", "label_id",
                         name="uq_suggestion_rejections_identity"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    source: Mapped[str | None] = mapped_column(String(20))  # what proposed it (the panel counts per source)


class GazetteerEntry(Base):
    __tablename__ = "gazetteer"
    __table_args__ = (UniqueConstraint("text", "label_id", name="uq_gazetteer_text"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id"))


class TrainedModel(Base):
    """A suggestion source's trained model, one per source name (replaced by each training)."""

    __tablename__ = "trained_models"
    __table_args__ = (UniqueConstraint("name", name="uq_trained_models_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    trained_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    trained_by: Mapped[str] = mapped_column(String(200))
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # source -> held-out P/R/F1 per label
    documents: Mapped[int] = mapped_column(Integer)
    tokens: Mapped[int] = mapped_column(Integer)
    spans: Mapped[int] = mapped_column(Integer)


DOCUMENT_STATES = ("in_progress", "finished", "skipped")  # "new" is the absence of a row and of spans


class DocumentState(Base):
    """One annotator's state of one document (absent: new, or in progress once they have a span)."""

    __tablename__ = "document_states"
    __table_args__ = (
        UniqueConstraint("document_id", "annotator_id", name="uq_document_states_identity"),
        CheckConstraint("state IN ('in_progress', 'finished', 'skipped')", name="state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    state: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DocumentStateChange(Base):
    """Every change of a document state (finished, skipped, reopened), by whom and when."""

    __tablename__ = "document_state_history"
    __table_args__ = (Index("ix_document_state_history_document", "document_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    before: Mapped[str | None] = mapped_column(String(20))
    after: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Assignment(Base):
    """A document given to an annotator (by a reviewer)."""

    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("document_id", "annotator_id", name="uq_assignments_identity"),
        Index("ix_assignments_annotator", "annotator_id", "document_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    assigned_by: Mapped[int | None] = mapped_column(ForeignKey("annotators.id"))
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ProjectText(Base):
    """A text the team shares, by name (the guidelines)."""

    __tablename__ = "project_texts"
    __table_args__ = (UniqueConstraint("name", name="uq_project_texts_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(200))
