"""The article, read-only and right-to-left, with every span drawn in its label's colour.

This is the one place where Qt positions (UTF-16 units, one position per paragraph break) become
stored code-point offsets and back: everything outside this class speaks offsets.
Only the spans in the visible part of the document are decorated, so a long article stays fluid.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from annotator.core.model import StoredSpan
from annotator.core.offsets import QtPositionMap
from annotator.core.span_index import SpanIndex
from annotator.gui.link_drawing import LinkDrawing

# Labels drawn as an underline instead of a background, because they contain the others
# (a claim holds its actors and dates), so both stay visible where they overlap.
CONTAINER_LABELS = frozenset({"claim"})
MINE_ALPHA = 110
OTHERS_ALPHA = 45
OTHER_LAYER_STYLES = (QTextCharFormat.UnderlineStyle.DotLine, QTextCharFormat.UnderlineStyle.DashUnderline,
                      QTextCharFormat.UnderlineStyle.DashDotLine, QTextCharFormat.UnderlineStyle.DashDotDotLine)
DISAGREEMENT_COLOR = QColor("#d00000")


class DocumentView(LinkDrawing, QPlainTextEdit):
    spanClicked = Signal(object)  # StoredSpan, or None when a click hits no span
    cursorOffsetChanged = Signal(int)

    def after_next_paint(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the text has next been painted (work that must not delay that paint)."""
        self._after_paint.append(callback)
        self.viewport().update()

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().paintEvent(event)
        if self._after_paint:
            callbacks, self._after_paint = self._after_paint, []
            for callback in callbacks:
                QTimer.singleShot(0, callback)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._after_paint: list[Callable[[], None]] = []
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setCursorWidth(2)
        option = self.document().defaultTextOption()
        # Every paragraph is right-to-left, even one that starts with "CNN:" or a digit, which Qt
        # would otherwise lay out left-to-right from its first strong character.
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        self.document().setDocumentMargin(18)

        self.positions = QtPositionMap("")
        self.spans = SpanIndex()
        self.user = ""
        self.label_colors: dict[str, QColor] = {}
        self.label_descriptions: dict[str, str] = {}
        self.hidden_annotators: set[str] = set()
        self.layer_index: dict[str, int] = {}  # other annotators' layers, each drawn in its own style
        self.disagreeing: set[int] = set()  # span ids marked as disagreements
        self.selected_span_id: int | None = None
        self.raw_selection = False  # True when the selection was made with Alt held (no word snapping)
        self._click_cycle: tuple[int, int] = (-1, 0)
        self._dragged = False  # the left button moved with a selection since it was pressed
        # Linking: the spans that may be the other end, the one chosen, and the selected span's links
        # as (other end's span id, link type, the selected span is the link's source).
        self.link_candidates: set[int] = set()
        self.link_choice: int | None = None
        self.shown_links: list[tuple[int, str, bool]] = []
        self.suggestions: list = []  # StoredSuggestion: drawn apart from spans (dashed, no fill)
        self.selected_suggestion = None
        self._edge_markers: list[tuple[QRect, int]] = []  # clickable markers of links to off-screen ends

        self._decorate_timer = QTimer(self)
        self._decorate_timer.setSingleShot(True)
        self._decorate_timer.setInterval(0)
        self._decorate_timer.timeout.connect(self.decorate_visible)
        self.verticalScrollBar().valueChanged.connect(self._decorate_timer.start)
        self.cursorPositionChanged.connect(self._emit_cursor_offset)

    # -- content ------------------------------------------------------------------------------

    def set_document(self, text: str, spans: SpanIndex) -> None:
        self.selected_span_id = None
        self.setPlainText(text)  # also drops the old extra selections: they pointed into the old text
        self.positions = QtPositionMap(text)
        self.spans = spans
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.schedule_decorate()

    def set_labels(self, colors: dict[str, str], descriptions: dict[str, str] | None = None) -> None:
        self.label_colors = {name: QColor(color) for name, color in colors.items()}
        self.label_descriptions = dict(descriptions or {})  # shown in the tooltips, as in the guidelines
        self.schedule_decorate()

    def set_font_size(self, points: int) -> None:
        font = QFont(self.font())
        font.setPointSize(points)
        self.setFont(font)
        self.schedule_decorate()

    def schedule_decorate(self) -> None:
        if not self._decorate_timer.isActive():  # (a zero timer started again fires no sooner: a tag asks 4 times)
            self._decorate_timer.start()

    # -- offsets <-> Qt positions (the only place) -------------------------------------------

    def selection_offsets(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.positions.to_offset_range(cursor.selectionStart(), cursor.selectionEnd())

    def select_offsets(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.positions.to_qt(start))
        cursor.setPosition(self.positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def cursor_offset(self) -> int:
        return self.positions.to_offset(self.textCursor().position())

    def offset_at(self, point: QPoint) -> int:
        return self.positions.to_offset(self.position_at(point))

    def position_at(self, point: QPoint) -> int:
        """The Qt position of the gap nearest to ``point`` on its line. Qt's own hit test lands a few
        pixels off in right-to-left lines: a point in the space between two words can map to after the
        next word's first letter, so a click or drag ending in the gap would take that word in. The
        candidates around Qt's answer are compared by where their gaps are really drawn."""
        guess = self.cursorForPosition(point).position()
        best, best_distance = guess, None
        for candidate in (guess - 1, guess, guess + 1):
            if not 0 <= candidate < self.positions.qt_length + 1:
                continue
            candidate = self.positions.to_qt(self.positions.to_offset(candidate))  # never inside a surrogate pair
            cursor = QTextCursor(self.document())
            cursor.setPosition(candidate)
            rect = self.cursorRect(cursor)
            if not rect.top() <= point.y() <= rect.bottom():
                continue  # the other end of a wrapped line
            distance = abs(rect.x() - point.x())
            if best_distance is None or distance < best_distance:
                best, best_distance = candidate, distance
        return best

    def _correct_mouse_position(self, point: QPoint, keep_anchor: bool) -> None:
        cursor = self.textCursor()
        position = self.position_at(point)
        if position == cursor.position():
            return
        if keep_anchor:
            anchor = cursor.anchor()
            cursor.setPosition(anchor)
            cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
        else:
            cursor.setPosition(position)
        self.setTextCursor(cursor)

    def move_to_offset(self, offset: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.positions.to_qt(offset))
        self.setTextCursor(cursor)
        self.centerCursor()

    def visible_offsets(self) -> tuple[int, int]:
        block = self.firstVisibleBlock()
        first = block.position()
        last = first
        offset = self.contentOffset()
        height = self.viewport().height()
        while block.isValid():
            if self.blockBoundingGeometry(block).translated(offset).top() > height:
                break
            last = block.position() + block.length()
            block = block.next()
        last = min(last, self.positions.qt_length)
        return self.positions.to_offset(first), self.positions.to_offset(last)

    # -- drawing ------------------------------------------------------------------------------

    def shown(self, span: StoredSpan) -> bool:
        return span.annotator not in self.hidden_annotators

    def visible_spans(self, start: int, end: int) -> list[StoredSpan]:
        return [s for s in self.spans.overlapping(start, end) if self.shown(s)]

    def decorate_visible(self) -> None:
        start, end = self.visible_offsets()
        spans = self.visible_spans(start, end)
        # Containers first, so entity backgrounds paint over a claim's span; the selected span last.
        spans.sort(key=lambda s: (s.label not in CONTAINER_LABELS, s.start, -(s.end - s.start)))
        selections = [self._selection_for(s) for s in spans]
        selected = self.spans.get(self.selected_span_id) if self.selected_span_id is not None else None
        if selected is not None:
            selections.append(self._selection_for(selected, emphasised=True))
        selections += [self._suggestion_selection(s) for s in self.suggestions if s.end > start and s.start < end]
        for span_id in self.link_candidates | {other for other, _type, _out in self.shown_links}:
            span = self.spans.get(span_id)
            if span is not None:
                selections.append(self._link_end_selection(span, chosen=span_id == self.link_choice))
        self.setExtraSelections(selections)
        self.viewport().update()  # the link lines follow the spans

    def _suggestion_selection(self, suggestion) -> QTextEdit.ExtraSelection:  # type: ignore[no-untyped-def]
        """A suggestion is not a span: a dashed underline in its label's colour, no fill (a pale one when
        selected), and never mistaken for a tag."""
        color = QColor(self.label_colors.get(suggestion.label, QColor("#888888")))
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(color.darker(120))
        if suggestion == self.selected_suggestion:
            fmt.setBackground(QColor(color.red(), color.green(), color.blue(), 60))
        fmt.setToolTip(f"suggestion: {suggestion.label} ({suggestion.source}, score {suggestion.score:g})")
        return self.range_selection(suggestion.start, suggestion.end, fmt)

    def _selection_for(self, span: StoredSpan, emphasised: bool = False) -> QTextEdit.ExtraSelection:
        color = QColor(self.label_colors.get(span.label, QColor("#888888")))
        mine = span.annotator == self.user
        # Other annotators' layers: paler, each with its own underline pattern so layers stay apart.
        pattern = OTHER_LAYER_STYLES[self.layer_index.get(span.annotator, 0) % len(OTHER_LAYER_STYLES)]
        fmt = QTextCharFormat()
        if emphasised:
            fmt.setBackground(QColor(color.red(), color.green(), color.blue(), 150))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(QColor("#000000"))
        elif span.label in CONTAINER_LABELS:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline if mine else pattern)
            fmt.setUnderlineColor(color)
            fmt.setForeground(color.darker(160) if mine else color.darker(120))
        else:
            fmt.setBackground(QColor(color.red(), color.green(), color.blue(), MINE_ALPHA if mine else OTHERS_ALPHA))
            if not mine:
                fmt.setUnderlineStyle(pattern)
                fmt.setUnderlineColor(color.darker(130))
        if span.id in self.disagreeing and not emphasised:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(DISAGREEMENT_COLOR)
        if span.status == "rejected":
            fmt.setFontStrikeOut(True)
        fmt.setProperty(QTextFormat.Property.UserProperty, span.id)
        return self.range_selection(span.start, span.end, fmt)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self.schedule_decorate()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.schedule_decorate()

    # -- mouse --------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        for marker, offset in self._edge_markers:
            if marker.contains(event.position().toPoint()):
                self.move_to_offset(offset)
                return
        self.raw_selection = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        super().mousePressEvent(event)
        self._dragged = False
        if event.button() == Qt.MouseButton.LeftButton:
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self._correct_mouse_position(event.position().toPoint(), keep_anchor=shift)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() & Qt.MouseButton.LeftButton and self.textCursor().hasSelection():
            self._dragged = True
            self._correct_mouse_position(event.position().toPoint(), keep_anchor=True)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self._dragged and self.textCursor().hasSelection():
            self._correct_mouse_position(event.position().toPoint(), keep_anchor=True)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        offset = self.offset_at(event.position().toPoint())
        under = self._spans_under(offset)
        if not under:
            self.spanClicked.emit(None)
            return
        # Clicking the same place again steps outwards through nested spans.
        last_offset, depth = self._click_cycle
        depth = (depth + 1) % len(under) if last_offset == offset else 0
        self._click_cycle = (offset, depth)
        self.spanClicked.emit(under[depth])

    _VERTICAL_KEYS = {Qt.Key.Key_Down: 1, Qt.Key.Key_PageDown: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageUp: -1}

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.raw_selection = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        before = self.textCursor().position()
        super().keyPressEvent(event)
        step = self._VERTICAL_KEYS.get(event.key())
        if step is not None and self.textCursor().position() == before:
            self._unstick(before, step, event)

    def _at_wrap(self, position: int) -> bool:
        """Whether ``position`` is where one visual line of a wrapped paragraph ends and the next begins."""
        block = self.document().findBlock(position)
        layout = block.layout()
        if layout is None or layout.lineCount() < 2:
            return False
        inside = position - block.position()
        for index in range(layout.lineCount() - 1):
            line = layout.lineAt(index)
            if abs(line.textStart() + line.textLength() - inside) <= 1:
                return True
        return False

    def _unstick(self, position: int, step: int, event) -> None:  # type: ignore[no-untyped-def]
        """Qt leaves the caret where it was when Down/PageDown (Up/PageUp) start from the space where a
        right-to-left line wraps: that gap belongs to both lines, and the move maps back onto it. Step
        one character past it and move again, so the keys never get stuck."""
        nudged = position + step
        if not 0 <= nudged <= self.positions.qt_length or not self._at_wrap(position):
            return
        keep = QTextCursor.MoveMode.KeepAnchor if event.modifiers() & Qt.KeyboardModifier.ShiftModifier \
            else QTextCursor.MoveMode.MoveAnchor
        cursor = self.textCursor()
        cursor.setPosition(nudged, keep)
        self.setTextCursor(cursor)
        super().keyPressEvent(event)

    def _spans_under(self, offset: int) -> list[StoredSpan]:
        under = [s for s in self.spans.at(offset) if self.shown(s)]
        if not under and offset > 0:
            under = [s for s in self.spans.at(offset - 1) if self.shown(s)]
        return under

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            from html import escape  # (its entity tables are not loaded with the window)

            point = self.viewport().mapFrom(self, event.pos())
            under = self._spans_under(self.offset_at(point))
            if under:
                lines = [f"<b>{escape(s.label)}</b> — {escape(s.text)} <i>({escape(s.annotator)}, {s.status}"
                         + (f" by {escape(s.reviewer)}" if s.reviewer else "")
                         + (", disagreement" if s.id in self.disagreeing else "") + ")</i>"
                         + (f"<br><small>{escape(self.label_descriptions[s.label])}</small>"
                            if self.label_descriptions.get(s.label) else "")
                         for s in under]
                QToolTip.showText(event.globalPos(), "<br>".join(lines), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _emit_cursor_offset(self) -> None:
        self.cursorOffsetChanged.emit(self.cursor_offset())
