"""`community-desk reply` as a script uses it: the reply goes out at once through the outbox,
--json says where it is, and every problem is one sentence on stderr with exit code 1.

Sending needs the account's token from the real keyring (the command runs in its own process),
so those tests are marked real_keyring (`python3 dev.py test` runs them); the checks that
refuse a reply before anything is sent run anywhere."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from clirun import assert_one_clear_line, run
from fakes.mastodon_server import FakeMastodon
from keyrings import MemoryKeyring

from app.core.connector import AccountInfo, Capabilities, TextRules
from app.core.model import AccountState, Network
from app.credentials import Credentials
from app.services.accounts import AccountsService
from app.services.connect import ConnectService
from app.services.preferences import PreferencesService
from app.services.sync import SyncService
from app.services.templates import TemplatesService
from app.services.workspace import open_workspace
from app.storage.models import Mention, Template

T0 = datetime(2026, 12, 2, 9, 0)
ENTRY_KEYS = {"id", "state", "remote_id", "remote_url", "error"}


def add_mention(data_dir: Path, network: Network, *, handle: str = "@shop@example.social",
                author: str = "@aoi@example.social", name: str = "Aoi") -> int:
    """A mention in the workspace of an account whose secret is not needed (nothing is sent)."""
    ws = open_workspace(data_dir)
    try:
        accounts = AccountsService(ws.sessions, Credentials(MemoryKeyring()))
        account = accounts.save_connected(AccountInfo(
            network=network, handle=handle, server_url="https://example.social",
            capabilities=Capabilities(can_reply=network is not Network.FEED),
            text_rules=TextRules(max_graphemes=500, url_weight=23)
            if network is Network.MASTODON else None), None)
        with ws.sessions.begin() as session:
            mention = Mention(account_id=account.id, external_id="1001", kind="mention",
                              author_handle=author, author_name=name, text="Do you ship?",
                              created_at=T0, received_at=T0)
            session.add(mention)
            session.flush()
            return mention.id
    finally:
        ws.close()


def reply(data_dir: Path, mention_id: int, *args: str) -> subprocess.CompletedProcess[str]:
    return run("reply", str(mention_id), *args, "--data-dir", data_dir)


# --- Refused before anything is sent ---------------------------------------------------------


def test_an_unknown_mention_is_one_sentence(tmp_path: Path) -> None:
    line = assert_one_clear_line(reply(tmp_path, 42, "--text", "Thanks!"))
    assert line == "There is no mention with the number 42: see `mentions list`."


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_is_one_sentence(tmp_path: Path, text: str) -> None:
    mention_id = add_mention(tmp_path, Network.MASTODON)
    line = assert_one_clear_line(reply(tmp_path, mention_id, "--text", text))
    assert line == "The reply is empty. Write something to send."


def test_text_over_the_limit_is_one_sentence_and_nothing_is_queued(tmp_path: Path) -> None:
    mention_id = add_mention(tmp_path, Network.MASTODON)
    result = reply(tmp_path, mention_id, "--text", "あ" * 500, "--json")
    assert "longer than the network allows" in assert_one_clear_line(result)
    assert result.stdout == ""  # nothing reached the outbox: no entry to describe


def test_a_feed_item_cannot_be_answered_from_here(tmp_path: Path) -> None:
    mention_id = add_mention(tmp_path, Network.FEED, handle="https://example.com/feed")
    line = assert_one_clear_line(reply(tmp_path, mention_id, "--text", "Thanks!"))
    assert "answer in the browser" in line


def test_a_template_that_is_not_there_is_one_sentence(tmp_path: Path) -> None:
    mention_id = add_mention(tmp_path, Network.MASTODON)
    line = assert_one_clear_line(reply(tmp_path, mention_id, "--template", "No such thing"))
    assert line == "There is no template named “No such thing”: see the Templates screen."


def test_a_template_asking_for_a_value_the_command_line_cannot_ask_for(tmp_path: Path) -> None:
    mention_id = add_mention(tmp_path, Network.MASTODON)
    ws = open_workspace(tmp_path)
    TemplatesService(ws.sessions).create("Order status", "shipping",
                                         "Order {order_number} left today, {customer_name}.")
    ws.close()
    line = assert_one_clear_line(reply(tmp_path, mention_id, "--template", "order status"))
    assert line == ("The template “Order status” needs {order_number}, which the command line "
                    "cannot ask for: write the reply with --text instead.")


def test_a_malformed_template_is_one_sentence(tmp_path: Path) -> None:
    mention_id = add_mention(tmp_path, Network.MASTODON)
    ws = open_workspace(tmp_path)
    with ws.sessions.begin() as session:  # as an old version could have stored it
        session.add(Template(name="Broken", category="thanks", body="Thanks {customer_name!",
                             created_at=T0, updated_at=T0))
    ws.close()
    line = assert_one_clear_line(reply(tmp_path, mention_id, "--template", "Broken"))
    assert "mistake in its braces" in line


def test_an_account_that_needs_reconnecting_is_one_sentence(tmp_path: Path) -> None:
    mention_id = add_mention(tmp_path, Network.MASTODON)
    ws = open_workspace(tmp_path)
    AccountsService(ws.sessions, Credentials(MemoryKeyring())).mark_state(
        1, AccountState.NEEDS_RECONNECT)
    ws.close()
    line = assert_one_clear_line(reply(tmp_path, mention_id, "--text", "Thanks!"))
    assert "needs reconnecting" in line


# --- Sent, against the Mastodon-like server (the token lives in the real keyring) -------------


@dataclass
class Shop:
    data_dir: Path
    server: FakeMastodon

    def mention(self, status_id: str) -> int:
        ws = open_workspace(self.data_dir)
        try:
            with ws.sessions() as session:
                return session.query(Mention.id).filter(
                    Mention.external_id == status_id).scalar()
        finally:
            ws.close()

    def mention_json(self, mention_id: int) -> dict[str, object]:
        listed = run("mentions", "list", "--state", "all", "--json", "--data-dir", self.data_dir)
        return next(m for m in json.loads(listed.stdout) if m["id"] == mention_id)


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Shop]:
    with FakeMastodon() as server:
        ws = open_workspace(tmp_path)
        try:
            credentials = Credentials()
            accounts = AccountsService(ws.sessions, credentials)
            connect = ConnectService(accounts, credentials)
            account = connect.connect_mastodon_token(server.url, server.issue_token())
            SyncService(ws.sessions, accounts, connect.connector).sync()
            PreferencesService(ws.sessions).update(shop_name="Maple Bakery",
                                                   reply_language="auto")
        finally:
            ws.close()
        yield Shop(tmp_path, server)
        ws = open_workspace(tmp_path)
        AccountsService(ws.sessions, Credentials()).remove(account.id, keep_mentions=False)
        ws.close()
        assert not server.errors, server.errors[0]


@pytest.mark.real_keyring
def test_reply_sends_at_once_with_the_acct_prefix_and_prints_json(shop: Shop) -> None:
    mention_id = shop.mention(shop.server.japanese_status)
    result = reply(shop.data_dir, mention_id, "--text", "明日は10時から営業しています。",
                   "--json")
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stdout)
    assert set(entry) == ENTRY_KEYS
    assert entry["state"] == "sent" and entry["error"] is None
    (post,) = shop.server.made("POST", "/api/v1/statuses")
    assert post.body["in_reply_to_id"] == shop.server.japanese_status
    assert post.body["status"] == "@yuki@mstdn.example.jp 明日は10時から営業しています。"
    assert post.body["language"] == "ja"  # guessed from the text ("auto" in Settings)
    (made,) = [s for s in shop.server.state.statuses.values()
               if s["in_reply_to_id"] == shop.server.japanese_status]
    assert (entry["remote_id"], entry["remote_url"]) == (made["id"], made["url"])
    answered = shop.mention_json(mention_id)
    assert answered["state"] == "done" and answered["first_response_at"] is not None


@pytest.mark.real_keyring
def test_a_text_that_already_names_the_author_is_not_prefixed_twice(shop: Shop) -> None:
    mention_id = shop.mention(shop.server.japanese_status)
    result = reply(shop.data_dir, mention_id, "--text", "@yuki@mstdn.example.jp はい！")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("https://")  # without --json: where it lives
    (post,) = shop.server.made("POST", "/api/v1/statuses")
    assert post.body["status"] == "@yuki@mstdn.example.jp はい！"


@pytest.mark.real_keyring
def test_reply_with_a_template_fills_it_in_for_the_mention(shop: Shop) -> None:
    mention_id = shop.mention(shop.server.japanese_status)
    ws = open_workspace(shop.data_dir)
    template = TemplatesService(ws.sessions).create(
        "Thanks JA", "thanks", "{customer_name|お客様}さん、ありがとうございます！{shop_name}",
        language="ja")
    ws.close()
    result = reply(shop.data_dir, mention_id, "--template", "thanks ja")
    assert result.returncode == 0, result.stderr
    (post,) = shop.server.made("POST", "/api/v1/statuses")
    assert post.body["status"] == ("@yuki@mstdn.example.jp ゆきさん、ありがとうございます！"
                                   "Maple Bakery")
    ws = open_workspace(shop.data_dir)
    assert TemplatesService(ws.sessions).get(template.id).use_count == 1  # type: ignore[union-attr]
    ws.close()


@pytest.mark.real_keyring
def test_a_deleted_original_fails_in_one_sentence_with_the_entry_in_json(shop: Shop) -> None:
    status = shop.server.reply_status
    mention_id = shop.mention(status)
    with shop.server.lock:
        del shop.server.state.statuses[status]
    result = reply(shop.data_dir, mention_id, "--text", "Yes, two!", "--json")
    line = assert_one_clear_line(result)
    assert line == "The post you are answering is gone: it was deleted, or its author hid it."
    entry = json.loads(result.stdout)
    assert (entry["state"], entry["error"], entry["remote_id"]) == ("failed", "NotFound", None)


@pytest.mark.real_keyring
def test_a_busy_server_leaves_the_reply_waiting_in_the_outbox(shop: Shop) -> None:
    mention_id = shop.mention(shop.server.reply_status)
    shop.server.inject("500", path="/api/v1/statuses", after=1, times=1)
    result = reply(shop.data_dir, mention_id, "--text", "Yes, two!", "--json")
    line = assert_one_clear_line(result)
    assert "waits in the outbox" in line
    assert json.loads(result.stdout)["state"] == "queued"
    again = reply(shop.data_dir, mention_id, "--text", "Yes, two!")  # a script trying again
    assert "already on its way" in assert_one_clear_line(again)
    assert len(shop.server.made("POST", "/api/v1/statuses")) == 1  # never a second copy

