"""The import baseline, run as its own process: read each JSONL file, parse it, and write its documents
and spans with sqlite3 executemany, one transaction per file (as the app does), same file settings."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.corpus import Article, connect, insert_articles


def main(db: str, folder: str) -> int:
    connection = connect(Path(db))
    for path in sorted(Path(folder).glob("*.jsonl")):
        batch = []
        for line in path.read_text(encoding="utf-8").splitlines():
            obj = json.loads(line)
            batch.append(Article(obj["id"], obj["text"], [(s["start"], s["end"], s["label"]) for s in obj["spans"]]))
        insert_articles(connection, batch, annotator="bench", source=str(path))
    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
