"""Sync end to end: accounts on servers on this machine that answer like Mastodon and feed
hosts, the mentions stored in a real workspace file, and what the owner then sees.

The keyring is an in-memory one here (the real Secret Service is covered in
tests/test_credentials.py); everything else is real: sockets, HTTP, SQLite, migrations.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from fakes.feed_server import ALERTS_PATH, FeedServer, feed_server
from fakes.mastodon_server import FakeMastodon
from keyring.errors import KeyringLocked
from keyrings import MemoryKeyring, RaisingKeyring
from sqlalchemy import select

from app.cli.common import configure_logging
from app.core.model import AccountState, Flag, InboxFilter, MentionKind, TriageState
from app.credentials import Credentials
from app.services.accounts import AccountsService
from app.services.connect import ConnectService
from app.services.inbox import InboxService
from app.services.sync import SyncReport, SyncService
from app.services.workspace import Workspace
from app.storage.models import Account, Mention

__all__ = ["feed_server"]  # the fixture, used by name


@pytest.fixture
def services(workspace: Workspace, keyring_backend: MemoryKeyring
             ) -> tuple[ConnectService, SyncService, InboxService]:
    credentials = Credentials(keyring_backend)
    accounts = AccountsService(workspace.sessions, credentials)
    connect = ConnectService(accounts, credentials)
    return connect, SyncService(workspace.sessions, accounts, connect.connector), \
        InboxService(workspace.sessions)


def _texts(inbox: InboxService, **wanted: object) -> list[str]:
    return [row.first_line for row in inbox.page(InboxFilter(**wanted), limit=500)]  # type: ignore[arg-type]


def failed_alone(report: SyncReport, failed_id: int, error: str, feed_id: int,
                 inbox: InboxService) -> None:
    """The account `failed_id` failed with `error`, and the feed beside it synced all the same."""
    by_account = {r.account_id: r for r in report.accounts}
    assert by_account[failed_id].error == error
    assert by_account[feed_id].error is None and by_account[feed_id].new > 0
    assert _texts(inbox, state=None, kind=MentionKind.FEED_ITEM)


def test_first_sync_brings_two_weeks_of_mentions_once_and_a_second_changes_nothing(
        services: tuple[ConnectService, SyncService, InboxService], mastodon: FakeMastodon,
        workspace: Workspace) -> None:
    connect, sync, inbox = services
    account = connect.connect_mastodon_token(mastodon.url, mastodon.issue_token())

    first = sync.sync()
    (result,) = first.accounts
    assert result.error is None
    texts = _texts(inbox, state=None)
    assert len(texts) == result.new == first.new
    assert not any("old question" in t for t in texts)  # older than 14 days
    assert any("first time here" in t for t in texts)  # a stranger the policy filtered
    assert any("https://example.shop/menu/spring-2026?lang=ja&ref=fedi" in t
               for t in _texts(inbox, state=None, search="menu"))  # the link kept whole

    second = sync.sync()
    assert second.new == 0 and second.changed_ids == ()
    assert _texts(inbox, state=None) == texts

    # A new mention arrives: the next pass brings exactly that one.
    ben = mastodon.account("3", "ben", "Ben", local=False, domain="other.example")
    mastodon.add_mention(ben, "<p>@shop my parcel never arrived, I want a refund</p>")
    third = sync.sync()
    assert third.new == 1 and len(third.complaint_ids) == 1
    assert _texts(inbox, flag=Flag.COMPLAINT)[0] == "@shop my parcel never arrived, I want a refund"
    with workspace.sessions() as session:
        stored = session.get(Account, account.id)
        assert stored.state == AccountState.OK.value and stored.last_synced_at is not None


def test_stored_html_is_sanitized_and_loads_nothing(
        services: tuple[ConnectService, SyncService, InboxService], mastodon: FakeMastodon,
        workspace: Workspace) -> None:
    connect, sync, inbox = services
    connect.connect_mastodon_token(mastodon.url, mastodon.issue_token())
    ben = mastodon.account("3", "ben", "Ben", local=False, domain="other.example")
    mastodon.add_mention(ben, '<p>@shop look <img src="https://tracker.example/p.gif">'
                              '<script>alert(1)</script><style>p{display:none}</style>'
                              '<a href="javascript:alert(2)">here</a> '
                              '<a href="https://example.shop/">shop</a></p>')
    sync.sync()
    (row,) = inbox.page(InboxFilter(state=None, search="look"))
    detail = inbox.detail(row.id)
    assert detail is not None
    for banned in ("<img", "tracker.example", "<script", "alert", "<style", "display:none",
                   "javascript:"):
        assert banned not in detail.html
        assert banned not in detail.text
    assert 'href="https://example.shop/"' in detail.html


def test_a_refused_token_marks_that_account_and_the_others_still_sync(
        services: tuple[ConnectService, SyncService, InboxService], mastodon: FakeMastodon,
        feed_server: FeedServer, workspace: Workspace) -> None:
    connect, sync, inbox = services
    masto = connect.connect_mastodon_token(mastodon.url, mastodon.issue_token())
    feed = connect.connect_feed(feed_server.url(ALERTS_PATH), "Alerts")
    mastodon.inject("401", path="/api/v1/notifications")

    failed_alone(sync.sync(), masto.id, "AuthExpired", feed.id, inbox)
    with workspace.sessions() as session:
        assert session.get(Account, masto.id).state == AccountState.NEEDS_RECONNECT.value
    # Until the owner reconnects, passes leave it alone instead of hammering the server.
    calls = len(mastodon.made("GET", "/api/v1/notifications"))
    later = {r.account_id: r for r in sync.sync().accounts}
    assert later[masto.id].skipped and later[masto.id].error == "NeedsReconnect"
    assert len(mastodon.made("GET", "/api/v1/notifications")) == calls


def test_a_locked_keyring_is_recorded_in_words_and_the_feeds_still_sync(
        services: tuple[ConnectService, SyncService, InboxService], mastodon: FakeMastodon,
        feed_server: FeedServer, workspace: Workspace, caplog: pytest.LogCaptureFixture) -> None:
    connect, _sync, inbox = services
    masto = connect.connect_mastodon_token(mastodon.url, mastodon.issue_token())
    feed = connect.connect_feed(feed_server.url(ALERTS_PATH), "Alerts")
    # Since then the owner's keyring was locked (a feed needs no secret from it).
    credentials = Credentials(RaisingKeyring(KeyringLocked))
    locked = AccountsService(workspace.sessions, credentials)
    sync = SyncService(workspace.sessions, locked, ConnectService(locked, credentials).connector)

    with caplog.at_level(logging.WARNING, logger="app.services.sync"):
        failed_alone(sync.sync(), masto.id, "CredentialError", feed.id, inbox)
    with workspace.sessions() as session:
        stored = session.get(Account, masto.id)
        assert (stored.state, stored.last_error) == (AccountState.ERROR.value, "CredentialError")
    # An expected state of the machine, logged as such: no traceback, as for a bug.
    assert [r.exc_info for r in caplog.records if r.name == "app.services.sync"] == [None]


def test_a_rate_limit_is_honoured_and_recorded(
        services: tuple[ConnectService, SyncService, InboxService], mastodon: FakeMastodon,
        workspace: Workspace) -> None:
    connect, sync, _inbox = services
    masto = connect.connect_mastodon_token(mastodon.url, mastodon.issue_token())
    mastodon.inject("429", path="/api/v1/notifications", times=1)

    (result,) = sync.sync().accounts
    assert result.error == "RateLimited"
    with workspace.sessions() as session:
        assert session.get(Account, masto.id).last_error == "RateLimited"
    calls = len(mastodon.made("GET", "/api/v1/notifications"))
    (waiting,) = sync.sync().accounts  # Retry-After: 42 s, not over yet
    assert waiting.skipped
    assert len(mastodon.made("GET", "/api/v1/notifications")) == calls
    (asked,) = sync.sync(masto.id).accounts  # "Sync now" on that account: the owner asked
    assert asked.error is None and asked.new > 0


def test_a_cancelled_pass_stops_before_the_next_account(
        services: tuple[ConnectService, SyncService, InboxService], mastodon: FakeMastodon,
        feed_server: FeedServer) -> None:
    connect, sync, inbox = services
    connect.connect_mastodon_token(mastodon.url, mastodon.issue_token())
    connect.connect_feed(feed_server.url(ALERTS_PATH), "Alerts")
    cancel = threading.Event()
    cancel.set()
    report = sync.sync(cancel=cancel)
    assert all(r.skipped for r in report.accounts)
    assert _texts(inbox, state=None) == []


def test_triage_state_survives_a_resync_and_an_edit_updates_the_text(
        services: tuple[ConnectService, SyncService, InboxService], mastodon: FakeMastodon,
        workspace: Workspace) -> None:
    connect, sync, inbox = services
    connect.connect_mastodon_token(mastodon.url, mastodon.issue_token())
    ben = mastodon.account("3", "ben", "Ben", local=False, domain="other.example")
    _, status_id = mastodon.add_mention(ben, "<p>@shop is the cafe open today</p>")
    sync.sync()
    (row,) = inbox.page(InboxFilter(state=None, search="cafe"))
    assert inbox.set_state([row.id], TriageState.DONE) == [row.id]

    with mastodon.lock:
        status = mastodon.state.statuses[status_id]
        status["content"] = "<p>@shop is the cafe open tomorrow</p>"
        status["edited_at"] = status["created_at"]
    # An edit reaches the inbox when the post comes again (the first sync window refetches it).
    with workspace.sessions.begin() as session:
        for account in session.scalars(select(Account)):
            account.sync_cursor = {}
    report = sync.sync()
    assert report.new == 0 and report.changed_ids == (row.id,)
    (edited,) = inbox.page(InboxFilter(state=None, search="tomorrow"))
    assert edited.id == row.id and edited.state is TriageState.DONE


def test_no_secret_in_any_file_after_connecting_and_syncing(
        services: tuple[ConnectService, SyncService, InboxService], mastodon: FakeMastodon,
        workspace: Workspace, keyring_backend: MemoryKeyring) -> None:
    connect, sync, _inbox = services
    token = mastodon.issue_token()
    configure_logging(workspace.data_dir)
    logging.getLogger().setLevel(logging.DEBUG)
    try:
        connect.connect_mastodon_token(mastodon.url, token)
        mastodon.inject("401", path="/api/v1/notifications", times=1)
        sync.sync()  # a failure is logged too
        sync.sync(1)
    finally:
        logging.getLogger().setLevel(logging.INFO)
    workspace.engine.dispose()
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert [path for path in Path(workspace.data_dir).rglob("*")
            if path.is_file() and token.encode() in path.read_bytes()] == []


def test_the_mention_table_has_each_post_once(
        services: tuple[ConnectService, SyncService, InboxService], mastodon: FakeMastodon,
        workspace: Workspace) -> None:
    connect, sync, _inbox = services
    connect.connect_mastodon_token(mastodon.url, mastodon.issue_token())
    mastodon.ignore_cursor = True  # every page is the same page again
    sync.sync()
    sync.sync()
    with workspace.sessions() as session:
        ids = list(session.scalars(select(Mention.external_id)))
    assert ids and len(ids) == len(set(ids))


def test_watched_hashtags_land_as_keywords_without_the_shops_own_posts(
        services: tuple[ConnectService, SyncService, InboxService], mastodon: FakeMastodon,
        workspace: Workspace, keyring_backend: MemoryKeyring) -> None:
    connect, sync, inbox = services
    account = connect.connect_mastodon_token(mastodon.url, mastodon.issue_token())
    AccountsService(workspace.sessions, Credentials(keyring_backend)).set_listening(
        account.id, ["#melonpan"])
    yuki = mastodon.account("4", "yuki", "ゆき", local=False, domain="mstdn.example.jp")
    mastodon.add_tagged(yuki, "今日のメロンパン最高", ["melonpan"])
    mastodon.add_tagged(mastodon.shop, "Fresh from the oven", ["melonpan"])

    report = sync.sync()

    assert report.failed == ()
    keywords = _texts(inbox, kind=MentionKind.KEYWORD)
    assert keywords == ["今日のメロンパン最高 #melonpan"]
    assert sync.sync().new == 0


def test_a_backlog_longer_than_one_call_arrives_in_one_pass(
        services: tuple[ConnectService, SyncService, InboxService],
        mastodon: FakeMastodon) -> None:
    connect, sync, inbox = services
    connect.connect_mastodon_token(mastodon.url, mastodon.issue_token())
    sync.sync()
    before = len(_texts(inbox, state=None))
    mastodon.max_page_size = 5  # 20 pages of 5 per connector call: 100 at most
    ben = mastodon.account("3", "ben", "Ben", local=False, domain="other.example")
    for number in range(250):
        mastodon.add_mention(ben, f"<p>@shop backlog {number}</p>")

    report = sync.sync()

    assert report.new == 250
    assert len(_texts(inbox, state=None)) == before + 250
    assert sync.sync().new == 0
