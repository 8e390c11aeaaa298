"""Connecting accounts end to end: the real sign-in flows against servers on this machine (a
Mastodon-like server, a feed server, the real Bluesky network), the results stored by the
accounts service, and the secrets nowhere but the keyring (an in-memory one here; the real
Secret Service is covered in tests/test_credentials.py)."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest
from fakes.feed_server import ALERTS_PATH, SHOP_PAGE_PATH, FeedServer, feed_server
from fakes.mastodon_server import FakeMastodon
from keyrings import MemoryKeyring

from app.cli.common import configure_logging
from app.core.model import AccountState, Network
from app.credentials import SERVICE, Credentials
from app.networks.errors import AuthExpired, AuthFailed
from app.networks.feed import FeedIsHtmlPage
from app.services.accounts import AccountsService, account_secret_key
from app.services.connect import ConnectService, mastodon_client_key
from app.services.workspace import Workspace

__all__ = ["feed_server"]  # the fixture, used by name


@pytest.fixture
def connect(workspace: Workspace, keyring_backend: MemoryKeyring) -> ConnectService:
    credentials = Credentials(keyring_backend)
    return ConnectService(AccountsService(workspace.sessions, credentials), credentials)


def browser(url: str) -> None:
    """What the owner's browser does: open the consent page, press Authorize (the fake server
    answers as if they did), and land on the app's loopback listener."""
    with httpx.Client(follow_redirects=True, trust_env=False, timeout=5) as client:
        client.get(url)


def files_containing(folder: Path, secret: str) -> list[Path]:
    return [path for path in folder.rglob("*")
            if path.is_file() and secret.encode() in path.read_bytes()]


def test_mastodon_account_connects_through_the_browser_and_keeps_its_token_in_the_keyring(
    connect: ConnectService, mastodon: FakeMastodon, keyring_backend: MemoryKeyring,
    workspace: Workspace,
) -> None:
    configure_logging(workspace.data_dir)
    logging.getLogger().setLevel(logging.DEBUG)  # even the chattiest log must not hold it
    try:
        account = connect.connect_mastodon(mastodon.url, open_browser=browser, timeout=10)
    finally:
        logging.getLogger().setLevel(logging.INFO)
    assert account.network is Network.MASTODON
    assert account.state is AccountState.OK
    token = keyring_backend.items[(SERVICE, account_secret_key(account.id))]
    assert (SERVICE, mastodon_client_key(mastodon.url)) in keyring_backend.items

    # A connector built from what was stored works; the token is in no file at all.
    connector = connect.connector(account)
    try:
        assert connector.verify().handle == account.handle
    finally:
        connector.close()
    workspace.engine.dispose()
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert files_containing(workspace.data_dir, token) == []


def test_a_second_mastodon_account_on_the_same_server_reuses_the_registration(
    connect: ConnectService, mastodon: FakeMastodon,
) -> None:
    connect.connect_mastodon(mastodon.url, open_browser=browser, timeout=10)
    connect.connect_mastodon(mastodon.url, open_browser=browser, timeout=10)
    assert len(mastodon.state.apps) == 1


def test_denied_consent_stores_no_account(connect: ConnectService, mastodon: FakeMastodon,
                                          workspace: Workspace) -> None:
    mastodon.deny = True
    with pytest.raises(AuthFailed) as caught:
        connect.connect_mastodon(mastodon.url, open_browser=browser, timeout=10)
    assert caught.value.reason == "denied"
    assert AccountsService(workspace.sessions, Credentials(MemoryKeyring())).list() == []


def test_removing_a_mastodon_account_revokes_its_token(
    connect: ConnectService, mastodon: FakeMastodon, keyring_backend: MemoryKeyring,
) -> None:
    account = connect.connect_mastodon(mastodon.url, open_browser=browser, timeout=10)
    token = keyring_backend.items[(SERVICE, account_secret_key(account.id))]
    removal = connect.remove(account.id, keep_mentions=False)
    assert removal.revoked
    assert (SERVICE, account_secret_key(account.id)) not in keyring_backend.items
    answer = httpx.get(f"{mastodon.url}/api/v1/accounts/verify_credentials",
                       headers={"Authorization": f"Bearer {token}"}, trust_env=False)
    assert answer.status_code == 401


def test_a_pasted_token_connects_too(connect: ConnectService, mastodon: FakeMastodon) -> None:
    account = connect.connect_mastodon_token(mastodon.url, f"  {mastodon.issue_token()}\n")
    assert account.network is Network.MASTODON


def test_a_pasted_token_the_server_refuses_adds_nothing(
    connect: ConnectService, mastodon: FakeMastodon, workspace: Workspace,
) -> None:
    with pytest.raises(AuthExpired):
        connect.connect_mastodon_token(mastodon.url, "not-a-real-token")
    assert AccountsService(workspace.sessions, Credentials(MemoryKeyring())).list() == []


def test_a_feed_connects_without_any_secret(connect: ConnectService, feed_server: FeedServer,
                                           keyring_backend: MemoryKeyring) -> None:
    account = connect.connect_feed(feed_server.url(ALERTS_PATH), "Google Alerts")
    assert account.network is Network.FEED
    assert account.display_name == "Google Alerts"
    assert keyring_backend.items == {}


def test_a_web_page_offers_the_feeds_it_links_to(connect: ConnectService,
                                                 feed_server: FeedServer) -> None:
    with pytest.raises(FeedIsHtmlPage) as caught:
        connect.connect_feed(feed_server.url(SHOP_PAGE_PATH))
    urls = [url for _, url in caught.value.candidates]
    assert any(url.startswith(feed_server.url("/")) for url in urls)  # relative links resolved


@pytest.mark.bluesky_network
def test_bluesky_connects_with_an_app_password_and_keeps_only_the_session(
    workspace: Workspace, keyring_backend: MemoryKeyring, bluesky_network,
) -> None:
    credentials = Credentials(keyring_backend)
    connect = ConnectService(AccountsService(workspace.sessions, credentials), credentials,
                             plc_directory=bluesky_network.plc)
    created = bluesky_network.account("connectshop.test")
    account = connect.connect_bluesky(created["handle"], created["appPassword"],
                                      bluesky_network.pds)
    secret = keyring_backend.items[(SERVICE, account_secret_key(account.id))]
    assert created["appPassword"] not in secret  # the session, never the password
    connector = connect.connector(account)
    try:
        assert connector.verify().handle == created["handle"]
    finally:
        connector.close()
    workspace.engine.dispose()
    assert files_containing(workspace.data_dir, created["appPassword"]) == []


def test_checking_an_account_whose_token_was_revoked_says_it_needs_reconnecting(
    connect: ConnectService, mastodon: FakeMastodon, keyring_backend: MemoryKeyring,
) -> None:
    account = connect.connect_mastodon(mastodon.url, open_browser=browser, timeout=10)
    assert connect.check(account.id).state is AccountState.OK
    token = keyring_backend.items[(SERVICE, account_secret_key(account.id))]
    mastodon.state.tokens.pop(token)  # the owner revoked the app in the server's settings

    checked = connect.check(account.id)
    assert checked.state is AccountState.NEEDS_RECONNECT
    assert checked.last_error == "AuthExpired"


def test_checking_an_unreachable_feed_records_an_error_not_a_reconnect(
    connect: ConnectService, workspace: Workspace,
) -> None:
    accounts = AccountsService(workspace.sessions, Credentials(MemoryKeyring()))
    from app.core.connector import AccountInfo

    stored = accounts.save_connected(
        AccountInfo(network=Network.FEED, handle="http://127.0.0.1:9/feed",
                    server_url="http://127.0.0.1:9/feed"), None)
    checked = connect.check(stored.id)
    assert checked.state is AccountState.ERROR
    assert checked.last_error == "Unreachable"
