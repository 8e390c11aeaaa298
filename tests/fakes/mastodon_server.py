"""A Mastodon 4.3+ server on 127.0.0.1 for tests: real sockets, the docs' payload shapes.

    with FakeMastodon() as server:
        server.url                       # http://127.0.0.1:<port>
        server.old_server = True         # before 4.3: no discovery (404), no `profile`, no PKCE
        server.deny = True               # the user presses Deny on the authorize page
        server.inject("429", path="/api/v1/notifications", times=1)
        server.inject("401", path="/api/v1/notifications", after=2)  # the 3rd request fails
        token = server.issue_token()     # skip OAuth for connector tests
        server.requests                  # what arrived (secrets redacted)
        server.add_tagged(author, "Love this place", ["shop"])   # for tag timelines
        server.full_text_search = True   # /api/v2/search finds statuses (Elasticsearch on)
        server.ignore_cursor = True      # every page request gets the newest page again
        server.link_backwards = True     # Link headers point the wrong way
        server.tamper = fn               # fn(path, payload) -> payload, on a deep copy
        server.clock = lambda: moment    # the server's "now" for scheduled statuses
        server.publish_due()             # what Sidekiq does: scheduled statuses whose time
                                         # has come become statuses

Pagination (notifications, tag timelines) follows Mastodon's `paginate_by_id`: max_id (older
than), since_id (newer than, newest first), min_id (the oldest batch right after it, still
returned newest first), limit clamped to `max_page_size`, and a Link header with rel="next"
(max_id) and rel="prev" (min_id) whenever the page is not empty. Nothing here logs a token or
a code.

Scheduled statuses (POST /api/v1/statuses with `scheduled_at`; GET /api/v1/scheduled_statuses,
GET/PUT/DELETE /api/v1/scheduled_statuses/:id) follow ScheduledStatusValidator: a time less than
5 minutes after `clock()` is a 422, and so is going over `scheduled_daily_limit` posts on one
(UTC) day or `scheduled_total_limit` in all.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import html
import ipaddress
import json
import re
import secrets
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

SECRET_FIELDS = {"client_secret", "code", "code_verifier", "token", "access_token", "state"}
ALL_SCOPES = {
    "read", "write", "push", "follow", "profile",
    "read:accounts", "read:blocks", "read:bookmarks", "read:favourites", "read:filters",
    "read:follows", "read:lists", "read:mutes", "read:notifications", "read:search",
    "read:statuses", "write:accounts", "write:blocks", "write:bookmarks", "write:conversations",
    "write:favourites", "write:filters", "write:follows", "write:lists", "write:media",
    "write:mutes", "write:notifications", "write:reports", "write:statuses",
}
FAULTS = ("401", "429", "500", "malformed_json", "html", "huge", "huge_unsized", "missing_fields")
HUGE = 6 * 1024 * 1024


def now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def pkce_s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def redirect_matches(requested: str, registered: str) -> bool:
    """Doorkeeper's URIChecker: equal, except that the port is ignored when both are loopback
    IP literals (127.0.0.0/8, ::1); `localhost` by name gets no exemption."""
    if requested == registered:
        return True
    a, b = urlsplit(requested), urlsplit(registered)
    try:
        loopback = (ipaddress.ip_address(a.hostname or "").is_loopback
                    and ipaddress.ip_address(b.hostname or "").is_loopback)
    except ValueError:
        return False
    return loopback and (a.scheme, a.hostname, a.path, a.query) == (
        b.scheme, b.hostname, b.path, b.query)


@dataclass
class Recorded:
    """One request as it arrived. Secret values are replaced by "<redacted>"; `bearer` says
    whether an Authorization header came, never what it held."""

    method: str
    path: str
    query: dict[str, list[str]]
    body: dict[str, Any]
    headers: dict[str, str]
    bearer: bool

    def q(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None


@dataclass
class Fault:
    kind: str
    path: str = ""  # prefix; "" = every path
    times: int | None = None  # None = until cleared
    after: int = 0  # matching requests answered normally before the fault starts


@dataclass
class App:
    client_id: str
    client_secret: str
    redirect_uris: list[str]
    scopes: set[str]


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    scopes: set[str]
    challenge: str | None
    used: bool = False


@dataclass
class Token:
    client_id: str
    scopes: set[str]
    revoked: bool = False


@dataclass
class Notification:
    id: int
    type: str
    created_at: datetime
    account: dict[str, Any]
    status_id: str | None
    filtered: bool = False


@dataclass
class Ids:
    """Snowflake-like status ids (18 digits) and small sequential notification ids."""

    status: int = 113_000_000_000_000_000
    notification: int = 95  # crosses 99 → 100: a lexical comparison would get it wrong
    scheduled: int = 0

    def next_status(self) -> str:
        self.status += 1
        return str(self.status)

    def next_scheduled(self) -> str:
        self.scheduled += 1
        return str(self.scheduled)

    def next_notification(self) -> int:
        self.notification += 1
        return self.notification


@dataclass
class State:
    apps: dict[str, App] = field(default_factory=dict)
    grants: dict[str, Grant] = field(default_factory=dict)
    tokens: dict[str, Token] = field(default_factory=dict)
    statuses: dict[str, dict[str, Any]] = field(default_factory=dict)
    notifications: list[Notification] = field(default_factory=list)
    scheduled: dict[str, dict[str, Any]] = field(default_factory=dict)
    idempotent: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    ids: Ids = field(default_factory=Ids)


class FakeMastodon:
    """The server. Switches are plain attributes; change them between requests."""

    def __init__(self) -> None:
        self.old_server = False  # < 4.3: discovery 404, redirect_uris only as a string, no profile
        self.deny = False  # the person presses Deny on the authorize page
        self.max_page_size = 80
        self.max_characters = 500
        self.characters_reserved_per_url = 23
        self.v2_instance = True  # False: /api/v2/instance is 404 (a server before 4.0)
        self.full_text_search = False  # Elasticsearch: /api/v2/search finds statuses by text
        self.ignore_cursor = False  # pages ignore max_id/min_id/since_id: the same page again
        self.link_backwards = False  # rel="prev" names an older id, rel="next" a newer one
        self.tamper: Callable[[str, Any], Any] | None = None  # (path, payload) -> payload
        self.known_tags: set[str] = set()  # tags that exist without any post (else 404)
        self.clock: Callable[[], datetime] = now  # "now" for the scheduled statuses' rules
        self.scheduled_daily_limit = 25  # Mastodon's ScheduledStatusValidator::DAILY_LIMIT
        self.scheduled_total_limit = 300  # ... and TOTAL_LIMIT
        self.requests: list[Recorded] = []
        self.errors: list[str] = []  # handler crashes; the fixture fails the test on any
        self.faults: list[Fault] = []
        self.lock = threading.RLock()
        self.state = State()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.shop = self.account("1", "shop", "Shop Name", local=True)
        self.seed()

    # -- life cycle -----------------------------------------------------------------------------

    def start(self) -> FakeMastodon:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        server.fake = self  # type: ignore[attr-defined]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeMastodon:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def domain(self) -> str:
        """What a dev server calls itself ("localhost:3000"): host and port."""
        return f"127.0.0.1:{self.port}"

    # -- switches and helpers for tests ---------------------------------------------------------

    def inject(self, kind: str, *, path: str = "", times: int | None = None,
               after: int = 0) -> None:
        assert kind in FAULTS, kind
        with self.lock:
            self.faults.append(Fault(kind, path, times, after))

    def clear_faults(self) -> None:
        with self.lock:
            self.faults.clear()

    def issue_token(self, scopes: str = "profile read:notifications read:statuses "
                    "write:statuses read:search") -> str:
        token = secrets.token_urlsafe(32)
        with self.lock:
            self.state.tokens[token] = Token("test", set(scopes.split()))
        return token

    def token_count(self) -> int:
        with self.lock:
            return len(self.state.tokens)

    def made(self, method: str, path: str) -> list[Recorded]:
        with self.lock:
            return [r for r in self.requests if r.method == method and r.path == path]

    def account(self, account_id: str, username: str, name: str, *, local: bool,
                domain: str = "other.example") -> dict[str, Any]:
        acct = username if local else f"{username}@{domain}"
        base = "https://fake.example" if local else f"https://{domain}"
        return {
            "id": account_id, "username": username, "acct": acct, "display_name": name,
            "locked": False, "bot": False, "discoverable": True, "group": False,
            "created_at": "2024-04-01T00:00:00.000Z", "note": "<p></p>",
            "url": f"{base}/@{username}", "uri": f"{base}/users/{username}",
            "avatar": f"{base}/avatars/{username}.png",
            "avatar_static": f"{base}/avatars/{username}.png",
            "header": f"{base}/headers/missing.png", "header_static": f"{base}/headers/missing.png",
            "followers_count": 3, "following_count": 5, "statuses_count": 40,
            "last_status_at": "2026-11-01", "emojis": [], "fields": [],
        }

    def add_status(self, account: dict[str, Any], content: str, *, created_at: datetime,
                   in_reply_to: str | None = None, visibility: str = "public",
                   language: str | None = "en", spoiler_text: str = "",
                   tags: list[str] | None = None, mentions_shop: bool = True
                   ) -> dict[str, Any]:
        with self.lock:
            status_id = self.state.ids.next_status()
            parent = self.state.statuses.get(in_reply_to) if in_reply_to else None
            status = {
                "id": status_id, "created_at": iso(created_at),
                "in_reply_to_id": in_reply_to,
                "in_reply_to_account_id": parent["account"]["id"] if parent else None,
                "sensitive": bool(spoiler_text), "spoiler_text": spoiler_text,
                "visibility": visibility, "language": language,
                "uri": f"{account['uri']}/statuses/{status_id}",
                "url": f"{account['url']}/{status_id}",
                "replies_count": 0, "reblogs_count": 0, "favourites_count": 0,
                "edited_at": None, "favourited": False, "reblogged": False, "muted": False,
                "bookmarked": False, "pinned": False, "content": content, "filtered": [],
                "reblog": None, "application": None, "account": account,
                "media_attachments": [], "mentions": [], "emojis": [], "card": None,
                "poll": None,
                "tags": [{"name": t.lower(), "url": f"https://fake.example/tags/{t.lower()}"}
                         for t in tags or []],
            }
            if account is not self.shop and mentions_shop:
                status["mentions"] = [{"id": "1", "username": "shop", "acct": "shop",
                                       "url": "https://fake.example/@shop"}]
            self.state.statuses[status_id] = status
            return status

    def add_mention(self, account: dict[str, Any], content: str, *,
                    created_at: datetime | None = None, in_reply_to: str | None = None,
                    visibility: str = "public", language: str | None = "en",
                    filtered: bool = False, spoiler_text: str = "") -> tuple[str, str]:
        """A status that mentions the shop, and its notification; returns (notification id,
        status id)."""
        moment = created_at or now()
        status = self.add_status(account, content, created_at=moment, in_reply_to=in_reply_to,
                                 visibility=visibility, language=language,
                                 spoiler_text=spoiler_text)
        with self.lock:
            nid = self.state.ids.next_notification()
            self.state.notifications.append(Notification(
                nid, "mention", moment + timedelta(milliseconds=120), account, status["id"],
                filtered))
        return str(nid), status["id"]

    def add_tagged(self, account: dict[str, Any], text: str, tags: list[str], *,
                   created_at: datetime | None = None, language: str | None = "en",
                   visibility: str = "public") -> str:
        """A post with hashtags written as Mastodon renders them; returns the status id."""
        links = " ".join(
            f'<a href="https://fake.example/tags/{html.escape(t.lower())}" class="mention '
            f'hashtag" rel="tag">#<span>{html.escape(t)}</span></a>' for t in tags)
        return str(self.add_status(
            account, f"<p>{text} {links}</p>", created_at=created_at or now(),
            language=language, visibility=visibility, tags=tags, mentions_shop=False)["id"])

    def add_favourite(self, account: dict[str, Any], status_id: str, moment: datetime) -> str:
        with self.lock:
            nid = self.state.ids.next_notification()
            self.state.notifications.append(
                Notification(nid, "favourite", moment, account, status_id))
        return str(nid)

    def publish_due(self, at: datetime | None = None) -> list[dict[str, Any]]:
        """Publish every scheduled status whose time has come (by `at`, else `clock()`), as the
        server's PublishScheduledStatusWorker does; returns the statuses made."""
        moment = at or self.clock()
        made = []
        with self.lock:
            for scheduled_id, item in sorted(self.state.scheduled.items(),
                                             key=lambda kv: int(kv[0])):
                when = datetime.fromisoformat(item["scheduled_at"].replace("Z", "+00:00"))
                if when > moment:
                    continue
                del self.state.scheduled[scheduled_id]
                params = item["params"]
                made.append(self.add_status(
                    self.shop, f"<p>{html.escape(params['text'])}</p>", created_at=when,
                    in_reply_to=params["in_reply_to_id"], visibility=params["visibility"],
                    language=params["language"]))
        return made

    def shop_posts(self) -> list[dict[str, Any]]:
        """The shop's own top-level statuses, oldest first."""
        with self.lock:
            return [s for s in self.state.statuses.values()
                    if s["account"]["id"] == self.shop["id"] and not s["in_reply_to_id"]]

    def notification_ids(self) -> list[str]:
        with self.lock:
            return [str(n.id) for n in self.state.notifications]

    def seed(self) -> None:
        """Three weeks of mentions, newest last: some older than 14 days, a filtered stranger,
        a link split into invisible/ellipsis spans, Japanese, replies, a direct message."""
        aiko = self.account("2", "aiko", "Aiko 🌸", local=True)
        ben = self.account("3", "ben", "Ben", local=False, domain="other.example")
        yuki = self.account("4", "yuki", "ゆき", local=False, domain="mstdn.example.jp")
        newbie = self.account("5", "newbie", "", local=False, domain="faraway.example")
        start = now() - timedelta(days=21)
        self.shop_post = self.add_status(
            self.shop, "<p>Spring menu is out! Open 10:00–18:00.</p>",
            created_at=start - timedelta(days=1))["id"]
        self.old_ids: list[str] = []
        for day in range(4):  # 21..18 days ago: outside a 14-day first sync
            nid, _ = self.add_mention(
                aiko, f'<p><span class="h-card"><a href="https://fake.example/@shop" '
                f'class="u-url mention">@<span>shop</span></a></span> old question {day}</p>',
                created_at=start + timedelta(days=day))
            self.old_ids.append(nid)
        recent = now() - timedelta(days=10)
        for hour in range(8):
            self.add_mention(ben, f"<p>@shop hello number {hour}</p>",
                             created_at=recent + timedelta(hours=hour))
        self.link_status = self.add_mention(
            ben,
            '<p><span class="h-card"><a href="https://fake.example/@shop" class="u-url mention"'
            '>@<span>shop</span></a></span> Is this your menu? <a href="https://example.shop/'
            'menu/spring-2026?lang=ja&amp;ref=fedi" target="_blank" rel="nofollow noopener '
            'noreferrer" translate="no"><span class="invisible">https://</span><span class="'
            'ellipsis">example.shop/menu/spring-20</span><span class="invisible">26?lang=ja&amp;'
            'ref=fedi</span></a> Tom &amp; Jerry&#39;s favourite &lt;3</p><p>Second line</p>',
            created_at=now() - timedelta(days=2))[1]
        self.japanese_status = self.add_mention(
            yuki,
            '<p><span class="h-card"><a href="https://fake.example/@shop" class="u-url mention"'
            '>@<span>shop</span></a></span> こんにちは！<br>明日の営業時間を教えてください。</p>',
            created_at=now() - timedelta(days=1, hours=6), language="ja")[1]
        self.reply_status = self.add_mention(
            aiko, "<p>@shop Does the spring menu have vegan options?</p>",
            created_at=now() - timedelta(days=1), in_reply_to=self.shop_post)[1]
        self.filtered_status = self.add_mention(
            newbie, "<p>@shop first time here, do you ship abroad?</p>",
            created_at=now() - timedelta(hours=20), filtered=True)[1]
        self.add_favourite(aiko, self.shop_post, now() - timedelta(hours=10))
        self.private_status = self.add_mention(
            aiko, "<p>@shop (followers only) my order number is 1234</p>",
            created_at=now() - timedelta(hours=5), visibility="private")[1]
        self.direct_status = self.add_mention(
            ben, "<p>@shop my address is 1 Main St, please call me</p>",
            created_at=now() - timedelta(hours=2), visibility="direct")[1]
        # A thread: the shop's post, aiko's question (the reply above), the shop's answer,
        # and aiko's thanks.
        answer = self.add_status(self.shop, "<p>@aiko Yes, two of them!</p>",
                                 created_at=now() - timedelta(hours=23),
                                 in_reply_to=self.reply_status)
        self.thanks = self.add_status(aiko, "<p>@shop thank you</p>",
                                      created_at=now() - timedelta(hours=22),
                                      in_reply_to=answer["id"])["id"]

    # -- the wire -------------------------------------------------------------------------------

    def take_fault(self, path: str) -> str | None:
        with self.lock:
            for fault in self.faults:
                if path.startswith(fault.path):
                    if fault.after > 0:
                        fault.after -= 1
                        continue
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times <= 0:
                            self.faults.remove(fault)
                    return fault.kind
        return None


class Answer(Exception):
    """Raised by routes to answer at once (an error, a redirect, a page)."""

    def __init__(self, status: int, body: Any = None, *, headers: dict[str, str] | None = None,
                 raw: bytes | None = None, content_type: str = "application/json") -> None:
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}
        self.raw = raw
        self.content_type = content_type


def _error(status: int, message: str, description: str | None = None) -> Answer:
    body: dict[str, Any] = {"error": message}
    if description:
        body["error_description"] = description
    return Answer(status, body)


def _one(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None


def _strip_fields(value: Any) -> Any:
    """The "missing_fields" fault: ids, names and times vanish."""
    if isinstance(value, list):
        return [_strip_fields(v) for v in value]
    if isinstance(value, dict):
        return {k: _strip_fields(v) for k, v in value.items()
                if k not in {"id", "username", "acct", "created_at", "content"}}
    return value


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as two writes on a kept-alive line
    server_version = "FakeMastodon/4.3"
    sys_version = ""

    _extra_headers: dict[str, str]  # set per request by routes (the Link header)

    def log_message(self, format: str, *args: object) -> None:
        """Silent: request lines carry codes."""

    @property
    def fake(self) -> FakeMastodon:
        return self.server.fake  # type: ignore[attr-defined]

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def _serve(self, method: str) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        body = self._read_body()
        headers = {k.lower(): v for k, v in self.headers.items()}
        bearer = headers.get("authorization", "")
        record = Recorded(
            method, parts.path, {k: ["<redacted>"] if k in SECRET_FIELDS else v
                                 for k, v in query.items()},
            {k: "<redacted>" if k in SECRET_FIELDS else v for k, v in body.items()},
            {k: ("<redacted>" if k == "authorization" else v) for k, v in headers.items()},
            bearer.startswith("Bearer "),
        )
        with self.fake.lock:
            self.fake.requests.append(record)
        self._extra_headers = {}
        try:
            fault = self.fake.take_fault(parts.path)
            if fault in ("huge", "huge_unsized", "401", "429", "500", "html"):
                self._fault(fault)
                return
            result = self._route(method, parts.path, query, body, headers)
            if fault == "malformed_json":
                raise Answer(200, raw=b'{"id": "1", "username": "sh')
            if fault == "missing_fields":
                result = _strip_fields(result)
            if self.fake.tamper is not None and method == "GET":
                result = self.fake.tamper(parts.path, copy.deepcopy(result))
            self._send(200, json.dumps(result, ensure_ascii=False).encode(), "application/json",
                       self._extra_headers)
        except Answer as answer:
            raw = answer.raw if answer.raw is not None else (
                json.dumps(answer.body, ensure_ascii=False).encode()
                if answer.body is not None else b"")
            self._send(answer.status, raw, answer.content_type, answer.headers)
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception:
            self.fake.errors.append(traceback.format_exc())
            self._send(500, b'{"error":"fake crashed"}', "application/json", {})

    def _read_body(self) -> dict[str, Any]:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        if not raw:
            return {}
        kind = self.headers.get("content-type", "")
        if kind.startswith("application/json"):
            value = json.loads(raw)
            return value if isinstance(value, dict) else {}
        return {k: v if len(v) > 1 else v[0]
                for k, v in parse_qs(raw.decode(), keep_blank_values=True).items()}

    def _send(self, status: int, body: bytes, content_type: str,
              headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        reset = iso(now() + timedelta(minutes=5))
        self.send_header("X-RateLimit-Limit", "300")
        self.send_header("X-RateLimit-Remaining", "299")
        self.send_header("X-RateLimit-Reset", reset)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _fault(self, kind: str) -> None:
        if kind == "401":
            self._send(401, b'{"error":"The access token is invalid"}', "application/json", {})
        elif kind == "429":
            self._send(429, b'{"error":"Too many requests"}', "application/json",
                       {"Retry-After": "42", "X-RateLimit-Remaining": "0"})
        elif kind == "500":
            self._send(500, b'{"error":"We\'re sorry, but something went wrong"}',
                       "application/json", {})
        elif kind == "html":
            self._send(200, b"<!DOCTYPE html><html><body><h1>Welcome to my blog</h1>"
                       b"<p>Not a Mastodon server.</p></body></html>", "text/html", {})
        elif kind == "huge":
            self._send(200, b"[" + b" " * HUGE + b"]", "application/json", {})
        elif kind == "huge_unsized":  # no Content-Length: only counting the bytes catches it
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b" " * 65536
            for _ in range(HUGE // len(chunk) + 1):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")

    # -- routes ---------------------------------------------------------------------------------

    def _route(self, method: str, path: str, query: dict[str, list[str]],
               body: dict[str, Any], headers: dict[str, str]) -> Any:
        self._extra_headers = {}
        fake = self.fake
        if method == "POST" and path == "/api/v1/apps":
            return self._register(body)
        if method == "GET" and path == "/.well-known/oauth-authorization-server":
            if fake.old_server:
                raise _error(404, "Record not found")
            return self._discovery()
        if method == "GET" and path == "/oauth/authorize":
            self._authorize(query)
        if method == "GET" and path == "/oauth/authorize/native":
            code = html.escape((query.get("code") or [""])[0])
            raise Answer(200, raw=(
                '<!DOCTYPE html><html><body><p>Copy this authorization code and paste it '
                f'into the application.</p><input class="oauth-code" readonly type="text" '
                f'value="{code}"></body></html>').encode(), content_type="text/html")
        if method == "POST" and path == "/oauth/token":
            return self._token(body)
        if method == "POST" and path == "/oauth/revoke":
            return self._revoke(body)
        if method == "GET" and path == "/api/v2/instance":
            if not fake.v2_instance:
                raise _error(404, "Record not found")
            return self._instance_v2()
        if method == "GET" and path == "/api/v1/instance":
            return self._instance_v1()
        token = self._token_for(headers)
        if method == "GET" and path == "/api/v1/accounts/verify_credentials":
            self._need(token, "profile", "read:accounts", "read")
            return dict(fake.shop, source={"privacy": "public", "sensitive": False,
                                           "language": "ja", "note": "", "fields": []})
        if method == "GET" and path == "/api/v1/notifications":
            self._need(token, "read:notifications", "read")
            return self._notifications(query)
        if method == "GET" and path.startswith("/api/v1/timelines/tag/"):
            # Public unless the server disabled previews; a token, when sent, must be valid.
            return self._tag_timeline(unquote(path.removeprefix("/api/v1/timelines/tag/")),
                                      query)
        if method == "GET" and path == "/api/v2/search":
            self._need(token, "read:search", "read")
            return self._search(query)
        if path.startswith("/api/v1/statuses/") and method == "GET":
            self._need(token, "read:statuses", "read")
            rest = path.removeprefix("/api/v1/statuses/").split("/")
            status = fake.state.statuses.get(rest[0])
            if status is None:
                raise _error(404, "Record not found")
            if rest[1:] == ["context"]:
                return self._context(rest[0])
            if rest[1:]:
                raise _error(404, "Record not found")
            return status
        if method == "POST" and path == "/api/v1/statuses":
            self._need(token, "write:statuses", "write")
            return self._post_status(body, headers)
        if path.startswith("/api/v1/accounts/") and path.endswith("/statuses") \
                and method == "GET":
            self._need(token, "read:statuses", "read")
            return self._account_statuses(path.split("/")[4], query)
        if path == "/api/v1/scheduled_statuses" and method == "GET":
            self._need(token, "read:statuses", "read")
            with fake.lock:
                items = list(fake.state.scheduled.values())
                return self._paginate(items, lambda s: int(s["id"]), query,
                                      "/api/v1/scheduled_statuses", default=20, most=40)
        if path.startswith("/api/v1/scheduled_statuses/"):
            return self._scheduled_status(method, token, path.split("/")[4], body)
        raise _error(404, "Record not found")

    def _account_statuses(self, account_id: str, query: dict[str, list[str]]
                          ) -> list[dict[str, Any]]:
        """GET /api/v1/accounts/:id/statuses, as the account itself sees them, newest first."""
        fake = self.fake
        with fake.lock:
            statuses = [s for s in fake.state.statuses.values()
                        if s["account"]["id"] == account_id
                        and not (_one(query, "exclude_replies") == "true" and s["in_reply_to_id"])]
            return self._paginate(statuses, lambda s: int(s["id"]), query,
                                  f"/api/v1/accounts/{account_id}/statuses", default=20, most=40)

    def _scheduled_status(self, method: str, token: Token, scheduled_id: str,
                          body: dict[str, Any]) -> dict[str, Any]:
        """GET (read:statuses), PUT (only scheduled_at) and DELETE (write:statuses) of one."""
        fake = self.fake
        self._need(token, *(("read:statuses", "read") if method == "GET"
                            else ("write:statuses", "write")))
        with fake.lock:
            item = fake.state.scheduled.get(scheduled_id)
            if item is None or method not in ("GET", "PUT", "DELETE"):
                raise _error(404, "Record not found")
            if method == "GET":
                return item
            if method == "DELETE":
                del fake.state.scheduled[scheduled_id]
                return {}
            when = self._schedule_time(body.get("scheduled_at"), moving=scheduled_id)
            item["scheduled_at"] = iso(when)
            return item

    def _schedule_time(self, value: object, *, moving: str = "") -> datetime:
        """ScheduledStatusValidator: at least 5 minutes ahead, within the daily and total
        limits (a status being moved does not count against itself)."""
        fake = self.fake
        try:
            when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            raise _error(422, "Validation failed: Scheduled at is invalid") from None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        if when < fake.clock() + timedelta(minutes=5):
            raise _error(422, "Validation failed: Scheduled at The scheduled date must be in "
                         "the future")
        others = [s for i, s in fake.state.scheduled.items() if i != moving]
        if len(others) >= fake.scheduled_total_limit:
            raise _error(422, "Validation failed: You have exceeded the limit of "
                         f"{fake.scheduled_total_limit} scheduled posts")
        same_day = [s for s in others if s["scheduled_at"][:10] == iso(when)[:10]]
        if len(same_day) >= fake.scheduled_daily_limit:
            raise _error(422, "Validation failed: You have exceeded the limit of "
                         f"{fake.scheduled_daily_limit} scheduled posts for today")
        return when

    def _register(self, body: dict[str, Any]) -> dict[str, Any]:
        fake = self.fake
        uris = body.get("redirect_uris")
        if isinstance(uris, list):
            if fake.old_server:  # permit(:redirect_uris) drops an array: the field is blank
                raise _error(422, "Validation failed: Redirect URI can't be blank")
            uri_list = [u for u in uris if isinstance(u, str)]
        elif isinstance(uris, str):
            uri_list = uris.split()
        else:
            uri_list = []
        if not body.get("client_name") or not uri_list:
            raise _error(422, "Validation failed: Redirect URI can't be blank")
        scopes = set(str(body.get("scopes") or "read").split())
        known = ALL_SCOPES - ({"profile"} if fake.old_server else set())
        if not scopes <= known:
            raise _error(422, "Validation failed: Scopes must be a subset of the known scopes")
        app = App(secrets.token_urlsafe(32), secrets.token_urlsafe(32), uri_list, scopes)
        with fake.lock:
            fake.state.apps[app.client_id] = app
        return {
            "id": str(len(fake.state.apps)), "name": body["client_name"],
            "website": body.get("website"), "scopes": sorted(scopes),
            "redirect_uri": "\n".join(uri_list), "redirect_uris": uri_list,
            "client_id": app.client_id, "client_secret": app.client_secret,
            "client_secret_expires_at": 0,
            "vapid_key": "BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4U",
        }

    def _discovery(self) -> dict[str, Any]:
        base = self.fake.url
        return {
            "issuer": f"{base}/",
            "service_documentation": "https://docs.joinmastodon.org/",
            "authorization_endpoint": f"{base}/oauth/authorize",
            "token_endpoint": f"{base}/oauth/token",
            "app_registration_endpoint": f"{base}/api/v1/apps",
            "revocation_endpoint": f"{base}/oauth/revoke",
            "userinfo_endpoint": f"{base}/oauth/userinfo",
            "scopes_supported": sorted(ALL_SCOPES),
            "response_types_supported": ["code"],
            "response_modes_supported": ["query", "fragment", "form_post"],
            "code_challenge_methods_supported": ["S256"],
            "grant_types_supported": ["authorization_code", "client_credentials"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic",
                                                      "client_secret_post"],
        }

    def _authorize(self, query: dict[str, list[str]]) -> None:
        """The person is signed in and presses Authorize (or Deny, with `fake.deny`)."""
        fake = self.fake

        def one(name: str) -> str:
            return (query.get(name) or [""])[0]

        app = fake.state.apps.get(one("client_id"))
        if app is None:
            raise Answer(401, raw=b"<html><body>Client authentication failed</body></html>",
                         content_type="text/html")
        redirect_uri = one("redirect_uri")
        if not any(redirect_matches(redirect_uri, r) for r in app.redirect_uris):
            raise Answer(400, raw=b"<html><body>The redirect uri included is not valid."
                         b"</body></html>", content_type="text/html")
        scopes = set(one("scope").split() or ["read"])
        state = one("state")

        def back(**params: str) -> Answer:
            if state:
                params["state"] = state
            if redirect_uri == "urn:ietf:wg:oauth:2.0:oob":
                target = f"{fake.url}/oauth/authorize/native?{urlencode(params)}"
            else:
                target = f"{redirect_uri}?{urlencode(params)}"
            return Answer(302, headers={"Location": target}, raw=b"")

        if one("response_type") != "code" or not scopes <= app.scopes:
            raise back(error="invalid_scope",
                       error_description="The requested scope is invalid, unknown, or malformed.")
        challenge = None
        if not fake.old_server and one("code_challenge"):  # old servers ignore PKCE parameters
            if one("code_challenge_method") != "S256":
                raise back(error="invalid_request")
            challenge = one("code_challenge")
        if fake.deny:
            raise back(error="access_denied", error_description="The resource owner or "
                       "authorization server denied the request.")
        code = secrets.token_urlsafe(32)
        with fake.lock:
            fake.state.grants[code] = Grant(app.client_id, redirect_uri, scopes, challenge)
        raise back(code=code)

    def _token(self, body: dict[str, Any]) -> dict[str, Any]:
        fake = self.fake
        app = fake.state.apps.get(str(body.get("client_id", "")))
        if app is None or not secrets.compare_digest(
                str(body.get("client_secret", "")), app.client_secret):
            raise _error(401, "invalid_client", "Client authentication failed due to unknown "
                         "client, no client authentication included, or unsupported "
                         "authentication method.")
        if body.get("grant_type") != "authorization_code":
            raise _error(400, "unsupported_grant_type")
        with fake.lock:
            grant = fake.state.grants.get(str(body.get("code", "")))
            invalid = _error(400, "invalid_grant", "The provided authorization grant is "
                             "invalid, expired, revoked, does not match the redirection URI "
                             "used in the authorization request, or was issued to another "
                             "client.")
            if grant is None or grant.used or grant.client_id != app.client_id:
                raise invalid
            if not redirect_matches(str(body.get("redirect_uri", "")), grant.redirect_uri):
                raise invalid
            if grant.challenge is not None:
                verifier = str(body.get("code_verifier", ""))
                if not verifier or pkce_s256(verifier) != grant.challenge:
                    raise invalid
            grant.used = True
            token = secrets.token_urlsafe(32)
            fake.state.tokens[token] = Token(app.client_id, set(grant.scopes))
        return {"access_token": token, "token_type": "Bearer",
                "scope": " ".join(sorted(grant.scopes)),
                "created_at": int(now().timestamp())}

    def _revoke(self, body: dict[str, Any]) -> dict[str, Any]:
        fake = self.fake
        app = fake.state.apps.get(str(body.get("client_id", "")))
        if app is None or str(body.get("client_secret", "")) != app.client_secret:
            raise _error(403, "unauthorized_client", "You are not authorized to revoke this "
                         "token")
        with fake.lock:
            token = fake.state.tokens.get(str(body.get("token", "")))
            if token is not None:
                token.revoked = True
        return {}

    def _token_for(self, headers: dict[str, str]) -> Token:
        value = headers.get("authorization", "")
        token = self.fake.state.tokens.get(value.removeprefix("Bearer ").strip()) \
            if value.startswith("Bearer ") else None
        if token is None or token.revoked:
            raise _error(401, "The access token is invalid")
        return token

    @staticmethod
    def _need(token: Token, *scopes: str) -> None:
        if not token.scopes & set(scopes):
            raise _error(403, "This action is outside the authorized scopes")

    def _instance_v2(self) -> dict[str, Any]:
        fake = self.fake
        return {
            "domain": fake.domain, "title": "Fake Social", "version": "4.3.2",
            "source_url": "https://github.com/mastodon/mastodon",
            "description": "A Mastodon server for tests.",
            "usage": {"users": {"active_month": 12}},
            "thumbnail": {"url": f"{fake.url}/thumb.png"},
            "languages": ["en", "ja"],
            "configuration": {
                "urls": {"streaming": f"ws://{fake.domain}"},
                "accounts": {"max_featured_tags": 10, "max_pinned_statuses": 5},
                "statuses": {
                    "max_characters": fake.max_characters,
                    "max_media_attachments": 4,
                    "characters_reserved_per_url": fake.characters_reserved_per_url,
                },
                "media_attachments": {"image_size_limit": 16777216},
                "polls": {"max_options": 4},
                "translation": {"enabled": False},
            },
            "registrations": {"enabled": False, "approval_required": False},
            "api_versions": {"mastodon": 2},
            "contact": {"email": "admin@fake.example", "account": None},
            "rules": [],
        }

    def _instance_v1(self) -> dict[str, Any]:
        fake = self.fake
        return {"uri": fake.domain, "title": "Old Fake Social", "version": "3.3.0",
                "max_toot_chars": fake.max_characters, "languages": ["en"],
                "stats": {"user_count": 12}}

    def _notifications(self, query: dict[str, list[str]]) -> list[dict[str, Any]]:
        fake = self.fake
        types = set(query.get("types[]", []))
        exclude = set(query.get("exclude_types[]", []))
        include_filtered = _one(query, "include_filtered") in ("true", "1")
        with fake.lock:
            items = [n for n in fake.state.notifications
                     if (not types or n.type in types) and n.type not in exclude
                     and (include_filtered or not n.filtered)]
            page = self._paginate(items, lambda n: n.id, query, "/api/v1/notifications",
                                  default=40, most=80)
            return [self._notification(n) for n in page]

    def _tag_timeline(self, name: str, query: dict[str, list[str]]) -> list[dict[str, Any]]:
        """Public posts with the tag, no boosts: GET /api/v1/timelines/tag/:hashtag."""
        fake = self.fake
        tag = name.lower()
        with fake.lock:
            tagged = [s for s in fake.state.statuses.values()
                      if any(t["name"] == tag for t in s["tags"])]
            if not tagged and tag not in fake.known_tags:
                raise _error(404, "Record not found")
            public = [s for s in tagged if s["visibility"] == "public"]
            return self._paginate(public, lambda s: int(s["id"]), query,
                                  f"/api/v1/timelines/tag/{quote(name)}", default=20, most=40)

    def _search(self, query: dict[str, list[str]]) -> dict[str, Any]:
        """GET /api/v2/search: statuses only when `full_text_search` is on (Elasticsearch),
        matching every word of q, newest first; min_id/max_id filter, no Link header."""
        fake = self.fake
        q = _one(query, "q")
        if not q:
            raise _error(400, "Validation failed: q can't be blank")
        statuses: list[dict[str, Any]] = []
        if fake.full_text_search and _one(query, "type") in (None, "statuses"):
            words = q.casefold().split()
            limit = max(1, min(int(_one(query, "limit") or 20), 40))
            with fake.lock:
                for status in sorted(fake.state.statuses.values(), key=lambda s: int(s["id"]),
                                     reverse=True):
                    text = html.unescape(re.sub(r"<[^>]*>", "", status["content"])).casefold()
                    if status["visibility"] != "public" or not all(w in text for w in words):
                        continue
                    if _one(query, "min_id") and int(status["id"]) <= int(
                            _one(query, "min_id") or 0):
                        continue
                    if _one(query, "max_id") and int(status["id"]) >= int(
                            _one(query, "max_id") or 0):
                        continue
                    statuses.append(status)
            statuses = statuses[:limit]
        return {"accounts": [], "statuses": statuses, "hashtags": []}

    def _paginate(self, items: list[Any], key: Callable[[Any], int],
                  query: dict[str, list[str]], path: str, *, default: int, most: int
                  ) -> list[Any]:
        """Mastodon's paginate_by_id over `items`; sets the Link header for a non-empty page."""
        fake = self.fake
        try:
            limit = max(1, min(int(_one(query, "limit") or default), most, fake.max_page_size))
        except ValueError:
            limit = default
        items = sorted(items, key=key, reverse=True)  # the fake knows its ids are numbers
        max_id, since_id, min_id = (_one(query, n) for n in ("max_id", "since_id", "min_id"))
        if fake.ignore_cursor:
            max_id = since_id = min_id = None
        if max_id:
            items = [i for i in items if key(i) < int(max_id)]
        if since_id:
            items = [i for i in items if key(i) > int(since_id)]
        items = [i for i in items if key(i) > int(min_id)][-limit:] if min_id else items[:limit]
        if items:
            newest, oldest = key(items[0]), key(items[-1])
            if fake.link_backwards:
                newest, oldest = oldest - 1, newest + 1
            kept = [(k, v) for k, vs in query.items() if k not in ("max_id", "min_id",
                                                                    "since_id") for v in vs]
            base = f"{fake.url}{path}"
            older = urlencode([*kept, ("max_id", str(oldest))])
            newer = urlencode([*kept, ("min_id", str(newest))])
            self._extra_headers = {
                "Link": f'<{base}?{older}>; rel="next", <{base}?{newer}>; rel="prev"'}
        return items

    def _notification(self, n: Notification) -> dict[str, Any]:
        status = self.fake.state.statuses.get(n.status_id or "")
        return {"id": str(n.id), "type": n.type, "group_key": f"ungrouped-{n.id}",
                "created_at": iso(n.created_at), "account": n.account, "status": status}

    def _context(self, status_id: str) -> dict[str, Any]:
        statuses = self.fake.state.statuses
        ancestors = []
        parent = statuses[status_id]["in_reply_to_id"]
        while parent and parent in statuses:
            ancestors.insert(0, statuses[parent])
            parent = statuses[parent]["in_reply_to_id"]
        descendants: list[dict[str, Any]] = []

        def walk(of: str) -> None:  # depth-first, as Mastodon orders descendants
            for child in statuses.values():
                if child["in_reply_to_id"] == of:
                    descendants.append(child)
                    walk(child["id"])

        walk(status_id)
        return {"ancestors": ancestors, "descendants": descendants}

    def _post_status(self, body: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
        fake = self.fake
        key = headers.get("idempotency-key")
        with fake.lock:
            if key and (headers.get("authorization", ""), key) in fake.state.idempotent:
                return fake.state.idempotent[(headers["authorization"], key)]
            text = body.get("status")
            if not isinstance(text, str) or not text.strip():
                raise _error(422, "Validation failed: Text can't be blank")
            if len(text) > fake.max_characters:
                raise _error(422, "Validation failed: Text character limit of "
                             f"{fake.max_characters} exceeded")
            parent = body.get("in_reply_to_id")
            if parent and parent not in fake.state.statuses:
                raise _error(404, "The post you are trying to reply to does not appear to exist.")
            visibility = body.get("visibility") or "public"
            if visibility not in ("public", "unlisted", "private", "direct"):
                raise _error(422, "Validation failed: Visibility is not included in the list")
            result: dict[str, Any]
            language = body.get("language") if isinstance(body.get("language"), str) else None
            if body.get("scheduled_at"):
                when = self._schedule_time(body["scheduled_at"])
                scheduled_id = fake.state.ids.next_scheduled()
                result = {"id": scheduled_id, "scheduled_at": iso(when), "params": {
                    "text": text, "visibility": visibility, "in_reply_to_id": parent,
                    "idempotency": key, "scheduled_at": None, "poll": None, "media_ids": None,
                    "sensitive": None, "spoiler_text": None, "application_id": 1,
                    "language": language, "with_rate_limit": False}, "media_attachments": []}
                fake.state.scheduled[scheduled_id] = result
            else:
                result = fake.add_status(fake.shop, f"<p>{html.escape(text)}</p>",
                                         created_at=fake.clock(), in_reply_to=parent,
                                         visibility=visibility,
                                         language=language or "en")
            if key:
                fake.state.idempotent[(headers.get("authorization", ""), key)] = result
            return result
