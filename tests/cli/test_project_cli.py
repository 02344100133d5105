"""A project from the command line: a lead assigns documents two each to three annotators, they finish
some, the lead sees progress, agreement uses the finished documents, and exports keep only finished work."""

from __future__ import annotations

import json
from pathlib import Path

from tests.faults.cli import annotator

TEXT = "قال محمد في بغداد إن الوفد وصل يوم الخميس"


def project(tmp_path: Path) -> Path:
    db = tmp_path / "p.db"
    source = tmp_path / "docs.jsonl"
    source.write_text("".join(json.dumps({"id": f"doc{i}", "text": f"{TEXT} {i}"}, ensure_ascii=False) + "\n"
                              for i in range(6)), encoding="utf-8")
    assert annotator("import", source, db=db, user="lead").returncode == 0
    return db


def test_assign_list_progress_and_finish(tmp_path: Path) -> None:
    db = project(tmp_path)
    refused = annotator("assign", "--to", "alice,bob,carol", "--per-document", "2", "--all", db=db, user="lead")
    assert refused.returncode == 1 and "needs the reviewer role" in refused.stderr
    assert annotator("users", "grant", "lead", "reviewer", db=db, user="lead").returncode == 0
    unclear = annotator("assign", "--to", "alice,bob", db=db, user="lead")
    assert unclear.returncode == 1 and "DOC ..., --all or --unassigned" in unclear.stderr
    done = annotator("assign", "--to", "alice,bob,carol", "--per-document", "2", "--all", "--seed", "5",
                     db=db, user="lead")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "assigned 6 document(s): alice 4, bob 4, carol 4"
    listed = json.loads(annotator("assign", "--list", "--json", db=db).stdout)
    assert sorted(listed) == [f"doc{i}" for i in range(6)] and all(len(v) == 2 for v in listed.values())
    again = annotator("assign", "--to", "alice,bob,carol", "--per-document", "2", "--all", "--seed", "5",
                      db=db, user="lead")
    assert again.stdout.strip() == "assigned 0 document(s): alice 0, bob 0, carol 0"
    alices = [name for name, people in listed.items() if "alice" in people]
    assert annotator("finish", alices[0], db=db, user="alice").stdout.strip() == f"{alices[0]}: new → finished"
    skipped = annotator("finish", alices[1], "--skip", "--reason", "not news", db=db, user="alice")
    assert skipped.stdout.strip() == f"{alices[1]}: new → skipped"
    progress = json.loads(annotator("progress", "--json", db=db).stdout)
    assert progress["annotators"]["alice"] | {"seconds": 0} == {
        "assigned": 4, "finished": 1, "skipped": 1, "in_progress": 0, "spans": 0, "links": 0, "seconds": 0}
    assert progress["documents"][alices[0]]["finished_by"] == ["alice"]
    assert progress["documents"][alices[1]]["skipped_by"] == ["alice"]
    assert set(progress["documents"][alices[0]]) >= {"assigned", "finished_by", "skipped_by"}
    table = annotator("progress", db=db).stdout
    assert "alice" in table and f"{alices[1]}: assigned" in table and "skipped by alice" in table


def test_agreement_uses_documents_both_finished_and_exports_only_finished_work(tmp_path: Path) -> None:
    db = project(tmp_path)
    for user, spans in (("alice", [(4, 8, "actor")]), ("bob", [(4, 8, "actor"), (12, 17, "location")])):
        source = tmp_path / f"{user}.jsonl"
        source.write_text("".join(json.dumps({"id": f"doc{i}", "text": f"{TEXT} {i}", "spans": [
            {"start": s, "end": e, "label": label} for s, e, label in spans]}, ensure_ascii=False) + "\n"
            for i in range(2)), encoding="utf-8")
        assert annotator("import", source, db=db, user=user).returncode == 0
    assert annotator("finish", "doc0", db=db, user="alice").returncode == 0
    assert annotator("finish", "doc0", "doc1", db=db, user="bob").returncode == 0
    used = annotator("agreement", "--json", db=db)
    assert used.returncode == 0, used.stderr
    (pair,) = json.loads(used.stdout)["pairs"]
    assert json.loads(used.stdout)["documents"] == "finished by both" and pair["documents"] == 1
    every = json.loads(annotator("agreement", "--json", "--all-documents", db=db).stdout)["pairs"][0]
    assert every["documents"] == 2
    assert "1 document(s) finished by both" in annotator("agreement", db=db).stdout
    out = tmp_path / "finished.jsonl"
    assert annotator("export", "--format", "jsonl", "--finished", "--out", out, db=db).returncode == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(d["id"], sorted((s["annotator"], s["label"]) for s in d["spans"])) for d in lines] == [
        ("doc0", [("alice", "actor"), ("bob", "actor"), ("bob", "location")]),
        ("doc1", [("bob", "actor"), ("bob", "location")])]


def test_guidelines_set_and_show(tmp_path: Path) -> None:
    db = project(tmp_path)
    assert "actor" in annotator("guidelines", "show", db=db).stdout  # the built-in ones until some are set
    ours = tmp_path / "ours.md"
    ours.write_text("# إرشاداتنا\n\nالفاعل: من يقول.\n", encoding="utf-8")
    refused = annotator("guidelines", "set", ours, db=db)
    assert refused.returncode == 1 and "reviewer role" in refused.stderr
    annotator("users", "grant", "tester", "reviewer", db=db)
    assert annotator("guidelines", "set", ours, db=db).returncode == 0
    assert annotator("guidelines", "show", db=db, user="bob").stdout.strip() == ours.read_text(encoding="utf-8").strip()
    empty = tmp_path / "empty.md"
    empty.write_text("  \n", encoding="utf-8")
    bad = annotator("guidelines", "set", empty, db=db)
    assert bad.returncode == 1 and "empty.md" in bad.stderr and "empty file" in bad.stderr


def test_a_folder_of_web_pages_is_imported_and_a_page_without_an_article_named(tmp_path: Path) -> None:
    pages = Path(__file__).resolve().parents[1] / "data" / "html"
    db = tmp_path / "web.db"
    result = annotator("import", pages, db=db)
    assert result.returncode == 1  # one page refused, the others in
    assert "imported 2 file(s): 2 new document(s)" in result.stdout
    assert f"{pages / 'index-page.html'}: no article found in this page" in result.stderr
    out = tmp_path / "web.jsonl"
    assert annotator("export", "--format", "jsonl", "--all-documents", "--out", out, db=db).returncode == 0
    metas = {json.loads(line)["id"]: json.loads(line)["meta"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert metas["news-article"]["url"] == "https://news.example.org/iraq/2020/10/truce-ends"
