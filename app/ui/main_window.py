"""The main window: navigation on the left, one screen at a time, sync state below."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from app import APP_NAME, __version__
from app.core.model import TriageState
from app.core.settings import Settings
from app.services.inbox import InboxService
from app.services.preferences import PreferencesService
from app.services.workspace import Workspace
from app.ui.resources import icon
from app.ui.screens.inbox import InboxScreen
from app.ui.screens.placeholders import (
    AccountsScreen,
    CalendarScreen,
    ReportsScreen,
    TemplatesScreen,
)
from app.ui.screens.settings import SettingsScreen
from app.ui.tasks import Tasks


@dataclass
class Context:
    """What the window and its screens need, handed in rather than reached for globally."""

    workspace: Workspace
    tasks: Tasks
    settings: Settings
    tray_available: bool = False
    demo: bool = False
    inbox: InboxService = field(init=False)
    preferences: PreferencesService = field(init=False)

    def __post_init__(self) -> None:
        self.inbox = InboxService(self.workspace.sessions)
        self.preferences = PreferencesService(self.workspace.sessions)


class MainWindow(QMainWindow):
    INBOX, CALENDAR, TEMPLATES, REPORTS, ACCOUNTS, SETTINGS = range(6)

    languageChanged = Signal(str)
    quitRequested = Signal()
    newMentionCountChanged = Signal(int)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._settings = context.settings
        self._quitting = False
        self._state = QSettings(str(context.workspace.ui_state_path), QSettings.Format.IniFormat)
        self.setWindowTitle(self.tr("Community Desk — Demo") if context.demo else APP_NAME)
        self.setWindowIcon(icon("app"))

        self.inbox = InboxScreen(context.inbox, context.tasks, self)
        self.settings_screen = SettingsScreen(
            context.preferences, context.tasks, context.settings,
            tray_available=context.tray_available, parent=self,
        )
        self.settings_screen.settingsChanged.connect(self._on_settings_changed)
        self.settings_screen.languageChanged.connect(self.languageChanged)
        self.stack = QStackedWidget(self)
        self.nav = QListWidget(self)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(2)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setAccessibleName(self.tr("Sections"))
        for icon_name, title, screen in (
            ("inbox", self.tr("Inbox"), self.inbox),
            ("calendar", self.tr("Calendar"), CalendarScreen(self)),
            ("templates", self.tr("Templates"), TemplatesScreen(self)),
            ("reports", self.tr("Reports"), ReportsScreen(self)),
            ("accounts", self.tr("Accounts"), AccountsScreen(self)),
            ("settings", self.tr("Settings"), self.settings_screen),
        ):
            item = QListWidgetItem(icon(icon_name), title)
            item.setData(Qt.ItemDataRole.UserRole, title)
            item.setSizeHint(QSize(0, 36))
            self.nav.addItem(item)
            self.stack.addWidget(screen)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self._fit_navigation()

        splitter = QSplitter(self)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        self.setCentralWidget(splitter)

        self.sync_state = QLabel(self)
        self.statusBar().addWidget(self.sync_state, 1)
        if context.demo:
            demo_note = QLabel(self.tr("Demo workspace: sample data, thrown away on exit"), self)
            self.statusBar().addPermanentWidget(demo_note)
        self._build_menus()
        self._restore_state()
        self.inbox.model.overdue = self._overdue()
        self.inbox.reload()
        self.refresh_counts()

    # Layout ----------------------------------------------------------------------------------
    def _fit_navigation(self) -> None:
        """Wide enough for the longest label in the current language, badges included."""
        metrics = self.nav.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(self.nav.item(i).text() + " (99999)")
            for i in range(self.nav.count())
        )
        self.nav.setMinimumWidth(widest + self.nav.iconSize().width() + 40)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.sync_action = QAction(self.tr("&Sync Now"), self)
        self.sync_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.sync_action.setEnabled(False)
        file_menu.addAction(self.sync_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.quitRequested)
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

    def show_screen(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def show_about(self) -> None:
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
        row = self._state.value("window/screen", self.INBOX)
        try:
            row = int(row)
        except (TypeError, ValueError):
            row = self.INBOX
        self.show_screen(row if 0 <= row < self.nav.count() else self.INBOX)

    def save_state(self) -> None:
        self._state.setValue("window/geometry", self.saveGeometry())
        self._state.setValue("window/screen", self.nav.currentRow())
        self._state.sync()

    def _overdue(self):
        from datetime import timedelta

        return timedelta(hours=self._settings.overdue_hours)

    def _on_settings_changed(self, settings: Settings) -> None:
        self._settings = settings
        self._context.settings = settings
        self.inbox.model.overdue = self._overdue()
        self.inbox.table.viewport().update()

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
        item.setText(f"{title} ({waiting})" if waiting else title)
        self.newMentionCountChanged.emit(waiting)
        if accounts == 0:
            self.sync_state.setText(self.tr("No accounts connected yet"))
        else:
            self.sync_state.setText(self.tr("%n account(s) connected, not synced yet", "",
                                            accounts))

    # Closing ---------------------------------------------------------------------------------
    def prepare_to_quit(self) -> None:
        self._quitting = True
        self.save_state()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        if (not self._quitting and self._settings.close_to_tray
                and self._context.tray_available):
            event.ignore()
            self.hide()
            return
        event.accept()
        self.quitRequested.emit()
