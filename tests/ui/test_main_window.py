"""The main window shell over a real workspace on disk: navigation, empty screens, the inbox list,
status bar, About, remembered state, closing to the tray, and Settings saved to the database."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta
from itertools import count

import pytest
from fakes.feed_server import COMMENTS_PATH
from PySide6.QtCore import QPoint, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy.orm import Session

from app import __version__
from app.core.connector import AccountInfo, Capabilities, FetchedMention, FetchResult
from app.core.model import MentionKind, Network
from app.core.timefmt import utc_now
from app.credentials import Credentials
from app.services.preferences import PreferencesService
from app.services.sync import AccountResult, SyncReport, SyncService
from app.services.workspace import Workspace
from app.storage.models import Account, Mention
from app.ui.dialogs.welcome import SHOWN_KEY
from app.ui.inbox_model import AMBER, RED, InboxModel
from app.ui.main_window import BADGE_ROLE, Context, MainWindow, badge_text, tinted_icon
from app.ui.resources import icon
from app.ui.screens.accounts import AccountsScreen
from app.ui.screens.calendar import CalendarScreen
from app.ui.screens.inbox import InboxScreen
from app.ui.screens.reports import ReportsScreen
from app.ui.screens.settings import SettingsScreen
from app.ui.screens.templates import TemplatesScreen
from app.ui.tasks import Tasks
from app.ui.tray import Tray

SECTIONS = ["Inbox", "Calendar", "Templates", "Reports", "Accounts", "Settings"]
_ids = count(1)


# --- Helpers ----------------------------------------------------------------------------------


def add_account(workspace: Workspace, network: str = "mastodon", server_url: str = "") -> int:
    with Session(workspace.engine) as session, session.begin():
        account = Account(network=network, handle=f"shop{next(_ids)}@example.social",
                          server_url=server_url, created_at=utc_now().replace(tzinfo=None))
        session.add(account)
        session.flush()
        return account.id


def add_mention(workspace: Workspace, account_id: int, *, waited: timedelta, author: str,
                complaint: bool = False, state: str = "new", text: str = "Hello shop") -> None:
    now = utc_now().replace(tzinfo=None)
    with Session(workspace.engine) as session, session.begin():
        session.add(Mention(
            account_id=account_id, external_id=f"ext-{next(_ids)}", kind="mention",
            author_handle=f"@{author.lower()}@example.social", author_name=author, text=text,
            created_at=now - waited, received_at=now, state=state, is_complaint=complaint,
        ))


@pytest.fixture
def make_window(qtbot, workspace) -> Callable[..., MainWindow]:
    """Build a MainWindow over the test workspace with inline tasks (deterministic)."""

    def make(*, tray_available: bool = False, demo: bool = False, welcome_seen: bool = True,
             sync: object = None, background_sync: bool = False, tasks: Tasks | None = None,
             credentials: Credentials | None = None, **settings: object) -> MainWindow:
        if welcome_seen:  # the first-run welcome has its own tests (test_welcome.py)
            mark_welcome_seen(workspace)
        preferences = PreferencesService(workspace.sessions)
        loaded = preferences.load()
        if settings:
            loaded = preferences.update(**settings)
        context = Context(workspace, tasks or Tasks(inline=True), loaded,
                          tray_available=tray_available, demo=demo,
                          sync=sync,  # type: ignore[arg-type]
                          background_sync=background_sync, credentials=credentials)
        window = MainWindow(context)
        qtbot.addWidget(window)
        return window

    return make


def mark_welcome_seen(workspace: Workspace) -> None:
    state = QSettings(str(workspace.ui_state_path), QSettings.Format.IniFormat)
    state.setValue(SHOWN_KEY, True)
    state.sync()


def shown(qtbot, window: MainWindow) -> MainWindow:
    window.show()
    qtbot.waitExposed(window, timeout=2000)
    return window


def waiting_column(window: MainWindow) -> list[tuple[str, QColor | None]]:
    model = window.inbox.model
    return [
        (model.index(row, InboxModel.COLUMN_WAITING).data(),
         model.index(row, InboxModel.COLUMN_WAITING).data(Qt.ItemDataRole.ForegroundRole))
        for row in range(model.rowCount())
    ]


def authors(window: MainWindow) -> list[str]:
    model = window.inbox.model
    return [model.index(row, InboxModel.COLUMN_FROM).data() for row in range(model.rowCount())]


# --- Navigation -------------------------------------------------------------------------------


def test_navigation_has_six_sections_in_order(make_window) -> None:
    window = make_window()
    titles = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert titles == SECTIONS
    assert window.stack.count() == 6
    assert window.stack.widget(MainWindow.INBOX) is window.inbox
    for row, kind in (
        (MainWindow.CALENDAR, CalendarScreen),
        (MainWindow.TEMPLATES, TemplatesScreen),
        (MainWindow.REPORTS, ReportsScreen),
        (MainWindow.ACCOUNTS, AccountsScreen),
        (MainWindow.SETTINGS, SettingsScreen),
    ):
        window.show_screen(row)
        assert isinstance(window.stack.currentWidget(), kind)
        assert window.stack.widget(row) is window.stack.currentWidget()
    assert window.stack.count() == 6


def test_only_the_inbox_is_built_at_start_up(make_window) -> None:
    window = make_window()
    assert isinstance(window.stack.widget(MainWindow.INBOX), InboxScreen)
    for row in (MainWindow.CALENDAR, MainWindow.REPORTS, MainWindow.SETTINGS):
        assert not isinstance(window.stack.widget(row), (CalendarScreen, ReportsScreen,
                                                        SettingsScreen))


def test_clicking_a_section_shows_its_screen(qtbot, make_window) -> None:
    window = shown(qtbot, make_window())
    rect = window.nav.visualItemRect(window.nav.item(MainWindow.REPORTS))
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentIndex() == MainWindow.REPORTS


def test_ctrl_1_to_6_switch_screens(qtbot, make_window) -> None:
    window = shown(qtbot, make_window())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    # Backwards, so every press really changes the screen (the window starts on the inbox).
    for row in reversed(range(6)):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1.value + row),
                       Qt.KeyboardModifier.ControlModifier)
        assert window.nav.currentRow() == row
        assert window.stack.currentIndex() == row


def test_go_menu_lists_the_sections_with_their_shortcuts(make_window) -> None:
    window = make_window()
    go_menu = next(action.menu() for action in window.menuBar().actions()
                   if action.text() == "&Go")
    actions = [a for a in go_menu.actions() if not a.isSeparator()]
    assert [a.text() for a in actions] == SECTIONS
    assert [a.shortcut().toString() for a in actions] == [f"Ctrl+{n}" for n in range(1, 7)]


# --- Empty workspace: say what will be there, show no fake data --------------------------------


@pytest.mark.parametrize(("row", "title", "words"), [
    (MainWindow.CALENDAR, "No planned posts yet", "calendar"),
    (MainWindow.REPORTS, "No weekly summary yet", "PDF and CSV"),
])
def test_placeholder_screens_say_what_will_be_there(qtbot, make_window, row, title,
                                                      words) -> None:
    window = shown(qtbot, make_window())
    window.resize(1100, 720)
    window.show_screen(row)
    empty = window.stack.widget(row).empty_state
    assert empty.isVisible()
    assert empty.title.text() == title
    assert words in empty.text.text()
    # The explanation is readable: wrapped over a sensible width, never clipped to one line.
    qtbot.waitUntil(lambda: empty.text.width() > 250, timeout=2000)
    assert empty.text.height() >= empty.text.heightForWidth(empty.text.width())


def test_empty_inbox_explains_how_to_start_and_lists_nothing(qtbot, make_window) -> None:
    window = shown(qtbot, make_window())
    inbox = window.inbox
    assert inbox.model.rowCount() == 0
    assert inbox.pages.currentWidget() is inbox.empty
    assert inbox.empty.title.text() == "Nothing is waiting"
    assert "Accounts screen" in inbox.empty.text.text()
    assert window.nav.item(MainWindow.INBOX).data(BADGE_ROLE) == 0
    assert window.sync_state.text() == "No accounts connected yet"


def test_empty_inbox_with_an_account_does_not_ask_to_connect_one(qtbot, make_window,
                                                                   workspace) -> None:
    add_account(workspace)
    window = make_window()
    assert window.inbox.pages.currentWidget() is window.inbox.empty
    assert window.inbox.empty.title.text() == "Nothing is waiting"
    assert "Accounts screen" not in window.inbox.empty.text.text()
    assert "next check" in window.inbox.empty.text.text()


def test_empty_done_list_says_what_it_will_hold(make_window) -> None:
    window = make_window()
    inbox = window.inbox
    inbox.filters.state.setCurrentIndex(inbox.filters.state.findText("Done"))
    assert inbox.pages.currentWidget() is inbox.empty
    assert inbox.empty.text.text() == "Mentions you mark as done will be listed here."


def test_empty_accounts_screen_explains_how_to_start(qtbot, make_window) -> None:
    window = shown(qtbot, make_window())
    window.show_screen(MainWindow.ACCOUNTS)
    screen = window.accounts_screen
    assert screen.pages.currentWidget() is screen.empty
    assert screen.empty.title.text() == "Connect your shop's accounts"
    assert "keyring" in screen.empty.text.text()
    assert screen.empty_add_button.isVisible()


def test_accounts_screen_never_claims_none_when_some_are_connected(make_window,
                                                                    workspace) -> None:
    add_account(workspace)
    window = make_window()
    screen = window.accounts_screen
    assert screen.pages.currentWidget() is screen.list_page
    assert screen.list.topLevelItemCount() == 1


def test_status_bar_says_how_many_accounts_are_connected(make_window, workspace) -> None:
    add_account(workspace)
    assert make_window().sync_state.text() == "1 account connected, not synced yet"
    add_account(workspace, "bluesky")
    assert make_window().sync_state.text() == "2 accounts connected, not synced yet"


# --- The inbox with mentions ------------------------------------------------------------------


def test_inbox_lists_complaints_first_then_oldest_first(make_window, workspace) -> None:
    account = add_account(workspace)
    add_mention(workspace, account, waited=timedelta(days=3), author="OldPraise")
    add_mention(workspace, account, waited=timedelta(hours=1), author="NewComplaint",
                complaint=True)
    add_mention(workspace, account, waited=timedelta(hours=10), author="MidQuestion")
    add_mention(workspace, account, waited=timedelta(hours=5), author="OlderComplaint",
                complaint=True)
    add_mention(workspace, account, waited=timedelta(days=9), author="Answered", state="done")

    window = make_window()
    assert authors(window) == ["OlderComplaint", "NewComplaint", "OldPraise", "MidQuestion"]
    assert window.inbox.pages.currentWidget() is window.inbox.table

    message = window.inbox.model.index(0, InboxModel.COLUMN_MESSAGE)
    assert message.data() == "Hello shop"
    flags = window.inbox.model.index(0, InboxModel.COLUMN_FLAGS)
    assert not flags.data(Qt.ItemDataRole.DecorationRole).isNull()  # the complaint sign
    assert flags.data(Qt.ItemDataRole.ToolTipRole) == "Complaint"


def test_waiting_column_is_red_when_overdue_and_amber_past_half(make_window, workspace) -> None:
    account = add_account(workspace)
    add_mention(workspace, account, waited=timedelta(hours=30, minutes=5), author="Overdue")
    add_mention(workspace, account, waited=timedelta(hours=13, minutes=5), author="Half")
    add_mention(workspace, account, waited=timedelta(hours=2, minutes=5), author="Fresh")
    add_mention(workspace, account, waited=timedelta(minutes=20), author="JustNow")

    window = make_window(overdue_hours=24)
    assert authors(window) == ["Overdue", "Half", "Fresh", "JustNow"]
    assert waiting_column(window) == [
        ("30 h", RED), ("13 h", AMBER), ("2 h", None), ("20 min", None),
    ]


def test_changing_the_overdue_setting_recolours_the_list(make_window, workspace) -> None:
    account = add_account(workspace)
    add_mention(workspace, account, waited=timedelta(hours=3, minutes=5), author="Three")

    window = make_window(overdue_hours=24)
    assert waiting_column(window) == [("3 h", None)]
    window.settings_screen.overdue_hours.setValue(4)
    assert waiting_column(window) == [("3 h", AMBER)]
    window.settings_screen.overdue_hours.setValue(2)
    assert waiting_column(window) == [("3 h", RED)]


def test_inbox_count_badge_in_the_navigation(qtbot, make_window, workspace) -> None:
    from app.services.demo import fill_demo

    summary = fill_demo(workspace.engine, mentions=80)
    assert summary.waiting > 0
    window = make_window()
    item = window.nav.item(MainWindow.INBOX)
    assert item.data(BADGE_ROLE) == summary.waiting
    assert item.text() == "Inbox"  # the number is a badge beside the name, not in it
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == f"Inbox ({summary.waiting})"
    assert window.inbox.model.rowCount() == summary.waiting
    assert window.sync_state.text() == \
        f"{summary.accounts} accounts connected, not synced yet"

    with qtbot.waitSignal(window.newMentionCountChanged, timeout=1000) as blocker:
        window.refresh_counts()
    assert blocker.args == [summary.waiting]


def test_badge_text_stays_short() -> None:
    assert badge_text(7) == "7"
    assert badge_text(999) == "999"
    assert badge_text(12_345) == "999+"


def test_selected_section_icon_is_drawn_in_one_colour(qapp) -> None:
    white = QColor("#ffffff")
    tinted = tinted_icon(icon("inbox"), QSize(20, 20), 1.0, white)
    image = tinted.pixmap(QSize(20, 20), 1.0, QIcon.Mode.Selected).toImage()
    colours = {
        image.pixelColor(x, y).rgb()
        for x in range(image.width()) for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    }
    assert colours == {white.rgb()}


def test_mention_tooltips_are_never_taken_for_markup(make_window, workspace) -> None:
    account = add_account(workspace)
    add_mention(workspace, account, waited=timedelta(hours=1), author="Mallory",
                text='<img src="https://tracker.example/x.png">hi')
    window = make_window()
    tooltip = window.inbox.model.index(0, InboxModel.COLUMN_MESSAGE).data(
        Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tooltip
    assert "&lt;img" in tooltip


# --- Triage and sync keep the counts current ----------------------------------------------------


def test_marking_done_recounts_the_badge(qtbot, make_window, workspace) -> None:
    account = add_account(workspace)
    add_mention(workspace, account, waited=timedelta(hours=1), author="A")
    add_mention(workspace, account, waited=timedelta(hours=2), author="B")
    window = shown(qtbot, make_window())
    assert window.nav.item(MainWindow.INBOX).data(BADGE_ROLE) == 2
    window.inbox.select_row(0)
    with qtbot.waitSignal(window.newMentionCountChanged, timeout=1000) as blocker:
        window.inbox.done_action.trigger()
    assert blocker.args == [1]
    assert window.nav.item(MainWindow.INBOX).data(BADGE_ROLE) == 1
    assert window.nav.item(MainWindow.INBOX).data(Qt.ItemDataRole.AccessibleTextRole) == \
        "Inbox (1)"


def test_inbox_keys_do_nothing_on_other_screens(qtbot, make_window, workspace) -> None:
    account = add_account(workspace)
    add_mention(workspace, account, waited=timedelta(hours=1), author="A")
    window = shown(qtbot, make_window())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_J)
    assert window.inbox.current_id() is not None  # on the inbox, J chooses a mention
    window.show_screen(MainWindow.REPORTS)
    qtbot.keyClick(window, Qt.Key.Key_E)
    assert window.inbox.model.rowCount() == 1  # not marked done behind the owner's back
    window.show_screen(MainWindow.INBOX)
    qtbot.keyClick(window, Qt.Key.Key_E)
    assert window.inbox.model.rowCount() == 0


class FakeSync:
    """Stands in for SyncService: stores what a pass would have brought, reports as told."""

    def __init__(self, report: SyncReport | None = None,
                 before: Callable[[], None] | None = None) -> None:
        self.report = report or SyncReport()
        self.before = before
        self.cancels: list[threading.Event] = []

    def sync(self, account_id: int | None = None,
             cancel: threading.Event | None = None) -> SyncReport:
        assert cancel is not None
        self.cancels.append(cancel)
        if self.before is not None:
            self.before()
        return self.report


class ConnectorWithMentions:
    """A connector whose network has a few new mentions for the shop."""

    capabilities = Capabilities()

    def __init__(self, mentions: list[FetchedMention]) -> None:
        self.mentions = mentions

    def fetch_mentions(self, cursor: dict[str, object], *, since=None) -> FetchResult:
        if cursor.get("done"):
            return FetchResult((), cursor)
        return FetchResult(tuple(self.mentions), {"done": True})

    def close(self) -> None:
        pass


def fetched(external_id: str, author: str, text: str) -> FetchedMention:
    return FetchedMention(external_id=external_id, kind=MentionKind.MENTION,
                          author_handle=f"@{author.lower()}@example.social", author_name=author,
                          text=text, created_at=utc_now() - timedelta(minutes=5))


def test_f5_syncs_and_the_new_mentions_show_with_counts_and_a_notification(
        qtbot, make_window, workspace, accounts_service, credentials, monkeypatch) -> None:
    # The Accounts screen asks each network whether its account still works: not here.
    monkeypatch.setattr(AccountsScreen, "_check_connections", lambda _self, _rows: None)
    account = accounts_service.save_connected(
        AccountInfo(network=Network.MASTODON, handle="@shop@example.social",
                    server_url="https://example.social"), "token")
    connector = ConnectorWithMentions([
        fetched("1", "Aoi", "The parcel never arrived, I want a refund"),
        fetched("2", "Ben", "Lovely bread"),
    ])
    sync = SyncService(workspace.sessions, accounts_service, lambda _account: connector)
    window = shown(qtbot, make_window(sync=sync, credentials=credentials))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    assert window.inbox.model.rowCount() == 0
    window.show_screen(MainWindow.ACCOUNTS)
    reloads: list[bool] = []
    window.accounts_screen._tasks = _Spy(window.accounts_screen._tasks, reloads)
    window.show_screen(MainWindow.INBOX)
    complaints: list[int] = []
    window.complaintsArrived.connect(complaints.append)

    with qtbot.waitSignal(window.syncFinished, timeout=2000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert authors(window) == ["Aoi", "Ben"]  # the complaint first
    assert window.nav.item(MainWindow.INBOX).data(BADGE_ROLE) == 2
    assert window.sync_state.text().startswith("Last checked ")
    assert complaints == [1]
    assert reloads  # the Accounts screen read its accounts again (last sync times)
    assert accounts_service.get(account.id).last_synced_at is not None


class _Spy:
    """Records that a screen asked its task helper for work, and passes the work on."""

    def __init__(self, tasks: Tasks, calls: list[bool]) -> None:
        self._tasks = tasks
        self._calls = calls

    def db(self, *args, **kwargs) -> None:
        self._calls.append(True)
        self._tasks.db(*args, **kwargs)

    def net(self, *args, **kwargs) -> None:
        self._tasks.net(*args, **kwargs)


@pytest.mark.parametrize(("failed", "text"), [
    (1, "1 account could not be checked — see Accounts"),
    (3, "3 accounts could not be checked — see Accounts"),
])
def test_a_pass_with_failed_accounts_says_how_many(qtbot, make_window, workspace, failed,
                                                   text) -> None:
    add_account(workspace)
    report = SyncReport((*(AccountResult(n, error="Unreachable") for n in range(failed)),
                         AccountResult(99, new=0)))
    window = make_window(sync=FakeSync(report))
    window.sync_action.trigger()
    assert window.sync_state.text() == text
    assert window.sync_state.toolTip().startswith("Last checked ")
    window.refresh_counts()  # a later recount keeps what the last pass said
    assert window.sync_state.text() == text


def test_the_status_says_checking_while_a_pass_runs(qtbot, make_window, workspace,
                                                    threads) -> None:
    add_account(workspace)
    release = threading.Event()
    sync = FakeSync(before=lambda: release.wait(5))
    window = make_window(sync=sync, tasks=threads)
    qtbot.waitUntil(lambda: window._account_count == 1, timeout=2000)
    window.sync_now()
    assert window.sync_state.text() == "Checking…"
    assert not window.sync_action.isEnabled()
    window.sync_now()  # no second pass while one runs
    release.set()
    qtbot.waitUntil(lambda: not window.syncing, timeout=5000)
    assert len(sync.cancels) == 1
    assert window.sync_action.isEnabled()


def test_quitting_cancels_a_running_pass_and_waits_briefly(qtbot, make_window, workspace,
                                                           threads) -> None:
    add_account(workspace)
    sync = FakeSync()
    sync.before = lambda: sync.cancels[0].wait(10)  # a pass that stops only when cancelled
    window = make_window(sync=sync, tasks=threads)
    qtbot.waitUntil(lambda: window._account_count == 1, timeout=2000)
    window.sync_now()
    qtbot.waitUntil(lambda: len(sync.cancels) == 1, timeout=2000)
    started = time.monotonic()
    window.prepare_to_quit()
    assert sync.cancels[0].is_set()
    assert time.monotonic() - started < 2
    assert window._sync_idle.is_set()


def test_background_sync_follows_the_interval_setting(qtbot, make_window, workspace) -> None:
    add_account(workspace)
    sync = FakeSync()
    window = make_window(sync=sync, background_sync=True, sync_interval_minutes=15)
    assert window._sync_timer.isActive()
    assert window._sync_timer.interval() == 15 * 60_000
    window.settings_screen.sync_interval.setValue(7)
    assert window._sync_timer.interval() == 7 * 60_000
    window._sync_timer.timeout.emit()
    assert len(sync.cancels) == 1
    # Tests elsewhere build windows with background sync off: no timer, no pass.
    quiet = make_window(sync=FakeSync())
    assert not quiet._sync_timer.isActive()


def test_connecting_an_account_checks_for_its_mentions_at_once(qtbot, make_window, workspace,
                                                              monkeypatch) -> None:
    monkeypatch.setattr(AccountsScreen, "_check_connections", lambda _self, _rows: None)
    sync = FakeSync()
    window = make_window(sync=sync, background_sync=True)
    window.show_screen(MainWindow.ACCOUNTS)
    add_account(workspace)
    window.accounts_screen.accountsChanged.emit()
    qtbot.waitUntil(lambda: len(sync.cancels) == 1, timeout=2000)
    assert window.inbox.filters.account.count() == 2  # "All accounts" and the new one


def test_the_demo_never_checks_its_sample_accounts(qtbot, make_window, workspace) -> None:
    add_account(workspace)
    sync = FakeSync()
    window = make_window(sync=sync, background_sync=True, demo=True)
    assert not window._sync_timer.isActive()
    window.sync_action.trigger()
    assert sync.cancels == []
    assert "demo" in window.statusBar().currentMessage()


@pytest.mark.parametrize("demo", [False, True])
def test_the_accounts_screen_checks_the_accounts_unless_they_are_the_demo_s(
        qtbot, make_window, workspace, feed_server, demo) -> None:
    # A feed answering on a local server: a check would reach it and record the answer.
    add_account(workspace, "feed", feed_server.url(COMMENTS_PATH))
    window = make_window(demo=demo)
    window.show_screen(MainWindow.ACCOUNTS)
    screen = window.accounts_screen
    qtbot.waitUntil(lambda: screen.list.topLevelItemCount() == 1, timeout=2000)
    if demo:  # a sample account stays as the demo made it, and nothing is fetched
        assert feed_server.requests == []
    else:
        qtbot.waitUntil(lambda: len(feed_server.requests) == 1, timeout=2000)
    assert screen.list.topLevelItem(0).text(AccountsScreen.COLUMN_STATE) == "Connected"


def test_the_tray_turns_new_complaints_into_a_notification(qapp) -> None:
    tray = Tray()
    shown_messages: list[tuple[str, str]] = []
    tray._icon.showMessage = lambda title, text, *_args: shown_messages.append((title, text))
    try:
        tray.notify_new_complaints(0)
        tray.notify_new_complaints(1)
        tray.notify_new_complaints(3)
    finally:
        tray.hide()
        tray.deleteLater()
    assert shown_messages == [
        ("New complaint", "A new complaint is waiting in the inbox."),
        ("New complaints", "3 new complaints are waiting in the inbox."),
    ]


# --- Window chrome: title, About, remembered state ---------------------------------------------


def test_demo_window_says_so(make_window) -> None:
    assert make_window().windowTitle() == "Community Desk"
    assert make_window(demo=True).windowTitle() == "Community Desk — Demo"


def test_about_shows_the_version(qtbot, make_window, workspace) -> None:
    window = shown(qtbot, make_window())
    assert __version__ in window.about_text()
    assert str(workspace.data_dir) in window.about_text()

    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.close()

    QTimer.singleShot(0, read_and_close)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    help_menu.actions()[0].trigger()
    assert len(seen) == 1
    assert f"Community Desk {__version__}" in seen[0]


def test_geometry_and_screen_are_restored_by_the_next_window(qtbot, make_window,
                                                             workspace) -> None:
    first = shown(qtbot, make_window())
    first.resize(760, 540)
    first.move(QPoint(30, 20))
    first.show_screen(MainWindow.REPORTS)
    qtbot.waitUntil(lambda: first.size() == QSize(760, 540), timeout=2000)
    first.close()
    assert workspace.ui_state_path.is_file()
    assert workspace.ui_state_path.parent == workspace.data_dir

    second = make_window()
    assert second.size() == QSize(760, 540)
    assert second.nav.currentRow() == MainWindow.REPORTS
    assert second.stack.currentIndex() == MainWindow.REPORTS


def test_a_new_workspace_opens_on_the_inbox_at_a_comfortable_size(make_window) -> None:
    window = make_window()
    assert window.nav.currentRow() == MainWindow.INBOX
    assert window.width() >= 900
    assert window.height() >= 600


def test_garbage_in_the_state_file_is_ignored(make_window, workspace) -> None:
    workspace.ui_state_path.write_text("[window]\nscreen=banana\ngeometry=42\n")
    window = make_window()
    assert window.nav.currentRow() == MainWindow.INBOX


# --- Closing: to the tray when there is one, otherwise quit ------------------------------------


def test_close_hides_to_the_tray_when_asked_and_a_tray_exists(qtbot, make_window) -> None:
    window = shown(qtbot, make_window(tray_available=True, close_to_tray=True))
    with qtbot.assertNotEmitted(window.quitRequested, wait=50):
        assert window.close() is False
    assert not window.isVisible()


def test_close_quits_without_a_tray_even_when_close_to_tray_is_set(qtbot, make_window) -> None:
    window = shown(qtbot, make_window(tray_available=False, close_to_tray=True))
    with qtbot.waitSignal(window.quitRequested, timeout=1000):
        assert window.close() is True


def test_close_quits_when_close_to_tray_is_off(qtbot, make_window) -> None:
    window = shown(qtbot, make_window(tray_available=True, close_to_tray=False))
    with qtbot.waitSignal(window.quitRequested, timeout=1000):
        window.close()


def test_quit_from_the_menu_really_quits_even_with_close_to_tray(qtbot, make_window) -> None:
    window = shown(qtbot, make_window(tray_available=True, close_to_tray=True))
    with qtbot.waitSignal(window.quitRequested, timeout=1000):
        window.prepare_to_quit()
        window.close()


def test_close_to_tray_setting_is_off_and_explained_without_a_tray(make_window) -> None:
    window = make_window(tray_available=False, close_to_tray=True)
    box = window.settings_screen.close_to_tray
    assert not box.isEnabled()
    assert not box.isChecked()
    assert box.toolTip() == "This desktop has no system tray."


# --- Settings screen --------------------------------------------------------------------------


def test_changing_language_emits_and_saves(qtbot, make_window, workspace) -> None:
    window = make_window()
    combo = window.settings_screen.language
    assert combo.currentData() == "system"
    with qtbot.waitSignal(window.languageChanged, timeout=1000) as blocker:
        combo.setCurrentIndex(combo.findData("ja"))
    assert blocker.args == ["ja"]
    assert PreferencesService(workspace.sessions).load().language == "ja"


def test_language_names_are_in_their_own_language(make_window) -> None:
    combo = make_window().settings_screen.language
    assert [combo.itemText(i) for i in range(combo.count())] == \
        ["System default", "English", "日本語"]


def test_settings_edits_are_saved_to_the_database(qtbot, make_window, workspace) -> None:
    window = make_window(tray_available=True)
    screen = window.settings_screen
    for edit, text in (
        (screen.shop_name, "Hanamori Bakery"),
        (screen.contact_email, "hello@hanamori.example"),
        (screen.contact_phone, "03-1234-5678"),
        (screen.staff_name, "佐藤"),
    ):
        edit.selectAll()
        edit.insert(text)  # QTest.keyClicks only types ASCII
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    screen.overdue_hours.setValue(6)
    screen.sync_interval.setValue(15)
    qtbot.mouseClick(screen.close_to_tray, Qt.MouseButton.LeftButton)

    saved = PreferencesService(workspace.sessions).load()
    assert (saved.shop_name, saved.contact_email, saved.contact_phone, saved.staff_name) == (
        "Hanamori Bakery", "hello@hanamori.example", "03-1234-5678", "佐藤")
    assert saved.overdue_hours == 6
    assert saved.sync_interval_minutes == 15
    assert saved.close_to_tray is True
    assert window.inbox.model.deadlines is not None
    assert utc_now() - window.inbox.model.deadlines.red < timedelta(hours=6, minutes=1)


def test_saved_settings_show_in_a_new_window(make_window) -> None:
    make_window(shop_name="Hanamori", overdue_hours=48)
    screen = make_window().settings_screen
    assert screen.shop_name.text() == "Hanamori"
    assert screen.overdue_hours.value() == 48


def test_spin_box_units_follow_the_number(make_window) -> None:
    screen = make_window().settings_screen
    screen.overdue_hours.setValue(1)
    assert screen.overdue_hours.suffix() == " hour"
    screen.overdue_hours.setValue(2)
    assert screen.overdue_hours.suffix() == " hours"
    screen.sync_interval.setValue(1)
    assert screen.sync_interval.text() == "1 minute"


def test_saved_settings_reach_the_window_context(make_window) -> None:
    """Later screens (templates, sync) read the context: it must not keep stale values."""
    window = make_window()
    window.settings_screen.staff_name.setText("Sato")
    window.settings_screen.staff_name.editingFinished.emit()
    assert window._context.settings.staff_name == "Sato"
