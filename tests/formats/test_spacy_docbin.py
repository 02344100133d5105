import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError
from annotator.core.formats.base import FormatReport
from annotator.core.formats.iob import OFF_TOKENS, OVERLAPS
from annotator.core.formats.spacy_docbin import read_spacy, words_and_spaces, write_spacy
from tests.formats.helpers import edge_documents, make_document, span_set

SEED = Path(__file__).resolve().parents[2] / "seeds" / "iraq-armed-factions-end-truce.txt"

spacy = pytest.importorskip("spacy")
from spacy.tokens import DocBin  # noqa: E402


def load(path: Path) -> list:  # type: ignore[type-arg]
    nlp = spacy.blank("ar")
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def test_spacy_reads_the_docbin_and_the_spans_match(tmp_path: Path) -> None:
    documents = edge_documents()
    out = tmp_path / "train.spacy"
    report = FormatReport()
    assert write_spacy(documents, out, report) == len(documents)
    docs = load(out)
    dropped = {(d.document, d.start, d.end, d.label) for d in report.dropped if d.reason == OFF_TOKENS}
    for document, doc in zip(documents, docs, strict=True):
        assert doc.text == document.text
        expected = {k for k in span_set(document.spans) if (document.name, *k) not in dropped}
        assert {(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]} == expected
        ents = sorted((e.start_char, e.end_char) for e in doc.ents)
        assert all(a[1] <= b[0] for a, b in zip(ents, ents[1:], strict=False))
        assert all(e.label_ != "claim" for e in doc.ents)
        for span in doc.spans["sc"]:
            assert span.text == document.text[span.start_char:span.end_char]
    claim_doc = docs[-1]
    assert ("CNN", "actor") in {(e.text, e.label_) for e in claim_doc.ents}
    assert sum(1 for s in claim_doc.spans["sc"] if s.text == "CNN") == 1  # two annotators, one span


def test_spans_off_spacy_tokens_and_overlapping_entities_are_reported(tmp_path: Path) -> None:
    document = make_document("d", "قال للقوات في دمشق القديمة", ("قوات", "actor", "a"),
                             ("دمشق القديمة", "location", "a"), ("دمشق", "location", "a"))
    report = FormatReport()
    write_spacy([document], tmp_path / "d.spacy", report)
    assert [(d.text, d.reason) for d in report.dropped] == [
        ("قوات", OFF_TOKENS), ("دمشق", f"{OVERLAPS} (kept in doc.spans only)")]
    (doc,) = load(tmp_path / "d.spacy")
    assert [e.text for e in doc.ents] == ["دمشق القديمة"]
    assert sorted(s.text for s in doc.spans["sc"]) == ["دمشق", "دمشق القديمة"]


def test_read_back_restores_names_annotators_and_status(tmp_path: Path) -> None:
    documents = edge_documents()
    report = FormatReport()
    write_spacy(documents, tmp_path / "x.spacy", report)
    back = list(read_spacy(tmp_path / "x.spacy"))
    assert [d.name for d in back] == [d.name for d in documents]
    # spaCy's own tokenizer keeps "2020-03-15.»" together; the project's tokens carry the date too
    assert not [d for d in report.dropped if d.document == "claim-crlf"]
    assert {(s.start, s.end, s.label, s.annotator) for s in back[-1].spans} == {
        (s.start, s.end, s.label, s.annotator) for s in documents[-1].spans}


def test_reads_a_docbin_made_by_spacy_itself(tmp_path: Path) -> None:
    nlp = spacy.blank("ar")
    doc = nlp.make_doc("زار محمد دمشق")
    doc.ents = [doc.char_span(4, 8, label="PER"), doc.char_span(9, 13, label="LOC")]
    DocBin(docs=[doc]).to_disk(tmp_path / "ext.spacy")
    (record,) = read_spacy(tmp_path / "ext.spacy")
    assert [(s.text, s.label) for s in record.spans] == [("محمد", "PER"), ("دمشق", "LOC")]


def test_without_spacy_the_error_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)
    with pytest.raises(AnnotatorError, match=r"pip install annotator\[spacy\]"):
        write_spacy(edge_documents(), tmp_path / "x.spacy")
    assert list(tmp_path.iterdir()) == []


def test_bad_files_are_input_errors(tmp_path: Path) -> None:
    from annotator.core.errors import InputError

    (tmp_path / "junk.spacy").write_bytes(b"not a docbin")
    with pytest.raises(InputError, match="not a spaCy DocBin"):
        list(read_spacy(tmp_path / "junk.spacy"))
    doc = spacy.blank("ar").make_doc("زار محمد")
    doc.user_data["annotator"] = {"name": "x", "spans": [[4, 99, "actor", "a", "draft"]]}
    DocBin(docs=[doc], store_user_data=True).to_disk(tmp_path / "bad.spacy")
    with pytest.raises(InputError, match="bad saved span"):
        list(read_spacy(tmp_path / "bad.spacy"))


@pytest.mark.parametrize("documents", [0, 1, 5, 20], ids=["none", "one", "five", "twenty"])
def test_the_file_holds_the_message_spacys_own_to_bytes_makes(tmp_path: Path, documents: int) -> None:
    """DocBinStream writes DocBin.to_bytes()'s message from each Doc's parts, deflated apart and joined
    (and compresses it faster): decompressed, the same bytes as spaCy's own DocBin of ``document_doc``'s
    Docs, with the user data (the export's parts, ``document_parts``) and without (a DocBin's parts), for
    no document, one, several, and more than fifteen (msgpack's longer list headers)."""
    import zlib

    from annotator.core.formats.docbin_stream import DocBinStream, docbin_parts
    from annotator.core.formats.spacy_docs import document_doc, document_parts
    from tests.formats.test_parallel import corpus

    report = FormatReport()
    chosen = [*edge_documents(), *seed_documents(), *corpus()][:documents]
    docs = [document_doc(document, report) for document in chosen]
    for with_user_data in (True, False):
        spacys = DocBin(store_user_data=with_user_data, docs=docs)
        stream = DocBinStream(store_user_data=with_user_data)
        for document, doc in zip(chosen, docs, strict=True):
            if with_user_data:
                stream.add(document_parts(document, FormatReport()))
            else:
                one = DocBin(store_user_data=False)
                one.add(doc)
                stream.add(docbin_parts(one))
        with (tmp_path / "ours.spacy").open("wb") as handle:
            stream.write(handle)
        stream.close()
        written = (tmp_path / "ours.spacy").read_bytes()
        assert zlib.decompress(written) == zlib.decompress(spacys.to_bytes())
        assert len(DocBin().from_bytes(written)) == documents


def test_msgpack_headers_and_joined_checksums_are_those_of_the_whole() -> None:
    """The pieces DocBinStream joins: msgpack's list and binary headers as srsly writes them, at each
    size boundary; adler32 of joined bytes from the parts' (any lengths, beyond adler's modulus too); and
    pieces deflated apart that decompress, joined, to the bytes joined."""
    import random
    import zlib

    import srsly

    from annotator.core.formats.docbin_stream import _array_header, _bin_header, adler32_combine, deflate

    for count in (0, 1, 15, 16, 65535, 65536):
        assert srsly.msgpack_dumps([None] * count).startswith(_array_header(count))
        assert srsly.msgpack_dumps(bytes(count)) == _bin_header(count) + bytes(count)
    rng = random.Random(5)
    pieces = [rng.randbytes(size) for size in (0, 1, 5, 65520, 65521, 65522, 200_000)]
    joined = b"".join(pieces)
    adler, deflated = 1, b""
    for piece in pieces:
        part = deflate(piece)
        adler, deflated = adler32_combine(adler, part.adler, part.size), deflated + part.data
    assert adler == zlib.adler32(joined)
    final = zlib.compressobj(2, zlib.DEFLATED, -zlib.MAX_WBITS).flush(zlib.Z_FINISH)
    assert zlib.decompress(b"\x78\x5e" + deflated + final + adler.to_bytes(4, "big")) == joined


def hard_placements() -> list:  # type: ignore[type-arg]
    """Where spans meet tokens in every way: entities side by side with one label and with two, one inside
    another, a claim over entities, the same offsets twice (two annotators, two labels), spans off the
    tokens (a proclitic, a trailing space, into a line break, a first space), spans on a line break and
    across one, and at the text's ends, a text with no spans, one with no text, one with only claims."""
    text = "زار محمد علي دمشق.\r\nوقال «إن الهدنة انتهت»  أمس"
    return [
        make_document("side-by-side", text, ("محمد", "actor", "a"), ("علي", "actor", "a"), ("دمشق", "location", "a"),
                      ("أمس", "date", "a")),
        make_document("nested-and-twice", text, ("محمد علي", "actor", "a"), ("علي", "actor", "b"),
                      ("محمد علي", "actor", "b"), ("محمد علي", "location", "a"), ("«إن الهدنة انتهت»", "claim", "a"),
                      ("الهدنة", "actor", "a"), ("زار", "claim", "a")),
        make_document("off-tokens", text, ("قال", "actor", "a"), ("محمد ", "location", "a"), ("دمشق.\r", "date", "a"),
                      ("ار محمد", "actor", "a"), ("\r\n", "date", "a"), (".\r\nوقال", "claim", "a"),
                      ("  ", "date", "a"), ("زار", "location", "a")),
        make_document("no-spans", text),
        make_document("no-text", ""),
        make_document("claims-only", text, ("«إن الهدنة انتهت»", "claim", "a"), ("زار محمد", "claim", "b")),
    ]


def test_document_parts_are_what_spacys_docbin_keeps_of_document_doc() -> None:
    """The export's parts of each Doc, made without spaCy's Span objects (its own alignment, entities
    written into the token array, the span group packed), are the parts spaCy's own DocBin.add keeps of
    the Doc made with char_span, doc.ents and doc.spans: field for field, with the same spans left out
    and reported, on the hard placements, the hard texts (emoji, CRLF, tashkeel, links), the seed
    article and real AQMAR articles with overlapping spans."""
    from annotator.core.formats.docbin_stream import docbin_parts
    from annotator.core.formats.spacy_docs import document_doc, document_parts
    from tests.formats.test_parallel import corpus

    documents = [*hard_placements(), *edge_documents(), *seed_documents(), *corpus()[:12]]
    assert any(document.links for document in documents)
    for document in documents:
        spacys_report, ours_report = FormatReport(), FormatReport()
        one = DocBin(store_user_data=True)
        one.add(document_doc(document, spacys_report))
        spacys, ours = docbin_parts(one), document_parts(document, ours_report)
        assert ours._replace(strings=sorted(ours.strings)) == spacys._replace(strings=sorted(spacys.strings)), \
            document.name
        assert ours_report.dropped == spacys_report.dropped and ours_report.notes == spacys_report.notes
    dropped = FormatReport()
    document_parts(hard_placements()[2], dropped)
    assert [d.text for d in dropped.dropped] == ["ار محمد", "محمد ", "دمشق.\r", "قال", "  "]


def test_srsly_has_its_own_registries_back_after_writing_and_reading(tmp_path: Path) -> None:
    """The export and the import look srsly's msgpack encoders and decoders up once, for their own time
    only: afterwards (after a failure too) srsly asks its registries again."""
    import srsly.msgpack

    def registries() -> tuple[object, object]:
        return srsly.msgpack.msgpack_encoders, srsly.msgpack.msgpack_decoders

    before = registries()
    write_spacy(edge_documents(), tmp_path / "x.spacy")
    assert registries() == before
    assert len(list(read_spacy(tmp_path / "x.spacy"))) == len(edge_documents())
    assert registries() == before
    (tmp_path / "junk.spacy").write_bytes(b"not a docbin")
    with pytest.raises(AnnotatorError):
        list(read_spacy(tmp_path / "junk.spacy"))
    assert registries() == before


def seed_documents() -> list:  # type: ignore[type-arg]
    seed = SEED.read_text(encoding="utf-8")
    quoted = "“عدم جدية الحكومتين العراقية والأمريكية في جدولة انسحاب القوات الأمريكية من العراق”"
    guillemets = seed.replace("“", "«").replace("”", "»")
    wire = "وقال مسؤول لوكالة Reuters. إن «الهجوم لم يسفر عن أي إصابات». وانتهت الهدنة في 2023.\r\nثم  انتهى.\n"
    return [
        make_document("seed", seed, (quoted, "claim", "a"), (quoted[1:-1], "claim", "b"),
                      ("العراق", "location", "a", 4), ("العراق", "location", "a", 7),
                      ("القوات الأمريكية", "actor", "a", 2), ("الجيش", "actor", "a"), ("إصابات", "claim", "a")),
        make_document("seed-guillemets", guillemets, ("«" + quoted[1:-1] + "»", "claim", "a"),
                      ("العراق", "location", "a", 4)),
        make_document("wire", wire, ("Reuters", "actor", "a"), ("«الهجوم لم يسفر عن أي إصابات»", "claim", "a"),
                      ("الهجوم لم يسفر عن أي إصابات", "claim", "b"), ("2023", "date", "a"), ("انتهى", "claim", "a")),
    ]


def test_spans_before_full_stops_and_closing_quotes_all_reach_the_doc(tmp_path: Path) -> None:
    documents = seed_documents()
    nlp = spacy.blank("ar")
    for document in documents:  # what spaCy's own tokenizer cannot carry: the reason for our tokens
        assert any(nlp.make_doc(document.text).char_span(s.start, s.end, alignment_mode="strict") is None
                   for s in document.spans)
    report = FormatReport()
    write_spacy(documents, tmp_path / "seed.spacy", report)
    assert not report  # nothing left out, nothing said
    for document, doc in zip(documents, load(tmp_path / "seed.spacy"), strict=True):
        assert doc.text == document.text
        assert {(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]} == span_set(document.spans)
        assert {(e.start_char, e.end_char, e.label_) for e in doc.ents} == {
            k for k in span_set(document.spans) if k[2] != "claim"}
    (wire,) = [doc for doc in load(tmp_path / "seed.spacy") if doc.user_data["annotator"]["name"] == "wire"]
    assert [t.text for t in wire if t.is_space] == ["\r\n", " ", "\n"]  # line breaks, a second space: tokens


PIECES = ["قال", " ", "  ", "\r\n", "\n", "\t", "«", "».", "Reuters.", "😀", "\u200f", "x"]


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_words_and_spaces_give_back_any_text(text: str) -> None:
    words, spaces = words_and_spaces(text)
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces, strict=True)) == text
    assert all(words)
