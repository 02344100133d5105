"""Three processes write one SQLite file at once: two window command paths (AnnotationSession, offscreen)
tagging the same document, and ``annotator import`` of a folder. No write is lost, and "database is
locked" never reaches the user."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from annotator.store import Store, open_database
from tests.faults.conftest import integrity
from tests.faults.tag_worker import span_for

WORKER = Path(__file__).resolve().parent / "tag_worker.py"
MAX_TAGS = 9_000  # a cap far beyond the import; the two sessions tag words 0… and 10,000…
DOCUMENTS = 200


def _folder(tmp: Path) -> Path:
    folder = tmp / "incoming"
    folder.mkdir()
    for part in range(10):
        with (folder / f"part-{part}.jsonl").open("w", encoding="utf-8") as handle:
            for n in range(DOCUMENTS // 10):
                text = f"وثيقة رقم {part}-{n} " + "قال محمد في بغداد " * 200
                handle.write(json.dumps({"id": f"d{part}-{n}", "text": text,
                                         "spans": [{"start": 0, "end": 5, "label": "claim"}]},
                                        ensure_ascii=False) + "\n")
    return folder


def test_two_sessions_and_an_import_lose_nothing(tagging_db: tuple[Path, int], tmp_path: Path) -> None:
    db, document_id = tagging_db
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ANNOTATOR_USER": "importer"}
    env.pop("ANNOTATOR_DB", None)
    folder = _folder(tmp_path)
    stop = tmp_path / "import-finished"
    # The sessions tag until the import has finished, so all three really write at the same time.
    sessions = [subprocess.Popen([sys.executable, str(WORKER), str(db), str(document_id), str(first),
                                  str(MAX_TAGS), "--session", user, "--until", str(stop)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                for first, user in ((0, "alice"), (10_000, "bob"))]
    for session in sessions:  # both have opened the database and the document: now race
        assert session.stdout is not None and session.stdout.readline().strip() == "ready"
    importer = subprocess.Popen([sys.executable, "-m", "annotator", "import", str(folder), "--db", str(db)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    imported = importer.communicate(timeout=300)
    stop.touch()
    outputs = [*(p.communicate(timeout=300) for p in sessions), imported]
    for process, (stdout, stderr) in zip((*sessions, importer), outputs, strict=True):
        assert process.returncode == 0, stdout + stderr
        assert "locked" not in stdout + stderr and "Traceback" not in stderr, stdout + stderr

    assert integrity(db) == "ok"
    engine = open_database(f"sqlite:///{db}")
    store = Store(engine, "tester")
    stored = {(s.annotator, s.start, s.end, s.label) for s in store.spans(document_id)}
    for (first, user), (stdout, _) in zip(((0, "alice"), (10_000, "bob")), outputs[:2], strict=True):
        tags = len(stdout.splitlines())
        assert 0 < tags < MAX_TAGS, "the session did not overlap the import"
        for i in range(first, first + tags):
            assert (user, *span_for(i)) in stored
    assert f"{DOCUMENTS} new document(s)" in outputs[2][0]
    assert store.document_count() == DOCUMENTS + 1
    engine.dispose()
