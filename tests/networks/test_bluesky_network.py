"""The Bluesky connector against the real AT Protocol servers (PLC, PDS, AppView) that
tests/e2e/bluesky starts on this machine: the same code the reference network runs.

Accounts are made fresh per test (handles must be unique in the session's network); other
accounts act through the network's control endpoint, and `process_all` waits until the AppView
has indexed everything, so nothing here sleeps.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace

import pytest
from e2e.bluesky.fixture import BlueskyNetwork

from app.core.model import MentionKind
from app.networks.bluesky import BlueskyConnector, BlueskySession, login
from app.networks.errors import AuthExpired, AuthFailed

pytestmark = pytest.mark.bluesky_network

_numbers = itertools.count(1)


def new_account(network: BlueskyNetwork, name: str) -> dict[str, str]:
    return network.account(f"{name}{next(_numbers)}.test")


def connect(network: BlueskyNetwork, account: dict[str, str]) -> BlueskySession:
    return login(account["handle"], account["appPassword"], service=network.pds,
                 plc_directory=network.plc)


def tampered(session: BlueskySession) -> BlueskySession:
    """The same session with an access token the PDS cannot verify (as after it expired)."""
    token = session.access_jwt
    return replace(session, access_jwt=token[:-4] + ("AAAA" if token[-4:] != "AAAA" else "BBBB"))


class Shop:
    def __init__(self, network: BlueskyNetwork) -> None:
        self.account = new_account(network, "bakery")
        self.session = connect(network, self.account)
        self.saved: list[str] = []
        self.connector = BlueskyConnector(self.session, on_secret_changed=self.saved.append)


@pytest.fixture
def shop(bluesky_network: BlueskyNetwork) -> Iterator[Shop]:
    value = Shop(bluesky_network)
    yield value
    value.connector.close()


def test_connect_with_an_app_password(bluesky_network: BlueskyNetwork, shop: Shop) -> None:
    assert shop.session.did == shop.account["did"]
    assert shop.session.pds_url == bluesky_network.pds  # found through the PLC directory
    info = shop.connector.verify()
    assert info.handle == shop.account["handle"]
    assert info.display_name.endswith("(test)")
    assert info.server_url == bluesky_network.pds
    assert info.extra == {"did": shop.account["did"], "pds": bluesky_network.pds}
    assert info.capabilities.can_reply and info.capabilities.can_post
    assert info.capabilities.can_listen
    assert not info.capabilities.can_schedule
    assert info.text_rules is not None
    assert (info.text_rules.max_graphemes, info.text_rules.max_bytes) == (300, 3000)
    assert shop.saved == []  # nothing rotated: no refresh, no new login


def test_a_wrong_app_password_is_a_password_failure(bluesky_network: BlueskyNetwork) -> None:
    account = new_account(bluesky_network, "bakery")
    with pytest.raises(AuthFailed) as caught:
        login(account["handle"], "aaaa-bbbb-cccc-dddd", service=bluesky_network.pds,
              plc_directory=bluesky_network.plc)
    assert caught.value.reason == "password"
    with pytest.raises(AuthFailed) as caught:
        login("nobody-here.test", "aaaa-bbbb-cccc-dddd", service=bluesky_network.pds,
              plc_directory=bluesky_network.plc)
    assert caught.value.reason == "handle"


def test_mentions_replies_and_quotes_arrive_once(bluesky_network: BlueskyNetwork,
                                                 shop: Shop) -> None:
    customer = new_account(bluesky_network, "customer")
    handle = shop.account["handle"]
    announcement = shop.connector.publish("Fresh bread at 7 tomorrow", idempotency_key="ann-1")
    bluesky_network.process_all()
    assert shop.connector.fetch_mentions({}).mentions == ()  # our own post is no mention

    mention = bluesky_network.post(customer["handle"], f"Is @{handle} open on Sunday?")
    reply = bluesky_network.post(customer["handle"], "Can I order a cake?",
                                 reply_to=announcement.remote_id)
    quote = bluesky_network.post(customer["handle"], "Best bakery in town",
                                 quote=announcement.remote_id)
    bluesky_network.process_all()

    result = shop.connector.fetch_mentions({})
    found = {m.external_id: m for m in result.mentions}
    assert set(found) == {mention["uri"], reply["uri"], quote["uri"]}
    assert [m.external_id for m in result.mentions] == [mention["uri"], reply["uri"],
                                                        quote["uri"]]  # oldest first
    assert found[mention["uri"]].kind is MentionKind.MENTION
    assert found[quote["uri"]].kind is MentionKind.QUOTE
    answer = found[reply["uri"]]
    assert answer.kind is MentionKind.REPLY
    assert answer.text == "Can I order a cake?"
    assert answer.author_handle == customer["handle"]
    assert answer.author_name == customer["handle"].split(".")[0] + " (test)"
    ref = f"{announcement.remote_id}|{shop_cid(bluesky_network, announcement.remote_id)}"
    assert answer.thread_root_id == ref and answer.parent_id == ref
    rkey = reply["uri"].rsplit("/", 1)[1]
    assert answer.url == f"https://bsky.app/profile/{customer['handle']}/post/{rkey}"
    assert found[mention["uri"]].thread_root_id == ""

    again = shop.connector.fetch_mentions(result.cursor)
    assert again.mentions == ()
    assert again.cursor == result.cursor

    later = bluesky_network.post(customer["handle"], f"Thanks @{handle}!")
    bluesky_network.process_all()
    newer = shop.connector.fetch_mentions(again.cursor)
    assert [m.external_id for m in newer.mentions] == [later["uri"]]


def test_watched_words_and_hashtags_arrive_once(bluesky_network: BlueskyNetwork,
                                                shop: Shop) -> None:
    """The dev AppView indexes searchPosts (a case-sensitive substring match that ignores
    `since` and `lang`), so listening runs on the real servers here; the filters are covered
    against a fake in test_bluesky_keywords.py. Terms are unique per test: the network is
    shared by the whole session."""
    customer = new_account(bluesky_network, "customer")
    n = next(_numbers)
    word, tag, japanese = f"croissant{n}", f"#maplebakery{n}", f"メープル堂{n}号店"
    terms = (word, tag, japanese)
    shop.connector.publish(f"Fresh {word} at 7 {tag}", idempotency_key=f"own-{n}")
    asked = bluesky_network.post(customer["handle"], f"Where can I buy a {word}?")
    both = bluesky_network.post(customer["handle"], f"{tag} has the best {word} in town")
    ja = bluesky_network.post(customer["handle"], f"{japanese}のクロワッサン、最高でした")
    bluesky_network.post(customer["handle"], f"Croissant{n} with a capital C")  # not a hit
    bluesky_network.process_all()

    result = shop.connector.fetch_keywords(terms, {})
    assert [m.external_id for m in result.mentions] == [asked["uri"], both["uri"], ja["uri"]]
    assert {m.kind for m in result.mentions} == {MentionKind.KEYWORD}
    hit = result.mentions[0]
    assert hit.text == f"Where can I buy a {word}?"
    assert hit.author_handle == customer["handle"]
    assert hit.url.startswith(f"https://bsky.app/profile/{customer['handle']}/post/")
    assert result.mentions[2].text == f"{japanese}のクロワッサン、最高でした"
    assert set(result.cursor["terms"]) == set(terms)

    again = shop.connector.fetch_keywords(terms, result.cursor)
    assert again.mentions == ()

    later = bluesky_network.post(customer["handle"], f"Is the {word} vegan?")
    bluesky_network.process_all()
    newer = shop.connector.fetch_keywords(terms, again.cursor)
    assert [m.external_id for m in newer.mentions] == [later["uri"]]

    fewer = shop.connector.fetch_keywords((tag,), newer.cursor)
    assert fewer.mentions == ()
    assert set(fewer.cursor["terms"]) == {tag}


def shop_cid(network: BlueskyNetwork, uri: str) -> str:
    return network.act("record", uri=uri)["cid"]


def test_an_expired_access_token_is_refreshed_once_and_saved(bluesky_network: BlueskyNetwork
                                                             ) -> None:
    account = new_account(bluesky_network, "bakery")
    session = connect(bluesky_network, account)
    saved: list[str] = []
    connector = BlueskyConnector(tampered(session), on_secret_changed=saved.append)
    assert connector.verify().handle == account["handle"]
    assert len(saved) == 1
    fresh = BlueskySession.from_json(saved[0])
    # Tokens are compared as booleans so a failure never prints one.
    rotated = fresh.refresh_jwt != session.refresh_jwt
    assert rotated  # a new refresh token, stored at once
    repaired = fresh.access_jwt != tampered(session).access_jwt
    assert repaired
    assert (fresh.did, fresh.handle, fresh.pds_url) == (session.did, session.handle,
                                                        session.pds_url)
    in_use = connector.session == fresh
    assert in_use
    connector.fetch_mentions({})
    assert len(saved) == 1  # the new token works: no second refresh
    connector.close()


def test_a_revoked_session_needs_reconnecting(bluesky_network: BlueskyNetwork) -> None:
    account = new_account(bluesky_network, "bakery")
    session = connect(bluesky_network, account)
    bluesky_network.act("revoke", refreshJwt=session.refresh_jwt)
    saved: list[str] = []
    connector = BlueskyConnector(tampered(session), on_secret_changed=saved.append)
    with pytest.raises(AuthExpired):
        connector.verify()
    assert saved == []
    connector.close()


def test_a_reply_carries_root_and_parent_and_is_sent_once(bluesky_network: BlueskyNetwork,
                                                          shop: Shop) -> None:
    customer = new_account(bluesky_network, "customer")
    top = shop.connector.publish("New menu today", idempotency_key="menu-1")
    bluesky_network.process_all()
    question = bluesky_network.post(customer["handle"], "Gluten free?", reply_to=top.remote_id)
    bluesky_network.process_all()
    (mention,) = shop.connector.fetch_mentions({}).mentions

    sent = shop.connector.send_reply(mention, "はい、あります。", idempotency_key="outbox-42",
                                     language="ja")
    record = bluesky_network.act("record", uri=sent.remote_id)
    top_cid = shop_cid(bluesky_network, top.remote_id)
    assert record["value"]["reply"] == {
        "root": {"uri": top.remote_id, "cid": top_cid},
        "parent": {"uri": question["uri"], "cid": question["cid"]},
    }
    assert record["value"]["text"] == "はい、あります。"
    assert record["value"]["langs"] == ["ja"]
    assert record["value"]["createdAt"].endswith("Z")
    assert "facets" not in record["value"]
    assert sent.remote_url.startswith(f"https://bsky.app/profile/{shop.account['handle']}/post/")

    retry = shop.connector.send_reply(mention, "はい、あります。", idempotency_key="outbox-42",
                                      language="ja")
    assert retry == sent
    posts = bluesky_network.act("records", did=shop.account["did"],
                                collection="app.bsky.feed.post")["records"]
    assert sorted(p["uri"] for p in posts) == sorted([top.remote_id, sent.remote_id])

    bluesky_network.process_all()
    thread = shop.connector.fetch_thread(sent.remote_id)
    assert [p.external_id for p in thread] == [top.remote_id, question["uri"], sent.remote_id]
