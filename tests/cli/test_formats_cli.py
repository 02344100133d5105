"""Every format from the command line: import real corpora with a label mapping, export with a split."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
CORPORA = DATA / "corpora"
AQMAR_MAP = "PER=actor,LOC=location,ORG=,MIS*=,SPANISH="


def run(*args: str, db: Path, user: str = "tester") -> subprocess.CompletedProcess:
    environment = {**os.environ, "ANNOTATOR_DB": str(db), "ANNOTATOR_USER": user, "HF_HUB_OFFLINE": "1",
                   "HF_DATASETS_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True,
                          env=environment, timeout=180)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cli.db"


def exported(tmp_path: Path, db: Path) -> list[dict]:
    out = tmp_path / "all.jsonl"
    assert run("export", "--format", "jsonl", "--out", str(out), db=db).returncode == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_aqmar_conll_imports_with_a_mapping_and_spans_land_on_the_source_text(tmp_path: Path, db: Path) -> None:
    folder = CORPORA / "aqmar-arabic-ner"
    result = run("import", "--format", "conll", "--map", AQMAR_MAP, str(folder), db=db)
    assert result.returncode == 1  # Football.txt has the bad tag 'OO'
    assert f"{folder / 'Football.txt'}:1855: invalid tag 'OO'" in result.stderr
    assert "imported 3 file(s): 3 new document(s)" in result.stdout
    assert "span(s) PER → actor" in result.stderr and "labelled 'ORG' (--map ORG=)" in result.stderr
    assert "I-/E- tag with no span of that label open" in result.stderr
    documents = {d["id"]: d for d in exported(tmp_path, db)}
    damascus = documents["Damascus"]
    expected = []
    for line in (folder / "Damascus.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            token, tag = line.rsplit(" ", 1)
            if tag.startswith("B-"):
                expected.append([tag[2:], token])
            elif tag.startswith("I-"):
                expected[-1][1] += f" {token}"
    wanted = {"PER": "actor", "LOC": "location"}
    assert [(s["label"], s["text"]) for s in damascus["spans"]] == [(wanted[k], t) for k, t in expected if k in wanted]


def test_unknown_labels_are_named_unless_mapped_or_added(tmp_path: Path, db: Path) -> None:
    path = CORPORA / "spacy-ner-example-data" / "ner-token-per-line.iob"
    refused = run("import", str(path), db=db)
    assert refused.returncode == 1 and "unknown label 'PERSON'" in refused.stderr
    mapped = run("import", "--map", "PERSON=actor,ORG=actor,DATE=date,NORP=", str(path), db=db)
    assert mapped.returncode == 0, mapped.stderr
    assert "dropped 1 span(s) labelled 'NORP'" in mapped.stderr
    assert "6 new span(s)" in mapped.stdout


def test_brat_folder_imports_once_and_reports_skipped_lines(tmp_path: Path, db: Path) -> None:
    esp = CORPORA / "brat-example-data" / "esp"
    result = run("import", "--map", "PER=actor,LOC=location,ORG=actor,MISC=", str(esp), db=db)
    assert result.returncode == 0, result.stderr
    assert "imported 3 file(s): 3 new document(s)" in result.stdout
    news = run("import", "--add-labels", str(CORPORA / "brat-example-data" / "news"), db=db)
    assert news.returncode == 0, news.stderr
    assert "imported 4 file(s): 4 new document(s)" in news.stdout
    # brat's relations (R) come in as links; events (E) are still skipped and counted.
    assert "5 new link(s)" in news.stdout and "brat event line(s) (E) skipped" in news.stderr
    for document in exported(tmp_path, db):
        for span in document["spans"]:
            assert document["text"][span["start"]:span["end"]] == span["text"]


def test_label_studio_import_is_guessed_from_the_extension(tmp_path: Path, db: Path) -> None:
    result = run("import", "--map", "INGREDIENT=claim", str(CORPORA / "label-studio-ner-export" / "348.json"), db=db)
    assert result.returncode == 0, result.stderr
    assert "38 new span(s)" in result.stdout and "mapped 38 span(s) INGREDIENT → claim" in result.stderr


@pytest.mark.parametrize(("fmt", "out_name", "reader"), [
    ("conll", "data.conll", "conll"), ("jsonl-doccano", "data.jsonl", "jsonl"), ("brat", "brat", "brat"),
    ("labelstudio", "data.json", "labelstudio"), ("spacy", "data.spacy", "spacy"), ("hf", "data.jsonl", "hf"),
    ("conll2003", "data.conll2003", "conll2003"),
])
def test_every_format_exports_a_split_that_reimports(tmp_path: Path, db: Path, fmt: str, out_name: str,
                                                     reader: str | None) -> None:
    if fmt == "spacy":
        pytest.importorskip("spacy")
    assert run("import", str(DATA / "edge_cases.jsonl"), db=db).returncode == 0
    out = tmp_path / "out" / out_name
    result = run("export", "--format", fmt, "--out", str(out), "--split", "train=0.34,dev=0.33,test=0.33",
                 "--seed", "1", db=db)
    assert result.returncode == 0, result.stderr
    parts = [line.split(" to ")[1] for line in result.stdout.splitlines()]
    assert len(parts) == 3 and all(Path(p).exists() for p in parts)
    assert sum(int(line.split()[1]) for line in result.stdout.splitlines()) == 3
    if fmt in ("conll", "hf"):
        assert "span(s) left out: 1 overlaps another span in the same column" in result.stderr
    if reader is None:
        return
    again = run("import", "--format", reader, *parts, db=tmp_path / "again.db")
    assert again.returncode == 0, again.stderr
    assert "imported 3 file(s): 3 new document(s)" in again.stdout


def test_export_refusals(tmp_path: Path, db: Path) -> None:
    run("import", str(DATA / "edge_cases.jsonl"), db=db)
    bad_split = run("export", "--format", "conll", "--out", str(tmp_path / "x.conll"), "--split", "train=0.5", db=db)
    assert bad_split.returncode == 1 and "add up to 0.5" in bad_split.stderr
    unknown = run("export", "--format", "xml", "--out", str(tmp_path / "x.xml"), db=db)
    assert unknown.returncode == 1 and "unknown format 'xml'" in unknown.stderr
    wrong = run("import", "--format", "hf", str(DATA / "edge_cases.jsonl"), db=db)
    assert wrong.returncode == 1 and "edge_cases.jsonl:1: expected an object with a list of" in wrong.stderr
    assert list(tmp_path.glob("x*")) == []


def test_filters_apply_to_every_format(tmp_path: Path, db: Path) -> None:
    run("import", str(DATA / "edge_cases.jsonl"), db=db)
    out = tmp_path / "dates.conll"
    result = run("export", "--format", "conll", "--out", str(out), "--label", "date", "--annotator", "tester", db=db)
    assert result.returncode == 0, result.stderr
    tags = {line.split("\t")[1] for line in out.read_text(encoding="utf-8").splitlines() if "\t" in line}
    assert tags == {"O", "B-date", "I-date"}


def test_an_hf_export_folder_imports_back_with_format_hf(tmp_path: Path) -> None:
    import json as _json
    import os as _os
    import subprocess as _subprocess
    import sys as _sys

    data = Path(__file__).resolve().parents[1] / "data" / "edge_cases.jsonl"

    def cli(*args: str, db: Path) -> _subprocess.CompletedProcess:
        return _subprocess.run([_sys.executable, "-m", "annotator", *args], capture_output=True, text=True,
                               env={**_os.environ, "ANNOTATOR_DB": str(db)}, timeout=120)

    out = tmp_path / "hf"
    out.mkdir()
    assert cli("import", str(data), db=tmp_path / "a.db").returncode == 0
    assert cli("export", "--format", "hf", "--out", str(out / "train.jsonl"), db=tmp_path / "a.db").returncode == 0
    result = cli("import", "--format", "hf", str(out), db=tmp_path / "b.db")
    assert result.returncode == 0, result.stderr  # the .labels.json sidecar is not taken for a document
    assert _json.loads(cli("stats", "--json", db=tmp_path / "b.db").stdout)["documents"] == 3
