"""The Accounts screen over a real workspace: each account's state and last sync, the empty state,
reconnecting, and removing with or without the account's mentions (checked in the database)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
)
from sqlalchemy import func, select

from app.core.connector import AccountInfo, Capabilities
from app.core.model import AccountState, AccountSummary, Network
from app.core.timefmt import utc_now
from app.credentials import SERVICE
from app.services.accounts import MAX_LISTEN_TERMS, AccountsService, account_secret_key
from app.services.connect import ConnectService
from app.services.workspace import Workspace
from app.storage.models import Account, Mention
from app.ui.dialogs.add_bluesky import AddBlueskyDialog
from app.ui.dialogs.add_feed import AddFeedDialog
from app.ui.dialogs.add_mastodon import AddMastodonDialog
from app.ui.dialogs.listening import ListeningDialog
from app.ui.inbox_model import AMBER, RED
from app.ui.screens.accounts import HANDLE_ROLE, AccountsScreen
from app.ui.tasks import Tasks

NOW = datetime(2026, 11, 20, 9, 0)


# --- Helpers ----------------------------------------------------------------------------------


def connect(accounts: AccountsService, network: Network, handle: str, name: str,
            server: str, secret: str | None = "secret-session") -> AccountSummary:
    info = AccountInfo(network=network, handle=handle, server_url=server, display_name=name)
    return accounts.save_connected(info, secret)


def synced(workspace: Workspace, account_id: int, ago: timedelta) -> None:
    with workspace.sessions.begin() as session:
        row = session.get(Account, account_id)
        assert row is not None
        row.last_synced_at = (utc_now() - ago).replace(tzinfo=None)


def add_mentions(workspace: Workspace, account_id: int, count: int) -> None:
    with workspace.sessions.begin() as session:
        for n in range(count):
            session.add(Mention(account_id=account_id, external_id=f"{account_id}-{n}",
                                kind="mention", text="Is the shop open on Sunday?",
                                created_at=NOW, received_at=NOW))


def mentions_of(workspace: Workspace, account_id: int) -> int:
    with workspace.sessions() as session:
        return session.scalar(select(func.count()).select_from(Mention)
                              .where(Mention.account_id == account_id)) or 0


def account_row(workspace: Workspace, account_id: int) -> Account | None:
    with workspace.sessions() as session:
        return session.get(Account, account_id)


def rows(screen: AccountsScreen) -> list[tuple[str, str, str, str]]:
    result = []
    for row in range(screen.list.topLevelItemCount()):
        item = screen.list.topLevelItem(row)
        result.append((item.text(0), str(item.data(0, HANDLE_ROLE)), item.text(1),
                       item.text(2)))
    return result


@pytest.fixture
def make_screen(qtbot, accounts_service: AccountsService,
                connect_service: ConnectService) -> Callable[..., AccountsScreen]:
    def make(tasks: Tasks | None = None, *, check: bool = False) -> AccountsScreen:
        # The rows here point at made-up servers: asking them (check=True) is tested apart.
        screen = AccountsScreen(accounts_service, lambda: connect_service,
                                tasks or Tasks(inline=True), check_connections=check)
        qtbot.addWidget(screen)
        screen.resize(900, 600)
        return screen

    return make


def answer_question(button_text: str, seen: list[str]) -> None:
    """Click a button of the Remove question once it is open, remembering what it said."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text() + "\n" + box.informativeText())
        button = next(b for b in box.buttons() if b.text() == button_text)
        button.click()

    QTimer.singleShot(0, click)


# --- The list ---------------------------------------------------------------------------------


def test_each_account_shows_its_network_name_handle_state_and_last_sync(
        make_screen, accounts_service, workspace) -> None:
    shop = connect(accounts_service, Network.MASTODON, "@hanamori@example.social",
                   "Hanamori Bakery", "https://example.social")
    synced(workspace, shop.id, timedelta(minutes=5, seconds=10))
    sky = connect(accounts_service, Network.BLUESKY, "hanamori.bsky.social", "Hanamori",
                  "https://bsky.social")
    accounts_service.mark_state(sky.id, AccountState.NEEDS_RECONNECT)
    synced(workspace, sky.id, timedelta(hours=3))
    broken = connect(accounts_service, Network.MASTODON, "@shop@old.example", "Old shop",
                     "https://old.example")
    accounts_service.mark_state(broken.id, AccountState.ERROR, "the server is gone")
    connect(accounts_service, Network.FEED, "https://blog.example.jp/comments/feed/",
            "Blog comments", "https://blog.example.jp/comments/feed/", secret=None)

    screen = make_screen()
    assert screen.pages.currentWidget() is screen.list_page
    assert rows(screen) == [
        ("Hanamori Bakery", "@hanamori@example.social", "Connected", "Synced 5 min ago"),
        ("Hanamori", "hanamori.bsky.social", "Needs reconnecting", "Synced 3 h ago"),
        ("Old shop", "@shop@old.example", "Error", "Not synced yet"),
        ("Blog comments", "https://blog.example.jp/comments/feed/", "Connected",
         "Not synced yet"),
    ]
    items = [screen.list.topLevelItem(row) for row in range(4)]
    assert all(not item.icon(0).isNull() for item in items)
    assert items[1].foreground(1).color() == AMBER
    assert items[2].foreground(1).color() == RED


def test_a_fresh_sync_says_just_now(make_screen) -> None:
    screen = make_screen()
    now = utc_now()
    assert screen.synced_text(now - timedelta(seconds=20), now) == "Synced just now"
    assert screen.synced_text(now - timedelta(days=3), now) == "Synced 3 d ago"


def test_removed_accounts_whose_mentions_were_kept_are_not_listed(
        make_screen, accounts_service) -> None:
    gone = connect(accounts_service, Network.BLUESKY, "old.bsky.social", "Old", "")
    accounts_service.mark_state(gone.id, AccountState.REMOVED)
    screen = make_screen()
    assert rows(screen) == []
    assert screen.pages.currentWidget() is screen.empty


def test_no_accounts_shows_what_each_network_gives_and_the_add_button(qtbot,
                                                                      make_screen) -> None:
    screen = make_screen()
    screen.show()
    assert screen.pages.currentWidget() is screen.empty
    assert screen.empty.title.text() == "Connect your shop's accounts"
    text = screen.empty.text.text()
    for words in ("Mastodon and Bluesky", "RSS/Atom feeds", "Google Alerts", "keyring"):
        assert words in text
    assert screen.empty_add_button.isVisible()
    assert [a.text() for a in screen.empty_add_button.menu().actions()] == [
        "&Mastodon…", "&Bluesky…", "&RSS/Atom Feed…"]


def test_nothing_selected_means_nothing_to_reconnect_or_remove(make_screen,
                                                                accounts_service) -> None:
    connect(accounts_service, Network.FEED, "https://a.example/feed", "A",
            "https://a.example/feed", secret=None)
    screen = make_screen()
    assert not screen.reconnect_button.isEnabled()
    assert not screen.remove_button.isEnabled()
    screen.list.setCurrentItem(screen.list.topLevelItem(0))
    assert screen.reconnect_button.isEnabled()
    assert screen.remove_button.isEnabled()


# --- Adding and reconnecting ------------------------------------------------------------------


@pytest.mark.parametrize(("row", "kind", "title"), [
    (0, AddMastodonDialog, "Add Mastodon Account"),
    (1, AddBlueskyDialog, "Add Bluesky Account"),
    (2, AddFeedDialog, "Add RSS/Atom Feed"),
])
def test_the_add_menu_opens_each_networks_dialog(qtbot, make_screen, row, kind,
                                                 title) -> None:
    screen = make_screen()
    screen.show()
    screen.add_menu.actions()[row].trigger()
    dialog = screen.dialog
    assert isinstance(dialog, kind)
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    assert dialog.windowTitle() == title
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc cancels
    assert not dialog.isVisible()


def test_reconnect_reopens_the_networks_dialog_filled_in(qtbot, make_screen,
                                                         accounts_service) -> None:
    connect(accounts_service, Network.MASTODON, "@hanamori@example.social", "Hanamori",
            "https://example.social")
    connect(accounts_service, Network.BLUESKY, "maple.example.jp", "Maple",
            "https://pds.maple.example.jp")
    connect(accounts_service, Network.FEED, "https://blog.example.jp/feed", "Blog",
            "https://blog.example.jp/feed", secret=None)
    screen = make_screen()
    screen.show()

    screen.list.setCurrentItem(screen.list.topLevelItem(0))
    qtbot.mouseClick(screen.reconnect_button, Qt.MouseButton.LeftButton)
    mastodon = screen.dialog
    assert isinstance(mastodon, AddMastodonDialog)
    assert mastodon.windowTitle() == "Reconnect Mastodon Account"
    assert mastodon.server.text() == "@hanamori@example.social"
    mastodon.reject()

    screen.list.setCurrentItem(screen.list.topLevelItem(1))
    qtbot.mouseClick(screen.reconnect_button, Qt.MouseButton.LeftButton)
    bluesky = screen.dialog
    assert isinstance(bluesky, AddBlueskyDialog)
    assert bluesky.handle.text() == "maple.example.jp"
    assert bluesky.password.text() == ""  # asked again, never stored
    # A self-hosted server is shown, opened up under Advanced.
    assert bluesky.advanced.isChecked()
    assert bluesky.server.text() == "https://pds.maple.example.jp"
    bluesky.reject()

    screen.list.setCurrentItem(screen.list.topLevelItem(2))
    qtbot.mouseClick(screen.reconnect_button, Qt.MouseButton.LeftButton)
    feed = screen.dialog
    assert isinstance(feed, AddFeedDialog)
    assert feed.url.text() == "https://blog.example.jp/feed"
    feed.reject()


def test_an_account_on_bluesky_social_keeps_advanced_closed(make_screen,
                                                            accounts_service) -> None:
    account = connect(accounts_service, Network.BLUESKY, "hanamori.bsky.social", "Hanamori",
                      "https://morel.us-east.host.bsky.network")
    dialog = make_screen().open_add_dialog(Network.BLUESKY, account)
    assert isinstance(dialog, AddBlueskyDialog)
    assert not dialog.advanced.isChecked()
    assert dialog.server.text() == ""
    dialog.reject()


# --- Removing ---------------------------------------------------------------------------------


def test_remove_and_keep_mentions(qtbot, make_screen, accounts_service, workspace,
                                  keyring_backend) -> None:
    keep = connect(accounts_service, Network.BLUESKY, "hanamori.bsky.social", "Hanamori",
                   "https://bsky.social")
    other = connect(accounts_service, Network.FEED, "https://b.example/feed", "Blog",
                    "https://b.example/feed", secret=None)
    add_mentions(workspace, keep.id, 3)
    screen = make_screen()
    screen.list.setCurrentItem(screen.list.topLevelItem(0))

    seen: list[str] = []
    answer_question("Keep Mentions", seen)
    with qtbot.waitSignal(screen.accountsChanged, timeout=2000):
        qtbot.mouseClick(screen.remove_button, Qt.MouseButton.LeftButton)

    # The question says plainly what each choice does.
    assert "Remove Hanamori from Community Desk?" in seen[0]
    assert "Keep mentions: " in seen[0] and "stay in your inbox" in seen[0]
    assert "Delete mentions too: " in seen[0] and "are deleted from this computer" in seen[0]
    # Kept for the record, forgotten as an account: no secret, not listed.
    row = account_row(workspace, keep.id)
    assert row is not None and row.state == AccountState.REMOVED.value
    assert mentions_of(workspace, keep.id) == 3
    assert (SERVICE, account_secret_key(keep.id)) not in keyring_backend.items
    assert [a.id for a in screen.accounts] == [other.id]
    assert rows(screen)[0][0] == "Blog"


def test_remove_and_delete_mentions_too(qtbot, make_screen, accounts_service, workspace,
                                        keyring_backend) -> None:
    gone = connect(accounts_service, Network.BLUESKY, "hanamori.bsky.social", "Hanamori",
                   "https://bsky.social")
    add_mentions(workspace, gone.id, 2)
    screen = make_screen()
    screen.list.setCurrentItem(screen.list.topLevelItem(0))

    answer_question("Delete Mentions Too", [])
    with qtbot.waitSignal(screen.accountsChanged, timeout=2000):
        qtbot.mouseClick(screen.remove_button, Qt.MouseButton.LeftButton)

    assert account_row(workspace, gone.id) is None
    assert mentions_of(workspace, gone.id) == 0
    assert (SERVICE, account_secret_key(gone.id)) not in keyring_backend.items
    assert screen.pages.currentWidget() is screen.empty


def test_cancelling_the_question_removes_nothing(qtbot, make_screen, accounts_service,
                                                 workspace, keyring_backend) -> None:
    account = connect(accounts_service, Network.BLUESKY, "hanamori.bsky.social", "Hanamori",
                      "https://bsky.social")
    add_mentions(workspace, account.id, 2)
    screen = make_screen()
    screen.list.setCurrentItem(screen.list.topLevelItem(0))

    answer_question("Cancel", [])
    with qtbot.assertNotEmitted(screen.accountsChanged, wait=50):
        qtbot.mouseClick(screen.remove_button, Qt.MouseButton.LeftButton)

    row = account_row(workspace, account.id)
    assert row is not None and row.state == AccountState.OK.value
    assert mentions_of(workspace, account.id) == 2
    assert (SERVICE, account_secret_key(account.id)) in keyring_backend.items
    assert len(screen.accounts) == 1


def test_a_failed_removal_says_so_in_one_sentence(qtbot, make_screen, accounts_service,
                                                  workspace) -> None:
    import keyring.errors
    from keyrings import RaisingKeyring

    from app.credentials import Credentials

    account = connect(accounts_service, Network.BLUESKY, "hanamori.bsky.social", "Hanamori",
                      "https://bsky.social")
    locked = Credentials(RaisingKeyring(keyring.errors.KeyringLocked))
    broken = ConnectService(AccountsService(workspace.sessions, locked), locked)
    screen = AccountsScreen(accounts_service, lambda: broken, Tasks(inline=True))
    qtbot.addWidget(screen)
    screen.list.setCurrentItem(screen.list.topLevelItem(0))
    screen.remove(screen.selected_account(), keep_mentions=False)

    assert screen.error.text() == "The system keyring is locked. Unlock it, then try again."
    assert account_row(workspace, account.id) is not None
    assert screen.remove_button.isEnabled()


def test_removing_runs_off_the_ui_thread(qtbot, threads, make_screen, accounts_service,
                                         workspace) -> None:
    account = connect(accounts_service, Network.FEED, "https://b.example/feed", "Blog",
                      "https://b.example/feed", secret=None)
    screen = make_screen(threads)
    qtbot.waitUntil(lambda: screen.list.topLevelItemCount() == 1, timeout=2000)
    screen.list.setCurrentItem(screen.list.topLevelItem(0))
    with qtbot.waitSignal(screen.accountsChanged, timeout=5000):
        screen.remove(account, keep_mentions=False)
        assert not screen.remove_button.isEnabled()  # while it runs
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.empty, timeout=2000)
    assert account_row(workspace, account.id) is None


def test_add_button_menu_opens_from_the_welcome(qtbot, make_screen) -> None:
    screen = make_screen()
    screen.show()
    qtbot.waitExposed(screen)
    screen.open_add_menu()
    qtbot.waitUntil(screen.add_menu.isVisible, timeout=2000)
    assert isinstance(screen.empty_add_button, QPushButton)
    screen.add_menu.close()


def test_an_account_in_error_says_why_in_words(make_screen, accounts_service) -> None:
    reasons = {"Unreachable": "Could not reach https://example.social.",
               "CredentialError": "The keyring could not be read. Unlock it and try again.",
               "Unexpected": "Something went wrong. Your data is safe"}
    for number, kind in enumerate(reasons):
        account = connect(accounts_service, Network.MASTODON, f"@shop{number}@example.social",
                          f"Shop {number}", "https://example.social")
        accounts_service.mark_state(account.id, AccountState.ERROR, kind)
    screen = make_screen()
    for number, reason in enumerate(reasons.values()):
        item = screen.list.topLevelItem(number)
        assert item.text(AccountsScreen.COLUMN_STATE) == "Error"
        assert reason in item.toolTip(AccountsScreen.COLUMN_STATE)


def test_opening_the_screen_shows_a_revoked_account_as_needing_reconnecting(
    qtbot, accounts_service: AccountsService, connect_service: ConnectService,
) -> None:
    """The check talks to a real (local) Mastodon-like server over a socket."""
    from fakes.mastodon_server import FakeMastodon

    with FakeMastodon() as server:
        token = server.issue_token()
        account = connect_service.connect_mastodon_token(server.url, token)
        server.state.tokens.pop(token)  # revoked on the server since the last start
        screen = AccountsScreen(accounts_service, lambda: connect_service, Tasks(inline=True))
        qtbot.addWidget(screen)
        item = screen.list.topLevelItem(0)
        assert screen.accounts[0].id == account.id
        assert item.text(AccountsScreen.COLUMN_STATE) == "Needs reconnecting"
        assert "no longer accepts" in item.toolTip(AccountsScreen.COLUMN_STATE)


# --- Watching words ---------------------------------------------------------------------------


def listening_account(accounts: AccountsService, network: Network, handle: str,
                      name: str, server: str) -> AccountSummary:
    info = AccountInfo(network=network, handle=handle, server_url=server, display_name=name,
                       capabilities=Capabilities(can_listen=True))
    return accounts.save_connected(info, "secret-session")


def feed_account(accounts: AccountsService) -> AccountSummary:
    return connect(accounts, Network.FEED, "https://blog.example.jp/comments/feed/",
                   "Blog comments", "https://blog.example.jp/comments/feed/", secret=None)


def menu_texts(screen: AccountsScreen, account: AccountSummary) -> list[str]:
    menu = screen.account_menu(account)
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    menu.deleteLater()
    return texts


def test_watch_words_are_saved_cleaned_with_the_japanese_only_choice(
        make_screen, accounts_service, workspace) -> None:
    shop = listening_account(accounts_service, Network.BLUESKY, "hanamori.bsky.social",
                             "Hanamori", "https://bsky.social")
    screen = make_screen()
    screen.select_account(shop.id)
    assert not screen.watch_button.isHidden()
    assert "&Watch Words…" in menu_texts(screen, shop)
    assert screen.list.topLevelItem(0).text(AccountsScreen.COLUMN_WATCHING) == "No words"

    screen.watch_button.click()
    dialog = screen.watch_dialog
    assert isinstance(dialog, ListeningDialog)
    assert dialog.windowTitle() == "Watch Words — Hanamori"
    dialog.terms.setPlainText("  #hanamori \n\n\n花森   ベーカリー\n#HANAMORI\n" + "長" * 500)
    assert dialog.count.text() == "3 of 20 terms"
    dialog.japanese_only.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    saved = accounts_service.listening(shop.id)
    assert saved.terms == ("#hanamori", "花森 ベーカリー", "長" * 100)
    assert saved.language == "ja"
    assert dialog.result() == QDialog.DialogCode.Accepted
    item = screen.list.topLevelItem(0)
    assert item.text(AccountsScreen.COLUMN_WATCHING) == "3 words"
    assert "Japanese posts only" in item.toolTip(AccountsScreen.COLUMN_WATCHING)
    assert QApplication.activeModalWidget() is None


def test_the_dialog_opens_with_what_the_account_watches(make_screen, accounts_service) -> None:
    shop = listening_account(accounts_service, Network.MASTODON, "@shop@example.social", "Shop",
                             "https://example.social")
    accounts_service.set_listening(shop.id, ["#shop"], "ja")
    screen = make_screen()
    assert screen.list.topLevelItem(0).text(AccountsScreen.COLUMN_WATCHING) == "1 word"
    dialog = screen.open_watch_dialog(shop)
    assert dialog.terms.toPlainText() == "#shop"
    assert dialog.japanese_only.isChecked()
    dialog.japanese_only.setChecked(False)
    dialog.terms.setPlainText("")
    dialog.save()
    assert accounts_service.listening(shop.id).terms == ()
    assert accounts_service.listening(shop.id).language == ""
    assert screen.list.topLevelItem(0).text(AccountsScreen.COLUMN_WATCHING) == "No words"


def test_more_terms_than_the_limit_are_announced_and_only_the_first_kept(
        make_screen, accounts_service) -> None:
    shop = listening_account(accounts_service, Network.MASTODON, "@shop@example.social", "Shop",
                             "https://example.social")
    screen = make_screen()
    dialog = screen.open_watch_dialog(shop)
    dialog.terms.setPlainText("\n".join(f"#tag{n}" for n in range(MAX_LISTEN_TERMS + 5)))
    assert dialog.count.text().startswith(f"{MAX_LISTEN_TERMS + 5} terms: only the first 20")
    dialog.save()
    assert len(accounts_service.listening(shop.id).terms) == MAX_LISTEN_TERMS
    assert screen.list.topLevelItem(0).text(AccountsScreen.COLUMN_WATCHING) == "20 words"


def test_a_feed_offers_no_watch_words(make_screen, accounts_service) -> None:
    feed = feed_account(accounts_service)
    screen = make_screen()
    screen.select_account(feed.id)
    assert screen.selected_account() == feed
    assert screen.watch_button.isHidden()
    assert not screen.can_watch(feed)
    assert "&Watch Words…" not in menu_texts(screen, feed)
    assert menu_texts(screen, feed) == ["Re&connect", "&Remove…"]
    item = screen.list.topLevelItem(0)
    assert item.text(AccountsScreen.COLUMN_WATCHING) == "Every item"
    screen._on_watch_clicked()  # even if asked, no dialog opens
    assert screen.watch_dialog is None


def test_an_account_connected_without_listening_offers_no_watch_words(
        make_screen, accounts_service) -> None:
    old = connect(accounts_service, Network.MASTODON, "@shop@old.example", "Old shop",
                  "https://old.example")  # capabilities from before listening existed
    screen = make_screen()
    screen.select_account(old.id)
    assert screen.watch_button.isHidden()
    assert screen.list.topLevelItem(0).text(AccountsScreen.COLUMN_WATCHING) == ""


def test_a_failed_save_says_so_in_the_dialog(make_screen, accounts_service, workspace) -> None:
    shop = listening_account(accounts_service, Network.MASTODON, "@shop@example.social", "Shop",
                             "https://example.social")
    screen = make_screen()
    dialog = screen.open_watch_dialog(shop)
    accounts_service.remove(shop.id, keep_mentions=False)  # gone meanwhile
    dialog.terms.setPlainText("#shop")
    dialog.save()
    assert dialog.isVisible()
    assert not dialog.error.isHidden()
    assert "Something went wrong" in dialog.error.text()
    assert dialog.buttons.isEnabled()
