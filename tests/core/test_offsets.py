import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.offsets import QtPositionMap


def test_plain_bmp_text_maps_one_to_one() -> None:
    mapping = QtPositionMap("مرحبا بالعالم")
    assert [mapping.to_qt(i) for i in range(14)] == list(range(14))
    assert mapping.qt_length == 13


def test_emoji_takes_two_qt_positions() -> None:
    text = "a😀محمد"
    mapping = QtPositionMap(text)
    assert mapping.to_qt(1) == 1
    assert mapping.to_qt(2) == 3  # after the surrogate pair
    assert mapping.to_offset(3) == 2
    assert mapping.to_offset(2) == 1  # inside the pair: rounds down, never splits it
    assert mapping.qt_length == 7


def test_crlf_is_one_paragraph_break() -> None:
    text = "دمشق\r\nالقاهرة"
    mapping = QtPositionMap(text)
    cairo = text.index("القاهرة")
    assert mapping.to_qt(cairo) == 5
    assert mapping.to_offset(5) == cairo
    # The end of the first paragraph maps back before the \r, not between \r and \n.
    assert mapping.to_offset(4) == 4
    assert mapping.qt_length == len(text) - 1


def test_lone_cr_and_lf_are_one_position_each() -> None:
    mapping = QtPositionMap("a\rb\nc")
    assert mapping.qt_length == 5
    assert mapping.to_offset(4) == 4


def test_out_of_range_is_refused() -> None:
    mapping = QtPositionMap("abc")
    with pytest.raises(ValueError):
        mapping.to_qt(4)
    with pytest.raises(ValueError):
        mapping.to_offset(-1)


def _qt_document_text(text: str) -> str:
    """What QTextDocument holds after setPlainText, as Python string of UTF-16 units' code points."""
    return text.replace("\r\n", "\n")


alphabet = st.sampled_from(list("ab مدينة\r\n،«»") + ["😀", "𝐀", "\u0651", "\u064e", "٢", "\u2029"])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=alphabet, max_size=60))
def test_round_trip_of_every_offset(text: str) -> None:
    mapping = QtPositionMap(text)
    utf16_length = len(_qt_document_text(text).encode("utf-16-le")) // 2
    assert mapping.qt_length == utf16_length
    for offset in range(len(text) + 1):
        between_cr_and_lf = 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n"
        if not between_cr_and_lf:
            assert mapping.to_offset(mapping.to_qt(offset)) == offset
        prefix = _qt_document_text(text[:offset])
        if not between_cr_and_lf:
            assert mapping.to_qt(offset) == len(prefix.encode("utf-16-le")) // 2


def test_matches_a_real_qt_document() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QTextCursor, QTextDocument

    text = "قال 😀 محمد\r\nفي بغداد 𝐀 ١٥ مارس\nCNN"
    document = QTextDocument()
    document.setPlainText(text)
    mapping = QtPositionMap(text)
    assert document.characterCount() - 1 == mapping.qt_length
    for word in ("محمد", "بغداد", "١٥ مارس", "CNN"):
        start = text.index(word)
        cursor = QTextCursor(document)
        cursor.setPosition(mapping.to_qt(start))
        cursor.setPosition(mapping.to_qt(start + len(word)), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == word
        assert mapping.to_offset_range(cursor.selectionStart(), cursor.selectionEnd()) == (start, start + len(word))


def test_a_leading_byte_order_mark_takes_no_qt_position() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QTextCursor, QTextDocument

    text = "\ufeffقال محمد\r\nفي بغداد"
    document = QTextDocument()
    document.setPlainText(text)
    mapping = QtPositionMap(text)
    assert document.characterCount() - 1 == mapping.qt_length
    for word in ("قال", "محمد", "بغداد"):
        start = text.index(word)
        cursor = QTextCursor(document)
        cursor.setPosition(mapping.to_qt(start))
        cursor.setPosition(mapping.to_qt(start + len(word)), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == word
        assert mapping.to_offset(cursor.selectionStart()) == start
