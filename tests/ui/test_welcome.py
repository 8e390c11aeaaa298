"""The first-run welcome: shown once on an empty workspace, saves the shop profile, and offers
a way to start (connect an account, try the demo, or later)."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

from app.core.connector import AccountInfo
from app.core.model import Network
from app.services.preferences import PreferencesService
from app.services.workspace import Workspace
from app.ui.dialogs import welcome
from app.ui.dialogs.welcome import SHOWN_KEY, WelcomeDialog, demo_command
from app.ui.main_window import Context, MainWindow
from app.ui.tasks import Tasks


@pytest.fixture
def make_window(qtbot, workspace: Workspace, credentials) -> Callable[..., MainWindow]:
    def make(*, demo: bool = False) -> MainWindow:
        context = Context(workspace, Tasks(inline=True),
                          PreferencesService(workspace.sessions).load(), demo=demo,
                          credentials=credentials)
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def welcome_of(window: MainWindow) -> WelcomeDialog | None:
    dialog = window.findChild(WelcomeDialog)
    return dialog if dialog is not None and dialog.isVisible() else None


def wait_for_welcome(qtbot, window: MainWindow) -> WelcomeDialog:
    qtbot.waitUntil(lambda: welcome_of(window) is not None, timeout=2000)
    dialog = welcome_of(window)
    assert dialog is not None
    return dialog


def no_welcome(qtbot, window: MainWindow) -> bool:
    qtbot.wait(50)  # the welcome would be opened from the event loop
    return welcome_of(window) is None


def test_an_empty_workspace_is_welcomed_and_the_profile_is_saved(qtbot, make_window,
                                                                 workspace) -> None:
    window = make_window()
    dialog = wait_for_welcome(qtbot, window)
    assert dialog.windowTitle() == "Welcome to Community Desk"
    assert [b.text() for b in (dialog.connect_button, dialog.demo_button,
                               dialog.later_button)] == [
        "Connect an Account", "Try the Demo", "Later"]
    qtbot.keyClicks(dialog.shop_name, "  Hanamori Bakery ")
    qtbot.keyClicks(dialog.contact_email, "hello@hanamori.example")
    qtbot.keyClicks(dialog.contact_phone, "03-1234-5678")
    qtbot.keyClicks(dialog.staff_name, "Aoi")
    dialog.later_button.click()

    settings = PreferencesService(workspace.sessions).load()
    assert (settings.shop_name, settings.contact_email, settings.contact_phone,
            settings.staff_name) == ("Hanamori Bakery", "hello@hanamori.example",
                                     "03-1234-5678", "Aoi")
    # The window and a Settings screen built later show the same.
    assert window.settings_screen.shop_name.text() == "Hanamori Bakery"


def test_the_profile_reaches_an_already_open_settings_screen(qtbot, make_window) -> None:
    window = make_window()
    dialog = wait_for_welcome(qtbot, window)
    settings_screen = window.settings_screen  # built before the welcome closes
    qtbot.keyClicks(dialog.staff_name, "Aoi")
    dialog.reject()  # Esc: "Later", and what was typed is kept all the same
    assert settings_screen.staff_name.text() == "Aoi"


def test_the_welcome_is_shown_once(qtbot, make_window, workspace) -> None:
    first = make_window()
    wait_for_welcome(qtbot, first).later_button.click()  # nothing typed
    state = QSettings(str(workspace.ui_state_path), QSettings.Format.IniFormat)
    assert str(state.value(SHOWN_KEY)).lower() == "true"
    first.close()
    second = make_window()
    assert no_welcome(qtbot, second)


def test_no_welcome_when_an_account_is_connected(qtbot, make_window, workspace,
                                                 accounts_service) -> None:
    accounts_service.save_connected(AccountInfo(network=Network.FEED, handle="f",
                                                server_url="https://f.example/feed"), None)
    assert no_welcome(qtbot, make_window())


def test_no_welcome_when_the_shop_is_already_named(qtbot, make_window, workspace) -> None:
    PreferencesService(workspace.sessions).update(shop_name="Hanamori Bakery")
    assert no_welcome(qtbot, make_window())


def test_no_welcome_in_the_demo(qtbot, make_window) -> None:
    assert no_welcome(qtbot, make_window(demo=True))


def test_connect_an_account_opens_the_accounts_screen_and_its_add_menu(qtbot,
                                                                       make_window) -> None:
    window = make_window()
    wait_for_welcome(qtbot, window).connect_button.click()
    assert window.stack.currentIndex() == MainWindow.ACCOUNTS
    menu = window.accounts_screen.add_menu
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    assert isinstance(menu, QMenu)
    menu.close()


def test_try_the_demo_starts_a_separate_process(qtbot, make_window, monkeypatch) -> None:
    started: list[bool] = []
    monkeypatch.setattr(welcome, "start_demo", lambda: started.append(True) or True)
    window = make_window()
    wait_for_welcome(qtbot, window).demo_button.click()
    assert started == [True]
    assert window.stack.currentIndex() == MainWindow.INBOX


def test_a_demo_that_cannot_start_says_so(qtbot, make_window, monkeypatch) -> None:
    monkeypatch.setattr(welcome, "start_demo", lambda: False)
    window = make_window()
    wait_for_welcome(qtbot, window).demo_button.click()
    assert window.statusBar().currentMessage() == "The demo could not be started."


def test_the_demo_command_from_source_and_frozen(monkeypatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert demo_command() == (sys.executable, ["-m", "app", "--demo"])
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert demo_command() == (sys.executable, ["--demo"])
