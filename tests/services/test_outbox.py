"""The outbox against the Mastodon-like server on 127.0.0.1: a reply is written before it leaves,
leaves once, waits out passing failures, fails plainly on refusals with the text kept, and a
crash between the request and the database update is settled at the next start.

Time is an injected clock: nothing here sleeps."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fakes.mastodon_server import FakeMastodon
from keyrings import MemoryKeyring
from sqlalchemy import select, update

from app.core.connector import AccountInfo, Capabilities, Published, TextRules
from app.core.model import (
    AccountState,
    AccountSummary,
    Network,
    OutboxState,
    TriageState,
)
from app.credentials import Credentials
from app.networks.base import Connector
from app.networks.errors import ServerError
from app.networks.http import Transport
from app.networks.mastodon import MastodonConnector
from app.services.accounts import AccountsService
from app.services.outbox import (
    FIRST_RETRY,
    MAX_ATTEMPTS,
    MAX_BACKOFF,
    OutboxService,
    ReplyProblem,
)
from app.services.sync import SyncService
from app.services.workspace import Workspace
from app.storage.models import Mention, OutboxItem

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
STATUSES = "/api/v1/statuses"


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class Crash(BaseException):
    """The process dies: nothing after this line of the sending code runs."""


@dataclass
class Shop:
    """The shop's Mastodon account on the fake server, its synced inbox, and its outbox."""

    server: FakeMastodon
    workspace: Workspace
    accounts: AccountsService
    clock: Clock
    token: str
    account: AccountSummary = field(init=False)
    outbox: OutboxService = field(init=False)
    # Wraps each connector the outbox asks for (to lose an answer, or to crash).
    wrap: Callable[[Connector], Any] = lambda connector: connector
    transports: list[Transport] = field(default_factory=list)
    seeded: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        with self.server.lock:
            self.seeded = set(self.server.state.statuses)
        probe = self.connector()
        self.account = self.accounts.save_connected(probe.verify(), self.token)
        probe.close()
        SyncService(self.workspace.sessions, self.accounts, lambda _a: self.connector()).sync()
        self.outbox = OutboxService(self.workspace.sessions, self.accounts,
                                    lambda _a: self.wrap(self.connector()), clock=self.clock)

    def connector(self) -> MastodonConnector:
        transport = Transport(self.server.url, sleep=lambda _: None)
        self.transports.append(transport)
        return MastodonConnector(self.server.url, self.token, transport=transport)

    def mention(self, status_id: str) -> int:
        with self.workspace.sessions() as session:
            return session.scalar(select(Mention.id).where(Mention.external_id == status_id))

    def mention_row(self, mention_id: int) -> Mention:
        with self.workspace.sessions() as session:
            return session.get(Mention, mention_id)

    def author_of(self, mention_id: int) -> str:
        return self.mention_row(mention_id).author_handle

    def shop_replies(self, status_id: str) -> list[dict[str, Any]]:
        """The shop's own posts on the server that answer this status, made by the test."""
        with self.server.lock:
            return [s for s in self.server.state.statuses.values()
                    if s["in_reply_to_id"] == status_id and s["account"]["id"] == "1"
                    and s["id"] not in self.seeded]

    def posts(self) -> list[Any]:
        return self.server.made("POST", STATUSES)


@pytest.fixture
def shop(workspace: Workspace, mastodon: FakeMastodon) -> Iterator[Shop]:
    accounts = AccountsService(workspace.sessions, Credentials(MemoryKeyring()))
    value = Shop(mastodon, workspace, accounts, Clock(), mastodon.issue_token())
    yield value
    for transport in value.transports:
        transport.close()
    assert not mastodon.errors, mastodon.errors[0]


# --- Sending ---------------------------------------------------------------------------------


def test_a_reply_goes_out_once_with_in_reply_to_the_acct_prefix_and_its_key(shop: Shop) -> None:
    status = shop.server.japanese_status
    mention_id = shop.mention(status)
    author = shop.author_of(mention_id)
    assert author == "@yuki@mstdn.example.jp"
    text = f"{author} 明日は10時から18時まで営業しています。"

    entry = shop.outbox.send(mention_id, text, language="ja")
    assert entry.state is OutboxState.QUEUED and entry.due_at == T0
    assert shop.outbox.draft_for(mention_id) == entry
    report = shop.outbox.send_due()

    (post,) = shop.posts()
    assert post.body["in_reply_to_id"] == status
    assert post.body["status"] == text and post.body["status"].startswith("@yuki@mstdn.example.jp ")
    assert post.body["language"] == "ja"
    assert post.body["visibility"] == "public"  # the original's
    assert post.headers["idempotency-key"] == entry.idempotency_key
    (reply,) = shop.shop_replies(status)
    sent = shop.outbox.get(entry.id)
    assert sent is not None and sent.state is OutboxState.SENT
    assert (sent.remote_id, sent.remote_url) == (reply["id"], reply["url"])
    assert sent.sent_at == T0 and sent.attempts == 1 and sent.error == ""
    assert report.sent == (entry.id,) and report.mention_ids == (mention_id,)
    answered = shop.mention_row(mention_id)
    assert answered.first_response_at == T0.replace(tzinfo=None)
    assert answered.state == TriageState.DONE.value
    assert shop.outbox.draft_for(mention_id) is None  # sent replies are no draft
    assert shop.outbox.next_due() is None


def test_a_reply_to_a_followers_only_post_stays_followers_only_or_goes_direct(shop: Shop) -> None:
    private = shop.mention(shop.server.private_status)
    shop.outbox.send(private, "@aiko Thank you, we will check order 1234.")
    direct = shop.mention(shop.server.reply_status)
    shop.outbox.send(direct, "@aiko Please write to us directly.", direct=True)
    shop.outbox.send_due()
    assert [p.body["visibility"] for p in shop.posts()] == ["private", "direct"]


def test_a_mention_answered_before_keeps_its_first_response_time(shop: Shop) -> None:
    mention_id = shop.mention(shop.server.reply_status)
    earlier = datetime(2026, 12, 1, 8, 0)
    with shop.workspace.sessions.begin() as session:
        session.get(Mention, mention_id).first_response_at = earlier
    shop.outbox.send(mention_id, "@aiko One more thing: both are gluten free.")
    shop.outbox.send_due()
    assert shop.mention_row(mention_id).first_response_at == earlier


def test_a_500_then_success_gives_one_post_sent_with_the_same_key(shop: Shop) -> None:
    status = shop.server.reply_status
    mention_id = shop.mention(status)
    # The visibility lookup (GET /api/v1/statuses/:id) passes; the POST after it fails.
    shop.server.inject("500", path=STATUSES, after=1, times=1)
    entry = shop.outbox.send(mention_id, "@aiko Yes, two vegan dishes!")

    first = shop.outbox.send_due()
    waiting = shop.outbox.get(entry.id)
    assert first.retrying == (entry.id,) and first.sent == ()
    assert waiting is not None and waiting.state is OutboxState.QUEUED
    assert waiting.error == "ServerError" and waiting.attempts == 1
    assert waiting.due_at == T0 + FIRST_RETRY
    assert shop.outbox.next_due() == T0 + FIRST_RETRY
    assert shop.outbox.undo(entry.id) is None  # it has been tried: too late to take back

    shop.clock.advance(seconds=29)
    assert shop.outbox.send_due().changed == ()
    shop.clock.advance(seconds=1)
    second = shop.outbox.send_due()

    assert second.sent == (entry.id,)
    keys = [p.headers["idempotency-key"] for p in shop.posts()]
    assert keys == [entry.idempotency_key] * 2
    assert len(shop.shop_replies(status)) == 1
    assert shop.outbox.get(entry.id).attempts == 2  # type: ignore[union-attr]


class LosesFirstAnswer:
    """The server makes the post, but its answer never arrives (a 502 from a proxy)."""

    lost = 0

    def __init__(self, connector: Connector) -> None:
        self._connector = connector

    def send_reply(self, *args: Any, **kwargs: Any) -> Published:
        published = self._connector.send_reply(*args, **kwargs)
        if LosesFirstAnswer.lost == 0:
            LosesFirstAnswer.lost += 1
            raise ServerError("HTTP 502")
        return published

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connector, name)


def test_a_lost_answer_is_found_on_the_retry_even_after_the_server_forgot_the_key(
        shop: Shop) -> None:
    status = shop.server.reply_status
    mention_id = shop.mention(status)
    LosesFirstAnswer.lost = 0
    shop.wrap = LosesFirstAnswer
    entry = shop.outbox.send(mention_id, "@aiko Yes, two of them are vegan!")
    assert shop.outbox.send_due().retrying == (entry.id,)
    with shop.server.lock:
        shop.server.state.idempotent.clear()  # Mastodon keeps keys for an hour only
    shop.clock.advance(hours=2)

    assert shop.outbox.send_due().sent == (entry.id,)
    assert len(shop.posts()) == 1  # asked first, found it, sent nothing
    (reply,) = shop.shop_replies(status)
    assert shop.outbox.get(entry.id).remote_id == reply["id"]  # type: ignore[union-attr]


def test_429_waits_as_long_as_retry_after_says(shop: Shop) -> None:
    mention_id = shop.mention(shop.server.reply_status)
    shop.server.inject("429", path=STATUSES, after=1, times=1)  # the fake says Retry-After: 42
    entry = shop.outbox.send(mention_id, "@aiko Yes!")
    shop.outbox.send_due()
    waiting = shop.outbox.get(entry.id)
    assert waiting is not None and waiting.state is OutboxState.QUEUED
    assert waiting.error == "RateLimited" and waiting.due_at == T0 + timedelta(seconds=42)
    assert shop.outbox.next_due() == T0 + timedelta(seconds=42)

    shop.clock.advance(seconds=41)
    assert shop.outbox.send_due().changed == ()
    shop.clock.advance(seconds=1)
    assert shop.outbox.send_due().sent == (entry.id,)
    assert len(shop.shop_replies(shop.server.reply_status)) == 1


def test_a_rate_limit_holds_back_the_accounts_other_replies_too(shop: Shop) -> None:
    first = shop.outbox.send(shop.mention(shop.server.reply_status), "@aiko Yes!")
    second = shop.outbox.send(shop.mention(shop.server.japanese_status), "@yuki はい！")
    shop.server.inject("429", path=STATUSES, after=1, times=1)
    report = shop.outbox.send_due()
    assert report.retrying == (first.id,)
    assert len(shop.posts()) == 1  # the second was not tried against a server saying "wait"
    assert shop.outbox.get(second.id).due_at == T0 + timedelta(seconds=42)  # type: ignore[union-attr]
    assert shop.outbox.get(second.id).attempts == 0  # type: ignore[union-attr]


def test_401_fails_the_reply_and_the_account_needs_reconnecting(shop: Shop) -> None:
    mention_id = shop.mention(shop.server.reply_status)
    shop.server.inject("401", path=STATUSES)
    text = "@aiko Yes: the spring menu has two!"
    entry = shop.outbox.send(mention_id, text)
    report = shop.outbox.send_due()

    failed = shop.outbox.get(entry.id)
    assert report.failed == (entry.id,)
    assert failed is not None and failed.state is OutboxState.FAILED
    assert failed.error == "AuthExpired" and failed.text == text
    assert shop.accounts.get(shop.account.id).state is AccountState.NEEDS_RECONNECT
    assert shop.outbox.draft_for(mention_id) == failed  # shown again in the composer
    with pytest.raises(ReplyProblem) as caught:
        shop.outbox.send(mention_id, text)
    assert caught.value.code == "needs_reconnect"
    assert shop.posts() == []


def test_a_deleted_original_fails_with_the_text_kept_and_editable(shop: Shop) -> None:
    status = shop.server.reply_status
    mention_id = shop.mention(status)
    with shop.server.lock:
        del shop.server.state.statuses[status]
    text = "@aiko Yes, two vegan dishes!"
    entry = shop.outbox.send(mention_id, text)
    shop.outbox.send_due()

    failed = shop.outbox.get(entry.id)
    assert failed is not None and failed.state is OutboxState.FAILED
    assert (failed.error, failed.text) == ("NotFound", text)
    edited = shop.outbox.save_draft(mention_id, text + " See you soon.")
    assert edited.id == entry.id and edited.state is OutboxState.DRAFT
    assert edited.text == text + " See you soon." and edited.error == ""
    assert edited.idempotency_key != entry.idempotency_key  # a new reply, a new key
    assert shop.outbox.draft_for(mention_id) == edited


def test_undo_inside_the_window_sends_nothing(shop: Shop) -> None:
    mention_id = shop.mention(shop.server.reply_status)
    entry = shop.outbox.send(mention_id, "@aiko Yes!", delay=timedelta(seconds=5))
    assert entry.due_at == T0 + timedelta(seconds=5)
    assert shop.outbox.send_due().changed == ()  # not before the window has passed
    shop.clock.advance(seconds=3)

    undone = shop.outbox.undo(entry.id)
    assert undone is not None and undone.state is OutboxState.DRAFT
    assert undone.text == "@aiko Yes!" and undone.due_at is None
    shop.clock.advance(seconds=10)
    assert shop.outbox.send_due().changed == ()
    assert shop.outbox.next_due() is None
    assert shop.posts() == []
    assert shop.mention_row(mention_id).first_response_at is None


def test_undo_after_the_reply_left_is_too_late(shop: Shop) -> None:
    entry = shop.outbox.send(shop.mention(shop.server.reply_status), "@aiko Yes!")
    shop.outbox.send_due()
    assert shop.outbox.undo(entry.id) is None
    assert shop.outbox.get(entry.id).state is OutboxState.SENT  # type: ignore[union-attr]


class CrashesAfterSending:
    """The real request goes out and succeeds; then the process dies before recording it."""

    def __init__(self, connector: Connector) -> None:
        self._connector = connector

    def send_reply(self, *args: Any, **kwargs: Any) -> Published:
        self._connector.send_reply(*args, **kwargs)
        raise Crash

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connector, name)


def test_a_crash_after_the_post_was_made_is_reconciled_to_one_post(shop: Shop) -> None:
    status = shop.server.reply_status
    mention_id = shop.mention(status)
    shop.wrap = CrashesAfterSending
    entry = shop.outbox.send(mention_id, "@aiko Yes: the spring menu has two!")
    with pytest.raises(Crash):
        shop.outbox.send_due()
    assert shop.outbox.get(entry.id).state is OutboxState.SENDING  # type: ignore[union-attr]
    with shop.server.lock:
        shop.server.state.idempotent.clear()  # a long crash: the server forgot the key

    shop.wrap = lambda connector: connector  # the next start
    assert shop.outbox.reconcile() == [entry.id]

    (reply,) = shop.shop_replies(status)
    assert len(shop.posts()) == 1
    settled = shop.outbox.get(entry.id)
    assert settled is not None and settled.state is OutboxState.SENT
    assert settled.remote_id == reply["id"]
    assert shop.mention_row(mention_id).state == TriageState.DONE.value
    assert shop.outbox.reconcile() == []  # nothing is left sending


def test_a_crash_before_the_request_left_is_sent_at_the_next_start_with_its_key(
        shop: Shop) -> None:
    status = shop.server.reply_status
    entry = shop.outbox.send(shop.mention(status), "@aiko Yes!")
    with shop.workspace.sessions.begin() as session:  # claimed, then the power went
        session.execute(update(OutboxItem).where(OutboxItem.id == entry.id)
                        .values(state=OutboxState.SENDING.value, attempts=1))

    assert shop.outbox.reconcile() == [entry.id]
    (post,) = shop.posts()
    assert post.headers["idempotency-key"] == entry.idempotency_key
    assert len(shop.shop_replies(status)) == 1
    assert shop.outbox.get(entry.id).state is OutboxState.SENT  # type: ignore[union-attr]


# --- Checks before anything is queued --------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t\u3000"])
def test_empty_or_blank_text_is_not_sent(shop: Shop, text: str) -> None:
    mention_id = shop.mention(shop.server.reply_status)
    with pytest.raises(ReplyProblem) as caught:
        shop.outbox.send(mention_id, text)
    assert caught.value.code == "empty"
    assert shop.outbox.draft_for(mention_id) is None


def test_text_over_the_servers_limit_is_not_sent_and_says_by_how_much(shop: Shop) -> None:
    mention_id = shop.mention(shop.server.reply_status)
    shop.outbox.save_draft(mention_id, "a draft")
    text = "@aiko " + "あ" * 495  # 501 characters against the server's 500
    with pytest.raises(ReplyProblem) as caught:
        shop.outbox.send(mention_id, text)
    assert caught.value.code == "too_long"
    assert caught.value.count is not None and caught.value.count.over_by == 1
    draft = shop.outbox.draft_for(mention_id)
    assert draft is not None and draft.state is OutboxState.DRAFT and draft.text == "a draft"
    # Every URL counts as 23, however long: this one fits.
    fits = "@aiko " + "あ" * 470 + " https://example.shop/" + "x" * 200
    assert shop.outbox.send(mention_id, fits).state is OutboxState.QUEUED


def test_a_reply_on_its_way_cannot_be_changed_or_sent_twice(shop: Shop) -> None:
    mention_id = shop.mention(shop.server.reply_status)
    shop.outbox.send(mention_id, "@aiko Yes!", delay=timedelta(seconds=5))
    for attempt in (lambda: shop.outbox.send(mention_id, "@aiko Yes!!"),
                    lambda: shop.outbox.save_draft(mention_id, "@aiko Yes!!"),
                    lambda: shop.outbox.discard_draft(mention_id)):
        with pytest.raises(ReplyProblem) as caught:
            attempt()
        assert caught.value.code == "not_editable"


def test_a_removed_account_or_a_gone_mention_cannot_be_answered(shop: Shop) -> None:
    mention_id = shop.mention(shop.server.reply_status)
    with pytest.raises(ReplyProblem) as caught:
        shop.outbox.send(999_999, "hello")
    assert caught.value.code == "mention_gone"
    shop.accounts.remove(shop.account.id, keep_mentions=True)
    with pytest.raises(ReplyProblem) as caught:
        shop.outbox.send(mention_id, "@aiko Yes!")
    assert caught.value.code == "no_account"


def test_an_account_removed_while_a_reply_waits_fails_it_without_a_request(shop: Shop) -> None:
    entry = shop.outbox.send(shop.mention(shop.server.reply_status), "@aiko Yes!",
                             delay=timedelta(seconds=5))
    shop.accounts.remove(shop.account.id, keep_mentions=True)
    shop.clock.advance(seconds=5)
    assert shop.outbox.send_due().failed == (entry.id,)
    failed = shop.outbox.get(entry.id)
    assert failed is not None and failed.error == "AccountRemoved"
    assert failed.text == "@aiko Yes!"
    assert shop.posts() == []


# --- Drafts ----------------------------------------------------------------------------------


def test_one_draft_per_mention_saved_as_typed_and_discarded(shop: Shop) -> None:
    mention_id = shop.mention(shop.server.reply_status)
    first = shop.outbox.save_draft(mention_id, "@aiko Ye")
    second = shop.outbox.save_draft(mention_id, "@aiko Yes, two!", language="en")
    assert second.id == first.id and second.idempotency_key == first.idempotency_key
    assert (second.text, second.language, second.state) == ("@aiko Yes, two!", "en",
                                                            OutboxState.DRAFT)
    assert shop.outbox.entries([OutboxState.DRAFT]) == [second]
    queued = shop.outbox.send(mention_id, second.text)
    assert queued.id == first.id  # the draft itself goes out
    shop.outbox.undo(queued.id)
    shop.outbox.discard_draft(mention_id)
    assert shop.outbox.draft_for(mention_id) is None
    with pytest.raises(ReplyProblem) as caught:
        shop.outbox.save_draft(999_999, "hello")
    assert caught.value.code == "mention_gone"


# --- Back-off and cancelling, with a connector that only counts ------------------------------


class Flaky:
    """A connector that fails with the given errors in turn, then succeeds."""

    network = Network.MASTODON

    def __init__(self, *failures: Exception) -> None:
        self.failures = list(failures)
        self.sent: list[str] = []
        self.asked = 0
        self.closed = 0

    def find_reply(self, in_reply_to: str, idempotency_key: str, text: str) -> Published | None:
        self.asked += 1
        return None

    def send_reply(self, in_reply_to: str, text: str, *, idempotency_key: str,
                   direct: bool = False, language: str = "") -> Published:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append(text)
        return Published(remote_id=f"r{len(self.sent)}", remote_url="")

    def close(self) -> None:
        self.closed += 1


@dataclass
class Desk:
    workspace: Workspace
    accounts: AccountsService
    clock: Clock
    connector: Flaky
    mentions: list[int]

    def outbox(self) -> OutboxService:
        return OutboxService(self.workspace.sessions, self.accounts, lambda _a: self.connector,
                             clock=self.clock)


def desk(workspace: Workspace, connector: Flaky, mentions: int = 1) -> Desk:
    accounts = AccountsService(workspace.sessions, Credentials(MemoryKeyring()))
    account = accounts.save_connected(AccountInfo(
        network=Network.MASTODON, handle="@shop@example.social",
        server_url="https://example.social", capabilities=Capabilities(can_reply=True),
        text_rules=TextRules(max_graphemes=500, url_weight=23)), None)
    ids = []
    with workspace.sessions.begin() as session:
        for n in range(mentions):
            row = Mention(account_id=account.id, external_id=f"10{n}", kind="mention",
                          author_handle="@aoi@example.social", text="Where is my order?",
                          created_at=T0.replace(tzinfo=None), received_at=T0.replace(tzinfo=None))
            session.add(row)
            session.flush()
            ids.append(row.id)
    return Desk(workspace, accounts, Clock(), connector, ids)


def test_passing_failures_back_off_doubling_to_a_bound_then_fail(workspace: Workspace) -> None:
    connector = Flaky(*[ServerError("HTTP 503") for _ in range(MAX_ATTEMPTS)])
    shop = desk(workspace, connector)
    outbox = shop.outbox()
    entry = outbox.send(shop.mentions[0], "@aoi It left today.")
    waits = []
    for _ in range(MAX_ATTEMPTS - 1):
        outbox.send_due()
        due = outbox.next_due()
        assert due is not None
        waits.append(due - shop.clock.now)
        shop.clock.now = due
    assert waits[:4] == [FIRST_RETRY * 1, FIRST_RETRY * 2, FIRST_RETRY * 4, FIRST_RETRY * 8]
    assert max(waits) == MAX_BACKOFF and waits[-1] == MAX_BACKOFF
    assert outbox.send_due().failed == (entry.id,)  # the last try
    failed = outbox.get(entry.id)
    assert failed is not None and failed.state is OutboxState.FAILED
    assert (failed.error, failed.attempts) == ("ServerError", MAX_ATTEMPTS)
    assert connector.sent == [] and connector.asked == MAX_ATTEMPTS - 1  # each retry asked first


def test_a_cancelled_pass_stops_between_two_replies(workspace: Workspace) -> None:
    import threading

    shop = desk(workspace, Flaky(), mentions=3)
    outbox = shop.outbox()
    entries = [outbox.send(m, f"@aoi answer {m}") for m in shop.mentions]
    cancel = threading.Event()
    original = shop.connector.send_reply

    def send_then_quit(*args: Any, **kwargs: Any) -> Published:
        published = original(*args, **kwargs)
        cancel.set()  # the owner quits while the first reply is on its way
        return published

    shop.connector.send_reply = send_then_quit  # type: ignore[method-assign]
    report = outbox.send_due(cancel=cancel)
    assert report.sent == (entries[0].id,)
    assert [outbox.get(e.id).state for e in entries[1:]] == [OutboxState.QUEUED] * 2  # type: ignore[union-attr]
    assert shop.connector.closed == 1
    assert outbox.send_due().sent == (entries[1].id, entries[2].id)


def test_only_sends_just_the_replies_asked_for(workspace: Workspace) -> None:
    shop = desk(workspace, Flaky(), mentions=2)
    outbox = shop.outbox()
    first, second = (outbox.send(m, "@aoi Thanks!") for m in shop.mentions)
    assert outbox.send_due(only=[second.id]).sent == (second.id,)
    assert outbox.get(first.id).state is OutboxState.QUEUED  # type: ignore[union-attr]


def test_bluesky_has_no_direct_replies_and_feeds_none_at_all(workspace: Workspace) -> None:
    accounts = AccountsService(workspace.sessions, Credentials(MemoryKeyring()))
    outbox = OutboxService(workspace.sessions, accounts, lambda _a: Flaky(), clock=Clock())
    ids = {}
    for network, caps in ((Network.BLUESKY, Capabilities(can_reply=True)),
                          (Network.FEED, Capabilities())):
        account = accounts.save_connected(AccountInfo(
            network=network, handle=f"shop.{network.value}", server_url="https://example.com",
            capabilities=caps), None)
        with workspace.sessions.begin() as session:
            row = Mention(account_id=account.id, external_id=f"{network.value}-1", kind="mention",
                          text="hi", created_at=T0.replace(tzinfo=None),
                          received_at=T0.replace(tzinfo=None))
            session.add(row)
            session.flush()
            ids[network] = row.id
    with pytest.raises(ReplyProblem) as caught:
        outbox.send(ids[Network.BLUESKY], "Thank you!", direct=True)
    assert caught.value.code == "no_direct"
    with pytest.raises(ReplyProblem) as caught:
        outbox.send(ids[Network.BLUESKY], "あ" * 301)  # 300 graphemes on Bluesky
    assert caught.value.code == "too_long"
    with pytest.raises(ReplyProblem) as caught:
        outbox.send(ids[Network.FEED], "Thank you!")
    assert caught.value.code == "cannot_reply"
