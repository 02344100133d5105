"""The sub-commands of ``annotator``, one module per group. A module exposes
``register(subparsers) -> {name: handler}``; adding a group means adding it to ``MODULES``."""

from __future__ import annotations

MODULES = ("annotator.commands.transfer", "annotator.commands.overview", "annotator.commands.review",
           "annotator.commands.report", "annotator.commands.safety", "annotator.commands.team",
           "annotator.commands.links", "annotator.commands.suggest", "annotator.commands.model",
           "annotator.commands.project")

# Every command's name, known without importing the modules: starting the window (no command given) must
# not pay for building every command's parser. tests/cli/test_cli.py keeps it equal to what they register.
COMMAND_NAMES = ("agreement", "assign", "backup", "check", "export", "finish", "gazetteer", "guidelines", "history",
                 "import", "labels", "links", "merge", "model", "progress", "report", "show", "stats", "suggest",
                 "team", "users")
