"""RSS and Atom feeds as read-only accounts: Google Alerts, blog comment feeds, review feeds.

An account is a feed URL and a name. Every fetch is a conditional GET through the app's one
Transport (If-None-Match / If-Modified-Since from the cursor), and only the bytes of the answer
reach feedparser, which never fetches anything itself. Feeds cannot be answered or posted to:
the capabilities say so, and send_reply/publish raise NotSupported so the UI offers "Open in
browser" and "Copy reply" instead.

The cursor (opaque to everyone else) holds:
    etag, last_modified   validators from the last 200 answer, sent back next time
    floor                 ISO time: the `since` of the first sync; older dated items are skipped
                          on every later fetch too, so they never arrive as "new" afterwards

Feeds are listening by nature (a Google Alert is a watched word), so fetch_keywords finds
nothing and `can_listen` stays False. Feed content is untrusted: a document declared as UTF-8
with a few broken bytes is repaired (U+FFFD) instead of being re-read in a guessed charset that
would garble every other entry; `html` keeps the markup as feedparser sanitized it (the inbox
sanitizes again with nh3), and the plain text never holds script or style contents. Items
without a date, or dated in the future, get the fetch time. Every item keeps the same
external id in every fetch, so a feed served twice adds nothing.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import io
import re
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import feedparser

from app.core.connector import (
    AccountInfo,
    Capabilities,
    FetchedMention,
    FetchResult,
    Published,
    TextRules,
)
from app.core.model import MentionKind, Network
from app.networks.errors import BadResponse, NotFound, NotSupported
from app.networks.feed_discovery import find_feed_links, html_to_text, looks_like_html
from app.networks.http import Reply, Transport, check_url

# A feed can be read and nothing else: no replies, no posts, no threads, no messages.
READ_ONLY = Capabilities(
    can_reply=False,
    can_post=False,
    can_schedule=False,
    can_fetch_thread=False,
    can_direct_message=False,
    can_search=False,
    can_listen=False,
)

MAX_ENTRIES = 500  # entries taken from one answer; feeds list their newest first
MAX_REDIRECTS = 5  # a moved feed, http -> https on loopback, a CDN hop
MAX_TEXT_CHARS = 20_000
MAX_HTML_CHARS = 200_000
MAX_ID_CHARS = 512
MAX_VALIDATOR_CHARS = 512  # ETag / Last-Modified longer than this are not stored
ACCEPT = ("application/atom+xml, application/rss+xml;q=0.9, application/xml;q=0.8, "
          "text/xml;q=0.8, */*;q=0.5")

_GOOGLE_HOST = re.compile(r"^(?:www\.)?google(?:\.[a-z]{2,3}){1,2}$")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_SPACES = re.compile(r"[^\S\u3000]+")  # whitespace runs, but not the ideographic space
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([\w.:-]+)",
                           re.IGNORECASE)


class FeedIsHtmlPage(NotFound):
    """The URL is a web page, not a feed, but the page links to feeds: `candidates` holds them
    as (title, absolute URL) for the Add-feed dialog to offer."""

    def __init__(self, message: str = "", *, candidates: list[tuple[str, str]]) -> None:
        super().__init__(message)
        self.candidates = list(candidates)


class FeedConnector:
    """One feed. `url` must be https (plain http only to this computer); `name` is what the
    inbox shows for the account (the feed's own title when empty)."""

    network = Network.FEED
    capabilities = READ_ONLY

    def __init__(self, url: str, name: str = "", *, transport: Transport | None = None) -> None:
        self.url = check_url(url.strip())  # InsecureURL / NotFound before any connection
        self.name = name.strip()
        self._owns_transport = transport is None
        self._transport = transport if transport is not None else Transport(self.url)
        self._last: dict[str, FetchedMention] = {}

    # Connector protocol ------------------------------------------------------------------------
    def verify(self) -> AccountInfo:
        """Fetch and parse the feed. Raises FeedIsHtmlPage for a page that links to feeds,
        NotFound for a page that does not (or a 404), BadResponse for anything unreadable."""
        reply = self._get({})
        parsed = _parse(reply)
        feed = parsed.get("feed", {})
        title = _title(feed.get("title", ""), feed.get("title_detail"))[:200]
        extra = {"feed_title": title}
        site = _browser_link(feed.get("link", ""))
        if site:
            extra["site_url"] = site
        if reply.url != self.url:
            extra["final_url"] = reply.url
        return AccountInfo(
            network=Network.FEED,
            handle=self.url,
            server_url=self.url,
            display_name=self.name or title or _host(self.url),
            capabilities=READ_ONLY,
            text_rules=None,
            extra=extra,
        )

    def text_rules(self) -> TextRules | None:
        return None  # nothing is ever posted to a feed

    def fetch_mentions(self, cursor: dict[str, object], *, since: datetime | None = None
                       ) -> FetchResult:
        """The feed's items (at most MAX_ENTRIES), each with a stable external_id: the caller
        drops the ones it already has. A 304 answer returns nothing and the same cursor."""
        floor = _floor(cursor, since)
        headers: dict[str, str] = {}
        if isinstance(etag := cursor.get("etag"), str) and etag:
            headers["If-None-Match"] = etag
        if isinstance(modified := cursor.get("last_modified"), str) and modified:
            headers["If-Modified-Since"] = modified
        reply = self._get(headers)
        if reply.status == 304:
            return FetchResult((), dict(cursor))
        mentions = self._mentions(_parse(reply), floor)
        new_cursor: dict[str, object] = {
            k: v for k, v in cursor.items() if k not in ("etag", "last_modified", "floor")}
        for key, header in (("etag", "etag"), ("last_modified", "last-modified")):
            value = reply.headers.get(header, "").strip()
            if value and len(value) <= MAX_VALIDATOR_CHARS:
                new_cursor[key] = value
        if floor is not None:
            new_cursor["floor"] = floor.isoformat()
        return FetchResult(mentions, new_cursor)

    def fetch_keywords(self, terms: tuple[str, ...], cursor: dict[str, object], *,
                       since: datetime | None = None, language: str = "") -> FetchResult:
        """Nothing, without a request: the feed itself is what is listened to."""
        return FetchResult((), dict(cursor))

    def fetch_thread(self, external_id: str) -> tuple[FetchedMention, ...]:
        """Just the item itself: a feed has no conversations."""
        if external_id not in self._last:
            self._mentions(_parse(self._get({})), None)
        try:
            return (self._last[external_id],)
        except KeyError:
            raise NotFound("the item is no longer in the feed") from None

    def send_reply(self, in_reply_to: FetchedMention | str, text: str, *,
                   idempotency_key: str, direct: bool = False, language: str = "") -> Published:
        raise NotSupported("feeds are read-only: open the item in the browser to answer")

    def find_reply(self, in_reply_to: str, idempotency_key: str, text: str) -> Published | None:
        """Nothing is ever sent to a feed, so there is never a reply to find."""
        return None

    def publish(self, text: str, *, idempotency_key: str, scheduled_at: datetime | None = None,
                language: str = "") -> Published:
        raise NotSupported("feeds are read-only: nothing can be posted to a feed")

    def find_post(self, idempotency_key: str, text: str, *, since: datetime,
                  scheduled_id: str = "") -> Published | None:
        """Nothing is ever posted to a feed, so there is never a post to find."""
        return None

    def reschedule(self, remote_id: str, at: datetime) -> Published:
        raise NotSupported("feeds are read-only: nothing is scheduled on a feed")

    def cancel_scheduled(self, remote_id: str) -> None:
        raise NotSupported("feeds are read-only: nothing is scheduled on a feed")

    def close(self) -> None:
        if self._owns_transport:
            self._transport.close()

    # Internals ---------------------------------------------------------------------------------
    def _get(self, headers: Mapping[str, str]) -> Reply:
        reply = self._transport.request(
            "GET", self.url, headers={"Accept": ACCEPT, **headers},
            authenticated=False, follow_redirects=MAX_REDIRECTS)
        if reply.status != 304 and not 200 <= reply.status < 300:
            raise BadResponse(f"HTTP {reply.status}: redirected too often or no feed answer")
        return reply

    def _mentions(self, parsed: Any, floor: datetime | None) -> tuple[FetchedMention, ...]:
        feed = parsed.get("feed", {})
        feed_title = _title(feed.get("title", ""), feed.get("title_detail"))[:200]
        context = _FeedContext(
            title=feed_title or self.name or _host(self.url),
            host=_host(_browser_link(feed.get("link", "")) or self.url),
            language=_language(feed.get("language", "")
                               or (feed.get("title_detail") or {}).get("language") or ""),
            now=datetime.now(UTC),
        )
        every: dict[str, FetchedMention] = {}
        found: list[FetchedMention] = []
        for entry in parsed.get("entries", [])[:MAX_ENTRIES]:
            mention = _mention(entry, context)
            if mention.external_id in every:
                continue  # some feeds repeat an item; the inbox wants each id once
            every[mention.external_id] = mention
            if floor is not None and _dated(entry) and mention.created_at < floor:
                continue
            found.append(mention)
        self._last = every  # for fetch_thread; bounded by MAX_ENTRIES
        return tuple(found)


def discover_feeds(url: str, *, transport: Transport | None = None) -> list[tuple[str, str]]:
    """The feeds behind a web address, as (title, absolute URL): the address itself when it is
    a feed, else the feeds its page announces with <link rel="alternate"> (maybe none). Raises
    like verify() for an insecure address, a 404 or an unreadable answer."""
    connector = FeedConnector(url, transport=transport)
    try:
        reply = connector._get({})
    finally:
        connector.close()
    parsed = _read(reply)
    if isinstance(parsed, list):
        return parsed
    feed = parsed.get("feed", {})
    title = _title(feed.get("title", ""), feed.get("title_detail"))[:200]
    return [(title or _host(connector.url), connector.url)]


# Parsing -------------------------------------------------------------------------------------
def _parse(reply: Reply) -> Any:
    """The parsed feed; FeedIsHtmlPage / NotFound for a web page, BadResponse for the rest."""
    parsed = _read(reply)
    if not isinstance(parsed, list):
        return parsed
    if parsed:
        raise FeedIsHtmlPage(f"not a feed: a web page linking to {len(parsed)} feeds",
                             candidates=parsed)
    raise NotFound("not a feed: a web page that links to no feed")


def _read(reply: Reply) -> Any:
    """feedparser's result for a feed, or the feed links (title, URL) of an HTML page.

    feedparser gets a BytesIO, never bytes or str: it treats a bare string, bytes included, as
    a file name or URL and opens it first, so a hostile server answering "/etc/passwd" would
    otherwise make it read a local file.
    """
    if not reply.content.strip():
        raise BadResponse("the feed is empty")
    content_type = reply.headers.get("content-type", "")
    headers = {"content-type": content_type, "content-location": reply.url}
    if language := reply.headers.get("content-language", ""):
        headers["content-language"] = language
    content = _repair_utf8(reply.content, content_type)
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    entries = parsed.get("entries") or []
    if not parsed.get("version") and not entries:
        if looks_like_html(reply.content, content_type):
            return find_feed_links(reply.content, reply.url, content_type)
        raise BadResponse("not a feed")
    if parsed.get("bozo") and not entries and not parsed.get("feed", {}).get("title"):
        raise BadResponse("not a feed: malformed and empty")
    return parsed


def _repair_utf8(content: bytes, content_type: str) -> bytes:
    """The document with invalid UTF-8 sequences replaced by U+FFFD, when it is UTF-8.

    feedparser re-reads a UTF-8 document that has one bad byte as ISO-8859-2 or windows-1252,
    which turns every Japanese entry into mojibake. A document counts as UTF-8 when the server
    or the XML declaration says so, or says nothing and most of its non-ASCII text decodes
    (a legacy-charset feed without a declaration is left to feedparser's guess).
    """
    try:
        content.decode("utf-8")
        return content
    except UnicodeDecodeError:
        pass
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content  # UTF-16 with a byte order mark
    declared: str | None = None
    if header := _CHARSET.search(content_type):
        declared = header.group(1)
    elif prolog := _XML_ENCODING.match(content[:512]):
        declared = prolog.group(1).decode("ascii", "replace")
    repaired = content.decode("utf-8", errors="replace")
    if declared is None:
        broken = repaired.count("\ufffd")
        non_ascii = len(repaired) - len(repaired.encode("ascii", "ignore"))
        if non_ascii - broken <= broken:
            return content
    elif declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
        return content
    return repaired.encode("utf-8")


class _FeedContext:
    __slots__ = ("host", "language", "now", "title")

    def __init__(self, *, title: str, host: str, language: str, now: datetime) -> None:
        self.title = title
        self.host = host
        self.language = language
        self.now = now


def _mention(entry: Any, feed: _FeedContext) -> FetchedMention:
    link = _entry_link(entry)
    title = _title(entry.get("title", ""), entry.get("title_detail"))
    body_html, body_text = _body(entry)
    text = title
    if body_text and body_text != title:
        text = f"{title}\n\n{body_text}" if title else body_text
    author_detail = entry.get("author_detail") or {}
    author = " ".join(str(entry.get("author") or author_detail.get("name") or "").split())
    created = _time(entry.get("published_parsed")) or _time(_updated(entry))
    updated = _time(_updated(entry))
    created_at = min(created, feed.now) if created else feed.now
    edited_at = min(updated, feed.now) if created and updated and updated > created else None
    language = ""
    for detail in (entry.get("title_detail"), *(entry.get("content") or ())):
        if detail and (language := _language(detail.get("language") or "")):
            break
    return FetchedMention(
        external_id=_external_id(entry, link, title),
        kind=MentionKind.FEED_ITEM,
        author_handle=_host(link) or feed.host,
        author_name=author[:200] or feed.title,
        text=text[:MAX_TEXT_CHARS],
        created_at=created_at,
        html=body_html[:MAX_HTML_CHARS],
        url=link,
        author_url=_browser_link(author_detail.get("href", "")),
        language=language or feed.language,
        edited_at=edited_at,
    )


def _title(value: str, detail: Mapping[str, Any] | None) -> str:
    """A title as one line of plain text. Markup is stripped only when the feed says the title
    is HTML (Google Alerts: type="html" with <b> around the matched words); a plain-text title
    such as "a <b> c" stays as written."""
    value = str(value or "")[:MAX_TEXT_CHARS]
    if detail and str(detail.get("type", "")).lower() in _HTML_TYPES:
        value = html_to_text(value)
    return _SPACES.sub(" ", value).strip()


def _body(entry: Any) -> tuple[str, str]:
    """(HTML, plain text) of an entry's fullest body: its content, else its summary."""
    for detail in (*(entry.get("content") or ()), entry.get("summary_detail")):
        if not detail or not detail.get("value"):
            continue
        value = str(detail["value"])[:MAX_HTML_CHARS]  # bounds the work on a 5 MB entry
        if str(detail.get("type", "")).lower() in _HTML_TYPES:
            return value, html_to_text(value)
        return html.escape(value).replace("\n", "<br>"), value.strip()
    summary = str(entry.get("summary") or "")[:MAX_HTML_CHARS]
    return (summary, html_to_text(summary)) if summary else ("", "")


def _external_id(entry: Any, link: str, title: str) -> str:
    """The entry's own id (Atom <id>, RSS <guid>), else a hash of its link and title, so the
    same item has the same id in every fetch."""
    entry_id = str(entry.get("id") or "").strip()
    if entry_id and len(entry_id) <= MAX_ID_CHARS:
        return entry_id
    if entry_id:
        return "sha256:" + hashlib.sha256(entry_id.encode("utf-8")).hexdigest()
    digest = hashlib.sha256(f"{link}\n{title}".encode()).hexdigest()
    return f"sha256:{digest}"


def _entry_link(entry: Any) -> str:
    link = entry.get("link") or ""
    if not link:
        for candidate in entry.get("links") or ():
            if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
                link = candidate["href"]
                break
    return _browser_link(unwrap_google_redirect(str(link)))


def unwrap_google_redirect(url: str) -> str:
    """https://www.google.com/url?rct=j&sa=t&url=<real>&... (any google.* host) -> <real>."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    if (parts.hostname and _GOOGLE_HOST.match(parts.hostname) and parts.path == "/url"
            and parts.scheme in ("http", "https")):
        query = parse_qs(parts.query)
        for key in ("url", "q"):
            target = query.get(key, [""])[0].strip()
            if _browser_link(target):
                return target
    return url


def _browser_link(url: str) -> str:
    """The URL when a browser may open it (http or https with a host), else ""."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    if parts.scheme.lower() in ("http", "https") and parts.hostname:
        return url.strip()
    return ""


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _time(value: Any) -> datetime | None:
    """feedparser's UTC struct_time as an aware datetime."""
    if not isinstance(value, time.struct_time | tuple) or len(value) < 6:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(tuple(value)), UTC)
    except (OverflowError, ValueError, OSError, TypeError):
        return None


def _updated(entry: Any) -> Any:
    """The entry's own updated date. Plain dict access: feedparser's `entry.updated_parsed`
    falls back to the published date (deprecated, with a warning)."""
    return dict.get(entry, "updated_parsed")


def _dated(entry: Any) -> bool:
    return _time(entry.get("published_parsed")) is not None or (
        _time(_updated(entry)) is not None)


def _language(value: str) -> str:
    """"ja-JP", "en_us", "EN" -> "ja", "en", "en" (what the other networks report)."""
    primary = value.strip().replace("_", "-").split("-", 1)[0].lower()
    return primary if _LANGUAGE.match(primary) else ""


def _floor(cursor: Mapping[str, object], since: datetime | None) -> datetime | None:
    """The oldest time items may have: fixed at the first sync's `since`, kept in the cursor."""
    stored = cursor.get("floor")
    if isinstance(stored, str):
        try:
            parsed = datetime.fromisoformat(stored)
        except ValueError:
            parsed = None
        if parsed is not None:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if cursor or since is None:
        return None  # not a first sync, and no floor was set then: take everything
    return since if since.tzinfo else since.replace(tzinfo=UTC)
