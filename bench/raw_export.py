"""The export baseline, run as its own process: fetch documents and spans with sqlite3 (two ordered
cursors, streamed as the app does) and write the same JSON lines with json.dumps."""

from __future__ import annotations

import json
import sqlite3
import sys


def main(db: str, out: str) -> int:
    connection = sqlite3.connect(db)
    spans_cursor = sqlite3.connect(db)
    labels = dict(connection.execute("SELECT id, name FROM labels"))
    annotators = dict(connection.execute("SELECT id, name FROM annotators"))
    spans = spans_cursor.execute('SELECT document_id, start, "end", label_id, text, annotator_id, status FROM spans '
                                 'ORDER BY document_id, start, "end", id')
    pending = next(spans, None)
    with open(out, "w", encoding="utf-8") as handle:
        for doc_id, name, text, sha in connection.execute("SELECT id, name, text, sha256 FROM documents ORDER BY id"):
            items = []
            while pending is not None and pending[0] <= doc_id:
                if pending[0] == doc_id:
                    items.append({"start": pending[1], "end": pending[2], "label": labels[pending[3]],
                                  "text": pending[4], "annotator": annotators[pending[5]], "status": pending[6]})
                pending = next(spans, None)
            handle.write(json.dumps({"id": name, "text": text, "sha256": sha, "spans": items}, ensure_ascii=False))
            handle.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
