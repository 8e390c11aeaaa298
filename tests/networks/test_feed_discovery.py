"""The pure parts of the feed connector: feed links on a page, page sniffing, plain text,
Google redirect links."""

from __future__ import annotations

import pytest

from app.networks.feed import unwrap_google_redirect
from app.networks.feed_discovery import find_feed_links, html_to_text, looks_like_html


def test_links_resolve_against_the_base_element() -> None:
    page = b"""<html><head><base href="https://cdn.example.jp/site/">
    <link rel="alternate feed" type="application/atom+xml" title=" News\n feed " href="news.xml">
    <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    <link rel="alternate" type="text/html" href="/other.html">
    </head></html>"""
    assert find_feed_links(page, "https://www.example.jp/") == [
        ("News feed", "https://cdn.example.jp/site/news.xml")]


def test_the_page_charset_is_honoured() -> None:
    page = ('<html><head><meta charset="shift_jis"><title>口コミ</title>'
            '<link rel="alternate" type="application/rss+xml" href="/rss"></head></html>'
            ).encode("shift_jis")
    assert find_feed_links(page, "https://review.example.jp/shop/") == [
        ("口コミ", "https://review.example.jp/rss")]


def test_candidates_are_bounded() -> None:
    links = "".join(f'<link rel="alternate" type="application/rss+xml" href="/f{n}">'
                    for n in range(500))
    assert len(find_feed_links(links.encode(), "https://example.com/")) == 20


@pytest.mark.parametrize("document, content_type, expected", [
    (b"<html><body>x</body></html>", "", True),
    (b"\xef\xbb\xbf  <!DOCTYPE html><p>x", "", True),
    (b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN">', "",
     True),
    (b"<!-- generated --><html lang='ja'>", "application/octet-stream", True),
    (b"anything", "text/html; charset=utf-8", True),
    (b'<?xml version="1.0"?><rss version="2.0"></rss>', "text/xml", False),
    (b"\x00\x01garbage", "application/octet-stream", False),
])
def test_looks_like_html(document: bytes, content_type: str, expected: bool) -> None:
    assert looks_like_html(document, content_type) is expected


def test_html_to_text() -> None:
    assert html_to_text("<b>Maple</b>&nbsp;Bakery &amp; caf&eacute;") == "Maple Bakery & café"
    assert html_to_text("<p>one</p><p>two<br>three</p><script>x()</script><style>p{}</style>"
                        ) == "one\n\ntwo\nthree"
    assert html_to_text("全角　スペース  と   空白") == "全角　スペース と 空白"
    assert html_to_text("a < b and <unclosed") == "a < b and <unclosed"  # kept as text


@pytest.mark.parametrize("link, expected", [
    ("https://www.google.com/url?rct=j&sa=t&url=https://shop.example/a%3Fb%3D1%26c%3D2&ct=ga",
     "https://shop.example/a?b=1&c=2"),
    ("https://www.google.co.jp/url?sa=t&url=http://blog.example.jp/p/1&usg=x",
     "http://blog.example.jp/p/1"),
    ("https://google.com.au/url?q=https://news.example.au/story", "https://news.example.au/story"),
    # not Google, not the redirect path, or a target a browser should not open: unchanged
    ("https://www.google.com.evil.example/url?url=https://x.example/", None),
    ("https://www.google.com/search?url=https://x.example/", None),
    ("https://www.google.com/url?url=javascript:alert(1)", None),
    ("https://shop.example/url?url=https://x.example/", None),
])
def test_unwrap_google_redirect(link: str, expected: str | None) -> None:
    assert unwrap_google_redirect(link) == (expected or link)
