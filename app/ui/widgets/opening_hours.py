"""Opening hours per weekday: closed, or open in one or two periods (a break at lunch, say).

The value is Settings.opening_hours: {"1": [["09:00", "12:00"], ["13:00", "18:00"]], ...} with
ISO weekdays, Monday = "1"; a closed day is absent. No open day at all ({}) means every hour
counts towards a mention's waiting time (app.core.hours). A period that ends at midnight is
stored as "24:00"; an end before its start is a period that runs past midnight.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QTimeEdit,
    QToolButton,
    QWidget,
)

OpeningHours = dict[str, list[list[str]]]

DAYS = range(1, 8)  # ISO weekdays, Monday first
_STORED = "HH:mm"
_DEFAULT = (QTime(9, 0), QTime(18, 0))
_BREAK = (QTime(12, 0), QTime(13, 0))  # a new second period splits the day around lunch


def parse_clock(text: str) -> QTime:
    """"09:30" as a QTime; "24:00" (the end of the day) as midnight."""
    if text == "24:00":
        return QTime(0, 0)
    time = QTime.fromString(text, _STORED)
    return time if time.isValid() else QTime(0, 0)


def format_clock(time: QTime, *, end: bool = False) -> str:
    return "24:00" if end and time == QTime(0, 0) else time.toString(_STORED)


@dataclass
class _Day:
    """The widgets of one weekday's row."""

    open: QCheckBox
    closed: QLabel
    start: QTimeEdit
    to: QLabel
    end: QTimeEdit
    start2: QTimeEdit
    to2: QLabel
    end2: QTimeEdit
    split: QToolButton
    two_periods: bool = False


class OpeningHoursEditor(QWidget):
    hoursChanged = Signal(dict)  # OpeningHours, after each change the user makes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        locale = QLocale()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        self.days: dict[int, _Day] = {}
        for row, day in enumerate(DAYS):
            name = locale.dayName(day, QLocale.FormatType.LongFormat)
            check = QCheckBox(name, self)
            check.setToolTip(self.tr("Open on {day}").format(day=name))
            closed = QLabel(self.tr("Closed"), self)
            widgets = _Day(check, closed, self._time(name), self._dash(), self._time(name),
                           self._time(name), self._dash(), self._time(name),
                           QToolButton(self))
            grid.addWidget(check, row, 0)
            grid.addWidget(closed, row, 1, 1, 3)
            for column, widget in enumerate((widgets.start, widgets.to, widgets.end), 1):
                grid.addWidget(widget, row, column)
            # A little air between the two periods of a day.
            for column, widget in enumerate((widgets.start2, widgets.to2, widgets.end2), 5):
                grid.addWidget(widget, row, column)
            grid.addWidget(widgets.split, row, 8)
            self.days[day] = widgets
            # Closed days as tall as open ones, so the week reads as an even table.
            grid.setRowMinimumHeight(row, widgets.start.sizeHint().height())
            check.toggled.connect(lambda on, day=day: self._on_open_toggled(day, on))
            widgets.split.clicked.connect(lambda _=False, day=day: self._on_split_clicked(day))
            for edit in (widgets.start, widgets.end, widgets.start2, widgets.end2):
                edit.timeChanged.connect(self._on_time_changed)
            self._show(day)
        grid.setColumnMinimumWidth(4, 12)
        grid.setColumnStretch(9, 1)

    def _time(self, day_name: str) -> QTimeEdit:
        edit = QTimeEdit(self)
        edit.setWrapping(True)  # 23:59 steps on to 00:00, as a clock does
        edit.setAccessibleName(day_name)
        return edit

    def _dash(self) -> QLabel:
        return QLabel("–", self)

    # The value ---------------------------------------------------------------------------------
    def hours(self) -> OpeningHours:
        result: OpeningHours = {}
        for day, w in self.days.items():
            if not w.open.isChecked():
                continue
            periods = [[format_clock(w.start.time()), format_clock(w.end.time(), end=True)]]
            if w.two_periods:
                periods.append([format_clock(w.start2.time()),
                                format_clock(w.end2.time(), end=True)])
            result[str(day)] = periods
        return result

    def set_hours(self, hours: OpeningHours) -> None:
        """Show stored hours (without emitting hoursChanged). Only two periods a day are
        shown; a hand-edited third is dropped at the next change."""
        for day, w in self.days.items():
            periods = hours.get(str(day)) or []
            for widget in (w.open, w.start, w.end, w.start2, w.end2):
                widget.blockSignals(True)
            try:
                w.open.setChecked(bool(periods))
                first = periods[0] if periods else None
                w.start.setTime(parse_clock(first[0]) if first else _DEFAULT[0])
                w.end.setTime(parse_clock(first[1]) if first else _DEFAULT[1])
                w.two_periods = len(periods) > 1
                if w.two_periods:
                    w.start2.setTime(parse_clock(periods[1][0]))
                    w.end2.setTime(parse_clock(periods[1][1]))
            finally:
                for widget in (w.open, w.start, w.end, w.start2, w.end2):
                    widget.blockSignals(False)
            self._show(day)

    # Editing -----------------------------------------------------------------------------------
    def _on_open_toggled(self, day: int, on: bool) -> None:
        if on:
            self._copy_nearest_open_day(day)
        self._show(day)
        self.hoursChanged.emit(self.hours())

    def _copy_nearest_open_day(self, day: int) -> None:
        """A day just opened takes the hours of the closest open day before it (most shops
        keep the same hours most days), else 9 to 6."""
        w = self.days[day]
        for back in range(1, 7):
            other = self.days[(day - back - 1) % 7 + 1]
            if other.open.isChecked():
                times = (other.start.time(), other.end.time(), other.start2.time(),
                         other.end2.time())
                two = other.two_periods
                break
        else:
            times = (*_DEFAULT, *_DEFAULT)
            two = False
        for edit, time in zip((w.start, w.end, w.start2, w.end2), times, strict=True):
            edit.blockSignals(True)
            edit.setTime(time)
            edit.blockSignals(False)
        w.two_periods = two

    def _on_split_clicked(self, day: int) -> None:
        w = self.days[day]
        if w.two_periods:
            w.two_periods = False
        else:
            start, end = w.start.time(), w.end.time()
            if start < _BREAK[0] and (_BREAK[1] < end or end == QTime(0, 0)):
                # 9–18 becomes 9–12 and 13–18.
                pieces = (start, _BREAK[0], _BREAK[1], end)
            else:
                pieces = (start, end, end.addSecs(3600), end.addSecs(3 * 3600))
            for edit, time in zip((w.start, w.end, w.start2, w.end2), pieces, strict=True):
                edit.blockSignals(True)
                edit.setTime(time)
                edit.blockSignals(False)
            w.two_periods = True
        self._show(day)
        self.hoursChanged.emit(self.hours())

    def _on_time_changed(self, _time: QTime) -> None:
        self.hoursChanged.emit(self.hours())

    def _show(self, day: int) -> None:
        w = self.days[day]
        is_open = w.open.isChecked()
        w.closed.setVisible(not is_open)
        for widget in (w.start, w.to, w.end, w.split):
            widget.setVisible(is_open)
        for widget in (w.start2, w.to2, w.end2):
            widget.setVisible(is_open and w.two_periods)
        name = w.open.text()
        if w.two_periods:
            w.split.setText("×")
            w.split.setToolTip(self.tr("Remove the second period"))
            w.split.setAccessibleName(self.tr("Remove the second period of {day}")
                                      .format(day=name))
        else:
            w.split.setText("+")
            w.split.setToolTip(self.tr("Add a second period, for a break"))
            w.split.setAccessibleName(self.tr("Add a second period to {day}").format(day=name))
