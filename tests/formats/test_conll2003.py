import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.formats.base import FormatReport
from annotator.core.formats.conll import read_conll
from annotator.core.formats.conll2003 import CLAIM_LEFT_OUT, DOCSTART_LINE, read_conll2003, write_conll2003
from annotator.core.formats.iob import OVERLAPS, TAG
from annotator.core.tokenizer import tokenize
from tests.formats.helpers import CORPORA, edge_documents, make_document

SEED = Path(__file__).resolve().parents[2] / "seeds" / "iraq-armed-factions-end-truce.txt"


def normalised(text: str) -> str:
    return " ".join(t.text for t in tokenize(text))


def expected_entities(documents, report: FormatReport) -> list[list[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    """Per document, the (label, text as tokens joined by spaces) of every entity that was written."""
    dropped = {(d.document, d.start, d.end, d.label) for d in report.dropped}
    return [sorted({(s.label, normalised(s.text)) for s in d.spans
                    if (d.name, s.start, s.end, s.label) not in dropped}) for d in documents]


def seed_document():  # type: ignore[no-untyped-def]
    text = SEED.read_text(encoding="utf-8")
    quoted = "“عدم جدية الحكومتين العراقية والأمريكية في جدولة انسحاب القوات الأمريكية من العراق”"
    return make_document("seed", text, ("الفصائل المسلحة", "actor", "a"), ("العراق", "location", "a", 4),
                         ("القوات الأمريكية", "actor", "a", 2), ("أكتوبر الماضي", "date", "a"), (quoted, "claim", "a"),
                         ("مصطفى الكاظمي", "actor", "a"), ("بغداد", "location", "a"), ("يناير 2020", "date", "a"))


def test_layout_is_what_column_readers_expect(tmp_path: Path) -> None:
    out = tmp_path / "data.conll2003"
    documents = [*edge_documents(), seed_document()]
    assert write_conll2003(documents, out) == len(documents)
    content = out.read_text(encoding="utf-8")
    assert content.startswith(f"{DOCSTART_LINE}\n\n") and content.count(DOCSTART_LINE) == len(documents)
    assert content.endswith("\n\n") and "\n\n\n" not in content.replace(f"\n\n{DOCSTART_LINE}", "")
    previous = "O"
    for line in content.split("\n"):
        if not line or line == DOCSTART_LINE:
            previous = "O"
            continue
        token, pos, chunk, tag = line.split(" ")
        assert token and pos == "-X-" and chunk == "_" and TAG.match(tag) and tag[:2] in ("O", "B-", "I-")
        assert "claim" not in tag
        if tag.startswith("I-"):
            assert previous[2:] == tag[2:], "I- without B- (IOB2)"
        previous = tag


def test_round_trip_gives_the_entities_and_reports_every_claim(tmp_path: Path) -> None:
    documents = [*edge_documents(), seed_document()]
    out = tmp_path / "data.conll2003"
    report = FormatReport()
    write_conll2003(documents, out, report)
    claims = [(d.name, s.start, s.end) for d in documents for s in d.spans if s.label == "claim"]
    assert sorted((d.document, d.start, d.end) for d in report.dropped if d.reason == CLAIM_LEFT_OUT) == sorted(claims)
    assert {d.reason for d in report.dropped} == {CLAIM_LEFT_OUT}  # claims no longer crowd out entities
    back = list(read_conll2003(out))
    assert [d.name for d in back] == [f"data-{i}" for i in range(1, len(documents) + 1)]
    assert [sorted((s.label, s.text) for s in d.spans) for d in back] == expected_entities(documents, report)
    assert all(d.text[s.start:s.end] == s.text for d in back for s in d.spans)
    assert [d.text.replace("\n", " ") for d in back] == [normalised(d.text) for d in documents]


def test_overlapping_entities_are_left_out_and_reported(tmp_path: Path) -> None:
    document = make_document("d", "زار دمشق القديمة", ("دمشق القديمة", "location", "a"), ("دمشق", "location", "a"))
    report = FormatReport()
    write_conll2003([document], tmp_path / "d.ner", report)
    assert [(d.text, d.reason) for d in report.dropped] == [("دمشق", OVERLAPS)]
    (back,) = read_conll2003(tmp_path / "d.ner")
    assert back.name == "d" and [(s.label, s.text) for s in back.spans] == [("location", "دمشق القديمة")]


def test_spacys_own_converter_finds_the_same_entities(tmp_path: Path) -> None:
    pytest.importorskip("spacy")
    from spacy.training.converters import conll_ner_to_docs

    documents = [*edge_documents(), seed_document()]
    out = tmp_path / "data.conll2003"
    report = FormatReport()
    write_conll2003(documents, out, report)
    docs = list(conll_ner_to_docs(out.read_text(encoding="utf-8"), n_sents=0, model=None, no_print=True))
    assert len(docs) == len(documents)
    found = [sorted({(e.label_, e.text) for e in doc.ents}) for doc in docs]
    assert found == expected_entities(documents, report)
    assert sum(len(doc.ents) for doc in docs) == sum(len(entities) for entities in found) > 10


def test_spacy_convert_picks_its_ner_converter_for_a_ner_file(tmp_path: Path) -> None:
    pytest.importorskip("spacy")
    import spacy
    from spacy.tokens import DocBin

    documents = [*edge_documents(), seed_document()]
    report = FormatReport()
    write_conll2003(documents, tmp_path / "data.ner", report)
    result = subprocess.run([sys.executable, "-m", "spacy", "convert", str(tmp_path / "data.ner"), str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Auto-detected token-per-line NER format" in result.stdout
    docs = list(DocBin().from_disk(tmp_path / "data.spacy").get_docs(spacy.blank("xx").vocab))
    assert [len(doc.ents) for doc in docs] == [len(entities) for entities in expected_entities(documents, report)]


def test_reads_other_conll2003_files_like_the_conll_reader() -> None:
    path = CORPORA / "spacy-ner-example-data" / "ner-token-per-line-conll2003.iob"
    ours = [(s.label, s.text) for d in read_conll2003(path) for s in d.spans]
    assert ours == [(s.label, s.text) for d in read_conll(path) for s in d.spans]
    assert ("PERSON", "Sebastian Thrun") in ours


@pytest.mark.parametrize(("content", "line", "reason"), [
    (f"{DOCSTART_LINE}\n\nقال -X- _ O\nمحمد -X- _ X-PER\n", 4, "invalid tag 'X-PER'"),
    (f"{DOCSTART_LINE}\n\nقال\n", 3, "expected a token and a tag"),
    (f"{DOCSTART_LINE}\n\n\n", None, "empty file"),
])
def test_bad_files_name_the_line(tmp_path: Path, content: str, line: int | None, reason: str) -> None:
    path = tmp_path / "bad.conll2003"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=reason) as caught:
        list(read_conll2003(path))
    assert caught.value.line == line
