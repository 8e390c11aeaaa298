"""Server-side scheduling against the Mastodon-like server on 127.0.0.1: a post at least five
minutes ahead is handed to the server at once (so it goes out with the computer off); moving it
moves it there, editing its text replaces it there, deleting the post deletes it there; a
refusal (422) is a clear error with nothing lost; and the next start learns what the server
published meanwhile. The server's clock is the test's clock: nothing sleeps."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fakes.mastodon_server import FakeMastodon
from keyrings import MemoryKeyring

from app.core.model import AccountSummary, OutboxState
from app.credentials import Credentials
from app.networks.http import Transport
from app.networks.mastodon import MastodonConnector
from app.services.accounts import AccountsService
from app.services.outbox import CHECK_AFTER, OutboxService
from app.services.posts import PostProblem, PostsService
from app.services.workspace import Workspace

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
TOKYO = ZoneInfo("Asia/Tokyo")
STATUSES = "/api/v1/statuses"


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Shop:
    server: FakeMastodon
    workspace: Workspace
    clock: Clock
    token: str
    accounts: AccountsService = field(init=False)
    account: AccountSummary = field(init=False)
    transports: list[Transport] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.accounts = AccountsService(self.workspace.sessions, Credentials(MemoryKeyring()))
        probe = self.connector()
        self.account = self.accounts.save_connected(probe.verify(), self.token)

    def connector(self, _account: object = None) -> MastodonConnector:
        transport = Transport(self.server.url, sleep=lambda _: None)
        self.transports.append(transport)
        return MastodonConnector(self.server.url, self.token, transport=transport)

    def posts(self) -> PostsService:
        return PostsService(self.workspace.sessions, self.accounts, self.connector,
                            clock=self.clock)

    def outbox(self) -> OutboxService:
        return OutboxService(self.workspace.sessions, self.accounts, self.connector,
                             clock=self.clock)

    def held(self) -> list[dict[str, Any]]:
        """What the server holds for later, oldest first."""
        with self.server.lock:
            return sorted(self.server.state.scheduled.values(), key=lambda s: int(s["id"]))

    def published(self) -> list[dict[str, Any]]:
        """The shop's top-level posts this test made."""
        return [s for s in self.server.shop_posts() if s["id"] != self.server.shop_post]

    def made(self, method: str, path: str = STATUSES) -> list[Any]:
        return self.server.made(method, path)


@pytest.fixture
def shop(workspace: Workspace, mastodon: FakeMastodon) -> Iterator[Shop]:
    clock = Clock()
    mastodon.clock = clock
    value = Shop(mastodon, workspace, clock, mastodon.issue_token())
    yield value
    for transport in value.transports:
        transport.close()
    assert not mastodon.errors, mastodon.errors[0]


def in_(hours: float = 0, **delta: float) -> datetime:
    return (T0 + timedelta(hours=hours, **delta)).astimezone(TOKYO)


def test_a_post_an_hour_ahead_is_handed_to_the_server_when_created(shop: Shop) -> None:
    record = shop.posts().create("冬季限定のシュトーレン、明日から販売します。", [shop.account.id],
                                 in_(1))

    (target,) = record.targets
    assert record.state is target.state is OutboxState.SCHEDULED
    (held,) = shop.held()
    assert target.remote_id == held["id"]
    assert held["scheduled_at"] == "2026-12-02T10:00:00.000Z"
    assert held["params"]["text"] == "冬季限定のシュトーレン、明日から販売します。"
    assert held["params"]["language"] == "ja"
    (request,) = shop.made("POST")
    key = shop.outbox().get(target.entry_id).idempotency_key  # type: ignore[union-attr]
    assert request.headers["idempotency-key"] == key
    assert request.body["scheduled_at"] == "2026-12-02T10:00:00Z"
    # Nothing left for the app to do until its time has passed.
    assert shop.outbox().next_due() == T0 + timedelta(hours=1) + CHECK_AFTER


def test_closer_than_five_minutes_the_app_keeps_it_and_publishes_it_itself(shop: Shop) -> None:
    outbox = shop.outbox()
    record = shop.posts().create("Doors open in a few minutes!", [shop.account.id],
                                 in_(0, minutes=4))
    assert record.state is OutboxState.QUEUED and shop.made("POST") == []
    shop.clock.advance(minutes=4)
    assert len(outbox.send_due().sent) == 1
    (post,) = shop.published()
    assert post["content"] == "<p>Doors open in a few minutes!</p>"
    assert "scheduled_at" not in shop.made("POST")[0].body


def test_moving_it_moves_it_on_the_server(shop: Shop) -> None:
    posts = shop.posts()
    record = posts.create("Market day!", [shop.account.id], in_(1))
    held_id = record.targets[0].remote_id

    moved = posts.reschedule(record.id, in_(26))

    assert moved.state is OutboxState.SCHEDULED and moved.targets[0].remote_id == held_id
    (put,) = shop.made("PUT", f"/api/v1/scheduled_statuses/{held_id}")
    assert put.body == {"scheduled_at": "2026-12-03T11:00:00Z"}
    (held,) = shop.held()
    assert held["scheduled_at"] == "2026-12-03T11:00:00.000Z"
    assert len(shop.made("POST")) == 1  # the same post, moved: not a new one


def test_moving_it_too_close_takes_it_back_from_the_server(shop: Shop) -> None:
    posts, outbox = shop.posts(), shop.outbox()
    record = posts.create("Market day!", [shop.account.id], in_(1))
    shop.clock.advance(minutes=50)
    moved = posts.reschedule(record.id, in_(0, minutes=53))
    assert moved.state is OutboxState.QUEUED and shop.held() == []
    assert len(shop.made("DELETE", f"/api/v1/scheduled_statuses/{record.targets[0].remote_id}")
               ) == 1
    shop.clock.advance(minutes=3)
    outbox.send_due()
    assert [p["content"] for p in shop.published()] == ["<p>Market day!</p>"]


def test_editing_its_text_replaces_it_on_the_server_with_a_new_key(shop: Shop) -> None:
    posts, outbox = shop.posts(), shop.outbox()
    record = posts.create("Market day on Saturday", [shop.account.id], in_(1))
    old = shop.held()[0]

    edited = posts.update(record.id, "Market day on Sunday", [shop.account.id], in_(1))

    (held,) = shop.held()
    assert held["id"] != old["id"] and held["params"]["text"] == "Market day on Sunday"
    assert held["params"]["idempotency"] != old["params"]["idempotency"]
    assert edited.state is OutboxState.SCHEDULED and edited.targets[0].remote_id == held["id"]
    assert len(shop.made("DELETE", f"/api/v1/scheduled_statuses/{old['id']}")) == 1
    # At its time the server publishes the new text, once; the app learns it at its next look.
    shop.clock.advance(hours=1)
    shop.server.publish_due()
    shop.clock.advance(minutes=1)
    assert outbox.send_due().sent == (edited.targets[0].entry_id,)
    (post,) = shop.published()
    assert post["content"] == "<p>Market day on Sunday</p>"
    done = posts.get(record.id).targets[0]
    assert (done.state, done.remote_id, done.remote_url) == (OutboxState.SENT, post["id"],
                                                             post["url"])


def test_deleting_the_post_deletes_it_on_the_server(shop: Shop) -> None:
    posts = shop.posts()
    record = posts.create("Market day!", [shop.account.id], in_(1))
    posts.delete(record.id)
    assert shop.held() == []
    shop.clock.advance(hours=2)
    shop.server.publish_due()
    assert shop.published() == []


def test_saving_it_as_a_draft_takes_it_back_from_the_server(shop: Shop) -> None:
    posts = shop.posts()
    record = posts.create("Market day!", [shop.account.id], in_(1))
    draft = posts.update(record.id, "Market day!", [shop.account.id], in_(1), draft=True)
    assert draft.state is OutboxState.DRAFT and shop.held() == []


def test_a_422_from_the_server_fails_the_target_clearly_and_keeps_everything(
        shop: Shop) -> None:
    shop.server.scheduled_daily_limit = 1
    posts, outbox = shop.posts(), shop.outbox()
    posts.create("Morning post", [shop.account.id], in_(1))

    refused = posts.create("Evening post", [shop.account.id], in_(8))

    (target,) = refused.targets
    assert (refused.state, target.state, target.error) == (OutboxState.FAILED,
                                                           OutboxState.FAILED, "Rejected")
    assert refused.text == "Evening post" and len(shop.held()) == 1  # nothing lost, no copy
    assert outbox.next_due() == T0 + timedelta(hours=1) + CHECK_AFTER  # not tried again

    moved = posts.reschedule(refused.id, in_(30))  # the next day has room
    assert moved.state is OutboxState.SCHEDULED and len(shop.held()) == 2


def test_a_server_that_is_down_when_the_post_is_made_gets_it_on_the_next_pass(
        shop: Shop) -> None:
    shop.server.inject("500", path=STATUSES, times=1)
    posts, outbox = shop.posts(), shop.outbox()
    record = posts.create("Market day!", [shop.account.id], in_(1))
    assert record.state is OutboxState.QUEUED and record.targets[0].error == "ServerError"
    shop.clock.advance(seconds=30)
    assert outbox.send_due().scheduled == (record.targets[0].entry_id,)
    assert len(shop.held()) == 1 and posts.get(record.id).state is OutboxState.SCHEDULED


def test_moving_it_when_the_server_cannot_be_reached_changes_nothing(shop: Shop) -> None:
    posts = shop.posts()
    record = posts.create("Market day!", [shop.account.id], in_(1))
    shop.server.inject("500", path="/api/v1/scheduled_statuses")
    with pytest.raises(PostProblem) as caught:
        posts.reschedule(record.id, in_(5))
    assert (caught.value.code, caught.value.kind) == ("server", "ServerError")
    assert caught.value.handle == shop.account.handle
    kept = posts.get(record.id)
    assert kept.scheduled_at == T0 + timedelta(hours=1) and kept.state is OutboxState.SCHEDULED
    with pytest.raises(PostProblem):
        posts.delete(record.id)
    assert len(shop.held()) == 1 and posts.get(record.id).targets


def test_the_next_start_learns_what_the_server_published_while_the_app_was_closed(
        shop: Shop) -> None:
    posts = shop.posts()
    record = posts.create("Happy holidays!", [shop.account.id], in_(1))
    shop.clock.advance(hours=10)
    shop.server.publish_due()  # the computer was off; the server did it on time

    settled = shop.outbox().reconcile()

    assert settled == [record.targets[0].entry_id]
    (post,) = shop.published()
    done = posts.get(record.id)
    assert done.state is OutboxState.SENT and posts.missed() == []
    assert (done.targets[0].remote_id, done.targets[0].remote_url) == (post["id"], post["url"])
    assert done.targets[0].sent_at == T0 + timedelta(hours=1)


def test_a_server_running_late_is_asked_again_later_not_every_minute(shop: Shop) -> None:
    posts, outbox = shop.posts(), shop.outbox()
    record = posts.create("Happy holidays!", [shop.account.id], in_(1))
    shop.clock.advance(hours=1, minutes=30)  # past its time; the server has not published yet
    assert outbox.send_due().changed == ()
    assert posts.get(record.id).state is OutboxState.SCHEDULED
    assert outbox.next_due() == shop.clock() + timedelta(minutes=30)
    shop.server.publish_due(T0 + timedelta(hours=1, minutes=40))
    shop.clock.advance(minutes=30)
    assert outbox.send_due().sent == (record.targets[0].entry_id,)


def test_a_post_the_server_published_that_cannot_be_found_is_sent_without_a_link(
        shop: Shop) -> None:
    posts = shop.posts()
    record = posts.create("Happy holidays!", [shop.account.id], in_(1))
    with shop.server.lock:
        shop.server.state.scheduled.clear()  # gone from the schedule, and no status to show
    shop.clock.advance(hours=2)
    shop.outbox().reconcile()
    done = posts.get(record.id).targets[0]
    assert (done.state, done.remote_id, done.remote_url) == (OutboxState.SENT, "", "")


def test_a_lost_answer_while_handing_it_to_the_server_leaves_one_scheduled_copy(
        shop: Shop) -> None:
    from sqlalchemy import update

    from app.storage.models import OutboxItem

    # The server takes the post, but the app dies before it writes down the answer.
    shop.server.inject("500", path=STATUSES, times=1)
    posts = shop.posts()
    record = posts.create("Market day!", [shop.account.id], in_(1))
    entry_id = record.targets[0].entry_id
    key = shop.outbox().get(entry_id).idempotency_key  # type: ignore[union-attr]
    with shop.server.lock:  # as if the first try had gone through
        shop.server.state.ids.scheduled += 1
        shop.server.state.scheduled["1"] = {
            "id": "1", "scheduled_at": "2026-12-02T10:00:00.000Z", "media_attachments": [],
            "params": {"text": "Market day!", "idempotency": key, "visibility": "public",
                       "in_reply_to_id": None, "language": "en"}}
    with shop.workspace.sessions.begin() as session:
        session.execute(update(OutboxItem).where(OutboxItem.id == entry_id)
                        .values(state=OutboxState.SENDING.value))

    assert shop.outbox().reconcile() == [entry_id]

    assert [h["id"] for h in shop.held()] == ["1"]
    again = posts.get(record.id).targets[0]
    assert (again.state, again.remote_id) == (OutboxState.SCHEDULED, "1")
