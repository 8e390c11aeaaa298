"""Calendar: the shop's planned posts on a month or a week, in the owner's zone.

Click an empty day (at 10:00) or hour to plan a post there; double-click a post to edit it; drag
it to another day or hour to move it; its menu edits, duplicates, posts now or deletes. Colours
say where each post stands (a draft, scheduled in the app or on the server, published, failed,
missed), and the legend under the calendar says which is which.

The posts of the days shown are read on the database worker; every change goes through the
posts service on the network pool (a Mastodon post scheduled on its server is moved, replaced or
deleted there too), then the days are read again. A move shows at once and goes back if the
service refuses it, with one sentence saying why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.localtime import days_range_utc
from app.core.model import OutboxState, PostChip, PostRecord
from app.core.timefmt import utc_now
from app.services.post_targets import TargetAccount
from app.ui import messages, post_words
from app.ui.confirm import confirm_destructive
from app.ui.dialogs.post_editor import PostEditorDialog, unavailable_reason
from app.ui.look import make_error, make_secondary
from app.ui.post_time import (
    ChooseInstant,
    local_now,
    next_hour,
    on_day,
    resolve_local,
    system_zone,
    zone_name,
)
from app.ui.screens.empty_state import EmptyState
from app.ui.tasks import Tasks
from app.ui.widgets.calendar_month import MonthView
from app.ui.widgets.calendar_week import WeekView
from app.ui.widgets.post_chips import LEGEND, movable, state_colour, state_explanation, state_text

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from app.services.posts import PostsService
    from app.ui.dialogs.post_editor import OpenUrl

log = logging.getLogger(__name__)

CLOCK_MS = 60_000  # today's mark and the week's "now" line follow the clock
FIRST_HOUR = 8  # the week opens here when it has no posts to show first
MENU_POSTS = 40  # posts listed by an hour's "+N more" menu

PostsFactory = Callable[[], "PostsService"]
TargetsLoader = Callable[[], list[TargetAccount]]


def week_start(day: date, first_weekday: Qt.DayOfWeek) -> date:
    return day - timedelta(days=(day.isoweekday() - first_weekday.value) % 7)


class CalendarScreen(QWidget):
    postsChanged = Signal()  # something was planned, moved or removed: the outbox looks again
    statusMessage = Signal(str)

    MONTH, WEEK = range(2)

    def __init__(self, posts: PostsFactory, tasks: Tasks, parent: QWidget | None = None, *,
                 targets: TargetsLoader, zone: tzinfo | None = None,
                 clock: Callable[[], datetime] = utc_now, choose: ChooseInstant | None = None,
                 open_url: OpenUrl | None = None) -> None:
        super().__init__(parent)
        self._posts = posts
        self._tasks = tasks
        self._load_targets = targets
        self._zone = zone or system_zone()
        self._clock = clock
        self._choose = choose
        self._open_url = open_url
        self._targets: list[TargetAccount] | None = None
        self._chips: list[PostChip] = []
        self._generation = 0
        self._loaded = False
        self._mode = self.MONTH
        self._anchor = self.today()
        self.editor: PostEditorDialog | None = None

        # The bar: where we are, and how to move --------------------------------------------------
        self.previous_button = QToolButton(self)
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous_button.setAutoRaise(True)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QToolButton(self)
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.setAutoRaise(True)
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button = QPushButton(self.tr("&Today"), self)
        self.today_button.clicked.connect(self.go_today)
        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.month_button = QPushButton(self.tr("&Month"), self)
        self.week_button = QPushButton(self.tr("&Week"), self)
        self.mode_buttons = QButtonGroup(self)
        for index, button in enumerate((self.month_button, self.week_button)):
            button.setCheckable(True)
            self.mode_buttons.addButton(button, index)
        self.month_button.setChecked(True)
        self.mode_buttons.idClicked.connect(self.set_mode)
        self.new_button = QPushButton(self.tr("&New Post"), self)
        self.new_button.setToolTip(self.tr("Plan a post for the next full hour (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_post)

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        make_error(self.error)
        self.error.hide()

        # The views -----------------------------------------------------------------------------
        self.month = MonthView(self)
        self.week = WeekView(self)
        for view in (self.month, self.week):
            view.chipActivated.connect(self.edit)
            view.chipMenuRequested.connect(self._on_view_chip_menu_requested)
            view.deleteRequested.connect(self.confirm_delete)
        self.month.slotClicked.connect(lambda day: self.create_at(on_day(day)))
        self.month.chipDropped.connect(self._on_month_chip_dropped)
        self.month.moreClicked.connect(self.show_week_of)
        self.week.slotClicked.connect(self.create_at)
        self.week.chipDropped.connect(self._on_week_chip_dropped)
        self.week.moreClicked.connect(self._on_week_more_clicked)
        self.views = QStackedWidget(self)
        self.views.addWidget(self.month)
        self.views.addWidget(self.week)

        self.legend = QWidget(self)
        legend = QHBoxLayout(self.legend)
        legend.setContentsMargins(2, 0, 0, 0)
        legend.setSpacing(4)
        for state in LEGEND:
            swatch = QLabel(self.legend)
            swatch.setPixmap(self._swatch(state))
            words = QLabel(state_text(state), self.legend)
            make_secondary(words)
            for label in (swatch, words):
                label.setToolTip(state_explanation(state))
            legend.addWidget(swatch)
            legend.addWidget(words)
            legend.addSpacing(10)
        legend.addStretch(1)
        self.zone_label = QLabel(self.tr("Times in {zone}").format(zone=zone_name(self._zone)),
                                 self.legend)
        make_secondary(self.zone_label)
        legend.addWidget(self.zone_label)

        self.calendar_page = QWidget(self)
        page = QVBoxLayout(self.calendar_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.views, 1)
        page.addWidget(self.legend)
        self.empty_state = EmptyState("calendar", self.tr("No planned posts yet"), self.tr(
            "Connect a Mastodon or Bluesky account on the Accounts screen, then plan posts on "
            "this calendar: they go out on time."), self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.calendar_page)
        self.pages.addWidget(self.empty_state)

        bar = QHBoxLayout()
        bar.addWidget(self.previous_button)
        bar.addWidget(self.today_button)
        bar.addWidget(self.next_button)
        bar.addSpacing(8)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.month_button)
        bar.addWidget(self.week_button)
        bar.addSpacing(12)
        bar.addWidget(self.new_button)
        self.bar = QWidget(self)
        self.bar.setLayout(bar)
        bar.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.error)
        layout.addWidget(self.pages, 1)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in ((QKeySequence.StandardKey.New, self.new_post),
                           (QKeySequence(Qt.Key.Key_PageUp), lambda: self.step(-1)),
                           (QKeySequence(Qt.Key.Key_PageDown), lambda: self.step(1))):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(CLOCK_MS)
        self._clock_timer.timeout.connect(self._on_clock_timer_timeout)
        self._clock_timer.start()
        self._show_range()
        self.reload_accounts()

    # Time ------------------------------------------------------------------------------------
    @property
    def zone(self) -> tzinfo:
        return self._zone

    def now(self) -> datetime:
        """The wall clock in the owner's zone, naive."""
        return local_now(self._clock, self._zone)

    def today(self) -> date:
        return self.now().date()

    @property
    def mode(self) -> int:
        return self._mode

    @property
    def anchor(self) -> date:
        """A day inside the month or week shown."""
        return self._anchor

    def first_weekday(self) -> Qt.DayOfWeek:
        return QLocale().firstDayOfWeek()

    def visible_days(self) -> tuple[date, date]:
        view = self.month if self._mode == self.MONTH else self.week
        return view.first_day, view.last_day

    # Moving around ---------------------------------------------------------------------------
    def set_mode(self, mode: int) -> None:
        if mode not in (self.MONTH, self.WEEK):
            return
        self.mode_buttons.button(mode).setChecked(True)
        if mode == self._mode:
            return
        self._mode = mode
        self._show_range()
        self.reload()

    def step(self, direction: int) -> None:
        if self._mode == self.MONTH:
            year, month = divmod(self._anchor.year * 12 + self._anchor.month - 1 + direction, 12)
            self._anchor = date(year, month + 1, 1)
        else:
            self._anchor += timedelta(days=7 * direction)
        self._show_range()
        self.reload()

    def go_today(self) -> None:
        self._anchor = self.today()
        self._show_range()
        self.reload()
        if self._mode == self.WEEK:
            self.week.scroll_to_hour(max(0, self.now().hour - 1))

    def show_week_of(self, day: date) -> None:
        """From a full day in the month to its week, scrolled to that day's first post."""
        self._anchor = day
        self._mode = self.WEEK
        self.mode_buttons.button(self.WEEK).setChecked(True)
        self._show_range()
        hours = [c.local.hour for c in self._chips if c.local.date() == day]
        self.week.scroll_to_hour(max(0, min(hours) - 1) if hours else FIRST_HOUR)
        self.reload()

    def _show_range(self) -> None:
        first_weekday = self.first_weekday()
        today = self.today()
        if self._mode == self.MONTH:
            self.month.set_month(self._anchor.year, self._anchor.month,
                                 first_weekday=first_weekday, today=today)
            self.title.setText(self.month_title(self._anchor.year, self._anchor.month))
            self.previous_button.setToolTip(self.tr("Previous month (Page Up)"))
            self.next_button.setToolTip(self.tr("Next month (Page Down)"))
        else:
            start = week_start(self._anchor, first_weekday)
            self.week.set_week(start, today=today, now=self.now())
            self.title.setText(self.week_title(start))
            self.previous_button.setToolTip(self.tr("Previous week (Page Up)"))
            self.next_button.setToolTip(self.tr("Next week (Page Down)"))
        self.previous_button.setAccessibleName(self.previous_button.toolTip())
        self.next_button.setAccessibleName(self.next_button.toolTip())
        self.views.setCurrentWidget(self.month if self._mode == self.MONTH else self.week)
        self._show_chips()

    def month_title(self, year: int, month: int) -> str:
        name = QLocale().standaloneMonthName(month, QLocale.FormatType.LongFormat)
        return self.tr("{month} {year}").format(month=name, year=year)

    def week_title(self, start: date) -> str:
        end = start + timedelta(days=6)
        monday = start + timedelta(days=(1 - start.isoweekday()) % 7)  # ISO 8601 numbering
        week = self.tr("Week {number}").format(number=monday.isocalendar().week)
        if (start.year, start.month) == (end.year, end.month):
            months = self.month_title(start.year, start.month)
        elif start.year == end.year:
            locale = QLocale()
            months = self.tr("{first} – {last} {year}").format(
                first=locale.standaloneMonthName(start.month, QLocale.FormatType.LongFormat),
                last=locale.standaloneMonthName(end.month, QLocale.FormatType.LongFormat),
                year=end.year)
        else:
            months = self.tr("{first} – {last}").format(
                first=self.month_title(start.year, start.month),
                last=self.month_title(end.year, end.month))
        return self.tr("{months} · {week}").format(months=months, week=week)

    def _on_clock_timer_timeout(self) -> None:
        today = self.today()
        self.month.set_today(today)
        self.week.set_now(today, self.now())

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the calendar: posts planned elsewhere meanwhile (the command line,
        the outbox) show."""
        super().showEvent(event)
        if self._loaded:
            self.reload()

    # Reading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the posts of the days shown again (stale answers are dropped)."""
        self._generation += 1
        generation = self._generation
        first, last = self.visible_days()
        posts, zone = self._posts, self._zone

        def work() -> list[PostChip]:
            # One read for the days shown (six weeks, or one), whatever months they touch.
            return posts().between(*days_range_utc(first, (last - first).days + 1, zone), zone)

        self._tasks.db(work, lambda chips: self._on_loaded(generation, chips),
                       self._on_failed, owner=self)

    def reload_accounts(self) -> None:
        """The accounts posts can go to (after Accounts changed), then the posts again."""
        self._tasks.db(self._load_targets, self._on_targets_loaded, self._on_failed, owner=self)

    def _on_targets_loaded(self, targets: list[TargetAccount]) -> None:
        self._targets = targets
        self._update_page()
        self.reload()

    def _on_loaded(self, generation: int, chips: list[PostChip]) -> None:
        if generation != self._generation:
            return
        self._loaded = True
        self._chips = chips
        self._show_chips()
        self._update_page()

    def _show_chips(self) -> None:
        first, last = self.visible_days()
        shown = [c for c in self._chips if first <= c.local.date() <= last]
        self.month.set_chips(shown if self._mode == self.MONTH else ())
        self.week.set_chips(shown if self._mode == self.WEEK else ())

    def _update_page(self) -> None:
        usable = any(not unavailable_reason(t) for t in self._targets or ())
        empty = self._targets is not None and not usable and not self._chips
        self.pages.setCurrentWidget(self.empty_state if empty else self.calendar_page)
        self.bar.setEnabled(not empty)
        self.new_button.setEnabled(usable)

    @property
    def chips(self) -> list[PostChip]:
        return list(self._chips)

    def chip(self, post_id: int) -> PostChip | None:
        return next((c for c in self._chips if c.id == post_id), None)

    # Planning and editing --------------------------------------------------------------------
    def new_post(self) -> None:
        self.create_at(next_hour(self.now()))

    def create_at(self, local: datetime) -> None:
        """The editor for a new post at a wall-clock time (naive, the owner's zone)."""
        if self._targets is not None and not any(not unavailable_reason(t)
                                                 for t in self._targets):
            self.show_error(post_words.no_account_can_post())
            return
        self._open_editor(at=local)

    def edit(self, post_id: int) -> None:
        posts = self._posts
        self._tasks.db(lambda: posts().get(post_id), lambda record: self._open_editor(
            record=record), self._on_failed, owner=self)

    def _open_editor(self, *, at: datetime | None = None,
                     record: PostRecord | None = None) -> PostEditorDialog | None:
        if self.editor is not None:
            self.editor.raise_()
            self.editor.activateWindow()
            return None
        self.clear_error()
        dialog = PostEditorDialog(self._targets or [], self._posts, self._tasks, zone=self._zone,
                                  at=at, record=record, parent=self, clock=self._clock,
                                  choose=self._choose, open_url=self._open_url)
        dialog.saved.connect(self._on_editor_saved)
        dialog.finished.connect(lambda _result: self._on_editor_finished(dialog))
        self.editor = dialog
        dialog.open()
        return dialog

    def _on_editor_saved(self, record: PostRecord) -> None:
        self.postsChanged.emit()
        if record.scheduled_at is not None:
            local = record.scheduled_at.astimezone(self._zone).replace(tzinfo=None)
            first, last = self.visible_days()
            if not first <= local.date() <= last:
                self._anchor = local.date()  # follow the post to where it now sits
                self._show_range()
        self.statusMessage.emit(post_words.saved(record))
        self.reload()

    def _on_editor_finished(self, dialog: PostEditorDialog) -> None:
        if self.editor is dialog:
            self.editor = None
        dialog.deleteLater()

    # Moving ----------------------------------------------------------------------------------
    def _on_month_chip_dropped(self, post_id: int, day: date) -> None:
        chip = self.chip(post_id)
        if chip is None:
            return
        self.move_post(post_id, datetime.combine(day, chip.local.time().replace(tzinfo=None)))

    def _on_week_chip_dropped(self, post_id: int, hour: datetime) -> None:
        chip = self.chip(post_id)
        if chip is None:
            return
        self.move_post(post_id, hour.replace(minute=chip.local.minute))

    def move_post(self, post_id: int, local: datetime) -> None:
        """Reschedule a post to a wall-clock time; it shows there at once, and goes back if the
        service refuses."""
        chip = self.chip(post_id)
        if chip is None or not movable(chip.state):
            return
        if chip.local.replace(tzinfo=None) == local:
            return
        at = resolve_local(local, self._zone, self, choose=self._choose)
        if at is None:
            return
        self.clear_error()
        self._chips = [replace(c, local=at.astimezone(self._zone)) if c.id == post_id else c
                       for c in self._chips]
        self._show_chips()
        posts = self._posts
        self._tasks.net(lambda: posts().reschedule(post_id, at),
                        lambda _record: self._on_changed(post_words.moved(local)),
                        self._on_change_failed, owner=self)

    # The post's menu -------------------------------------------------------------------------
    def menu_for(self, post_id: int) -> QMenu:
        """Edit, Duplicate, Post Now and Delete for one post (built afresh for each click)."""
        chip = self.chip(post_id)
        menu = QMenu(self)
        state = chip.state if chip is not None else OutboxState.DRAFT
        sent = state in (OutboxState.SENT, OutboxState.SENDING)
        edit = QAction(self.tr("View…") if sent else self.tr("&Edit…"), menu)
        edit.triggered.connect(lambda: self.edit(post_id))
        duplicate = QAction(self.tr("D&uplicate"), menu)
        duplicate.triggered.connect(lambda: self.duplicate(post_id))
        post_now = QAction(self.tr("Post &Now"), menu)
        post_now.setEnabled(not sent)
        post_now.triggered.connect(lambda: self.post_now(post_id))
        delete = QAction(self.tr("&Delete…"), menu)
        delete.triggered.connect(lambda: self.confirm_delete(post_id))
        for action in (edit, duplicate, post_now):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(delete)
        menu.setDefaultAction(edit)
        return menu

    def _on_view_chip_menu_requested(self, post_id: int, where: QPoint) -> None:
        menu = self.menu_for(post_id)
        menu.exec(where)
        menu.deleteLater()

    def _on_week_more_clicked(self, hour: datetime, where: QPoint) -> None:
        menu = QMenu(self)
        for chip in self.week.slot_chips(hour)[:MENU_POSTS]:
            action = QAction(self.week.chips.time_text(chip.local) + "  " + chip.first_line,
                             menu)
            action.triggered.connect(lambda _=False, i=chip.id: self.edit(i))
            menu.addAction(action)
        menu.exec(where)
        menu.deleteLater()

    def duplicate(self, post_id: int) -> None:
        posts = self._posts
        self.clear_error()
        self._tasks.net(lambda: posts().duplicate(post_id),
                        lambda _record: self._on_changed(post_words.duplicated()),
                        self._on_change_failed, owner=self)

    def post_now(self, post_id: int) -> None:
        posts = self._posts
        self.clear_error()
        self._tasks.net(lambda: posts().post_now(post_id),
                        lambda _record: self._on_changed(post_words.posting_now()),
                        self._on_change_failed, owner=self)

    def confirm_delete(self, post_id: int) -> None:
        chip = self.chip(post_id)
        if chip is not None and self.ask_delete(chip):
            self.delete(post_id)

    def ask_delete(self, chip: PostChip) -> bool:
        return confirm_destructive(
            self, self.tr("Delete Post"),
            self.tr("Delete the post “{text}”?").format(text=post_words.short(chip.first_line)),
            post_words.delete_consequence(chip.state), self.tr("Delete"))

    def delete(self, post_id: int) -> None:
        posts = self._posts
        self.clear_error()
        self._chips = [c for c in self._chips if c.id != post_id]
        self._show_chips()
        self._tasks.net(lambda: posts().delete(post_id),
                        lambda _none: self._on_changed(post_words.deleted()),
                        self._on_change_failed, owner=self)

    def _on_changed(self, text: str) -> None:
        self.postsChanged.emit()
        if text:
            self.statusMessage.emit(text)
        self.reload()

    def _on_change_failed(self, exc: BaseException) -> None:
        text = post_words.problem(exc)
        if text is None:
            log.error("changing a post failed", exc_info=exc)
            text = messages.problem(exc)
        self.show_error(text)
        self.reload()  # whatever was shown ahead of the answer goes back to how it is

    def _on_failed(self, exc: BaseException) -> None:
        text = post_words.problem(exc)
        if text is None:
            log.error("calendar work failed", exc_info=exc)
            text = messages.problem(exc)
        self.show_error(text)

    # Messages --------------------------------------------------------------------------------
    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def clear_error(self) -> None:
        self.error.hide()

    def _swatch(self, state: OutboxState) -> QPixmap:
        side = max(10, self.fontMetrics().height() - 4)
        pixmap = QPixmap(QSize(side, side))
        pixmap.fill(state_colour(state, self.palette()))
        return pixmap

