"""Feeds that would break a naive reader: broken UTF-8, scripts and trackers in entries, a
5 MB entry, the same feed twice, odd dates. Served over real sockets by tests/fakes."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from fakes.feed_server import (
    COMMENTS_PATH,
    FeedServer,
    Route,
    broken_utf8_rss,
    feed_server,
    hostile_html_atom,
    huge_entry_rss,
    wordpress_comment_item,
    wordpress_comments_rss,
)

from app.networks.feed import MAX_HTML_CHARS, MAX_TEXT_CHARS, FeedConnector
from app.networks.http import Transport

__all__ = ["feed_server"]  # the fixture, used by name

RSS = "application/rss+xml; charset=UTF-8"


def connector(server: FeedServer, path: str) -> FeedConnector:
    return FeedConnector(server.url(path), transport=Transport(server.url("/"),
                                                               sleep=lambda s: None))


def test_listening_on_a_feed_is_the_feed_itself(feed_server: FeedServer) -> None:
    feed = connector(feed_server, COMMENTS_PATH)
    assert not feed.capabilities.can_listen
    result = feed.fetch_keywords(("refund", "返金"), {}, language="ja")
    assert result.mentions == ()
    assert feed_server.requests == []  # nothing asked


def test_broken_utf8_keeps_every_entry_readable(feed_server: FeedServer) -> None:
    """One bad byte must not make feedparser re-read the whole feed as Latin-2."""
    for path, content_type, declare in [
        ("/declared-both", RSS, True),
        ("/declared-in-xml", "application/rss+xml", True),
        ("/undeclared", "application/rss+xml", False),
    ]:
        feed_server.set(path, Route(body=broken_utf8_rss(declare=declare),
                                    content_type=content_type))
        mentions = connector(feed_server, path).fetch_mentions({}).mentions
        assert [m.external_id for m in mentions] == ["c-1", "c-2", "c-3"], path
        first, broken, last = mentions
        assert first.text == "田中より\n\nシュトーレンの予約をお願いします。", path
        assert last.text == "鈴木より\n\n返金はできますか？", path
        assert broken.text.startswith("壊れた文") and "\ufffd" in broken.text, path
        assert broken.text.endswith("文字化けのコメント"), path


def test_a_legacy_charset_feed_is_not_mistaken_for_broken_utf8(feed_server: FeedServer
                                                                ) -> None:
    body = ('<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel>'
            "<title>Café</title><item><guid>1</guid><title>Crème brûlée</title></item>"
            "</channel></rss>").encode("cp1252")
    feed_server.set("/latin", Route(body=body, content_type="text/xml"))
    (item,) = connector(feed_server, "/latin").fetch_mentions({}).mentions
    assert item.text == "Crème brûlée"


def test_scripts_styles_trackers_and_javascript_links_stay_out(feed_server: FeedServer
                                                               ) -> None:
    feed_server.set("/hostile.atom", Route(body=hostile_html_atom(),
                                           content_type="application/atom+xml"))
    mentions = {m.external_id: m for m in
                connector(feed_server, "/hostile.atom").fetch_mentions({}).mentions}
    review, inline = mentions["urn:reviews:1"], mentions["urn:reviews:2"]

    # What the owner reads: the words, never the code.
    assert review.text.startswith("Great stollen\n\nLoved the stollen!")
    assert "Call us: here\nour shop" in review.text
    assert inline.text == "Inline\n\nNice staff."
    for item in (review, inline):
        for code in ("alert", "document.cookie", "evil.example", "display", "color: red",
                     "tracker.example", "{"):
            assert code not in item.text, (item.external_id, code)
        # The markup kept for the inbox (which sanitizes it again with nh3) holds no script,
        # no event handler, no javascript: link and no inline style.
        for code in ("<script", "javascript:", "onerror", "<style", "style=", "<iframe"):
            assert code not in item.html.lower(), (item.external_id, code)
    assert review.url == "https://reviews.example/1"
    assert inline.url == ""  # a javascript: entry link is not offered to the browser
    assert [r.path for r in feed_server.requests] == ["/hostile.atom"]  # nothing else fetched


def test_entries_with_odd_dates_arrive_with_the_fetch_time(feed_server: FeedServer) -> None:
    feed_server.set("/hostile.atom", Route(body=hostile_html_atom(),
                                           content_type="application/atom+xml"))
    before = datetime.now(UTC)
    mentions = connector(feed_server, "/hostile.atom").fetch_mentions({}).mentions
    odd = next(m for m in mentions if m.external_id == "urn:reviews:3")
    assert before <= odd.created_at <= datetime.now(UTC) + timedelta(seconds=1)
    assert odd.text == "No date, odd date\n\nPlain summary"


def test_a_5_mb_entry_is_kept_bounded_and_the_rest_arrive(feed_server: FeedServer) -> None:
    feed_server.set("/huge-entry", Route(body=huge_entry_rss(), content_type=RSS))
    started = time.monotonic()
    mentions = connector(feed_server, "/huge-entry").fetch_mentions({}).mentions
    assert time.monotonic() - started < 10
    huge, short = mentions
    assert huge.text.startswith("Long\n\nとても長いコメント。")
    assert len(huge.text) == MAX_TEXT_CHARS
    assert len(huge.html) <= MAX_HTML_CHARS
    assert short.text == "Short\n\nThanks!"


def test_the_same_feed_served_twice_gives_the_same_items(feed_server: FeedServer) -> None:
    """A host without ETag or Last-Modified answers in full every time: the ids must match so
    the inbox stores each item once; an item repeated inside one answer comes once."""
    repeated = wordpress_comment_item(50, "Aiko", "二回目", "Fri, 20 Nov 2026 08:00:00 +0000")
    feed_server.set("/again", Route(body=wordpress_comments_rss(repeated + repeated),
                                    content_type=RSS))
    feed = connector(feed_server, "/again")
    first = feed.fetch_mentions({})
    second = feed.fetch_mentions(first.cursor)
    ids = [m.external_id for m in first.mentions]
    assert len(ids) == len(set(ids)) == 3
    assert [m.external_id for m in second.mentions] == ids
    assert [m.text for m in second.mentions] == [m.text for m in first.mentions]


def test_a_feed_cut_off_mid_entry_still_gives_the_complete_ones(feed_server: FeedServer
                                                               ) -> None:
    body = wordpress_comments_rss()
    cut = body[:body.index(b"Holiday opening hours") + 5]
    feed_server.set("/cut", Route(body=cut, content_type=RSS))
    mentions = connector(feed_server, "/cut").fetch_mentions({}).mentions
    assert any(m.author_name == "佐藤" for m in mentions)
