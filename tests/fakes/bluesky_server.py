"""A PDS + AppView on 127.0.0.1 for what the real local network (tests/e2e/bluesky) cannot
produce: malformed JSON, null fields, 5 MB posts, pages served twice, cursors that go back,
429 with Retry-After, sessions that expire between two pages, and searchPosts with the
documented `since` and `lang` filters (the dev network's search ignores both).

Lists answer like the lexicons say (app.bsky.notification.listNotifications,
app.bsky.feed.searchPosts): newest first, `limit` items, an opaque `cursor` while more remain.
Any path can be overridden with a handler returning an `Answer`, to serve hostile bytes.

    def test_x(bluesky_fake: BlueskyFake) -> None:
        bluesky_fake.add_post("Maple croissants!")
        connector = bluesky_fake.connector()
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from app.networks.bluesky import BlueskyConnector, BlueskySession
from app.networks.http import Transport

SHOP_DID = "did:plc:shopmapledo2026aaaaaaaa"
CUSTOMER_DID = "did:plc:customer2026bbbbbbbbbbb"
SEARCH = "/xrpc/app.bsky.feed.searchPosts"
NOTIFICATIONS = "/xrpc/app.bsky.notification.listNotifications"
REFRESH = "/xrpc/com.atproto.server.refreshSession"


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@dataclasses.dataclass
class Answer:
    status: int = 200
    body: Any = None  # bytes are sent as they are, anything else as JSON
    headers: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Request:
    path: str
    query: dict[str, list[str]]
    auth: str
    body: Any = None  # a POST's JSON body (None when there is none or it is not JSON)

    def one(self, name: str, default: str = "") -> str:
        return self.query.get(name, [default])[0]


Handler = Callable[[Request], Answer]


class BlueskyFake:
    def __init__(self) -> None:
        self.posts: list[dict[str, Any]] = []  # postViews, any order
        self.notifications: list[dict[str, Any]] = []  # newest first, as the server keeps them
        self.routes: dict[str, Handler] = {}  # overrides by path
        self.requests: list[Request] = []
        self.access = "access-1"  # the access token the fake accepts
        self._lock = threading.Lock()
        self._serial = 0
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.02}, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    # What the tests use ---------------------------------------------------------------------
    def connector(self, saved: list[str] | None = None) -> BlueskyConnector:
        session = BlueskySession(did=SHOP_DID, handle="maple-do.example", pds_url=self.url,
                                 access_jwt="access-1", refresh_jwt="refresh-1")
        sink = saved if saved is not None else []
        return BlueskyConnector(session, on_secret_changed=sink.append,
                                transport_factory=lambda base_url, auth=None: Transport(
                                    base_url, auth=auth, sleep=lambda seconds: None))

    def post_view(self, text: Any, *, did: str = CUSTOMER_DID,
                  handle: Any = "customer.example", created: datetime | None = None,
                  indexed: datetime | None = None, langs: list[str] | None = None
                  ) -> dict[str, Any]:
        """A postView like the AppView's: its indexedAt is the sortAt, min(created, indexed)."""
        with self._lock:
            self._serial += 1
            serial = self._serial
        created = created or datetime.now(UTC) - timedelta(minutes=60) + timedelta(
            seconds=serial)
        indexed = indexed or min(created, datetime.now(UTC))
        record: dict[str, Any] = {"$type": "app.bsky.feed.post", "text": text,
                                  "createdAt": iso(created)}
        if langs is not None:
            record["langs"] = langs
        return {"uri": f"at://{did}/app.bsky.feed.post/3kfake{serial:07d}",
                "cid": f"bafyfake{serial}",
                "author": {"did": did, "handle": handle, "displayName": "Customer"},
                "record": record, "indexedAt": iso(min(created, indexed)),
                "likeCount": 0, "replyCount": 0, "repostCount": 0, "quoteCount": 0}

    def add_post(self, text: Any, **values: Any) -> dict[str, Any]:
        view = self.post_view(text, **values)
        with self._lock:
            self.posts.append(view)
        return view

    def add_notification(self, text: Any, reason: str = "mention", **values: Any
                         ) -> dict[str, Any]:
        """A new notification on top of the list (the newest)."""
        view = self.post_view(text, **values)
        note = {"uri": view["uri"], "cid": view["cid"], "author": view["author"],
                "reason": reason, "record": view["record"], "isRead": False,
                "indexedAt": view["indexedAt"], "labels": []}
        with self._lock:
            self.notifications.insert(0, note)
        return note

    def requests_to(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    # How the fake answers -------------------------------------------------------------------
    def answer(self, request: Request) -> Answer:
        handler = self.routes.get(request.path)
        if handler is not None:
            return handler(request)
        if request.auth != f"Bearer {self.access}":
            return Answer(400, {"error": "ExpiredToken", "message": "Token has expired"})
        if request.path == SEARCH:
            return Answer(body=self.search(request))
        if request.path == NOTIFICATIONS:
            return Answer(body=self.list_notifications(request))
        return Answer(404, {"error": "MethodNotImplemented"})

    def search(self, request: Request) -> dict[str, Any]:
        """searchPosts: q as a case-insensitive substring, `since` (inclusive) on the sortAt,
        `lang` on the record's langs, newest first."""
        q = request.one("q").lower()
        since = request.one("since")
        lang = request.one("lang")
        with self._lock:
            hits = [p for p in self.posts if isinstance(p.get("record"), dict)
                    and q in str(p["record"].get("text", "")).lower()]
        if since:
            hits = [p for p in hits if parse(p["indexedAt"]) >= parse(since)]
        if lang:
            hits = [p for p in hits if lang in (p["record"].get("langs") or [])]
        hits.sort(key=lambda p: (p["indexedAt"], p["uri"]), reverse=True)
        return page_of(hits, request, "posts", default_limit=25)

    def list_notifications(self, request: Request) -> dict[str, Any]:
        with self._lock:
            notes = list(self.notifications)
        return page_of(notes, request, "notifications", default_limit=50)


def page_of(items: list[Any], request: Request, key: str, *, default_limit: int
            ) -> dict[str, Any]:
    start = int(request.one("cursor", "0") or "0")
    limit = int(request.one("limit", str(default_limit)))
    page = items[start:start + limit]
    answer: dict[str, Any] = {key: page}
    if start + limit < len(items):
        answer["cursor"] = str(start + limit)
    return answer


def _handler_for(fake: BlueskyFake) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("content-length") or 0)
            body = None
            if length:
                try:
                    body = json.loads(self.rfile.read(length))
                except ValueError:
                    body = None
            request = Request(parts.path, parse_qs(parts.query),
                              self.headers.get("authorization", ""), body)
            with fake._lock:
                fake.requests.append(request)
            answer = fake.answer(request)
            body = answer.body if isinstance(answer.body, bytes) else json.dumps(
                answer.body, ensure_ascii=False).encode()
            try:
                self.send_response(answer.status)
                self.send_header("content-type", "application/json; charset=utf-8")
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        do_GET = do_POST = _serve

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def bluesky_fake() -> Iterator[BlueskyFake]:
    fake = BlueskyFake()
    try:
        yield fake
    finally:
        fake.close()
