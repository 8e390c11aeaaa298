"""The calendar's month: six weeks of seven days, each day with its posts as chips, painted by
this one widget.

The layout (where each day and chip sits) is worked out once per size, month or set of posts,
and both painting and hit-testing read it: a click, a drag or a tooltip asks the same rectangles
the owner sees. A day with more posts than fit shows "+N more", which opens that day's week.

The view only reports what the owner did (a day clicked, a chip double-clicked, dropped on
another day, or asked for its menu); the calendar screen decides what that means.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QEvent, QLine, QLocale, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from app.ui.look import secondary_colour
from app.ui.widgets.post_chips import (
    Chip,
    ChipPainter,
    blend,
    chip_tooltip,
    mime_for,
    movable,
    post_id_from,
)
from app.ui.widgets.text_counter import network_name

WEEKS = 6
DAYS = 7
CHIP_GAP = 2
CELL_MARGIN = 3
MORE_TIP_CHIPS = 12  # posts listed in the tooltip of "+N more"


def grid_start(year: int, month: int, first_weekday: Qt.DayOfWeek) -> date:
    """The first day the month's grid shows: the month's first day, or the closest day before
    it that starts a week in this locale."""
    first = date(year, month, 1)
    return first - timedelta(days=(first.isoweekday() - first_weekday.value) % DAYS)


def weekday_names(first_weekday: Qt.DayOfWeek) -> list[str]:
    locale = QLocale()
    return [locale.dayName((first_weekday.value - 1 + i) % DAYS + 1,
                           QLocale.FormatType.ShortFormat) for i in range(DAYS)]


def by_day(chips: Iterable[Chip]) -> dict[date, list[Chip]]:
    """Chips per local day, each day in time order (ties by id, so the order never jumps)."""
    days: dict[date, list[Chip]] = {}
    for chip in chips:
        days.setdefault(chip.local.date(), []).append(chip)
    for day_chips in days.values():
        day_chips.sort(key=lambda c: (c.local, c.id))
    return days


@dataclass(slots=True)
class _Cell:
    day: date
    rect: QRect
    chips: list[tuple[QRect, Chip]] = field(default_factory=list)
    more: QRect | None = None
    hidden: list[Chip] = field(default_factory=list)


class MonthView(QWidget):
    slotClicked = Signal(object)  # date: plan a post on that day
    chipActivated = Signal(int)  # post id: double-click or Enter, to edit it
    chipMenuRequested = Signal(int, QPoint)  # post id, global position
    chipDropped = Signal(int, object)  # post id, the date it was dropped on
    moreClicked = Signal(object)  # date whose "+N more" was clicked
    deleteRequested = Signal(int)  # post id: the Delete key on a selected chip

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName(QCoreApplication.translate("MonthView", "Month"))
        self.chips = ChipPainter(self)
        self._year, self._month = 2000, 1
        self._first_weekday = Qt.DayOfWeek.Monday
        self._start = grid_start(2000, 1, Qt.DayOfWeek.Monday)
        self._today = date.today()
        self._by_day: dict[date, list[Chip]] = {}
        self._by_id: dict[int, Chip] = {}
        self._cells: list[_Cell] = []
        self._names: list[str] = []
        self._header = 0
        self._dirty = True
        self.selected: int | None = None
        self._hover: date | None = None
        self._drop: date | None = None
        self._dragging: int | None = None
        self._press: tuple[QPoint, int | None, date | None] | None = None

    # What is shown ---------------------------------------------------------------------------
    def set_month(self, year: int, month: int, *, first_weekday: Qt.DayOfWeek,
                  today: date) -> None:
        self._year, self._month = year, month
        self._first_weekday = first_weekday
        self._start = grid_start(year, month, first_weekday)
        self._today = today
        self._names = weekday_names(first_weekday)
        self._invalidate()

    def set_chips(self, chips: Iterable[Chip]) -> None:
        listed = list(chips)
        self._by_id = {chip.id: chip for chip in listed}
        self._by_day = by_day(listed)
        if self.selected not in self._by_id:
            self.selected = None
        self._invalidate()

    def set_today(self, today: date) -> None:
        if today != self._today:
            self._today = today
            self.update()

    @property
    def first_day(self) -> date:
        return self._start

    @property
    def last_day(self) -> date:
        return self._start + timedelta(days=WEEKS * DAYS - 1)

    @property
    def first_weekday(self) -> Qt.DayOfWeek:
        return self._first_weekday

    def chip(self, post_id: int) -> Chip | None:
        return self._by_id.get(post_id)

    # Geometry (read by painting, hit-testing and tests alike) ----------------------------------
    def _invalidate(self) -> None:
        self._dirty = True
        self.update()

    def _layout(self) -> list[_Cell]:
        if not self._dirty:
            return self._cells
        self._dirty = False
        self.chips.refresh()
        metrics = self.fontMetrics()
        self._header = metrics.height() + 10
        width, height = self.width(), self.height() - self._header
        day_height = metrics.height() + 6
        step = self.chips.height + CHIP_GAP
        cells = []
        for index in range(WEEKS * DAYS):
            row, column = divmod(index, DAYS)
            left, right = round(column * width / DAYS), round((column + 1) * width / DAYS)
            top = self._header + round(row * height / WEEKS)
            bottom = self._header + round((row + 1) * height / WEEKS)
            day = self._start + timedelta(days=index)
            cell = _Cell(day, QRect(left, top, right - left, bottom - top))
            chips = self._by_day.get(day, ())
            y = top + day_height
            room = max(0, (bottom - CELL_MARGIN - y + CHIP_GAP) // step)
            shown = len(chips) if len(chips) <= room else max(0, room - 1)
            chip_width = right - left - 2 * CELL_MARGIN
            for chip in chips[:shown]:
                cell.chips.append((QRect(left + CELL_MARGIN, y, chip_width, self.chips.height),
                                   chip))
                y += step
            if shown < len(chips):
                cell.hidden = list(chips[shown:])
                if room:
                    cell.more = QRect(left + CELL_MARGIN, y, chip_width, self.chips.height)
            cells.append(cell)
        self._cells = cells
        return cells

    def cell_rect(self, day: date) -> QRect:
        cell = self._cell(day)
        return QRect(cell.rect) if cell is not None else QRect()

    def chip_rect(self, post_id: int) -> QRect:
        for cell in self._layout():
            for rect, chip in cell.chips:
                if chip.id == post_id:
                    return QRect(rect)
        return QRect()

    def more_rect(self, day: date) -> QRect:
        cell = self._cell(day)
        return QRect(cell.more) if cell is not None and cell.more is not None else QRect()

    def shown_chips(self, day: date) -> list[int]:
        cell = self._cell(day)
        return [chip.id for _rect, chip in cell.chips] if cell is not None else []

    def hidden_count(self, day: date) -> int:
        cell = self._cell(day)
        return len(cell.hidden) if cell is not None else 0

    def _cell(self, day: date) -> _Cell | None:
        index = (day - self._start).days
        cells = self._layout()
        return cells[index] if 0 <= index < len(cells) else None

    def day_at(self, pos: QPoint) -> date | None:
        for cell in self._layout():
            if cell.rect.contains(pos):
                return cell.day
        return None

    def chip_at(self, pos: QPoint) -> Chip | None:
        for cell in self._layout():
            if cell.rect.contains(pos):
                return next((chip for rect, chip in cell.chips if rect.contains(pos)), None)
        return None

    def _more_at(self, pos: QPoint) -> date | None:
        for cell in self._layout():
            if cell.more is not None and cell.more.contains(pos):
                return cell.day
        return None

    # Painting --------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        """In passes (fills, chips, numbers, lines), each with its own pen and font, so a busy
        month costs a few painter changes, not a few per post."""
        cells = [cell for cell in self._layout() if cell.rect.intersects(event.rect())]
        painter = QPainter(self)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.Text)
        soft = secondary_colour(palette)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        width, height = self.width(), self.height()
        painter.fillRect(self.rect(), base)
        painter.fillRect(QRect(0, 0, width, self._header), window)
        outside = blend(window, base, 0.55)
        for cell in cells:
            if cell.day.month != self._month:
                painter.fillRect(cell.rect, outside)
            if cell.day == self._drop:
                painter.fillRect(cell.rect, blend(highlight, base, 0.14))

        dragged = []
        shown = []
        for cell in cells:
            for rect, chip in cell.chips:
                (dragged if chip.id == self._dragging else shown).append(
                    (rect, chip, chip.id == self.selected))
        self.chips.paint_all(painter, shown)
        if dragged:
            painter.setOpacity(0.35)
            self.chips.paint_all(painter, dragged)
            painter.setOpacity(1.0)

        metrics = self.fontMetrics()
        side = metrics.height() + 2
        centre = Qt.AlignmentFlag.AlignCenter
        numbers: dict[str, list[tuple[QRect, str]]] = {"in": [], "out": [], "today": []}
        for cell in cells:
            number = str(cell.day.day)
            box = QRect(cell.rect.left() + 4, cell.rect.top() + 3,
                        max(side, metrics.horizontalAdvance(number) + 8), side)
            kind = ("today" if cell.day == self._today else
                    "in" if cell.day.month == self._month else "out")
            numbers[kind].append((box, number))
        painter.setFont(self.font())
        painter.setPen(soft)
        for column, name in enumerate(self._names):
            left, right = round(column * width / DAYS), round((column + 1) * width / DAYS)
            painter.drawText(QRect(left, 0, right - left, self._header), centre, name)
        for box, number in numbers["out"]:
            painter.drawText(box, centre, number)
        more = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        for cell in cells:
            if cell.more is not None:
                painter.drawText(cell.more.adjusted(4, 0, 0, 0), more,
                                 self.tr("+%n more", "", len(cell.hidden)))
        hovered = self._cell(self._hover) if self._hover is not None else None
        if hovered is not None and self._dragging is None and hovered in cells:
            painter.drawText(QRect(hovered.rect.right() - side - 3, hovered.rect.top() + 3,
                                   side, side), centre, "+")
        painter.setPen(text)
        for box, number in numbers["in"]:
            painter.drawText(box, centre, number)
        for box, number in numbers["today"]:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(highlight)
            painter.drawRoundedRect(box, side / 2, side / 2)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            bold = QFont(self.font())
            bold.setBold(True)
            painter.setFont(bold)
            painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
            painter.drawText(box, centre, number)

        lines = []
        for row in range(WEEKS + 1):
            y = min(self._header + round(row * (height - self._header) / WEEKS), height - 1)
            lines.append(QLine(0, y, width, y))
        for column in range(1, DAYS):
            x = round(column * width / DAYS)
            lines.append(QLine(x, self._header, x, height))
        painter.setPen(blend(text, base, 0.16))
        painter.drawLines(lines)
        if self._drop is not None:
            cell = self._cell(self._drop)
            if cell is not None:
                painter.setPen(highlight)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(cell.rect.adjusted(1, 1, -2, -2))
        painter.end()

    # Mouse and keys --------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        pos = event.position().toPoint()
        chip = self.chip_at(pos)
        self._press = (pos, chip.id if chip is not None else None, self.day_at(pos))
        if (chip.id if chip is not None else None) != self.selected:
            self.selected = chip.id if chip is not None else None
            self.update()
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if not event.buttons():
            day = self.day_at(pos)
            if day != self._hover:
                # Only the two days the "+" moves between are painted again.
                for changed in (self._hover, day):
                    if changed is not None:
                        self.update(self.cell_rect(changed))
                self._hover = day
            return
        if self._press is None or self._press[1] is None:
            return
        start, post_id, _day = self._press
        if (pos - start).manhattanLength() < QApplication.startDragDistance():
            return
        chip = self._by_id.get(post_id)
        self._press = None
        if chip is not None and movable(chip.state):
            self.start_drag(chip, start)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, self._press = self._press, None
        if event.button() != Qt.MouseButton.LeftButton or press is None:
            return
        pos = event.position().toPoint()
        _start, post_id, day = press
        if post_id is not None or day is None or self.day_at(pos) != day:
            return
        more = self._more_at(pos)
        if more is not None:
            self.moreClicked.emit(more)
        elif self.chip_at(pos) is None:
            self.slotClicked.emit(day)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        chip = self.chip_at(event.position().toPoint())
        if chip is not None and event.button() == Qt.MouseButton.LeftButton:
            self._press = None
            self.chipActivated.emit(chip.id)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        pos = event.pos()
        chip = self.chip_at(pos)
        if chip is None and event.reason() == QContextMenuEvent.Reason.Keyboard and \
                self.selected is not None:
            rect = self.chip_rect(self.selected)
            if rect.isValid():
                chip, pos = self._by_id[self.selected], rect.center()
        if chip is None:
            return
        self.selected = chip.id
        self.update()
        self.chipMenuRequested.emit(chip.id, self.mapToGlobal(pos))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.selected is not None and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.chipActivated.emit(self.selected)
        elif self.selected is not None and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.deleteRequested.emit(self.selected)
        elif key == Qt.Key.Key_Escape and self.selected is not None:
            self.selected = None
            self.update()
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            self._show_tooltip(event)  # type: ignore[arg-type]
            return True
        return super().event(event)

    def _show_tooltip(self, event: QHelpEvent) -> None:
        pos = event.pos()
        chip = self.chip_at(pos)
        more = self._more_at(pos)
        if chip is not None:
            text = self.tooltip(chip)
        elif more is not None:
            cell = self._cell(more)
            hidden = cell.hidden if cell is not None else []
            lines = [self._tip_line(c) for c in hidden[:MORE_TIP_CHIPS]]
            if len(hidden) > MORE_TIP_CHIPS:
                lines.append("…")
            text = "\n".join(lines)
        elif self.day_at(pos) is not None:
            text = self.tr("Click to plan a post on this day")
        else:
            text = ""
        if text:
            QToolTip.showText(event.globalPos(), text, self)
        else:
            QToolTip.hideText()

    def tooltip(self, chip: Chip) -> str:
        return chip_tooltip(chip, self.chips.time_text(chip.local),
                            (network_name(n) for n in dict.fromkeys(chip.networks)))

    def _tip_line(self, chip: Chip) -> str:
        return f"{self.chips.time_text(chip.local)}  {chip.first_line}"

    # Drag and drop ---------------------------------------------------------------------------
    def start_drag(self, chip: Chip, hot_spot: QPoint) -> None:
        """Carry the post to another day; the drop (here or in the week) says where."""
        rect = self.chip_rect(chip.id)
        drag = QDrag(self)
        drag.setMimeData(mime_for(chip.id))
        drag.setPixmap(self.chips.pixmap(chip, max(rect.width(), 80)))
        drag.setHotSpot(hot_spot - rect.topLeft() if rect.isValid() else QPoint(8, 8))
        self._dragging = chip.id
        self.update()
        try:
            drag.exec(Qt.DropAction.MoveAction)
        finally:
            self._dragging = None
            self._drop = None
            self.update()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if post_id_from(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is None or post_id_from(event.mimeData()) is None:
            event.ignore()
            return
        if day != self._drop:
            self._drop = day
            self.update()
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QEvent) -> None:
        self._drop = None
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        post_id = post_id_from(event.mimeData())
        day = self.day_at(event.position().toPoint())
        self._drop = None
        self.update()
        if post_id is None or day is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.chipDropped.emit(post_id, day)

    # Qt --------------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        self._dirty = True
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange,
                            QEvent.Type.LanguageChange, QEvent.Type.LocaleChange):
            self._names = weekday_names(self._first_weekday)
            self.chips.refresh()
            self._invalidate()
        super().changeEvent(event)
