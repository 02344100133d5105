"""Import, merge and label renames follow the window's rules: once the database has a reviewer, spans in
other people's names or with a review status, and label renames, are the reviewer's."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.store import Store, open_database
from tests.faults.cli import annotator

TEXT = "قال محمد في بغداد إن الاتفاق سيوقع"


def team_database(tmp_path: Path) -> Path:
    db = tmp_path / "team.db"
    assert annotator("users", "grant", "rev", "reviewer", db=db, user="rev").returncode == 0
    return db


def spans_by(db: Path) -> set[tuple[str, str, str]]:
    store = Store(open_database(f"sqlite:///{db}", write=False), "rev")
    try:
        return {(s.annotator, s.status, s.label) for d in store.document_summaries() for s in store.spans(d.id)}
    finally:
        store.engine.dispose()


def forged(tmp_path: Path) -> Path:
    path = tmp_path / "forged.jsonl"
    path.write_text(json.dumps({"id": "d", "text": TEXT, "spans": [
        {"start": 4, "end": 8, "label": "actor", "annotator": "alice", "status": "accepted"},
        {"start": 12, "end": 17, "label": "location", "annotator": "rev", "status": "rejected"}]},
        ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_an_annotator_cannot_import_accepted_work_in_other_names(tmp_path: Path) -> None:
    db = team_database(tmp_path)
    result = annotator("import", forged(tmp_path), db=db, user="bob")
    assert result.returncode == 0, result.stderr
    assert "2 span(s) in other annotators' names or with a review status came in as bob's drafts" in result.stdout
    assert spans_by(db) == {("bob", "draft", "actor"), ("bob", "draft", "location")}


def test_the_reviewer_imports_them_as_they_are(tmp_path: Path) -> None:
    db = team_database(tmp_path)
    assert annotator("import", forged(tmp_path), db=db, user="rev").returncode == 0
    assert spans_by(db) == {("alice", "accepted", "actor"), ("rev", "rejected", "location")}


def test_merge_of_a_database_where_bob_made_himself_reviewer(tmp_path: Path) -> None:
    other = tmp_path / "bob.db"
    assert annotator("users", "grant", "bob", "reviewer", db=other, user="bob").returncode == 0
    assert annotator("import", forged(tmp_path), db=other, user="bob").returncode == 0
    db = team_database(tmp_path)
    result = annotator("merge", other, db=db, user="bob")
    assert result.returncode == 0, result.stderr
    assert spans_by(db) == {("bob", "draft", "actor"), ("bob", "draft", "location")}


def test_renaming_a_label_is_a_reviewers_action(tmp_path: Path) -> None:
    db = team_database(tmp_path)
    refused = annotator("labels", "rename", "actor", "person", db=db, user="bob")
    assert refused.returncode == 1 and "only reviewers may rename" in refused.stderr
    assert annotator("labels", "rename", "actor", "person", db=db, user="rev").returncode == 0


def test_imports_and_label_renames_are_in_the_history(tmp_path: Path) -> None:
    db = team_database(tmp_path)
    assert annotator("import", forged(tmp_path), db=db, user="rev").returncode == 0
    assert annotator("labels", "rename", "actor", "person", db=db, user="rev").returncode == 0
    shown = annotator("history", "d", db=db, user="rev")
    assert shown.returncode == 0, shown.stderr
    assert "import" in shown.stdout and "2 span(s) from" in shown.stdout and "forged.jsonl" in shown.stdout
    assert "label-rename" in shown.stdout and "label actor → label person" in shown.stdout
    entries = json.loads(annotator("history", "d", "--json", db=db, user="rev").stdout)
    assert [e["action"] for e in entries] == ["import", "label-rename"] and {e["actor"] for e in entries} == {"rev"}
