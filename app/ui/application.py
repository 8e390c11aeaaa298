"""Start the desktop app: one instance per workspace, translations, the window and the tray."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

# The data layer before PySide6, on purpose: importing PySide6 replaces Python's import function
# with a slower one (for `from __feature__ import ...`), and start-up needs these modules anyway.
from app import APP_ID, APP_NAME, __version__
from app.services.preferences import PreferencesService
from app.services.workspace import (
    Problem,
    Workspace,
    WorkspaceError,
    open_workspace,
    restore_latest_backup,
)

# isort: split
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.ui.i18n import install_translators, resolve_language
from app.ui.main_window import Context, MainWindow
from app.ui.resources import icon
from app.ui.single_instance import InstanceServer, ask_running_instance
from app.ui.tasks import Tasks
from app.ui.tray import Tray

log = logging.getLogger(__name__)

# Benchmarks set this to measure start-up: quit once the inbox's first page is painted.
ENV_EXIT_WHEN_READY = "COMMUNITY_DESK_EXIT_WHEN_READY"


def freeze_start_up_heap() -> None:
    """Everything built by the time the first page shows (Qt wrappers, SQLAlchemy, the
    screens) lives as long as the app: keep it out of the collector's full passes, whose
    pauses would otherwise show as stutters while scrolling."""
    gc.freeze()


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName(APP_ID)
    QApplication.setApplicationDisplayName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName(APP_ID)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    # Background tasks run Python too, and a thread that wants the interpreter waits up to
    # this long for its turn: at the default 5 ms a busy worker adds that much to a frame.
    sys.setswitchinterval(0.001)
    app.setWindowIcon(icon("app"))
    return app


def open_or_explain(data_dir: Path) -> Workspace | None:
    """Open the workspace, or tell the user why not (offering a restore); None means give up."""
    while True:
        try:
            return open_workspace(data_dir)
        except WorkspaceError as error:
            # Imported here: only needed when something is wrong, so never on a normal start.
            from PySide6.QtWidgets import QMessageBox

            from app.ui import messages

            box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, messages.workspace_error(error))
            restore = None
            if error.problem is Problem.CORRUPT and error.has_backup:
                restore = box.addButton(
                    QApplication.translate("Startup", "Restore Latest Backup"),
                    QMessageBox.ButtonRole.AcceptRole,
                )
            box.addButton(QMessageBox.StandardButton.Close)
            box.exec()
            if restore is None or box.clickedButton() is not restore:
                return None
            try:
                restored = restore_latest_backup(data_dir)
            except FileNotFoundError:
                QMessageBox.critical(None, APP_NAME, messages.no_backup_to_restore())
                return None
            QMessageBox.information(None, APP_NAME, messages.restored_backup(restored.name))


class DeskApp:
    """Owns the window, tray and workspace for one run; rebuilds the window on a language change."""

    def __init__(self, app: QApplication, workspace: Workspace, *, demo: bool) -> None:
        self.app = app
        self.workspace = workspace
        self.demo = demo
        self.tasks = Tasks(app)
        self.settings = PreferencesService(workspace.sessions).load()
        install_translators(resolve_language(self.settings.language))
        self.tray_available = Tray.available()
        self.tray: Tray | None = None
        self._waiting = 0
        self._started = False
        self.window = self._build_window()

    def _finish_start_up(self) -> None:
        """What start-up still owes once the inbox's first page is shown: the tray, the backup."""
        if self._started:
            return
        self._started = True
        freeze_start_up_heap()
        if self.tray_available:
            self.tray = Tray(self.app)
            self.tray.set_waiting(self._waiting)
            self.tray.showRequested.connect(self.bring_forward)
            self.tray.quitRequested.connect(self.quit)
        self.tasks.db(self.workspace.daily_backup, on_error=self._on_backup_failed)

    def _build_window(self) -> MainWindow:
        context = Context(self.workspace, self.tasks, self.settings,
                          tray_available=self.tray_available, demo=self.demo)
        window = MainWindow(context)
        window.quitRequested.connect(self.quit)
        window.languageChanged.connect(self._on_window_language_changed)
        window.newMentionCountChanged.connect(self._on_window_new_mention_count_changed)
        window.complaintsArrived.connect(self._on_complaints_arrived)
        window.deliveriesFailed.connect(self._on_deliveries_failed)
        if not self._started:
            # Neither the tray icon nor the daily backup is needed to show the inbox.
            window.inbox.call_after_first_load(self._finish_start_up)
        return window

    def _on_window_new_mention_count_changed(self, count: int) -> None:
        self._waiting = count
        if self.tray is not None:
            self.tray.set_waiting(count)

    def _on_complaints_arrived(self, count: int) -> None:
        if self.tray is not None:
            self.tray.notify_new_complaints(count)

    def _on_deliveries_failed(self, count: int) -> None:
        if self.tray is not None:
            self.tray.notify_failed(count)

    def _on_window_language_changed(self, language: str) -> None:
        # Rebuilding is simpler and more complete than retranslating every widget in place.
        QTimer.singleShot(0, lambda: self._rebuild_for(language))

    def _rebuild_for(self, language: str) -> None:
        install_translators(resolve_language(language))
        old = self.window
        old.prepare_to_quit()
        self.settings = PreferencesService(self.workspace.sessions).load()
        self.window = self._build_window()
        self.window.show_screen(MainWindow.SETTINGS)
        self.window.show()
        old.hide()
        old.deleteLater()

    def bring_forward(self) -> None:
        self.window.show()
        self.window.setWindowState(self.window.windowState() & ~Qt.WindowState.WindowMinimized)
        self.window.raise_()
        self.window.activateWindow()

    def _on_backup_failed(self, exc: BaseException) -> None:
        log.warning("daily backup failed: %s", type(exc).__name__)

    def quit(self) -> None:
        self.window.prepare_to_quit()
        self.app.quit()

    def shutdown(self) -> None:
        self.tasks.wait(10_000)
        if self.tray is not None:
            self.tray.hide()
        self.workspace.close()


def run_gui(data_dir: Path, *, demo: bool = False, demo_mentions: int = 400) -> int:
    started = time.perf_counter()
    app = make_application()
    install_translators(resolve_language("system"))
    cleanup: Path | None = None
    if demo:
        cleanup = Path(tempfile.mkdtemp(prefix="community-desk-demo-"))
        data_dir = cleanup
    elif ask_running_instance(data_dir):
        return 0
    try:
        workspace = open_or_explain(data_dir)
        if workspace is None:
            return 1
        if demo:
            from app.services.demo import fill_demo

            fill_demo(workspace.engine, mentions=demo_mentions)
        desk = DeskApp(app, workspace, demo=demo)
        server = InstanceServer(data_dir, app)
        server.activationRequested.connect(desk.bring_forward)
        if os.environ.get(ENV_EXIT_WHEN_READY):
            _exit_when_ready(desk, started)
        desk.window.show()
        code = app.exec()
        desk.shutdown()
        return code
    finally:
        if cleanup is not None:
            shutil.rmtree(cleanup, ignore_errors=True)


def _exit_when_ready(desk: DeskApp, started: float) -> None:
    def ready() -> None:
        desk.window.repaint()  # paint synchronously, so the time includes the first frame
        print(f"ready_seconds={time.perf_counter() - started:.4f}", flush=True)
        desk.quit()

    desk.window.inbox.firstPageShown.connect(ready)
