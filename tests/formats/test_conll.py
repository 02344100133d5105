from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.formats.base import FormatReport
from annotator.core.formats.conll import read_conll, write_conll
from annotator.core.formats.iob import I_WITHOUT_B, OFF_TOKENS, OVERLAPS
from annotator.core.model import SpanRecord
from annotator.core.tokenizer import tokenize
from tests.formats.helpers import CORPORA, edge_documents, make_document

AQMAR = CORPORA / "aqmar-arabic-ner"
SPACY = CORPORA / "spacy-ner-example-data"


def blocks(path: Path) -> list[list[list[str]]]:
    """The written file as documents of rows, split at -DOCSTART-."""
    documents: list[list[list[str]]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("-DOCSTART-"):
            documents.append([])
        elif line:
            documents[-1].append(line.split("\t"))
    return documents


def normalised(text: str) -> str:
    return " ".join(t.text for t in tokenize(text))


def test_written_tags_are_valid_iob2_and_decode_to_the_same_spans(tmp_path: Path) -> None:
    documents = edge_documents()
    out = tmp_path / "out.conll"
    report = FormatReport()
    assert write_conll(documents, out, report) == len(documents)
    written = blocks(out)
    assert len(written) == len(documents)
    labels = {"actor", "location", "date"}
    for rows in written:
        assert all(len(row) == 3 for row in rows)
        for column, allowed in ((1, labels), (2, {"claim"})):
            previous = "O"
            for row in rows:
                tag = row[column]
                assert tag == "O" or (tag[:2] in ("B-", "I-") and tag[2:] in allowed), tag
                if tag.startswith("I-"):
                    assert previous[2:] == tag[2:] and previous != "O", "I- without B-"
                previous = tag
    back = list(read_conll(out))
    dropped = {(d.document, d.start, d.end, d.label) for d in report.dropped}
    for document, read in zip(documents, back, strict=True):
        expected = sorted({(s.label, normalised(s.text)) for s in document.spans
                           if (document.name, s.start, s.end, s.label) not in dropped})
        assert sorted((s.label, s.text) for s in read.spans) == expected
        assert all(read.text[s.start:s.end] == s.text for s in read.spans)


def test_overlaps_and_sub_word_spans_are_left_out_and_reported(tmp_path: Path) -> None:
    document = make_document("d", "قال للقوات في دمشق القديمة", ("قوات", "actor", "a"),
                             ("دمشق القديمة", "location", "a"), ("دمشق", "location", "a"), ("قال للقوات", "claim", "a"))
    report = FormatReport()
    write_conll([document], tmp_path / "o.conll", report)
    reasons = {(d.text, d.reason) for d in report.dropped}
    assert reasons == {("قوات", OFF_TOKENS), ("دمشق", OVERLAPS)}
    assert any("2 span(s) left out" in line for line in report.lines())
    (read,) = read_conll(tmp_path / "o.conll")
    assert sorted((s.label, s.text) for s in read.spans) == [("claim", "قال للقوات"), ("location", "دمشق القديمة")]


def test_a_sentence_is_not_cut_inside_a_span(tmp_path: Path) -> None:
    (document,) = [d for d in edge_documents() if d.name == "claim-crlf"]
    write_conll([document], tmp_path / "o.conll")
    sentences = tmp_path.joinpath("o.conll").read_text(encoding="utf-8").split("\n\n")[1:]
    claim_sentence = next(s for s in sentences if "B-claim" in s)
    assert "I-claim" in claim_sentence and claim_sentence.count("\n") > 10
    assert sentences[-2].startswith("ثم\t")  # the CRLF still ends a sentence


def test_reads_aqmar_with_bidi_marks_and_spans_on_the_source_tokens() -> None:
    for name in ("Damascus", "Ibn_Tolun_Mosque"):
        path = AQMAR / f"{name}.txt"
        (document,) = read_conll(path)
        expected: list[tuple[str, str]] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            token, tag = line.rsplit(" ", 1)
            if tag.startswith("B-"):
                expected.append((tag[2:], token))
            elif tag.startswith("I-"):
                expected[-1] = (expected[-1][0], f"{expected[-1][1]} {token}")
        assert [(s.label, s.text) for s in document.spans] == expected
        assert all(document.text[s.start:s.end] == s.text for s in document.spans)
    (mosque,) = read_conll(AQMAR / "Ibn_Tolun_Mosque.txt")
    assert mosque.text.count("\u200f") == 64


def test_aqmar_annotation_errors_are_located_or_tolerated_and_said() -> None:
    with pytest.raises(InputError, match="invalid tag 'OO'") as caught:
        list(read_conll(AQMAR / "Football.txt"))
    assert caught.value.line == 1855
    report = FormatReport()
    (document,) = read_conll(AQMAR / "Summer_Olympics2004.txt", report)
    assert report.notes[I_WITHOUT_B] == 1
    assert {"MIS1`", "MIS1"} <= {s.label for s in document.spans}


def test_spacy_iob_dialects_give_the_same_spans() -> None:
    results = []
    for name in ("ner-token-per-line.iob", "ner-token-per-line-with-pos.iob", "ner-token-per-line-conll2003.iob",
                 "ner-sent-per-line.iob"):
        documents = list(read_conll(SPACY / name))
        results.append([(s.label, s.text) for d in documents for s in d.spans])
    assert results[0] == results[1] == results[2] == results[3]
    assert ("PERSON", "Sebastian Thrun") in results[0]


@pytest.mark.parametrize("tags", [
    ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "O"],          # IOB2
    ["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "O"],          # IOB1
    ["B-PER", "E-PER", "O", "S-LOC", "S-LOC", "O"],          # BIOES
    ["B-PER", "L-PER", "O", "U-LOC", "U-LOC", "O"],          # BILUO
])
def test_reads_iob1_iob2_bioes_and_biluo_alike(tmp_path: Path, tags: list[str]) -> None:
    words = ["Ali", "Hassan", "visited", "Homs", "Hama", "."]
    path = tmp_path / "t.conll"
    path.write_text("\n".join(f"{w} {t}" for w, t in zip(words, tags, strict=True)) + "\n", encoding="utf-8")
    (document,) = read_conll(path)
    assert document.text == "Ali Hassan visited Homs Hama ."
    assert [(s.label, s.text) for s in document.spans] == [("PER", "Ali Hassan"), ("LOC", "Homs"), ("LOC", "Hama")]


def test_docstart_separates_documents_and_sentences_become_lines(tmp_path: Path) -> None:
    path = tmp_path / "d.conll"
    path.write_text("-DOCSTART- O\n\nقال\tO\nمحمد\tB-PER\n\n.\tO\n-DOCSTART- O\nدمشق\tB-LOC\n", encoding="utf-8")
    first, second = read_conll(path)
    assert (first.name, first.text, second.name, second.text) == ("d-1", "قال محمد\n.", "d-2", "دمشق")
    assert first.spans == [SpanRecord(4, 8, "PER", "محمد")] and second.line == 7


@pytest.mark.parametrize(("content", "line", "reason"), [
    ("a O\nb X-PER\n", 2, "invalid tag 'X-PER'"),
    ("a O\n\nSOCCER\n", 3, "expected a token and a tag"),
    ("a O\nb IO\n", 2, "invalid tag 'IO'"),
    # the first bad tag is the one said, also after the same good tags many times, and on CRLF lines
    ("a\tO\r\n" * 300 + "\r\nb\tB-PER\r\nc\tZ-PER\r\nd\tY-LOC\r\ne\tZ-PER\r\n", 303, "invalid tag 'Z-PER'"),
])
def test_bad_lines_name_file_and_line(tmp_path: Path, content: str, line: int, reason: str) -> None:
    path = tmp_path / "bad.conll"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=reason) as caught:
        list(read_conll(path))
    assert caught.value.line == line and str(caught.value).startswith(f"{path}:{line}: ")


def test_empty_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "e.conll").write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty file"):
        list(read_conll(tmp_path / "e.conll"))
