"""The project's trained model in the store: what it learns from (the spans, filtered by status and
annotator), and the model itself with its held-out scores, one row per source name, shared by a team."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, insert, select, update

from annotator.core.errors import AnnotatorError
from annotator.store.base import StoreBase, annotators_t, documents_t, spans_t
from annotator.store.models import trained_models as trained_models_t
from annotator.store.models import utcnow

if TYPE_CHECKING:
    # The model's module (with the matcher and the Arabic folding it builds on) is loaded when a model is
    # trained or read, not with every store: that was 10 ms of every start of the window and of every command.
    from annotator.core.suggest.model import LabelScore, TrainedModel, TrainingDocument

MODEL_NAME = "model"
TRAINING_STATUSES = ("any", "accepted")


@dataclass(frozen=True)
class ModelInfo:
    name: str
    trained_at: datetime
    trained_by: str
    settings: dict[str, Any]
    scores: dict[str, list[LabelScore]]  # source -> held-out scores per label
    documents: int
    tokens: int
    spans: int


class TrainedModelActions(StoreBase):
    def training_documents(self, status: str = "any",
                           annotators: Sequence[str] | None = None) -> list[TrainingDocument]:
        """Every document with spans to learn from: not rejected (``any``) or ``accepted`` only, by the
        named annotators (default: everyone); the same span by two annotators counts once."""
        from annotator.core.suggest.model import TrainingDocument

        if status not in TRAINING_STATUSES:
            raise AnnotatorError(f"--status must be one of {', '.join(TRAINING_STATUSES)}, not {status!r}")
        with self.read() as connection:
            self._reload_labels(connection)
            query = (select(spans_t.c.document_id, spans_t.c.start, spans_t.c.end, spans_t.c.label_id)
                     .where(spans_t.c.status == "accepted" if status == "accepted" else spans_t.c.status != "rejected"))
            if annotators:
                known = dict(connection.execute(select(annotators_t.c.name, annotators_t.c.id)
                                                .where(annotators_t.c.name.in_(annotators))).all())
                missing = [name for name in annotators if name not in known]
                if missing:
                    raise AnnotatorError(f"no annotator named {', '.join(map(repr, missing))}")
                query = query.where(spans_t.c.annotator_id.in_(known.values()))
            by_document: dict[int, set[tuple[int, int, str]]] = {}
            for document_id, start, end, label_id in connection.execute(query):
                by_document.setdefault(document_id, set()).add((start, end, self._label_names[label_id]))
            texts = dict(connection.execute(select(documents_t.c.id, documents_t.c.text)
                                            .where(documents_t.c.id.in_(by_document))).all()) if by_document else {}
        return [TrainingDocument(texts[document_id], tuple(sorted(spans)))
                for document_id, spans in sorted(by_document.items())]

    def save_model(self, model: TrainedModel, settings: dict[str, Any], name: str = MODEL_NAME) -> None:
        scores = {source: [score.as_dict() for score in listed] for source, listed in model.held_out.items()}
        values = dict(data=model.data, trained_at=utcnow(), trained_by=self.user, settings=settings,
                      scores=scores, documents=model.documents,
                      tokens=model.tokens, spans=model.spans)
        with self.write() as connection:
            exists = connection.scalar(select(trained_models_t.c.id).where(trained_models_t.c.name == name))
            if exists is None:
                connection.execute(insert(trained_models_t).values(name=name, **values))
            else:
                connection.execute(update(trained_models_t).where(trained_models_t.c.id == exists).values(**values))

    def model_data(self, connection: Connection, name: str = MODEL_NAME) -> bytes | None:
        return connection.scalar(select(trained_models_t.c.data).where(trained_models_t.c.name == name))

    def model_info(self, name: str = MODEL_NAME) -> ModelInfo | None:
        from annotator.core.suggest.model import LabelScore

        columns = [c for c in trained_models_t.c if c.name not in ("id", "data")]
        with self.read() as connection:
            row = connection.execute(select(*columns).where(trained_models_t.c.name == name)).first()
        if row is None:
            return None
        scores = {source: [LabelScore(s["label"], s["precision"], s["recall"], s["f1"], s["gold"], s["predicted"])
                           for s in listed] for source, listed in row.scores.items()}
        return ModelInfo(row.name, row.trained_at, row.trained_by, row.settings, scores, row.documents,
                         row.tokens, row.spans)

    def spans_since_training(self, name: str = MODEL_NAME) -> int:
        """Spans made since the model was trained (all of them before the first training): the window
        retrains after a number of these."""
        with self.read() as connection:
            trained_at = connection.scalar(select(trained_models_t.c.trained_at)
                                           .where(trained_models_t.c.name == name))
            query = select(func.count()).select_from(spans_t).where(spans_t.c.status != "rejected")
            if trained_at is not None:
                query = query.where(spans_t.c.created_at > trained_at)
            return int(connection.scalar(query) or 0)


__all__ = ["MODEL_NAME", "TRAINING_STATUSES", "ModelInfo", "TrainedModelActions", "trained_models_t"]
