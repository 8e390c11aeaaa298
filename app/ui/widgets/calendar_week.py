"""The calendar's week: seven days side by side, an hour per row, each post a chip in the hour it
goes out, all painted by this one scrolling widget.

The day names stay at the top and the hours down the left while the day scrolls beneath them;
a line marks the present moment in today's column. As in the month, the layout is worked out
once per size, week or set of posts (in the scrolled content's coordinates), and painting and
hit-testing both read it. An hour with more posts than fit shows "+N more", which lists them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLine,
    QLocale,
    QPoint,
    QRect,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import (
    QColor,
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
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QFrame, QToolTip, QWidget

from app.ui.look import secondary_colour
from app.ui.widgets.calendar_month import by_day
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

DAYS = 7
HOURS = 24
CHIP_GAP = 2
SLOT_MARGIN = 3
CHIPS_PER_HOUR = 2  # an hour is tall enough for this many chips before "+N more"
NOW_COLOUR = QColor("#d93025")
AUTOSCROLL_EDGE = 24  # a drag this close to the top or bottom scrolls the day
AUTOSCROLL_STEP = 16


@dataclass(slots=True)
class _Slot:
    day: int  # 0..6 from the week's first day
    hour: int
    rect: QRect  # in content coordinates: y from midnight, under the header
    chips: list[tuple[QRect, Chip]] = field(default_factory=list)
    more: QRect | None = None
    hidden: list[Chip] = field(default_factory=list)


class WeekView(QAbstractScrollArea):
    slotClicked = Signal(object)  # datetime (local): plan a post at that hour
    chipActivated = Signal(int)
    chipMenuRequested = Signal(int, QPoint)
    chipDropped = Signal(int, object)  # post id, the local datetime of the hour dropped on
    moreClicked = Signal(object, QPoint)  # the hour's local datetime, global position
    deleteRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAcceptDrops(True)
        self.viewport().setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(QCoreApplication.translate("WeekView", "Week"))
        self.chips = ChipPainter(self)
        self._start = date(2000, 1, 3)
        self._today = date.today()
        self._now: datetime | None = None
        self._by_day: dict[date, list[Chip]] = {}
        self._by_id: dict[int, Chip] = {}
        self._slots: list[_Slot] = []
        self._dirty = True
        self._header = 0
        self._gutter = 0
        self._row = 0
        self.selected: int | None = None
        self._hover: tuple[int, int] | None = None
        self._drop: tuple[int, int] | None = None
        self._dragging: int | None = None
        self._press: tuple[QPoint, int | None, tuple[int, int] | None] | None = None
        self._measure()

    # What is shown ---------------------------------------------------------------------------
    def set_week(self, start: date, *, today: date, now: datetime | None = None) -> None:
        self._start = start
        self._today = today
        self._now = now
        self._invalidate()

    def set_now(self, today: date, now: datetime | None) -> None:
        self._today, self._now = today, now
        self.viewport().update()

    def set_chips(self, chips: Iterable[Chip]) -> None:
        listed = list(chips)
        self._by_id = {chip.id: chip for chip in listed}
        self._by_day = by_day(listed)
        if self.selected not in self._by_id:
            self.selected = None
        self._invalidate()

    @property
    def first_day(self) -> date:
        return self._start

    @property
    def last_day(self) -> date:
        return self._start + timedelta(days=DAYS - 1)

    def chip(self, post_id: int) -> Chip | None:
        return self._by_id.get(post_id)

    def scroll_to_hour(self, hour: int) -> None:
        self._layout()
        self.verticalScrollBar().setValue(max(0, hour) * self._row)

    def first_hour_with_posts(self) -> int | None:
        hours = [chip.local.hour for day in range(DAYS)
                 for chip in self._by_day.get(self._start + timedelta(days=day), ())]
        return min(hours) if hours else None

    # Geometry --------------------------------------------------------------------------------
    def _measure(self) -> None:
        self.chips.refresh()
        metrics = self.fontMetrics()
        self._header = metrics.height() * 2 + 12
        self._gutter = max(metrics.horizontalAdvance(self.hour_text(h)) for h in range(HOURS)) + 14
        self._row = max(CHIPS_PER_HOUR * (self.chips.height + CHIP_GAP) + CHIP_GAP
                        + 2 * SLOT_MARGIN, metrics.height() * 2 + 8)

    def _invalidate(self) -> None:
        self._dirty = True
        self.viewport().update()

    def _column(self, day: int) -> tuple[int, int]:
        width = self.viewport().width() - self._gutter
        return (self._gutter + round(day * width / DAYS),
                self._gutter + round((day + 1) * width / DAYS))

    def _layout(self) -> list[_Slot]:
        if not self._dirty:
            return self._slots
        self._dirty = False
        self._measure()
        self._update_scroll_range()
        step = self.chips.height + CHIP_GAP
        room = (self._row - 2 * SLOT_MARGIN + CHIP_GAP) // step
        slots = []
        for day in range(DAYS):
            left, right = self._column(day)
            hours: dict[int, list[Chip]] = {}
            for chip in self._by_day.get(self._start + timedelta(days=day), ()):
                hours.setdefault(chip.local.hour, []).append(chip)
            for hour in range(HOURS):
                top = hour * self._row
                slot = _Slot(day, hour, QRect(left, top, right - left, self._row))
                chips = hours.get(hour, [])
                shown = len(chips) if len(chips) <= room else max(0, room - 1)
                y = top + SLOT_MARGIN
                width = right - left - 2 * SLOT_MARGIN
                for chip in chips[:shown]:
                    slot.chips.append((QRect(left + SLOT_MARGIN, y, width, self.chips.height),
                                       chip))
                    y += step
                if shown < len(chips):
                    slot.hidden = chips[shown:]
                    slot.more = QRect(left + SLOT_MARGIN, y, width, self.chips.height)
                slots.append(slot)
        self._slots = slots
        return slots

    def _update_scroll_range(self) -> None:
        bar = self.verticalScrollBar()
        visible = max(0, self.viewport().height() - self._header)
        bar.setRange(0, max(0, HOURS * self._row - visible))
        bar.setPageStep(visible)
        bar.setSingleStep(max(1, self._row // 2))

    def _offset(self) -> int:
        """Content y to viewport y: under the header, less what is scrolled away."""
        return self._header - self.verticalScrollBar().value()

    def _to_view(self, rect: QRect) -> QRect:
        return rect.translated(0, self._offset())

    def _slot(self, day: int, hour: int) -> _Slot | None:
        if not (0 <= day < DAYS and 0 <= hour < HOURS):
            return None
        return self._layout()[day * HOURS + hour]

    def slot_at(self, pos: QPoint) -> tuple[int, int] | None:
        """(day, hour) under a viewport position; None over the header or the hours."""
        self._layout()
        if pos.y() < self._header or pos.x() < self._gutter:
            return None
        y = pos.y() - self._offset()
        hour = y // self._row if self._row else -1
        for day in range(DAYS):
            left, right = self._column(day)
            if left <= pos.x() < right and 0 <= hour < HOURS:
                return day, hour
        return None

    def time_at(self, pos: QPoint) -> datetime | None:
        found = self.slot_at(pos)
        if found is None:
            return None
        day, hour = found
        return datetime.combine(self._start + timedelta(days=day), time(hour))

    def chip_at(self, pos: QPoint) -> Chip | None:
        found = self.slot_at(pos)
        slot = self._slot(*found) if found is not None else None
        if slot is None:
            return None
        return next((chip for rect, chip in slot.chips if self._to_view(rect).contains(pos)),
                    None)

    def _more_at(self, pos: QPoint) -> _Slot | None:
        found = self.slot_at(pos)
        slot = self._slot(*found) if found is not None else None
        if slot is not None and slot.more is not None and self._to_view(slot.more).contains(pos):
            return slot
        return None

    def slot_rect(self, moment: datetime) -> QRect:
        """Where an hour sits in the viewport now (tests click and drop there)."""
        slot = self._slot((moment.date() - self._start).days, moment.hour)
        return self._to_view(slot.rect) if slot is not None else QRect()

    def chip_rect(self, post_id: int) -> QRect:
        for slot in self._layout():
            for rect, chip in slot.chips:
                if chip.id == post_id:
                    return self._to_view(rect)
        return QRect()

    def hidden_count(self, moment: datetime) -> int:
        slot = self._slot((moment.date() - self._start).days, moment.hour)
        return len(slot.hidden) if slot is not None else 0

    def more_rect(self, moment: datetime) -> QRect:
        slot = self._slot((moment.date() - self._start).days, moment.hour)
        return self._to_view(slot.more) if slot is not None and slot.more is not None else QRect()

    def slot_chips(self, moment: datetime) -> list[Chip]:
        """Every post in an hour, shown or hidden behind "+N more"."""
        slot = self._slot((moment.date() - self._start).days, moment.hour)
        if slot is None:
            return []
        return [chip for _rect, chip in slot.chips] + slot.hidden

    @staticmethod
    def hour_text(hour: int) -> str:
        return QLocale().toString(QTime(hour, 0), QLocale.FormatType.ShortFormat)

    # Painting --------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        slots = self._layout()
        viewport = self.viewport()
        painter = QPainter(viewport)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.Text)
        soft = secondary_colour(palette)
        line = blend(text, base, 0.16)
        faint = blend(text, base, 0.07)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        width, height = viewport.width(), viewport.height()
        offset = self._offset()
        painter.fillRect(viewport.rect(), base)
        today = (self._today - self._start).days
        if 0 <= today < DAYS:
            left, right = self._column(today)
            painter.fillRect(QRect(left, self._header, right - left, height),
                             blend(highlight, base, 0.05))
        clip = event.rect()
        first_hour = max(0, (clip.top() - offset) // self._row)
        last_hour = min(HOURS - 1, (clip.bottom() - offset) // self._row)
        # Hour lines, fainter half hours, and the days' edges: one call for each pen.
        hours = range(first_hour, last_hour + 2)
        painter.setPen(faint)
        painter.drawLines([QLine(self._gutter, offset + h * self._row + self._row // 2, width,
                                 offset + h * self._row + self._row // 2) for h in hours])
        painter.setPen(line)
        painter.drawLines([QLine(self._gutter - 4, offset + h * self._row, width,
                                 offset + h * self._row) for h in hours]
                          + [QLine(x, self._header, x, height) for x in
                             [self._column(day)[0] for day in range(DAYS)] + [width - 1]])
        if self._drop is not None:
            slot = self._slot(*self._drop)
            if slot is not None:
                rect = self._to_view(slot.rect)
                painter.fillRect(rect, blend(highlight, base, 0.16))
                painter.setPen(highlight)
                painter.drawRect(rect.adjusted(1, 1, -2, -2))
        visible = [slot for slot in slots if first_hour <= slot.hour <= last_hour]
        shown, dragged = [], []
        for slot in visible:
            for rect, chip in slot.chips:
                (dragged if chip.id == self._dragging else shown).append(
                    (self._to_view(rect), chip, chip.id == self.selected))
        self.chips.paint_all(painter, shown)
        if dragged:
            painter.setOpacity(0.35)
            self.chips.paint_all(painter, dragged)
            painter.setOpacity(1.0)
        painter.setFont(self.font())
        painter.setPen(soft)
        left_middle = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        for slot in visible:
            if slot.more is not None:
                painter.drawText(self._to_view(slot.more).adjusted(4, 0, 0, 0), left_middle,
                                 self.tr("+%n more", "", len(slot.hidden)))
        if self._drop is None and self._hover is not None and self._dragging is None:
            slot = self._slot(*self._hover)
            if slot is not None and not slot.chips and not slot.hidden:
                painter.drawText(self._to_view(slot.rect).adjusted(SLOT_MARGIN + 2, 0, 0, 0),
                                 left_middle, "+ " + self.hour_text(slot.hour))
        self._paint_now(painter, today, offset)
        # The hours down the left, then the day names over everything that scrolled under.
        painter.fillRect(QRect(0, self._header, self._gutter - 4, height), base)
        painter.setFont(self.font())
        painter.setPen(soft)
        metrics = self.fontMetrics()
        for hour in range(max(1, first_hour), last_hour + 1):
            y = offset + hour * self._row
            if y - metrics.height() // 2 < self._header:
                continue  # half under the day names: the next one down says where this is
            painter.drawText(QRect(0, y - metrics.height() // 2, self._gutter - 8,
                                   metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             self.hour_text(hour))
        self._paint_header(painter, window, text, soft, highlight, line)
        painter.end()

    def _paint_now(self, painter: QPainter, today: int, offset: int) -> None:
        if self._now is None or not 0 <= today < DAYS:
            return
        left, right = self._column(today)
        y = offset + round((self._now.hour + self._now.minute / 60) * self._row)
        if y < self._header:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(NOW_COLOUR)
        painter.drawLine(left, y, right, y)
        painter.setBrush(NOW_COLOUR)
        painter.drawEllipse(QPoint(left, y), 3, 3)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def _paint_header(self, painter: QPainter, window: QColor, text: QColor, soft: QColor,
                      highlight: QColor, line: QColor) -> None:
        width = self.viewport().width()
        painter.fillRect(QRect(0, 0, width, self._header), window)
        painter.setPen(line)
        painter.drawLine(0, self._header - 1, width, self._header - 1)
        locale = QLocale()
        metrics = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        for day in range(DAYS):
            left, right = self._column(day)
            moment = self._start + timedelta(days=day)
            name = locale.dayName(moment.isoweekday(), QLocale.FormatType.ShortFormat)
            top = 4
            painter.setFont(self.font())
            painter.setPen(soft)
            painter.drawText(QRect(left, top, right - left, metrics.height()),
                             Qt.AlignmentFlag.AlignCenter, name)
            number = str(moment.day)
            box = QRect(0, 0, max(metrics.height() + 4, metrics.horizontalAdvance(number) + 10),
                        metrics.height() + 4)
            box.moveCenter(QPoint((left + right) // 2, top + metrics.height() * 3 // 2 + 3))
            if moment == self._today:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(highlight)
                painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
                painter.setFont(bold)
                painter.setPen(self.palette().color(QPalette.ColorRole.HighlightedText))
            else:
                painter.setFont(self.font())
                painter.setPen(text)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, number)

    # Mouse and keys --------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        pos = event.position().toPoint()
        chip = self.chip_at(pos)
        post_id = chip.id if chip is not None else None
        self._press = (pos, post_id, self.slot_at(pos))
        if post_id != self.selected:
            self.selected = post_id
            self.viewport().update()
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if not event.buttons():
            found = self.slot_at(pos)
            if found != self._hover:
                # Only the two hours the hint moves between are painted again.
                for changed in (self._hover, found):
                    slot = self._slot(*changed) if changed is not None else None
                    if slot is not None:
                        self.viewport().update(self._to_view(slot.rect))
                self._hover = found
            return
        if self._press is None or self._press[1] is None:
            return
        start, post_id, _slot = self._press
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
        _start, post_id, found = press
        if post_id is not None or found is None or self.slot_at(pos) != found:
            return
        more = self._more_at(pos)
        moment = self.time_at(pos)
        if moment is None:
            return
        if more is not None:
            self.moreClicked.emit(moment, self.viewport().mapToGlobal(pos))
        elif self.chip_at(pos) is None:
            self.slotClicked.emit(moment)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        chip = self.chip_at(event.position().toPoint())
        if chip is not None and event.button() == Qt.MouseButton.LeftButton:
            self._press = None
            self.chipActivated.emit(chip.id)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = None
        self.viewport().update()
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
        self.viewport().update()
        self.chipMenuRequested.emit(chip.id, self.viewport().mapToGlobal(pos))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.selected is not None and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.chipActivated.emit(self.selected)
        elif self.selected is not None and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.deleteRequested.emit(self.selected)
        elif key == Qt.Key.Key_Escape and self.selected is not None:
            self.selected = None
            self.viewport().update()
        else:
            super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            self._show_tooltip(event)  # type: ignore[arg-type]
            return True
        return super().viewportEvent(event)

    def _show_tooltip(self, event: QHelpEvent) -> None:
        pos = event.pos()
        chip = self.chip_at(pos)
        more = self._more_at(pos)
        if chip is not None:
            text = chip_tooltip(chip, self.chips.time_text(chip.local),
                                (network_name(n) for n in dict.fromkeys(chip.networks)))
        elif more is not None:
            text = "\n".join(f"{self.chips.time_text(c.local)}  {c.first_line}"
                             for c in more.hidden[:12])
        elif self.slot_at(pos) is not None:
            text = self.tr("Click to plan a post at this hour")
        else:
            text = ""
        if text:
            QToolTip.showText(event.globalPos(), text, self.viewport())
        else:
            QToolTip.hideText()

    # Drag and drop ---------------------------------------------------------------------------
    def start_drag(self, chip: Chip, hot_spot: QPoint) -> None:
        rect = self.chip_rect(chip.id)
        drag = QDrag(self)
        drag.setMimeData(mime_for(chip.id))
        drag.setPixmap(self.chips.pixmap(chip, max(rect.width(), 80)))
        drag.setHotSpot(hot_spot - rect.topLeft() if rect.isValid() else QPoint(8, 8))
        self._dragging = chip.id
        self.viewport().update()
        try:
            drag.exec(Qt.DropAction.MoveAction)
        finally:
            self._dragging = None
            self._drop = None
            self.viewport().update()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if post_id_from(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        pos = event.position().toPoint()
        bar = self.verticalScrollBar()
        if pos.y() < self._header + AUTOSCROLL_EDGE:
            bar.setValue(bar.value() - AUTOSCROLL_STEP)
        elif pos.y() > self.viewport().height() - AUTOSCROLL_EDGE:
            bar.setValue(bar.value() + AUTOSCROLL_STEP)
        found = self.slot_at(pos)
        if found is None or post_id_from(event.mimeData()) is None:
            event.ignore()
            return
        if found != self._drop:
            self._drop = found
            self.viewport().update()
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QEvent) -> None:
        self._drop = None
        self.viewport().update()

    def dropEvent(self, event: QDropEvent) -> None:
        pos = event.position().toPoint()
        post_id = post_id_from(event.mimeData())
        moment = self.time_at(pos)
        self._drop = None
        self.viewport().update()
        if post_id is None or moment is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.chipDropped.emit(post_id, moment)

    # Qt --------------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        self._dirty = True
        super().resizeEvent(event)
        self._layout()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange,
                            QEvent.Type.LanguageChange, QEvent.Type.LocaleChange):
            self._invalidate()
        super().changeEvent(event)
