"""Conversations: fetched through the mention's own account, sanitized, cached a little while."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from keyrings import MemoryKeyring

from app.core.connector import AccountInfo, Capabilities, FetchedMention
from app.core.model import AccountSummary, MentionKind, Network
from app.credentials import Credentials
from app.networks.errors import NotSupported, Unreachable
from app.services.accounts import AccountsService
from app.services.inbox import InboxService
from app.services.threads import MentionGone, ThreadService
from app.services.workspace import Workspace
from app.storage.models import Mention

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def post(external_id: str, minutes: int, html: str = "", author: str = "aoi") -> FetchedMention:
    return FetchedMention(external_id=external_id, kind=MentionKind.REPLY,
                          author_handle=f"@{author}@example.social", author_name=author.title(),
                          text=f"post {external_id}", created_at=T0 + timedelta(minutes=minutes),
                          html=html, url=f"https://example.social/@{author}/{external_id}")


class FakeConnector:
    def __init__(self, thread: tuple[FetchedMention, ...] = (), error: Exception | None = None
                 ) -> None:
        self.thread = thread
        self.error = error
        self.asked: list[str] = []
        self.closed = 0

    def fetch_thread(self, external_id: str) -> tuple[FetchedMention, ...]:
        self.asked.append(external_id)
        if self.error is not None:
            raise self.error
        return self.thread

    def close(self) -> None:
        self.closed += 1


@pytest.fixture
def accounts(workspace: Workspace) -> AccountsService:
    return AccountsService(workspace.sessions, Credentials(MemoryKeyring()))


def add(workspace: Workspace, accounts: AccountsService, network: Network = Network.MASTODON
        ) -> tuple[AccountSummary, int]:
    account = accounts.save_connected(
        AccountInfo(network=network, handle="@shop@example.social",
                    server_url="https://example.social",
                    capabilities=Capabilities(can_fetch_thread=network is not Network.FEED)),
        None)
    with workspace.sessions.begin() as session:
        mention = Mention(account_id=account.id, external_id="102", kind="mention",
                          text="Where is my order?", created_at=T0.replace(tzinfo=None),
                          received_at=T0.replace(tzinfo=None))
        session.add(mention)
        session.flush()
        return account, mention.id


def service(workspace: Workspace, accounts: AccountsService, connector: FakeConnector,
            asked_for: list[AccountSummary] | None = None, **options: int) -> ThreadService:
    def connector_for(account: AccountSummary) -> FakeConnector:
        if asked_for is not None:
            asked_for.append(account)
        return connector

    return ThreadService(InboxService(workspace.sessions), accounts,
                         connector_for, **options)  # type: ignore[arg-type]


def test_the_thread_comes_from_the_mentions_account_oldest_first_with_it_marked(
        workspace, accounts) -> None:
    account, mention_id = add(workspace, accounts)
    connector = FakeConnector((post("101", 0), post("102", 5), post("103", 9)))
    asked_for: list[AccountSummary] = []
    posts = service(workspace, accounts, connector, asked_for).fetch(mention_id)

    assert [p.external_id for p in posts] == ["101", "102", "103"]
    assert [p.is_this_mention for p in posts] == [False, True, False]
    assert [a.id for a in asked_for] == [account.id]
    assert connector.asked == ["102"]
    assert connector.closed == 1


def test_post_html_is_sanitized_before_anyone_displays_it(workspace, accounts) -> None:
    _, mention_id = add(workspace, accounts)
    hostile = ('<p>hi <img src="https://tracker.example/p.gif"><script>alert(1)</script>'
               '<a href="javascript:alert(1)">x</a><a href="https://shop.example/">shop</a></p>')
    posts = service(workspace, accounts, FakeConnector((post("102", 0, hostile),))
                    ).fetch(mention_id)
    html = posts[0].html
    assert "<img" not in html and "script" not in html and "javascript:" not in html
    assert 'href="https://shop.example/"' in html


def test_a_thread_is_cached_until_refreshed_and_the_oldest_leaves_first(workspace,
                                                                         accounts) -> None:
    _, first = add(workspace, accounts)
    connector = FakeConnector((post("102", 0),))
    threads = service(workspace, accounts, connector, cache_size=1)
    assert threads.cached(first) is None
    threads.fetch(first)
    threads.fetch(first)
    assert connector.asked == ["102"]
    assert threads.cached(first) is not None
    threads.fetch(first, refresh=True)
    assert len(connector.asked) == 2

    with workspace.sessions.begin() as session:
        other = Mention(account_id=1, external_id="200", kind="mention", text="x",
                        created_at=T0.replace(tzinfo=None), received_at=T0.replace(tzinfo=None))
        session.add(other)
        session.flush()
        second = other.id
    threads.fetch(second)
    assert threads.cached(first) is None  # bounded: one thread kept
    assert threads.cached(second) is not None


def test_failures_are_not_cached(workspace, accounts) -> None:
    _, mention_id = add(workspace, accounts)
    connector = FakeConnector(error=Unreachable("down"))
    threads = service(workspace, accounts, connector)
    with pytest.raises(Unreachable):
        threads.fetch(mention_id)
    assert threads.cached(mention_id) is None
    assert connector.closed == 1


def test_feeds_have_no_conversation_and_a_missing_mention_says_so(workspace, accounts) -> None:
    _, mention_id = add(workspace, accounts, Network.FEED)
    connector = FakeConnector((post("102", 0),))
    threads = service(workspace, accounts, connector)
    with pytest.raises(NotSupported):
        threads.fetch(mention_id)
    with pytest.raises(MentionGone):
        threads.fetch(mention_id + 100)
    assert connector.asked == []


def test_an_enormous_thread_is_cut_short(workspace, accounts) -> None:
    _, mention_id = add(workspace, accounts)
    connector = FakeConnector(tuple(post(str(n), n) for n in range(5000)))
    assert len(service(workspace, accounts, connector).fetch(mention_id)) == 200
