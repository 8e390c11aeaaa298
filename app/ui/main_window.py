"""The main window: navigation on the left, one screen at a time, sync state below.

It also keeps the inbox current: a sync pass now (F5) and every few minutes (Settings), on the
network pool, with a cancel flag that quitting raises. After each pass and each triage action
the waiting count in the navigation and the tray is read again.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSettings,
    QSize,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app import APP_NAME, __version__
from app.core.model import TriageState
from app.core.settings import Settings
from app.services.inbox import InboxService
from app.services.preferences import PreferencesService
from app.services.workspace import Workspace
from app.ui.outbox_runner import OutboxRunner
from app.ui.resources import icon
from app.ui.screens.inbox import InboxScreen
from app.ui.tasks import Tasks

if TYPE_CHECKING:
    # Annotations only: realising QCloseEvent's Python class costs start-up time.
    from PySide6.QtGui import QCloseEvent

    # Imported where they are built, on first visit: start-up shows only the inbox.
    from app.core.model import AccountSummary, PostRecord
    from app.credentials import Credentials
    from app.networks.base import Connector
    from app.services.accounts import AccountsService
    from app.services.autostart import Autostart
    from app.services.connect import ConnectService
    from app.services.outbox import OutboxService
    from app.services.posts import PostsService
    from app.services.sync import SyncReport, SyncService
    from app.services.threads import ThreadService
    from app.ui.dialogs.welcome import WelcomeDialog
    from app.ui.screens.accounts import AccountsScreen
    from app.ui.screens.calendar import CalendarScreen
    from app.ui.screens.composer import ComposerPane
    from app.ui.screens.reports import ReportsScreen
    from app.ui.screens.settings import SettingsScreen

log = logging.getLogger(__name__)

FIRST_SYNC_DELAY_MS = 3_000  # the first pass after start-up, once the window has settled
QUIT_WAIT_SECONDS = 2.0  # how long quitting waits for a cancelled pass to stop


@dataclass
class Context:
    """What the window and its screens need, handed in rather than reached for globally."""

    workspace: Workspace
    tasks: Tasks
    settings: Settings
    tray_available: bool = False
    demo: bool = False
    credentials: Credentials | None = None  # None: the system keyring (tests pass their own)
    sync: SyncService | None = None  # None: built on first use (tests pass their own)
    background_sync: bool = True  # sync after start-up and every few minutes (tests: off)
    autostart: Autostart | None = None  # None: this desktop's start-at-login entry
    zone: tzinfo | None = None  # the owner's time zone for planned posts; None: the system's
    inbox: InboxService = field(init=False)
    preferences: PreferencesService = field(init=False)
    _accounts: AccountsService | None = field(default=None, init=False, repr=False)
    _connect: ConnectService | None = field(default=None, init=False, repr=False)
    _threads: ThreadService | None = field(default=None, init=False, repr=False)
    _outbox: OutboxService | None = field(default=None, init=False, repr=False)
    _posts: PostsService | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __post_init__(self) -> None:
        self.inbox = InboxService(self.workspace.sessions)
        self.preferences = PreferencesService(self.workspace.sessions)

    # Built on first use (the Accounts screen, on a worker): connecting brings in the network
    # code, which start-up never needs. Any thread may ask, hence the lock.
    def accounts(self) -> AccountsService:
        with self._lock:
            return self._accounts_locked()

    def connect_service(self) -> ConnectService:
        with self._lock:
            if self._connect is None:
                from app.services.connect import ConnectService

                self._connect = ConnectService(self._accounts_locked(), self._credentials())
            return self._connect

    def sync_service(self) -> SyncService:
        """One per window, so each account's back-off outlives a single pass."""
        with self._lock:
            if self.sync is None:
                from app.services.sync import SyncService

                self.sync = SyncService(self.workspace.sessions, self._accounts_locked(),
                                        self._connector_for)
            return self.sync

    def threads(self) -> ThreadService:
        with self._lock:
            if self._threads is None:
                from app.services.threads import ThreadService

                self._threads = ThreadService(self.inbox, self._accounts_locked(),
                                              self._connector_for)
            return self._threads

    def outbox(self) -> OutboxService:
        """One per window: the composer queues replies, the outbox runner sends them."""
        with self._lock:
            if self._outbox is None:
                from app.services.outbox import OutboxService

                self._outbox = OutboxService(self.workspace.sessions, self._accounts_locked(),
                                             self._connector_for)
            return self._outbox

    def posts(self) -> PostsService:
        """One per window: the calendar plans posts, the outbox runner publishes them."""
        with self._lock:
            if self._posts is None:
                from app.services.posts import PostsService

                self._posts = PostsService(self.workspace.sessions, self._accounts_locked(),
                                           self._connector_for)
            return self._posts

    def _connector_for(self, account: AccountSummary) -> Connector:
        return self.connect_service().connector(account)

    def _accounts_locked(self) -> AccountsService:
        if self._accounts is None:
            from app.services.accounts import AccountsService

            self._accounts = AccountsService(self.workspace.sessions, self._credentials())
        return self._accounts

    def _credentials(self) -> Credentials:
        if self.credentials is None:
            from app.credentials import Credentials

            self.credentials = Credentials()
        return self.credentials


# The navigation's count badge ("23" waiting in the inbox) lives in this item role.
BADGE_ROLE = Qt.ItemDataRole.UserRole + 1
BADGE_MARGIN = 10  # between the badge and the item's right edge


class _NavigationDelegate(QStyledItemDelegate):
    """Draws a section like any list item, plus a small rounded count badge on its right.

    The selected section's icon is drawn in the highlighted-text colour: the style's own
    "selected" icon blends the dark grey strokes into the highlight, which reads as disabled.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tinted: dict[tuple[int, int, int], QIcon] = {}

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        # The highlight already marks the current section; the style's focus frame around the
        # text alone would split the row in two.
        option.state &= ~QStyle.StateFlag.State_HasFocus
        if not option.state & QStyle.StateFlag.State_Selected:
            return
        colour = option.palette.color(QPalette.ColorRole.HighlightedText)
        size = option.decorationSize
        widget = option.widget
        ratio = widget.devicePixelRatioF() if widget is not None else 1.0
        key = (index.row(), colour.rgba(), round(ratio * 100))
        if key not in self._tinted:
            self._tinted[key] = tinted_icon(option.icon, size, ratio, colour)
        option.icon = self._tinted[key]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        count = index.data(BADGE_ROLE)
        if not count:
            return
        text = badge_text(int(count))
        font = QFont(option.font)
        font.setPointSizeF(font.pointSizeF() * 0.9)
        metrics = QFontMetrics(font)
        height = metrics.height() + 2
        width = max(height, metrics.horizontalAdvance(text) + height * 0.8)
        rect = option.rect
        pill = QRectF(rect.right() - BADGE_MARGIN - width,
                      rect.center().y() - height / 2 + 1, width, height)
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        background = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Highlight)
        foreground = palette.color(
            QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.HighlightedText)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setFont(font)
        painter.setPen(foreground)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


def badge_text(count: int) -> str:
    return str(count) if count < 1000 else "999+"


def tinted_icon(source: QIcon, size: QSize, ratio: float, colour: QColor) -> QIcon:
    """A one-colour copy of a line icon, the same in every mode (no style blending)."""
    pixmap = source.pixmap(size, ratio)
    tinted = QPixmap(pixmap.size())
    tinted.setDevicePixelRatio(pixmap.devicePixelRatio())
    tinted.fill(Qt.GlobalColor.transparent)
    painter = QPainter(tinted)
    painter.drawPixmap(0, 0, pixmap)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(tinted.rect(), colour)
    painter.end()
    result = QIcon()
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Active):
        result.addPixmap(tinted, mode)
    return result


class MainWindow(QMainWindow):
    INBOX, CALENDAR, TEMPLATES, REPORTS, ACCOUNTS, SETTINGS = range(6)

    languageChanged = Signal(str)
    quitRequested = Signal()
    newMentionCountChanged = Signal(int)
    complaintsArrived = Signal(int)  # new complaints a sync brought: worth a notification
    deliveriesFailed = Signal(int)  # replies or posts that could not go out: worth one too
    syncFinished = Signal(object)  # SyncReport

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._settings = context.settings
        self._quitting = False
        self._state = QSettings(str(context.workspace.ui_state_path), QSettings.Format.IniFormat)
        self.setWindowTitle(self.tr("Community Desk — Demo") if context.demo else APP_NAME)
        self.setWindowIcon(icon("app"))
        # Sync: at most one pass at a time; quitting raises `cancel` and waits for `idle`.
        self._sync_cancel = threading.Event()
        self._sync_idle = threading.Event()
        self._sync_idle.set()
        self._syncing = False
        self._sync_text = ""  # what the last pass said, once there was one
        self._sync_timer = QTimer(self)
        self._sync_timer.timeout.connect(self._on_sync_timer_timeout)
        self._sync_scheduled = False

        self.inbox = InboxScreen(
            context.inbox, context.tasks, self,
            accounts=lambda: context.accounts().list(include_removed=True),
            threads=context.threads, composer=self._make_composer)
        # Ask for the first page now: the worker reads it while the rest of the window is built.
        self.inbox.reload()
        self.inbox.mentionsChanged.connect(self._on_inbox_mentions_changed)
        self.inbox.statusMessage.connect(self._on_inbox_status_message)
        self.stack = QStackedWidget(self)
        self.nav = QListWidget(self)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(2)
        self.nav.setFrameShape(QFrame.Shape.NoFrame)
        self.nav.setItemDelegate(_NavigationDelegate(self.nav))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.nav.setAccessibleName(self.tr("Sections"))
        # Only the inbox is built at start-up; every other screen on its first visit, so the
        # window appears as fast as the app grows.
        self._screens: dict[int, QWidget] = {self.INBOX: self.inbox}
        self._account_count: int | None = None
        for row, (icon_name, title) in enumerate((
            ("inbox", self.tr("Inbox")),
            ("calendar", self.tr("Calendar")),
            ("templates", self.tr("Templates")),
            ("reports", self.tr("Reports")),
            ("accounts", self.tr("Accounts")),
            ("settings", self.tr("Settings")),
        )):
            item = QListWidgetItem(icon(icon_name), title)
            item.setData(Qt.ItemDataRole.UserRole, title)
            item.setSizeHint(QSize(0, 36))
            self.nav.addItem(item)
            self.stack.addWidget(self._screens.get(row) or QWidget(self.stack))
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        self._fit_navigation()

        # A fixed sidebar, as in most native settings-style windows: the sections never need
        # more room than their longest name, and a splitter handle would only invite fiddling.
        separator = QFrame(self)
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Plain)
        separator.setForegroundRole(QPalette.ColorRole.Mid)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(separator)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.sync_state = QLabel(self)
        self.sync_state.setContentsMargins(6, 0, 0, 0)  # in line with the sidebar's icons
        self.statusBar().addWidget(self.sync_state, 1)
        if context.demo:
            demo_note = QLabel(self.tr("Demo workspace: sample data, thrown away on exit"), self)
            self.statusBar().addPermanentWidget(demo_note)
        self._build_menus()
        self._restore_state()
        self.nav.setFocus()
        # The badge and the status bar can wait: the worker reads the first page alone.
        self.inbox.call_after_first_load(self.refresh_counts)
        # Replies leave when they fall due; a crash's half-sent ones are settled first. The
        # demo's accounts are samples, so nothing is sent from there.
        self.outbox_runner = OutboxRunner(context.outbox, context.tasks, self)
        self.outbox_runner.mentionsAnswered.connect(self._on_outbox_mentions_answered)
        self.outbox_runner.postsChanged.connect(self._on_outbox_posts_changed)
        self.outbox_runner.deliveriesFailed.connect(self.deliveriesFailed)
        if not context.demo:
            self.inbox.call_after_first_load(self.outbox_runner.start)
            # Posts whose time passed while the app was closed wait for the owner's word.
            self.inbox.call_after_first_load(self.check_missed_posts)
        if not context.demo and context.background_sync:
            # Each week's summary into the owner's folder, when Settings asks for it.
            from app.ui.post_time import system_zone
            from app.ui.weekly_autosave import WeeklyAutosave

            self.weekly_autosave = WeeklyAutosave(
                context.workspace.sessions, context.tasks,
                lambda: context.zone or system_zone(), parent=self)
            self.weekly_autosave.saved.connect(self._on_weekly_pdfs_saved)
            self.weekly_autosave.failed.connect(self._on_inbox_status_message)
            self.inbox.call_after_first_load(self.weekly_autosave.start)

    def _on_weekly_pdfs_saved(self, saved: list[tuple[str, Path]]) -> None:
        """[(week, path)] just written: say so, and show the latest week in Settings."""
        week, path = saved[-1]
        if len(saved) == 1:
            text = self.tr("Weekly summary saved: {name}").format(name=path.name)
        else:
            text = self.tr("%n weekly summaries saved in {folder}", "", len(saved)).format(
                folder=str(path.parent))
        self.statusBar().showMessage(text, 8_000)
        if self.SETTINGS in self._screens:
            self.settings_screen.weekly_box.set_saved_week(week)

    def _make_composer(self, parent: QWidget) -> ComposerPane:
        """The reply composer, built on the first Enter in the inbox: it brings in the outbox
        and template code, which start-up never needs."""
        from app.services.reply_context import ReplyContextService
        from app.ui.screens.composer import ComposerPane, ComposerServices

        context = self._context
        services = ComposerServices(ReplyContextService(context.workspace.sessions),
                                    context.outbox, poke=self.outbox_runner.poke)
        composer = ComposerPane(services, context.tasks, parent)
        self.outbox_runner.entriesChanged.connect(composer.refresh_entry)
        return composer

    # Layout ----------------------------------------------------------------------------------
    def _fit_navigation(self) -> None:
        """Wide enough for the longest label in the current language, with room for a badge."""
        metrics = self.nav.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(self.nav.item(i).text()) for i in range(self.nav.count())
        )
        badge = metrics.horizontalAdvance(badge_text(9999)) + metrics.height() + BADGE_MARGIN
        # Item margins, the icon and its gap, then the gap before the badge.
        self.nav.setFixedWidth(widest + self.nav.iconSize().width() + badge + 48)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.sync_action = QAction(self.tr("&Sync Now"), self)
        self.sync_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.sync_action.setToolTip(self.tr("Check every account for new mentions now (F5)"))
        self.sync_action.triggered.connect(self.sync_now)
        file_menu.addAction(self.sync_action)
        file_menu.addSeparator()
        # The week on the Reports screen (shown first, so the owner sees which week it is).
        self.export_pdf_action = QAction(self.tr("Export Week as &PDF…"), self)
        self.export_pdf_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_pdf_action.triggered.connect(lambda: self._export_week("pdf"))
        file_menu.addAction(self.export_pdf_action)
        self.export_csv_action = QAction(self.tr("Export Week as &CSV…"), self)
        self.export_csv_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_csv_action.triggered.connect(lambda: self._export_week("csv"))
        file_menu.addAction(self.export_csv_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(
            lambda: self._may_leave_screen() and self.quitRequested.emit())
        file_menu.addAction(quit_action)

        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        for row in range(self.nav.count()):
            action = QAction(self.nav.item(row).data(Qt.ItemDataRole.UserRole), self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _=False, r=row: self.show_screen(r))
            go_menu.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Community Desk"), self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _export_week(self, kind: str) -> None:
        """From the File menu: on the Reports screen, the week shown; elsewhere, the Reports
        screen opens on its week and the export starts once its figures are in."""
        if self.stack.currentIndex() != self.REPORTS:
            self.show_screen(self.REPORTS)
            if self.stack.currentIndex() != self.REPORTS:
                return  # another screen kept the owner (unsaved edits)
        reports = self.reports_screen
        export = reports.export_pdf if kind == "pdf" else reports.export_csv
        if reports.report is not None and reports.report.current.week == reports.week:
            export()
        else:
            reports.call_when_shown(export)

    def screen(self, row: int) -> QWidget:
        """The screen for a navigation row, built on first use."""
        if row not in self._screens:
            widget = self._build_screen(row)
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, widget)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._screens[row] = widget
        return self._screens[row]

    def _build_screen(self, row: int) -> QWidget:
        from app.services.rules import RulesService
        from app.ui.screens.settings import SettingsScreen

        context = self._context
        if row == self.SETTINGS:
            from app.services.autostart import Autostart

            screen = SettingsScreen(context.preferences, context.tasks, self._settings,
                                    tray_available=context.tray_available,
                                    rules=RulesService(context.workspace.sessions),
                                    autostart=context.autostart or Autostart(), parent=self)
            screen.settingsChanged.connect(self._on_settings_changed)
            screen.languageChanged.connect(self.languageChanged)
            return screen
        if row == self.ACCOUNTS:
            from app.ui.screens.accounts import AccountsScreen

            # The demo's accounts are samples: checking them would only mark them broken.
            accounts = AccountsScreen(context.accounts(), context.connect_service,
                                      context.tasks, self, check_connections=not context.demo)
            accounts.accountsChanged.connect(self._on_accounts_changed)
            return accounts
        if row == self.TEMPLATES:
            from app.services.templates import TemplatesService
            from app.ui.screens.templates import TemplatesScreen

            return TemplatesScreen(TemplatesService(context.workspace.sessions), context.tasks,
                                   self)
        if row == self.CALENDAR:
            return self._make_calendar()
        return self._make_reports()

    def _make_reports(self) -> ReportsScreen:
        """The weekly summary, built on its first visit; it reads nothing until it is shown."""
        from app.services.reports import ReportsService
        from app.ui.screens.reports import ReportsScreen

        context = self._context
        reports = ReportsScreen(ReportsService(context.workspace.sessions), context.tasks, self,
                                zone=context.zone)
        reports.statusMessage.connect(self._on_inbox_status_message)
        return reports

    def _make_calendar(self) -> CalendarScreen:
        """The calendar, built on its first visit: planning posts brings in the outbox and the
        network code, which start-up never needs."""
        from app.services.post_targets import post_targets
        from app.ui.screens.calendar import CalendarScreen

        context = self._context
        sessions = context.workspace.sessions
        calendar = CalendarScreen(context.posts, context.tasks, self,
                                  targets=lambda: post_targets(sessions), zone=context.zone)
        calendar.postsChanged.connect(self.outbox_runner.poke)
        calendar.statusMessage.connect(self._on_inbox_status_message)
        return calendar

    @property
    def calendar_screen(self) -> CalendarScreen:
        return self.screen(self.CALENDAR)  # type: ignore[return-value]

    @property
    def reports_screen(self) -> ReportsScreen:
        return self.screen(self.REPORTS)  # type: ignore[return-value]

    @property
    def settings_screen(self) -> SettingsScreen:
        return self.screen(self.SETTINGS)  # type: ignore[return-value]

    @property
    def accounts_screen(self) -> AccountsScreen:
        return self.screen(self.ACCOUNTS)  # type: ignore[return-value]

    def _on_nav_row_changed(self, row: int) -> None:
        if row < 0 or row == self.stack.currentIndex():
            return
        if not self._may_leave_screen():
            # Stay: the screen has unsaved edits the owner chose to keep working on.
            blocked = self.nav.blockSignals(True)
            self.nav.setCurrentRow(self.stack.currentIndex())
            self.nav.blockSignals(blocked)
            return
        self.stack.setCurrentWidget(self.screen(row))

    def _may_leave_screen(self) -> bool:
        """A screen with unsaved edits (Templates) asks first; False: stay on it."""
        confirm = getattr(self.stack.currentWidget(), "confirm_leave", None)
        return confirm is None or bool(confirm())

    def show_screen(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, self.tr("About Community Desk"), self.about_text())

    def about_text(self) -> str:
        return self.tr(
            "<h3>Community Desk {version}</h3>"
            "<p>One inbox for everything customers say about your shop on social media, "
            "with saved replies, a post calendar and a weekly summary.</p>"
            "<p>Your data stays on this computer, in {folder}.</p>"
            "<p>MIT License.</p>"
        ).format(version=__version__, folder=self._context.workspace.data_dir)

    # State -----------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self._state.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)
        splitter = self._state.value("inbox/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.inbox.splitter.restoreState(splitter)
        row = self._state.value("window/screen", self.INBOX)
        try:
            row = int(row)
        except (TypeError, ValueError):
            row = self.INBOX
        self.show_screen(row if 0 <= row < self.nav.count() else self.INBOX)

    def save_state(self) -> None:
        self._state.setValue("window/geometry", self.saveGeometry())
        self._state.setValue("window/screen", self.nav.currentRow())
        self._state.setValue("inbox/splitter", self.inbox.splitter.saveState())
        self._state.sync()

    def _on_settings_changed(self, settings: Settings) -> None:
        self._settings = settings
        self._context.settings = settings
        self.inbox.refresh_deadlines()  # the overdue threshold or opening hours may differ
        self._sync_timer.setInterval(self._sync_interval_ms())

    # Counts and sync state -------------------------------------------------------------------
    def refresh_counts(self) -> None:
        inbox = self._context.inbox
        self._context.tasks.db(
            lambda: (inbox.counts(), inbox.account_count()), self._on_counts, owner=self
        )

    def _on_counts(self, result: tuple[dict[TriageState, int], int]) -> None:
        counts, accounts = result
        waiting = counts[TriageState.NEW]
        item = self.nav.item(self.INBOX)
        title = item.data(Qt.ItemDataRole.UserRole)
        item.setData(BADGE_ROLE, waiting)
        item.setData(Qt.ItemDataRole.AccessibleTextRole,
                     f"{title} ({waiting})" if waiting else title)
        self.newMentionCountChanged.emit(waiting)
        self.inbox.set_account_count(accounts)
        self._account_count = accounts
        if self.ACCOUNTS in self._screens:
            self.accounts_screen.set_account_count(accounts)
        self._schedule_sync(accounts)
        if accounts == 0:
            self.sync_state.setText(self.tr("No accounts connected yet"))
        elif self._syncing:
            self.sync_state.setText(self.tr("Checking…"))
        elif self._sync_text:
            self.sync_state.setText(self._sync_text)
        elif accounts == 1:
            # English needs its singular spelled out: without an English .qm, Qt only
            # replaces %n and would show "1 accounts".
            self.sync_state.setText(self.tr("1 account connected, not synced yet"))
        else:
            self.sync_state.setText(self.tr("%n accounts connected, not synced yet", "",
                                            accounts))
        if accounts == 0:
            self._offer_welcome()

    def _on_inbox_mentions_changed(self, _ids: list[int]) -> None:
        self.refresh_counts()

    def _on_outbox_mentions_answered(self, _ids: list[int]) -> None:
        self.inbox.reload(keep_current=True)  # answered mentions are done now
        self.refresh_counts()

    def _on_inbox_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8_000)

    def _on_accounts_changed(self) -> None:
        self.refresh_counts()
        self.inbox.reload_accounts()
        if self.CALENDAR in self._screens:
            self.calendar_screen.reload_accounts()  # the accounts a post can go to
        if self._context.background_sync:
            # A newly connected account's mentions, now rather than at the next interval.
            QTimer.singleShot(0, self, self.sync_now)

    # Planned posts ---------------------------------------------------------------------------
    def _on_outbox_posts_changed(self, _post_ids: list[int]) -> None:
        """Posts went out, failed, or missed their time: the calendar shows it, and missed
        ones are put to the owner."""
        if self.CALENDAR in self._screens:
            self.calendar_screen.reload()
        self.check_missed_posts()

    def check_missed_posts(self) -> None:
        posts = self._context.posts
        self._context.tasks.db(lambda: posts().missed(), self._on_missed_posts, owner=self)

    def _on_missed_posts(self, records: list[PostRecord]) -> None:
        from app.ui.dialogs.missed_posts import MissedPostsDialog
        from app.ui.post_time import system_zone

        dialog = self.findChild(MissedPostsDialog)
        if dialog is not None and dialog.isVisible():
            dialog.set_records(records)
            return
        if not records:
            return
        context = self._context
        dialog = MissedPostsDialog(records, context.posts, context.tasks,
                                   zone=context.zone or system_zone(), parent=self)
        dialog.postsChanged.connect(self._on_missed_dialog_posts_changed)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()

    def _on_missed_dialog_posts_changed(self) -> None:
        self.outbox_runner.poke()
        if self.CALENDAR in self._screens:
            self.calendar_screen.reload()

    # Sync ------------------------------------------------------------------------------------
    def _sync_interval_ms(self) -> int:
        return self._settings.sync_interval_minutes * 60_000

    def _schedule_sync(self, accounts: int) -> None:
        """Once the first counts are in: a pass soon after start-up when there is an account
        to check, then one every sync interval."""
        # The demo's accounts are samples: checking them would only mark them broken.
        if self._sync_scheduled or not self._context.background_sync or self._context.demo:
            return
        self._sync_scheduled = True
        self._sync_timer.start(self._sync_interval_ms())
        if accounts:
            QTimer.singleShot(FIRST_SYNC_DELAY_MS, self, self._on_sync_timer_timeout)

    def _on_sync_timer_timeout(self) -> None:
        if self._account_count:
            self.sync_now()

    @property
    def syncing(self) -> bool:
        return self._syncing

    def sync_now(self) -> None:
        """One pass over every account, on the network pool (F5). A pass already running is
        not doubled."""
        if self._syncing or self._quitting:
            return
        if self._context.demo:
            self.statusBar().showMessage(self.tr(
                "The demo's accounts are samples, so there is nothing to check."), 8_000)
            return
        self._syncing = True
        self.sync_action.setEnabled(False)
        self.sync_state.setText(self.tr("Checking…"))
        self.sync_state.setToolTip("")
        context, cancel, idle = self._context, self._sync_cancel, self._sync_idle
        idle.clear()

        def work() -> SyncReport:
            try:
                return context.sync_service().sync(cancel=cancel)
            finally:
                idle.set()

        context.tasks.net(work, self._on_sync_finished, self._on_sync_failed, owner=self)

    def _on_sync_finished(self, report: SyncReport) -> None:
        self._syncing = False
        self.sync_action.setEnabled(True)
        checked = QLocale().toString(QTime.currentTime(), QLocale.FormatType.ShortFormat)
        last = self.tr("Last checked {time}").format(time=checked)
        failed = len(report.failed)
        if failed == 1:
            self._sync_text = self.tr("1 account could not be checked — see Accounts")
        elif failed:
            self._sync_text = self.tr("%n accounts could not be checked — see Accounts", "",
                                      failed)
        else:
            self._sync_text = last
        self.sync_state.setText(self._sync_text)
        self.sync_state.setToolTip(last)
        if report.changed_ids:
            self.inbox.reload(keep_current=True)
        self.refresh_counts()
        if self.ACCOUNTS in self._screens:
            self.accounts_screen.reload()  # last sync times and errors
        complaints = len(report.complaint_ids)
        if complaints:
            self.complaintsArrived.emit(complaints)
            if not self.isActiveWindow():
                QApplication.alert(self)
        self.syncFinished.emit(report)

    def _on_sync_failed(self, exc: BaseException) -> None:
        from app.ui import messages

        self._syncing = False
        self.sync_action.setEnabled(True)
        log.error("sync failed", exc_info=exc)
        self._sync_text = messages.problem(exc)
        self.sync_state.setText(self._sync_text)

    # First run -------------------------------------------------------------------------------
    def _welcome_wanted(self) -> bool:
        from app.ui.dialogs.welcome import SHOWN_KEY

        # Read as text: value(..., type=bool) mis-counts references to True in PySide6.
        shown = str(self._state.value(SHOWN_KEY, "")).lower() == "true"
        return not (self._context.demo or self._settings.shop_name.strip() or shown)

    def _offer_welcome(self) -> None:
        """An empty workspace with no shop name: greet the owner once, when the window shows."""
        if self._welcome_wanted():
            QTimer.singleShot(0, self, self._show_welcome)

    def _show_welcome(self) -> None:
        from app.ui.dialogs.welcome import SHOWN_KEY, WelcomeDialog

        if not self.isVisible() or not self._welcome_wanted() or self.findChild(WelcomeDialog):
            return
        self._state.setValue(SHOWN_KEY, True)
        self._state.sync()
        dialog = WelcomeDialog(self._settings, self)
        dialog.finished.connect(lambda _result: self._on_welcome_finished(dialog))
        dialog.open()

    def _on_welcome_finished(self, dialog: WelcomeDialog) -> None:
        from app.ui.dialogs.welcome import Choice, start_demo

        profile = {key: value for key, value in dialog.profile().items() if value}
        choice = dialog.choice
        dialog.deleteLater()
        if profile:
            preferences = self._context.preferences
            self._context.tasks.db(lambda: preferences.update(**profile),
                                   self._on_profile_saved, owner=self)
        if choice is Choice.CONNECT:
            self.show_screen(self.ACCOUNTS)
            QTimer.singleShot(0, self.accounts_screen, self.accounts_screen.open_add_menu)
        elif choice is Choice.DEMO and not start_demo():
            self.statusBar().showMessage(self.tr("The demo could not be started."), 10_000)

    def _on_profile_saved(self, settings: Settings) -> None:
        self._on_settings_changed(settings)
        if self.SETTINGS in self._screens:
            self.settings_screen.show_profile(settings)

    # Closing ---------------------------------------------------------------------------------
    def prepare_to_quit(self) -> None:
        self._quitting = True
        self.save_state()
        self._sync_timer.stop()
        # A pass in progress stops at its next account; give it a moment to store what it has.
        self._sync_cancel.set()
        self.outbox_runner.stop()  # a reply being sent is settled at the next start if need be
        if self.inbox.composer is not None:
            self.inbox.composer.save_draft()  # the last words typed, before the worker stops
        if self.SETTINGS in self._screens:
            self.settings_screen.flush()  # reminders still waiting for a pause in typing
        if not self._sync_idle.wait(QUIT_WAIT_SECONDS):
            log.info("quitting while a sync pass is still finishing")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        if (not self._quitting and self._settings.close_to_tray
                and self._context.tray_available):
            event.ignore()
            self.hide()
            return
        if not self._quitting and not self._may_leave_screen():
            event.ignore()
            return
        event.accept()
        self.quitRequested.emit()
