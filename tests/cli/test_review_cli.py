"""Team work from the command line: agreement, roles, history, merging another database."""

import json
import os
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


def run(*args: str, db: Path, user: str = "tester") -> subprocess.CompletedProcess:
    environment = {**os.environ, "ANNOTATOR_DB": str(db), "ANNOTATOR_USER": user}
    return subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True,
                          env=environment, timeout=120)


def test_agreement_json_for_two_annotators_of_the_seed(tmp_path: Path) -> None:
    db = tmp_path / "team.db"
    for name in ("salma", "noura"):
        assert run("import", str(DATA / "review" / f"seed_{name}.jsonl"), db=db).returncode == 0
    unfinished = json.loads(run("agreement", "--annotators", "salma,noura", "--json", db=db).stdout)
    assert unfinished["pairs"][0]["documents"] == 0  # by default only documents both marked finished
    for name in ("salma", "noura"):
        assert run("finish", "1", db=db, user=name).returncode == 0
    result = run("agreement", "--annotators", "salma,noura", "--json", db=db)
    assert result.returncode == 0, result.stderr
    (pair,) = json.loads(result.stdout)["pairs"]
    assert (pair["a"], pair["b"], pair["documents"]) == ("salma", "noura", 1)
    assert set(pair["overall"]) >= {"exact_f1", "overlap_f1", "kappa", "alpha_u"}
    assert set(pair["labels"]) == {"actor", "location", "date", "claim"}
    actor = pair["labels"]["actor"]
    assert (actor["a_spans"], actor["b_spans"], actor["exact_matches"]) == (4, 6, 3)
    assert actor["precision"] == 3 / 6 and actor["recall"] == 3 / 4  # salma is the reference
    assert 0 < pair["overall"]["exact_f1"] < pair["overall"]["overlap_f1"] <= 1
    only_dates = json.loads(run("agreement", "--label", "date", "--json", db=db).stdout)["pairs"][0]
    assert set(only_dates["labels"]) == {"date"}
    table = run("agreement", db=db)
    assert "overall" in table.stdout and "noura vs salma" in table.stdout


def test_agreement_needs_two_annotators(tmp_path: Path) -> None:
    db = tmp_path / "one.db"
    run("import", str(DATA / "review" / "seed_salma.jsonl"), db=db)
    result = run("agreement", db=db)
    assert result.returncode == 1 and "at least two annotators" in result.stderr


def test_roles_are_granted_and_guarded(tmp_path: Path) -> None:
    db = tmp_path / "roles.db"
    run("import", str(DATA / "review" / "seed_salma.jsonl"), db=db)
    assert run("users", "grant", "noura", "reviewer", db=db, user="noura").returncode == 0
    refused = run("users", "grant", "salma", "reviewer", db=db, user="salma")
    assert refused.returncode == 1 and "only reviewers may change roles" in refused.stderr
    listing = run("users", db=db).stdout
    assert "noura" in listing and "reviewer" in listing and "salma" in listing


def test_history_shows_who_did_what(tmp_path: Path) -> None:
    from annotator.store import Store, open_database

    db = tmp_path / "history.db"
    run("import", str(DATA / "review" / "seed_salma.jsonl"), db=db)
    store = Store(open_database(f"sqlite:///{db}"), "salma")
    span = store.spans(1)[0]
    store.relabel_span(span.id, "location")
    store.delete_span(span.id)
    result = run("history", "iraq-armed-factions-end-truce", db=db)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # The import is recorded first (who brought the spans in, from where), then salma's two changes.
    assert len(lines) == 3 and "import" in lines[0] and "seed_salma.jsonl" in lines[0]
    assert "salma" in lines[1] and "relabel" in lines[1] and "delete" in lines[2]
    assert run("history", "no-such-doc", db=db).returncode == 1


def test_merge_another_database_keeps_identities_and_dedupes(tmp_path: Path) -> None:
    mine, theirs = tmp_path / "mine.db", tmp_path / "theirs.db"
    run("import", str(DATA / "review" / "seed_salma.jsonl"), db=mine)
    run("import", str(DATA / "review" / "seed_noura.jsonl"), str(DATA / "edge_cases.jsonl"), db=theirs)
    result = run("merge", str(theirs), db=mine)
    assert result.returncode == 0, result.stderr
    assert "3 new document(s), 1 already here" in result.stdout
    stats = json.loads(run("stats", "--json", db=mine).stdout)
    assert stats["annotators"] == {"noura": 12, "salma": 13, "tester": 8}
    again = run("merge", str(theirs), db=mine)
    assert "0 new span(s)" in again.stdout


def test_show_prints_shaped_arabic_with_coloured_spans(tmp_path: Path) -> None:
    db = tmp_path / "show.db"
    run("import", str(DATA / "review" / "seed_salma.jsonl"), db=db)
    plain = run("show", "1", "--color", "never", db=db)
    assert plain.returncode == 0, plain.stderr
    assert "\ufeaa\ufe8b\ufe8e\ufed7" in plain.stdout  # قائد, shaped and in display order
    assert "\x1b[" not in plain.stdout
    coloured = run("show", "iraq-armed-factions-end-truce", "--color", "always", db=db)
    assert "\x1b[48;2;244;162;97m" in coloured.stdout  # the actor colour, #f4a261, as a background


def test_report_renders_a_png_and_a_pdf(tmp_path: Path) -> None:
    import pytest

    pytest.importorskip("matplotlib")
    db = tmp_path / "report.db"
    for name in ("salma", "noura"):
        run("import", str(DATA / "review" / f"seed_{name}.jsonl"), db=db)
    for suffix in ("png", "pdf"):
        out = tmp_path / f"report.{suffix}"
        result = run("report", "--out", str(out), db=db)
        assert result.returncode == 0, result.stderr
        head = out.read_bytes()[:8]
        assert head.startswith(b"\x89PNG" if suffix == "png" else b"%PDF")
    refused = run("report", "--out", str(tmp_path / "report.txt"), db=db)
    assert refused.returncode == 1 and ".png or a .pdf" in refused.stderr
