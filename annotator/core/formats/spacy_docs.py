"""One document for spaCy: its Doc (``document_doc``, spaCy's own way) or its share of a DocBin
(``document_parts``, what the export writes: the same bytes, made without a Doc or a Span). The notes of
``spacy_docbin`` say what goes where: the project's tokens as the Doc's words, entities in ``doc.ents``,
every span in ``doc.spans["sc"]``, names, annotators, statuses and links in ``doc.user_data``.

Made in the exporting process and in its workers (``parallel``), the workers without spaCy when the
exporting process could give them the rules of its Vocab (``worker_rules``, ``spacy_lexemes``); what they
remember (the Vocab, each word's lexeme hashes) lasts one export (``forget``).
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from functools import cache
from itertools import count
from operator import add
from typing import Any, NamedTuple, TypeVar

from annotator.core.errors import AnnotatorError
from annotator.core.formats.base import ExportDocument, FormatReport
from annotator.core.formats.docbin_stream import DocParts, make_parts
from annotator.core.formats.iob import CLAIM, OFF_TOKENS, OVERLAPS, span_order
from annotator.core.formats.spacy_lexemes import LexemeRules, Lexicon, RuleLexicon, VocabLexicon, rules_of
from annotator.core.tokenizer import tokenize

SPANS_KEY = "sc"
RELATIONS_KEY = "relations"
LINK_END_LEFT_OUT = "link(s) left out: one of its spans is not on spaCy tokens (left out)"

T = TypeVar("T")


def import_spacy() -> Any:
    try:
        import spacy
    except ImportError:
        raise AnnotatorError("the spacy format needs spaCy: pip install annotator[spacy]") from None
    return spacy


def words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """The project's tokens as spaCy ``words``/``spaces`` that give back ``text`` exactly: one space after
    a token is its ``spaces`` flag; any other whitespace run between tokens (or at either end) is a word
    of its own, without a space after it."""
    words, spaces, _starts = _words(text)
    return words, spaces


def _words(text: str) -> tuple[list[str], list[bool], list[int]]:
    """``words_and_spaces`` and where each word starts in ``text``."""
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[int] = []
    position = 0
    for token in [*tokenize(text), None]:
        gap_end = token.start if token is not None else len(text)
        if position < gap_end and text[position] == " " and words:
            spaces[-1] = True
            position += 1
        if position < gap_end:
            words.append(text[position:gap_end])
            spaces.append(False)
            starts.append(position)
        if token is not None:
            words.append(token.text)
            spaces.append(False)
            starts.append(token.start)
            position = token.end
    return words, spaces, starts


def forget() -> None:
    """Let go of the export's Vocab and lexeme hashes (the window's process: its strings are not kept)."""
    _vocabs.clear()
    _lexicons.clear()
    _lexemes.clear()
    _norms.clear()
    _handed_out.clear()


# The Vocab the Docs are made with: one per process and export. spaCy's Arabic one (a bare Vocab gives
# other NORM strings, and the DocBin differs).
_vocabs: list[Any] = []


def _vocab() -> Any:
    if not _vocabs:
        _vocabs.append(import_spacy().blank("ar").vocab)
    return _vocabs[0]


# What gives the words' ORTH and NORM: the Vocab, or in a worker the rules the exporting process read off
# it (``without_spacy``).
_lexicons: list[Lexicon] = []


def _lexicon() -> Lexicon:
    if not _lexicons:
        _lexicons.append(VocabLexicon(_vocab()))
    return _lexicons[0]


def document_doc(document: ExportDocument, report: FormatReport) -> Any:
    """One document as a Doc (see the module's notes for what goes where), its spans aligned by spaCy's
    own ``char_span``. The export writes ``document_parts`` instead: the same DocBin bytes (the tests hold
    the two to it), made faster."""
    from spacy.tokens import Doc

    words, spaces, _starts = _words(document.text)
    doc = Doc(_vocab(), words=words, spaces=spaces)
    group, ents, user_data = _placed(
        document, lambda span: doc.char_span(span.start, span.end, label=span.label, alignment_mode="strict"),
        report)
    doc.ents = ents
    doc.spans[SPANS_KEY] = group
    doc.user_data.update(user_data)
    return doc


def document_parts(document: ExportDocument, report: FormatReport) -> DocParts:
    """One document's parts of the DocBin: what ``DocBin.add(document_doc(document, report))`` keeps of
    it, made without a Doc or a Span. Aligning each span with ``char_span`` and making the entities' and
    the span group's Spans was two fifths of a document's time (1.4 of 3.6 ms for 200 spans), making the
    Doc and its token array another tenth. Here a span is on the tokens when a word starts at its start
    and one ends at its end (what ``char_span``'s strict mode asks); the token array is what ``to_array``
    gives for a Doc of these words (each word's ORTH and NORM, its lexeme's; SENT_START on the first
    token; the rest 0) with the entities in its ENT_IOB and ENT_TYPE columns as ``doc.ents`` sets them (B,
    I, and O everywhere else); and the span group is packed as ``SpanGroup.to_bytes()`` packs it."""
    import numpy
    import srsly

    text = document.text
    words, spaces, starts = _words(text)
    lexicon = _lexicon()
    first = dict(zip(starts, count(), strict=False))
    after = dict(zip(map(add, starts, map(len, words)), count(1), strict=False))

    def place(span: Any) -> tuple[int, int, str, int, int] | None:
        i, j = first.get(span.start), after.get(span.end)
        return None if i is None or j is None else (i, j, span.label, span.start, span.end)

    group, ents, user_data = _placed(document, place, report)
    layout = _layout()
    length = len(words)
    tokens = numpy.zeros((length, len(layout.attrs)), dtype=numpy.uint64)
    label_hash = {label: lexicon.string_id(label) for label in {item[2] for item in group}}
    # The strings DocBin.add keeps: those of the string columns' values (each word, its NORM; the entities'
    # labels; "" for hash 0, which every token has in its TAG, LEMMA, ... columns) and the spans' labels.
    found = set(words)
    if length:
        lexemes = _lexemes
        for word in found - lexemes.keys():
            _lexeme(word)
        # (each word's two hashes as bytes, joined: a numpy array from a tuple per word took ten times longer)
        hashes = numpy.frombuffer(b"".join(map(lexemes.__getitem__, words)), dtype=numpy.uint64).reshape(length, 2)
        found.update(map(_norms.__getitem__, list(found)))
        found.add("")
        tokens[:, layout.orth] = hashes[:, 0]
        tokens[:, layout.norm] = hashes[:, 1]
        tokens[0, layout.sent_start] = 1
        iob, types = [_OUTSIDE] * length, [0] * length
        for i, j, label, _start, _end in ents:
            iob[i:j] = [_BEGIN] + [_INSIDE] * (j - i - 1)
            types[i:j] = [label_hash[label]] * (j - i)
        tokens[:, layout.ent_iob] = iob
        tokens[:, layout.ent_type] = types
    found.update(label_hash)
    dumps = srsly.msgpack_dumps
    packed = [_SPAN_STRUCT.pack(0, 0, label_hash[label], i, j, start, end) for i, j, label, start, end in group]
    span_groups = dumps({dumps({"name": SPANS_KEY, "attrs": {}, "spans": packed}): [SPANS_KEY]})
    return make_parts(tokens.tobytes("C"), bytes(spaces), length, list(found), {}, {"has_unknown_spaces": False},
                      span_groups, dumps(user_data))


def stream_parts(document: ExportDocument, report: FormatReport) -> DocParts:
    """``document_parts`` for a ``DocBinStream`` of this export, with only the strings this process has not
    given the stream yet. The stream keeps the union of every Doc's strings, and nearly all of a Doc's
    (its words and their NORMs, 220 for a bench Doc) were given by an earlier one: a worker pickled them,
    the exporting process unpickled them and added them to its set again, 0.15 ms a Doc for nothing. A
    batch a worker did that never came back is done again in the exporting process, which gives every
    string it has not given itself: the stream misses none."""
    parts = document_parts(document, report)
    new = [string for string in parts.strings if string not in _handed_out]
    _handed_out.update(new)
    return parts._replace(strings=new)


# The strings ``stream_parts`` has given in this export, in this process.
_handed_out: set[str] = set()


# Each word's ORTH and NORM hashes, as ``_lexicon()`` gives them (two uint64 in the machine's
# order, a row of the token array's bytes), and its NORM string, for this export.
_lexemes: dict[str, bytes] = {}
_norms: dict[str, str] = {}
_TWO_HASHES = struct.Struct("=QQ")


def _lexeme(word: str) -> None:
    orth, norm, norm_string = _lexicon().lexeme(word)
    _lexemes[word] = _TWO_HASHES.pack(orth, norm)
    _norms[word] = norm_string


# A token's ENT_IOB as doc.ents sets it: inside, outside, beginning.
_INSIDE, _OUTSIDE, _BEGIN = 1, 2, 3
# A span in ``SpanGroup.to_bytes()``: id, kb_id, label, start, end, start_char, end_char.
_SPAN_STRUCT = struct.Struct(">QQQllll")


class Layout(NamedTuple):
    attrs: list[int]  # a DocBin's token array columns
    orth: int  # the ORTH column
    norm: int  # the NORM column
    sent_start: int  # the SENT_START column
    ent_iob: int  # the ENT_IOB column
    ent_type: int  # the ENT_TYPE column


class WorkerRules(NamedTuple):
    """What an export worker needs to make Docs' parts without importing spaCy."""

    lexemes: LexemeRules
    layout: Layout


def worker_rules() -> WorkerRules | None:
    """The rules for this export's workers, from this process's spaCy; None when they do not hold."""
    lexemes = rules_of(_vocab())
    return WorkerRules(lexemes, _layout()) if lexemes is not None else None


def without_spacy(rules: WorkerRules) -> None:
    """From now on (in a worker, for its export) the Docs' parts are made by ``rules``, without spaCy."""
    _lexicons[:] = [RuleLexicon(rules.lexemes)]
    _given_layout[:] = [rules.layout]


def _layout() -> Layout:
    return _given_layout[0] if _given_layout else _spacy_layout()


# The layout a worker was given with its rules (``without_spacy``).
_given_layout: list[Layout] = []


@cache
def _spacy_layout() -> Layout:
    from spacy.attrs import ENT_IOB, ENT_TYPE, NORM, ORTH, SENT_START
    from spacy.tokens import DocBin

    attrs = DocBin(store_user_data=True).attrs
    return Layout(list(attrs), attrs.index(ORTH), attrs.index(NORM), attrs.index(SENT_START),
                   attrs.index(ENT_IOB), attrs.index(ENT_TYPE))


def _placed(document: ExportDocument, place: Callable[[Any], T | None],
            report: FormatReport) -> tuple[list[T], list[T], dict[str, Any]]:
    """The document's spans placed on its tokens by ``place`` (None: not on the tokens, left out and
    reported): those of the span group (each offsets and label once), the entities (not claims, and not
    overlapping an earlier one, which is reported), and the Doc's user data."""
    group: list[T] = []
    ents: list[T] = []
    written: list[list[Any]] = []
    on_tokens: dict[int | str | None, int] = {}  # span id: its place in ``written``
    seen: set[tuple[int, int, str]] = set()
    last_end = -1
    for span in sorted(document.spans, key=span_order):
        placed = place(span)
        if placed is None:
            report.drop(document.name, document.text, span, OFF_TOKENS)
            continue
        on_tokens.setdefault(span.id, len(written))
        written.append([span.start, span.end, span.label, span.annotator, span.status])
        key = (span.start, span.end, span.label)
        if key in seen:
            continue
        seen.add(key)
        group.append(placed)
        if span.label == CLAIM:
            continue
        if span.start < last_end:
            report.drop(document.name, document.text, span, f"{OVERLAPS} (kept in doc.spans only)")
            continue
        ents.append(placed)
        last_end = span.end
    relations, ends = _relations(document, on_tokens, report)
    user_data: dict[str, Any] = {"annotator": {"name": document.name, "spans": written}}
    if relations:
        user_data[RELATIONS_KEY] = relations
        user_data["annotator"]["relation_ends"] = ends
    return group, ents, user_data


def _relations(document: ExportDocument, written: dict[int | str | None, int],
               report: FormatReport) -> tuple[list[dict[str, Any]], list[list[int]]]:
    """The links whose spans were both written, as ``{"head", "child", "label", "annotator", "status"}``, and
    for each the places of its two spans in the saved span list (the others counted)."""
    by_id = {span.id: span for span in document.spans if span.id is not None}
    relations, ends = [], []
    for link in document.links:
        head, child = by_id.get(link.from_id), by_id.get(link.to_id)
        if head is None or child is None or head.id not in written or child.id not in written:
            report.note(LINK_END_LEFT_OUT)
            continue
        relations.append({"head": [head.start, head.end], "child": [child.start, child.end], "label": link.type,
                          "annotator": link.annotator, "status": link.status})
        ends.append([written[head.id], written[child.id]])
    return relations, ends
