"""Stable names for actions, so saved shortcuts survive a change of language."""

from __future__ import annotations

import re


def action_key(text: str) -> str:
    """A stable name for an action, from its untranslated text: "&Next document" -> "next_document"."""
    return re.sub(r"[^a-z0-9]+", "_", text.replace("&", "").lower()).strip("_")
