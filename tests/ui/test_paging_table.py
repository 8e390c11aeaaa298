"""The inbox's table view: a page added below the visible rows costs no repaint of them, and
every other change to the rows still shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QStandardItem, QStandardItemModel

from app.ui.widgets.paging_table import PagingTableView


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def add_rows(model: QStandardItemModel, count: int) -> None:
    start = model.rowCount()
    for n in range(start, start + count):
        model.appendRow([QStandardItem(f"Mention {n}"), QStandardItem("3 h")])


@pytest.fixture
def table(qtbot):
    model = QStandardItemModel()
    view = PagingTableView()
    view.setModel(model)
    view.resize(400, 300)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    counter = PaintCounter()
    view.viewport().installEventFilter(counter)
    return view, model, counter


def settle(qtbot) -> None:
    qtbot.wait(50)  # the delayed layout and any paint it asks for


def test_a_page_added_below_the_visible_rows_repaints_nothing_but_can_be_scrolled_to(
        qtbot, table) -> None:
    view, model, counter = table
    add_rows(model, 100)
    settle(qtbot)
    before = view.verticalScrollBar().maximum()
    counter.paints = 0

    add_rows(model, 200)
    settle(qtbot)
    assert counter.paints == 0
    assert view.verticalScrollBar().maximum() > before

    view.scrollToBottom()
    qtbot.waitUntil(lambda: counter.paints > 0)
    assert view.rowAt(view.viewport().height() - 1) == 299


def test_rows_added_into_a_view_that_is_not_full_are_shown(qtbot, table) -> None:
    view, model, counter = table
    add_rows(model, 2)
    settle(qtbot)
    counter.paints = 0

    add_rows(model, 2)
    qtbot.waitUntil(lambda: counter.paints > 0)
    assert view.rowAt(view.visualRect(model.index(3, 0)).center().y()) == 3


@pytest.mark.parametrize("change", ["remove", "reset"])
def test_rows_removed_or_reset_after_a_page_below_still_repaint(qtbot, table,
                                                               change: str) -> None:
    view, model, counter = table
    add_rows(model, 100)
    settle(qtbot)
    counter.paints = 0

    add_rows(model, 50)  # out of sight, then in the same moment the visible rows change
    if change == "remove":
        model.removeRows(0, 5)
    else:
        model.clear()
        add_rows(model, 100)
    qtbot.waitUntil(lambda: counter.paints > 0)
    assert view.model().index(0, 0).data() == ("Mention 5" if change == "remove"
                                                else "Mention 0")
