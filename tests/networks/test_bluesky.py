"""Bluesky connector without a network: session storage, record keys, and the answers the local
dev network cannot give (email 2FA, takedowns, did:web) from a small fake on 127.0.0.1.

The real behaviour (login, refresh, mentions, replies) is tested against the real AT Protocol
servers in test_bluesky_network.py.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from app.core.model import MentionKind
from app.networks.bluesky import (
    BlueskyConnector,
    BlueskySession,
    login,
    record_key,
)
from app.networks.errors import (
    AuthExpired,
    AuthFailed,
    BadResponse,
    NotFound,
    NotSupported,
    Rejected,
)
from app.networks.http import Transport, error_code

Route = Callable[[dict[str, Any]], tuple[int, Any]]


class FakeServer:
    """Answers XRPC paths from a dict of handlers; records every request it saw."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[dict[str, Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length)) if length else None
                request = {"path": parts.path, "query": parse_qs(parts.query), "body": body,
                           "auth": self.headers.get("authorization", "")}
                outer.seen.append(request)
                route = outer.routes.get(parts.path)
                status, answer = route(request) if route else (404, {"error": "NotFound"})
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _answer

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.did_web = f"did:web:127.0.0.1%3A{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,),
                                       daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def count(self, path: str) -> int:
        return sum(1 for request in self.seen if request["path"] == path)


@pytest.fixture
def fake() -> Iterator[FakeServer]:
    server = FakeServer()
    yield server
    server.close()


def no_wait(base_url: str, auth: Any = None) -> Transport:
    return Transport(base_url, auth=auth, sleep=lambda seconds: None)


def session_for(server: FakeServer, **changes: str) -> BlueskySession:
    values = {"did": server.did_web, "handle": "shop.example", "pds_url": server.url,
              "access_jwt": "access-1", "refresh_jwt": "refresh-1", **changes}
    return BlueskySession(**values)


# --- the session -----------------------------------------------------------------------------


def test_session_survives_a_json_round_trip_and_hides_its_tokens() -> None:
    session = BlueskySession(did="did:plc:abc", handle="shop.bsky.social",
                             pds_url="https://pds.example", access_jwt="secret-access",
                             refresh_jwt="secret-refresh")
    assert BlueskySession.from_json(session.to_json()) == session
    assert "secret" not in repr(session)
    assert json.loads(session.to_json())["version"] == 1


@pytest.mark.parametrize("stored", ["", "not json", "[]", '{"did": "did:plc:abc"}',
                                    '{"did": "", "handle": "h", "pds_url": "u", '
                                    '"access_jwt": "a", "refresh_jwt": "r"}'])
def test_an_unreadable_stored_session_means_reconnect(stored: str) -> None:
    with pytest.raises(AuthExpired):
        BlueskySession.from_json(stored)


# --- record keys -----------------------------------------------------------------------------

TID = re.compile(r"[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}")
S32 = "234567abcdefghijklmnopqrstuvwxyz"


def tid_time(rkey: str) -> datetime:
    value = 0
    for char in rkey:
        value = value * 32 + S32.index(char)
    return datetime.fromtimestamp((value >> 10) / 1_000_000, UTC)


def test_record_keys_are_valid_tids_fixed_by_the_idempotency_key() -> None:
    keys = [record_key(f"outbox-{n}") for n in range(500)]
    assert all(TID.fullmatch(key) for key in keys)
    assert len(set(keys)) == 500
    assert record_key("outbox-7") == keys[7]  # a retry gets the same rkey
    times = [tid_time(key) for key in keys]
    assert min(times) >= datetime(2020, 1, 1, tzinfo=UTC)
    assert max(times) < datetime(2024, 7, 1, tzinfo=UTC)  # never a TID from the future
    with pytest.raises(ValueError):
        record_key("")


# --- login answers the dev network cannot give -----------------------------------------------


def serve_identity(server: FakeServer) -> None:
    """resolveHandle → a did:web on the fake → its DID document naming the fake as the PDS."""
    server.routes["/xrpc/com.atproto.identity.resolveHandle"] = lambda r: (
        200, {"did": server.did_web})
    server.routes["/.well-known/did.json"] = lambda r: (200, {
        "id": server.did_web, "alsoKnownAs": ["at://shop.example"],
        "service": [{"id": "#atproto_pds", "type": "AtprotoPersonalDataServer",
                     "serviceEndpoint": server.url}]})


@pytest.mark.parametrize(("status", "error", "reason"), [
    # The dev PDS has no email 2FA, so only a fake can answer AuthFactorTokenRequired: that is
    # what bsky.social says when the main password of an account with email 2FA is typed.
    (401, "AuthFactorTokenRequired", "2fa"),
    (401, "AccountTakedown", "takedown"),
    (401, "AuthenticationRequired", "password"),
])
def test_login_errors_are_mapped(fake: FakeServer, status: int, error: str, reason: str) -> None:
    serve_identity(fake)
    fake.routes["/xrpc/com.atproto.server.createSession"] = lambda r: (
        status, {"error": error, "message": "nope"})
    with pytest.raises(AuthFailed) as caught:
        login("@Shop.Example", "abcd-efgh-ijkl-mnop", service=fake.url)
    assert caught.value.reason == reason
    assert "abcd" not in str(caught.value)
    create = next(r for r in fake.seen if r["path"].endswith("createSession"))
    # the resolved DID logs in: no second guess at the handle on the PDS
    assert create["body"] == {"identifier": fake.did_web, "password": "abcd-efgh-ijkl-mnop"}
    assert fake.seen[0]["query"] == {"handle": ["shop.example"]}


def test_login_through_did_web_uses_the_pds_of_the_did_document(fake: FakeServer) -> None:
    serve_identity(fake)
    fake.routes["/xrpc/com.atproto.server.createSession"] = lambda r: (200, {
        "did": fake.did_web, "handle": "shop.example", "accessJwt": "a", "refreshJwt": "r"})
    session = login("shop.example", "abcd-efgh-ijkl-mnop", service=fake.url)
    assert session == BlueskySession(did=fake.did_web, handle="shop.example", pds_url=fake.url,
                                     access_jwt="a", refresh_jwt="r")
    assert [r["path"] for r in fake.seen] == [
        "/xrpc/com.atproto.identity.resolveHandle", "/.well-known/did.json",
        "/xrpc/com.atproto.server.createSession"]


def test_an_unknown_handle_says_so(fake: FakeServer) -> None:
    fake.routes["/xrpc/com.atproto.identity.resolveHandle"] = lambda r: (
        400, {"error": "HandleNotFound", "message": "Unable to resolve handle"})
    with pytest.raises(AuthFailed) as caught:
        login("nobody.example", "abcd-efgh-ijkl-mnop", service=fake.url)
    assert caught.value.reason == "handle"


def test_an_email_logs_in_at_the_service_itself(fake: FakeServer) -> None:
    fake.routes["/xrpc/com.atproto.server.createSession"] = lambda r: (200, {
        "did": fake.did_web, "handle": "shop.example", "accessJwt": "a", "refreshJwt": "r",
        "didDoc": {"id": fake.did_web, "service": [
            {"id": "#atproto_pds", "type": "AtprotoPersonalDataServer",
             "serviceEndpoint": "http://127.0.0.1:9/"}]}})
    session = login("owner@shop.example", "abcd-efgh-ijkl-mnop", service=fake.url)
    assert session.pds_url == "http://127.0.0.1:9"  # the didDoc's PDS wins for later calls
    assert [r["path"] for r in fake.seen] == ["/xrpc/com.atproto.server.createSession"]


# --- refresh ---------------------------------------------------------------------------------


def test_concurrent_expired_calls_refresh_once(fake: FakeServer) -> None:
    """Refresh tokens rotate: two threads finding the token expired must not both refresh."""
    gate = threading.Barrier(4)

    def profile(request: dict[str, Any]) -> tuple[int, Any]:
        if request["auth"] == "Bearer access-1":
            return 400, {"error": "ExpiredToken", "message": "Token has expired"}
        return 200, {"did": fake.did_web, "handle": "shop.example"}

    def refresh(request: dict[str, Any]) -> tuple[int, Any]:
        assert request["auth"] == "Bearer refresh-1"
        return 200, {"did": fake.did_web, "handle": "shop.example", "accessJwt": "access-2",
                     "refreshJwt": "refresh-2"}

    fake.routes["/xrpc/com.atproto.server.getSession"] = profile
    fake.routes["/xrpc/app.bsky.actor.getProfile"] = profile
    fake.routes["/xrpc/com.atproto.server.refreshSession"] = refresh
    saved: list[str] = []
    connector = BlueskyConnector(session_for(fake), on_secret_changed=saved.append)
    errors: list[BaseException] = []

    def work() -> None:
        gate.wait()
        try:
            connector.verify()
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert fake.count("/xrpc/com.atproto.server.refreshSession") == 1
    assert [BlueskySession.from_json(s).refresh_jwt for s in saved] == ["refresh-2"]
    connector.close()


def test_an_outage_during_refresh_is_not_a_reconnect(fake: FakeServer) -> None:
    fake.routes["/xrpc/com.atproto.server.getSession"] = lambda r: (
        401, {"error": "ExpiredToken", "message": "Token has expired"})
    fake.routes["/xrpc/com.atproto.server.refreshSession"] = lambda r: (
        503, {"error": "Unavailable"})
    connector = BlueskyConnector(session_for(fake), on_secret_changed=lambda s: None,
                                 transport_factory=no_wait)
    with pytest.raises(Exception) as caught:
        connector.verify()
    assert caught.value.transient and not isinstance(caught.value, AuthExpired)


def test_scheduling_and_direct_messages_are_not_supported(fake: FakeServer) -> None:
    connector = BlueskyConnector(session_for(fake), on_secret_changed=lambda s: None)
    with pytest.raises(NotSupported):
        connector.publish("hi", idempotency_key="k", scheduled_at=datetime.now(UTC))
    with pytest.raises(NotSupported):
        connector.send_reply("at://did:plc:x/app.bsky.feed.post/y", "hi", idempotency_key="k",
                             direct=True)
    assert fake.seen == []


# --- paging ----------------------------------------------------------------------------------


def notification(n: int, reason: str = "mention") -> dict[str, Any]:
    stamp = f"2026-11-{1 + n // 24:02d}T{n % 24:02d}:00:00.000Z"
    return {"uri": f"at://did:plc:c/app.bsky.feed.post/p{n:04d}", "cid": f"c{n}",
            "reason": reason, "indexedAt": stamp, "isRead": False,
            "author": {"did": "did:plc:c", "handle": "customer.example", "displayName": ""},
            "record": {"$type": "app.bsky.feed.post", "text": f"post {n}", "createdAt": stamp}}


def serve_notifications(server: FakeServer, newest_first: list[dict[str, Any]],
                        page: int = 3) -> None:
    def answer(request: dict[str, Any]) -> tuple[int, Any]:
        assert request["query"]["reasons"] == ["mention", "reply", "quote"]
        start = int(request["query"].get("cursor", ["0"])[0])
        items = newest_first[start:start + page]
        more = start + page < len(newest_first)
        return 200, {"notifications": items, **({"cursor": str(start + page)} if more else {})}

    server.routes["/xrpc/app.bsky.notification.listNotifications"] = answer


def test_paging_back_stops_at_the_newest_seen_notification(fake: FakeServer) -> None:
    notes = [notification(n) for n in range(10, 0, -1)]  # newest first, like the server
    serve_notifications(fake, notes)
    connector = BlueskyConnector(session_for(fake), on_secret_changed=lambda s: None)
    cursor = {"at": notes[7]["indexedAt"], "seen": [notes[7]["uri"]]}
    result = connector.fetch_mentions(cursor)
    assert [m.text for m in result.mentions] == ["post 4", "post 5", "post 6", "post 7",
                                                 "post 8", "post 9", "post 10"]  # oldest first
    assert result.cursor == {"at": notes[0]["indexedAt"], "seen": [notes[0]["uri"]]}
    assert fake.count("/xrpc/app.bsky.notification.listNotifications") == 3

    # A cursor stored in the first format (newest uri and its time) reads the same.
    legacy = {"newest_uri": notes[7]["uri"], "newest_indexed_at": notes[7]["indexedAt"]}
    assert connector.fetch_mentions(legacy) == result


def test_a_first_sync_stops_at_since_and_skips_unknown_reasons(fake: FakeServer) -> None:
    notes = [notification(n, reason="reply" if n % 2 else "quote") for n in range(40, 0, -1)]
    notes.insert(1, notification(99, reason="starterpack-joined") | {"indexedAt": "x"})
    serve_notifications(fake, notes, page=5)
    connector = BlueskyConnector(session_for(fake), on_secret_changed=lambda s: None)
    eleventh = notification(11)["record"]["createdAt"]
    since = datetime.fromisoformat(eleventh.replace("Z", "+00:00"))
    result = connector.fetch_mentions({}, since=since)
    assert len(result.mentions) == 30
    assert {m.kind for m in result.mentions} == {MentionKind.REPLY, MentionKind.QUOTE}
    assert all(m.created_at >= since for m in result.mentions)


# --- threads, deleted posts, moved accounts --------------------------------------------------


@pytest.mark.parametrize(("answer", "error"), [
    ((200, {"thread": {"$type": "app.bsky.feed.defs#notFoundPost", "uri": "at://x/y/z",
                       "notFound": True}}), NotFound),
    ((200, {"thread": {"$type": "app.bsky.feed.defs#blockedPost", "uri": "at://x/y/z",
                       "blocked": True}}), Rejected),
    ((400, {"error": "NotFound", "message": "Post not found: at://x/y/z"}), NotFound),
    ((200, {"thread": "nonsense"}), BadResponse),
])
def test_a_thread_that_cannot_be_shown_says_why(fake: FakeServer, answer: tuple[int, Any],
                                               error: type[Exception]) -> None:
    fake.routes["/xrpc/app.bsky.feed.getPostThread"] = lambda r: answer
    connector = BlueskyConnector(session_for(fake), on_secret_changed=lambda s: None)
    with pytest.raises(error):
        connector.fetch_thread("at://did:plc:c/app.bsky.feed.post/p1|cid")
    assert fake.seen[0]["query"]["uri"] == ["at://did:plc:c/app.bsky.feed.post/p1"]


def test_replying_to_a_deleted_post_is_not_found(fake: FakeServer) -> None:
    fake.routes["/xrpc/app.bsky.feed.getPosts"] = lambda r: (200, {"posts": []})
    connector = BlueskyConnector(session_for(fake), on_secret_changed=lambda s: None)
    with pytest.raises(NotFound):
        connector.send_reply("at://did:plc:c/app.bsky.feed.post/gone", "hi",
                             idempotency_key="k")
    assert fake.count("/xrpc/com.atproto.repo.createRecord") == 0


def test_a_refresh_that_names_a_new_pds_moves_later_calls_there(fake: FakeServer) -> None:
    moved = FakeServer()
    try:
        fake.routes["/xrpc/com.atproto.server.getSession"] = lambda r: (
            400, {"error": "ExpiredToken"})
        fake.routes["/xrpc/com.atproto.server.refreshSession"] = lambda r: (200, {
            "did": fake.did_web, "accessJwt": "access-2", "refreshJwt": "refresh-2",
            "didDoc": {"id": fake.did_web, "service": [
                {"id": "#atproto_pds", "type": "AtprotoPersonalDataServer",
                 "serviceEndpoint": moved.url}]}})
        moved.routes["/xrpc/com.atproto.server.getSession"] = lambda r: (
            200, {"did": fake.did_web, "handle": "shop.example"})
        saved: list[str] = []
        connector = BlueskyConnector(session_for(fake), on_secret_changed=saved.append)
        info = connector.verify()
        assert info.server_url == moved.url and info.extra["pds"] == moved.url
        assert BlueskySession.from_json(saved[0]).pds_url == moved.url
        assert moved.seen[0]["auth"] == "Bearer access-2"
    finally:
        moved.close()


@pytest.mark.parametrize(("body", "code"), [
    (b'{"error": "ExpiredToken", "message": "Token has expired"}', "ExpiredToken"),
    (b'{"error": "The access token is invalid"}', ""),  # a sentence (Mastodon) is no code
    (b"<html>Bad gateway</html>", ""),
    (b'["ExpiredToken"]', ""),
    (b'{"error": "' + b"x" * 70_000 + b'"}', ""),
])
def test_error_codes_are_read_from_json_bodies_only(body: bytes, code: str) -> None:
    assert error_code(body) == code
