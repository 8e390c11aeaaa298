"""The month and week views on their own: where each day, hour and chip sits (the same
rectangles painting and hit-testing use), keys on a selected chip, and a busy hour's "+N more"."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt

from app.core.model import Network, OutboxState, PostChip
from app.ui.widgets.calendar_month import MonthView, grid_start
from app.ui.widgets.calendar_week import WeekView
from app.ui.widgets.post_chips import mime_for, movable, post_id_from

TOKYO = ZoneInfo("Asia/Tokyo")


def chip(post_id: int, day: int, hour: int, minute: int = 0,
         state: OutboxState = OutboxState.QUEUED) -> PostChip:
    return PostChip(post_id, datetime(2026, 3, day, hour, minute, tzinfo=TOKYO), f"Post {post_id}",
                    (Network.MASTODON,), state)


@pytest.mark.parametrize(("first_weekday", "expected"), [
    (Qt.DayOfWeek.Sunday, date(2026, 3, 1)),  # March 2026 starts on a Sunday
    (Qt.DayOfWeek.Monday, date(2026, 2, 23)),
    (Qt.DayOfWeek.Saturday, date(2026, 2, 28)),
])
def test_the_grid_starts_on_the_locales_first_day(first_weekday, expected) -> None:
    assert grid_start(2026, 3, first_weekday) == expected


@pytest.fixture
def month(qtbot) -> MonthView:
    view = MonthView()
    qtbot.addWidget(view)
    view.resize(980, 640)
    view.set_month(2026, 3, first_weekday=Qt.DayOfWeek.Sunday, today=date(2026, 3, 18))
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def week(qtbot) -> WeekView:
    view = WeekView()
    qtbot.addWidget(view)
    view.resize(980, 640)
    view.set_week(date(2026, 3, 15), today=date(2026, 3, 18), now=datetime(2026, 3, 18, 9, 30))
    view.show()
    qtbot.waitExposed(view)
    return view


def test_chips_sit_in_their_day_in_time_order(month) -> None:
    month.set_chips([chip(2, 18, 15), chip(1, 18, 9), chip(3, 19, 8)])
    assert month.shown_chips(date(2026, 3, 18)) == [1, 2]
    first, second = month.chip_rect(1), month.chip_rect(2)
    assert month.cell_rect(date(2026, 3, 18)).contains(first)
    assert first.top() < second.top()
    assert month.chip_at(first.center()).id == 1
    assert month.day_at(month.cell_rect(date(2026, 3, 19)).center()) == date(2026, 3, 19)


def test_the_week_finds_the_hour_under_the_pointer_as_it_scrolls(week) -> None:
    week.set_chips([chip(1, 19, 14, 20)])
    week.scroll_to_hour(6)
    rect = week.slot_rect(datetime(2026, 3, 19, 14))
    assert week.time_at(rect.center()) == datetime(2026, 3, 19, 14)
    assert week.chip_at(week.chip_rect(1).center()).id == 1
    before = rect.top()
    week.verticalScrollBar().setValue(week.verticalScrollBar().value() + 50)
    assert week.slot_rect(datetime(2026, 3, 19, 14)).top() == before - 50
    assert week.slot_at(QPoint(5, 200)) is None  # over the hours down the left


def test_a_busy_hour_shows_plus_n_more_and_lists_them_all(week) -> None:
    week.set_chips([chip(n, 20, 10, n) for n in range(1, 6)])
    hour = datetime(2026, 3, 20, 10)
    assert week.hidden_count(hour) == 4
    assert week.more_rect(hour).isValid()
    assert [c.id for c in week.slot_chips(hour)] == [1, 2, 3, 4, 5]


def test_enter_edits_and_delete_removes_the_selected_chip(qtbot, month) -> None:
    month.set_chips([chip(7, 18, 9)])
    edits, deletes = [], []
    month.chipActivated.connect(edits.append)
    month.deleteRequested.connect(deletes.append)
    qtbot.mouseClick(month, Qt.MouseButton.LeftButton, pos=month.chip_rect(7).center())
    qtbot.keyClick(month, Qt.Key.Key_Return)
    qtbot.keyClick(month, Qt.Key.Key_Delete)
    assert edits == [7] and deletes == [7]


def test_a_drag_carries_the_post_id_and_nothing_else_is_taken(qapp) -> None:
    from PySide6.QtCore import QMimeData

    assert post_id_from(mime_for(42)) == 42
    other = QMimeData()
    other.setText("42")
    assert post_id_from(other) is None
    assert not movable(OutboxState.SENT) and movable(OutboxState.MISSED)


def test_the_views_paint_every_state_without_widgets_per_post(month, week) -> None:
    chips = [chip(n + 1, 16 + n, 10, state=state) for n, state in enumerate(OutboxState)]
    month.set_chips(chips)
    week.set_chips(chips)
    assert not month.findChildren(type(month))
    assert month.grab().width() == month.width()
    assert week.grab().width() == week.width()
