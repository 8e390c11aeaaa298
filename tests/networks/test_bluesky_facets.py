"""Bluesky posts carry facets for their links, hashtags and mentions, the mentions resolved to
DIDs through the account's own PDS (a fake here; the real servers in
test_bluesky_network.py), and a handle that cannot be resolved never stops a reply."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from fakes.bluesky_server import CUSTOMER_DID, SHOP_DID, Answer, BlueskyFake, Request, bluesky_fake
from keyrings import MemoryKeyring

from app.core.connector import AccountInfo
from app.core.model import Network
from app.credentials import Credentials
from app.networks import bluesky
from app.networks.bluesky import BlueskyConnector, BlueskySession, RichTextFacets
from app.networks.errors import Unreachable
from app.networks.http import Transport
from app.services.accounts import AccountsService
from app.services.connect import ConnectService
from app.services.workspace import Workspace

__all__ = ["bluesky_fake"]  # the fixture, used by name

RESOLVE = "/xrpc/com.atproto.identity.resolveHandle"
CREATE = "/xrpc/com.atproto.repo.createRecord"
GET_POSTS = "/xrpc/app.bsky.feed.getPosts"
# social-apis.md §2.7: the mention at bytes 43-60, the link at 71-99, the tag at 100-110.
EXAMPLE = ("ご注文ありがとうございます！ @shop.example.com "
           "詳細は https://shop.example.com/faq #手作り")
LINK = {"index": {"byteStart": 71, "byteEnd": 99},
        "features": [{"$type": "app.bsky.richtext.facet#link",
                      "uri": "https://shop.example.com/faq"}]}
TAG = {"index": {"byteStart": 100, "byteEnd": 110},
       "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "手作り"}]}


def mention(did: str, start: int = 43, end: int = 60) -> dict[str, object]:
    return {"index": {"byteStart": start, "byteEnd": end},
            "features": [{"$type": "app.bsky.richtext.facet#mention", "did": did}]}


class Pds:
    """The fake PDS as these tests need it: handles it knows, and the records written."""

    def __init__(self, fake: BlueskyFake) -> None:
        self.fake = fake
        self.handles: dict[str, str] = {"shop.example.com": SHOP_DID,
                                        "customer.example.com": CUSTOMER_DID}
        self.resolve_answer: Callable[[Request], Answer] | None = None  # a fault, when set
        self.records: list[dict[str, object]] = []
        fake.routes[RESOLVE] = self._resolve
        fake.routes[CREATE] = self._create
        fake.routes[GET_POSTS] = self._get_posts

    def _resolve(self, request: Request) -> Answer:
        if self.resolve_answer is not None:
            return self.resolve_answer(request)
        did = self.handles.get(request.one("handle"))
        if did is None:
            return Answer(400, {"error": "InvalidRequest", "message": "Unable to resolve handle"})
        return Answer(body={"did": did})

    def _create(self, request: Request) -> Answer:
        self.records.append(request.body["record"])
        uri = f"at://{SHOP_DID}/app.bsky.feed.post/{request.body['rkey']}"
        return Answer(body={"uri": uri, "cid": f"bafy{len(self.records)}"})

    def _get_posts(self, request: Request) -> Answer:
        uri = request.one("uris")
        return Answer(body={"posts": [{"uri": uri, "cid": "bafyparent", "record": {
            "$type": "app.bsky.feed.post", "text": "ケーキの予約はできますか？",
            "createdAt": "2026-09-01T02:00:00.000Z"}}]})

    def lookups(self) -> list[str]:
        return [r.one("handle") for r in self.fake.requests_to(RESOLVE)]


@pytest.fixture
def pds(bluesky_fake: BlueskyFake) -> Pds:
    return Pds(bluesky_fake)


def rich_connector(fake: BlueskyFake) -> BlueskyConnector:
    session = BlueskySession(did=SHOP_DID, handle="maple-do.example", pds_url=fake.url,
                             access_jwt="access-1", refresh_jwt="refresh-1")
    return BlueskyConnector.with_rich_text(
        session, on_secret_changed=lambda _: None,
        transport_factory=lambda base_url, auth=None: Transport(base_url, auth=auth,
                                                                sleep=lambda seconds: None))


def test_a_reply_carries_the_mention_link_and_tag_at_their_byte_offsets(pds: Pds) -> None:
    connector = rich_connector(pds.fake)
    parent = f"at://{CUSTOMER_DID}/app.bsky.feed.post/3kparent"
    connector.send_reply(parent, EXAMPLE, idempotency_key="outbox-1", language="ja")
    (record,) = pds.records
    assert record["facets"] == [mention(SHOP_DID), LINK, TAG]
    assert record["text"] == EXAMPLE
    assert record["reply"]["parent"] == {"uri": parent, "cid": "bafyparent"}
    (asked,) = pds.fake.requests_to(RESOLVE)
    assert asked.one("handle") == "shop.example.com"
    assert asked.auth == "Bearer access-1"  # through the account's own PDS, signed in
    connector.close()


def test_an_unknown_handle_stays_plain_text_and_is_asked_once(pds: Pds) -> None:
    connector = rich_connector(pds.fake)
    text = EXAMPLE.replace("@shop.example.com ", "@gone.example.com ")  # same length
    connector.publish(text, idempotency_key="a")
    connector.publish(text, idempotency_key="b")
    assert [r["facets"] for r in pds.records] == [[LINK, TAG], [LINK, TAG]]
    assert pds.lookups() == ["gone.example.com"]  # the answer "no one" is kept
    connector.close()


def test_a_handle_that_cannot_be_resolved_now_does_not_stop_the_post(pds: Pds) -> None:
    connector = rich_connector(pds.fake)
    pds.resolve_answer = lambda request: Answer(502, {"error": "UpstreamFailure"})
    sent = connector.publish(EXAMPLE, idempotency_key="a")
    assert sent.remote_id.startswith(f"at://{SHOP_DID}/app.bsky.feed.post/")
    assert pds.records[0]["facets"] == [LINK, TAG]
    pds.resolve_answer = None  # the PDS is back: the handle is asked again, not remembered
    connector.publish(EXAMPLE, idempotency_key="b")
    assert pds.records[1]["facets"] == [mention(SHOP_DID), LINK, TAG]
    connector.close()


@pytest.mark.parametrize("answer", [{"did": "not a did"}, {"did": 42}, {}, ["did:plc:x"]])
def test_a_malformed_answer_is_never_used_as_a_did(pds: Pds, answer: object) -> None:
    connector = rich_connector(pds.fake)
    pds.resolve_answer = lambda request: Answer(body=answer)
    connector.publish(EXAMPLE, idempotency_key="a")
    assert pds.records[0]["facets"] == [LINK, TAG]
    connector.close()


def test_each_handle_is_resolved_once_per_connector(pds: Pds) -> None:
    text = "@shop.example.com @customer.example.com @Shop.Example.com"
    first = rich_connector(pds.fake)
    first.publish(text, idempotency_key="a")
    first.publish(text, idempotency_key="b")
    assert pds.lookups() == ["shop.example.com", "customer.example.com"]  # handles ignore case
    expected = [mention(SHOP_DID, 0, 17), mention(CUSTOMER_DID, 18, 39),
                mention(SHOP_DID, 40, 57)]
    assert [r["facets"] for r in pds.records] == [expected, expected]
    second = rich_connector(pds.fake)
    second.publish(text, idempotency_key="c")
    assert len(pds.lookups()) == 4  # a new connector starts with no cache
    first.close()
    second.close()


def test_one_post_resolves_a_bounded_number_of_handles(pds: Pds) -> None:
    handles = [f"user{i}.example.com" for i in range(bluesky.MAX_MENTION_LOOKUPS + 3)]
    pds.handles.update({handle: f"did:plc:user{i}" for i, handle in enumerate(handles)})
    connector = rich_connector(pds.fake)
    connector.publish(" ".join(f"@{h}" for h in handles), idempotency_key="a")
    assert len(pds.lookups()) == bluesky.MAX_MENTION_LOOKUPS
    assert len(pds.records[0]["facets"]) == bluesky.MAX_MENTION_LOOKUPS
    connector.close()


def test_a_post_without_links_mentions_or_tags_has_no_facets(pds: Pds) -> None:
    connector = rich_connector(pds.fake)
    connector.publish("はい、あります。", idempotency_key="a")
    assert "facets" not in pds.records[0]
    assert pds.lookups() == []
    connector.close()


def test_the_builder_is_safe_to_share_between_threads() -> None:
    calls: list[str] = []
    lock = threading.Lock()

    def resolve(handle: str) -> str | None:
        with lock:
            calls.append(handle)
        if handle == "down.example.com":
            raise Unreachable("offline")
        return "did:plc:abc" if handle == "shop.example.com" else None

    build = RichTextFacets(resolve)
    results: list[list[dict[str, object]]] = []
    threads = [threading.Thread(target=lambda: results.append(
        build("@shop.example.com @down.example.com @none.example.com"))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert results == [[mention("did:plc:abc", 0, 17)]] * 8
    assert calls.count("down.example.com") == 8  # a failure is never remembered


def test_stored_bluesky_accounts_get_connectors_that_write_facets(
    pds: Pds, workspace: Workspace,
) -> None:
    credentials = Credentials(MemoryKeyring())
    accounts = AccountsService(workspace.sessions, credentials)
    session = BlueskySession(did=SHOP_DID, handle="maple-do.example", pds_url=pds.fake.url,
                             access_jwt="access-1", refresh_jwt="refresh-1")
    info = AccountInfo(network=Network.BLUESKY, handle=session.handle,
                       server_url=session.pds_url, text_rules=bluesky.TEXT_RULES,
                       extra={"did": SHOP_DID, "pds": session.pds_url})
    account = accounts.save_connected(info, session.to_json())
    connector = ConnectService(accounts, credentials).connector(account)
    try:
        connector.publish(EXAMPLE, idempotency_key="from-the-outbox")
    finally:
        connector.close()
    assert pds.records[0]["facets"] == [mention(SHOP_DID), LINK, TAG]
