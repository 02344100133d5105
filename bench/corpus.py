"""Deterministic synthetic Arabic data, built from the seed article's words, and written into the app's
own schema with raw sqlite3 (far faster than the app's write path, which is what is being measured)."""

from __future__ import annotations

import hashlib
import json
import random
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

LABELS = ("actor", "location", "date", "claim")
SEED = 20261125


def vocabulary() -> list[str]:
    """The seed articles' words (punctuation kept attached, as in real text)."""
    from annotator.bundled import seed_paths

    words: list[str] = []
    for path in seed_paths():
        words.extend(w for w in re.split(r"\s+", path.read_text(encoding="utf-8")) if w)
    return words


@dataclass
class Article:
    name: str
    text: str
    spans: list[tuple[int, int, str]]  # code-point offsets, half-open, and the label


def make_text(rng: random.Random, words: list[str], chars: int) -> str:
    """Paragraphs of 40-120 random seed words until ``chars`` code points are reached."""
    parts: list[str] = []
    size = 0
    while size < chars:
        paragraph = " ".join(rng.choice(words) for _ in range(rng.randint(40, 120)))
        parts.append(paragraph)
        size += len(paragraph) + 1
    return "\n".join(parts)[:chars].rstrip() + "."


def word_bounds(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\S+", text)]


def make_spans(rng: random.Random, text: str, count: int) -> list[tuple[int, int, str]]:
    """``count`` distinct spans on word boundaries, one to five words long, any label; sorted."""
    bounds = word_bounds(text)
    chosen: set[tuple[int, int, str]] = set()
    while len(chosen) < count:
        first = rng.randrange(len(bounds))
        last = min(first + rng.randint(0, 4), len(bounds) - 1)
        chosen.add((bounds[first][0], bounds[last][1], rng.choice(LABELS)))
    return sorted(chosen)


def articles(count: int, chars: int, spans_each: int, seed: int = SEED) -> Iterator[Article]:
    rng = random.Random(seed)
    words = vocabulary()
    for number in range(count):
        text = make_text(rng, words, chars)
        yield Article(f"bench-{seed}-{number:06d}", text, make_spans(rng, text, spans_each) if spans_each else [])


def write_jsonl(path: Path, batch: list[Article], annotator: str = "bench") -> None:
    with path.open("w", encoding="utf-8") as handle:
        for article in batch:
            spans = [{"start": s, "end": e, "label": lb, "annotator": annotator} for s, e, lb in article.spans]
            handle.write(json.dumps({"id": article.name, "text": article.text, "spans": spans},
                                    ensure_ascii=False))
            handle.write("\n")


# -- raw sqlite3 into the app's schema ---------------------------------------------------------------

def create_schema(db: Path) -> None:
    """An empty database made by the app itself, so the schema and migrations are exactly the app's."""
    # Imported here so the raw baselines, which import this module, do not pay for importing the app.
    from annotator.store import open_database

    open_database(f"sqlite:///{db}").dispose()


def connect(db: Path, synchronous: str = "FULL") -> sqlite3.Connection:
    """The file settings the app uses (WAL, synchronous=FULL, foreign keys), autocommit mode."""
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute(f"PRAGMA synchronous = {synchronous}")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA busy_timeout = 30000")
    return connection


def ids(connection: sqlite3.Connection, table: str) -> dict[str, int]:
    return {name: i for i, name in connection.execute(f"SELECT id, name FROM {table}")}  # noqa: S608


def annotator_id(connection: sqlite3.Connection, name: str) -> int:
    now = datetime.now(UTC).isoformat(sep=" ")
    connection.execute("INSERT OR IGNORE INTO annotators (name, created_at) VALUES (?, ?)", (name, now))
    return ids(connection, "annotators")[name]


def insert_articles(connection: sqlite3.Connection, batch: list[Article], annotator: str = "bench",
                    source: str = "bench") -> list[int]:
    """Documents and their spans in one transaction with executemany: the fastest plain way."""
    now = datetime.now(UTC).isoformat(sep=" ")
    labels = ids(connection, "labels")
    who = annotator_id(connection, annotator)
    connection.execute("BEGIN")
    first = (connection.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0]) + 1
    document_ids = list(range(first, first + len(batch)))
    connection.executemany(
        "INSERT INTO documents (id, name, text, sha256, source_path, created_at, meta) VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((i, a.name, a.text, hashlib.sha256(a.text.encode()).hexdigest(), source, now, "{}")
         for i, a in zip(document_ids, batch, strict=True)))
    connection.executemany(
        'INSERT INTO spans (document_id, start, "end", label_id, text, annotator_id, created_at, updated_at, status)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft')",
        ((i, s, e, labels[lb], a.text[s:e], who, now, now)
         for i, a in zip(document_ids, batch, strict=True) for s, e, lb in a.spans))
    connection.execute("COMMIT")
    return document_ids


def build_database(db: Path, documents: int, chars: int, spans_each: int, seed: int = SEED,
                   annotator: str = "bench") -> list[int]:
    """A database with ``documents`` x ``spans_each`` spans, written in batches to bound memory."""
    create_schema(db)
    connection = connect(db, synchronous="OFF")  # building the fixture is not what is measured
    document_ids: list[int] = []
    batch: list[Article] = []
    for article in articles(documents, chars, spans_each, seed):
        batch.append(article)
        if len(batch) == 200:
            document_ids += insert_articles(connection, batch, annotator)
            batch = []
    if batch:
        document_ids += insert_articles(connection, batch, annotator)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return document_ids
