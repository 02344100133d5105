"""Suggestions from the command line: computed and stored apart from spans, exported on request only."""

from __future__ import annotations

import json
from pathlib import Path

from tests.faults.cli import annotator, stats

TEXT = "قال محمد في بغداد يوم الخميس 15 مارس 2020 إن الوفد وصل إلى بغداد وسيغادر الأسبوع المقبل."


def database(tmp_path: Path) -> Path:
    db = tmp_path / "a.db"
    source = tmp_path / "in.jsonl"
    start = TEXT.index("بغداد")
    source.write_text(json.dumps({"id": "d", "text": TEXT, "spans": [
        {"start": start, "end": start + 5, "label": "location"}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert annotator("import", source, db=db).returncode == 0
    return db


def test_suggest_stores_suggestions_apart_and_export_shows_them_only_on_request(tmp_path: Path) -> None:
    db = database(tmp_path)
    result = annotator("suggest", "--all", db=db)
    assert result.returncode == 0, result.stderr
    assert "matcher 2" in result.stdout and "dates 2" in result.stdout and "cues 1" in result.stdout
    assert stats(db)["spans"] == 1
    plain = tmp_path / "plain.jsonl"
    assert annotator("export", "--format", "jsonl", "--out", plain, db=db).returncode == 0
    assert len(json.loads(plain.read_text(encoding="utf-8"))["spans"]) == 1
    out = tmp_path / "suggested.jsonl"
    assert annotator("export", "--format", "jsonl", "--suggestions", "--out", out, db=db).returncode == 0
    (line,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    found = sorted((s["text"], s["label"], s["source"]) for s in line["spans"])
    assert found == [("الأسبوع المقبل", "date", "dates"),
                     ("الوفد وصل إلى بغداد وسيغادر الأسبوع المقبل", "claim", "cues"),
                     ("بغداد", "location", "matcher"), ("يوم الخميس 15 مارس 2020", "date", "dates")]
    assert all(isinstance(s["score"], float) for s in line["spans"])


def test_sources_and_min_score_and_gazetteer(tmp_path: Path) -> None:
    db = database(tmp_path)
    places = tmp_path / "places.tsv"
    places.write_text("الوفد\tactor\n", encoding="utf-8")
    assert "added 1 gazetteer entry" in annotator("gazetteer", "import", places, db=db).stdout
    result = annotator("suggest", "d", "--sources", "matcher", "--min-score", "1", db=db)
    assert result.returncode == 0 and "matcher 3" in result.stdout and "dates" not in result.stdout
    refused = annotator("suggest", "d", "--sources", "model", db=db)
    assert refused.returncode == 1 and "unknown suggestion source 'model'" in refused.stderr
    assert annotator("suggest", db=db).returncode == 1
