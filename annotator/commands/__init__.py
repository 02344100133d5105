"""The sub-commands of ``annotator``, one module per group. A module exposes
``register(subparsers) -> {name: handler}``; adding a group means adding it to ``MODULES``."""

from __future__ import annotations

MODULES = ("annotator.commands.transfer", "annotator.commands.overview", "annotator.commands.review",
           "annotator.commands.report", "annotator.commands.safety", "annotator.commands.team",
           "annotator.commands.links", "annotator.commands.suggest", "annotator.commands.model",
           "annotator.commands.project")
