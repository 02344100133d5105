"""Drawing links in the document view: candidates and linked ends boxed, the selected span's links as
arcs over the text with their type, and a marker at the edge for an end that is off screen (a click on
it goes there). A mixin of ``DocumentView``, kept apart so the view stays about text and spans."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from annotator.core.model import StoredSpan


class LinkDrawing:
    """Expects the DocumentView attributes: spans, positions, label_colors, selected_span_id,
    shown_links, link_choice, _edge_markers."""

    def range_selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        """``fmt`` over the stored offsets ``[start, end)`` (the one place a drawn range meets Qt positions)."""
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())  # type: ignore[attr-defined]
        cursor.setPosition(self.positions.to_qt(start))  # type: ignore[attr-defined]
        cursor.setPosition(self.positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)  # type: ignore[attr-defined]
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _link_end_selection(self, span: StoredSpan, chosen: bool) -> QTextEdit.ExtraSelection:
        """A candidate (or a linked end) boxed in dots; the chosen candidate filled, so Tab's choice shows."""
        fmt = QTextCharFormat()
        color = QColor(self.label_colors.get(span.label, QColor("#888888")))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(QColor("#1d3557"))
        if chosen:
            fmt.setBackground(QColor(color.red(), color.green(), color.blue(), 200))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        return self.range_selection(span.start, span.end, fmt)

    def _span_anchor(self, span: StoredSpan) -> QRect:
        """Where a link line meets a span: the caret rectangle at its start (its right end in RTL)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.positions.to_qt(span.start))
        return self.cursorRect(cursor)

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().paintEvent(event)
        self._edge_markers = []
        selected = self.spans.get(self.selected_span_id) if self.selected_span_id is not None else None
        if selected is None or not self.shown_links:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self.viewport().rect()
        start = self._span_anchor(selected)
        pen = QPen(QColor("#1d3557"), 2)
        painter.setPen(pen)
        for other_id, link_type, outgoing in self.shown_links:
            other = self.spans.get(other_id)
            if other is None:
                continue
            end = self._span_anchor(other)
            if area.intersects(end):
                # An arc over the text from the link's source to its other end (as brat draws relations),
                # its type written at the top on a pale ground, the end marked with a dot.
                a, b = (start.topLeft(), end.topLeft()) if outgoing else (end.topLeft(), start.topLeft())
                lift = 14 + abs(a.y() - b.y()) // 4
                top = QPoint((a.x() + b.x()) // 2, min(a.y(), b.y()) - lift)
                path = QPainterPath(QPointF(a))
                path.quadTo(QPointF(top), QPointF(b))
                painter.drawPath(path)
                painter.setBrush(QColor("#1d3557"))
                painter.drawEllipse(b, 3, 3)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                label = painter.fontMetrics().boundingRect(link_type).adjusted(-3, -1, 3, 1)
                label.moveCenter(QPoint(top.x(), top.y() + lift // 2 - 2))
                painter.fillRect(label, QColor(255, 255, 255, 220))
                painter.drawText(label, Qt.AlignmentFlag.AlignCenter, link_type)
            else:
                # The other end is off screen: a marker at the top or bottom edge, clicked to go there.
                top = end.top() < area.top()
                marker = QRect(area.center().x() - 60, area.top() + 2 if top else area.bottom() - 20, 120, 18)
                painter.fillRect(marker, QColor(29, 53, 87, 200))
                painter.setPen(QColor("white"))
                painter.drawText(marker, Qt.AlignmentFlag.AlignCenter, ("▲ " if top else "▼ ") + link_type)
                painter.setPen(pen)
                self._edge_markers.append((marker, other.start))
        painter.end()

