"""Links from the command line: link types, and links carried out and back in by jsonl (ours and
doccano's relation shape), mapped with --map, defined with --add-labels, reported by other formats."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.model import DocumentRecord
from annotator.store import Store, open_database
from annotator.store.transfer import import_records
from tests.faults.cli import annotator, stats

TEXT = "قال محمد في بغداد أمس إن «الاتفاق سيوقع»"


def linked_database(db: Path) -> None:
    store = Store(open_database(f"sqlite:///{db}"), "salma")
    try:
        (document_id,) = import_records(store, "t", [DocumentRecord("doc", TEXT)]).document_ids
        claim = store.add_span(document_id, 25, 40, "claim")
        actor = store.add_span(document_id, 4, 8, "actor")
        date = store.add_span(document_id, 18, 21, "date")
        store.add_link(claim.id, actor.id)
        store.add_link(claim.id, date.id)
    finally:
        store.engine.dispose()


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_link_types_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    listed = annotator("links", db=db)
    assert listed.returncode == 0 and "source" in listed.stdout and "claim" in listed.stdout
    assert annotator("links", "add", "quote", "--from", "claim", "--to", "actor,location", db=db).returncode == 0
    assert "quote        claim                actor,location" in annotator("links", "list", db=db).stdout
    refused = annotator("links", "add", "bad", "--from", "claim", "--to", "person", db=db)
    assert refused.returncode == 1 and "unknown label 'person'" in refused.stderr
    assert annotator("links", "rename", "quote", "quoted", db=db).returncode == 0
    assert annotator("links", "remove", "quoted", db=db).returncode == 0
    assert "quoted" not in annotator("links", db=db).stdout


def test_jsonl_carries_links_out_and_back_in(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    linked_database(db)
    out = tmp_path / "out.jsonl"
    assert annotator("export", "--format", "jsonl", "--out", out, db=db).returncode == 0
    (line,) = read_lines(out)
    by_id = {span["id"]: span for span in line["spans"]}
    relations = [(r["type"], by_id[r["from"]]["text"], by_id[r["to"]]["text"], r["annotator"], r["status"])
                 for r in line["relations"]]
    assert sorted(relations) == [("source", "«الاتفاق سيوقع»", "محمد", "salma", "draft"),
                                 ("time", "«الاتفاق سيوقع»", "أمس", "salma", "draft")]
    again = tmp_path / "b.db"
    result = annotator("import", out, db=again, user="salma")
    assert result.returncode == 0 and "2 new link(s)" in result.stdout, result.stdout + result.stderr
    assert stats(again)["link_types"] == {"source": 1, "time": 1, "place": 0}
    back = tmp_path / "back.jsonl"
    assert annotator("export", "--format", "jsonl", "--out", back, db=again).returncode == 0
    (line_back,) = read_lines(back)
    by_id_back = {span["id"]: span for span in line_back["spans"]}
    assert sorted((r["type"], by_id_back[r["from"]]["text"], by_id_back[r["to"]]["text"])
                  for r in line_back["relations"]) == sorted(r[:3] for r in relations)
    assert "0 new link(s), 2 already stored" in annotator("import", out, db=again, user="salma").stdout


def test_a_label_filter_keeps_only_links_with_both_ends(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    linked_database(db)
    out = tmp_path / "claims-and-actors.jsonl"
    assert annotator("export", "--format", "jsonl", "--label", "claim,actor", "--out", out, db=db).returncode == 0
    (line,) = read_lines(out)
    assert [r["type"] for r in line["relations"]] == ["source"]


def test_doccano_relations_import_with_map_and_add_labels(tmp_path: Path) -> None:
    path = tmp_path / "doccano.jsonl"
    path.write_text(json.dumps({"id": 7, "text": TEXT,
                                "entities": [{"id": 1, "label": "claim", "start_offset": 25, "end_offset": 40},
                                             {"id": 2, "label": "actor", "start_offset": 4, "end_offset": 8},
                                             {"id": 3, "label": "location", "start_offset": 12, "end_offset": 17}],
                                "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "said"},
                                              {"id": 2, "from_id": 1, "to_id": 3, "type": "said_in"}]},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    db = tmp_path / "a.db"
    refused = annotator("import", path, db=db)
    assert refused.returncode == 1 and "unknown link type 'said'" in refused.stderr and f"{path}:1" in refused.stderr
    result = annotator("import", "--map", "said=source", "--add-labels", path, db=db)
    assert result.returncode == 0, result.stderr
    assert stats(db)["link_types"]["source"] == 1 and stats(db)["link_types"]["said_in"] == 1
    assert "said_in      claim                location" in annotator("links", db=db).stdout


def test_formats_without_links_say_how_many_they_left_out(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    linked_database(db)
    result = annotator("export", "--format", "conll", "--out", tmp_path / "x.conll", db=db)
    assert result.returncode == 0 and "2 × link(s) left out: conll cannot carry links" in result.stderr


def test_show_prints_the_links(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    linked_database(db)
    shown = annotator("show", "doc", "--color", "never", db=db)
    assert shown.returncode == 0, shown.stderr
    assert "← source:" in shown.stdout and "← time:" in shown.stdout


def test_agreement_reports_link_f1(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    linked_database(db)  # salma: claim → actor (source), claim → date (time)
    store = Store(open_database(f"sqlite:///{db}"), "noura")
    try:
        claim = store.add_span(1, 25, 40, "claim")
        actor = store.add_span(1, 4, 8, "actor")
        store.add_span(1, 18, 21, "date")
        store.add_link(claim.id, actor.id)  # noura links only the source
    finally:
        store.engine.dispose()
    result = annotator("agreement", "--json", "--all-documents", db=db)  # nobody marked it finished
    assert result.returncode == 0, result.stderr
    links = json.loads(result.stdout)["links"]
    (pair,) = links["pairs"]
    assert (pair["matched"], pair["links_a"] + pair["links_b"]) == (1, 3)
    assert links["f1_exact"] == 2 * 1 / 3 and links["f1_given_spans"] == 2 * 1 / 3
    text = annotator("agreement", "--all-documents", db=db)
    assert "links: exact F1  0.667" in text.stdout
    for user in ("salma", "noura"):
        assert annotator("finish", "1", db=db, user=user).returncode == 0
    finished = json.loads(annotator("agreement", "--json", db=db).stdout)["links"]
    assert finished["f1_exact"] == links["f1_exact"] and finished["f1_given_spans"] == links["f1_given_spans"]
