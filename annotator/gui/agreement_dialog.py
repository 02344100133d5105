"""Review ▸ Agreement: a chart of agreement per label for one annotator pair, and the table of
their open disagreements; activating a row opens the document at that span.

The chart draws every measure from a visible zero line: a negative kappa or alpha_u (worse than
chance) goes down from it, 0 is a thin bar on the line, and "nothing to compare" (no spans of that
label on either side) is a dashed empty box marked n/a. Each bar carries its value. The table lists
only the disagreements no reviewer has decided yet (review mode's rule: ``core.review.unresolved``);
the ones already accepted or rejected are counted above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
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
from annotator.core.link_agreement import link_agreement
from annotator.core.model import StoredSpan
from annotator.core.review import disagreements, unresolved
from annotator.gui.session import AnnotationSession, SpanListener
from annotator.store.agreement_input import agreement_input, link_agreement_input

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

MEASURES = (
    ("exact_f1", "exact F1", "#1d3557"),
    ("overlap_f1", "overlap F1", "#457b9d"),
    ("kappa", "kappa", "#e9c46a"),
    ("alpha_u", "alpha_u", "#e76f51"),
)
NOT_APPLICABLE_COLOR = "#8a8a8a"
MINUS = "\N{MINUS SIGN}"


def ltr(text: str) -> str:
    """Text that reads left to right inside a right-to-left line (numbers, ranges, key names):
    wrapped in LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE, so bidi cannot reorder it."""
    return f"\u2066{text}\u2069"


def signed(value: float, digits: int) -> str:
    """``-0.25`` written with a real minus sign: −0.25."""
    return f"{value:.{digits}f}".replace("-", MINUS)


@dataclass(frozen=True)
class Bar:
    """One drawn bar: ``rect`` is the bar (or the dashed n/a box), ``text`` what is written at it."""

    group: int  # index: the labels in order, then overall
    key: str
    value: float | None
    rect: QRectF
    text: str
    clipped: bool = False  # below the axis' −1: drawn to −1, the text gives the value


LegendEntry = tuple[str, str, bool, QRectF, QRectF]  # title, color, dashed box?, box, text


@dataclass(frozen=True)
class ChartGeometry:
    zero_y: float
    axis_min: float
    ticks: tuple[tuple[float, float], ...]  # (value, y)
    plot: QRectF  # value 1 at the top, axis_min at the bottom
    bars: tuple[Bar, ...]
    rotated_labels: bool
    label_extent: float
    axis_width: float  # the value axis' text, beside the plot on the reading side
    groups: tuple[tuple[str, QRectF], ...]  # each group's name and the place under its bars for it
    legend: tuple[LegendEntry, ...]


class AgreementChart(QWidget):
    """Grouped bars, one group per label plus overall, one bar per measure, from a zero line.

    F1 lies in 0…1; kappa and alpha_u in −1…1 (alpha_u can fall below −1: the bar stops at −1 and
    its text says how far). Mirrored in a right-to-left interface."""

    def __init__(self) -> None:
        super().__init__()
        self.report: PairReport | None = None
        self.setMinimumHeight(280)

    def set_report(self, report: PairReport | None) -> None:
        self.report = report
        self.update()

    def not_applicable_text(self) -> str:
        return self.tr("n/a")

    def value_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 2))
        return font

    def _mirror(self, rect: QRectF) -> QRectF:
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            return QRectF(self.width() - rect.right(), rect.top(), rect.width(), rect.height())
        return rect

    def geometry_of_bars(self) -> ChartGeometry | None:
        """Where everything goes; None without a report. ``paintEvent`` draws exactly this."""
        if self.report is None:
            return None
        groups = [*self.report.labels.items(), (self.tr("overall"), self.report.overall)]
        values = [measures.get(key) for _name, measures in groups for key, _t, _c in MEASURES]
        lowest = min((v for v in values if v is not None), default=0.0)
        axis_min = 0.0 if lowest >= 0 else (-0.5 if lowest >= -0.5 else -1.0)
        texts = [self.not_applicable_text() if v is None else signed(v, 2) for v in values]

        fm = QFontMetricsF(self.font())
        vfm = QFontMetricsF(self.value_font())
        widest = max((vfm.horizontalAdvance(t) for t in texts), default=0.0)
        left = fm.horizontalAdvance(signed(-0.5, 1)) + 10
        right = 10.0
        width = (self.width() - left - right) / max(len(groups), 1)
        slot = width * 0.8 / len(MEASURES)
        rotated = widest + 4 > slot  # neighbours need a gap between their texts
        label_extent = (widest if rotated else vfm.height()) + 4
        legend = self._legend(fm, left, right)
        plot_top = max((box.bottom() for _t, _c, _d, box, _p in legend), default=0.0) + 8 + label_extent
        # room under the plot for the text of bars going down, when there are any
        plot_bottom = self.height() - (fm.height() + 8) - (label_extent if axis_min < 0 else 4)
        scale = max(plot_bottom - plot_top, 1.0) / (1.0 - axis_min)

        def y_of(value: float) -> float:
            return plot_top + (1.0 - value) * scale

        zero_y = y_of(0.0)
        ticks = []
        tick = axis_min
        while tick <= 1.0 + 1e-9:
            ticks.append((round(tick, 1), y_of(tick)))
            tick += 0.5
        placeholder = min(label_extent, 14.0)
        bars = []
        names = []
        for g, (name, measures) in enumerate(groups):
            x0 = left + g * width + width * 0.1
            under = QRectF(left + g * width, self.height() - fm.height() - 6, width, fm.height())
            names.append((name, self._mirror(under)))
            for m, (key, _title, _color) in enumerate(MEASURES):
                value = measures.get(key)
                x = x0 + m * slot
                clipped = False
                if value is None:
                    rect = QRectF(x, zero_y - placeholder, slot * 0.9, placeholder)
                    text = self.not_applicable_text()
                else:
                    shown = min(1.0, max(axis_min, value))
                    clipped = shown != value and value < 0
                    top, bottom = (y_of(shown), zero_y) if shown >= 0 else (zero_y, y_of(shown))
                    if bottom - top < 3:  # 0 (or nearly): a thin bar on the line, still there
                        top, bottom = (zero_y - 3, zero_y) if value >= 0 else (zero_y, zero_y + 3)
                    rect = QRectF(x, top, slot * 0.9, bottom - top)
                    text = signed(value, 2)
                bars.append(Bar(g, key, value, self._mirror(rect), text, clipped))
        plot = QRectF(left, plot_top, self.width() - left - right, plot_bottom - plot_top)
        return ChartGeometry(
            zero_y, axis_min, tuple(ticks), self._mirror(plot), tuple(bars), rotated, label_extent, left, tuple(names),
            legend,
        )

    def _legend(self, fm: QFontMetricsF, left: float, right: float) -> tuple[LegendEntry, ...]:
        """The legend's entries in rows above the plot, as many rows as the width needs."""
        entries = [(title, color, False) for _key, title, color in MEASURES]
        entries.append((self.tr("n/a: nothing to compare"), NOT_APPLICABLE_COLOR, True))
        placed = []
        x, y = left, 4.0
        for title, color, dashed in entries:
            advance = fm.horizontalAdvance(title) + 2
            if x > left and x + 16 + advance > self.width() - right:
                x, y = left, y + fm.height() + 4
            box = QRectF(x, y + (fm.height() - 12) / 2, 12, 12)
            place = QRectF(x + 16, y, advance, fm.height())
            placed.append((title, color, dashed, self._mirror(box), self._mirror(place)))
            x += 16 + advance + 20
        return tuple(placed)

    def paintEvent(self, _event) -> None:  # type: ignore[no-untyped-def]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        geometry = self.geometry_of_bars()
        if geometry is None:
            painter.setPen(QPen(QColor("#000000")))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No pair to compare"))
            return
        fm = QFontMetricsF(self.font())
        plot = geometry.plot
        axis_left = plot.left() if self.isLeftToRight() else plot.right()
        # grid and the value axis (the axis text sits outside the plot, on the reading side)
        for value, y in geometry.ticks:
            painter.setPen(QPen(QColor("#dddddd" if value else "#000000"), 1 if value else 1.5))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QPen(QColor("#555555")))
            label = self._mirror(QRectF(0, y - fm.height() / 2, geometry.axis_width - 4, fm.height()))
            painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, ltr(signed(value, 1)))
        painter.setPen(QPen(QColor("#000000"), 1))
        painter.drawLine(QPointF(axis_left, plot.top()), QPointF(axis_left, plot.bottom()))
        colors = {key: QColor(color) for key, _title, color in MEASURES}
        value_font = self.value_font()
        for bar in geometry.bars:
            painter.setFont(value_font)
            if bar.value is None:
                pen = QPen(QColor(NOT_APPLICABLE_COLOR), 1, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(bar.rect.adjusted(0.5, 0.5, -0.5, -0.5))
                painter.setPen(QPen(QColor(NOT_APPLICABLE_COLOR)))
                text = bar.text
            else:
                painter.fillRect(bar.rect, colors[bar.key])
                if bar.value < 0:  # worse than chance: outlined, so it reads as "below" at a glance
                    painter.setPen(QPen(colors[bar.key].darker(150), 1))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(bar.rect.adjusted(0.5, 0.5, -0.5, -0.5))
                if bar.clipped:  # runs off the axis: a notch at its end
                    painter.setPen(QPen(QColor("#ffffff"), 2))
                    y = bar.rect.bottom() - 4
                    painter.drawLine(QPointF(bar.rect.left(), y + 2), QPointF(bar.rect.right(), y - 2))
                painter.setPen(QPen(QColor("#000000")))
                text = ltr(bar.text)
            self._draw_value(painter, geometry, bar, text)
        painter.setFont(self.font())
        painter.setPen(QPen(QColor("#000000")))
        for name, place in geometry.groups:
            painter.drawText(
                place, Qt.AlignmentFlag.AlignCenter, fm.elidedText(name, Qt.TextElideMode.ElideRight, place.width())
            )
        for title, color, dashed, box, place in geometry.legend:
            if dashed:
                painter.setPen(QPen(QColor(color), 1, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5))
            else:
                painter.fillRect(box, QColor(color))
            painter.setPen(QPen(QColor("#000000")))
            painter.drawText(place, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)

    def _draw_value(self, painter: QPainter, geometry: ChartGeometry, bar: Bar, text: str) -> None:
        below = bar.value is not None and bar.value < 0
        extent = geometry.label_extent
        if below:
            area = QRectF(bar.rect.left() - 4, bar.rect.bottom() + 1, bar.rect.width() + 8, extent)
        else:
            area = QRectF(bar.rect.left() - 4, bar.rect.top() - extent - 1, bar.rect.width() + 8, extent)
        if not geometry.rotated_labels:
            end = Qt.AlignmentFlag.AlignTop if below else Qt.AlignmentFlag.AlignBottom
            align = Qt.AlignmentFlag.AlignHCenter | end
            painter.drawText(area, align, text)
            return
        painter.save()  # too narrow for the text: written upwards along the bar
        painter.translate(area.center())
        painter.rotate(-90)
        rotated = QRectF(-area.height() / 2, -area.width() / 2, area.height(), area.width())
        align = Qt.AlignmentFlag.AlignVCenter | (Qt.AlignmentFlag.AlignRight if below else Qt.AlignmentFlag.AlignLeft)
        painter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # "upwards" is physical, not reading order
        painter.drawText(rotated, align | Qt.AlignmentFlag.AlignAbsolute, text)
        painter.restore()


class AgreementDialog(QDialog, SpanListener):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.setWindowTitle(self.tr("Agreement"))
        self.resize(900, 640)
        labels = [label.name for label in window.store.labels()]
        self.texts, self.names, units = agreement_input(window.store, labels)
        self.reports = agreement(self.texts, units, labels)
        link_units, span_ends = link_agreement_input(window.store)
        self.links = link_agreement(link_units, span_ends, sorted({u.annotator for u in units}))
        self._spans: dict[int, list[StoredSpan]] = {}  # the store's spans (with review status) by document
        self.resolved = 0
        self.pairs = QComboBox()
        for report in self.reports:
            self.pairs.addItem(
                self.tr("{a} vs {b} ({count} document(s))").format(a=report.a, b=report.b, count=report.documents)
            )
        self.pairs.currentIndexChanged.connect(self.show_pair)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart = AgreementChart()
        self.resolved_label = QLabel()
        self.resolved_label.setWordWrap(True)
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
        layout.addWidget(self.resolved_label)
        layout.addWidget(self.table, 1)
        if not self.reports:
            self.summary.setText(self.tr("Agreement needs spans from at least two annotators."))
        # A decision taken in the window while the dialog is open takes its row out of the table.
        window.session.listeners.append(self)
        self.finished.connect(lambda _result: self._stop_following(window.session))
        self.show_pair(0)

    def _stop_following(self, session: AnnotationSession) -> None:
        if self in session.listeners:
            session.listeners.remove(self)

    def span_changed(self, before: StoredSpan | None, after: StoredSpan | None) -> None:  # type: ignore[override]
        if before is None or after is None or before.status == after.status:
            return
        self._spans.pop(after.document_id, None)
        self.show_pair(self.pairs.currentIndex())

    def spans_of(self, document_id: int) -> list[StoredSpan]:
        if document_id not in self._spans:
            self._spans[document_id] = self.window.store.spans(document_id)
        return self._spans[document_id]

    def open_disagreements(self, report: PairReport) -> tuple[list[dict[str, Any]], int]:
        """The pair's disagreements that are still open (review mode's rule: a disagreeing span no
        reviewer has accepted or rejected), and how many are resolved."""
        open_keys: dict[int, set[tuple[int, int, str, str]]] = {}
        for document_id in sorted({item["document_id"] for item in report.disagreements}):
            todo = unresolved(disagreements(self.spans_of(document_id), (report.a, report.b)))
            open_keys[document_id] = {(s.start, s.end, s.label, s.annotator) for s in todo}
        rows = [
            item
            for item in report.disagreements
            if (item["start"], item["end"], item["label"], item["only"]) in open_keys[item["document_id"]]
        ]
        return rows, len(report.disagreements) - len(rows)

    def show_pair(self, index: int) -> None:
        report = self.reports[index] if 0 <= index < len(self.reports) else None
        self.chart.set_report(report)
        self.table.setRowCount(0)
        if report is None:
            self.resolved_label.clear()
            return
        overall = report.overall

        def fmt(value: float | None) -> str:
            return "–" if value is None else ltr(signed(value, 3))

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
        pair = next((p for p in self.links["pairs"] if {p["a"], p["b"]} == {report.a, report.b}), None)  # type: ignore[attr-defined,union-attr]
        if pair is not None and (pair["links_a"] or pair["links_b"]):
            self.summary.setText(self.summary.text() + " " + self.tr(
                "Links: exact F1 {exact}, F1 given both ends {given} ({a} vs {b} links, {matched} matched).").format(
                exact=fmt(pair["f1_exact"]), given=fmt(pair["f1_given_spans"]), a=pair["links_a"], b=pair["links_b"],
                matched=pair["matched"]))
        rows, self.resolved = self.open_disagreements(report)
        self.resolved_label.setText(
            self.tr("{open} open; {resolved} already resolved by a reviewer (accepted or rejected), not listed.")
            .format(open=len(rows), resolved=self.resolved)
        )
        self.table.setRowCount(len(rows))
        for row, item in enumerate(rows):
            values = (
                self.names[item["document_id"]],
                item["label"],
                item["only"],
                item["text"].replace("\r", "").replace("\n", " "),
                ltr(f"{item['start']}–{item['end']}"),
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
