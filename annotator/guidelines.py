"""The annotation guidelines: the team's own (``annotator guidelines set FILE.md``, kept in the database),
or the short built-in ones for actor / location / date / claim, in Arabic and English."""

from __future__ import annotations

from annotator.bundled import resources_dir

GUIDELINES = "guidelines"  # the project text's name in the database


def default_guidelines(language: str = "en") -> str:
    folder = resources_dir() / "guidelines"
    path = folder / f"guidelines_{language}.md"
    if not path.is_file():
        path = folder / "guidelines_en.md"
    return path.read_text(encoding="utf-8")
