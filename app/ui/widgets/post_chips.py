"""How a planned post looks on the calendar: its state's colour and words, its network icons, and
the chip itself, painted straight onto the view (a busy month holds thousands of posts, and one
widget each would make the month crawl).

Both calendar views paint with one ChipPainter, so a chip looks the same in the month and the
week, and both start drags with the same MIME type carrying the post's id.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QLocale,
    QMimeData,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTime,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from app.core.model import Network, OutboxState
from app.ui.resources import icon

MIME_TYPE = "application/x-community-desk-post"

# Each state's colour on a light theme and on a dark one. Colour is never the only sign: drafts
# have a dashed outline, the legend names every colour, and each chip's tooltip says its state.
_COLOURS: dict[OutboxState, tuple[str, str]] = {
    OutboxState.DRAFT: ("#6b7280", "#aeb4bf"),
    OutboxState.QUEUED: ("#1d5fbf", "#86b4f3"),
    OutboxState.SCHEDULED: ("#7b3fb5", "#c9a6f2"),
    OutboxState.SENDING: ("#1d5fbf", "#86b4f3"),
    OutboxState.SENT: ("#2e7d32", "#93d49b"),
    OutboxState.FAILED: ("#c62828", "#f19a9a"),
    OutboxState.MISSED: ("#a15c00", "#ffc77a"),
}
# The states the legend explains, in the order a post usually goes through them.
LEGEND = (OutboxState.DRAFT, OutboxState.QUEUED, OutboxState.SCHEDULED, OutboxState.SENT,
          OutboxState.FAILED, OutboxState.MISSED)
# A post that has left (or is leaving) stays where it went out; everything else can be moved.
FIXED = frozenset({OutboxState.SENT, OutboxState.SENDING})

CHIP_RADIUS = 3.0
BAR_WIDTH = 3  # the state's colour down the chip's left edge
PADDING = 4
ICON_GAP = 2


class Chip(Protocol):
    """What the views need of a post (app.services.posts.PostChip)."""

    @property
    def id(self) -> int: ...
    @property
    def local(self) -> datetime: ...
    @property
    def first_line(self) -> str: ...
    @property
    def networks(self) -> tuple[Network, ...]: ...
    @property
    def state(self) -> OutboxState: ...


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def state_colour(state: OutboxState, palette: QPalette) -> QColor:
    light, dark = _COLOURS.get(state, _COLOURS[OutboxState.DRAFT])
    return QColor(dark if is_dark(palette) else light)


def blend(colour: QColor, base: QColor, amount: float) -> QColor:
    """`amount` of `colour` over `base`: a tint that keeps text on it readable."""
    keep = 1.0 - amount
    return QColor(round(colour.red() * amount + base.red() * keep),
                  round(colour.green() * amount + base.green() * keep),
                  round(colour.blue() * amount + base.blue() * keep))


def state_text(state: OutboxState) -> str:
    translate = QCoreApplication.translate
    return {
        OutboxState.DRAFT: translate("PostChips", "Draft"),
        OutboxState.QUEUED: translate("PostChips", "Scheduled in the app"),
        OutboxState.SCHEDULED: translate("PostChips", "Scheduled on the server"),
        OutboxState.SENDING: translate("PostChips", "Publishing"),
        OutboxState.SENT: translate("PostChips", "Published"),
        OutboxState.FAILED: translate("PostChips", "Failed"),
        OutboxState.MISSED: translate("PostChips", "Missed"),
    }[state]


def state_explanation(state: OutboxState) -> str:
    """What the state means for the owner: the legend's tooltips and the editor's status."""
    translate = QCoreApplication.translate
    return {
        OutboxState.DRAFT: translate("PostChips", "Not scheduled: it waits for you to finish it."),
        OutboxState.QUEUED: translate(
            "PostChips", "Community Desk publishes it on time while it is running."),
        OutboxState.SCHEDULED: translate(
            "PostChips", "The server publishes it on time, even with this computer off."),
        OutboxState.SENDING: translate("PostChips", "Being published right now."),
        OutboxState.SENT: translate("PostChips", "Published."),
        OutboxState.FAILED: translate(
            "PostChips", "It could not be published: open it to see why."),
        OutboxState.MISSED: translate(
            "PostChips", "Its time passed while Community Desk was not running, so it was not "
            "published."),
    }[state]


def movable(state: OutboxState) -> bool:
    return state not in FIXED


def mime_for(post_id: int) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_TYPE, QByteArray(str(post_id).encode("ascii")))
    return mime


def post_id_from(mime: QMimeData | None) -> int | None:
    """The post a drag carries; None for anything else dropped on the calendar."""
    if mime is None or not mime.hasFormat(MIME_TYPE):
        return None
    try:
        return int(bytes(mime.data(MIME_TYPE).data()).decode("ascii"))
    except ValueError:
        return None


class ChipPainter:
    """Paints chips with one font, one palette and one set of icon pixmaps, kept between paints:
    a paint of a full month formats no time and renders no icon twice."""

    def __init__(self, widget: QWidget) -> None:
        self._widget = widget
        self._times: dict[tuple[int, int], str] = {}
        self._icons: dict[Network, QPixmap] = {}
        self._elided: dict[tuple[int, str, int], str] = {}
        self._backgrounds: dict[tuple[OutboxState, int, bool], QPixmap] = {}
        self._time_widths: dict[str, int] = {}
        self._key: tuple[object, ...] = ()
        self.refresh()

    def refresh(self) -> None:
        """Font, palette or screen changed: measure again."""
        widget = self._widget
        font = QFont(widget.font())
        self.font = font
        self.metrics = QFontMetrics(font)
        self.bold = QFont(font)
        self.bold.setWeight(QFont.Weight.DemiBold)
        self.bold_metrics = QFontMetrics(self.bold)
        self.height = self.metrics.height() + 4
        self.icon_size = max(10, self.metrics.height() - 3)
        ratio = widget.devicePixelRatioF()
        key = (font.key(), widget.palette().cacheKey(), ratio, QLocale().name())
        if key != self._key:
            self._key = key
            self._times.clear()
            self._icons.clear()
            self._elided.clear()
            self._backgrounds.clear()
            self._time_widths.clear()

    def time_text(self, moment: datetime) -> str:
        key = (moment.hour, moment.minute)
        text = self._times.get(key)
        if text is None:
            text = QLocale().toString(QTime(moment.hour, moment.minute),
                                      QLocale.FormatType.ShortFormat)
            self._times[key] = text
        return text

    def _icon(self, network: Network) -> QPixmap:
        pixmap = self._icons.get(network)
        if pixmap is None:
            side = self.icon_size
            pixmap = icon(network.value).pixmap(QSize(side, side),
                                                self._widget.devicePixelRatioF())
            self._icons[network] = pixmap
        return pixmap

    def elided(self, chip_id: int, text: str, width: int) -> str:
        key = (chip_id, text, width)
        found = self._elided.get(key)
        if found is None:
            if len(self._elided) > 4096:
                self._elided.clear()
            found = self.metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            self._elided[key] = found
        return found

    def _background(self, state: OutboxState, width: int, selected: bool) -> QPixmap:
        """The chip's box in its state's colours, drawn once per size and state: painting a
        month is then one pixmap per chip, not a path with its pens and brushes each time."""
        key = (state, width, selected)
        pixmap = self._backgrounds.get(key)
        if pixmap is not None:
            return pixmap
        palette = self._widget.palette()
        colour = state_colour(state, palette)
        base = palette.color(QPalette.ColorRole.Base)
        strong = state in (OutboxState.FAILED, OutboxState.MISSED)
        draft = state is OutboxState.DRAFT
        fill = base if draft else blend(colour, base, 0.26 if strong else 0.16)
        if selected:
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 2)
        elif draft:
            pen = QPen(colour, 1, Qt.PenStyle.DashLine)
        else:
            pen = QPen(blend(colour, base, 0.45), 1)
        ratio = self._widget.devicePixelRatioF()
        pixmap = QPixmap(max(1, round(width * ratio)), max(1, round(self.height * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(QRectF(0.5, 0.5, width - 1.0, self.height - 1.0), CHIP_RADIUS,
                                CHIP_RADIUS)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(QRect(1, 1, BAR_WIDTH, self.height - 2), colour)
        painter.end()
        if len(self._backgrounds) > 256:
            self._backgrounds.clear()
        self._backgrounds[key] = pixmap
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, chip: Chip, *, selected: bool = False) -> None:
        self.paint_all(painter, [(rect, chip, selected)])

    def paint_all(self, painter: QPainter,
                  chips: Iterable[tuple[QRect, Chip, bool]]) -> None:
        """Chips (rectangle, chip, selected) in three passes, boxes and icons, then times, then
        texts, so the painter changes font and pen twice per paint rather than per chip."""
        times: list[tuple[QRect, str]] = []
        texts: list[tuple[QRect, str]] = []
        size = self.icon_size
        for rect, chip, selected in chips:
            painter.drawPixmap(rect.topLeft(), self._background(chip.state, rect.width(),
                                                                selected))
            x = rect.left() + BAR_WIDTH + PADDING
            right = rect.right() - PADDING
            icon_top = rect.top() + (rect.height() - size) // 2
            for network in dict.fromkeys(chip.networks):
                if x + size > right:
                    break
                painter.drawPixmap(x, icon_top, self._icon(network))
                x += size + ICON_GAP
            x += PADDING - ICON_GAP
            if x >= right:
                continue
            time_text = self.time_text(chip.local)
            width = self._time_width(time_text)
            times.append((QRect(x, rect.top(), min(width, right - x), rect.height()), time_text))
            x += width + PADDING
            if x < right:
                texts.append((QRect(x, rect.top(), right - x, rect.height()),
                              self.elided(chip.id, chip.first_line, right - x)))
        if not times:
            return
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.setPen(self._widget.palette().color(QPalette.ColorRole.Text))
        painter.setFont(self.bold)
        for rect, text in times:
            painter.drawText(rect, flags, text)
        painter.setFont(self.font)
        for rect, text in texts:
            painter.drawText(rect, flags, text)

    def _time_width(self, text: str) -> int:
        width = self._time_widths.get(text)
        if width is None:
            width = self._time_widths[text] = self.bold_metrics.horizontalAdvance(text)
        return width

    def pixmap(self, chip: Chip, width: int) -> QPixmap:
        """The chip on its own, for the drag cursor."""
        ratio = self._widget.devicePixelRatioF()
        pixmap = QPixmap(round(width * ratio), round(self.height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, width, self.height), chip)
        painter.end()
        return pixmap


def chip_tooltip(chip: Chip, time_text: str, network_names: Iterable[str]) -> str:
    """Plain text for a chip's tooltip: when, where, in what state, and its first line."""
    translate = QCoreApplication.translate
    return translate("PostChips", "{time} · {networks} · {state}\n{text}").format(
        time=time_text, networks=", ".join(network_names), state=state_text(chip.state),
        text=chip.first_line)
