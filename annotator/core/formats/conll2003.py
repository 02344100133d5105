"""CoNLL-2003 as the common readers take it: ``token -X- _ tag``, the tag in the *last* column.

``spacy convert`` (its ``ner`` converter) and most column readers read the first column as the token and
the last as the tag, split lines on whitespace, and take documents apart at ``-DOCSTART- -X- O O``. The
``conll`` format puts the claims in its last column, which those readers would take for the tags; this
one writes what they expect: per document a ``-DOCSTART- -X- O O`` line and a blank line, then a line per
token (``token -X- _ B-actor``, space-separated: a token never holds whitespace), a blank line after each
sentence. Tags are IOB2; tokens and sentences are ``annotator.core.tokenizer``'s, as for ``conll``.

Only entities are written (every label but claim): a claim overlaps the entities inside it, and one tag
column cannot hold both, so every claim is left out and reported, as are entities the column cannot
carry (overlapping another, or not on token boundaries; see ``iob``). Use ``conll`` or ``hf`` for claims.

Reading takes the token from the first column and the tag from the last (IOB1, IOB2, BIOES or BILUO),
with ``-DOCSTART-`` lines separating documents; the text is rebuilt as for ``conll`` (single spaces, a
line per sentence). Document names are not in the file (a name line would be read as a token by spaCy's
converter and the others): a file gives ``NAME``, or ``NAME-1``, ``NAME-2`` ... for several documents.

``.ner`` is the extension ``spacy convert`` recognises for this layout (``--converter ner`` otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.formats.base import ExportDocument, Format, FormatReport, atomic_output
from annotator.core.formats.conll import documents_from, sections
from annotator.core.formats.iob import CLAIM, tag_document
from annotator.core.formats.parallel import per_document
from annotator.core.model import DocumentRecord
from annotator.core.text import decode_utf8

DOCSTART_LINE = "-DOCSTART- -X- O O"  # the exact line spaCy's converter splits documents at
CLAIM_LEFT_OUT = "claim: conll2003 carries entities only (conll and hf carry claims)"


def write_conll2003(documents: Iterable[ExportDocument], out: Path, report: FormatReport | None = None) -> int:
    report = report if report is not None else FormatReport()
    count = 0
    with atomic_output(out) as handle:
        # The tokens and tags of a large export are made in worker processes (``parallel``).
        for block in per_document(document_block, documents, report):
            handle.write(block)
            count += 1
    return count


def document_block(document: ExportDocument, report: FormatReport) -> str:
    """One document's lines: the ``-DOCSTART-`` line, then its sentences, each followed by a blank line."""
    entities = []
    for span in document.spans:
        if span.label == CLAIM:
            report.drop(document.name, document.text, span, CLAIM_LEFT_OUT)
        else:
            entities.append(span)
    tagged = tag_document(ExportDocument(document.name, document.text, document.sha256, entities, document.meta),
                          report)
    lines = [f"{DOCSTART_LINE}\n\n"]
    for sentence, tags in zip(tagged.sentences, tagged.entity_tags, strict=True):
        lines.extend(f"{token.text} -X- _ {tag}\n" for token, tag in zip(sentence, tags, strict=True))
        lines.append("\n")
    return "".join(lines)


def read_conll2003(path: Path, report: FormatReport | None = None) -> Iterator[DocumentRecord]:
    found = list(sections(path, decode_utf8(path.read_bytes(), path)))
    if not any(sentences for _, sentences in found):
        raise InputError(path, None, "empty file: no tokens")
    yield from documents_from(path, found, [-1], report)


FORMAT = Format(
    name="conll2003",
    description="CoNLL-2003 for spaCy convert and column readers: token -X- _ entity tag (IOB2), no claims",
    extensions=(".conll2003", ".ner"),
    read=read_conll2003,
    write=write_conll2003,
)
