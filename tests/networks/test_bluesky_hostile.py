"""Bad input from a Bluesky server must not crash a sync, stop it for good, or lose a mention.

The real local network never sends malformed JSON, null authors, 5 MB posts, looping cursors,
429s or a session that dies between two pages, so a fake on 127.0.0.1 does (the answers keep
the shapes of the lexicons). Each case checks what the owner would notice: which mentions
reach the inbox, and which error the Accounts screen gets.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fakes.bluesky_server import (
    NOTIFICATIONS,
    REFRESH,
    SEARCH,
    Answer,
    BlueskyFake,
    Request,
    bluesky_fake,
    iso,
)

from app.networks.bluesky import MAX_TEXT, BlueskySession
from app.networks.errors import AuthExpired, BadResponse, RateLimited

__all__ = ["bluesky_fake"]  # the fixture, used by name

NOW = datetime.now(UTC)
LOGGER = "app.networks.bluesky"


def texts(result: Any) -> list[str]:
    return [m.text for m in result.mentions]


def fetch(fake: BlueskyFake, what: str, cursor: dict[str, object] | None = None) -> Any:
    """One sync of either list, the way the sync service calls it."""
    connector = fake.connector()
    if what == "mentions":
        return connector.fetch_mentions(cursor or {})
    return connector.fetch_keywords(("maple",), cursor or {})


def add(fake: BlueskyFake, what: str, text: Any, **values: Any) -> dict[str, Any]:
    if what == "mentions":
        return fake.add_notification(text, **values)
    return fake.add_post(text, **values)


def items_of(fake: BlueskyFake, what: str) -> list[dict[str, Any]]:
    return fake.notifications if what == "mentions" else fake.posts


LISTS = pytest.mark.parametrize("what", ["mentions", "keywords"])
PATH = {"mentions": NOTIFICATIONS, "keywords": SEARCH}


@LISTS
@pytest.mark.parametrize("body", [
    b'{"notifications": [', b"<html>502 Bad Gateway</html>", b"", b"\xff\xfe\x00garbage",
    b"[1, 2, 3]", b'{"posts": null, "notifications": null}', b'{"posts": {}}',
    b"[" * 100_000 + b"]" * 100_000,  # nested deeper than any parser's stack
])
def test_an_unusable_page_is_an_error_and_nothing_is_lost(bluesky_fake: BlueskyFake,
                                                          what: str, body: bytes) -> None:
    add(bluesky_fake, what, "maple bread, first")
    bluesky_fake.routes[PATH[what]] = lambda request: Answer(body=body)
    with pytest.raises(BadResponse):
        fetch(bluesky_fake, what)
    # The server recovers: the next sync, from the same (unchanged) cursor, brings it all.
    del bluesky_fake.routes[PATH[what]]
    assert texts(fetch(bluesky_fake, what)) == ["maple bread, first"]


@LISTS
def test_broken_items_are_skipped_with_a_warning_and_the_rest_arrive(
        bluesky_fake: BlueskyFake, what: str, caplog: pytest.LogCaptureFixture) -> None:
    add(bluesky_fake, what, "maple: the good one before")
    broken = [
        None, "maple", 42, [],
        {"uri": None},
        {"uri": "https://not-an-at-uri/maple"},
        {"uri": "at://did:plc:x/app.bsky.feed.post/" + "y" * 5000},
    ]
    for hostile in ({"author": None}, {"author": {"did": None, "handle": None}},
                    {"record": None}, {"record": "maple"},
                    {"indexedAt": None, "record": {"text": "maple", "createdAt": None}},
                    {"indexedAt": "0001-01-01T00:00:00+14:00",
                     "record": {"text": "maple", "createdAt": "not a date"}}):
        item = add(bluesky_fake, what, "maple (to be broken)")
        item.update(hostile)
    odd = add(bluesky_fake, what, None)  # a post without text (images only): kept, empty
    odd["record"]["text"] = None
    nameless = add(bluesky_fake, what, "maple, and my name is null", handle=None)
    nameless["author"]["displayName"] = None
    add(bluesky_fake, what, "maple: the good one after")
    if what == "mentions":
        bluesky_fake.notifications[1:1] = broken  # among the rest, as a page would have them
    else:
        bluesky_fake.routes[SEARCH] = lambda request: Answer(body={"posts": [
            *sorted(bluesky_fake.posts, key=lambda p: str(p["indexedAt"]), reverse=True)[:1],
            *broken,
            *sorted(bluesky_fake.posts, key=lambda p: str(p["indexedAt"]), reverse=True)[1:]]})

    with caplog.at_level(logging.WARNING, LOGGER):
        result = fetch(bluesky_fake, what)

    assert texts(result) == ["maple: the good one before", "", "maple, and my name is null",
                             "maple: the good one after"]
    by_text = {m.text: m for m in result.mentions}
    assert by_text["maple, and my name is null"].author_handle.startswith("did:plc:")
    assert by_text["maple, and my name is null"].author_name
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) >= len(broken) + 6
    assert all("\n" not in r.getMessage() and len(r.getMessage()) < 300 for r in warnings)


@LISTS
def test_a_5_mb_post_is_kept_with_its_text_bounded(bluesky_fake: BlueskyFake, what: str
                                                   ) -> None:
    add(bluesky_fake, what, "maple " + "パ" * (5_000_000 // 3))  # 5 MB of UTF-8
    add(bluesky_fake, what, "maple, short")
    result = fetch(bluesky_fake, what)
    huge, short = result.mentions
    assert len(huge.text) == MAX_TEXT and huge.text.startswith("maple パパ")
    assert short.text == "maple, short"


@LISTS
def test_the_same_page_served_again_and_again_ends_the_read(bluesky_fake: BlueskyFake,
                                                            what: str) -> None:
    for n in range(3):
        add(bluesky_fake, what, f"maple {n}")
    key = "notifications" if what == "mentions" else "posts"

    def same_page(request: Request) -> Answer:  # a fresh cursor, the same items, forever
        items = sorted(items_of(bluesky_fake, what), key=lambda i: i["indexedAt"],
                       reverse=True)
        return Answer(body={key: items, "cursor": f"c{len(bluesky_fake.requests)}"})

    bluesky_fake.routes[PATH[what]] = same_page
    result = fetch(bluesky_fake, what)
    assert texts(result) == ["maple 0", "maple 1", "maple 2"]
    assert len(bluesky_fake.requests_to(PATH[what])) == 2


@LISTS
def test_a_cursor_that_goes_back_never_loops(bluesky_fake: BlueskyFake, what: str) -> None:
    for n in range(9):
        add(bluesky_fake, what, f"maple {n}")
    key = "notifications" if what == "mentions" else "posts"
    newest_first = sorted(items_of(bluesky_fake, what), key=lambda i: i["indexedAt"],
                          reverse=True)
    pages = {"": (newest_first[0:3], "p2"), "p2": (newest_first[3:6], "p3"),
             "p3": (newest_first[6:9], "p2")}  # back to page 2

    def backwards(request: Request) -> Answer:
        items, cursor = pages[request.one("cursor")]
        return Answer(body={key: items, "cursor": cursor})

    bluesky_fake.routes[PATH[what]] = backwards
    result = fetch(bluesky_fake, what)
    assert texts(result) == [f"maple {n}" for n in range(9)]
    assert [r.one("cursor") for r in bluesky_fake.requests_to(PATH[what])] == ["", "p2", "p3"]


@LISTS
def test_a_post_dated_in_the_future_is_kept_and_does_not_hide_later_ones(
        bluesky_fake: BlueskyFake, what: str) -> None:
    """Any client can write any createdAt. It is kept as sent (storage clamps what it shows);
    the next sync must still bring the posts made after it."""
    future = datetime(2100, 1, 1, tzinfo=UTC)
    add(bluesky_fake, what, "maple from 2100", created=future, indexed=future)
    items_of(bluesky_fake, what)[0]["indexedAt"] = iso(future)  # a server that lies, too
    first = fetch(bluesky_fake, what)
    assert [m.created_at for m in first.mentions] == [future]

    add(bluesky_fake, what, "maple, written later", created=datetime.now(UTC))
    if what == "mentions":  # the lying server keeps the 2100 notification on top
        bluesky_fake.notifications.sort(key=lambda n: n["indexedAt"], reverse=True)
    second = fetch(bluesky_fake, what, first.cursor)
    assert texts(second) == ["maple, written later"]


def test_a_backdated_post_does_not_cut_a_first_sync_short(bluesky_fake: BlueskyFake) -> None:
    """A first sync stops at `since` by the server's time, not by a createdAt anyone can
    write: the mentions below a backdated one still arrive."""
    bluesky_fake.add_notification("older, real", created=NOW - timedelta(days=2))
    backdated = bluesky_fake.add_notification("claims 2001", created=NOW - timedelta(hours=1))
    backdated["record"]["createdAt"] = "2001-01-01T00:00:00Z"
    bluesky_fake.add_notification("newest", created=NOW - timedelta(minutes=5))
    connector = bluesky_fake.connector()
    result = connector.fetch_mentions({}, since=NOW - timedelta(days=14))
    assert texts(result) == ["older, real", "claims 2001", "newest"]


@LISTS
def test_429_is_rate_limited_with_the_servers_wait(bluesky_fake: BlueskyFake, what: str
                                                   ) -> None:
    add(bluesky_fake, what, "maple")
    bluesky_fake.routes[PATH[what]] = lambda request: Answer(
        429, {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
        {"Retry-After": "120", "RateLimit-Limit": "3000", "RateLimit-Remaining": "0"})
    with pytest.raises(RateLimited) as raised:
        fetch(bluesky_fake, what)
    assert raised.value.retry_after == 120
    assert raised.value.transient
    assert len(bluesky_fake.requests_to(PATH[what])) == 1  # no hammering


def paged(fake: BlueskyFake, what: str, *, second_page: Answer | None) -> None:
    """Two pages; the second answered by `second_page` until the token is refreshed."""
    key = "notifications" if what == "mentions" else "posts"

    def serve(request: Request) -> Answer:
        newest_first = sorted(items_of(fake, what), key=lambda i: i["indexedAt"], reverse=True)
        if not request.one("cursor"):
            return Answer(body={key: newest_first[:2], "cursor": "2"})
        if second_page is not None and request.auth == "Bearer access-1":
            return second_page
        return Answer(body={key: newest_first[2:]})

    fake.routes[PATH[what]] = serve


@LISTS
@pytest.mark.parametrize("expired", [
    Answer(400, {"error": "ExpiredToken", "message": "Token has expired"}),
    Answer(401, {"error": "InvalidToken"}),
    Answer(401, b"Unauthorized"),
])
def test_a_session_ended_mid_sync_needs_reconnecting(bluesky_fake: BlueskyFake, what: str,
                                                     expired: Answer) -> None:
    for n in range(4):
        add(bluesky_fake, what, f"maple {n}")
    paged(bluesky_fake, what, second_page=expired)
    bluesky_fake.routes[REFRESH] = lambda request: Answer(
        400, {"error": "ExpiredToken", "message": "Token has been revoked"})
    saved: list[str] = []
    connector = bluesky_fake.connector(saved)
    with pytest.raises(AuthExpired):
        if what == "mentions":
            connector.fetch_mentions({})
        else:
            connector.fetch_keywords(("maple",), {})
    assert len(bluesky_fake.requests_to(REFRESH)) == 1  # one try, then the owner is asked
    assert saved == []


@LISTS
def test_an_access_token_expiring_mid_sync_is_refreshed_and_the_sync_goes_on(
        bluesky_fake: BlueskyFake, what: str) -> None:
    for n in range(4):
        add(bluesky_fake, what, f"maple {n}")
    paged(bluesky_fake, what,
          second_page=Answer(400, {"error": "ExpiredToken", "message": "Token has expired"}))
    bluesky_fake.routes[REFRESH] = lambda request: Answer(body={
        "did": "did:plc:shopmapledo2026aaaaaaaa", "handle": "maple-do.example",
        "accessJwt": "access-2", "refreshJwt": "refresh-2"})
    saved: list[str] = []
    connector = bluesky_fake.connector(saved)
    result = connector.fetch_mentions({}) if what == "mentions" else \
        connector.fetch_keywords(("maple",), {})
    assert texts(result) == [f"maple {n}" for n in range(4)]
    assert [BlueskySession.from_json(s).refresh_jwt for s in saved] == ["refresh-2"]
