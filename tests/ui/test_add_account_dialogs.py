"""The add-account dialogs, driven like a person would, against local servers on 127.0.0.1 with the
real connectors and real worker threads: what was typed survives a failure, the failure is one
sentence in the dialog, nothing freezes, and Cancel gives the form back."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from fakes.feed_server import (
    ALERTS_PATH,
    COMMENTS_PATH,
    PLAIN_PAGE_PATH,
    SHOP_PAGE_PATH,
    google_alerts_atom,
)
from fakes.mastodon_server import FakeMastodon
from PySide6.QtCore import QThread, QUrl
from PySide6.QtWidgets import QApplication, QLineEdit

from app.core.model import AccountState, Network
from app.networks.errors import AuthFailed
from app.services.accounts import AccountsService
from app.services.connect import ConnectService
from app.ui import messages
from app.ui.dialogs.add_account import AddAccountDialog
from app.ui.dialogs.add_bluesky import AddBlueskyDialog
from app.ui.dialogs.add_feed import AddFeedDialog
from app.ui.dialogs.add_mastodon import AddMastodonDialog
from app.ui.tasks import Tasks

TIMEOUT_MS = 10_000


# --- Local servers ----------------------------------------------------------------------------


class SlowFeed:
    """A feed host that holds every answer until `release` is set: time to look at the dialog
    while the real connector waits on a real socket."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.asked = threading.Event()
        slow = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                slow.asked.set()
                slow.release.wait(10)
                body = google_alerts_atom()
                self.send_response(200)
                self.send_header("Content-Type", "application/atom+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/alerts.xml"

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


class BlueskyLogin:
    """An AT Protocol service that refuses createSession with the XRPC error it is given, as
    bsky.social does for a wrong password or an account that needs an email code."""

    def __init__(self, error: str) -> None:
        self.bodies: list[dict[str, Any]] = []
        login = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                login.bodies.append(json.loads(self.rfile.read(length)))
                body = json.dumps({"error": error, "message": "Invalid identifier or password"
                                   }).encode()
                self.send_response(401)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def closed_port() -> int:
    """A port on this computer where nothing listens (connections are refused at once)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def mastodon() -> Iterator[FakeMastodon]:
    with FakeMastodon() as fake:
        yield fake
    assert not fake.errors, fake.errors[0]


class Browser:
    """Stands in for the person's web browser: it gets the page on its own thread (a browser is
    another program) and, like someone pressing Approve, follows the redirects back to the app.
    Records which thread asked it to open the page."""

    def __init__(self, *, approve: bool = True) -> None:
        self.approve = approve
        self.opened: list[str] = []
        self.ui_thread: list[bool] = []
        self.finished = threading.Event()

    def __call__(self, url: QUrl) -> bool:
        self.opened.append(url.toString())
        self.ui_thread.append(QThread.currentThread() is QApplication.instance().thread())
        if self.approve:
            threading.Thread(target=self._visit, args=(url.toString(),), daemon=True).start()
        return True

    def _visit(self, url: str) -> None:
        try:
            with httpx.Client(follow_redirects=True, trust_env=False, timeout=5) as client:
                client.get(url)
        finally:
            self.finished.set()


# --- Helpers ----------------------------------------------------------------------------------


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClicks(edit, text)


def opened(qtbot, dialog: AddAccountDialog) -> AddAccountDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def wait_idle(qtbot, dialog: AddAccountDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.working, timeout=TIMEOUT_MS)


@pytest.fixture
def factory(connect_service: ConnectService):
    return lambda: connect_service


# --- Feeds ------------------------------------------------------------------------------------


def test_adding_a_feed_from_the_local_feed_server(qtbot, threads, factory, feed_server,
                                                  accounts_service: AccountsService) -> None:
    dialog = opened(qtbot, AddFeedDialog(factory, threads))
    assert not dialog.confirm.isEnabled()  # nothing typed yet
    type_into(qtbot, dialog.url, feed_server.url(ALERTS_PATH))
    type_into(qtbot, dialog.name, "Google Alerts")
    with qtbot.waitSignal(dialog.accountAdded, timeout=TIMEOUT_MS) as added:
        dialog.confirm.click()
    assert not dialog.isVisible()
    [account] = accounts_service.list()
    assert added.args == [account]
    assert account.network is Network.FEED
    assert account.display_name == "Google Alerts"
    assert account.server_url == feed_server.url(ALERTS_PATH)
    assert account.state is AccountState.OK


def test_the_form_is_disabled_while_checking_and_the_window_stays_responsive(
        qtbot, threads, factory, accounts_service) -> None:
    slow = SlowFeed()
    try:
        dialog = opened(qtbot, AddFeedDialog(factory, threads))
        type_into(qtbot, dialog.url, slow.url)
        dialog.confirm.click()
        assert slow.asked.wait(5)
        qtbot.wait(100)  # the event loop keeps running: the UI thread is not waiting
        assert dialog.busy.isVisible()
        assert dialog.busy_text.text() == "Checking the feed…"
        assert not dialog.confirm.isEnabled()
        assert not dialog.url.isEnabled() and not dialog.name.isEnabled()
        assert dialog.cancel.isEnabled()
        with qtbot.waitSignal(dialog.accountAdded, timeout=TIMEOUT_MS):
            slow.release.set()
        assert [a.server_url for a in accounts_service.list()] == [slow.url]
    finally:
        slow.close()


def test_a_web_page_offers_the_feeds_it_links_to(qtbot, threads, factory, feed_server,
                                                 accounts_service) -> None:
    dialog = opened(qtbot, AddFeedDialog(factory, threads))
    page = feed_server.url(SHOP_PAGE_PATH)
    type_into(qtbot, dialog.url, page)
    dialog.confirm.click()
    qtbot.waitUntil(lambda: dialog.choosing, timeout=TIMEOUT_MS)

    assert dialog.choices_label.text() == "This is a web page. It links to these feeds:"
    assert not dialog.error.isVisible()
    assert dialog.url.text() == page  # kept as typed
    titles = [dialog.candidates.item(row).text() for row in range(dialog.candidates.count())]
    assert titles[0] == f"メープル堂ブログ » コメントフィード — {feed_server.url(COMMENTS_PATH)}"
    assert dialog.confirm.text() == "Add Selected Feed" and dialog.confirm.isEnabled()

    dialog.candidates.setCurrentRow(0)
    with qtbot.waitSignal(dialog.accountAdded, timeout=TIMEOUT_MS):
        dialog.confirm.click()
    [account] = accounts_service.list()
    assert account.server_url == feed_server.url(COMMENTS_PATH)


def test_typing_a_new_address_puts_the_offered_feeds_away(qtbot, factory) -> None:
    dialog = opened(qtbot, AddFeedDialog(factory, Tasks(inline=True)))
    dialog.show_candidates([("Blog", "https://shop.example/feed")])
    assert dialog.choosing
    type_into(qtbot, dialog.url, "x")
    assert not dialog.choosing
    assert dialog.confirm.text() == "Add Feed"


def test_a_page_without_feeds_says_so_and_keeps_the_form(qtbot, threads, factory,
                                                         feed_server, accounts_service) -> None:
    dialog = opened(qtbot, AddFeedDialog(factory, threads))
    page = feed_server.url(PLAIN_PAGE_PATH)
    type_into(qtbot, dialog.url, page)
    type_into(qtbot, dialog.name, "Our page")
    dialog.confirm.click()
    wait_idle(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert dialog.error.text() == messages.no_feed_found()
    assert (dialog.url.text(), dialog.name.text()) == (page, "Our page")
    assert dialog.url.isEnabled() and dialog.confirm.isEnabled()
    assert accounts_service.list() == []


def test_an_unreachable_host_is_one_sentence_and_the_form_stays(qtbot, threads, factory) -> None:
    dialog = opened(qtbot, AddFeedDialog(factory, threads))
    url = f"http://127.0.0.1:{closed_port()}/feed.xml"
    type_into(qtbot, dialog.url, url)
    dialog.confirm.click()
    wait_idle(qtbot, dialog)
    assert dialog.error.text() == ("Could not reach 127.0.0.1. Check the address and your "
                                   "connection.")
    assert dialog.url.text() == url


def test_plain_http_to_another_computer_is_refused(qtbot, factory) -> None:
    dialog = opened(qtbot, AddFeedDialog(factory, Tasks(inline=True)))
    type_into(qtbot, dialog.url, "http://example.com/feed.xml")
    dialog.confirm.click()
    assert dialog.error.text() == "Community Desk only connects over https."
    assert dialog.url.text() == "http://example.com/feed.xml"


def test_esc_closes_an_idle_dialog(qtbot, factory) -> None:
    from PySide6.QtCore import Qt

    dialog = opened(qtbot, AddFeedDialog(factory, Tasks(inline=True)))
    type_into(qtbot, dialog.url, "https://shop.example/feed")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


# --- Bluesky ----------------------------------------------------------------------------------


def test_the_app_password_warning_follows_what_is_typed(qtbot, factory) -> None:
    dialog = opened(qtbot, AddBlueskyDialog(factory, Tasks(inline=True)))
    assert dialog.password.echoMode() is QLineEdit.EchoMode.Password
    assert not dialog.password_warning.isVisible()
    type_into(qtbot, dialog.password, "abcd-efgh")
    assert dialog.password_warning.isVisible()  # not (yet) an app password
    type_into(qtbot, dialog.password, "-ijkl-mnop")
    assert not dialog.password_warning.isVisible()
    qtbot.keyClick(dialog.password, "x")
    assert dialog.password_warning.isVisible()
    dialog.password.clear()
    assert not dialog.password_warning.isVisible()  # nothing typed, nothing to warn about


def test_the_server_field_is_under_advanced(qtbot, factory) -> None:
    dialog = opened(qtbot, AddBlueskyDialog(factory, Tasks(inline=True)))
    assert not dialog.server.isVisible()
    dialog.advanced.click()
    assert dialog.server.isVisible()
    assert dialog.server_label.text() == "Server (for self-hosted accounts):"
    assert "Settings → Privacy and security → App passwords" in dialog.intro.text()


@pytest.mark.parametrize(("error", "sentence"), [
    ("AuthenticationRequired", "The handle or app password is not right."),
    ("AuthFactorTokenRequired",
     "This account asks for an email code; use an app password instead."),
])
def test_a_refused_sign_in_is_one_sentence_and_keeps_everything_typed(
        qtbot, threads, factory, accounts_service, keyring_backend, error, sentence) -> None:
    service = BlueskyLogin(error)
    try:
        dialog = opened(qtbot, AddBlueskyDialog(factory, threads))
        type_into(qtbot, dialog.handle, "shop@example.com")  # an email signs in at the service
        type_into(qtbot, dialog.password, "abcd-efgh-ijkl-mnop")
        dialog.advanced.click()
        type_into(qtbot, dialog.server, service.url)
        dialog.confirm.click()
        assert dialog.busy_text.text() == "Signing in to Bluesky…"
        wait_idle(qtbot, dialog)

        assert dialog.error.text() == sentence
        assert (dialog.handle.text(), dialog.password.text(), dialog.server.text()) == (
            "shop@example.com", "abcd-efgh-ijkl-mnop", service.url)
        assert dialog.handle.isEnabled() and dialog.confirm.isEnabled()
        # The password went to the service and nowhere else.
        assert service.bodies == [{"identifier": "shop@example.com",
                                   "password": "abcd-efgh-ijkl-mnop"}]
        assert keyring_backend.items == {}
        assert accounts_service.list() == []
    finally:
        service.close()


# --- Mastodon ---------------------------------------------------------------------------------


def test_approving_in_the_browser_connects_the_account(qtbot, threads, factory, mastodon,
                                                       accounts_service) -> None:
    browser = Browser()
    dialog = opened(qtbot, AddMastodonDialog(factory, threads, open_url=browser))
    assert dialog.server.placeholderText() == "mastodon.social or @shop@example.social"
    type_into(qtbot, dialog.server, mastodon.url)
    with qtbot.waitSignal(dialog.accountAdded, timeout=TIMEOUT_MS):
        dialog.confirm.click()
        assert dialog.busy_text.text() == ("Waiting for you to approve Community Desk in your "
                                           "browser…")
    # The flow runs on a worker; the browser was opened from the UI thread all the same.
    assert browser.ui_thread == [True]
    assert browser.opened[0].startswith(f"{mastodon.url}/oauth/authorize?")
    [account] = accounts_service.list()
    assert account.network is Network.MASTODON
    assert account.server_url == mastodon.url


def test_denying_in_the_browser_says_so_and_keeps_the_form(qtbot, threads, factory, mastodon,
                                                           accounts_service) -> None:
    mastodon.deny = True
    dialog = opened(qtbot, AddMastodonDialog(factory, threads, open_url=Browser()))
    type_into(qtbot, dialog.server, mastodon.url)
    dialog.confirm.click()
    wait_idle(qtbot, dialog)
    assert dialog.error.text() == ("Access was not approved in the browser, so nothing was "
                                   "connected.")
    assert dialog.server.text() == mastodon.url
    assert accounts_service.list() == []


def test_cancel_while_waiting_for_the_browser_stops_waiting_and_gives_the_form_back(
        qtbot, threads, factory, mastodon, accounts_service) -> None:
    # The real flow against the fake server; only the browser stays closed (nobody approves).
    browser = Browser(approve=False)
    dialog = opened(qtbot, AddMastodonDialog(factory, threads, open_url=browser))
    type_into(qtbot, dialog.server, mastodon.url)
    dialog.confirm.click()
    qtbot.waitUntil(lambda: bool(browser.opened), timeout=TIMEOUT_MS)
    assert not dialog.server.isEnabled() and not dialog.confirm.isEnabled()
    cancel_event = dialog._cancel
    assert cancel_event is not None and not cancel_event.is_set()

    dialog.cancel.click()

    assert cancel_event.is_set()
    assert dialog.isVisible()  # back to the form, not closed
    assert dialog.server.isEnabled() and dialog.confirm.isEnabled()
    assert not dialog.busy.isVisible()
    assert dialog.server.text() == mastodon.url
    # The worker notices the event and ends; its "cancelled" is not shown as an error.
    assert threads.wait(5000)
    qtbot.wait(50)
    assert not dialog.error.isVisible()
    assert accounts_service.list() == []


def test_a_browser_that_does_not_open_leaves_the_address_to_copy(qtbot, threads, factory,
                                                                 mastodon) -> None:
    dialog = opened(qtbot, AddMastodonDialog(factory, threads, open_url=lambda url: False))
    type_into(qtbot, dialog.server, mastodon.url)
    dialog.confirm.click()
    qtbot.waitUntil(dialog.manual_link.isVisible, timeout=TIMEOUT_MS)
    assert f"{mastodon.url}/oauth/authorize?" in dialog.manual_link.text()
    dialog.cancel.click()
    assert not dialog.manual_link.isVisible()


def test_an_access_token_connects_instead_of_the_browser(qtbot, threads, factory, mastodon,
                                                         accounts_service) -> None:
    dialog = opened(qtbot, AddMastodonDialog(factory, threads, open_url=Browser()))
    assert not dialog.token.isVisible()
    dialog.use_token.click()
    assert dialog.token.isVisible()
    assert dialog.token.echoMode() is QLineEdit.EchoMode.Password
    type_into(qtbot, dialog.server, mastodon.url)
    assert not dialog.confirm.isEnabled()  # the token is still missing
    type_into(qtbot, dialog.token, mastodon.issue_token())
    with qtbot.waitSignal(dialog.accountAdded, timeout=TIMEOUT_MS):
        dialog.confirm.click()
    assert [a.network for a in accounts_service.list()] == [Network.MASTODON]


def test_a_refused_access_token_is_one_sentence_and_never_shown(qtbot, threads, factory,
                                                                mastodon) -> None:
    dialog = opened(qtbot, AddMastodonDialog(factory, threads))
    dialog.use_token.click()
    type_into(qtbot, dialog.server, mastodon.url)
    type_into(qtbot, dialog.token, "not-a-real-token-5f2d")
    dialog.confirm.click()
    wait_idle(qtbot, dialog)
    assert dialog.error.text() == messages.access_token_refused()
    assert "5f2d" not in dialog.error.text()
    assert dialog.token.text() == "not-a-real-token-5f2d"  # kept, still hidden
    assert dialog.token.echoMode() is QLineEdit.EchoMode.Password


def test_something_that_is_not_an_address_says_how_to_type_one(qtbot, factory) -> None:
    dialog = opened(qtbot, AddMastodonDialog(factory, Tasks(inline=True)))
    type_into(qtbot, dialog.server, "my shop")
    dialog.confirm.click()
    assert dialog.error.text() == messages.not_a_server_address()
    assert dialog.server.text() == "my shop"


def test_an_answer_to_an_abandoned_attempt_still_refreshes_the_list(qtbot) -> None:
    """Cancel stops waiting, but a connection that completes anyway is reported (the account
    exists now), without closing the dialog or showing an error."""

    class Late:
        def __init__(self) -> None:
            self.go = threading.Event()

        def connect_feed(self, url: str, name: str = "") -> object:
            self.go.wait(5)
            return "summary"

    late = Late()
    tasks = Tasks()
    try:
        dialog = opened(qtbot, AddFeedDialog(lambda: late, tasks))  # type: ignore[arg-type]
        type_into(qtbot, dialog.url, "https://shop.example/feed")
        dialog.confirm.click()
        dialog.cancel.click()
        assert not dialog.working and dialog.isVisible()
        with qtbot.waitSignal(dialog.accountAdded, timeout=TIMEOUT_MS):
            late.go.set()
        assert dialog.isVisible()
    finally:
        late.go.set()
        assert tasks.wait(5000)


def test_failures_of_unknown_kinds_are_not_shown_as_tracebacks(qtbot) -> None:
    class Broken:
        def connect_feed(self, url: str, name: str = "") -> object:
            raise KeyError("client_secret=abc123")

    dialog = opened(qtbot, AddFeedDialog(lambda: Broken(), Tasks(inline=True)))  # type: ignore
    type_into(qtbot, dialog.url, "https://shop.example/feed")
    dialog.confirm.click()
    assert dialog.error.text() == messages.unexpected_error()
    assert "abc123" not in dialog.error.text()


def test_auth_failures_use_the_reason_not_the_servers_words() -> None:
    error = AuthFailed("wrong password hunter2 for shop", reason="password")
    assert messages.problem(error) == "The handle or app password is not right."
