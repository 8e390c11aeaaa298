"""The weekly summary's two charts, painted with QPainter onto any device: the Reports screen's
widgets and the PDF call the same functions, so what is printed is what was seen.

Sizes come from the painter's font metrics on its own device (a 300 dpi PDF page or a screen),
never from pixel constants, so labels stay legible at both sizes. Nothing here touches a QPixmap
or a widget: the PDF is painted on the database worker, and Qt allows QPainter on a paint device
like QPdfWriter or QImage off the UI thread, not on pixmaps or widgets.

Colour is never the only sign: each network has a legend with its name, each bar its total, and
the busiest-hours cells their count when there is room (and a tooltip on screen).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen

from app.ui.report_words import NETWORKS, network_name

# Each network's colour on a light background and on a dark one: its own brand's hue, toned so
# the three stay apart side by side and text on a light page stays readable next to them.
_NETWORK_COLOURS: dict[str, tuple[str, str]] = {
    "mastodon": ("#5b4bd6", "#a79dff"),
    "bluesky": ("#1479d9", "#7dbdff"),
    "feed": ("#d9730d", "#ffb46b"),
}
_OTHER_COLOUR = ("#6b7280", "#aeb4bf")
_HEAT = ("#1d5fbf", "#86b4f3")  # the busiest hour's cell; quieter ones are lighter


@dataclass(frozen=True)
class ChartStyle:
    """Colours and the font a chart is painted with: from the window's palette on screen, black
    on white on paper."""

    text: QColor
    secondary: QColor
    grid: QColor
    base: QColor  # behind the cells
    dark: bool
    font: QFont

    @classmethod
    def from_palette(cls, palette: QPalette, font: QFont) -> ChartStyle:
        text = palette.color(QPalette.ColorRole.WindowText)
        back = palette.color(QPalette.ColorRole.Base)
        dark = back.lightness() < 128
        return cls(text=text, secondary=_mix(text, back, 0.68), grid=_mix(text, back, 0.18),
                   base=back, dark=dark, font=QFont(font))

    @classmethod
    def printed(cls, font: QFont) -> ChartStyle:
        return cls(text=QColor("#1a1a1a"), secondary=QColor("#555555"), grid=QColor("#d0d0d0"),
                   base=QColor("#ffffff"), dark=False, font=QFont(font))


def _mix(colour: QColor, base: QColor, amount: float) -> QColor:
    keep = 1.0 - amount
    return QColor(round(colour.red() * amount + base.red() * keep),
                  round(colour.green() * amount + base.green() * keep),
                  round(colour.blue() * amount + base.blue() * keep))


def network_colour(network: str, style: ChartStyle) -> QColor:
    light, dark = _NETWORK_COLOURS.get(network, _OTHER_COLOUR)
    return QColor(dark if style.dark else light)


def heat_colour(count: int, busiest: int, style: ChartStyle) -> QColor:
    """A cell's shade: empty hours the background, the busiest the full colour. Any mention at
    all is visibly darker than none."""
    if count <= 0 or busiest <= 0:
        return _mix(style.grid, style.base, 0.35)
    light, dark = _HEAT
    return _mix(QColor(dark if style.dark else light), style.base,
                0.18 + 0.82 * min(1.0, count / busiest))


def nice_scale(largest: int) -> tuple[int, int]:
    """(top, step) of the value axis: a round step, three to five lines, top at or over largest."""
    if largest <= 4:
        return 4, 1
    raw = largest / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return int(math.ceil(largest / step) * step), int(step)


def _number(value: int) -> str:
    return QLocale().toString(value)


def _pen(colour: QColor, width: float) -> QPen:
    pen = QPen(colour)
    pen.setWidthF(width)
    return pen


def _line_width(metrics: QFontMetricsF) -> float:
    return max(1.0, metrics.height() / 18)


# Mentions per day -----------------------------------------------------------------------------
def shown_networks(per_day: Sequence[Mapping[str, int]]) -> list[str]:
    """The networks the week has mentions from, in the app's order (all known ones if none)."""
    totals: dict[str, int] = {}
    for day in per_day:
        for network, count in day.items():
            totals[network] = totals.get(network, 0) + count
    present = [n for n in NETWORKS if totals.get(n)]
    present += sorted(n for n, count in totals.items() if count and n not in NETWORKS)
    return present or list(NETWORKS)


def per_day_min_height(metrics: QFontMetricsF) -> float:
    return metrics.height() * 9


def paint_per_day(painter: QPainter, rect: QRectF, per_day: Sequence[Mapping[str, int]],
                  labels: Sequence[str], style: ChartStyle) -> None:
    """Stacked bars, one per day, one colour per network; the legend on top, totals on the bars,
    the days (`labels`, Monday first) under them."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(style.font)
    metrics = QFontMetricsF(style.font, painter.device())
    line = metrics.height()
    gap = line * 0.5
    networks = shown_networks(per_day)

    # Legend: a swatch and a name for each network, left to right.
    x = rect.left()
    swatch = line * 0.7
    for network in networks:
        painter.fillRect(QRectF(x, rect.top() + (line - swatch) / 2, swatch, swatch),
                         network_colour(network, style))
        x += swatch + line * 0.3
        name = network_name(network)
        painter.setPen(style.text)
        painter.drawText(QRectF(x, rect.top(), metrics.horizontalAdvance(name) + 2, line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        x += metrics.horizontalAdvance(name) + line

    totals = [sum(day.values()) for day in per_day]
    top, step = nice_scale(max(totals, default=0))
    axis_width = metrics.horizontalAdvance(_number(top)) + line * 0.4
    plot = QRectF(rect.left() + axis_width, rect.top() + line + gap + line,
                  rect.width() - axis_width, 0)
    plot.setBottom(rect.bottom() - line - gap * 0.5)
    if plot.height() <= line or plot.width() <= line:
        painter.restore()
        return

    # Value lines, with their numbers at the left.
    width = _line_width(metrics)
    for value in range(0, top + 1, step):
        y = plot.bottom() - plot.height() * value / top
        painter.setPen(_pen(style.grid if value else style.secondary, width))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(style.secondary)
        painter.drawText(QRectF(rect.left(), y - line / 2, axis_width - line * 0.3, line),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         _number(value))

    slot = plot.width() / max(1, len(per_day))
    bar = min(slot * 0.6, line * 4)
    for index, day in enumerate(per_day):
        centre = plot.left() + slot * (index + 0.5)
        y = plot.bottom()
        for network in networks:
            count = day.get(network, 0)
            if not count:
                continue
            height = plot.height() * count / top
            painter.fillRect(QRectF(centre - bar / 2, y - height, bar, height),
                             network_colour(network, style))
            y -= height
        if totals[index]:
            painter.setPen(style.text)
            painter.drawText(QRectF(centre - slot / 2, y - line, slot, line),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                             _number(totals[index]))
        label = labels[index] if index < len(labels) else ""
        if metrics.horizontalAdvance(label) > slot:
            label = label.split(" ")[0]  # "Mon 16" → "Mon" when the chart is narrow
        painter.setPen(style.text)
        painter.drawText(QRectF(centre - slot / 2, plot.bottom() + gap * 0.5, slot, line),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
    painter.restore()


# Busiest hours --------------------------------------------------------------------------------
@dataclass(frozen=True)
class HoursLayout:
    """Where the grid's cells and labels sit: painting and the screen's tooltips both read it."""

    cells: QRectF  # the 7 x 24 cells, without labels
    label_width: float
    cell_width: float
    cell_height: float
    hour_step: int  # every how many hours an hour is labelled

    def cell(self, day: int, hour: int) -> QRectF:
        pad = min(self.cell_width, self.cell_height) * 0.08
        return QRectF(self.cells.left() + hour * self.cell_width + pad / 2,
                      self.cells.top() + day * self.cell_height + pad / 2,
                      self.cell_width - pad, self.cell_height - pad)

    def cell_at(self, point: QPointF) -> tuple[int, int] | None:
        if not self.cells.contains(point):
            return None
        hour = int((point.x() - self.cells.left()) / self.cell_width)
        day = int((point.y() - self.cells.top()) / self.cell_height)
        return (day, hour) if 0 <= day < 7 and 0 <= hour < 24 else None


def hours_min_height(metrics: QFontMetricsF) -> float:
    return metrics.height() * 11


def hours_layout(rect: QRectF, metrics: QFontMetricsF, day_labels: Sequence[str]) -> HoursLayout:
    line = metrics.height()
    label_width = max((metrics.horizontalAdvance(label) for label in day_labels),
                      default=line) + line * 0.5
    cell_width = max(1.0, (rect.width() - label_width) / 24)
    # The hour labels above, the scale below; rows no taller than about two lines of text.
    rows_height = rect.height() - line * 1.2 - line * 1.6
    cell_height = max(1.0, min(rows_height / 7, line * 2.0))
    step = next(s for s in (1, 2, 3, 6)
                if metrics.horizontalAdvance("00") * 1.3 <= cell_width * s)
    cells = QRectF(rect.left() + label_width, rect.top() + line * 1.2, cell_width * 24,
                   cell_height * 7)
    return HoursLayout(cells, label_width, cell_width, cell_height, step)


def paint_hours(painter: QPainter, rect: QRectF, hours: Sequence[Sequence[int]],
                day_labels: Sequence[str], style: ChartStyle) -> HoursLayout:
    """The day x hour grid: each cell shaded by its mentions, its count written when it fits;
    the hours on top, the days on the left, the scale underneath."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(style.font)
    metrics = QFontMetricsF(style.font, painter.device())
    line = metrics.height()
    layout = hours_layout(rect, metrics, day_labels)
    busiest = max((count for day in hours for count in day), default=0)

    painter.setPen(style.secondary)
    for hour in range(0, 24, layout.hour_step):
        cell = layout.cell(0, hour)
        painter.drawText(QRectF(cell.left() - line, rect.top(), cell.width() + 2 * line, line),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
                         _number(hour))
    numbers_fit = (layout.cell_height >= line * 0.95
                   and layout.cell_width >= metrics.horizontalAdvance("88") * 1.1)
    for day in range(7):
        row = layout.cell(day, 0)
        painter.setPen(style.text)
        painter.drawText(QRectF(rect.left(), row.top(), layout.label_width - line * 0.4,
                                row.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         day_labels[day] if day < len(day_labels) else "")
        counts = hours[day] if day < len(hours) else ()
        for hour in range(24):
            count = counts[hour] if hour < len(counts) else 0
            cell = layout.cell(day, hour)
            colour = heat_colour(count, busiest, style)
            painter.fillRect(cell, colour)
            if count and numbers_fit:
                painter.setPen(QColor("#ffffff") if colour.lightness() < 140 else style.text)
                painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, _number(count))

    # The scale: none, then lighter to darker, up to the busiest hour's count.
    y = layout.cells.bottom() + line * 0.4
    x = layout.cells.left()
    painter.setPen(style.secondary)
    zero = _number(0)
    painter.drawText(QRectF(x, y, metrics.horizontalAdvance(zero) + 2, line),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, zero)
    x += metrics.horizontalAdvance(zero) + line * 0.4
    side = line * 0.8
    shades = [0, *(max(1, round(busiest * part / 4)) for part in range(1, 5))] if busiest else [0]
    for count in shades:
        painter.fillRect(QRectF(x, y + (line - side) / 2, side, side),
                         heat_colour(count, busiest, style))
        x += side + line * 0.15
    if busiest:
        text = _number(busiest)
        painter.drawText(QRectF(x + line * 0.25, y, metrics.horizontalAdvance(text) + 2, line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
    painter.restore()
    return layout
