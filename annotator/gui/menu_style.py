"""The application style's one change: menu shortcuts drawn left-to-right in every interface."""

from __future__ import annotations

from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOptionMenuItem


class IsolatedShortcutsStyle(QProxyStyle):
    """Menu shortcuts drawn left-to-right in every interface: in the Arabic (right-to-left) menus the
    bidi algorithm would show Ctrl++ as ++Ctrl and Ctrl+- as -+Ctrl."""

    def drawControl(self, element, option, painter, widget=None) -> None:  # type: ignore[no-untyped-def]
        if element == QStyle.ControlElement.CE_MenuItem and "\t" in option.text:
            option = QStyleOptionMenuItem(option)
            label, keys = option.text.split("\t", 1)
            option.text = f"{label}\t\u2066{keys}\u2069"
        super().drawControl(element, option, painter, widget)
