"""Suggestion sources: one module each, behind ``base.SuggestionSource``."""

from __future__ import annotations

import importlib

from annotator.core.errors import AnnotatorError
from annotator.core.suggest.base import StoredSuggestion, SuggestContext, Suggestion, SuggestionSource

__all__ = ["SOURCES", "StoredSuggestion", "SuggestContext", "Suggestion", "SuggestionSource", "source_named"]

# name -> (module under annotator.core.suggest, class): adding a source touches its module and this line.
SOURCES = {"matcher": ("matcher", "MatcherSource"), "dates": ("dates", "DateSource"), "cues": ("cues", "CueSource"),
           "model": ("model", "ModelSource")}


def source_named(name: str) -> SuggestionSource:
    if name not in SOURCES:
        raise AnnotatorError(f"unknown suggestion source {name!r} (known: {', '.join(SOURCES)})")
    module, cls = SOURCES[name]
    return getattr(importlib.import_module(f"annotator.core.suggest.{module}"), cls)()  # type: ignore[no-any-return]
