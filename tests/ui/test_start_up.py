"""Start-up: the inbox's first page is read first; the counts, the tray icon and the daily backup
wait until it is on screen (or has failed to load), so nothing competes with it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from app.services.preferences import PreferencesService
from app.services.workspace import Workspace
from app.storage.backup import list_daily_backups
from app.ui import application
from app.ui.application import DeskApp
from app.ui.main_window import Context, MainWindow
from app.ui.tasks import Tasks

TIMEOUT_MS = 5000


class HeldTasks(Tasks):
    """Holds database work until the test runs it, to show what is asked for, and when."""

    def __init__(self) -> None:
        super().__init__(inline=True)
        self.held: list[tuple[Callable[[], Any], Callable | None, Callable | None]] = []

    def db(self, work, on_done=None, on_error=None, *, owner=None) -> None:
        self.held.append((work, on_done, on_error))

    def run_next(self) -> None:
        work, on_done, on_error = self.held.pop(0)
        try:
            result = work()
        except Exception as exc:
            assert on_error is not None
            on_error(exc)
        else:
            if on_done is not None:
                on_done(result)


@pytest.fixture
def held_window(qtbot, workspace: Workspace) -> tuple[MainWindow, HeldTasks]:
    tasks = HeldTasks()
    settings = PreferencesService(workspace.sessions).load()
    window = MainWindow(Context(workspace, tasks, settings))
    qtbot.addWidget(window)
    return window, tasks


def test_the_first_page_is_the_only_read_until_it_is_shown(qtbot, held_window) -> None:
    window, tasks = held_window
    assert len(tasks.held) == 1
    assert window.sync_state.text() == ""

    tasks.run_next()  # the first page arrives and is shown
    # Then the counts; the outbox asks when its next reply or post is due (after settling what
    # a crash may have left half-sent, on the network pool); missed posts are looked for.
    qtbot.waitUntil(lambda: len(tasks.held) == 3, timeout=TIMEOUT_MS)
    tasks.run_next()
    assert window.sync_state.text() == "No accounts connected yet"


def test_a_first_page_that_fails_to_load_does_not_hold_up_the_counts(qtbot, held_window) -> None:
    window, tasks = held_window
    _work, _on_done, on_error = tasks.held.pop(0)
    assert on_error is not None
    on_error(RuntimeError("disk unplugged"))

    assert not window.inbox.error.isHidden()
    qtbot.waitUntil(lambda: len(tasks.held) == 3, timeout=TIMEOUT_MS)  # counts, outbox, missed
    tasks.run_next()
    assert window.sync_state.text() == "No accounts connected yet"


def test_call_after_first_load_runs_at_once_when_the_page_is_already_shown(qtbot,
                                                                          workspace) -> None:
    settings = PreferencesService(workspace.sessions).load()
    window = MainWindow(Context(workspace, Tasks(inline=True), settings))
    qtbot.addWidget(window)
    calls: list[str] = []
    window.inbox.call_after_first_load(lambda: calls.append("now"))
    assert calls == ["now"]


def test_tray_icon_and_daily_backup_wait_for_the_first_page(qtbot, workspace, monkeypatch) -> None:
    monkeypatch.setattr(application.Tray, "available", staticmethod(lambda: True))
    desk = DeskApp(QApplication.instance(), workspace, demo=False)
    try:
        assert desk.tray is None
        assert list_daily_backups(workspace.db_path) == []

        qtbot.waitUntil(lambda: desk.tray is not None, timeout=TIMEOUT_MS)
        qtbot.waitUntil(lambda: list_daily_backups(workspace.db_path) != [], timeout=TIMEOUT_MS)
        assert desk.tray is not None
        assert desk.tray._icon.toolTip() == "Community Desk"  # nothing waiting
    finally:
        desk.window.prepare_to_quit()
        desk.tasks.wait(TIMEOUT_MS)
        if desk.tray is not None:
            desk.tray.hide()
        desk.window.deleteLater()
