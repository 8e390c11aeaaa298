"""The feed connector against a local web server over real sockets."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fakes.feed_server import (
    ALERTS_PATH,
    COMMENTS_PATH,
    EMPTY_PATH,
    GARBAGE_PATH,
    HUGE_PATH,
    HUGE_STREAM_PATH,
    LOOP_PATH,
    MOVED_PATH,
    NO_GUID_PATH,
    PLAIN_PAGE_PATH,
    SHOP_PAGE_PATH,
    TO_INSECURE_PATH,
    FeedServer,
    Route,
    alerts_entry,
    feed_server,
    google_alerts_atom,
    wordpress_comment_item,
    wordpress_comments_rss,
)

from app.core.connector import Capabilities
from app.core.model import MentionKind, Network
from app.networks.base import Connector
from app.networks.errors import BadResponse, InsecureURL, NotFound, NotSupported
from app.networks.feed import MAX_ENTRIES, FeedConnector, FeedIsHtmlPage, discover_feeds
from app.networks.http import Transport

__all__ = ["feed_server"]  # the fixture, used by name


def no_sleep(seconds: float) -> None:
    pass


def connector(server: FeedServer, path: str, name: str = "") -> FeedConnector:
    return FeedConnector(server.url(path), name,
                         transport=Transport(server.url("/"), sleep=no_sleep))


def by_url(mentions: tuple) -> dict:
    return {m.url: m for m in mentions}


# What the connector is ---------------------------------------------------------------------------
def test_a_feed_is_read_only(feed_server: FeedServer) -> None:
    feed: Connector = connector(feed_server, COMMENTS_PATH)  # the type checker's part
    for member in ("verify", "text_rules", "fetch_mentions", "fetch_thread", "send_reply",
                   "publish", "close"):
        assert callable(getattr(feed, member))
    assert feed.network is Network.FEED
    flags = {f.name: getattr(feed.capabilities, f.name) for f in fields(Capabilities)}
    assert flags and not any(flags.values())  # no reply, post, schedule, thread, DM, search
    assert feed.text_rules() is None
    with pytest.raises(NotSupported):
        feed.send_reply("any", "Thank you!", idempotency_key="k1")
    with pytest.raises(NotSupported):
        feed.publish("News", idempotency_key="k2")
    assert feed_server.requests == []  # refusing needs no network
    feed.close()


def test_verify_names_the_account_after_the_feed_or_the_owner(feed_server: FeedServer) -> None:
    url = feed_server.url(ALERTS_PATH)
    info = connector(feed_server, ALERTS_PATH).verify()
    assert info.network is Network.FEED
    assert info.handle == url and info.server_url == url
    assert info.display_name == "Google アラート - メープル堂"
    assert info.capabilities == Capabilities() and info.text_rules is None
    named = connector(feed_server, ALERTS_PATH, "  Alerts: shop name ").verify()
    assert named.display_name == "Alerts: shop name"


# Google Alerts -------------------------------------------------------------------------------
def test_google_alerts_links_are_unwrapped_and_titles_plain(feed_server: FeedServer) -> None:
    result = connector(feed_server, ALERTS_PATH).fetch_mentions({})
    mentions = by_url(result.mentions)
    assert set(mentions) == {
        # the real address's own query, percent-encoded inside Google's, comes back whole
        "https://gourmet.example.jp/news/2026/11/maple-do-montblanc?ref=rss",
        "https://food.example.com/2026/11/maple-bakery-review",
        # a google.co.jp redirect is unwrapped too
        "https://review.example.jp/shops/1234/comments/5678",
    }
    english = mentions["https://food.example.com/2026/11/maple-bakery-review"]
    assert english.kind is MentionKind.FEED_ITEM
    assert english.external_id == "tag:google.com,2013:googlealerts/feed:13685523368333461374"
    assert english.text == ("Why Maple Bakery is worth the queue & the wait\n\n"
                            "The croissants at Maple Bakery were flaky, but the staff ignored "
                            "us for twenty minutes ...")
    assert "<b>Maple Bakery</b>" in english.html  # markup kept for the inbox to sanitize
    assert english.author_handle == "food.example.com"  # the site, not google.com
    assert english.author_name == "Google アラート - メープル堂"  # Google gives no author
    assert english.created_at == datetime(2026, 11, 18, 12, 0, tzinfo=UTC)
    assert all("<" not in m.text and "google." not in m.url for m in result.mentions)


def test_japanese_text_is_intact(feed_server: FeedServer) -> None:
    alerts = by_url(connector(feed_server, ALERTS_PATH).fetch_mentions({}).mentions)
    montblanc = alerts["https://gourmet.example.jp/news/2026/11/maple-do-montblanc?ref=rss"]
    assert montblanc.text == ("メープル堂の新作モンブラン、行列ができる人気に\n\n"
                              "駅前のメープル堂が今月発売した栗のモンブランが話題に。"
                              "週末は開店前から ...")
    assert montblanc.author_handle == "gourmet.example.jp"

    comments = connector(feed_server, COMMENTS_PATH).fetch_mentions({}).mentions
    sato = next(m for m in comments if m.author_name == "佐藤")
    assert sato.text.startswith(
        "Comment on 冬季限定シュトーレン by 佐藤\n\n予約はいつまでできますか？")
    assert sato.language == "ja"

    # Shift_JIS, served as bare text/xml (which claims US-ASCII): still read right.
    reviews = connector(feed_server, NO_GUID_PATH).fetch_mentions({}).mentions
    assert [m.text.split("\n")[0] for m in reviews] == [
        "★★★★☆ 焼きたてが最高", "★★☆☆☆ 待ち時間が長い"]
    assert reviews[0].text.endswith("朝一番のクロワッサンは絶品。")
    assert reviews[0].language == "ja"
    assert reviews[0].created_at == datetime(2026, 11, 14, 1, 0, tzinfo=UTC)  # +0900 -> UTC


def test_wordpress_comments_use_the_guid_and_the_commenter(feed_server: FeedServer) -> None:
    comments = connector(feed_server, COMMENTS_PATH).fetch_mentions({}).mentions
    jamie = next(m for m in comments if m.author_name == "Jamie")
    assert jamie.external_id == "https://blog.maple-do.example.jp/?p=120#comment-44"
    assert jamie.url == "https://blog.maple-do.example.jp/2026/11/holiday-hours/#comment-44"
    assert jamie.author_handle == "blog.maple-do.example.jp"
    assert "Your page says one thing & Google another." in jamie.text
    assert "<script" not in jamie.html and "hostile" not in jamie.html
    assert jamie.created_at == datetime(2026, 11, 10, 7, 40, tzinfo=UTC)


# Conditional GET -------------------------------------------------------------------------------
def test_conditional_get_sends_both_validators_and_a_304_changes_nothing(
        feed_server: FeedServer) -> None:
    feed = connector(feed_server, ALERTS_PATH)
    first = feed.fetch_mentions({})
    etag = feed_server.routes[ALERTS_PATH].etag_value
    assert first.cursor["etag"] == etag
    assert first.cursor["last_modified"] == "Fri, 20 Nov 2026 09:00:00 GMT"
    assert "if-none-match" not in feed_server.requests_to(ALERTS_PATH)[0].headers

    second = feed.fetch_mentions(first.cursor)
    sent = feed_server.requests_to(ALERTS_PATH)[-1].headers
    assert sent["if-none-match"] == etag
    assert sent["if-modified-since"] == "Fri, 20 Nov 2026 09:00:00 GMT"
    assert "communitydesk" in sent["user-agent"].lower()
    assert second.mentions == ()
    assert second.cursor == first.cursor


def test_a_server_with_only_last_modified_still_answers_304(feed_server: FeedServer) -> None:
    feed = connector(feed_server, NO_GUID_PATH)
    first = feed.fetch_mentions({})
    assert "etag" not in first.cursor
    second = feed.fetch_mentions(first.cursor)
    sent = feed_server.requests_to(NO_GUID_PATH)[-1].headers
    assert "if-none-match" not in sent
    assert sent["if-modified-since"] == first.cursor["last_modified"]
    assert second.mentions == () and second.cursor == first.cursor


def test_a_changed_feed_brings_only_new_items_once_known_ids_are_dropped(
        feed_server: FeedServer) -> None:
    feed = connector(feed_server, ALERTS_PATH)
    first = feed.fetch_mentions({})
    known = {m.external_id for m in first.mentions}
    new_entry = alerts_entry(555, "&lt;b&gt;Maple Bakery&lt;/b&gt; opens a second shop",
                             "https://news.example.com/maple-second-shop",
                             "2026-11-21T10:00:00Z")
    feed_server.update(ALERTS_PATH, google_alerts_atom(new_entry),
                       modified=datetime(2026, 11, 21, 10, 0, tzinfo=UTC))

    second = feed.fetch_mentions(first.cursor)
    assert feed_server.requests_to(ALERTS_PATH)[-1].headers["if-none-match"] == first.cursor[
        "etag"]
    assert {m.external_id for m in second.mentions} >= known  # the same ids again
    new = [m for m in second.mentions if m.external_id not in known]
    assert [(m.text, m.url) for m in new] == [("Maple Bakery opens a second shop",
                                               "https://news.example.com/maple-second-shop")]
    assert second.cursor["etag"] != first.cursor["etag"]
    assert second.cursor["last_modified"] == "Sat, 21 Nov 2026 10:00:00 GMT"


def test_items_without_a_guid_keep_the_same_id_in_every_fetch(feed_server: FeedServer) -> None:
    feed = connector(feed_server, NO_GUID_PATH)
    first = {m.url: m.external_id for m in feed.fetch_mentions({}).mentions}
    again = {m.url: m.external_id for m in connector(feed_server, NO_GUID_PATH)
             .fetch_mentions({}).mentions}
    assert first == again
    assert len(set(first.values())) == 2
    assert all(i.startswith("sha256:") for i in first.values())


def test_an_item_without_a_date_arrives_with_the_fetch_time(feed_server: FeedServer) -> None:
    before = datetime.now(UTC)
    reviews = connector(feed_server, NO_GUID_PATH).fetch_mentions({}).mentions
    undated = next(m for m in reviews if "待ち時間" in m.text)
    assert before <= undated.created_at <= datetime.now(UTC)


# First sync ----------------------------------------------------------------------------------
def test_a_first_sync_keeps_only_items_newer_than_since_and_remembers_it(
        feed_server: FeedServer) -> None:
    since = datetime(2026, 11, 15, tzinfo=UTC)
    feed = connector(feed_server, COMMENTS_PATH)
    first = feed.fetch_mentions({}, since=since)
    assert [m.author_name for m in first.mentions] == ["佐藤"]  # Jamie's comment is from the 10th

    # A new comment: the old one still stays out, though no `since` is passed any more.
    item = wordpress_comment_item(46, "Ken", "Lovely stollen!", "Sat, 21 Nov 2026 08:00:00 +0000")
    feed_server.update(COMMENTS_PATH, wordpress_comments_rss(item),
                       modified=datetime(2026, 11, 21, 8, 0, tzinfo=UTC))
    second = feed.fetch_mentions(first.cursor)
    assert sorted(m.author_name for m in second.mentions) == ["Ken", "佐藤"]


def test_a_first_sync_keeps_undated_items(feed_server: FeedServer) -> None:
    reviews = connector(feed_server, NO_GUID_PATH).fetch_mentions(
        {}, since=datetime(2026, 11, 20, tzinfo=UTC)).mentions
    assert [m.text.split("\n")[0] for m in reviews] == ["★★☆☆☆ 待ち時間が長い"]


def test_the_number_of_items_taken_is_bounded(feed_server: FeedServer) -> None:
    items = "".join(wordpress_comment_item(n, f"user{n}", "hi", "Sat, 21 Nov 2026 08:00:00 +0000")
                    for n in range(MAX_ENTRIES + 100))
    feed_server.set("/busy/", Route(body=wordpress_comments_rss(items)))
    mentions = connector(feed_server, "/busy/").fetch_mentions({}).mentions
    assert len(mentions) == MAX_ENTRIES


def test_a_date_in_the_future_is_taken_as_now(feed_server: FeedServer) -> None:
    item = wordpress_comment_item(99, "Time traveller", "hi", "Fri, 01 Jan 2100 00:00:00 +0000")
    feed_server.set("/future/", Route(body=wordpress_comments_rss(item)))
    mentions = connector(feed_server, "/future/").fetch_mentions({}).mentions
    traveller = next(m for m in mentions if m.author_name == "Time traveller")
    assert traveller.created_at <= datetime.now(UTC) + timedelta(seconds=1)


def test_fetch_thread_is_just_the_item(feed_server: FeedServer) -> None:
    feed = connector(feed_server, COMMENTS_PATH)
    mention = feed.fetch_mentions({}).mentions[0]
    assert feed.fetch_thread(mention.external_id) == (mention,)
    fresh = connector(feed_server, COMMENTS_PATH)  # nothing fetched yet: it reads the feed
    assert fresh.fetch_thread(mention.external_id)[0].external_id == mention.external_id
    with pytest.raises(NotFound):
        fresh.fetch_thread("no-such-item")


# Web pages and discovery ---------------------------------------------------------------------
def expected_candidates(server: FeedServer) -> list[tuple[str, str]]:
    return [
        ("メープル堂ブログ » コメントフィード", server.url(COMMENTS_PATH)),
        ("メープル堂 | 町のパン屋", server.url("/shop/news.atom")),  # no title: the page's
        ("Reviews", server.url(NO_GUID_PATH)),
        ("Elsewhere", "https://feeds.example.com/maple"),  # plain http elsewhere: https
    ]


def test_a_web_page_offers_the_feeds_it_links_to(feed_server: FeedServer) -> None:
    with pytest.raises(FeedIsHtmlPage) as raised:
        connector(feed_server, SHOP_PAGE_PATH).verify()
    assert raised.value.candidates == expected_candidates(feed_server)
    assert isinstance(raised.value, NotFound)
    assert discover_feeds(feed_server.url(SHOP_PAGE_PATH),
                          transport=Transport(feed_server.url("/"), sleep=no_sleep)
                          ) == expected_candidates(feed_server)


def test_a_web_page_without_feeds_is_not_a_feed(feed_server: FeedServer) -> None:
    with pytest.raises(NotFound, match="not a feed") as raised:
        connector(feed_server, PLAIN_PAGE_PATH).verify()
    assert not isinstance(raised.value, FeedIsHtmlPage)
    assert discover_feeds(feed_server.url(PLAIN_PAGE_PATH),
                          transport=Transport(feed_server.url("/"), sleep=no_sleep)) == []


def test_discovering_a_feed_address_gives_the_feed_itself(feed_server: FeedServer) -> None:
    url = feed_server.url(COMMENTS_PATH)
    found = discover_feeds(url, transport=Transport(feed_server.url("/"), sleep=no_sleep))
    assert found == [("Comments for メープル堂ブログ", url)]


# Failures ------------------------------------------------------------------------------------
@pytest.mark.parametrize("path, error", [
    ("/no-such-feed", NotFound),
    (GARBAGE_PATH, BadResponse),
    (EMPTY_PATH, BadResponse),
    (HUGE_PATH, BadResponse),
    (HUGE_STREAM_PATH, BadResponse),
    (LOOP_PATH, BadResponse),
])
def test_unusable_answers(feed_server: FeedServer, path: str, error: type[Exception]) -> None:
    feed = connector(feed_server, path)
    with pytest.raises(error) as raised:
        feed.verify()
    assert not isinstance(raised.value, FeedIsHtmlPage)
    with pytest.raises(error):
        feed.fetch_mentions({})


def test_a_body_naming_a_local_file_is_not_read(feed_server: FeedServer, tmp_path: Path) -> None:
    """feedparser opens a bare string or bytes as a file: the connector must never let it."""
    local = tmp_path / "secret.rss"
    local.write_bytes(wordpress_comments_rss())
    feed_server.set("/path/", Route(body=str(local).encode(), content_type="text/plain"))
    with pytest.raises(BadResponse):
        connector(feed_server, "/path/").fetch_mentions({})


def test_a_moved_feed_is_followed(feed_server: FeedServer) -> None:
    feed = connector(feed_server, MOVED_PATH)
    info = feed.verify()
    assert info.handle == feed_server.url(MOVED_PATH)
    assert info.extra["final_url"] == feed_server.url(COMMENTS_PATH)
    assert len(feed.fetch_mentions({}).mentions) == 2


class RecordingTransport(httpx.HTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.urls.append(str(request.url))
        return super().handle_request(request)


def test_plain_http_elsewhere_is_refused_before_any_connection(feed_server: FeedServer) -> None:
    wire = RecordingTransport()
    transport = Transport(feed_server.url("/"), client=httpx.Client(transport=wire),
                          sleep=no_sleep)
    with pytest.raises(InsecureURL):
        FeedConnector("http://example.com/feed", transport=transport)
    with pytest.raises(InsecureURL):
        FeedConnector("http://example.com/feed")
    with pytest.raises(InsecureURL):
        discover_feeds("http://example.com/", transport=transport)
    assert wire.urls == []

    # A feed that redirects to plain http elsewhere: refused before following.
    with pytest.raises(InsecureURL):
        FeedConnector(feed_server.url(TO_INSECURE_PATH), transport=transport).verify()
    assert wire.urls == [feed_server.url(TO_INSECURE_PATH)]


def test_not_a_web_address(feed_server: FeedServer) -> None:
    for url in ("file:///etc/passwd", "feed.example.com/rss", "ftp://example.com/feed"):
        with pytest.raises(NotFound):
            FeedConnector(url)


def test_plain_text_stays_as_written(feed_server: FeedServer) -> None:
    """Markup is stripped only where the feed says the text is HTML."""
    atom = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"
    xml:lang="en-GB"><title>Plain</title><id>urn:x</id><updated>2026-11-20T00:00:00Z</updated>
    <entry><id>urn:x:1</id><title type="text">Is 2 &lt; 3? Use &lt;b&gt; tags</title>
    <summary type="text">Line one &lt;i&gt;
line two</summary><updated>2026-11-20T00:00:00Z</updated>
    <link href="https://shop.example/p/1"/></entry></feed>"""
    feed_server.set("/plain.atom", Route(body=atom, content_type="application/atom+xml"))
    (item,) = connector(feed_server, "/plain.atom").fetch_mentions({}).mentions
    assert item.text == "Is 2 < 3? Use <b> tags\n\nLine one <i>\nline two"
    assert item.html == "Line one &lt;i&gt;<br>line two"  # escaped, so it cannot become markup
    assert item.language == "en"


def test_a_feed_served_as_html_is_still_a_feed(feed_server: FeedServer) -> None:
    feed_server.set("/misconfigured", Route(body=wordpress_comments_rss(),
                                            content_type="text/html; charset=UTF-8"))
    assert len(connector(feed_server, "/misconfigured").fetch_mentions({}).mentions) == 2
