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

spaCy is optional (``pip install annotator[spacy]``) and imported only when this format is used.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, InputError, SpanError
from annotator.core.formats.base import ExportDocument, Format, FormatReport, atomic_output
from annotator.core.formats.iob import CLAIM, OFF_TOKENS, OVERLAPS
from annotator.core.model import REVIEW_STATUSES, DocumentRecord, SpanRecord
from annotator.core.spans import check_span
from annotator.core.tokenizer import tokenize

SPANS_KEY = "sc"


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
    words: list[str] = []
    spaces: list[bool] = []
    position = 0
    for token in [*tokenize(text), None]:
        gap = text[position:token.start if token is not None else len(text)]
        if gap.startswith(" ") and words:
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
        if token is not None:
            words.append(token.text)
            spaces.append(False)
            position = token.end
    return words, spaces


def write_spacy(documents: Iterable[ExportDocument], out: Path, report: FormatReport | None = None) -> int:
    spacy = _spacy()
    from spacy.tokens import Doc, DocBin

    report = report if report is not None else FormatReport()
    nlp = spacy.blank("ar")
    docbin = DocBin(store_user_data=True)
    count = 0
    for document in documents:
        words, spaces = words_and_spaces(document.text)
        doc = Doc(nlp.vocab, words=words, spaces=spaces)
        spans, ents, written = [], [], []
        seen: set[tuple[int, int, str]] = set()
        last_end = -1
        for span in sorted(document.spans, key=lambda s: (s.start, -s.end, s.label)):
            aligned = doc.char_span(span.start, span.end, label=span.label, alignment_mode="strict")
            if aligned is None:
                report.drop(document.name, document.text, span, OFF_TOKENS)
                continue
            written.append([span.start, span.end, span.label, span.annotator, span.status])
            key = (span.start, span.end, span.label)
            if key in seen:
                continue
            seen.add(key)
            spans.append(aligned)
            if span.label == CLAIM:
                continue
            if span.start < last_end:
                report.drop(document.name, document.text, span, f"{OVERLAPS} (kept in doc.spans only)")
                continue
            ents.append(aligned)
            last_end = span.end
        doc.ents = ents
        doc.spans[SPANS_KEY] = spans
        doc.user_data["annotator"] = {"name": document.name, "spans": written}
        docbin.add(doc)
        count += 1
    with atomic_output(out, "wb") as handle:
        handle.write(docbin.to_bytes())
    return count


def read_spacy(path: Path, report: FormatReport | None = None) -> Iterator[DocumentRecord]:
    spacy = _spacy()
    from spacy.tokens import DocBin

    nlp = spacy.blank("ar")
    try:
        docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))
    except Exception as error:  # spaCy raises plain ValueError/KeyError/msgpack errors on a bad file
        raise InputError(path, None, f"not a spaCy DocBin file: {error}") from None
    for number, doc in enumerate(docs, start=1):
        saved = doc.user_data.get("annotator") if isinstance(doc.user_data.get("annotator"), dict) else {}
        spans: list[SpanRecord] = []
        if saved.get("spans"):
            for item in saved["spans"]:
                try:
                    start, end, label, annotator, status = item
                    check_span(doc.text, start, end)
                except (TypeError, ValueError, SpanError) as error:
                    raise InputError(path, None, f"document {number}: bad saved span {item!r}: {error}") from None
                status = status if status in REVIEW_STATUSES else "draft"
                annotator = annotator if isinstance(annotator, str) and annotator.strip() else None
                spans.append(SpanRecord(start, end, str(label), doc.text[start:end], annotator, status))
        else:
            found = {(s.start_char, s.end_char, s.label_) for s in doc.spans.get(SPANS_KEY, [])}
            found |= {(e.start_char, e.end_char, e.label_) for e in doc.ents}
            spans = [SpanRecord(s, e, label, doc.text[s:e]) for s, e, label in sorted(found)]
        yield DocumentRecord(name=str(saved.get("name") or f"{path.stem}-{number}"), text=doc.text, spans=spans,
                             line=None)


FORMAT = Format(
    name="spacy",
    description="spaCy DocBin (.spacy): entities in doc.ents, all spans in doc.spans['sc'] (needs spaCy)",
    extensions=(".spacy",),
    read=read_spacy,
    write=write_spacy,
)
