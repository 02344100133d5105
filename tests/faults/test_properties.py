"""Property tests: random Unicode text and spans survive the offset <-> Qt position mapping in a real
QPlainTextEdit, and the JSONL import -> export round trip."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from annotator.core.formats.jsonl import read_jsonl
from annotator.core.offsets import QtPositionMap
from annotator.core.text import text_problem
from annotator.gui.app import application
from annotator.store import Store, open_database
from annotator.store.transfer import import_records, iter_export

PARAGRAPH = "\u2029"  # what selectedText() returns for a paragraph break

# Arabic letters and digits, tashkeel and other combining marks, emoji and other astral characters,
# every kind of line end, joiners and marks that are not text in their own right.
PIECES = st.one_of(
    st.characters(min_codepoint=0x0621, max_codepoint=0x064A),
    st.characters(min_codepoint=0x064B, max_codepoint=0x0652),  # tashkeel
    st.characters(min_codepoint=0x0300, max_codepoint=0x036F),  # combining marks
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),  # emoji
    st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF, exclude_categories=("Cs",)),
    st.sampled_from(["\r\n", "\n", "\r", " ", "\t", "\u200d", "\u200f", "\ufeff", "\u2028", "\u2029", "a", "1"]),
    st.characters(exclude_categories=("Cs",)),
)
TEXTS = st.lists(PIECES, min_size=1, max_size=60).map("".join)
# A U+FEFF at the very start is dropped by setPlainText, so a span covering just it has nothing to
# select; such texts have their own test below (every other span keeps its positions).
QT_TEXTS = TEXTS.filter(lambda t: not t.startswith("\ufeff"))


def expected_selection(text: str, start: int, end: int) -> str:
    """What Qt shows for text[start:end]: one paragraph break per CRLF, \\n or \\r; the \\n of a CRLF
    takes no position, so a span starting on it begins after the break."""
    piece = text[start:end]
    if piece.startswith("\n") and start > 0 and text[start - 1] == "\r":
        piece = piece[1:]
    return piece.replace("\r\n", PARAGRAPH).replace("\r", PARAGRAPH).replace("\n", PARAGRAPH)


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(QT_TEXTS)
    bounds = st.integers(min_value=0, max_value=len(text))
    pairs = draw(st.lists(st.tuples(bounds, bounds), min_size=1, max_size=10))
    return text, [(min(a, b), max(a, b)) for a, b in pairs]


@pytest.fixture(scope="module")
def editor() -> QPlainTextEdit:
    application()
    return QPlainTextEdit()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=text_and_spans())
def test_spans_select_their_text_in_a_real_text_document(editor: QPlainTextEdit,
                                                        case: tuple[str, list[tuple[int, int]]]) -> None:
    text, spans = case
    editor.setPlainText(text)
    positions = QtPositionMap(text)
    assert positions.qt_length == editor.document().characterCount() - 1
    for start, end in spans:
        cursor = QTextCursor(editor.document())
        cursor.setPosition(positions.to_qt(start))
        cursor.setPosition(positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == expected_selection(text, start, end)
        # And back: the offsets of a selection are the span's, except that an offset between the \r and
        # the \n of a CRLF (the \n takes no Qt position) comes back as the offset after the \n.
        back = positions.to_offset_range(cursor.selectionStart(), cursor.selectionEnd())
        assert back == tuple(o + 1 if text[o - 1:o + 1] == "\r\n" else o for o in (start, end))


def test_a_text_starting_with_u_feff_keeps_its_positions(editor: QPlainTextEdit) -> None:
    text = "\ufeffقال محمد"
    editor.setPlainText(text)
    assert QtPositionMap(text).qt_length == editor.document().characterCount() - 1


LABELS = ("actor", "location", "date", "claim")
_EXAMPLES = itertools.count()


@st.composite
def jsonl_documents(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    # Texts that every way in accepts (control characters are refused at import and merge alike).
    text = draw(TEXTS.filter(lambda t: t.strip() != "" and text_problem(t) is None))
    bounds = st.integers(min_value=0, max_value=len(text))
    spans = draw(st.sets(st.tuples(bounds, bounds, st.sampled_from(LABELS)).filter(lambda s: s[0] < s[1]),
                         max_size=8))
    return text, sorted(spans)


@pytest.fixture(scope="module")
def round_trip_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    engine = open_database(f"sqlite:///{tmp_path_factory.mktemp('roundtrip') / 'rt.db'}")
    yield Store(engine, "tester")
    engine.dispose()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=jsonl_documents())
def test_jsonl_import_then_export_keeps_text_and_spans(round_trip_store: Store, tmp_path: Path,
                                                       document: tuple[str, list[tuple[int, int, str]]]) -> None:
    text, spans = document
    # Examples share the database and may repeat a text: each one's spans are told apart by annotator.
    annotator = f"annotator-{next(_EXAMPLES)}"
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "doc", "text": text, "spans": [
        {"start": s, "end": e, "label": lb, "text": text[s:e], "annotator": annotator} for s, e, lb in spans]})
        + "\n", encoding="utf-8")
    records = list(read_jsonl(path))
    ids = import_records(round_trip_store, path, records).document_ids
    exported = [d for d in iter_export(round_trip_store) if d.sha256 == _sha(text)]
    assert len(ids) == 1 and len(exported) == 1
    assert exported[0].text == text
    assert sorted((s.start, s.end, s.label) for s in exported[0].spans if s.annotator == annotator) == spans
    for span in exported[0].spans:
        assert text[span.start:span.end] == span.text


def _sha(text: str) -> str:
    from annotator.core.text import text_sha256

    return text_sha256(text)
