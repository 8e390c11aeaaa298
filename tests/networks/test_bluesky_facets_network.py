"""A Japanese reply with a mention, a link and a hashtag, sent by a stored shop account through
ConnectService's connector to the real AT Protocol servers (tests/e2e/bluesky), and read back
from the AppView as any Bluesky app would show it."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from typing import Any

import pytest
from e2e.bluesky.fixture import BlueskyNetwork
from keyrings import MemoryKeyring

from app.credentials import Credentials
from app.services.accounts import AccountsService
from app.services.connect import ConnectService
from app.services.workspace import Workspace

pytestmark = pytest.mark.bluesky_network


def post_thread(network: BlueskyNetwork, uri: str) -> dict[str, Any]:
    """app.bsky.feed.getPostThread straight from the AppView (no account needed)."""
    query = urllib.parse.urlencode({"uri": uri, "depth": "3", "parentHeight": "3"})
    url = f"{network.appview}/xrpc/app.bsky.feed.getPostThread?{query}"
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())["thread"]


def test_a_japanese_reply_shows_its_facets_under_the_right_parent(
    bluesky_network: BlueskyNetwork, workspace: Workspace,
) -> None:
    shop = bluesky_network.account("facetshop.test")
    customer = bluesky_network.account("facetcustomer.test")
    credentials = Credentials(MemoryKeyring())
    connect = ConnectService(AccountsService(workspace.sessions, credentials), credentials,
                             plc_directory=bluesky_network.plc)
    account = connect.connect_bluesky(shop["handle"], shop["appPassword"], bluesky_network.pds)
    connector = connect.connector(account)

    announcement = bluesky_network.post(shop["handle"], "週末限定のケーキ、予約受付中です")
    question = bluesky_network.post(customer["handle"], "日曜日の受け取りはできますか？",
                                    reply_to=announcement["uri"])
    bluesky_network.process_all()

    link = "https://shop.example.com/faq"
    text = (f"@{customer['handle']} さま、ご予約ありがとうございます！ 詳細は {link}。 "
            "#手作りケーキ 🎂")
    try:
        sent = connector.send_reply(question["uri"], text, idempotency_key="outbox-ja-1",
                                    language="ja")
    finally:
        connector.close()
    bluesky_network.process_all()

    thread = post_thread(bluesky_network, question["uri"])
    assert thread["parent"]["post"]["uri"] == announcement["uri"]
    (reply,) = thread["replies"]
    post = reply["post"]
    assert post["uri"] == sent.remote_id
    assert post["author"]["did"] == shop["did"]
    record = post["record"]
    assert record["text"] == text
    assert record["langs"] == ["ja"]
    assert record["reply"]["parent"] == {"uri": question["uri"], "cid": question["cid"]}
    assert record["reply"]["root"]["uri"] == announcement["uri"]

    data = text.encode()
    facets = sorted(record["facets"], key=lambda facet: facet["index"]["byteStart"])
    covered = [data[f["index"]["byteStart"]:f["index"]["byteEnd"]].decode() for f in facets]
    assert covered == [f"@{customer['handle']}", link, "#手作りケーキ"]
    features = [f["features"] for f in facets]
    assert features == [
        [{"$type": "app.bsky.richtext.facet#mention", "did": customer["did"]}],
        [{"$type": "app.bsky.richtext.facet#link", "uri": link}],
        [{"$type": "app.bsky.richtext.facet#tag", "tag": "手作りケーキ"}],
    ]
    assert facets[1]["index"] == {"byteStart": data.index(link.encode()),
                                  "byteEnd": data.index(link.encode()) + len(link)}
