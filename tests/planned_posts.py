"""Planned posts for the calendar's tests, screenshots and benchmark: connected accounts that can
post, a stand-in for their networks that remembers what it was asked to publish or hold, and a
workspace with posts in every state the calendar shows.

The stand-in is not a network test (the connectors have those, against local servers): it only
lets the posts service run its real code, outbox included, without a socket.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from app.core.connector import AccountInfo, Capabilities, Published, TextRules
from app.core.model import AccountState, AccountSummary, Network, PostRecord
from app.credentials import Credentials
from app.networks.errors import NetworkError, NotFound
from app.services.accounts import AccountsService
from app.services.outbox import OutboxService
from app.services.posts import PostsService
from app.services.workspace import Workspace

MASTODON_RULES = TextRules(max_graphemes=500, url_weight=23, mentions_count_local_part=True)
BLUESKY_RULES = TextRules(max_graphemes=300, max_bytes=3000)


@dataclass
class FakeNetworks:
    """Every account's connector: publishes and holds posts in memory. `fail_with` makes the
    next publish raise (a refusal, an outage)."""

    published: list[tuple[int, str]] = field(default_factory=list)  # (account id, text)
    held: dict[str, tuple[int, str, datetime]] = field(default_factory=dict)
    fail_with: NetworkError | None = None
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)  # the server's clock
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def connector_for(self, account: AccountSummary) -> _FakeConnector:
        return _FakeConnector(self, account)


class _FakeConnector:
    def __init__(self, networks: FakeNetworks, account: AccountSummary) -> None:
        self._networks = networks
        self._account = account

    def publish(self, text: str, *, idempotency_key: str, scheduled_at: datetime | None = None,
                language: str = "") -> Published:
        networks = self._networks
        if networks.fail_with is not None:
            error, networks.fail_with = networks.fail_with, None
            raise error
        number = next(networks._ids)
        if scheduled_at is not None and self._account.network is Network.MASTODON:
            networks.held[f"s{number}"] = (self._account.id, text, scheduled_at)
            return Published(remote_id=f"s{number}", scheduled=True)
        networks.published.append((self._account.id, text))
        return Published(remote_id=str(number),
                         remote_url=f"https://example.social/@shop/{number}")

    def find_post(self, idempotency_key: str, text: str, *, since: datetime,
                  scheduled_id: str = "") -> Published | None:
        networks = self._networks
        if scheduled_id not in networks.held:
            return None
        account_id, held_text, at = networks.held[scheduled_id]
        if at > networks.clock():
            return Published(remote_id=scheduled_id, scheduled=True)
        # Its time came: the server published it.
        del networks.held[scheduled_id]
        networks.published.append((account_id, held_text))
        return Published(remote_id=f"p{scheduled_id}",
                         remote_url=f"https://example.social/@shop/p{scheduled_id}")

    def reschedule(self, remote_id: str, at: datetime) -> Published:
        held = self._networks.held
        if remote_id not in held:
            raise NotFound()
        account_id, text, _old = held[remote_id]
        held[remote_id] = (account_id, text, at)
        return Published(remote_id=remote_id, scheduled=True)

    def cancel_scheduled(self, remote_id: str) -> None:
        if self._networks.held.pop(remote_id, None) is None:
            raise NotFound()

    def close(self) -> None:
        pass


class Clock:
    """An injected clock the tests move by hand (aware UTC)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def connect(accounts: AccountsService, network: Network, handle: str, name: str = "", *,
            state: AccountState = AccountState.OK) -> AccountSummary:
    """An account as connecting leaves it: what it can do, and its server's limits."""
    capabilities = {
        Network.MASTODON: Capabilities(can_reply=True, can_post=True, can_schedule=True),
        Network.BLUESKY: Capabilities(can_reply=True, can_post=True),
        Network.FEED: Capabilities(),
    }[network]
    rules = {Network.MASTODON: MASTODON_RULES, Network.BLUESKY: BLUESKY_RULES}.get(network)
    server = {Network.MASTODON: "https://example.social", Network.BLUESKY: "https://bsky.social",
              Network.FEED: f"https://{handle}/feed"}[network]
    saved = accounts.save_connected(
        AccountInfo(network=network, handle=handle, server_url=server, display_name=name,
                    capabilities=capabilities, text_rules=rules), None)
    if state is not AccountState.OK:
        accounts.mark_state(saved.id, state, "")
    return accounts.get(saved.id)


@dataclass
class Shop:
    """A workspace with a shop's accounts and the services the calendar works with."""

    workspace: Workspace
    accounts: AccountsService
    networks: FakeNetworks
    clock: Clock
    posts: PostsService
    mastodon: AccountSummary
    bluesky: AccountSummary

    def outbox(self) -> OutboxService:
        return OutboxService(self.workspace.sessions, self.accounts, self.networks.connector_for,
                             clock=self.clock)


def open_shop(workspace: Workspace, credentials: Credentials, now: datetime, *,
              feed: bool = True, reconnect: bool = True) -> Shop:
    accounts = AccountsService(workspace.sessions, credentials)
    mastodon = connect(accounts, Network.MASTODON, "@hanamori@example.social", "Hanamori Bakery")
    bluesky = connect(accounts, Network.BLUESKY, "hanamori.bsky.social", "Hanamori Bakery")
    if feed:
        connect(accounts, Network.FEED, "reviews.example", "Reviews")
    if reconnect:
        connect(accounts, Network.BLUESKY, "oldtown.bsky.social", "Old Town Branch",
                state=AccountState.NEEDS_RECONNECT)
    clock = Clock(now)
    networks = FakeNetworks(clock=clock)
    posts = PostsService(workspace.sessions, accounts, networks.connector_for, clock=clock)
    return Shop(workspace, accounts, networks, clock, posts, mastodon, bluesky)


EVERY_STATE_TEXTS = {
    "en": ("Fresh rice-flour bread this Sunday, from 8:00!",
           "Closed on Monday for the holiday.",
           "New: melon pan with yuzu peel.",
           "Thank you for 1,000 followers!",
           "Delivery orders open for the weekend.",
           "Bread class in June: book a place.",
           "Our summer opening hours."),
    "ja": ("日曜日は米粉食パンを朝8時から焼きます！",
           "月曜日は祝日のためお休みです。",
           "新作：ゆず皮入りメロンパン。",
           "フォロワー1,000人ありがとうございます！",
           "週末の配送予約を受け付けています。",
           "6月のパン教室、予約受付中。",
           "夏の営業時間のお知らせ。"),
}


def fill_every_state(shop: Shop, language: str = "en", *, zone=UTC,
                     day: datetime | None = None) -> dict[str, PostRecord]:
    """Posts around the shop's clock in every state a chip shows: missed, sent, failed (in the
    past), then scheduled on the server, scheduled in the app, and drafts ahead. Returns them by
    state name. The clock ends where it started."""
    from app.networks.errors import Rejected

    texts = EVERY_STATE_TEXTS[language]
    start = shop.clock.now
    base = (day or start).astimezone(zone).replace(minute=0, second=0, microsecond=0)
    both = [shop.mastodon.id, shop.bluesky.id]
    posts, outbox = shop.posts, shop.outbox()
    made: dict[str, PostRecord] = {}

    def at(days: int, hour: int, minute: int = 0) -> datetime:
        return (base + timedelta(days=days)).replace(hour=hour, minute=minute)

    def later(moment: datetime, then: Callable[[], PostRecord]) -> PostRecord:
        shop.clock.now = moment
        return then()

    # In the past: planned a while ago, then the clock moved on.
    shop.clock.now = at(-3, 7)
    missed = posts.create(texts[0], [shop.bluesky.id], at(-3, 8))
    sent = posts.create(texts[3], both, at(-2, 9, 30))
    failed = posts.create(texts[2], [shop.bluesky.id], at(-1, 11))
    made["sent"] = later(at(-2, 9, 32), lambda: (outbox.send_due(), posts.get(sent.id))[1])
    shop.networks.fail_with = Rejected()
    made["failed"] = later(at(-1, 11), lambda: (outbox.send_due(), posts.get(failed.id))[1])
    made["missed"] = later(start, lambda: (outbox.send_due(), posts.get(missed.id))[1])
    shop.clock.now = start
    made["scheduled"] = posts.create(texts[4], [shop.mastodon.id], at(1, 10))
    made["queued"] = posts.create(texts[1], [shop.bluesky.id], at(2, 14, 15))
    made["mixed"] = posts.create(texts[6], both, at(2, 18))
    made["draft"] = posts.create(texts[5], both, at(3, 12), draft=True)
    return made
