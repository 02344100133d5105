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
    refused = annotator("suggest", "d", "--sources", "oracle", db=db)
    assert refused.returncode == 1 and "unknown suggestion source 'oracle'" in refused.stderr
    untrained = annotator("suggest", "d", "--sources", "model", db=db)
    assert untrained.returncode == 0 and "model 0" in untrained.stdout
    assert annotator("suggest", db=db).returncode == 1


def test_model_train_prints_held_out_scores_keeps_the_model_and_suggests_with_it(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    names = ["محمد", "سامي", "ليلى", "خالد", "عمر", "مريم", "حسن", "زينب", "نادر", "هدى"]
    lines = []
    for number in range(10):
        text, spans = "", []
        for sentence in range(12):
            name = names[(number * 3 + sentence) % len(names)]
            text += "قال "
            spans.append({"start": len(text), "end": len(text) + len(name), "label": "actor"})
            text += f"{name} إن الخبر صحيح. "
        lines.append(json.dumps({"id": f"d{number}", "text": text, "spans": spans if number < 9 else []},
                                ensure_ascii=False))
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert annotator("import", source, db=db).returncode == 0
    assert annotator("model", "show", db=db).returncode == 1
    refused = annotator("model", "train", "--annotator", "nobody", db=db)
    assert refused.returncode == 1 and "no annotator named 'nobody'" in refused.stderr
    assert annotator("model", "train", "--status", "sometimes", db=db).returncode == 2
    nothing = annotator("model", "train", "--status", "accepted", db=db)
    assert nothing.returncode == 1 and "no spans to learn from" in nothing.stderr
    trained = annotator("model", "train", "--seed", "4", db=db)
    assert trained.returncode == 0, trained.stderr
    assert "training on 9 document(s) with spans; held out for scoring: 2 (seed 4)" in trained.stdout
    rows = {line.split()[0]: line.split()[1:] for line in trained.stdout.splitlines()
            if line.startswith(("actor", "all"))}
    assert float(rows["actor"][2]) > 0.9 and rows["actor"][3] == "24"  # F1, and the gold spans of 2 documents
    shown = annotator("model", "show", db=db)
    assert shown.returncode == 0 and "on 9 document(s)" in shown.stdout and "108 spans" in shown.stdout
    suggested = annotator("suggest", "d9", "--sources", "model", db=db)
    assert suggested.returncode == 0 and "model 12" in suggested.stdout
    out = tmp_path / "s.jsonl"
    assert annotator("export", "--format", "jsonl", "--suggestions", "--out", out, db=db).returncode == 0
    (line,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert all(line["text"][s["start"]:s["end"]] == s["text"] and s["source"] == "model" for s in line["spans"])
    assert len(line["spans"]) == 12
