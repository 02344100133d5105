"""Code-point offsets <-> Qt text-document positions.

Stored offsets index the text as a Python string (code points). A ``QTextDocument`` filled with
``setPlainText`` counts differently:

* a character outside the Basic Multilingual Plane (an emoji) takes two positions (UTF-16 units);
* ``\\r\\n`` becomes a single paragraph break, so the ``\\n`` of each CRLF takes no position.

Everything else (``\\n``, a lone ``\\r``, U+2028, U+2029) is one position per code point. The window
converts in this one place; the mapping is kept as a short list of anchors (one per astral character
or CRLF), so a 1 MB document without either costs two list entries and every lookup is a bisect.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_EVENTS = re.compile("[\U00010000-\U0010ffff]|\r\n")


class QtPositionMap:
    """Converts between offsets into ``text`` and positions in a QTextDocument holding it."""

    def __init__(self, text: str) -> None:
        self._length = len(text)
        # Anchor k: from code-point offset _offsets[k] on, qt = offset + _deltas[k] until the next event.
        offsets = [0]
        deltas = [0]
        event_offsets: list[int] = []  # code-point index of the character that changes the delta
        delta = 0
        if text.startswith("\ufeff"):
            # setPlainText drops one leading U+FEFF (a byte-order mark), so it takes no position.
            delta = -1
            event_offsets.append(0)
            offsets.append(1)
            deltas.append(delta)
        # Most articles have neither CRLF nor astral characters: two C-speed checks skip the scan.
        plain = "\r\n" not in text and len(text.encode("utf-16-le")) == 2 * len(text)
        for match in () if plain else _EVENTS.finditer(text):
            if match.group() == "\r\n":
                index = match.start() + 1  # the \n of a CRLF takes no position
                delta -= 1
            else:
                index = match.start()
                delta += 1
            event_offsets.append(index)
            offsets.append(index + 1)
            deltas.append(delta)
        self._offsets = offsets
        self._deltas = deltas
        self._event_offsets = event_offsets
        self._positions = [o + d for o, d in zip(offsets, deltas, strict=True)]
        self.qt_length = self._length + delta

    def to_qt(self, offset: int) -> int:
        """The Qt position of the gap before code point ``offset`` (0..len(text))."""
        if not 0 <= offset <= self._length:
            raise ValueError(f"offset {offset} outside 0..{self._length}")
        k = bisect_right(self._offsets, offset) - 1
        return offset + self._deltas[k]

    def to_offset(self, position: int) -> int:
        """The code-point offset for a Qt position; a position inside a surrogate pair rounds down."""
        if not 0 <= position <= self.qt_length:
            raise ValueError(f"position {position} outside 0..{self.qt_length}")
        k = bisect_right(self._positions, position) - 1
        offset = position - self._deltas[k]
        if k < len(self._event_offsets):
            # Past the end of this anchor's run means inside the next astral character.
            offset = min(offset, self._event_offsets[k])
        return offset

    def to_qt_range(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def to_offset_range(self, start: int, end: int) -> tuple[int, int]:
        return self.to_offset(start), self.to_offset(end)
