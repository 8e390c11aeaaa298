"""A planned Bluesky post on the real AT Protocol servers (tests/e2e/bluesky): Bluesky keeps no
schedule, so the app publishes it when its time comes. The clock is injected: the post is due
"a few seconds from now" by that clock, and the pass that runs once it has moved on publishes
it; the author's feed on the AppView then shows it exactly once, however many passes follow.

`process_all` waits until the AppView has indexed everything, so nothing here sleeps."""

from __future__ import annotations

import itertools
import json
import urllib.parse
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from e2e.bluesky.fixture import BlueskyNetwork
from keyrings import MemoryKeyring

from app.core.model import OutboxState
from app.credentials import Credentials
from app.networks.bluesky import BlueskyConnector, login, record_key
from app.services.accounts import AccountsService
from app.services.outbox import OutboxService
from app.services.posts import PostsService
from app.services.workspace import open_workspace

pytestmark = pytest.mark.bluesky_network

_numbers = itertools.count(1)


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


def author_feed(network: BlueskyNetwork, did: str) -> list[dict[str, Any]]:
    """app.bsky.feed.getAuthorFeed, asked of the AppView itself (no account needed)."""
    query = urllib.parse.urlencode({"actor": did, "limit": "50"})
    with urllib.request.urlopen(f"{network.appview}/xrpc/app.bsky.feed.getAuthorFeed?{query}",
                                timeout=30) as response:
        return [item["post"] for item in json.loads(response.read())["feed"]]


def test_a_post_due_in_a_few_seconds_is_published_by_the_pass_and_appears_once(
        bluesky_network: BlueskyNetwork, tmp_path: Path) -> None:
    account = bluesky_network.account(f"planner{next(_numbers)}posts.test")
    session = login(account["handle"], account["appPassword"], service=bluesky_network.pds,
                    plc_directory=bluesky_network.plc)
    clock = Clock()
    workspace = open_workspace(tmp_path / "workspace")
    try:
        accounts = AccountsService(workspace.sessions, Credentials(MemoryKeyring()))

        def connector(_account: object) -> BlueskyConnector:
            return BlueskyConnector(session, on_secret_changed=lambda _new: None)

        probe = connector(None)
        shop = accounts.save_connected(probe.verify(), session.to_json())
        probe.close()
        posts = PostsService(workspace.sessions, accounts, connector, clock=clock)
        outbox = OutboxService(workspace.sessions, accounts, connector, clock=clock)
        text = "本日15時から試食会を開きます。ぜひお越しください！"
        due = (clock() + timedelta(seconds=5)).astimezone(ZoneInfo("Asia/Tokyo"))

        record = posts.create(text, [shop.id], due)
        assert record.state is OutboxState.QUEUED
        assert outbox.send_due().changed == ()  # not yet: nothing on the network
        bluesky_network.process_all()
        assert author_feed(bluesky_network, account["did"]) == []

        clock.now += timedelta(seconds=5)
        report = outbox.send_due()
        for _ in range(3):  # later passes, and a restart, find nothing more to do
            assert outbox.send_due().changed == ()
        assert outbox.reconcile() == []

        (target,) = posts.get(record.id).targets
        assert report.sent == (target.entry_id,) and target.state is OutboxState.SENT
        key = outbox.get(target.entry_id).idempotency_key  # type: ignore[union-attr]
        assert target.remote_id == (f"at://{account['did']}/app.bsky.feed.post/"
                                    f"{record_key(key)}")
    finally:
        workspace.close()

    bluesky_network.process_all()
    feed = author_feed(bluesky_network, account["did"])
    assert [(p["uri"], p["record"]["text"]) for p in feed] == [(target.remote_id, text)]
    assert feed[0]["record"]["langs"] == ["ja"]
    assert "reply" not in feed[0]["record"]
