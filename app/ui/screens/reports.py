"""Reports: how a week went, against the week before, and its export as a PDF or a CSV.

The screen opens on the last complete week in the owner's zone; Alt+Left and Alt+Right (or the
arrows) step through the weeks, up to the one in progress. Every figure is computed on the
database worker (a week of a million-mention workspace takes up to a second); a result for a
week no longer shown is dropped, and the week on screen stays until the next one arrives.

Exports reuse the report on screen: the PDF is painted on the database worker too (QPainter on a
QPdfWriter is allowed off the UI thread), the CSV reads the week's mentions there. A file that
cannot be written is said in one sentence; a saved one in the status bar.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QStandardPaths, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.report import WeeklyReport
from app.core.timefmt import utc_now
from app.core.weeks import IsoWeek
from app.services.report_csv import summary_path
from app.services.weekly_save import export_name
from app.ui import messages
from app.ui.look import make_error, make_secondary
from app.ui.post_time import system_zone
from app.ui.report_words import (
    compared_text,
    day_labels,
    day_names,
    figure_rows,
    post_rows,
    week_title,
)
from app.ui.screens.empty_state import EmptyState
from app.ui.tasks import Tasks
from app.ui.widgets.report_views import (
    CustomerList,
    FigureCard,
    HoursChart,
    PerDayChart,
    PostsList,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from app.services.reports import ReportsService

log = logging.getLogger(__name__)

CARD_COLUMNS = 4


class ReportsScreen(QWidget):
    statusMessage = Signal(str)
    reportShown = Signal(object)  # WeeklyReport: the week on screen is up to date (tests, shots)

    REPORT, EMPTY_WEEK, NO_DATA = range(3)

    def __init__(self, reports: ReportsService, tasks: Tasks, parent: QWidget | None = None, *,
                 zone: tzinfo | None = None, clock: Callable[[], datetime] = utc_now) -> None:
        super().__init__(parent)
        self._reports = reports
        self._tasks = tasks
        self._zone = zone or system_zone()
        self._clock = clock
        self._week = IsoWeek.last_complete(clock(), self._zone)
        self._report: WeeklyReport | None = None
        self._generation = 0
        self._loading = False
        self._folder: Path | None = None  # where the last export went: the next one starts there
        self._when_shown: list[Callable[[], None]] = []  # run once the week's report is in

        # The bar: which week, how to move, what to export ---------------------------------------
        self.previous_button = QToolButton(self)
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous_button.setAutoRaise(True)
        self.previous_button.setAccessibleName(self.tr("Previous week"))
        self.previous_button.setToolTip(self.tr("Previous week (Alt+Left)"))
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QToolButton(self)
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.setAutoRaise(True)
        self.next_button.setAccessibleName(self.tr("Next week"))
        self.next_button.setToolTip(self.tr("Next week (Alt+Right)"))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.last_week_button = QPushButton(self.tr("&Last Week"), self)
        self.last_week_button.setToolTip(self.tr("The last complete week"))
        self.last_week_button.clicked.connect(self.show_last_week)
        self.this_week_button = QPushButton(self.tr("This &Week"), self)
        self.this_week_button.setToolTip(self.tr("The week in progress, so far"))
        self.this_week_button.clicked.connect(self.show_this_week)
        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.pdf_button = QPushButton(self.tr("Export &PDF…"), self)
        self.pdf_button.setToolTip(self.tr("Save this week's summary as a one-page PDF"))
        self.pdf_button.clicked.connect(self.export_pdf)
        self.csv_button = QPushButton(self.tr("Export &CSV…"), self)
        self.csv_button.setToolTip(self.tr(
            "Save this week's mentions for a spreadsheet, with the figures in a second file"))
        self.csv_button.clicked.connect(self.export_csv)
        for shortcut, steps in (("Alt+Left", -1), ("Alt+Right", 1)):
            key = QShortcut(QKeySequence(shortcut), self)
            key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            key.activated.connect(lambda s=steps: self.step(s))

        self.subtitle = QLabel(self)
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setWordWrap(True)  # a narrow window wraps it rather than growing
        make_secondary(self.subtitle)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        make_error(self.error)
        self.error.hide()

        # The report ----------------------------------------------------------------------------
        self.cards: dict[str, FigureCard] = {}
        cards = QGridLayout()
        cards.setSpacing(8)
        for index, key in enumerate(("mentions", "answered", "waiting_at_end",
                                     "median_response_hours", "p90_response_hours",
                                     "complaints", "complaints_answered")):
            card = FigureCard(self)
            self.cards[key] = card
            cards.addWidget(card, index // CARD_COLUMNS, index % CARD_COLUMNS)
        for column in range(CARD_COLUMNS):
            cards.setColumnStretch(column, 1)
        self.per_day = PerDayChart(self)
        self.hours = HoursChart(self)
        self.customers = CustomerList(self)
        self.posts = PostsList(self)
        charts = QHBoxLayout()
        charts.setSpacing(16)
        charts.addLayout(self._titled(self.tr("Mentions per day"), self.per_day), 5)
        charts.addLayout(self._titled(self.tr("Busiest hours (mentions per hour)"),
                                      self.hours), 7)
        lists = QHBoxLayout()
        lists.setSpacing(16)
        lists.addLayout(self._titled(self.tr("Top customers"), self.customers), 5)
        lists.addLayout(self._titled(self.tr("Posts"), self.posts), 7)
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 4, 0)
        column.setSpacing(14)
        column.addLayout(cards)
        column.addLayout(charts, 1)
        column.addLayout(lists)
        column.addStretch(0)
        self.report_page = QScrollArea(self)
        self.report_page.setWidget(content)
        self.report_page.setWidgetResizable(True)
        self.report_page.setFrameShape(QFrame.Shape.NoFrame)

        self.empty_week = EmptyState("reports", self.tr("A quiet week"), "", self)
        self.no_data = EmptyState("reports", self.tr("No weekly summary yet"), self.tr(
            "A summary of each week — mentions, response times, complaints answered — will "
            "appear here once the first mentions come in, ready to export as PDF and CSV."),
            self)
        self.pages = QStackedWidget(self)
        for page in (self.report_page, self.empty_week, self.no_data):
            self.pages.addWidget(page)
        self.empty_state = self.no_data  # the main window's tests read the empty page by name

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.last_week_button)
        bar.addWidget(self.this_week_button)
        bar.addWidget(self.next_button)
        bar.addSpacing(8)
        bar.addWidget(self.title, 1)
        under = QHBoxLayout()
        under.setContentsMargins(0, 0, 0, 0)
        under.addWidget(self.subtitle, 1)
        under.addWidget(self.pdf_button)
        under.addWidget(self.csv_button)
        self.bar = QWidget(self)
        column = QVBoxLayout(self.bar)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(bar)
        column.addLayout(under)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.error)
        layout.addWidget(self.pages, 1)
        self._show_week_title()
        self._set_exports_enabled(False)

    def _titled(self, title: str, widget: QWidget) -> QVBoxLayout:
        heading = QLabel(title, self)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        heading.setBuddy(widget)
        box = QVBoxLayout()
        box.setSpacing(6)
        box.addWidget(heading)
        box.addWidget(widget, 1)
        return box

    # Weeks -----------------------------------------------------------------------------------
    @property
    def week(self) -> IsoWeek:
        return self._week

    @property
    def report(self) -> WeeklyReport | None:
        """The report on screen (None until the first one arrives)."""
        return self._report

    def call_when_shown(self, call: Callable[[], None]) -> None:
        """Run `call` once the report of the week on screen has arrived (File > Export)."""
        self._when_shown.append(call)

    def current_week(self) -> IsoWeek:
        return IsoWeek.of(self._clock().astimezone(self._zone).date())

    def show_week(self, week: IsoWeek) -> None:
        self._week = min(week, self.current_week())
        self._show_week_title()
        self.reload()

    def step(self, weeks: int) -> None:
        week = self._week
        for _ in range(abs(weeks)):
            week = week.next() if weeks > 0 else week.previous()
        if week > self.current_week():
            return
        self.show_week(week)

    def show_last_week(self) -> None:
        self.show_week(IsoWeek.last_complete(self._clock(), self._zone))

    def show_this_week(self) -> None:
        self.show_week(self.current_week())

    def _show_week_title(self) -> None:
        self.title.setText(week_title(self._week))
        self.title.setAccessibleName(week_title(self._week))
        current = self.current_week()
        self.next_button.setEnabled(self._week < current)
        self.this_week_button.setEnabled(self._week != current)
        self.last_week_button.setEnabled(self._week != current.previous())

    # Loading ---------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # On every visit: mentions may have come in or been answered since. Never before the
        # screen is shown, so start-up reads nothing for it.
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation, week, zone, now = self._generation, self._week, self._zone, self._clock()
        reports = self._reports
        self._loading = True
        self._show_subtitle()

        def work() -> tuple[bool, WeeklyReport]:
            return reports.has_data(), reports.weekly(week, zone, now)

        self._tasks.db(work, lambda result: self._on_loaded(generation, result),
                       lambda exc: self._on_load_failed(generation, exc), owner=self)

    def _on_loaded(self, generation: int, result: tuple[bool, WeeklyReport]) -> None:
        if generation != self._generation:
            return  # a week the owner has already left
        self._loading = False
        has_data, report = result
        self._report = report
        self.error.hide()
        if not has_data:
            self.pages.setCurrentIndex(self.NO_DATA)
        elif report.current.empty:
            self.empty_week.set_text(self.tr("A quiet week"), self._quiet_text(report))
            self.pages.setCurrentIndex(self.EMPTY_WEEK)
        else:
            self._fill(report)
            self.pages.setCurrentIndex(self.REPORT)
        self.bar.setVisible(has_data)
        self._set_exports_enabled(has_data)
        self._show_subtitle()
        waiting, self._when_shown = self._when_shown, []
        if has_data:
            for call in waiting:
                call()
        self.reportShown.emit(report)

    def _on_load_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        log.error("the weekly summary could not be computed", exc_info=exc)
        self._show_error(messages.unexpected_error())
        self._show_subtitle()

    def _quiet_text(self, report: WeeklyReport) -> str:
        if not report.current.complete and report.current.start >= report.current.end:
            return self.tr("This week has not started yet.")
        if not report.current.complete:
            return self.tr("Nothing has happened this week so far: no mentions, nothing "
                           "waiting and no posts. Alt+Left shows the weeks before.")
        return self.tr("No mentions came in during this week, none were waiting at its end and "
                       "no posts went out. Alt+Left shows the weeks before.")

    def _show_subtitle(self) -> None:
        parts = []
        if self._report is not None and self._report.current.week == self._week:
            parts.append(compared_text(self._report))
            if self._report.opening_hours:
                parts.append(self.tr("response times in opening hours"))
            parts.append(self.tr("times in {zone}").format(zone=self._report.zone_name))
        if self._loading:
            parts.append(self.tr("Counting…"))
        self.subtitle.setText(" · ".join(parts))

    def _fill(self, report: WeeklyReport) -> None:
        rows = figure_rows(report)
        previous = report.previous.week.week
        for row in rows:
            if row.key in self.cards:
                self.cards[row.key].show_row(row, previous)
        self.posts.set_rows(post_rows(rows))
        week = report.current.week
        self.per_day.set_data(report.current.per_day, day_labels(week))
        locale = QLocale()
        self.hours.set_data(report.current.hours, day_names(),
                            [locale.dayName(day, QLocale.FormatType.LongFormat)
                             for day in range(1, 8)])
        self.customers.set_customers(report.current.top_customers)

    def _set_exports_enabled(self, enabled: bool) -> None:
        self.pdf_button.setEnabled(enabled)
        self.csv_button.setEnabled(enabled)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    # Exports ---------------------------------------------------------------------------------
    def _ready_report(self) -> WeeklyReport | None:
        """The report of the week on screen, once it has arrived."""
        report = self._report
        if report is None or report.current.week != self._week:
            return None
        return report

    def _ask_path(self, report: WeeklyReport, extension: str, caption: str,
                  filter_text: str) -> Path | None:
        folder = self._folder or Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())
        suggested = folder / export_name(report.shop_name, report.current.week, extension)
        chosen, _filter = QFileDialog.getSaveFileName(self, caption, str(suggested),
                                                      filter_text)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != f".{extension}":
            # The dialog asked about the name typed, not this one: ask here if it exists.
            path = path.with_name(f"{path.name}.{extension}")
            if path.exists() and not self._confirm_replace(path):
                return None
        self._folder = path.parent
        return path

    def _confirm_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Replace File"),
            self.tr("{name} already exists. Replace it?").format(name=path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def export_pdf(self) -> None:
        report = self._ready_report()
        if report is None:
            return
        path = self._ask_path(report, "pdf", self.tr("Export Weekly Summary as PDF"),
                              self.tr("PDF files (*.pdf)"))
        if path is None:
            return

        def work() -> None:
            from app.ui.report_pdf import write_pdf

            write_pdf(report, path)

        self._run_export(work, path, [path])

    def export_csv(self) -> None:
        report = self._ready_report()
        if report is None:
            return
        path = self._ask_path(report, "csv", self.tr("Export Weekly Summary as CSV"),
                              self.tr("CSV files (*.csv)"))
        if path is None:
            return
        summary = summary_path(path)
        if summary.exists() and not self._confirm_replace(summary):
            return
        from app.services.report_csv import write_csv
        from app.ui.report_words import csv_labels

        labels = csv_labels()  # in the UI language, read here on the UI thread
        reports, week, zone = self._reports, report.current.week, self._zone

        def work() -> None:
            write_csv(path, report, reports.mentions(week, zone), labels)

        self._run_export(work, path, [path, summary])

    def _run_export(self, work: Callable[[], None], path: Path, written: list[Path]) -> None:
        self._set_exports_enabled(False)
        self.error.hide()
        self._tasks.db(work, lambda _result: self._on_exported(written),
                       lambda exc: self._on_export_failed(path, exc), owner=self)

    def _on_exported(self, written: list[Path]) -> None:
        self._set_exports_enabled(True)
        if len(written) == 1:
            text = self.tr("Saved {name}").format(name=written[0].name)
        else:
            text = self.tr("Saved {name} and {other}").format(name=written[0].name,
                                                             other=written[1].name)
        self.statusMessage.emit(text)

    def _on_export_failed(self, path: Path, exc: BaseException) -> None:
        self._set_exports_enabled(True)
        if isinstance(exc, OSError):
            log.warning("export to %s failed: %s", path, type(exc).__name__)
            self._show_error(messages.export_failed(str(path), exc))
        else:
            log.error("export failed", exc_info=exc)
            self._show_error(messages.unexpected_error())
