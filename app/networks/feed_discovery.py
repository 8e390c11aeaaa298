"""Reading web pages for the feed connector: which feeds a page links to, whether a document is
an HTML page at all, and the plain text of an HTML fragment.

Pure functions over bytes and strings (no network), built on the standard html.parser, so they
can be tested on their own and never run a script or load a resource.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

from app.networks.http import is_loopback_host

# What <link rel="alternate" type=...> may name. JSON Feed (application/feed+json) is left out:
# feedparser 6.0.x cannot read it, so offering it would only lead to a "not a feed" error.
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml"})
MAX_CANDIDATES = 20
MAX_TITLE_CHARS = 200
_SNIFF_BYTES = 1024

_BLOCK_TAGS = frozenset({
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section",
    "table", "tr", "ul",
})
_INVISIBLE_TAGS = frozenset({"script", "style", "template", "head", "title"})
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                         rb"<(?:!doctype\s+html|html[\s>]|head[\s>])",
                         re.IGNORECASE | re.DOTALL)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def looks_like_html(document: bytes, content_type: str = "") -> bool:
    """True for a web page: served as HTML, or starting like one whatever the server said."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type in ("text/html", "application/xhtml+xml"):
        return True
    head = document[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head))


def decode_page(document: bytes, content_type: str = "") -> str:
    """The page as text: the charset the server named, else the page's <meta>, else UTF-8."""
    candidates: list[str] = []
    if match := _CHARSET.search(content_type):
        candidates.append(match.group(1))
    if match := _META_CHARSET.search(document[:_SNIFF_BYTES * 4]):
        candidates.append(match.group(1).decode("ascii", "replace"))
    for charset in candidates:
        try:
            return document.decode(charset, errors="replace")
        except LookupError:
            continue
    return document.decode("utf-8", errors="replace")


def _web_url(url: str) -> str | None:
    """An http(s) URL as the app may call it, or None. A plain http:// link to another computer
    is upgraded to https (the app never speaks plain http beyond loopback)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        parts = parts._replace(scheme="https")
    return urlunsplit(parts._replace(fragment=""))


class _LinkFinder(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = page_url
        self.links: list[tuple[str, str]] = []  # (title, href as written)
        self.page_title = ""
        self._in_title = False
        self._seen_base = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "base" and not self._seen_base and values.get("href"):
            self._seen_base = True  # only the first <base> counts, as in browsers
            self.base_url = urljoin(self.base_url, values["href"].strip())
        elif tag == "link" and len(self.links) < MAX_CANDIDATES * 5:
            rels = values.get("rel", "").lower().split()
            media_type = values.get("type", "").split(";", 1)[0].strip().lower()
            if "alternate" in rels and media_type in FEED_TYPES and values.get("href"):
                self.links.append((values.get("title", ""), values["href"]))
        elif tag == "title" and not self.page_title:
            self._in_title = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title and len(self.page_title) < MAX_TITLE_CHARS:
            self.page_title += data


def find_feed_links(document: bytes, page_url: str, content_type: str = ""
                    ) -> list[tuple[str, str]]:
    """The feeds an HTML page announces, as (title, absolute URL), in page order, without
    duplicates. Relative hrefs resolve against the page's <base> or its own URL."""
    finder = _LinkFinder(page_url)
    try:
        finder.feed(decode_page(document, content_type))
        finder.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup
        pass
    page_title = _squash(finder.page_title)
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for title, href in finder.links:
        url = _web_url(urljoin(finder.base_url, href.strip()))
        if url is None or url in seen:
            continue
        seen.add(url)
        found.append((_squash(title)[:MAX_TITLE_CHARS] or page_title or url, url))
        if len(found) >= MAX_CANDIDATES:
            break
    return found


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _INVISIBLE_TAGS:
            self._hidden += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLE_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, block elements as line
    breaks, runs of spaces squashed (no-break spaces included)."""
    extractor = _TextExtractor()
    try:
        extractor.feed(fragment)
        extractor.close()
    except (AssertionError, ValueError):
        return _squash_lines(html.unescape(re.sub(r"<[^>]*>", " ", fragment)))
    return _squash_lines("".join(extractor.parts))


def _squash(text: str) -> str:
    """Runs of spaces, tabs and no-break spaces as one space; the ideographic space (U+3000)
    that Japanese text uses on purpose is kept."""
    return re.sub(r"[^\S\u3000]+", " ", text).strip(" ")


def _squash_lines(text: str) -> str:
    lines = (_squash(line) for line in text.replace("\r", "\n").split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
