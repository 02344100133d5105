"""Review ▸ Agreement: a chart of agreement per label for one annotator pair, and the table of
their disagreements; activating a row opens the document at that span."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement import PairReport, agreement
from annotator.store.agreement_input import agreement_input

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

MEASURES = (
    ("exact_f1", "exact F1", "#1d3557"),
    ("overlap_f1", "overlap F1", "#457b9d"),
    ("kappa", "kappa", "#e9c46a"),
    ("alpha_u", "alpha_u", "#e76f51"),
)


class AgreementChart(QWidget):
    """Grouped bars, one group per label plus overall, one bar per measure (0…1)."""

    def __init__(self) -> None:
        super().__init__()
        self.report: PairReport | None = None
        self.setMinimumHeight(240)

    def set_report(self, report: PairReport | None) -> None:
        self.report = report
        self.update()

    def paintEvent(self, _event) -> None:  # type: ignore[no-untyped-def]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if self.report is None:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No pair to compare")
            return
        groups = [*self.report.labels.items(), ("overall", self.report.overall)]
        left, top, bottom = 40, 28, self.height() - 30
        width = (self.width() - left - 10) / max(len(groups), 1)
        height = bottom - top
        painter.setPen(QPen(QColor("#999999")))
        for tick in (0.0, 0.5, 1.0):
            y = bottom - tick * height
            painter.drawLine(left, int(y), self.width() - 10, int(y))
            painter.drawText(QRectF(0, y - 8, left - 4, 16), Qt.AlignmentFlag.AlignRight, f"{tick:.1f}")
        for g, (name, measures) in enumerate(groups):
            x0 = left + g * width + width * 0.1
            bar = width * 0.8 / len(MEASURES)
            for m, (key, _title, color) in enumerate(MEASURES):
                value = measures.get(key)
                if value is None:
                    continue
                value = max(0.0, min(1.0, value))
                painter.fillRect(
                    QRectF(x0 + m * bar, bottom - value * height, bar * 0.9, value * height), QColor(color)
                )
            painter.setPen(QPen(QColor("#000000")))
            painter.drawText(QRectF(left + g * width, bottom + 4, width, 20), Qt.AlignmentFlag.AlignCenter, name)
        for m, (_key, title, color) in enumerate(MEASURES):
            painter.fillRect(QRectF(left + m * 110, 6, 12, 12), QColor(color))
            painter.drawText(QRectF(left + m * 110 + 16, 2, 90, 20), Qt.AlignmentFlag.AlignLeft, title)


class AgreementDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.setWindowTitle(self.tr("Agreement"))
        self.resize(900, 640)
        labels = [label.name for label in window.store.labels()]
        self.texts, self.names, units = agreement_input(window.store, labels)
        self.reports = agreement(self.texts, units, labels)
        self.pairs = QComboBox()
        for report in self.reports:
            self.pairs.addItem(
                self.tr("{a} vs {b} ({count} document(s))").format(a=report.a, b=report.b, count=report.documents)
            )
        self.pairs.currentIndexChanged.connect(self.show_pair)
        self.summary = QLabel()
        self.chart = AgreementChart()
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Document"), self.tr("Label"), self.tr("Only in"), self.tr("Text"), self.tr("Offsets")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.itemActivated.connect(lambda item: self.jump(item.row()))
        self.table.cellDoubleClicked.connect(lambda row, _column: self.jump(row))
        header = QHBoxLayout()
        header.addWidget(QLabel(self.tr("Pair:")))
        header.addWidget(self.pairs, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart)
        layout.addWidget(QLabel(self.tr("Disagreements (Enter or double-click to open the text there):")))
        layout.addWidget(self.table, 1)
        if not self.reports:
            self.summary.setText(self.tr("Agreement needs spans from at least two annotators."))
        self.show_pair(0)

    def show_pair(self, index: int) -> None:
        report = self.reports[index] if 0 <= index < len(self.reports) else None
        self.chart.set_report(report)
        self.table.setRowCount(0)
        if report is None:
            return
        overall = report.overall

        def fmt(value: float | None) -> str:
            return "–" if value is None else f"{value:.3f}"

        left = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in report.left_out.items() if v) or self.tr("none")
        self.summary.setText(
            self.tr(
                "Overall: exact F1 {exact}, overlap F1 {overlap}, kappa {kappa}, alpha_u {alpha}. Left out: {left}."
            ).format(
                exact=fmt(overall["exact_f1"]),
                overlap=fmt(overall["overlap_f1"]),
                kappa=fmt(overall["kappa"]),
                alpha=fmt(overall["alpha_u"]),
                left=left,
            )
        )
        self.table.setRowCount(len(report.disagreements))
        for row, item in enumerate(report.disagreements):
            values = (
                self.names[item["document_id"]],
                item["label"],
                item["only"],
                item["text"].replace("\r", "").replace("\n", " "),
                f"{item['start']}–{item['end']}",
            )
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, item)
                if column == 3:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)

    def jump(self, row: int) -> None:
        item = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        window = self.window
        window.open_document(item["document_id"])
        span = next(
            (
                s
                for s in window.session.spans
                if (s.start, s.end, s.label, s.annotator) == (item["start"], item["end"], item["label"], item["only"])
            ),
            None,
        )
        if span is not None:
            window.select_span(span, scroll=True)
        else:
            window.view.move_to_offset(item["start"])
