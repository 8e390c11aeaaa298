"""Mastodon (any server, REST v1/v2) behind the Connector protocol.

Mentions come from GET /api/v1/notifications?types[]=mention, paged forward from the newest
notification already seen (min_id; the Link header's rel="prev" points to newer items). The
cursor stored with the account is {"newest_id": "<notification id>"}: ids are opaque strings.
Facts: /work/shared/reference/social-apis.md §1.4-1.10.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from app.core.connector import (
    AccountInfo,
    Capabilities,
    FetchedMention,
    FetchResult,
    Published,
    TextRules,
)
from app.core.model import MentionKind, Network
from app.networks.errors import BadResponse, NetworkError, NotFound
from app.networks.http import Reply, Transport, check_url

CAPABILITIES = Capabilities(
    can_reply=True,
    can_post=True,
    can_schedule=True,
    can_fetch_thread=True,
    can_direct_message=True,
    can_search=True,  # hashtags; full-text status search depends on the server
)
DEFAULT_MAX_CHARACTERS = 500
DEFAULT_URL_WEIGHT = 23
PAGE_LIMIT = 80  # the most /api/v1/notifications returns per page (4.1+)
MAX_PAGES = 20  # per fetch_mentions call; the next sync carries on from the cursor
FIRST_SYNC_WINDOW = timedelta(days=14)
CURSOR_KEY = "newest_id"
VISIBILITIES = ("public", "unlisted", "private", "direct")

_MAX_ID_LENGTH = 100
_ID = re.compile(r"^[A-Za-z0-9_-]{1,100}$")


class MastodonConnector:
    """One Mastodon account on one server, with its access token already at hand."""

    network = Network.MASTODON
    capabilities = CAPABILITIES

    def __init__(self, server_url: str, access_token: str, *,
                 transport: Transport | None = None, account_domain: str | None = None,
                 max_pages: int = MAX_PAGES) -> None:
        self.server_url = check_url(server_url.rstrip("/"))
        if not access_token or any(not c.isascii() or not c.isprintable() or c.isspace()
                                   for c in access_token):
            raise ValueError("the access token is empty or malformed")
        if transport is not None and transport.base_url != self.server_url:
            raise ValueError("the transport talks to another server")
        self._token = access_token
        self._owns_transport = transport is None
        self._transport = transport or Transport(self.server_url)
        # acct is "user" for local accounts: the handle needs the server's account domain.
        self._domain = account_domain or urlsplit(self.server_url).netloc.lower()
        self._max_pages = max(1, max_pages)
        self._rules: TextRules | None = None
        self._visibility: dict[str, str] = {}  # status id → visibility, from statuses seen

    def __repr__(self) -> str:
        return f"MastodonConnector({self.server_url!r})"

    def close(self) -> None:
        if self._owns_transport:
            self._transport.close()

    def __enter__(self) -> MastodonConnector:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- HTTP ---------------------------------------------------------------------------------

    def _headers(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self._token}"}
        if extra:
            headers.update(extra)
        return headers

    def _get(self, path: str, params: Any = None, *, authenticated: bool = True) -> Reply:
        # Never follows redirects: the token must not travel to another address.
        return self._transport.request("GET", path, params=params, authenticated=False,
                                       headers=self._headers() if authenticated else None)

    def _post(self, path: str, body: dict[str, Any],
              headers: Mapping[str, str] | None = None) -> dict[str, Any]:
        return self._transport.request("POST", path, json_body=body, authenticated=False,
                                       headers=self._headers(headers)).json_object()

    # -- account and limits -------------------------------------------------------------------

    def verify(self) -> AccountInfo:
        data = self._get("/api/v1/accounts/verify_credentials").json_object()
        account_id = _id(data, "id")
        username = _str(data, "username", limit=100)
        if "@" in username or any(c.isspace() for c in username):
            raise BadResponse("unusable username")
        rules = self._load_instance()
        avatar = _opt_str(data, "avatar_static") or _opt_str(data, "avatar")
        return AccountInfo(
            network=Network.MASTODON,
            handle=f"@{username}@{self._domain}",
            server_url=self.server_url,
            display_name=_opt_str(data, "display_name")[:200],
            avatar_url=_web_url(avatar),
            capabilities=CAPABILITIES,
            text_rules=rules,
            extra={"account_id": account_id, "domain": self._domain},
        )

    def text_rules(self) -> TextRules:
        return self._rules or self._load_instance()

    def _load_instance(self) -> TextRules:
        """GET /api/v2/instance (4.0+), else /api/v1/instance: limits and the account domain."""
        try:
            data = self._get("/api/v2/instance", authenticated=False).json_object()
            domain = data.get("domain")
            statuses = _dig(data, "configuration", "statuses")
            max_chars = statuses.get("max_characters")
        except NotFound:
            data = self._get("/api/v1/instance", authenticated=False).json_object()
            domain = data.get("uri")
            statuses = _dig(data, "configuration", "statuses")
            # Forks (Pleroma, glitch, Hometown) and old servers say max_toot_chars.
            max_chars = statuses.get("max_characters", data.get("max_toot_chars"))
        self._domain = _account_domain(domain, self.server_url) or self._domain
        self._rules = TextRules(
            max_graphemes=_bounded_int(max_chars, DEFAULT_MAX_CHARACTERS, 1, 1_000_000),
            url_weight=_bounded_int(statuses.get("characters_reserved_per_url"),
                                    DEFAULT_URL_WEIGHT, 0, 10_000),
            mentions_count_local_part=True,
        )
        return self._rules

    # -- mentions -----------------------------------------------------------------------------

    def fetch_mentions(self, cursor: dict[str, object], *, since: datetime | None = None
                       ) -> FetchResult:
        """Mentions newer than the cursor; on a first sync (empty cursor), those newer than
        `since` (default: the last 14 days), newest pages first. At most `max_pages` pages."""
        last = cursor.get(CURSOR_KEY) if isinstance(cursor, Mapping) else None
        if isinstance(last, str) and _ID.match(last):
            found, newest = self._forward_from(last)
        else:
            start = since or datetime.now(UTC) - FIRST_SYNC_WINDOW
            found, newest = self._back_until(start if start.tzinfo else start.replace(tzinfo=UTC))
        found.sort(key=lambda pair: _id_order(pair[0]))
        seen: set[str] = set()
        mentions = []
        for _, mention in found:
            if mention.external_id not in seen:
                seen.add(mention.external_id)
                mentions.append(mention)
        new_cursor = dict(cursor) if isinstance(cursor, Mapping) else {}
        if newest is not None:
            new_cursor[CURSOR_KEY] = newest
        return FetchResult(tuple(mentions), new_cursor)

    def _notifications(self, extra: list[tuple[str, str]]) -> tuple[Reply, list[Any]]:
        params = [("types[]", "mention"), ("include_filtered", "true"),
                  ("limit", str(PAGE_LIMIT)), *extra]
        reply = self._get("/api/v1/notifications", params)
        return reply, reply.json_list()

    def _forward_from(self, last: str) -> tuple[list[tuple[str, FetchedMention]], str]:
        """min_id paging: each page is the oldest batch after min_id; rel="prev" is newer."""
        found: list[tuple[str, FetchedMention]] = []
        newest, min_id = last, last
        for _ in range(self._max_pages):
            reply, page = self._notifications([("min_id", min_id)])
            if not page:
                break
            ids = self._collect(page, found, since=None)
            page_newest = max(ids, key=_id_order)
            if _id_order(page_newest) > _id_order(newest):
                newest = page_newest
            following = _link_id(reply, "prev", "min_id") or page_newest
            if _id_order(following) <= _id_order(min_id):
                break  # no progress: never loop on a confused server
            min_id = following
        return found, newest

    def _back_until(self, since: datetime) -> tuple[list[tuple[str, FetchedMention]], str | None]:
        """First sync: newest page first, then older (max_id, rel="next") until `since`."""
        found: list[tuple[str, FetchedMention]] = []
        newest: str | None = None
        max_id: str | None = None
        for _ in range(self._max_pages):
            reply, page = self._notifications([("max_id", max_id)] if max_id else [])
            if not page:
                break
            oldest_time: datetime | None = None
            ids = self._collect(page, found, since=since)
            for item in page:
                created = _time(item, "created_at")
                oldest_time = created if oldest_time is None else min(oldest_time, created)
            page_newest = max(ids, key=_id_order)
            if newest is None or _id_order(page_newest) > _id_order(newest):
                newest = page_newest
            if oldest_time is not None and oldest_time < since:
                break
            following = _link_id(reply, "next", "max_id") or min(ids, key=_id_order)
            if max_id is not None and _id_order(following) >= _id_order(max_id):
                break
            max_id = following
        return found, newest

    def _collect(self, page: list[Any], found: list[tuple[str, FetchedMention]],
                 since: datetime | None) -> list[str]:
        """Add the page's mentions to `found`; return every notification id on the page."""
        ids = []
        for item in page:
            if not isinstance(item, dict):
                raise BadResponse("expected a notification object")
            notification_id = _id(item, "id")
            ids.append(notification_id)
            status = item.get("status")
            if item.get("type") != "mention" or not isinstance(status, dict):
                continue  # an old server that ignores types[], or a deleted post
            if since is not None and _time(item, "created_at") < since:
                continue
            found.append((notification_id, self._mention(status)))
        return ids

    def _mention(self, status: dict[str, Any], thread_root_id: str = "") -> FetchedMention:
        status_id = _id(status, "id")
        account = status.get("account")
        if not isinstance(account, dict):
            raise BadResponse("missing account")
        acct = _str(account, "acct", limit=300)
        if any(c.isspace() for c in acct) or acct.startswith("@"):
            raise BadResponse("unusable acct")
        handle = f"@{acct}" if "@" in acct else f"@{acct}@{self._domain}"
        content = _str(status, "content", allow_empty=True, limit=None)
        spoiler = _opt_str(status, "spoiler_text")
        text = html_to_text(content)
        if spoiler:  # a content warning is part of what the author wrote
            text = f"{spoiler}\n\n{text}" if text else spoiler
        parent = status.get("in_reply_to_id")
        parent_id = _id(status, "in_reply_to_id") if parent is not None else ""
        visibility = _opt_str(status, "visibility")
        if visibility:
            self._remember_visibility(status_id, visibility)
        edited = status.get("edited_at")
        return FetchedMention(
            external_id=status_id,
            kind=MentionKind.REPLY if parent_id else MentionKind.MENTION,
            author_handle=handle,
            author_name=(_opt_str(account, "display_name") or _opt_str(account, "username")
                         or acct)[:200],
            text=text,
            created_at=_time(status, "created_at"),
            html=content,
            url=_web_url(_opt_str(status, "url")) or _web_url(_opt_str(status, "uri")),
            author_url=_web_url(_opt_str(account, "url")),
            language=_opt_str(status, "language")[:35],
            thread_root_id=thread_root_id,
            parent_id=parent_id,
            edited_at=_time(status, "edited_at") if edited is not None else None,
        )

    def _remember_visibility(self, status_id: str, visibility: str) -> None:
        if len(self._visibility) > 10_000:
            self._visibility.clear()
        self._visibility[status_id] = visibility

    # -- threads ------------------------------------------------------------------------------

    def fetch_thread(self, external_id: str) -> tuple[FetchedMention, ...]:
        """The status with its ancestors and descendants, oldest first."""
        path = f"/api/v1/statuses/{_path_id(external_id)}"
        status = self._get(path).json_object()
        context = self._get(f"{path}/context").json_object()
        ancestors, descendants = context.get("ancestors"), context.get("descendants")
        if not isinstance(ancestors, list) or not isinstance(descendants, list):
            raise BadResponse("expected ancestors and descendants")
        for item in (*ancestors, *descendants):
            if not isinstance(item, dict):
                raise BadResponse("expected a status object")
        root = _id(ancestors[0], "id") if ancestors else _id(status, "id")
        thread = [self._mention(item, root) for item in (*ancestors, status, *descendants)]
        thread.sort(key=lambda mention: mention.created_at)  # stable: ties keep server order
        return tuple(thread)

    # -- replies and posts --------------------------------------------------------------------

    def send_reply(self, in_reply_to: FetchedMention | str, text: str, *,
                   idempotency_key: str, direct: bool = False) -> Published:
        """POST /api/v1/statuses as a reply. Visibility: direct when asked, else the original's,
        so a reply never shows a followers-only or private conversation to everyone."""
        parent = in_reply_to.external_id if isinstance(in_reply_to, FetchedMention) \
            else in_reply_to
        parent = _path_id(parent)
        visibility = "direct" if direct else self._visibility_of(parent)
        data = self._post("/api/v1/statuses", {
            "status": text,
            "in_reply_to_id": parent,
            "visibility": visibility,
        }, headers={"Idempotency-Key": _idempotency(idempotency_key)})
        return _published(data)

    def _visibility_of(self, status_id: str) -> str:
        visibility = self._visibility.get(status_id)
        if visibility is None:
            status = self._get(f"/api/v1/statuses/{status_id}").json_object()
            visibility = _opt_str(status, "visibility") or "public"
            self._remember_visibility(status_id, visibility)
        # A value this app does not know: the narrowest audience, never a wider one.
        return visibility if visibility in VISIBILITIES else "direct"

    def publish(self, text: str, *, idempotency_key: str,
                scheduled_at: datetime | None = None) -> Published:
        """A public post; with `scheduled_at` (at least 5 minutes ahead, else Rejected) the
        server keeps it and publishes it then, even with the app closed."""
        body: dict[str, Any] = {"status": text, "visibility": "public"}
        if scheduled_at is not None:
            if scheduled_at.tzinfo is None:
                raise ValueError("scheduled_at must be an aware datetime")
            when = scheduled_at.astimezone(UTC).isoformat(timespec="seconds")
            body["scheduled_at"] = when.replace("+00:00", "Z")
        data = self._post("/api/v1/statuses", body,
                          headers={"Idempotency-Key": _idempotency(idempotency_key)})
        if scheduled_at is not None and "params" in data and "content" not in data:
            return Published(remote_id=_id(data, "id"), scheduled=True)  # a ScheduledStatus
        return _published(data)


# -- HTML to plain text -----------------------------------------------------------------------

_PARAGRAPH = "\x00"  # markers, replaced once the whole text is known
_LINE = "\x01"
_PARAGRAPH_TAGS = {"p", "blockquote", "pre", "ul", "ol", "div",
                   "h1", "h2", "h3", "h4", "h5", "h6"}
_LINE_TAGS = {"li"}
_SKIP_TAGS = {"script", "style", "template"}
_MARKERS = re.compile("[\x00\x01]+")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _PARAGRAPH_TAGS:
            self.parts.append(_PARAGRAPH)
        elif tag in _LINE_TAGS:
            self.parts.append(_LINE)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _PARAGRAPH_TAGS:
            self.parts.append(_PARAGRAPH)
        elif tag in _LINE_TAGS:
            self.parts.append(_LINE)

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            # Every span's text is kept, "invisible" ones too, so links stay whole.
            self.parts.append(data.replace(_PARAGRAPH, "").replace(_LINE, ""))


def html_to_text(content: str) -> str:
    """Mastodon's status HTML as the plain text its author typed: paragraphs become blank
    lines, <br> a line break, entities decoded, and links whole (the text of
    `<span class="invisible">` parts is kept; the "…" is only drawn by the web UI's CSS)."""
    parser = _TextExtractor()
    parser.feed(content)
    parser.close()
    text = "".join(parser.parts).strip(_PARAGRAPH + _LINE + " \t\r\n")
    text = _MARKERS.sub(lambda m: "\n\n" if _PARAGRAPH in m.group() else "\n", text)
    return text.strip()


# -- reading answers (anything missing or ill-typed is BadResponse, never KeyError) ------------


def _str(data: dict[str, Any], key: str, *, allow_empty: bool = False,
         limit: int | None = 1000) -> str:
    value = data.get(key)
    if not isinstance(value, str) or (not value and not allow_empty):
        raise BadResponse(f"missing {key}")
    if limit is not None and len(value) > limit:
        raise BadResponse(f"{key} is too long")
    return value


def _opt_str(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadResponse(f"{key} is not text")
    return value


def _id(data: dict[str, Any], key: str) -> str:
    """Ids are opaque strings (a fork may send a number: kept as its digits, never compared)."""
    value = data.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not _ID.match(value):
        raise BadResponse(f"missing {key}")
    return value


def _id_order(value: str) -> tuple[int, str]:
    """How Mastodon's docs say to order ids when one must: by length, then lexically."""
    return (len(value), value)


def _time(data: dict[str, Any], key: str) -> datetime:
    value = data.get(key)
    if not isinstance(value, str) or len(value) > 64:
        raise BadResponse(f"missing {key}")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadResponse(f"unreadable {key}") from None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)


def _dig(data: dict[str, Any], *keys: str) -> dict[str, Any]:
    for key in keys:
        value = data.get(key)
        if not isinstance(value, dict):
            return {}
        data = value
    return data


def _bounded_int(value: object, default: int, low: int, high: int) -> int:
    if isinstance(value, str) and value.isdigit() and len(value) < 10:
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return default


def _account_domain(claimed: object, server_url: str) -> str | None:
    """The instance's account domain (LOCAL_DOMAIN), trusted only when it is this server's
    address or a parent domain of it (example.com for a server at social.example.com)."""
    if not isinstance(claimed, str) or not claimed or len(claimed) > 253:
        return None
    domain = claimed.strip().lower().removeprefix("https://").removeprefix("http://")
    domain = domain.rstrip("/")
    parts = urlsplit(server_url)
    netloc, host = parts.netloc.lower(), (parts.hostname or "").lower()
    if domain == netloc or ("." in domain and host.endswith("." + domain)):
        return domain
    return None


def _web_url(value: str) -> str:
    """A link worth keeping: https (or plain http to this computer), bounded; else ""."""
    if not value or len(value) > 2048:
        return ""
    try:
        return check_url(value)
    except NetworkError:
        return ""


def _link_id(reply: Reply, rel: str, name: str) -> str | None:
    """The id a Link header's rel points at (its URL is not followed: the token stays here)."""
    link = reply.links.get(rel) or {}
    url = link.get("url") if isinstance(link, dict) else None
    if not url:
        return None
    values = parse_qs(urlsplit(url).query).get(name)
    return values[0] if values and _ID.match(values[0]) else None


def _path_id(value: str) -> str:
    if not isinstance(value, str) or len(value) > _MAX_ID_LENGTH or not _ID.match(value):
        raise NotFound("not a Mastodon status id")
    return quote(value, safe="")


def _idempotency(key: str) -> str:
    if not key or len(key) > 200 or not all(c.isascii() and c.isprintable() for c in key):
        raise ValueError("an idempotency key (for example a UUID) is required")
    return key


def _published(data: dict[str, Any]) -> Published:
    return Published(remote_id=_id(data, "id"),
                     remote_url=_web_url(_opt_str(data, "url")) or _web_url(_opt_str(data, "uri")))
