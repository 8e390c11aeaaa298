"""A table view for a list that grows by pages at its end.

QTableView repaints its whole viewport after rows are inserted, even when they land below the
last visible row and nothing on screen changes. In the inbox that repaint came with every page
and cost about as much as painting the page itself. This view only updates its scroll bar then.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QTableView

Parent = QModelIndex | QPersistentModelIndex


class PagingTableView(QTableView):
    # What the next layout has to do: None when nothing asked for one yet, True when only rows
    # out of sight were added since, False when anything else changed the rows.
    _only_below: bool | None = None

    def rowsInserted(self, parent: Parent, first: int, last: int) -> None:
        super().rowsInserted(parent, first, last)
        bottom = self.rowAt(self.viewport().height() - 1)  # -1: the rows end above it
        below = bottom != -1 and first > bottom
        self._only_below = below and self._only_below is not False

    def rowsAboutToBeRemoved(self, parent: Parent, first: int, last: int) -> None:
        self._only_below = False
        super().rowsAboutToBeRemoved(parent, first, last)

    def reset(self) -> None:
        self._only_below = False
        super().reset()

    def doItemsLayout(self) -> None:
        only_below, self._only_below = self._only_below, None
        if only_below:
            self.updateGeometries()  # the scroll bar's new range; the rows shown are unchanged
        else:
            super().doItemsLayout()
