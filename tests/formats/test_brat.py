import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.formats.base import ExportDocument, FormatReport
from annotator.core.formats.brat import (
    DISCONTINUOUS,
    EDGE_BREAKS,
    ONLY_BREAKS,
    NewlineMap,
    _pieces,
    fragments,
    read_brat,
    safe_name,
    write_brat,
)
from annotator.core.model import SpanRecord
from annotator.importer import collect_files
from tests.formats.brat_rules import brat_read
from tests.formats.helpers import CORPORA, edge_documents, make_document, span_set

BRAT = CORPORA / "brat-example-data"


def lf_spans(document: ExportDocument) -> set[tuple[int, int, str]]:
    """The document's spans as brat must get them: offsets into the LF text (a CRLF is one character)."""
    newlines = NewlineMap(document.text)
    return {(newlines.to_brat(s.start), newlines.to_brat(s.end), s.label) for s in document.spans}


def test_brat_accepts_every_t_line_and_the_spans_land_on_brats_text(tmp_path: Path) -> None:
    documents = edge_documents()
    out = tmp_path / "brat"
    report = FormatReport()
    assert write_brat(documents, out, report) == len(documents)
    assert not report.dropped and EDGE_BREAKS not in report.notes
    for document in documents:
        txt = out / f"{document.name}.txt"
        lf = document.text.replace("\r\n", "\n")
        assert txt.read_bytes() == lf.encode("utf-8")  # LF line endings: what brat counts in
        text, spans, problems = brat_read(out / f"{document.name}.ann")
        assert problems == [] and text == lf
        assert {(s.ranges[0][0], s.ranges[-1][1], s.label) for s in spans} == lf_spans(document)
        (back,) = read_brat(out / f"{document.name}.ann")
        assert back.text == lf and span_set(back.spans) == lf_spans(document)
        assert all(back.text[s.start:s.end] == s.text for s in back.spans)
    # 37 44 and 58 62 in the stored CRLF text: one character earlier per CRLF before them
    assert (out / "crlf.ann").read_text(encoding="utf-8").splitlines()[1:] == [
        "T2\tlocation 36 43\tالقاهرة", "T3\tdate 56 60\t2024"]
    conf = (out / "annotation.conf").read_text(encoding="utf-8").split("\n")
    assert conf[0] == "[entities]" and set(conf[1:5]) == {"actor", "location", "date", "claim"}


def test_file_names_are_safe_and_unique(tmp_path: Path) -> None:
    names = ["../evil", "a/b", "x", "X", "", ".hidden", "annotation", "تقرير دمشق"]
    documents = [ExportDocument(n, "نص", f"s{i}") for i, n in enumerate(names)]
    out = tmp_path / "brat"
    write_brat(documents, out)
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 2 * len(names) + 2  # with annotation.conf and our export marker
    assert all(p.parent == out for p in out.rglob("*")) and not (tmp_path / "evil.txt").exists()
    assert "evil.txt" in files and "x.txt" in files and "X-2.txt" in files and "تقرير_دمشق.txt" in files
    assert safe_name("..", set()) == "document"
    assert safe_name("con", set()) == "con_" and safe_name("Annotation", set()) == "Annotation_"


def test_reexport_replaces_the_folder_and_a_failed_one_leaves_it(tmp_path: Path) -> None:
    out = tmp_path / "brat"
    write_brat([ExportDocument("one", "نص", "s")], out)
    write_brat([ExportDocument("two", "نص", "s")], out)
    assert sorted(p.name for p in out.iterdir()) == [".annotator-export.json", "annotation.conf", "two.ann", "two.txt"]

    def failing():
        yield ExportDocument("three", "نص", "s")
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        write_brat(failing(), out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brat"]
    assert (out / "two.txt").exists()


def test_a_folder_of_other_files_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("mine", encoding="utf-8")
    with pytest.raises(AnnotatorError, match="will not replace this folder"):
        write_brat([ExportDocument("one", "نص", "s")], tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(AnnotatorError, match="not a folder"):
        write_brat([ExportDocument("one", "نص", "s")], tmp_path / "file")


def test_reads_the_conll2002_brat_corpus_exactly() -> None:
    for ann in sorted((BRAT / "esp").glob("*.ann")):
        (document,) = read_brat(ann)
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        rows = [line.split("\t") for line in ann.read_text(encoding="utf-8").splitlines()]
        assert [(s.label, s.text) for s in document.spans] == [(r[1].split(" ")[0], r[2]) for r in rows]
        assert all(text[s.start:s.end] == s.text for s in document.spans)
        assert {s.label for s in document.spans} <= {"PER", "LOC", "ORG", "MISC"}


def test_relations_are_links_and_other_annotation_lines_are_counted_not_imported() -> None:
    report = FormatReport()
    (document,) = read_brat(BRAT / "news" / "000-introduction.ann", report)
    assert len(document.spans) == 7
    # R2 Origin Arg1:T6 Arg2:T7, then R1 Family Arg1:T4 Arg2:T5, in the order of the file
    assert [(link.type, document.spans[int(link.from_id)].text, document.spans[int(link.to_id)].text, link.id)
            for link in document.links] == [("Origin", "banks", "Switzerland", "R2"),
                                             ("Family", "Raul Salinas de Gortari", "former Mexican president", "R1")]
    skipped = "skipped: only text spans (T) and relations (R) are imported"
    assert report.notes == {
        f"brat event line(s) (E) {skipped}": 1,
        f"brat attribute line(s) (A) {skipped}": 5,
        f"brat note line(s) (#) {skipped}": 1,
        f"brat normalisation line(s) (N) {skipped}": 1,
    }
    (empty,) = read_brat(BRAT / "news" / "010-navigation.ann")
    assert empty.spans == [] and empty.text.strip()


def make_pair(tmp_path: Path, ann: str, text: str = "قال محمد في دمشق\r\nيوم الأحد") -> Path:
    (tmp_path / "d.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "d.ann").write_text(ann, encoding="utf-8")
    return tmp_path / "d.ann"


def test_discontinuous_spans_are_counted_and_crlf_offsets_kept(tmp_path: Path) -> None:
    report = FormatReport()
    path = make_pair(tmp_path, "T1\tactor 4 8\tمحمد\nT2\tdate 0 3;9 11\tقال في\nT3\tclaim 12 21\tدمشق يوم\n")
    (document,) = read_brat(path, report)
    assert document.spans[0] == SpanRecord(4, 8, "actor", "محمد")
    assert document.spans[1].text == "دمشق\r\nيوم"
    assert report.notes["brat discontinuous span(s) (start end;start end) skipped"] == 1


@pytest.mark.parametrize(("ann", "reason"), [
    ("T1\tactor 4 8\tمحمد\nT2\tactor 20 99\tx\n", "do not fit the text"),
    ("T1\tactor 4 8\tأحمد\n", "does not match"),
    ("T1\tactor four 8\tمحمد\n", "two integers"),
    ("X1\tfoo\n", "unknown annotation line"),
])
def test_bad_t_lines_name_the_ann_line(tmp_path: Path, ann: str, reason: str) -> None:
    path = make_pair(tmp_path, ann)
    with pytest.raises(InputError, match=reason) as caught:
        list(read_brat(path))
    assert caught.value.path == str(path) and caught.value.line == ann.count("\n")


def test_missing_txt_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "lonely.ann").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="no text file lonely.txt"):
        list(read_brat(tmp_path / "lonely.ann"))


def test_a_folder_imports_each_brat_text_once() -> None:
    files, report = collect_files([BRAT / "news"])
    names = sorted(p.name for p in files)
    assert names == ["000-introduction.ann", "010-navigation.ann", "070-editing_relation_annotations.ann",
                     "100-attribute_annotation.ann"]
    assert [p.name for p in report.skipped] == ["annotation.conf"]


CRLF_TEXT = "قال محمد في دمشق\r\nيوم الأحد"  # دمشق 12-16, CRLF 16-18, يوم 18-21 (17-20 as brat counts)


def test_a_span_crossing_a_line_break_is_written_as_fragments_as_brat_does(tmp_path: Path) -> None:
    text = "قالوا إن «الهدنة انتهت \r\n  والقوات باقية»\rفي العراق\u2028اليوم"
    document = make_document("d", CRLF_TEXT, ("دمشق\r\nيوم", "claim", "a"))
    write_brat([document, make_document("e", text, ("«الهدنة انتهت \r\n  والقوات باقية»", "claim", "a"),
                                        ("باقية»\rفي العراق\u2028اليوم", "claim", "b"))], tmp_path / "b")
    assert (tmp_path / "b" / "d.ann").read_text(encoding="utf-8") == "T1\tclaim 12 16;17 20\tدمشق يوم\n"
    lf = text.replace("\r\n", "\n").replace("\r", "\n")
    brat_text, spans, problems = brat_read(tmp_path / "b" / "e.ann")
    assert problems == [] and brat_text == lf
    # spaces beside a break go to the gap, as brat's own span splitting does; every break splits
    assert [s.text for s in spans] == ["«الهدنة انتهت والقوات باقية»", "باقية» في العراق اليوم"]
    assert [len(s.ranges) for s in spans] == [2, 3]
    (back,) = read_brat(tmp_path / "b" / "e.ann")
    assert [s.text for s in back.spans] == ["«الهدنة انتهت \n  والقوات باقية»", "باقية»\nفي العراق\u2028اليوم"]


def test_line_breaks_at_a_span_edge_are_left_out_and_reported(tmp_path: Path) -> None:
    document = make_document("d", CRLF_TEXT, ("دمشق\r\n", "actor", "a"), ("دمشق\r", "location", "a"),
                             ("\nيوم", "date", "a"), ("\r\n", "claim", "a"), ("الأحد", "date", "a"))
    report = FormatReport()
    write_brat([document], tmp_path / "b", report)
    assert (tmp_path / "b" / "d.ann").read_text(encoding="utf-8").splitlines() == [
        "T1\tactor 12 16\tدمشق", "T2\tlocation 12 16\tدمشق", "T3\tdate 17 20\tيوم", "T4\tdate 21 26\tالأحد"]
    assert report.notes[EDGE_BREAKS] == 3
    assert [(d.text, d.reason) for d in report.dropped] == [("\r\n", ONLY_BREAKS)]
    assert brat_read(tmp_path / "b" / "d.ann")[2] == []


def test_offsets_counted_as_brat_counts_them_map_back_to_the_stored_crlf_text(tmp_path: Path) -> None:
    path = make_pair(tmp_path, "T1\tdate 17 20\tيوم\nT2\tclaim 12 16;17 20\tدمشق يوم\nT3\tactor 4 8\tمحمد\n",
                     CRLF_TEXT)
    (document,) = read_brat(path)
    assert document.text == CRLF_TEXT  # kept as stored
    assert document.spans == [SpanRecord(18, 21, "date", "يوم"), SpanRecord(12, 21, "claim", "دمشق\r\nيوم"),
                              SpanRecord(4, 8, "actor", "محمد")]


def test_an_old_export_counting_crlf_as_two_characters_still_reads(tmp_path: Path) -> None:
    # what this tool wrote before: offsets into the CRLF text, line breaks shown as spaces
    path = make_pair(tmp_path, "T1\tdate 18 21\tيوم\nT2\tclaim 12 21\tدمشق يوم\n", CRLF_TEXT)
    (document,) = read_brat(path)
    assert document.spans == [SpanRecord(18, 21, "date", "يوم"), SpanRecord(12, 21, "claim", "دمشق\r\nيوم")]


def test_an_ann_fitting_neither_reading_is_refused_at_its_line(tmp_path: Path) -> None:
    # line 1 fits only the old reading, line 2 only brat's: the file is refused where the best one fails
    path = make_pair(tmp_path, "T1\tdate 18 21\tيوم\nT2\tdate 17 20\tيوم\n", CRLF_TEXT)
    with pytest.raises(InputError, match="neither counting each CRLF of d.txt as one character") as caught:
        list(read_brat(path))
    assert str(caught.value).startswith(f"{path}:2: span text 'يوم' does not match d.txt at [17, 20)")


def test_fragments_with_only_spaces_or_line_breaks_between_are_one_span(tmp_path: Path) -> None:
    report = FormatReport()
    path = make_pair(tmp_path, "T1\tactor 0 3;4 8\tقال محمد\nT2\tdate 12 16;18 21\tدمشق يوم\n"
                     "T3\tclaim 0 3;9 11\tقال في\n", "قال محمد في دمشق \nيوم الأحد")
    (document,) = read_brat(path, report)
    assert [(s.start, s.end, s.text) for s in document.spans] == [(0, 8, "قال محمد"), (12, 21, "دمشق \nيوم")]
    assert report.notes[DISCONTINUOUS] == 1
    with pytest.raises(InputError, match="overlap") as caught:
        list(read_brat(make_pair(tmp_path, "T1\tactor 4 8\tمحمد\nT2\tactor 0 5;4 8\tقال م محمد\n")))
    assert caught.value.line == 2


def test_the_brat_corpus_reads_as_brat_reads_it_and_exports_back_the_same() -> None:
    anns = sorted(BRAT.rglob("*.ann"))
    assert len(anns) == 7
    for ann in anns:
        text, brat_spans, problems = brat_read(ann)
        assert problems == []
        (document,) = read_brat(ann)
        assert document.text == text
        assert [(s.start, s.end, s.label) for s in document.spans] == [
            (b.ranges[0][0], b.ranges[-1][1], b.label) for b in brat_spans]


def test_exporting_the_brat_corpus_gives_files_brat_accepts(tmp_path: Path) -> None:
    documents = [next(read_brat(ann)) for ann in sorted(BRAT.rglob("*.ann"))]
    exported = [ExportDocument(d.name, d.text, "s", d.spans) for d in documents]
    write_brat(exported, tmp_path / "out")
    for document in documents:
        text, spans, problems = brat_read(tmp_path / "out" / f"{document.name}.ann")
        assert problems == [] and text == document.text
        assert {(s.ranges[0][0], s.ranges[-1][1], s.label) for s in spans} == span_set(document.spans)


BREAKING = st.sampled_from(["\r\n", "\n", "\r", "\u2028", "\x85", "\x0b", " ", " \r\n ", "قال", "محمد", "😀",
                            "بِاسْمِ", "«", "»", "CNN", "\t", "\u200f", "x"])


def universal(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_export_is_accepted_by_brats_rules_and_reads_back(data: st.DataObject) -> None:
    text = "".join(data.draw(st.lists(BREAKING, min_size=1, max_size=25)))
    if not text.strip():
        text += "نص"
    spans = []
    for _ in range(data.draw(st.integers(0, 6))):
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        spans.append(SpanRecord(start, end, data.draw(st.sampled_from(["actor", "claim"])), text[start:end], "a"))
    # the oracle: brat's offsets are lengths of the universal-newline text before them; edge breaks go
    lf = universal(text)
    expected = set()
    for span in spans:
        start, end = len(universal(text[:span.start])), len(universal(text[:span.end]))
        while start < end and lf[start].splitlines() in ([], [""]):
            start += 1
        while end > start and lf[end - 1].splitlines() in ([], [""]):
            end -= 1
        if lf[start:end].strip():  # a span of nothing but spaces and line breaks is left out
            expected.add((start, end, span.label))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "b"
        report = FormatReport()
        write_brat([ExportDocument("doc", text, "s", spans)], out, report)
        brat_text, brat_spans, problems = brat_read(out / "doc.ann")
        assert problems == [] and brat_text == lf
        assert {(s.ranges[0][0], s.ranges[-1][1], s.label) for s in brat_spans} == expected
        (back,) = read_brat(out / "doc.ann")
    assert back.text == lf and span_set(back.spans) == expected
    assert all(back.text[s.start:s.end] == s.text for s in back.spans)
    assert len(report.dropped) == sum(1 for s in spans if not s.text.strip())


@given(data=st.data())
def test_a_span_on_one_line_is_one_piece_as_the_general_rule_makes_it(data: st.DataObject) -> None:
    """``fragments`` takes a span without a line break as one piece without looking at it further: the same
    pieces as the general rule (``_pieces``) gives, for any span, with or without breaks."""
    text = "".join(data.draw(st.lists(BREAKING, min_size=1, max_size=25)))
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    assert fragments(text, start, end) == _pieces(text, start, end)
