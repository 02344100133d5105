"""Regenerate docs/screenshot.png: the seed article tagged through the window's own command path.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshot.py [OUT.png]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.gui.app import application, load_bundled_fonts  # noqa: E402
from annotator.gui.main_window import MainWindow  # noqa: E402
from annotator.importer import import_seed_if_empty  # noqa: E402
from annotator.store import Store, open_database  # noqa: E402

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


def main(out: Path) -> None:
    app = application()
    load_bundled_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        # Fresh settings, so the picture shows the default layout rather than the last session's.
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        store = Store(open_database(f"sqlite:///{tmp}/shot.db"), "salma")
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
        window.select_span(None)
        window.view.move_to_offset(0)
        for _ in range(5):
            QApplication.processEvents()
        window.grab().save(str(out))
        window.close()
    app.quit()




def review_shot(out: Path) -> None:
    """Two annotators' layers of the seed article in review mode, disagreements marked."""
    from annotator.importer import import_paths

    app = application()
    load_bundled_fonts()
    data = Path(__file__).resolve().parents[1] / "tests" / "data" / "review"
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        store = Store(open_database(f"sqlite:///{tmp}/review.db"), "salma")
        import_paths(store, [data / "seed_salma.jsonl", data / "seed_noura.jsonl"])
        store.set_role("salma", "reviewer")
        window = MainWindow(store)
        window.resize(1400, 820)
        window.show()
        window.open_initial_document()
        window.review.mode_action.setChecked(True)
        window.review.decide("accepted")
        window.view.move_to_offset(0)
        for _ in range(5):
            QApplication.processEvents()
        window.grab().save(str(out))
        window.close()
    app.quit()


def arabic_shot(out: Path) -> None:
    """The Arabic interface (mirrored) on the seed article with one annotator's spans."""
    from annotator.gui.app import create_main_window
    from annotator.gui.i18n import install_language
    from annotator.importer import import_paths

    app = application()
    load_bundled_fonts()
    data = Path(__file__).resolve().parents[1] / "tests" / "data" / "review"
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        install_language(app, "ar")
        store = Store(open_database(f"sqlite:///{tmp}/arabic.db"), "salma")
        import_paths(store, [data / "seed_salma.jsonl"])
        window = create_main_window(store, [])
        window.resize(1400, 820)
        for _ in range(5):
            QApplication.processEvents()
        window.grab().save(str(out))
        window.close()
        install_language(app, "en")


if __name__ == "__main__":
    here = Path(__file__).parent
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else here / "screenshot.png")
    review_shot(Path(sys.argv[2]) if len(sys.argv) > 2 else here / "review.png")
    arabic_shot(Path(sys.argv[3]) if len(sys.argv) > 3 else here / "screenshot-ar.png")
