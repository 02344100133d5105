from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.formats.base import ExportDocument, FormatReport
from annotator.core.formats.brat import read_brat, safe_name, write_brat
from annotator.core.model import SpanRecord
from annotator.importer import collect_files
from tests.formats.helpers import CORPORA, edge_documents, span_set

BRAT = CORPORA / "brat-example-data"


def test_written_offsets_slice_the_txt_to_the_span_text(tmp_path: Path) -> None:
    documents = edge_documents()
    out = tmp_path / "brat"
    assert write_brat(documents, out) == len(documents)
    for document in documents:
        txt = out / f"{document.name}.txt"
        assert txt.read_bytes() == document.text.encode("utf-8")  # CRLF kept, byte for byte
        text = txt.read_bytes().decode("utf-8")
        lines = (out / f"{document.name}.ann").read_text(encoding="utf-8").splitlines()
        assert len(lines) == len({(s.start, s.end, s.label) for s in document.spans})
        for line in lines:
            tid, middle, covered = line.split("\t")
            label, start, end = middle.split(" ")
            assert tid.startswith("T") and text[int(start):int(end)].replace("\r\n", " ") == covered
        back = list(read_brat(out / f"{document.name}.ann"))
        assert span_set(back[0].spans) == span_set(document.spans) and back[0].text == document.text
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


def test_other_annotation_lines_are_counted_not_imported() -> None:
    report = FormatReport()
    (document,) = read_brat(BRAT / "news" / "000-introduction.ann", report)
    assert len(document.spans) == 7
    assert report.notes == {
        "brat relation line(s) (R) skipped: only text spans (T) are imported": 2,
        "brat event line(s) (E) skipped: only text spans (T) are imported": 1,
        "brat attribute line(s) (A) skipped: only text spans (T) are imported": 5,
        "brat note line(s) (#) skipped: only text spans (T) are imported": 1,
        "brat normalisation line(s) (N) skipped: only text spans (T) are imported": 1,
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
