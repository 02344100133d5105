"""Small differences between the Qt 6 versions we support (6.8 and newer)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel


def change_row_filter(proxy: QSortFilterProxyModel, change: Callable[[], None]) -> None:
    """Apply ``change`` to the proxy's filter state and refilter its rows (invalidateFilter is
    deprecated from Qt 6.10 on, in favour of begin/endFilterChange)."""
    if hasattr(proxy, "beginFilterChange"):
        proxy.beginFilterChange()
        change()
        proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
    else:
        change()
        proxy.invalidateFilter()
