"""A child process for the fault tests: tags spans one by one and reports each after its commit.

``python tag_worker.py DB DOCUMENT_ID FIRST [COUNT] [--session USER]`` prints ``ready``, then for span
number i (from FIRST) the line ``ID START END LABEL`` once the store has committed it. With
``--session USER`` it goes through the window's command path (AnnotationSession.tag) instead of
Store.add_span; with ``--until FILE`` it stops early once FILE exists (so it overlaps another writer).
"""

from __future__ import annotations

import sys
from pathlib import Path

LABELS = ("actor", "location", "date", "claim")
WORD = 5  # the test document is "كلمة " repeated: span i covers word i


def span_for(i: int) -> tuple[int, int, str]:
    return i * WORD, i * WORD + WORD - 1, LABELS[i % len(LABELS)]


def main(argv: list[str]) -> int:
    from annotator.store import Store, open_database

    db, document_id, first = argv[0], int(argv[1]), int(argv[2])
    count = int(argv[3]) if len(argv) > 3 and not argv[3].startswith("--") else 10**6
    user = argv[argv.index("--session") + 1] if "--session" in argv else "tester"
    until = Path(argv[argv.index("--until") + 1]) if "--until" in argv else None
    store = Store(open_database(f"sqlite:///{db}"), user)
    if "--session" in argv:
        from PySide6.QtGui import QGuiApplication

        from annotator.gui.session import AnnotationSession

        app = QGuiApplication(sys.argv[:1])  # noqa: F841 (the session's undo stacks need one)
        session = AnnotationSession(store)
        session.failed.connect(lambda message: print(f"failed {message}", flush=True))
        session.open_document(document_id)

        def tag(start: int, end: int, label: str):  # type: ignore[no-untyped-def]
            return session.tag(start, end, label)
    else:
        def tag(start: int, end: int, label: str):  # type: ignore[no-untyped-def]
            return store.add_span(document_id, start, end, label)
    print("ready", flush=True)
    for i in range(first, first + count):
        if until is not None and until.exists():
            break
        start, end, label = span_for(i)
        span = tag(start, end, label)
        if span is None:
            return 1
        print(f"{span.id} {start} {end} {label}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
