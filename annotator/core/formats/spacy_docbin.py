"""spaCy's training data: a ``.spacy`` DocBin of Docs cut into the project's own tokens.

spaCy's blank Arabic tokenizer keeps ``إصابات».``, ``Reuters.`` and ``2023.`` as one token, so a claim
ending in ``».`` or an entity before a full stop would not start and end on a token and could not be
written. Each Doc is therefore built with ``Doc(vocab, words=, spaces=)`` from
``annotator.core.tokenizer`` (the tokens CoNLL and Hugging Face get): a token is followed by one space or
by nothing, and any other run of whitespace (a line break, a second space) is a token of its own, as
spaCy's tokenizer makes it, so ``doc.text`` is the text exactly. The tokenization travels in the DocBin:
``spacy train`` uses it only with ``gold_preproc = true`` (otherwise it re-tokenizes each text with the
pipeline's tokenizer and aligns the spans to that).

Entities (every label but claim) that do not overlap go to ``doc.ents``; every span, claims included, to
``doc.spans["sc"]`` (the key of spaCy's span categorizer). A span that does not start and end on a token
(a proclitic و/ب/ل left out, as for CoNLL) is left out and reported, as is an entity left out of
``doc.ents`` because it overlaps another. The document name, annotator and review status of each span
are kept in ``doc.user_data`` so reading back restores them.

Links go to ``doc.user_data["relations"]``, a list of ``{"head": [start_char, end_char], "child": [start_char,
end_char], "label": TYPE}``: ``head`` is the link's from span (a claim), ``child`` its to span (the actor,
date or place), each given by its character offsets in ``doc.text`` (``doc.char_span(*head)`` finds it), and
``label`` the link type (source, time, place ...). Ours also carry the link's ``"annotator"`` and
``"status"``, and ``doc.user_data["annotator"]["relation_ends"]`` names, for each relation, its two spans in
the saved span list (two annotators may have a span at the same offsets), for reading back. A link one of
whose spans is left out (off the tokens) is left out too, and counted. spaCy itself does not read them
(it has no built-in relation component): the training code of a relation component does. The DocBin
is written with ``store_user_data=True``, which keeps ``doc.user_data`` (read back, its lists come as tuples:
``"head": (start_char, end_char)``). Reading takes ``relations`` from any DocBin that has them: each end is
the span at those offsets (the one ``relation_ends`` names, else the link annotator's, else the first); a
relation with an end that is no span of the doc is counted and skipped.

The export does not build the Docs: ``document_parts`` makes each document's share of the DocBin's fields
directly (``docbin_stream.DocParts``: its token array, span groups and user data, the large ones already
compressed), what ``DocBin.add`` keeps of the Doc ``document_doc`` builds the spaCy way (the tests hold the
two to the same bytes). A large export makes them in worker processes (``parallel``), and
``docbin_stream.DocBinStream`` spools them and writes the file at the end as ``DocBin.to_bytes()`` would,
in bounded memory: the same bytes as in one process, and a file spaCy reads as its own.

spaCy is optional (``pip install annotator[spacy]``) and imported only when this format is used.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from itertools import count
from operator import add
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from annotator.core.errors import AnnotatorError, InputError, SpanError
from annotator.core.formats.base import ExportDocument, Format, FormatReport, atomic_output
from annotator.core.formats.docbin_stream import DocBinStream, DocParts, make_parts
from annotator.core.formats.iob import CLAIM, OFF_TOKENS, OVERLAPS
from annotator.core.formats.parallel import per_document
from annotator.core.links import LinkRecord
from annotator.core.model import REVIEW_STATUSES, DocumentRecord, SpanRecord
from annotator.core.spans import check_span
from annotator.core.tokenizer import tokenize

SPANS_KEY = "sc"
RELATIONS_KEY = "relations"
LINK_END_LEFT_OUT = "link(s) left out: one of its spans is not on spaCy tokens (left out)"
RELATION_WITHOUT_SPANS = "spaCy relation(s) skipped: an end is not a span of the doc"

T = TypeVar("T")


def _spacy() -> Any:
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


def write_spacy(documents: Iterable[ExportDocument], out: Path, report: FormatReport | None = None) -> int:
    _spacy()
    report = report if report is not None else FormatReport()
    stream = DocBinStream(store_user_data=True)
    try:
        with _srsly_looked_up_once():
            # Each document's Doc is made in worker processes when the export is large (``parallel``) and
            # comes back as its parts of the DocBin, added here in order.
            for parts in per_document(document_parts, documents, report, setup=_start_worker):
                stream.add(parts)
            with atomic_output(out, "wb") as handle:
                stream.write(handle)
    finally:
        stream.close()
        _vocabs.clear()  # (this process may be the window's: its strings are not kept past the export)
        _lexemes.clear()
    return stream.count


# The Vocab the Docs are made with: one per process and export. spaCy's Arabic one (a bare Vocab gives
# other NORM strings, and the DocBin differs).
_vocabs: list[Any] = []


def _vocab() -> Any:
    if not _vocabs:
        _vocabs.append(_spacy().blank("ar").vocab)
    return _vocabs[0]


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
    vocab = _vocab()
    first = dict(zip(starts, count(), strict=False))
    after = dict(zip(map(add, starts, map(len, words)), count(1), strict=False))

    def place(span: Any) -> tuple[int, int, str, int, int] | None:
        i, j = first.get(span.start), after.get(span.end)
        return None if i is None or j is None else (i, j, span.label, span.start, span.end)

    group, ents, user_data = _placed(document, place, report)
    layout = _layout()
    length = len(words)
    tokens = numpy.zeros((length, len(layout.attrs)), dtype=numpy.uint64)
    label_hash = {label: vocab.strings.add(label) for label in {item[2] for item in group}}
    if length:
        lexemes = _lexemes
        hashes = numpy.array([lexemes.get(word) or _lexeme(word) for word in words], dtype=numpy.uint64)
        tokens[:, layout.orth] = hashes[:, 0]
        tokens[:, layout.norm] = hashes[:, 1]
        tokens[0, layout.sent_start] = 1
        iob, types = [_OUTSIDE] * length, [0] * length
        for i, j, label, _start, _end in ents:
            iob[i:j] = [_BEGIN] + [_INSIDE] * (j - i - 1)
            types[i:j] = [label_hash[label]] * (j - i)
        tokens[:, layout.ent_iob] = iob
        tokens[:, layout.ent_type] = types
    strings = vocab.strings
    found = {strings[int(value)] for value in numpy.unique(tokens[:, layout.string_columns])}
    found.update(label_hash)  # (the spans' kb_id_ and id_, "", are hash 0's string, found in the columns)
    dumps = srsly.msgpack_dumps
    packed = [_SPAN_STRUCT.pack(0, 0, label_hash[label], i, j, start, end) for i, j, label, start, end in group]
    span_groups = dumps({dumps({"name": SPANS_KEY, "attrs": {}, "spans": packed}): [SPANS_KEY]})
    return make_parts(tokens.tobytes("C"), bytes(spaces), length, list(found), {}, {"has_unknown_spaces": False},
                      span_groups, dumps(user_data))


# Each word's (ORTH, NORM) hashes, as its lexeme in ``_vocab()`` has them, for this export.
_lexemes: dict[str, tuple[int, int]] = {}


def _lexeme(word: str) -> tuple[int, int]:
    lexeme = _vocab()[word]
    _lexemes[word] = hashes = (lexeme.orth, lexeme.norm)
    return hashes


# A token's ENT_IOB as doc.ents sets it: inside, outside, beginning.
_INSIDE, _OUTSIDE, _BEGIN = 1, 2, 3
# A span in ``SpanGroup.to_bytes()``: id, kb_id, label, start, end, start_char, end_char.
_SPAN_STRUCT = struct.Struct(">QQQllll")


class _Layout(NamedTuple):
    attrs: list[int]  # a DocBin's token array columns
    orth: int  # the ORTH column
    norm: int  # the NORM column
    sent_start: int  # the SENT_START column
    ent_iob: int  # the ENT_IOB column
    ent_type: int  # the ENT_TYPE column
    string_columns: list[int]  # the columns whose values are strings' hashes DocBin.add keeps


@cache
def _layout() -> _Layout:
    from spacy.attrs import DEP, ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, LEMMA, MORPH, NORM, ORTH, SENT_START, TAG
    from spacy.tokens import DocBin

    attrs = DocBin(store_user_data=True).attrs
    return _Layout(attrs, attrs.index(ORTH), attrs.index(NORM), attrs.index(SENT_START), attrs.index(ENT_IOB),
                   attrs.index(ENT_TYPE),
                   [attrs.index(a) for a in (ORTH, TAG, LEMMA, NORM, MORPH, DEP, ENT_TYPE, ENT_KB_ID, ENT_ID)])


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
    for span in sorted(document.spans, key=lambda s: (s.start, -s.end, s.label)):
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


def _start_worker() -> None:
    """In an export worker, for its life (the export's): srsly's registries looked up once."""
    _look_up_once()


_REGISTRIES = ("msgpack_encoders", "msgpack_decoders")


def _look_up_once() -> dict[str, Any]:
    """srsly looks its msgpack encoders (decoders) up anew, in catalogue's registry and in every installed
    package's entry points, each time it packs (unpacks), and a DocBin packs three times per Doc: that
    look-up was half of ``DocBin.add``'s time (0.29 ms of a 0.42 ms pack, measured). From here on the
    ones found now are used, the same ones. Returns the registries they stand in for."""
    import srsly.msgpack

    replaced = {}
    for name in _REGISTRIES:
        registry = getattr(srsly.msgpack, name)
        if not isinstance(registry, _LookedUp):
            replaced[name] = registry
            setattr(srsly.msgpack, name, _LookedUp(registry.get_all()))
    return replaced


@contextmanager
def _srsly_looked_up_once() -> Iterator[None]:
    import srsly.msgpack

    replaced = _look_up_once()
    try:
        yield
    finally:
        for name, registry in replaced.items():
            setattr(srsly.msgpack, name, registry)


class _LookedUp:
    """What srsly's packer (unpacker) asks of its registry (``get_all``), answered from one look-up."""

    def __init__(self, found: dict[str, Any]) -> None:
        self.found = found

    def get_all(self) -> dict[str, Any]:
        return self.found


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


def _offsets(value: Any) -> bool:
    return (isinstance(value, list | tuple) and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value))


def _links(path: Path, number: int, doc: Any, spans: list[SpanRecord], saved_ends: Any,
           report: FormatReport) -> list[LinkRecord]:
    """``doc.user_data["relations"]`` as links between ``spans`` (indices). Each end is the span at those
    offsets: the one our ``relation_ends`` names when it has those offsets, else the link annotator's, else
    the first; a relation with an end that is no span is skipped and counted."""
    relations = doc.user_data.get(RELATIONS_KEY)
    if relations is None:
        return []
    if not isinstance(relations, list | tuple):  # DocBin gives back lists as tuples
        raise InputError(path, None, f"document {number}: user_data[{RELATIONS_KEY!r}] must be a list")
    if not isinstance(saved_ends, list | tuple) or len(saved_ends) != len(relations):
        saved_ends = [None] * len(relations)
    at: dict[tuple[int, int], list[int]] = {}
    for index, span in enumerate(spans):
        at.setdefault((span.start, span.end), []).append(index)
    links = []
    for item, named in zip(relations, saved_ends, strict=True):
        head, child, label = (item.get(key) for key in ("head", "child", "label")) if isinstance(item, dict) else (
            None, None, None)
        if not (_offsets(head) and _offsets(child) and isinstance(label, str) and label.strip()):
            raise InputError(path, None, f"document {number}: bad relation {item!r}: needs \"head\" and \"child\" "
                                         "[start_char, end_char] and a \"label\"")
        who = item.get("annotator")
        annotator = who.strip() if isinstance(who, str) and who.strip() else None
        ends = []
        for side, offsets in enumerate((head, child)):
            found = at.get((offsets[0], offsets[1]), [])
            exact = named[side] if isinstance(named, list | tuple) and len(named) == 2 else None
            if exact not in found:
                mine = [index for index in found if spans[index].annotator == annotator]
                exact = (mine or found or [None])[0]
            ends.append(exact)
        if ends[0] is None or ends[1] is None:
            report.note(RELATION_WITHOUT_SPANS)
            continue
        status = item.get("status") if item.get("status") in REVIEW_STATUSES else "draft"
        links.append(LinkRecord(ends[0], ends[1], label.strip(), annotator, status))
    return links


def read_spacy(path: Path, report: FormatReport | None = None) -> Iterator[DocumentRecord]:
    spacy = _spacy()
    from spacy.tokens import DocBin

    report = report if report is not None else FormatReport()
    nlp = spacy.blank("ar")
    try:
        with _srsly_looked_up_once():
            docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))
    except Exception as error:  # spaCy raises plain ValueError/KeyError/msgpack errors on a bad file
        raise InputError(path, None, f"not a spaCy DocBin file: {error}") from None
    for number, doc in enumerate(docs, start=1):
        saved = doc.user_data.get("annotator") if isinstance(doc.user_data.get("annotator"), dict) else {}
        text = doc.text  # (spaCy joins it from the tokens on every ask: once per span made reading quadratic)
        spans: list[SpanRecord] = []
        if saved.get("spans"):
            for item in saved["spans"]:
                try:
                    start, end, label, annotator, status = item
                    check_span(text, start, end)
                except (TypeError, ValueError, SpanError) as error:
                    raise InputError(path, None, f"document {number}: bad saved span {item!r}: {error}") from None
                status = status if status in REVIEW_STATUSES else "draft"
                annotator = annotator if isinstance(annotator, str) and annotator.strip() else None
                spans.append(SpanRecord(start, end, str(label), text[start:end], annotator, status))
        else:
            found = {(s.start_char, s.end_char, s.label_) for s in doc.spans.get(SPANS_KEY, [])}
            found |= {(e.start_char, e.end_char, e.label_) for e in doc.ents}
            spans = [SpanRecord(s, e, label, text[s:e]) for s, e, label in sorted(found)]
        yield DocumentRecord(name=str(saved.get("name") or f"{path.stem}-{number}"), text=text, spans=spans,
                             line=None, links=_links(path, number, doc, spans,
                                                     saved.get("relation_ends") if saved.get("spans") else None,
                                                     report))


FORMAT = Format(
    name="spacy",
    description="spaCy DocBin (.spacy): entities in doc.ents, all spans in doc.spans['sc'], links in "
                "doc.user_data['relations'] (needs spaCy)",
    extensions=(".spacy",),
    read=read_spacy,
    write=write_spacy,
    carries_links=True,
)
