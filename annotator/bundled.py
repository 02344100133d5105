"""Where the bundled fonts, icons and seed articles are.

An installed wheel carries them inside the package (``annotator/resources``, ``annotator/seeds``,
force-included by the build); an editable install or a source checkout has them at the top of the
repository. The installed location wins.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled_dir(name: str) -> Path:
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} is missing from this installation")


def resources_dir() -> Path:
    return _bundled_dir("resources")


def seed_paths() -> list[Path]:
    return sorted(_bundled_dir("seeds").glob("*.txt"))


def font_paths() -> list[Path]:
    return sorted((resources_dir() / "fonts").glob("*.ttf"))
