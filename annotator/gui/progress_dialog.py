"""Review ▸ Project progress (Ctrl+Shift+P): per annotator, assigned / finished / skipped / in progress,
spans, links and time spent, as a table and as bars; per document, who finished it and their agreement."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.project import state_name

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

# finished, skipped, in progress, not started (of what was assigned)
PARTS = (("finished", "#2a9d8f"), ("skipped", "#9e9e9e"), ("in_progress", "#e9c46a"), ("new", "#e0e0e0"))


class ProgressChart(QWidget):
    """One bar per annotator: what they finished, skipped, have in progress, and have not started."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, dict[str, int]]] = []
        self.setMinimumHeight(120)

    def set_progress(self, annotators: dict[str, dict[str, Any]]) -> None:
        self.rows = []
        for name, row in annotators.items():
            parts = {key: int(row.get(key, 0)) for key, _ in PARTS[:3]}
            parts["new"] = max(0, int(row["assigned"]) - sum(parts.values()))
            self.rows.append((name, parts))
        self.setMinimumHeight(40 + 28 * max(1, len(self.rows)))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(560, 40 + 28 * max(1, len(self.rows)))

    def paintEvent(self, _event) -> None:  # type: ignore[no-untyped-def]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        names = max((metrics.horizontalAdvance(name) for name, _ in self.rows), default=0) + 12
        width = self.width() - names - 60
        total = max((sum(parts.values()) for _, parts in self.rows), default=0) or 1
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        for index, (name, parts) in enumerate(self.rows):
            top = 8 + index * 28
            label = QRectF(0, top, names - 8, 22)
            if rtl:
                label.moveRight(self.width())
            painter.setPen(self.palette().text().color())
            painter.drawText(label, Qt.AlignmentFlag.AlignVCenter | (Qt.AlignmentFlag.AlignLeft if rtl
                                                                      else Qt.AlignmentFlag.AlignRight), name)
            x = float(names)
            for key, color in PARTS:
                length = width * parts[key] / total
                if length <= 0:
                    continue
                bar = QRectF(x, top, length, 22)
                if rtl:
                    bar.moveRight(self.width() - x)
                painter.fillRect(bar, QColor(color))
                if length > metrics.horizontalAdvance("000"):
                    painter.setPen(QColor("#202020"))
                    painter.drawText(bar, Qt.AlignmentFlag.AlignCenter, str(parts[key]))
                x += length
        legend_top = 8 + len(self.rows) * 28
        x = float(names)
        for key, color in PARTS:
            text = state_name(key) if key != "new" else self.tr("not started")
            box = QRectF(x, legend_top + 4, 10, 10)
            if rtl:
                box.moveRight(self.width() - x)
            painter.fillRect(box, QColor(color))
            painter.setPen(self.palette().text().color())
            text_rect = QRectF(box.right() + 4 if not rtl else box.left() - 4 - metrics.horizontalAdvance(text),
                               legend_top, metrics.horizontalAdvance(text) + 2, 18)
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, text)
            x += 26 + metrics.horizontalAdvance(text)
        painter.end()


class ProgressDialog(QDialog):
    COLUMNS = ("assigned", "finished", "skipped", "in_progress", "spans", "links", "seconds")

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("progressDialog")
        self.setWindowTitle(self.tr("Project progress"))
        self.window_ = window
        self.chart = ProgressChart()
        self.table = QTableWidget()
        self.table.setObjectName("progressTable")
        self.table.setLocale(QLocale.c())
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        titles = [self.tr("annotator"), self.tr("assigned"), state_name("finished"), state_name("skipped"),
                  state_name("in_progress"), self.tr("spans"), self.tr("links"), self.tr("time")]
        self.table.setColumnCount(len(titles))
        self.table.setHorizontalHeaderLabels(titles)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.documents = QLabel()
        self.documents.setObjectName("progressDocuments")
        self.documents.setWordWrap(True)
        self.documents.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chart)
        layout.addWidget(self.table)
        layout.addWidget(self.documents)
        layout.addWidget(buttons)
        self.resize(720, 520)

    def refresh(self) -> dict[str, Any]:
        progress = self.window_.store.progress()
        annotators = progress["annotators"]
        self.chart.set_progress(annotators)
        self.table.setRowCount(len(annotators))
        for row, (name, values) in enumerate(annotators.items()):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            for column, key in enumerate(self.COLUMNS, start=1):
                value = values[key]
                text = f"{value / 60:.0f} min" if key == "seconds" else str(value)
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        documents = progress["documents"]
        finished = sum(bool(d["finished_by"]) for d in documents.values())
        both = [d for d in documents.values() if d.get("agreement")]
        scores = [v for d in both for v in d["agreement"].values() if v is not None]
        summary = self.tr("{finished} of {total} documents finished by someone; {both} by two or more").format(
            finished=finished, total=len(documents), both=len(both))
        if scores:
            summary += self.tr(" (mean exact agreement {mean:.2f})").format(mean=sum(scores) / len(scores))
        self.documents.setText(summary)
        return progress


def show_progress(window: MainWindow) -> ProgressDialog:
    dialog = ProgressDialog(window)
    dialog.refresh()
    dialog.show()
    window.progress_dialog = dialog
    return dialog
