"""Review ▸ Agreement: the chart shows values below chance, 0 and "nothing to compare" apart, and the
table lists only the disagreements no reviewer has decided yet."""

import copy
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication

from annotator.core.model import DocumentRecord, SpanRecord
from annotator.gui.agreement_dialog import MEASURES, AgreementDialog
from annotator.importer import import_paths
from annotator.store.transfer import import_records
from tests.gui.helpers import press

DATA = Path(__file__).resolve().parents[1] / "data" / "review"
COLORS = {key: QColor(color) for key, _title, color in MEASURES}
ISOLATES = "\u2066\u2067\u2068\u2069"
TEXT = "قال الرئيس محمد في بغداد إن الاتفاق سيوقع غدا"


def worse_than_chance(open_window):
    """Two annotators who tag different words as actor: kappa and alpha_u below 0, F1 0; nobody tagged
    a location: F1 has nothing to compare (n/a), kappa and alpha_u are 1 and 0."""
    window = open_window(user="reviewer", seed=False, extra=False)
    import_records(window.store, "pair", [DocumentRecord(name="pair", text=TEXT, spans=[
        SpanRecord(4, 10, "actor", annotator="salma"), SpanRecord(11, 15, "actor", annotator="noura")])])
    window.refresh_documents()
    return window


def reads_left_to_right(text: str) -> bool:
    """Whether ``text``, laid out as a right-to-left paragraph (the Arabic interface), shows its
    characters left to right in reading order (``86–101``, ``−0.25``) rather than reordered by bidi."""
    layout = QTextLayout(text, QFont())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()
    visible = [i for i, c in enumerate(text) if c not in ISOLATES]
    xs = [line.cursorToX(i)[0] for i in visible[1:]]  # the gaps between visible characters
    return xs == sorted(xs) and len(set(xs)) == len(xs)


def bar(geometry, group: int, key: str):
    return next(b for b in geometry.bars if b.group == group and b.key == key)


def test_chart_draws_negative_zero_and_nothing_to_compare_apart(open_window, tmp_path) -> None:
    window = worse_than_chance(open_window)
    dialog = AgreementDialog(window)
    report = dialog.reports[0]
    actor, location = report.labels["actor"], report.labels["location"]
    assert actor["kappa"] < 0 and actor["alpha_u"] < 0 and actor["exact_f1"] == 0.0
    assert location["exact_f1"] is None and location["alpha_u"] == 0.0
    dialog.resize(900, 640)
    dialog.show()
    image = dialog.chart.grab().toImage()
    image.save(str(tmp_path / "chart.png"))

    def drawn_with(kappa):  # the chart with the actor's kappa set to this
        changed = copy.deepcopy(report)
        changed.labels["actor"]["kappa"] = kappa
        dialog.chart.set_report(changed)
        return dialog.chart.grab().toImage()

    below, zero, nothing = drawn_with(actor["kappa"]), drawn_with(0.0), drawn_with(None)
    assert below != zero and zero != nothing and below != nothing  # three different pictures
    dialog.chart.set_report(report)
    geometry = dialog.chart.geometry_of_bars()
    labels = list(report.labels)

    kappa = bar(geometry, labels.index("actor"), "kappa")
    assert kappa.text == f"−{abs(actor['kappa']):.2f}"  # a real minus sign
    assert kappa.rect.top() >= geometry.zero_y - 1 and kappa.rect.height() >= 5  # down from the zero line
    assert image.pixelColor(kappa.rect.center().toPoint()) == COLORS["kappa"]
    assert geometry.axis_min < 0 and geometry.plot.bottom() > geometry.zero_y + 5

    zero = bar(geometry, labels.index("location"), "alpha_u")
    assert zero.text == "0.00" and zero.rect.height() >= 2  # 0 is a (thin) bar on the line
    assert image.pixelColor(zero.rect.center().toPoint()) == COLORS["alpha_u"]

    nothing = bar(geometry, labels.index("location"), "exact_f1")
    assert nothing.text == "n/a" and nothing.rect.height() > 5
    assert image.pixelColor(nothing.rect.center().toPoint()) == QColor("#ffffff")  # an empty (dashed) box
    top_edge = [image.pixelColor(int(nothing.rect.left()) + x, int(nothing.rect.top()))
                for x in range(int(nothing.rect.width()))]
    assert any(color != QColor("#ffffff") for color in top_edge)
    assert nothing.text != zero.text and nothing.rect != zero.rect


def test_right_to_left_chart_is_mirrored_and_numbers_read_left_to_right(open_window, tmp_path) -> None:
    window = worse_than_chance(open_window)
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        dialog = AgreementDialog(window)
        dialog.resize(900, 640)
        dialog.show()
        dialog.grab().save(str(tmp_path / "agreement_rtl.png"))
        geometry = dialog.chart.geometry_of_bars()
        first, overall = geometry.groups[0][1], geometry.groups[-1][1]
        assert first.left() > overall.left()  # the first label on the right, as Arabic reads
        assert geometry.plot.right() < dialog.chart.width() - 20  # the value axis on the right side
        offsets = dialog.table.item(0, 4).text()
        assert offsets.strip(ISOLATES) in {"4–10", "11–15"}
        assert reads_left_to_right(offsets), "86–101 must not read 101–86"
        assert not reads_left_to_right("4–10")  # what the table showed before
        kappa = dialog.reports[0].overall["kappa"]
        shown = next(part for part in dialog.summary.text().split(", ") if part.startswith("kappa"))
        assert reads_left_to_right(shown.removeprefix("kappa ")) and "−" in shown and kappa < 0
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_table_lists_only_open_disagreements_and_counts_the_resolved(open_window) -> None:
    window = open_window(user="reviewer", seed=False, extra=False)
    import_paths(window.store, [DATA / "seed_salma.jsonl", DATA / "seed_noura.jsonl"])
    window.store.set_role("reviewer", "reviewer")
    window.refresh_documents()
    window.open_document(window.documents_model.document_ids()[0])
    dialog = AgreementDialog(window)
    everything = len(dialog.reports[0].disagreements)
    assert dialog.table.rowCount() == everything > 2

    def rows() -> set[tuple[int, int, str, str]]:
        found = set()
        for r in range(dialog.table.rowCount()):
            item = dialog.table.item(r, 0).data(Qt.ItemDataRole.UserRole)
            found.add((item["start"], item["end"], item["label"], item["only"]))
        return found

    open_before = window.review.open_disagreements()
    accepted = next(s for s in open_before if s.annotator == "salma")
    rejected = next(s for s in open_before if s.annotator == "noura")
    for span, key in ((accepted, Qt.Key.Key_A), (rejected, Qt.Key.Key_R)):
        window.select_span(window.session.spans.get(span.id))
        press(window, key)
    assert window.store.span(accepted.id).status == "accepted"
    assert window.store.span(rejected.id).status == "rejected"

    again = AgreementDialog(window)
    assert again.table.rowCount() == everything - 2
    assert "exact F1" in again.summary.text()  # the measures still count every span
    # the dialog that was open follows the decisions taken in the window
    assert dialog.table.rowCount() == everything - 2
    decided = {(s.start, s.end, s.label, s.annotator) for s in (accepted, rejected)}
    assert not decided & rows()
    # the same rule as review mode: what N steps through is what the table lists
    assert rows() == {(s.start, s.end, s.label, s.annotator) for s in window.review.open_disagreements()}
    for shown in (dialog, again):
        assert f"{everything - 2} open; 2 already resolved" in shown.resolved_label.text()
