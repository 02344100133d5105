"""The window's export: the format list, a finished export, and a cancelled one that leaves nothing."""

from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QProgressDialog  # noqa: E402

from annotator.core.formats import get_format  # noqa: E402
from annotator.core.formats.conll import read_conll  # noqa: E402
from annotator.gui.export_dialog import ExportOptionsDialog, run_export  # noqa: E402
from annotator.importer import import_paths  # noqa: E402
from annotator.store import Store  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def filled(store: Store) -> Store:
    import_paths(store, [DATA / "edge_cases.jsonl"])
    return store


def test_the_dialog_offers_every_format_that_can_write(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportOptionsDialog()
    qtbot.addWidget(dialog)
    names = [dialog.format_box.itemData(i) for i in range(dialog.format_box.count())]
    assert set(names) == {"jsonl", "jsonl-doccano", "conll", "conll2003", "spacy", "hf", "brat", "labelstudio"}
    dialog.format_box.setCurrentIndex(names.index("conll"))
    dialog.path_edit.setText("/tmp/x.conll")
    assert dialog.chosen_format().name == "conll" and dialog.chosen_path() == Path("/tmp/x.conll")


def test_export_writes_and_reports_what_was_left_out(qtbot, filled: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "data.conll"
    result = run_export(None, filled, get_format("conll"), out)
    assert result is not None
    count, report = result
    assert count == 3 and len(list(read_conll(out))) == 3
    assert [d.text for d in report.dropped] == ["الاتفاق سيُوقَّع"]


@pytest.mark.parametrize("name", ["conll", "brat"])
def test_cancel_leaves_no_output(qtbot, filled: Store, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    dialog = QProgressDialog("Exporting…", "Cancel", 0, 10)
    qtbot.addWidget(dialog)
    dialog.cancel()
    assert run_export(None, filled, get_format(name), tmp_path / "out", dialog) is None
    assert not any(p.name.startswith(("out", ".out")) for p in tmp_path.iterdir())
