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

The export does not build the Docs: ``spacy_docs.document_parts`` makes each document's share of the DocBin's fields
directly (``docbin_stream.DocParts``: its token array, span groups and user data, the large ones already
compressed), what ``DocBin.add`` keeps of the Doc ``spacy_docs.document_doc`` builds the spaCy way (the tests hold the
two to the same bytes). A large export makes them in worker processes (``parallel``), and
``docbin_stream.DocBinStream`` spools them and writes the file at the end as ``DocBin.to_bytes()`` would,
in bounded memory: the same bytes as in one process, and a file spaCy reads as its own.

spaCy is optional (``pip install annotator[spacy]``) and imported only when this format is used.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError, SpanError
from annotator.core.formats.base import ExportDocument, Format, FormatReport, atomic_output
from annotator.core.formats.docbin_stream import DocBinStream
from annotator.core.formats.parallel import per_document
from annotator.core.formats.spacy_docs import (
    LINK_END_LEFT_OUT,
    RELATIONS_KEY,
    SPANS_KEY,
    WorkerRules,
    document_parts,
    forget,
    import_spacy,
    stream_parts,
    without_spacy,
    words_and_spaces,
    worker_rules,
)
from annotator.core.links import LinkRecord
from annotator.core.model import REVIEW_STATUSES, DocumentRecord, SpanRecord
from annotator.core.spans import check_span

RELATION_WITHOUT_SPANS = "spaCy relation(s) skipped: an end is not a span of the doc"
# What this module offers, the document making it takes from spacy_docs included.
__all__ = ["FORMAT", "LINK_END_LEFT_OUT", "RELATION_WITHOUT_SPANS", "SPANS_KEY", "document_parts", "read_spacy",
           "words_and_spaces", "write_spacy"]


def write_spacy(documents: Iterable[ExportDocument], out: Path, report: FormatReport | None = None) -> int:
    import_spacy()
    report = report if report is not None else FormatReport()
    stream = DocBinStream(store_user_data=True)
    try:
        with _srsly_looked_up_once():
            # Each document's Doc is made in worker processes when the export is large (``parallel``) and
            # comes back as its parts of the DocBin, added here in order.
            setup = partial(_start_worker, worker_rules())
            for parts in per_document(stream_parts, documents, report, setup=setup):
                stream.add(parts)
            with atomic_output(out, "wb") as handle:
                stream.write(handle)
    finally:
        stream.close()
        forget()
    return stream.count


def _start_worker(rules: WorkerRules | None) -> None:
    """In an export worker, for its life (the export's): srsly's registries looked up once, and the Docs' parts
    made by the exporting process's rules without importing spaCy (when it could give them)."""
    _look_up_once()
    if rules is not None:
        without_spacy(rules)


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
    spacy = import_spacy()
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
