"""The pieces of the Reports screen that show a week: a figure's card, the two charts (painted by
app.ui.report_charts, like the PDF) and the short lists of top customers and posts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.core.report import Customer
from app.ui import report_charts
from app.ui.look import make_secondary, secondary_colour
from app.ui.report_charts import ChartStyle, HoursLayout
from app.ui.report_words import FigureRow, Trend, network_name, translate

# The change's colour: good news green, bad news red, neither in the secondary colour.
_GOOD = ("#2e7d32", "#93d49b")
_BAD = ("#c62828", "#f19a9a")


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


class FigureCard(QFrame):
    """One figure: its name, this week's value, the change against the week before, a note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.name = QLabel(self)
        make_secondary(self.name)
        self.value = QLabel(self)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.value.setFont(font)
        self.change = QLabel(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.name.setWordWrap(True)
        self.change.setWordWrap(True)
        make_secondary(self.note)
        for label in (self.name, self.value, self.change, self.note):
            label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(self.name)
        layout.addWidget(self.value)
        layout.addWidget(self.change)
        layout.addWidget(self.note)
        layout.addStretch(1)
        # Room for a two-line note in every card, so the cards of a row line up.
        metrics = self.fontMetrics()
        self.setMinimumHeight(self.value.sizeHint().height() + metrics.height() * 4 + 22)

    def show_row(self, row: FigureRow, previous_week: int) -> None:
        self.name.setText(row.name)
        self.value.setText(row.value)
        against = translate("ReportViews", "vs week {number}").format(
            number=QLocale().toString(previous_week))
        if row.trend is Trend.NONE:
            self.change.setText(translate("ReportViews", "nothing to compare"))
        else:
            self.change.setText(f"{row.change} {against}")
        palette = self.change.palette()
        colour = secondary_colour(palette)
        if row.good is not None:
            light, dark = _GOOD if row.good else _BAD
            colour = QColor(dark if _is_dark(palette) else light)
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.change.setPalette(palette)
        self.note.setText(row.note)
        self.note.setVisible(bool(row.note))
        self.setAccessibleName(row.name)
        self.setAccessibleDescription(", ".join(
            part for part in (row.value, self.change.text(), row.note) if part))


class _Chart(QWidget):
    """Shared by both charts: the palette's colours, a size from the font, a spoken summary."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def style_now(self) -> ChartStyle:
        return ChartStyle.from_palette(self.palette(), self.font())

    def metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.font(), self)


class PerDayChart(_Chart):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("ReportViews", "Mentions per day"), parent)
        self._per_day: Sequence[Mapping[str, int]] = ()
        self._labels: Sequence[str] = ()

    def set_data(self, per_day: Sequence[Mapping[str, int]], labels: Sequence[str]) -> None:
        self._per_day, self._labels = per_day, labels
        locale = QLocale()
        self.setAccessibleDescription(", ".join(
            f"{label}: {locale.toString(sum(day.values()))}"
            for label, day in zip(labels, per_day, strict=False)))
        self.update()

    def minimumSizeHint(self) -> QSize:
        metrics = self.metrics()
        return QSize(round(metrics.horizontalAdvance("Mon 00") * 7),
                     round(report_charts.per_day_min_height(metrics)))

    def sizeHint(self) -> QSize:
        hint = self.minimumSizeHint()
        return QSize(hint.width() * 2, round(hint.height() * 1.3))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        report_charts.paint_per_day(painter, QRectF(self.rect()).adjusted(2, 2, -2, -2),
                                    self._per_day, self._labels, self.style_now())
        painter.end()


class HoursChart(_Chart):
    """The day x hour grid; hovering a cell says its day, hour and count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("ReportViews", "Busiest hours"), parent)
        self._hours: Sequence[Sequence[int]] = ()
        self._days: Sequence[str] = ()
        self._long_days: Sequence[str] = ()
        self._layout: HoursLayout | None = None

    def set_data(self, hours: Sequence[Sequence[int]], days: Sequence[str],
                 long_days: Sequence[str]) -> None:
        self._hours, self._days, self._long_days = hours, days, long_days
        busiest = max(((count, day, hour) for day, row in enumerate(hours)
                       for hour, count in enumerate(row)), default=(0, 0, 0))
        if busiest[0]:
            count, day, hour = busiest
            self.setAccessibleDescription(translate(
                "ReportViews", "Busiest: {day} {start}:00–{end}:00, {count} mentions").format(
                day=long_days[day], start=hour, end=hour + 1, count=count))
        else:
            self.setAccessibleDescription(translate("ReportViews", "No mentions"))
        self.update()

    def minimumSizeHint(self) -> QSize:
        metrics = self.metrics()
        return QSize(round(metrics.horizontalAdvance("00") * 1.4 * 24 / 2),
                     round(report_charts.hours_min_height(metrics)))

    def sizeHint(self) -> QSize:
        hint = self.minimumSizeHint()
        return QSize(round(hint.width() * 2.5), round(hint.height() * 1.2))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._layout = report_charts.paint_hours(
            painter, QRectF(self.rect()).adjusted(2, 2, -2, -2), self._hours, self._days,
            self.style_now())
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            spot = self._layout.cell_at(QPointF(event.pos())) if self._layout else None
            if spot is None or spot[0] >= len(self._hours):
                QToolTip.hideText()
                event.ignore()
                return True
            day, hour = spot
            count = self._hours[day][hour]
            QToolTip.showText(event.globalPos(), translate(
                "ReportViews", "{day} {start}:00–{end}:00: {count}").format(
                day=self._long_days[day], start=hour, end=hour + 1,
                count=QLocale().toString(count)), self)
            return True
        return super().event(event)


class CustomerList(QWidget):
    """The week's top customers: rank, name and handle, mentions and network."""

    ROWS = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("ReportViews", "Top customers"))
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(4)
        self._grid.setColumnStretch(1, 1)
        self.rows: list[tuple[QLabel, QLabel, QLabel]] = []
        for row in range(self.ROWS):
            labels = (QLabel(self), QLabel(self), QLabel(self))
            for column, label in enumerate(labels):
                label.setTextFormat(Qt.TextFormat.PlainText)
                self._grid.addWidget(label, row, column)
            labels[2].setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            make_secondary(labels[2])
            self.rows.append(labels)
        self.none = QLabel(translate("ReportViews", "No mentions this week."), self)
        make_secondary(self.none)
        self._grid.addWidget(self.none, self.ROWS, 0, 1, 3)
        self._grid.setRowStretch(self.ROWS + 1, 1)  # rows stay together at the top

    def set_customers(self, customers: Sequence[Customer]) -> None:
        locale = QLocale()
        for index, (rank, who, count) in enumerate(self.rows):
            shown = index < len(customers)
            for label in (rank, who, count):
                label.setVisible(shown)
            if not shown:
                continue
            customer = customers[index]
            name = customer.name or customer.handle
            rank.setText(locale.toString(index + 1))
            who.setText(name if customer.handle in ("", name) else f"{name}  {customer.handle}")
            who.setToolTip(customer.handle)
            count.setText(translate("ReportViews", "{count} · {network}").format(
                count=locale.toString(customer.mentions),
                network=network_name(customer.network)))
        self.none.setVisible(not customers)


class PostsList(QWidget):
    """Posts published, failed and missed this week, each with its change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("ReportViews", "Posts"))
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(4)
        self._grid.setColumnStretch(0, 1)
        self._grid.setRowStretch(3, 1)  # the three rows stay together at the top
        self.rows: dict[str, tuple[QLabel, QLabel, QLabel]] = {}

    def set_rows(self, rows: Sequence[FigureRow]) -> None:
        for number, row in enumerate(rows):
            if row.key not in self.rows:
                labels = (QLabel(self), QLabel(self), QLabel(self))
                for column, label in enumerate(labels):
                    label.setTextFormat(Qt.TextFormat.PlainText)
                    self._grid.addWidget(label, number, column)
                labels[1].setAlignment(Qt.AlignmentFlag.AlignRight
                                       | Qt.AlignmentFlag.AlignVCenter)
                make_secondary(labels[2])
                self.rows[row.key] = labels
            name, value, moved = self.rows[row.key]
            name.setText(row.name)
            value.setText(row.value)
            moved.setText(row.change)

