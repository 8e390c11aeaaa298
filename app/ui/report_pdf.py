"""The weekly summary as an A4 PDF: the shop and the week at the top, the figures, both charts,
the top customers and the posts, on one page (a second when a long name or a small font needs it).

Painted with QPdfWriter, which embeds the fonts it uses (a subset of each, so Japanese text is
real, searchable text and prints anywhere). It needs a QGuiApplication (the command line makes an
offscreen one) and runs on any thread: Qt allows QPainter on a QPdfWriter off the UI thread
(only pixmaps and widgets are the UI thread's), so the screen and the weekly auto-save paint it
on the database worker. Nothing here uses a QPixmap or QIcon for that reason.

The PDF is made in memory, then written to a temporary file beside the target and moved over
it, so a full disk or a refused folder never leaves half a file (OSError, for the caller to word).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from app import APP_NAME
from app.core.report import WeeklyReport
from app.services.atomic_file import replacing
from app.ui import report_charts
from app.ui.report_charts import ChartStyle
from app.ui.report_words import (
    POST_FIGURES,
    FigureRow,
    compared_text,
    day_labels,
    day_names,
    figure_rows,
    generated_text,
    network_name,
    post_rows,
    translate,
    week_title,
)

RESOLUTION = 300  # dots per inch: sharp in print, small files (text and shapes stay vectors)
MARGIN_MM = 14
BODY_PT = 9.5


def write_pdf(report: WeeklyReport, path: Path) -> None:
    """Write the report to `path` (replacing it); OSError when it cannot be written."""
    data = render_pdf(report)
    with replacing(Path(path)) as out:
        out.write(data)


def render_pdf(report: WeeklyReport) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter))
    writer.setTitle(f"{report.shop_name or APP_NAME} {report.current.week}")
    writer.setCreator(APP_NAME)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("the PDF could not be started")
    try:
        _Page(painter, writer, report).paint()
    finally:
        painter.end()
    buffer.close()
    return fix_to_unicode(bytes(buffer.data().data()))


class _Page:
    """Lays the report out top to bottom, starting a new page when a section does not fit."""

    def __init__(self, painter: QPainter, writer: QPdfWriter, report: WeeklyReport) -> None:
        self.painter = painter
        self.writer = writer
        self.report = report
        rect = writer.pageLayout().paintRectPixels(RESOLUTION)
        self.width = float(rect.width())
        self.height = float(rect.height())
        self.body = _font(BODY_PT)
        self.small = _font(BODY_PT * 0.85)
        self.style = ChartStyle.printed(self.body)
        self.line = self._metrics(self.body).height()
        self.footer_height = self._metrics(self.small).height() * 1.6
        self.y = 0.0
        self.pages = 1

    def _metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.writer)

    # Flow ------------------------------------------------------------------------------------
    def paint(self) -> None:
        self._header()
        rows = figure_rows(self.report)
        self._section(translate("ReportPdf", "This week"),
                      [row for row in rows if row.key not in POST_FIGURES],
                      self._figures_table)
        labels = day_labels(self.report.current.week)
        self._chart(translate("ReportPdf", "Mentions per day"),
                    report_charts.per_day_min_height(self._metrics(self.body)) * 1.5,
                    lambda rect: report_charts.paint_per_day(
                        self.painter, rect, self.report.current.per_day, labels, self.style))
        self._chart(translate("ReportPdf", "Busiest hours (mentions per hour, local time)"),
                    report_charts.hours_min_height(self._metrics(self.small)) * 1.5,
                    lambda rect: report_charts.paint_hours(
                        self.painter, rect, self.report.current.hours, day_names(),
                        ChartStyle.printed(self.small)))
        self._bottom(post_rows(rows))
        self._footer()

    def _room(self, height: float) -> None:
        if self.y + height > self.height - self.footer_height:
            self._footer()
            self.writer.newPage()
            self.pages += 1
            self.y = 0.0

    def _text(self, rect: QRectF, text: str, font: QFont, *, colour: str = "#1a1a1a",
              align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> None:
        metrics = self._metrics(font)
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        self.painter.setFont(font)
        self.painter.setPen(_colour(colour))
        self.painter.drawText(rect, align | Qt.AlignmentFlag.AlignVCenter, elided)

    def _heading(self, text: str) -> None:
        font = _font(BODY_PT * 1.15, bold=True)
        height = self._metrics(font).height() * 1.5
        self._text(QRectF(0, self.y, self.width, height), text, font)
        self.y += height

    def _rule(self) -> None:
        pen = QPen(_colour("#bbbbbb"))
        pen.setWidthF(max(1.0, self.line / 16))
        self.painter.setPen(pen)
        self.painter.drawLine(0, round(self.y), round(self.width), round(self.y))

    # Sections --------------------------------------------------------------------------------
    def _header(self) -> None:
        report = self.report
        title = _font(BODY_PT * 2.0, bold=True)
        height = self._metrics(title).height() * 1.25
        self._text(QRectF(0, 0, self.width, height), report.shop_name.strip() or APP_NAME, title)
        self.y = height
        week = _font(BODY_PT * 1.35)
        height = self._metrics(week).height() * 1.3
        self._text(QRectF(0, self.y, self.width, height),
                   week_title(report.current.week, long=True), week)
        self.y += height
        height = self._metrics(self.small).height() * 1.4
        self._text(QRectF(0, self.y, self.width, height),
                   f"{generated_text(report)} · {compared_text(report)}", self.small,
                   colour="#555555")
        self.y += height + self.line * 0.5
        if report.current.empty:
            self._text(QRectF(0, self.y, self.width, self.line * 1.5), translate(
                "ReportPdf", "A quiet week: no mentions came in, none were waiting and no "
                "posts went out."), self.body)
            self.y += self.line * 1.5
        self._rule()
        self.y += self.line * 0.6

    def _section(self, title: str, rows: list[FigureRow], paint) -> None:
        height = self.line * 1.8 + self._table_height(rows)
        self._room(height)
        self._heading(title)
        paint(QRectF(0, self.y, self.width, self._table_height(rows)), rows)
        self.y += self._table_height(rows) + self.line * 0.8

    def _table_height(self, rows: list[FigureRow]) -> float:
        return self.line * 1.55 * (len(rows) + 1)

    def _figures_table(self, rect: QRectF, rows: list[FigureRow], *,
                       with_notes: bool = True) -> None:
        """Figure | this week | the week before | change | a note (the oldest waiting, ...)."""
        report = self.report
        headings = [translate("ReportPdf", "Figure"),
                    translate("ReportPdf", "Week {number}").format(
                        number=report.current.week.week),
                    translate("ReportPdf", "Week {number}").format(
                        number=report.previous.week.week),
                    translate("ReportPdf", "Change"), ""]
        cells = [[row.name, row.value, row.previous, row.change or "—", row.note]
                 for row in rows]
        columns = self._columns(rect, headings, cells, with_notes)
        row_height = self.line * 1.55
        bold = _font(BODY_PT * 0.9, bold=True)
        right = Qt.AlignmentFlag.AlignRight
        for index, (left, width) in enumerate(columns):
            align = right if 0 < index < 4 else Qt.AlignmentFlag.AlignLeft
            self._text(QRectF(left, rect.top(), width - self.line * 0.5, row_height),
                       headings[index], bold, colour="#555555", align=align)
        note_font = self._fitting_note_font(columns, cells)
        y = rect.top() + row_height
        for number, row in enumerate(rows):
            if number % 2 == 0:
                self.painter.fillRect(QRectF(rect.left(), y, rect.width(), row_height),
                                      _colour("#f2f4f7"))
            for index, (left, width) in enumerate(columns):
                align = right if 0 < index < 4 else Qt.AlignmentFlag.AlignLeft
                colour = "#1a1a1a"
                if index == 3:
                    colour = {True: "#2e7d32", False: "#c62828"}.get(row.good, "#1a1a1a")
                font = note_font if index == 4 else self.body
                inset = self.line * 0.3
                self._text(QRectF(left + inset, y, width - self.line * 0.5 - inset, row_height),
                           cells[number][index], font,
                           colour="#555555" if index == 4 else colour,
                           align=align)
            y += row_height

    def _columns(self, rect: QRectF, headings: list[str], cells: list[list[str]],
                 with_notes: bool) -> list[tuple[float, float]]:
        """(left, width) of each column: the figures as wide as their widest text in this
        language, so none is cut short; the notes (cut short if they must) get the rest."""
        padding = self.line * 1.0
        bold = self._metrics(_font(BODY_PT * 0.9, bold=True))
        body = self._metrics(self.body)
        widths = [max([bold.horizontalAdvance(headings[index])]
                      + [body.horizontalAdvance(row[index]) for row in cells]) + padding
                  for index in range(4)]
        spare = rect.width() - sum(widths)
        if with_notes:
            widths.append(max(spare, rect.width() * 0.2))
        else:
            widths = [width + spare / 4 for width in widths]
        scale = min(1.0, rect.width() / sum(widths))  # too wide all the same: shrink evenly
        columns, x = [], rect.left()
        for width in widths:
            columns.append((x, width * scale))
            x += width * scale
        return columns

    def _fitting_note_font(self, columns: list[tuple[float, float]],
                           cells: list[list[str]]) -> QFont:
        """The notes' small type, smaller still (down to 70 %) where a language's longest note
        would not fit its column otherwise."""
        if len(columns) < 5:
            return self.small
        room = columns[4][1] - self.line * 0.8
        small = self._metrics(self.small)
        widest = max((small.horizontalAdvance(row[4]) for row in cells), default=0.0)
        if widest <= room:
            return self.small
        return _font(self.small.pointSizeF() * max(0.7, room / widest))

    def _chart(self, title: str, height: float, paint) -> None:
        self._room(self.line * 1.8 + height)
        self._heading(title)
        paint(QRectF(0, self.y, self.width, height))
        self.y += height + self.line * 0.8

    def _bottom(self, post_rows: list[FigureRow]) -> None:
        """Top customers on the left, the posts on the right."""
        customers = self.report.current.top_customers
        rows = max(len(customers), 1)
        height = self.line * 1.8 + max(self.line * 1.45 * rows, self._table_height(post_rows))
        self._room(height)
        top = self.y
        half = self.width * 0.48
        self._heading(translate("ReportPdf", "Top customers"))
        y = self.y
        if not customers:
            self._text(QRectF(0, y, half, self.line * 1.45),
                       translate("ReportPdf", "No mentions this week."), self.body,
                       colour="#555555")
        for rank, customer in enumerate(customers, 1):
            name = customer.name or customer.handle
            who = f"{rank}. {name}"
            if customer.handle and customer.handle != name:
                who += f"  {customer.handle}"
            count = translate("ReportPdf", "{count} · {network}").format(
                count=customer.mentions, network=network_name(customer.network))
            count_width = self._metrics(self.body).horizontalAdvance(count) + self.line
            self._text(QRectF(0, y, half - count_width, self.line * 1.45), who, self.body)
            self._text(QRectF(half - count_width, y, count_width, self.line * 1.45), count,
                       self.body, colour="#555555", align=Qt.AlignmentFlag.AlignRight)
            y += self.line * 1.45
        self.y = top
        left = self.width * 0.54
        font = _font(BODY_PT * 1.15, bold=True)
        heading = self._metrics(font).height() * 1.5
        self._text(QRectF(left, top, self.width - left, heading),
                   translate("ReportPdf", "Posts"), font)
        self._figures_table(QRectF(left, top + heading, self.width - left,
                                   self._table_height(post_rows)), post_rows, with_notes=False)
        self.y = top + height

    def _footer(self) -> None:
        height = self._metrics(self.small).height() * 1.2
        rect = QRectF(0, self.height - height, self.width, height)
        self._text(rect, APP_NAME, self.small, colour="#777777")
        self._text(rect, translate("ReportPdf", "Page {number}").format(number=self.pages),
                   self.small, colour="#777777", align=Qt.AlignmentFlag.AlignRight)


def _font(points: float, *, bold: bool = False) -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _colour(name: str) -> QColor:
    return QColor(name)


# Searchable Japanese --------------------------------------------------------------------------
# CJK fonts map a Kangxi radical (U+2F00..U+2FD5, "⼭") and the ideograph it looks like ("山") to
# one glyph, and Qt writes each glyph's lowest code point into the PDF's ToUnicode map: 山田
# would be copied or searched as ⼭⽥. The map is plain text in the file; each radical's code is
# put back to its ideograph (NFKC), four hex digits for four, so no byte offset moves.
_CMAP = re.compile(rb"begincmap.*?endcmap", re.DOTALL)
_RANGE_LINE = re.compile(rb"^(<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*)(.*)$", re.MULTILINE)
_CODE = re.compile(rb"<([0-9A-Fa-f]{4})>")


def _ideograph(match: re.Match[bytes]) -> bytes:
    code = int(match[1], 16)
    if 0x2E80 <= code <= 0x2FDF:
        normal = unicodedata.normalize("NFKC", chr(code))
        if len(normal) == 1 and ord(normal) <= 0xFFFF and ord(normal) != code:
            text = f"{ord(normal):04X}"
            return b"<" + (text if match[1].isupper() else text.lower()).encode() + b">"
    return match[0]


def _fix_range_line(match: re.Match[bytes]) -> bytes:
    sources, target = match[1], match[2]
    first, last = _CODE.findall(sources) or (None, None)
    # An array maps glyph by glyph; a single code maps one glyph only when the range is one
    # glyph long (a longer run counts up from it, and is left as Qt wrote it).
    if target.startswith(b"[") or first == last:
        target = _CODE.sub(_ideograph, target)
    return sources + target


_CHAR_LINE = re.compile(rb"^(<[0-9A-Fa-f]+>\s*)(<[0-9A-Fa-f]{4}>)", re.MULTILINE)


def _fix_cmap(match: re.Match[bytes]) -> bytes:
    cmap = re.sub(rb"beginbfrange.*?endbfrange",
                  lambda block: _RANGE_LINE.sub(_fix_range_line, block[0]), match[0],
                  flags=re.DOTALL)
    # bfchar lines are "<glyph> <code>" (Qt writes ranges, other writers may not).
    return re.sub(rb"beginbfchar.*?endbfchar",
                  lambda block: _CHAR_LINE.sub(
                      lambda line: line[1] + _CODE.sub(_ideograph, line[2]), block[0]),
                  cmap, flags=re.DOTALL)


def fix_to_unicode(data: bytes) -> bytes:
    fixed = _CMAP.sub(_fix_cmap, data)
    assert len(fixed) == len(data)
    return fixed
