"""Never twice, on the real AT Protocol servers (tests/e2e/bluesky): a process killed right
after its reply reached the PDS, and started again, leaves exactly one reply in the thread,
and the outbox knows it was sent.

Accounts are made fresh per test (the network is shared by the session); `process_all` waits
until the AppView has indexed everything, so nothing here sleeps."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from e2e.bluesky.fixture import BlueskyNetwork
from keyrings import MemoryKeyring

from app.core.model import OutboxState, TriageState
from app.credentials import Credentials
from app.networks.bluesky import BlueskyConnector, login, record_key
from app.services.accounts import AccountsService
from app.services.outbox import OutboxService
from app.services.sync import SyncService
from app.services.workspace import Workspace, open_workspace
from app.storage.models import Mention

pytestmark = pytest.mark.bluesky_network

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("outbox_crash_script.py")
_numbers = itertools.count(1)


def new_account(network: BlueskyNetwork, name: str) -> dict[str, str]:
    return network.account(f"{name}{next(_numbers)}outbox.test")


def thread_on_appview(network: BlueskyNetwork, uri: str) -> dict[str, Any]:
    """app.bsky.feed.getPostThread, asked of the AppView itself (no account needed)."""
    query = urllib.parse.urlencode({"uri": uri, "depth": "2"})
    with urllib.request.urlopen(f"{network.appview}/xrpc/app.bsky.feed.getPostThread?{query}",
                                timeout=30) as response:
        return json.loads(response.read())["thread"]


class Shop:
    """A Bluesky shop with one customer question in its inbox, in a workspace on disk."""

    def __init__(self, network: BlueskyNetwork, data_dir: Path) -> None:
        self.network = network
        self.data_dir = data_dir
        self.account = new_account(network, "bakery")
        self.session = login(self.account["handle"], self.account["appPassword"],
                             service=network.pds, plc_directory=network.plc)
        customer = new_account(network, "customer")
        connector = self.connector()
        top = connector.publish("春のメニューが始まりました",
                                idempotency_key=f"menu-{data_dir.name}")
        network.process_all()
        self.question = network.post(customer["handle"], "ヴィーガンのメニューはありますか？",
                                     reply_to=top.remote_id)
        network.process_all()
        self.top = top.remote_id
        workspace = self.open()
        try:
            accounts = self.accounts(workspace)
            accounts.save_connected(connector.verify(), self.session.to_json())
            SyncService(workspace.sessions, accounts, lambda _a: self.connector()).sync()
            with workspace.sessions() as session:
                self.mention_id = session.query(Mention.id).filter(
                    Mention.external_id == self.question["uri"]).scalar()
            assert self.mention_id is not None
        finally:
            workspace.close()
            connector.close()

    def connector(self) -> BlueskyConnector:
        return BlueskyConnector(self.session, on_secret_changed=lambda _new: None)

    def open(self) -> Workspace:
        return open_workspace(self.data_dir)

    @staticmethod
    def accounts(workspace: Workspace) -> AccountsService:
        return AccountsService(workspace.sessions, Credentials(MemoryKeyring()))

    def outbox(self, workspace: Workspace) -> OutboxService:
        return OutboxService(workspace.sessions, self.accounts(workspace),
                             lambda _a: self.connector())

    def own_posts(self) -> list[str]:
        records = self.network.act("records", did=self.account["did"],
                                   collection="app.bsky.feed.post")["records"]
        return sorted(record["uri"] for record in records)


def test_a_process_killed_after_sending_leaves_one_reply_and_the_outbox_knows(
        bluesky_network: BlueskyNetwork, tmp_path: Path) -> None:
    shop = Shop(bluesky_network, tmp_path / "workspace")
    text = "はい、2種類あります！ご来店をお待ちしています。"
    job = {"data_dir": str(shop.data_dir), "mention_id": shop.mention_id, "text": text,
           "session": shop.session.to_json()}
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "tests")]))
    died = subprocess.run([sys.executable, str(SCRIPT)], input=json.dumps(job), text=True,
                          capture_output=True, cwd=ROOT, env=env, timeout=120)
    assert died.returncode == 9, died.stderr  # killed right after the PDS took the reply
    entry_id = json.loads(died.stdout)["entry_id"]

    workspace = shop.open()  # the next start
    try:
        outbox = shop.outbox(workspace)
        left = outbox.get(entry_id)
        assert left is not None and left.state is OutboxState.SENDING
        assert workspace.unclean_start

        assert outbox.reconcile() == [entry_id]

        sent = outbox.get(entry_id)
        assert sent is not None and sent.state is OutboxState.SENT
        rkey = record_key(sent.idempotency_key)
        assert sent.remote_id == f"at://{shop.account['did']}/app.bsky.feed.post/{rkey}"
        assert sent.remote_url.endswith(f"/post/{rkey}")
        with workspace.sessions() as session:
            mention = session.get(Mention, shop.mention_id)
            assert mention.state == TriageState.DONE.value
            assert mention.first_response_at is not None
        assert outbox.reconcile() == []
    finally:
        workspace.close()

    bluesky_network.process_all()
    assert shop.own_posts() == sorted([shop.top, sent.remote_id])  # the post, one reply
    thread = thread_on_appview(bluesky_network, shop.question["uri"])
    replies = [node["post"] for node in thread.get("replies", [])]
    assert [(p["uri"], p["record"]["text"], p["author"]["did"]) for p in replies] == [
        (sent.remote_id, text, shop.account["did"])]
    assert replies[0]["record"]["reply"]["parent"]["uri"] == shop.question["uri"]
    assert replies[0]["record"]["reply"]["root"]["uri"] == shop.top
    assert replies[0]["record"]["langs"] == ["ja"]


def test_find_reply_reads_the_record_its_key_names(bluesky_network: BlueskyNetwork,
                                                    tmp_path: Path) -> None:
    shop = Shop(bluesky_network, tmp_path / "workspace")
    connector = shop.connector()
    try:
        question = shop.question["uri"]
        assert connector.find_reply(question, "outbox-never-sent", "はい") is None
        sent = connector.send_reply(question, "はい", idempotency_key="outbox-sent-once")
        assert connector.find_reply(question, "outbox-sent-once", "はい") == sent
    finally:
        connector.close()
