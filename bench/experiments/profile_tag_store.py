"""``python -m bench.experiments.profile_tag_store``: pyinstrument profile of 1,000 tags through
AnnotationSession with no window, on 20 documents x 1,000 spans (the store's share of a tag)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from pyinstrument import Profiler
from PySide6.QtGui import QGuiApplication

from annotator.gui.session import AnnotationSession
from annotator.store import Store, open_database
from bench.bench_tag import candidates
from bench.corpus import build_database


def main() -> None:
    app = QGuiApplication([])  # noqa: F841 (the session's undo stacks need one)
    db = Path(tempfile.mkdtemp(prefix="bench-exp-")) / "tag.db"
    ids = build_database(db, 20, 6000, 1000)
    session = AnnotationSession(Store(open_database(f"sqlite:///{db}"), "bench"))
    session.open_document(ids[0])
    spans = candidates(session.document.text, 1000, {(s.start, s.end) for s in session.spans})
    profiler = Profiler(interval=0.0002)
    profiler.start()
    for start, end, label in spans:
        assert session.tag(start, end, label) is not None
    profiler.stop()
    print(profiler.output_text(color=False))


if __name__ == "__main__":
    main()
