"""Span annotation of right-to-left Arabic news articles."""

__version__ = "0.1.0"
