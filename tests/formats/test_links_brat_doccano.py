"""Links in brat: written as R lines between the T lines written for their spans (checked by brat's own
rules), read back as links, every relation of brat's example corpora imported whose arguments are spans;
and links out through brat and jsonl-doccano and back in from the command line."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.formats.base import ExportDocument, FormatReport
from annotator.core.formats.brat import (
    DISCONTINUOUS,
    IDENTICAL_LINK,
    LINK_END_LEFT_OUT,
    ONLY_BREAKS,
    RELATION_TO_DISCONTINUOUS,
    RELATION_TO_NON_SPAN,
    RELATION_TO_NOTHING,
    read_brat,
    renamed_by_brat,
    write_brat,
)
from annotator.core.links import LinkRecord
from annotator.core.model import DocumentRecord, SpanRecord
from tests.cli.test_links_cli import linked_database, read_lines
from tests.faults.cli import annotator, stats
from tests.formats.brat_rules import brat_annotations, brat_relation_types, relation_type_problems
from tests.formats.helpers import CORPORA

BRAT = CORPORA / "brat-example-data"
SHARED_BRAT = Path("/work/shared/corpora/brat-example-data")


def link_ends(document: DocumentRecord) -> list[tuple[str, tuple[str, str], tuple[str, str]]]:
    """Each link as (type, (label, text) of its from span, (label, text) of its to span)."""
    def end(index: int | str) -> tuple[str, str]:
        span = document.spans[int(index)]
        return span.label, document.text[span.start:span.end]
    return [(link.type, end(link.from_id), end(link.to_id)) for link in document.links]


# --- brat's example corpora -------------------------------------------------------------------------


@pytest.mark.parametrize(("root", "relations"), [(BRAT, 5), (SHARED_BRAT, 8)])
def test_every_relation_of_brats_example_corpora_is_a_link(root: Path, relations: int) -> None:
    if not root.is_dir():
        pytest.skip(f"{root} is not on this machine")
    anns = sorted(root.rglob("*.ann"))
    found = 0
    for ann in anns:
        report = FormatReport()
        (document,) = read_brat(ann, report)
        _, spans, brat_relations, problems = brat_annotations(ann)
        assert problems == [], ann
        by_id = {span.id: span for span in spans}
        # brat's own reading of the R lines: Arg1 → Arg2, both text spans of the file
        expected = [(r.type, (by_id[r.arg1].label, by_id[r.arg1].text), (by_id[r.arg2].label, by_id[r.arg2].text))
                    for r in brat_relations]
        assert link_ends(document) == expected, ann
        assert [link.id for link in document.links] == [r.id for r in brat_relations]
        assert not [note for note in report.notes if note.startswith("brat relation")]
        found += len(document.links)
    assert found == relations  # every R line of the corpus: none of them has an argument we skip


def test_a_relation_whose_argument_was_not_read_as_a_span_is_counted_and_skipped(tmp_path: Path) -> None:
    text = "قال محمد في دمشق يوم الأحد إن الهدنة انتهت"
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    (tmp_path / "d.ann").write_text(
        "T1\tactor 4 8\tمحمد\n"
        "T2\tlocation 12 16\tدمشق\n"
        "T3\tdate 0 3;21 26\tقال الأحد\n"  # words between: discontinuous, not imported
        "T4\tReport 0 3\tقال\n"
        "E1\tReport:T4 Reporter-Arg:T1\n"
        "R1\tplace Arg1:T1 Arg2:T2\n"
        "R2\ttime Arg1:T1 Arg2:T3\n"
        "R3\tsource Arg1:E1 Arg2:T1\n"
        "R4\tsource Arg1:T1 Arg2:T9\n"
        "R5\tOrigin Arg1:T2 Arg2:T4\t\n"  # brat writes a tab after a relation; an event's trigger may be an end
        "R6\tabout Arg1:R1 Arg2:T1\n", encoding="utf-8")
    report = FormatReport()
    (document,) = read_brat(tmp_path / "d.ann", report)
    assert [s.text for s in document.spans] == ["محمد", "دمشق", "قال"]
    assert link_ends(document) == [("place", ("actor", "محمد"), ("location", "دمشق")),
                                   ("Origin", ("location", "دمشق"), ("Report", "قال"))]
    assert [(link.from_id, link.to_id, link.id) for link in document.links] == [(0, 1, "R1"), (1, 2, "R5")]
    assert report.notes[RELATION_TO_DISCONTINUOUS] == 1
    assert report.notes[RELATION_TO_NON_SPAN] == 2  # an event, a relation
    assert report.notes[RELATION_TO_NOTHING] == 1
    assert report.notes[DISCONTINUOUS] == 1
    # brat says so too: T9 is not defined
    assert brat_annotations(tmp_path / "d.ann")[3] == ["ID T9 not defined, referenced from R4"]


@pytest.mark.parametrize(("ann", "line", "reason"), [
    ("T1\tactor 4 8\tمحمد\nR1\tsource Arg1:T1\n", 2, "a relation of two arguments"),
    ("T1\tactor 4 8\tمحمد\nR1\tsource\n", 2, "a relation of two arguments"),
    ("T1\tactor 4 8\tمحمد\nR1\tsource Arg1:T1 Arg2:T1 Arg3:T1\n", 2, "a relation of two arguments"),
    ("T1\tactor 4 8\tمحمد\nR1\tsource Arg1:T1 T1\n", 2, "a relation of two arguments"),
    ("T1\tactor 4 8\tمحمد\nT2\tactor 0 3\tقال\nR1\tsource Arg1:T1 Arg1:T2\n", 3, "have the same role 'Arg1'"),
    ("T1\tactor 4 8\tمحمد\nT1\tlocation 12 16\tدمشق\n", 2, "id T1 is used twice \\(first on line 1\\)"),
    ("T1\tactor 4 8\tمحمد\nR1\tsource Arg1:T1 Arg2:T1\nR1\ttime Arg1:T1 Arg2:T1\n", 3, "id R1 is used twice"),
])
def test_bad_relation_lines_name_the_ann_line(tmp_path: Path, ann: str, line: int, reason: str) -> None:
    (tmp_path / "d.txt").write_text("قال محمد في دمشق", encoding="utf-8")
    (tmp_path / "d.ann").write_text(ann, encoding="utf-8")
    with pytest.raises(InputError, match=reason) as caught:
        list(read_brat(tmp_path / "d.ann"))
    assert caught.value.line == line


def test_brats_rules_catch_relations_brat_would_refuse(tmp_path: Path) -> None:
    # the checker the exports are run through must itself see what brat complains of
    (tmp_path / "d.txt").write_text("قال محمد في دمشق", encoding="utf-8")
    (tmp_path / "d.ann").write_text("T1\tactor 4 8\tمحمد\nT2\tlocation 12 16\tدمشق\nR1\tsource Arg1:T1 Arg2:T2\n"
                                    "R2\tplace Arg1:T1 Arg2:T3\nR3\ttime Arg1:T1 Arg1:T2\nR1\ttime Arg1:T1 Arg2:T2\n",
                                    encoding="utf-8")
    (tmp_path / "annotation.conf").write_text("[entities]\nactor\nlocation\n\n[relations]\n"
                                              "source\tArg1:claim, Arg2:actor\n\n[events]\n\n[attributes]\n",
                                              encoding="utf-8")
    _, _, relations, problems = brat_annotations(tmp_path / "d.ann")
    assert [r.id for r in relations] == ["R1", "R2"]
    assert [p.split(":")[0] for p in problems] == ["line 5", "line 6", "ID T3 not defined, referenced from R2"]
    assert "arguments must not be identical" in problems[0] and "duplicate id R1" in problems[1]
    found = relation_type_problems(tmp_path)
    assert len(found) == 3 and "Arg1 T1 (actor)" in found[0] and "Arg2 T2 (location)" in found[1]
    assert "'place' is not in annotation.conf" in found[2]
    (tmp_path / "annotation.conf").write_text("[relations]\nsaid.in\tArg1:claim, Arg2:actor\n", encoding="utf-8")
    with pytest.raises(ValueError, match="brat renames it"):
        brat_relation_types(tmp_path / "annotation.conf")


# --- writing ------------------------------------------------------------------------------------------

TEXT = "قال محمد في بغداد أمس إن «الاتفاق سيوقع»\r\nوأكد المتحدث باسم الجيش من دمشق أن «القوات\r\nباقية»."


def span(span_id: int, covered: str, label: str, annotator: str = "salma") -> SpanRecord:
    start = TEXT.index(covered)
    return SpanRecord(start, start + len(covered), label, covered, annotator, id=span_id)


def linked_document() -> ExportDocument:
    spans = [
        span(1, "«الاتفاق سيوقع»", "claim"), span(2, "محمد", "actor"), span(3, "أمس", "date"),
        span(4, "بغداد", "location"), span(5, "«القوات\r\nباقية»", "claim"), span(6, "المتحدث باسم الجيش", "actor"),
        span(7, "دمشق", "location"),
        span(8, "محمد", "actor", "omar"), span(9, "«الاتفاق سيوقع»", "claim", "omar"),  # the same spans, omar's
        span(10, "\r\n", "actor", "omar"),  # nothing but a line break: brat cannot hold it
    ]
    links = [
        LinkRecord(1, 2, "source", "salma", id=21), LinkRecord(1, 3, "time", "salma", id=22),
        LinkRecord(1, 4, "place", "salma", id=23),
        LinkRecord(9, 8, "source", "omar", id=24),  # omar's copy of salma's first link
        LinkRecord(5, 6, "source", "salma", id=25), LinkRecord(5, 7, "place", "salma", id=26),
        LinkRecord(5, 2, "quote", "salma", id=27), LinkRecord(1, 4, "quote", "salma", id=28),
        LinkRecord(5, 10, "source", "omar", id=29),  # its end is left out, so is the link
    ]
    return ExportDocument("news", TEXT, "sha", spans, {}, links)


def test_links_are_written_as_relations_between_the_t_lines_written(tmp_path: Path) -> None:
    out = tmp_path / "brat"
    report = FormatReport()
    write_brat([linked_document()], out, report)
    ann = (out / "news.ann").read_text(encoding="utf-8").splitlines()
    assert ann[:7] == ["T1\tclaim 25 40\t«الاتفاق سيوقع»", "T2\tactor 4 8\tمحمد", "T3\tdate 18 21\tأمس",
                       "T4\tlocation 12 17\tبغداد", "T5\tclaim 76 83;84 90\t«القوات باقية»",
                       "T6\tactor 46 64\tالمتحدث باسم الجيش", "T7\tlocation 68 72\tدمشق"]
    assert ann[7:] == ["R1\tsource Arg1:T1 Arg2:T2", "R2\ttime Arg1:T1 Arg2:T3", "R3\tplace Arg1:T1 Arg2:T4",
                       "R4\tsource Arg1:T5 Arg2:T6", "R5\tplace Arg1:T5 Arg2:T7", "R6\tquote Arg1:T5 Arg2:T2",
                       "R7\tquote Arg1:T1 Arg2:T4"]
    assert report.notes[IDENTICAL_LINK] == 1 and report.notes[LINK_END_LEFT_OUT] == 1
    assert report.notes["identical span from another annotator written once"] == 2
    assert [(d.text, d.reason) for d in report.dropped] == [("\r\n", ONLY_BREAKS)]
    conf = (out / "annotation.conf").read_text(encoding="utf-8").split("\n")
    relations = conf[conf.index("[relations]") + 1:conf.index("[events]") - 1]
    assert relations == ["source\tArg1:claim, Arg2:actor", "time\tArg1:claim, Arg2:date",
                         "place\tArg1:claim, Arg2:location", "quote\tArg1:claim, Arg2:actor|location"]
    # brat's own rules: every line parses, every id a relation names is defined, every relation fits the conf
    _, _, brat_relations, problems = brat_annotations(out / "news.ann")
    assert problems == [] and len(brat_relations) == 7
    assert brat_relation_types(out / "annotation.conf")["quote"] == {"Arg1": ["claim"], "Arg2": ["actor", "location"]}
    assert relation_type_problems(out) == []


def test_links_written_to_brat_read_back_the_same(tmp_path: Path) -> None:
    document = linked_document()
    write_brat([document], tmp_path / "brat")
    (back,) = read_brat(tmp_path / "brat" / "news.ann")
    lf = TEXT.replace("\r\n", "\n")
    assert back.text == lf
    by_id = {s.id: (s.label, s.text.replace("\r\n", "\n")) for s in document.spans}
    expected = {(link.type, by_id[link.from_id], by_id[link.to_id]) for link in document.links if link.to_id != 10}
    assert len(expected) == 7 and len(back.links) == 7
    assert set(link_ends(back)) == expected
    assert [link.id for link in back.links] == [f"R{n}" for n in range(1, 8)]


def test_an_export_without_links_has_an_empty_relations_section(tmp_path: Path) -> None:
    write_brat([ExportDocument("d", "قال محمد", "s", [SpanRecord(4, 8, "actor", "محمد", "a", id=1)])], tmp_path / "b")
    conf = (tmp_path / "b" / "annotation.conf").read_text(encoding="utf-8").split("\n")
    assert conf == ["[entities]", "actor", "", "[relations]", "", "[events]", "", "[attributes]", ""]
    assert brat_relation_types(tmp_path / "b" / "annotation.conf") == {}


def test_a_name_brats_configuration_would_rename_is_reported(tmp_path: Path) -> None:
    # brat keeps only [a-zA-Z0-9_-] of a type's name in annotation.conf (projectconfig.normalize_to_storage_form)
    spans = [SpanRecord(0, 3, "claim", "قال", id=1), SpanRecord(4, 8, "person-name.ar", "محمد", id=2)]
    report = FormatReport()
    write_brat([ExportDocument("d", "قال محمد", "s", spans, {}, [LinkRecord(1, 2, "مصدر")])], tmp_path / "b", report)
    assert report.notes[renamed_by_brat("person-name.ar")] == 1 and report.notes[renamed_by_brat("مصدر")] == 1
    assert not report.notes[renamed_by_brat("claim")]
    with pytest.raises(ValueError, match="brat renames it"):
        brat_relation_types(tmp_path / "b" / "annotation.conf")


WORDS = st.sampled_from(["قال", "محمد", "😀", "بِاسْمِ", "«", "»", "CNN", "\u200f", "x", " ", "  "])
TYPES = {"source": ("claim", "actor"), "time": ("claim", "date"), "place": ("claim", "location"),
         "quote": ("claim", "claim")}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_links_go_through_brats_rules_and_read_back(data: st.DataObject) -> None:
    text = "".join(data.draw(st.lists(WORDS, min_size=1, max_size=20))) + " نص"
    spans = []
    for number in range(data.draw(st.integers(1, 7))):
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        label = data.draw(st.sampled_from(["actor", "date", "location", "claim"]))
        spans.append(SpanRecord(start, end, label, text[start:end], data.draw(st.sampled_from(["a", "b"])),
                                id=100 + number))
    links = []
    for number in range(data.draw(st.integers(0, 8))):
        first, second = data.draw(st.sampled_from(spans)), data.draw(st.sampled_from(spans))
        links.append(LinkRecord(first.id, second.id, data.draw(st.sampled_from(sorted(TYPES))), id=number))  # type: ignore[arg-type]
    key = {s.id: (s.start, s.end, s.label) for s in spans if s.text.strip()}  # a blank span is left out
    expected = {(link.type, key[link.from_id], key[link.to_id]) for link in links
                if link.from_id in key and link.to_id in key}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "b"
        report = FormatReport()
        write_brat([ExportDocument("doc", text, "s", spans, {}, links)], out, report)
        _, _, brat_relations, problems = brat_annotations(out / "doc.ann")
        assert problems == [] and relation_type_problems(out) == []
        (back,) = read_brat(out / "doc.ann")
    assert len(brat_relations) == len(expected)
    assert {(link.type, (back.spans[int(link.from_id)].start, back.spans[int(link.from_id)].end,
                         back.spans[int(link.from_id)].label),
             (back.spans[int(link.to_id)].start, back.spans[int(link.to_id)].end, back.spans[int(link.to_id)].label))
            for link in back.links} == expected
    assert report.notes[IDENTICAL_LINK] + report.notes[LINK_END_LEFT_OUT] + len(expected) == len(links)


# --- from the command line -----------------------------------------------------------------------------


def test_links_go_out_through_brat_and_doccano_and_come_back_in(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    linked_database(db)
    for fmt, out in (("brat", tmp_path / "brat"), ("jsonl-doccano", tmp_path / "doccano.jsonl")):
        exported = annotator("export", "--format", fmt, "--out", out, db=db)
        assert exported.returncode == 0, exported.stderr
        assert "left out" not in exported.stderr
        again = tmp_path / f"{fmt}.db"
        imported = annotator("import", out, db=again, user="salma")
        assert imported.returncode == 0, imported.stderr
        assert "2 new link(s)" in imported.stdout, imported.stdout
        assert stats(again)["link_types"] == {"source": 1, "time": 1, "place": 0}
    (ann,) = (tmp_path / "brat").glob("*.ann")
    _, spans, relations, problems = brat_annotations(ann)
    text_of = {s.id: s.text for s in spans}
    assert problems == [] and relation_type_problems(tmp_path / "brat") == []
    assert sorted((r.type, text_of[r.arg1], text_of[r.arg2]) for r in relations) == [
        ("source", "«الاتفاق سيوقع»", "محمد"), ("time", "«الاتفاق سيوقع»", "أمس")]
    (line,) = read_lines(tmp_path / "doccano.jsonl")
    entity = {e["id"]: e for e in line["entities"]}
    assert sorted((r["type"], entity[r["from_id"]]["label"], entity[r["to_id"]]["label"])
                  for r in line["relations"]) == [("source", "claim", "actor"), ("time", "claim", "date")]
    assert "label" not in line


def test_the_brat_news_corpus_imports_its_relations_as_links(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    result = annotator("import", "--add-labels", BRAT / "news", db=db)
    assert result.returncode == 0, result.stderr
    assert "5 new link(s)" in result.stdout, result.stdout
    assert "brat relation line(s)" not in result.stderr and "brat event line(s) (E) skipped" in result.stderr
    counts = stats(db)["link_types"]
    assert {name: n for name, n in counts.items() if n} == {"Origin": 1, "Family": 1, "Located": 2, "Employment": 1}
    listed = annotator("links", db=db).stdout
    assert "Located" in listed and "Person" in listed and "GPE" in listed
    # and out again: brat's rules accept the export, and its relations are those of the corpus
    out = tmp_path / "out"
    assert annotator("export", "--format", "brat", "--out", out, db=db).returncode == 0
    assert relation_type_problems(out) == []
    types = Counter(r.type for ann in out.glob("*.ann") for r in brat_annotations(ann)[2])
    assert types == Counter({"Origin": 1, "Family": 1, "Located": 2, "Employment": 1})
    assert all(brat_annotations(ann)[3] == [] for ann in out.glob("*.ann"))
    assert json.loads((out / ".annotator-export.json").read_text(encoding="utf-8"))["format"] == "brat"
