"""Suggestion sources: one module each, behind ``base.SuggestionSource``."""

from __future__ import annotations

from annotator.core.suggest.base import SuggestContext, Suggestion, SuggestionSource

__all__ = ["SuggestContext", "Suggestion", "SuggestionSource"]
