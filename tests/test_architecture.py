"""Rules of the house that a test can check: the core and store stay Qt-free, Qt is not the broken build."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_core_store_and_cli_import_without_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, annotator.core, annotator.store, annotator.cli, annotator.importer\n"
        "for pkg in (annotator.core, annotator.store):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations' not in m.name: importlib.import_module(m.name)\n"
        "annotator.cli.main(['stats', '--db', 'sqlite://'])\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_qt_void_calls_do_not_leak_references_to_none() -> None:
    # PySide6 6.12.0 on Python < 3.12 drops one reference to None per void call and aborts.
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    before = sys.getrefcount(None)
    for index in range(10_000):
        document.setPlainText("نص" if index % 2 else "text")
    assert sys.getrefcount(None) - before > -100


def test_wheel_carries_fonts_seeds_and_migrations(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                             "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=300)
    if result.returncode != 0:  # no hatchling in this environment: build in isolation
        result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
                                 str(ROOT)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("annotator-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "annotator/resources/fonts/Amiri-Regular.ttf" in names
    assert "annotator/resources/fonts/Amiri-OFL.txt" in names
    assert any(n.startswith("annotator/seeds/") and n.endswith(".txt") for n in names)
    assert "annotator/store/migrations/versions/0001_initial.py" in names
    assert "annotator/store/migrations/script.py.mako" in names


def test_every_file_dialog_is_the_one_that_never_reads_files() -> None:
    # Qt's stock and native dialogs open every listed file to sniff its type, which drops SQLite's locks
    # on the open database (tests/gui/test_outside_writers.py shows the loss); gui/file_dialogs.py
    # builds the one dialog that does not.
    users = [p.relative_to(ROOT).as_posix() for p in (ROOT / "annotator").rglob("*.py")
             if "QFileDialog" in p.read_text(encoding="utf-8")]
    assert users == ["annotator/gui/file_dialogs.py"]
