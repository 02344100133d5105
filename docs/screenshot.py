"""Regenerate the README's pictures through the window's own command path: docs/screenshot.png (the
seed article tagged), docs/review.png (two layers in review mode), docs/screenshot-ar.png (Arabic UI).

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshot.py [OUT.png [REVIEW.png [ARABIC.png]]]
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.gui.app import application, create_main_window, load_bundled_fonts  # noqa: E402
from annotator.gui.i18n import install_language  # noqa: E402
from annotator.gui.main_window import MainWindow  # noqa: E402
from annotator.importer import import_paths, import_seed_if_empty  # noqa: E402
from annotator.store import Store, open_database  # noqa: E402

REVIEW_DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "review"

TAGS = [
    ("قال قائد فصيل إن الفصائل المسلحة في العراق أعلنت انتهاء الهدنة غير الرسمية مع الولايات المتحدة", "claim"),
    ("قائد فصيل", "actor"),
    ("الفصائل المسلحة", "actor"),
    ("العراق", "location"),
    ("الولايات المتحدة،", "location"),
    ("القائد العسكري", "actor"),
    ("أن قرار إنهاء الهدنة، التي دخلت حيز التنفيذ في أكتوبر الماضي، يرجع إلى “عدم جدية الحكومتين العراقية"
     " والأمريكية في جدولة انسحاب القوات الأمريكية من العراق”", "claim"),
    ("أكتوبر الماضي", "date"),
    ("الحكومتين العراقية والأمريكية", "actor"),
    ("قاعدة عين الأسد", "location"),
    ("الصحراء الغربية", "location"),
    ("وفي وقت سابق", "date"),
    ("القوات الأمريكية.", "actor"),
]


@contextmanager
def fresh_store(name: str, user: str = "salma") -> Iterator[Store]:
    """A store on a temporary database, with fresh settings so the picture shows the default layout
    rather than the last session's."""
    application()
    load_bundled_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        yield Store(open_database(f"sqlite:///{tmp}/{name}.db"), user)


def save(window: MainWindow, out: Path) -> None:
    for _ in range(5):
        QApplication.processEvents()
    window.grab().save(str(out))
    window.close()


def main(out: Path) -> None:
    with fresh_store("shot") as store:
        import_seed_if_empty(store)
        window = MainWindow(store)
        window.resize(1400, 820)
        window.show()
        window.open_initial_document()
        text = window.session.document.text
        after = 0
        for phrase, label in TAGS:
            # Entities are looked for inside the claim tagged before them, so the claim contains them.
            start = text.index(phrase, after if label != "claim" else 0)
            if label == "claim":
                after = start
            window.view.select_offsets(start, start + len(phrase))
            window.apply_label(label)
        # The first claim linked to its source, time and place the way a user does it: select it, L, Enter.
        claims = sorted((s for s in window.session.spans if s.label == "claim"), key=lambda s: s.start)
        window.select_span(claims[1])
        window.linking.start()
        window.linking.accept()
        window.select_span(claims[1])
        window.view.move_to_offset(0)
        save(window, out)


def review_shot(out: Path) -> None:
    """Two annotators' layers of the seed article in review mode, disagreements marked."""
    with fresh_store("review") as store:
        import_paths(store, [REVIEW_DATA / "seed_salma.jsonl", REVIEW_DATA / "seed_noura.jsonl"])
        store.set_role("salma", "reviewer")
        window = MainWindow(store)
        window.resize(1400, 820)
        window.show()
        window.open_initial_document()
        window.review.mode_action.setChecked(True)
        window.review.decide("accepted")
        window.view.move_to_offset(0)
        save(window, out)


def arabic_shot(out: Path) -> None:
    """The Arabic interface (mirrored) on the seed article with one annotator's spans."""
    app = application()
    install_language(app, "ar")
    try:
        with fresh_store("arabic") as store:
            import_paths(store, [REVIEW_DATA / "seed_salma.jsonl"])
            window = create_main_window(store, [])
            window.resize(1400, 820)
            save(window, out)
    finally:
        install_language(app, "en")


if __name__ == "__main__":
    here = Path(__file__).parent
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else here / "screenshot.png")
    review_shot(Path(sys.argv[2]) if len(sys.argv) > 2 else here / "review.png")
    arabic_shot(Path(sys.argv[3]) if len(sys.argv) > 3 else here / "screenshot-ar.png")
