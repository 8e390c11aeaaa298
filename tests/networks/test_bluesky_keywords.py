"""Listening on Bluesky (fetch_keywords over app.bsky.feed.searchPosts) against a fake on
127.0.0.1 that filters like the documented API: `since` on the sortAt, `lang`, newest first.

The local dev network does index searchPosts, but as a case-sensitive substring match that
ignores `since` and `lang`, so what a shop sees with those (a Japanese-only search, the 14-day
first pass) is checked here; test_bluesky_network.py runs the same flow on the real servers.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from fakes.bluesky_server import SEARCH, SHOP_DID, Answer, BlueskyFake, Request, bluesky_fake

from app.core.model import MentionKind
from app.networks.bluesky import (
    CAPABILITIES,
    KEYWORD_BACKFILL,
    MAX_TERMS,
    OVERLAP,
    SEARCH_MAX_PAGES,
    SEARCH_PAGE_SIZE,
)

__all__ = ["bluesky_fake"]  # the fixture, used by name

NOW = datetime.now(UTC)


def texts(result: object) -> list[str]:
    return [m.text for m in result.mentions]  # type: ignore[attr-defined]


def test_bluesky_can_listen() -> None:
    assert CAPABILITIES.can_listen


def test_a_first_pass_looks_back_14_days_for_the_newest_posts(bluesky_fake: BlueskyFake
                                                               ) -> None:
    bluesky_fake.add_post("Old news about Maple croissants", created=NOW - timedelta(days=20))
    bluesky_fake.add_post("Maple croissants sold out by 9", created=NOW - timedelta(days=2))
    bluesky_fake.add_post("Queue at Maple croissants again", created=NOW - timedelta(hours=1))
    bluesky_fake.add_post("Nothing to see here", created=NOW - timedelta(hours=1))
    connector = bluesky_fake.connector()

    result = connector.fetch_keywords(("Maple croissants",), {})

    assert texts(result) == ["Maple croissants sold out by 9",
                             "Queue at Maple croissants again"]  # oldest first
    assert {m.kind for m in result.mentions} == {MentionKind.KEYWORD}
    (request,) = bluesky_fake.requests_to(SEARCH)
    assert request.one("q") == "Maple croissants"
    assert request.one("sort") == "latest"
    assert request.one("limit") == str(SEARCH_PAGE_SIZE)
    assert "lang" not in request.query
    since = datetime.fromisoformat(request.one("since").replace("Z", "+00:00"))
    assert abs(since - (NOW - KEYWORD_BACKFILL)) < timedelta(minutes=1)


def test_a_japanese_search_asks_for_japanese_posts(bluesky_fake: BlueskyFake) -> None:
    bluesky_fake.add_post("メープル堂のパン最高", langs=["ja"])
    bluesky_fake.add_post("メープル堂 is great", langs=["en"])
    connector = bluesky_fake.connector()

    result = connector.fetch_keywords(("メープル堂",), {}, language="ja")

    assert texts(result) == ["メープル堂のパン最高"]
    assert result.mentions[0].language == "ja"
    assert bluesky_fake.requests_to(SEARCH)[0].one("lang") == "ja"


def test_a_post_arrives_once_and_the_next_pass_brings_only_new_posts(
        bluesky_fake: BlueskyFake) -> None:
    both = bluesky_fake.add_post("#maplebakery croissant heaven")
    bluesky_fake.add_post("best croissant in town")
    bluesky_fake.add_post("#maplebakery opening hours?")
    connector = bluesky_fake.connector()

    first = connector.fetch_keywords(("croissant", "#maplebakery"), {})
    assert texts(first) == ["#maplebakery croissant heaven", "best croissant in town",
                            "#maplebakery opening hours?"]  # the post matching both: once
    assert [m.external_id for m in first.mentions].count(both["uri"]) == 1
    assert set(first.cursor["terms"]) == {"croissant", "#maplebakery"}

    again = connector.fetch_keywords(("croissant", "#maplebakery"), first.cursor)
    assert again.mentions == ()
    assert again.cursor == first.cursor

    # A later pass asks only from the newest post read (less the overlap for late posts).
    croissant_requests = [r for r in bluesky_fake.requests_to(SEARCH)
                          if r.one("q") == "croissant"]
    newest = max(parse_time(p["indexedAt"]) for p in bluesky_fake.posts
                 if "croissant" in p["record"]["text"])
    assert parse_time(croissant_requests[-1].one("since")) == newest - OVERLAP

    newer = bluesky_fake.add_post("croissant delivery?", created=NOW)
    third = connector.fetch_keywords(("croissant", "#maplebakery"), again.cursor)
    assert [m.external_id for m in third.mentions] == [newer["uri"]]


def parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def test_terms_no_longer_watched_are_dropped_from_the_cursor(bluesky_fake: BlueskyFake
                                                             ) -> None:
    bluesky_fake.add_post("croissant")
    bluesky_fake.add_post("stollen")
    connector = bluesky_fake.connector()
    first = connector.fetch_keywords(("croissant", "stollen"), {})
    second = connector.fetch_keywords(("stollen",), first.cursor)
    assert set(second.cursor["terms"]) == {"stollen"}
    assert second.mentions == ()
    # Watching it again later starts a first pass for it: its posts come again (storage
    # keeps each once), nothing is missed.
    third = connector.fetch_keywords(("stollen", "croissant"), second.cursor)
    assert texts(third) == ["croissant"]


def test_the_shops_own_posts_are_not_keyword_hits(bluesky_fake: BlueskyFake) -> None:
    bluesky_fake.add_post("Our croissants are back", did=SHOP_DID, handle="maple-do.example")
    bluesky_fake.add_post("Their croissants are back!")
    result = bluesky_fake.connector().fetch_keywords(("croissants",), {})
    assert texts(result) == ["Their croissants are back!"]


def test_a_post_indexed_late_still_arrives_once(bluesky_fake: BlueskyFake) -> None:
    """createdAt comes from the poster's clock: a post can sort below one already read."""
    bluesky_fake.add_post("croissant A", created=NOW - timedelta(minutes=2))
    connector = bluesky_fake.connector()
    first = connector.fetch_keywords(("croissant",), {})
    late = bluesky_fake.add_post("croissant B", created=NOW - timedelta(minutes=6))
    second = connector.fetch_keywords(("croissant",), first.cursor)
    assert [m.external_id for m in second.mentions] == [late["uri"]]
    assert connector.fetch_keywords(("croissant",), second.cursor).mentions == ()


def test_changing_the_language_starts_the_term_afresh(bluesky_fake: BlueskyFake) -> None:
    bluesky_fake.add_post("croissant en anglais", langs=["en"])
    bluesky_fake.add_post("croissant 日本語", langs=["ja"])
    connector = bluesky_fake.connector()
    japanese = connector.fetch_keywords(("croissant",), {}, language="ja")
    assert texts(japanese) == ["croissant 日本語"]
    assert japanese.cursor["terms"]["croissant"]["lang"] == "ja"
    any_language = connector.fetch_keywords(("croissant",), japanese.cursor)
    assert sorted(texts(any_language)) == ["croissant en anglais", "croissant 日本語"]
    assert "lang" not in bluesky_fake.requests_to(SEARCH)[-1].query


def test_pages_are_followed_and_bounded(bluesky_fake: BlueskyFake) -> None:
    total = SEARCH_PAGE_SIZE * (SEARCH_MAX_PAGES + 2)
    for n in range(total):
        bluesky_fake.add_post(f"croissant {n}", created=NOW - timedelta(days=3, seconds=-n))
    result = bluesky_fake.connector().fetch_keywords(("croissant",), {})
    assert len(bluesky_fake.requests_to(SEARCH)) == SEARCH_MAX_PAGES
    assert len(result.mentions) == SEARCH_PAGE_SIZE * SEARCH_MAX_PAGES
    assert texts(result)[-1] == f"croissant {total - 1}"  # the newest ones, oldest first


def test_a_refused_term_does_not_stop_the_others(bluesky_fake: BlueskyFake,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    bluesky_fake.add_post("croissant")
    served = bluesky_fake.search

    def search(request: Request) -> Answer:
        if request.one("q") == "a AND (":
            return Answer(400, {"error": "BadQueryString", "message": "bad syntax"})
        return Answer(body=served(request))

    bluesky_fake.routes[SEARCH] = search
    with caplog.at_level(logging.WARNING, "app.networks.bluesky"):
        result = bluesky_fake.connector().fetch_keywords(("a AND (", "croissant"), {})
    assert texts(result) == ["croissant"]
    assert "BadQueryString" in caplog.text
    assert set(result.cursor["terms"]) == {"croissant"}


def test_terms_are_trimmed_deduplicated_and_bounded(bluesky_fake: BlueskyFake) -> None:
    terms = ("  croissant ", "croissant", "", "   ", "x" * 1000,
             *(f"term{n}" for n in range(MAX_TERMS + 10)))
    bluesky_fake.connector().fetch_keywords(terms, {})
    asked = [r.one("q") for r in bluesky_fake.requests_to(SEARCH)]
    assert asked[0] == "croissant"
    assert len(asked) == MAX_TERMS
    assert len(set(asked)) == len(asked)


def test_no_terms_asks_nothing(bluesky_fake: BlueskyFake) -> None:
    result = bluesky_fake.connector().fetch_keywords((), {"terms": {"old": {}}})
    assert result.mentions == () and result.cursor == {"terms": {}}
    assert bluesky_fake.requests == []
