"""Arabic for renderers that cannot shape or reorder it themselves: the terminal and matplotlib.

Never used for text shown in Qt or stored (Qt shapes and reorders by itself, and reshaped text would
corrupt offsets). arabic-reshaper picks the joined letter forms, one output character per input
character (ligatures off), and python-bidi's algorithm gives the visual order; keeping the logical
index of every character lets the terminal colour spans after reordering.
"""

from __future__ import annotations

from typing import Any

from annotator.core.errors import AnnotatorError


def _libraries() -> tuple[Any, Any]:
    try:
        import arabic_reshaper
        from bidi import algorithm
    except ImportError:
        raise AnnotatorError("this needs arabic-reshaper and python-bidi: pip install 'annotator[report]'") from None
    return arabic_reshaper, algorithm


def shape(line: str) -> str:
    """Joined letter forms, exactly one character for each character of ``line``."""
    arabic_reshaper, _ = _libraries()
    reshaper = arabic_reshaper.ArabicReshaper(configuration={
        "delete_harakat": False, "support_ligatures": False, "shift_harakat_position": False,
        "delete_tatweel": False})
    shaped = reshaper.reshape(line)
    return shaped if len(shaped) == len(line) else line


def visual_order(line: str, base_direction: str = "R") -> list[tuple[int, bool]]:
    """(logical index, in a right-to-left run) for each character of ``line`` (one paragraph), in
    display order from left to right."""
    _, algorithm = _libraries()
    storage = algorithm.get_empty_storage()
    storage["base_level"] = algorithm.PARAGRAPH_LEVELS[base_direction]
    storage["base_dir"] = base_direction
    algorithm.get_embedding_levels(line, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    for step in (algorithm.explicit_embed_and_overrides, algorithm.resolve_weak_types,
                 algorithm.resolve_neutral_types, algorithm.resolve_implicit_levels,
                 algorithm.reorder_resolved_levels):
        step(storage, False)
    return [(char["index"], char["level"] % 2 == 1) for char in storage["chars"]]


def visual(text: str, base_direction: str = "R") -> str:
    """``text`` as a left-to-right renderer must draw it (each line on its own)."""
    lines = []
    for line in text.split("\n"):
        if not line:
            lines.append(line)
            continue
        shaped = shape(line)
        lines.append("".join(mirrored(shaped[i], rtl) for i, rtl in visual_order(line, base_direction)))
    return "\n".join(lines)


_MIRRORS = str.maketrans("()[]{}«»<>", ")(][}{»«><")


def mirrored(char: str, rtl: bool) -> str:
    """Brackets in right-to-left runs are drawn mirrored (Unicode's Bidi_Mirrored property)."""
    return char.translate(_MIRRORS) if rtl else char
