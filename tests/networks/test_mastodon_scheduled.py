"""Mastodon's scheduled statuses through the connector, against the Mastodon-like server: made,
moved (PUT), deleted, found again by their idempotency key or, once published, by their text;
and the networks that cannot schedule say so."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fakes.mastodon_server import FakeMastodon

from app.networks.bluesky import BlueskyConnector, BlueskySession
from app.networks.errors import NotFound, NotSupported, Rejected
from app.networks.feed import FeedConnector
from app.networks.mastodon import MastodonConnector

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def clocked(server: FakeMastodon) -> FakeMastodon:
    server.clock = lambda: NOW
    return server


def test_publish_with_a_time_makes_a_scheduled_status_in_its_language(
        clocked: FakeMastodon, connector: MastodonConnector) -> None:
    held = connector.publish("明日は臨時休業です", idempotency_key="k-1", language="ja",
                             scheduled_at=NOW + timedelta(hours=2))
    assert held.scheduled and held.remote_url == ""
    stored = clocked.state.scheduled[held.remote_id]
    assert stored["params"]["language"] == "ja" and stored["params"]["idempotency"] == "k-1"
    (sent,) = clocked.made("POST", "/api/v1/statuses")
    assert sent.body == {"status": "明日は臨時休業です", "visibility": "public", "language": "ja",
                         "scheduled_at": "2026-12-02T11:00:00Z"}


def test_reschedule_moves_it_and_refuses_less_than_five_minutes_ahead(
        clocked: FakeMastodon, connector: MastodonConnector) -> None:
    held = connector.publish("Sale", idempotency_key="k-1", scheduled_at=NOW + timedelta(hours=2))
    moved = connector.reschedule(held.remote_id, NOW + timedelta(days=1))
    assert moved == held
    assert clocked.state.scheduled[held.remote_id]["scheduled_at"] == "2026-12-03T09:00:00.000Z"
    with pytest.raises(Rejected):
        connector.reschedule(held.remote_id, NOW + timedelta(minutes=4))
    assert clocked.state.scheduled[held.remote_id]["scheduled_at"] == "2026-12-03T09:00:00.000Z"


def test_cancel_deletes_it_and_then_it_is_not_found(clocked: FakeMastodon,
                                                    connector: MastodonConnector) -> None:
    held = connector.publish("Sale", idempotency_key="k-1", scheduled_at=NOW + timedelta(hours=2))
    connector.cancel_scheduled(held.remote_id)
    assert clocked.state.scheduled == {}
    with pytest.raises(NotFound):
        connector.cancel_scheduled(held.remote_id)
    with pytest.raises(NotFound):
        connector.reschedule(held.remote_id, NOW + timedelta(hours=3))


def test_find_post_finds_a_scheduled_one_by_its_key_across_pages(
        clocked: FakeMastodon, connector: MastodonConnector) -> None:
    wanted = connector.publish("The one", idempotency_key="k-wanted",
                               scheduled_at=NOW + timedelta(hours=1))
    clocked.scheduled_daily_limit = 100
    for n in range(45):  # the wanted one is on the second page, newest first
        connector.publish(f"Other {n}", idempotency_key=f"k-{n}",
                          scheduled_at=NOW + timedelta(hours=2, minutes=n))
    since = NOW - timedelta(minutes=2)
    assert connector.find_post("k-wanted", "The one", since=since) == wanted
    assert len(clocked.made("GET", "/api/v1/scheduled_statuses")) == 2
    assert connector.find_post("k-never", "The one", since=since) is None
    # By its id, when the outbox knows it: one request.
    assert connector.find_post("k-wanted", "The one", since=since,
                               scheduled_id=wanted.remote_id) == wanted


def test_find_post_finds_a_published_one_by_its_text_since_its_time(
        clocked: FakeMastodon, connector: MastodonConnector) -> None:
    held = connector.publish("Happy  holidays @aiko@other.example", idempotency_key="k-1",
                             scheduled_at=NOW + timedelta(hours=1))
    (status,) = clocked.publish_due(NOW + timedelta(hours=1))
    found = connector.find_post("k-1", "Happy holidays @aiko@other.example",
                                since=NOW + timedelta(minutes=58), scheduled_id=held.remote_id)
    assert found is not None and not found.scheduled
    assert (found.remote_id, found.remote_url) == (status["id"], status["url"])
    # The same words posted before `since` are another post, not this one.
    assert connector.find_post("k-1", "Happy holidays @aiko@other.example",
                               since=NOW + timedelta(hours=2), scheduled_id=held.remote_id) is None


def test_networks_without_scheduling_say_so() -> None:
    feed = FeedConnector("https://example.com/feed.xml")
    try:
        with pytest.raises(NotSupported):
            feed.reschedule("1", NOW)
        with pytest.raises(NotSupported):
            feed.cancel_scheduled("1")
        assert feed.find_post("k", "text", since=NOW) is None
    finally:
        feed.close()


def test_bluesky_cannot_move_or_cancel_a_scheduled_post() -> None:
    session = BlueskySession(did="did:plc:shop", handle="shop.example",
                             pds_url="http://127.0.0.1:9", access_jwt="a", refresh_jwt="r")
    connector = BlueskyConnector(session, on_secret_changed=lambda _s: None)
    try:  # refused before any request (nothing listens on port 9)
        with pytest.raises(NotSupported):
            connector.reschedule("at://did:plc:shop/app.bsky.feed.post/y", NOW)
        with pytest.raises(NotSupported):
            connector.cancel_scheduled("at://did:plc:shop/app.bsky.feed.post/y")
    finally:
        connector.close()
