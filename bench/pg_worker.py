"""The PostgreSQL bench's child processes, and its raw psycopg writes into the app's schema.

``python -m bench.pg_worker tag-app URL USER DOCUMENT N``: tag N spans through ``Store.add_span``.
``python -m bench.pg_worker tag-raw CONNINFO USER DOCUMENT N``: the same spans as one INSERT + COMMIT each.
Both print ``ready``, wait for a line on stdin (so that all workers start at once), tag, and print one
JSON line: each tag's seconds and the wall-clock instants the tagging began and ended.
``python -m bench.pg_worker import-raw CONNINFO FOLDER``: the import baseline (as bench.raw_import for SQLite).
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import psycopg

from bench.bench_tag import candidates
from bench.corpus import Article


def annotator_id(connection: psycopg.Connection, name: str) -> int:
    connection.execute("INSERT INTO annotators (name, created_at) VALUES (%s, %s) ON CONFLICT (name) DO NOTHING",
                       (name, datetime.now(UTC)))
    return connection.execute("SELECT id FROM annotators WHERE name = %s", (name,)).fetchone()[0]  # type: ignore[index]


def insert_articles(connection: psycopg.Connection, batch: list[Article], annotator: str = "bench",
                    source: str = "bench") -> list[int]:
    """Documents and their spans in one transaction with executemany (pipelined by psycopg): the fastest
    plain way, as bench.corpus.insert_articles for SQLite. The ids come back with RETURNING, so the
    sequences stay right for whoever writes next."""
    now = datetime.now(UTC)
    labels = dict(connection.execute("SELECT name, id FROM labels").fetchall())
    who = annotator_id(connection, annotator)
    cursor = connection.cursor()
    cursor.executemany("INSERT INTO documents (name, text, sha256, source_path, created_at, meta)"
                       " VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
                       [(a.name, a.text, hashlib.sha256(a.text.encode()).hexdigest(), source, now, "{}")
                        for a in batch], returning=True)
    document_ids = [cursor.fetchone()[0]]  # type: ignore[index]
    while cursor.nextset():
        document_ids.append(cursor.fetchone()[0])  # type: ignore[index]
    cursor.executemany(
        'INSERT INTO spans (document_id, start, "end", label_id, text, annotator_id, created_at, updated_at, status)'
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, 'draft')",
        [(i, s, e, labels[lb], a.text[s:e], who, now, now)
         for i, a in zip(document_ids, batch, strict=True) for s, e, lb in a.spans])
    connection.commit()
    return document_ids


def import_raw(conninfo: str, folder: str) -> None:
    with psycopg.connect(conninfo) as connection:
        for path in sorted(Path(folder).glob("*.jsonl")):
            batch = []
            for line in path.read_text(encoding="utf-8").splitlines():
                obj = json.loads(line)
                batch.append(Article(obj["id"], obj["text"],
                                     [(s["start"], s["end"], s["label"]) for s in obj["spans"]]))
            insert_articles(connection, batch, annotator="bench", source=str(path))


def tag_loop(spans: list[tuple[int, int, str]], tag: Callable[[int, int, str], object]) -> None:
    print("ready", flush=True)
    sys.stdin.readline()  # the go signal, sent to all workers at once
    times = []
    began = time.time()
    for start, end, label in spans:
        t0 = time.perf_counter()
        tag(start, end, label)
        times.append(time.perf_counter() - t0)
    print(json.dumps({"times": times, "began": began, "ended": time.time()}), flush=True)


def tag_app(url: str, user: str, document_id: int, count: int) -> None:
    from annotator.store import Store, open_database

    store = Store(open_database(url), user)
    # Opening the document (as the window does before any tag) also opens the pooled connection.
    text = store.document(document_id).text
    tag_loop(candidates(text, count, set()), lambda s, e, lb: store.add_span(document_id, s, e, lb))
    store.engine.dispose()


def tag_raw(conninfo: str, user: str, document_id: int, count: int) -> None:
    with psycopg.connect(conninfo) as connection:
        labels = dict(connection.execute("SELECT name, id FROM labels").fetchall())
        who = annotator_id(connection, user)
        text = connection.execute("SELECT text FROM documents WHERE id = %s", (document_id,)).fetchone()[0]  # type: ignore[index]
        connection.commit()

        def tag(start: int, end: int, label: str) -> None:
            now = datetime.now(UTC)
            connection.execute('INSERT INTO spans (document_id, start, "end", label_id, text, annotator_id, created_at,'
                               " updated_at, status) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, 'draft')",
                               (document_id, start, end, labels[label], text[start:end], who, now, now))
            connection.commit()

        tag_loop(candidates(text, count, set()), tag)


def main(argv: list[str]) -> int:
    command, *rest = argv
    if command == "import-raw":
        import_raw(*rest)
    elif command in ("tag-app", "tag-raw"):
        target, user, document, count = rest
        (tag_app if command == "tag-app" else tag_raw)(target, user, int(document), int(count))
    else:
        raise SystemExit(f"unknown command {command!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
