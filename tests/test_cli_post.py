"""`community-desk post` as a script uses it: published now, or planned with --at (a Mastodon
post handed to its server), --json says where each target is, and every problem is one
sentence on stderr with exit code 1.

Publishing needs the account's token from the real keyring (the command runs in its own
process), so those tests are marked real_keyring (`python3 dev.py test` runs them); the checks
that refuse a post before anything is kept run anywhere."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from clirun import assert_one_clear_line, base_env, run
from fakes.mastodon_server import FakeMastodon
from keyrings import MemoryKeyring
from sqlalchemy import func, select

from app.core.connector import AccountInfo, Capabilities, TextRules
from app.core.model import AccountState, Network
from app.credentials import Credentials
from app.networks import bluesky, mastodon
from app.services.accounts import AccountsService
from app.services.connect import ConnectService
from app.services.workspace import open_workspace
from app.storage.models import Post

TARGET_KEYS = {"id", "post_id", "state", "remote_id", "remote_url", "error"}


def add_account(data_dir: Path, network: Network, handle: str = "@shop@example.social") -> int:
    """An account whose secret is not needed: these tests are refused before any request."""
    ws = open_workspace(data_dir)
    try:
        accounts = AccountsService(ws.sessions, Credentials(MemoryKeyring()))
        caps = {Network.MASTODON: mastodon.CAPABILITIES, Network.BLUESKY: bluesky.CAPABILITIES
                }.get(network, Capabilities())
        rules = {Network.MASTODON: TextRules(max_graphemes=500, url_weight=23),
                 Network.BLUESKY: bluesky.TEXT_RULES}.get(network)
        return accounts.save_connected(AccountInfo(
            network=network, handle=handle, server_url="https://example.social",
            capabilities=caps, text_rules=rules), None).id
    finally:
        ws.close()


def post(data_dir: Path, *args: str, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    return run("post", *args, "--data-dir", data_dir, env=env)


def no_post_kept(data_dir: Path) -> bool:
    ws = open_workspace(data_dir)
    try:
        with ws.sessions() as session:
            return session.scalar(select(func.count()).select_from(Post)) == 0
    finally:
        ws.close()


def later(**delta: float) -> str:
    return (datetime.now(UTC) + timedelta(**delta)).isoformat(timespec="seconds")


# --- Refused before anything is kept ------------------------------------------------------------


def test_an_unknown_account_is_one_sentence(tmp_path: Path) -> None:
    line = assert_one_clear_line(post(tmp_path, "--account", "42", "--text", "Hello"))
    assert line == "There is no account with the number 42: see `accounts list`."


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_post_is_one_sentence(tmp_path: Path, text: str) -> None:
    account = add_account(tmp_path, Network.MASTODON)
    line = assert_one_clear_line(post(tmp_path, "--account", str(account), "--text", text))
    assert line == "The post is empty: give its words with --text."
    assert no_post_kept(tmp_path)


def test_too_long_for_one_account_names_it_and_says_by_how_much(tmp_path: Path) -> None:
    first = add_account(tmp_path, Network.MASTODON)
    second = add_account(tmp_path, Network.BLUESKY, "shop.bsky.social")
    result = post(tmp_path, "--account", str(first), "--account", str(second), "--text",
                  "あ" * 302, "--json")
    line = assert_one_clear_line(result)
    assert line == ("The post is 2 characters over Bluesky's limit of 300 for "
                    "shop.bsky.social: shorten it.")
    assert result.stdout == "" and no_post_kept(tmp_path)


def test_a_feed_cannot_be_posted_to(tmp_path: Path) -> None:
    account = add_account(tmp_path, Network.FEED, "Reviews")
    line = assert_one_clear_line(post(tmp_path, "--account", str(account), "--text", "Hi"))
    assert line == ("Reviews cannot be posted to (feeds are read-only): choose a Mastodon or "
                    "Bluesky account with --account.")


def test_a_time_in_the_past_is_one_sentence(tmp_path: Path) -> None:
    account = add_account(tmp_path, Network.MASTODON)
    line = assert_one_clear_line(post(tmp_path, "--account", str(account), "--text", "Hi",
                                      "--at", "2020-01-01T10:00+09:00"))
    assert line == ("The time given with --at has already passed: give a later one, or leave "
                    "--at out to post now.")


def test_an_account_that_needs_reconnecting_is_named(tmp_path: Path) -> None:
    account = add_account(tmp_path, Network.MASTODON)
    ws = open_workspace(tmp_path)
    AccountsService(ws.sessions, Credentials(MemoryKeyring())).mark_state(
        account, AccountState.NEEDS_RECONNECT)
    ws.close()
    line = assert_one_clear_line(post(tmp_path, "--account", str(account), "--text", "Hi"))
    assert line.startswith("@shop@example.social needs reconnecting before it can post")


def test_a_time_that_is_not_a_time_is_one_sentence(tmp_path: Path) -> None:
    line = assert_one_clear_line(post(tmp_path, "--account", "1", "--text", "Hi", "--at",
                                      "next tuesday"))
    assert line == ("“next tuesday” is not a date and time: write it as ISO 8601, for example "
                    "2026-12-24T10:00+09:00.")


def test_a_local_time_the_clocks_skip_or_repeat_asks_for_an_offset(tmp_path: Path) -> None:
    berlin = base_env(TZ="Europe/Berlin")
    skipped = assert_one_clear_line(post(tmp_path, "--account", "1", "--text", "Hi", "--at",
                                         "2027-03-28T02:30", env=berlin))
    assert skipped == ("2027-03-28T02:30 does not exist in Europe/Berlin that day (the clocks "
                       "jump forward): write it with its offset, 2027-03-28T01:30+01:00 or "
                       "2027-03-28T03:30+02:00.")
    twice = assert_one_clear_line(post(tmp_path, "--account", "1", "--text", "Hi", "--at",
                                       "2027-10-31T02:30", env=berlin))
    assert twice == ("2027-10-31T02:30 happens twice in Europe/Berlin that day (the clocks go "
                     "back): write it with its offset, 2027-10-31T02:30+02:00 or "
                     "2027-10-31T02:30+01:00.")


def test_errors_come_in_japanese_for_a_japanese_user(tmp_path: Path) -> None:
    account = add_account(tmp_path, Network.MASTODON)
    result = post(tmp_path, "--account", str(account), "--text", " ",
                  env=base_env(LANG="ja_JP.UTF-8", LANGUAGE="ja"))
    assert assert_one_clear_line(result) == "投稿が空です。--text で本文を指定してください。"


# --- Published and planned, against the Mastodon-like server (token in the real keyring) ------


@dataclass
class Shop:
    data_dir: Path
    server: FakeMastodon
    account_id: int


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Shop]:
    with FakeMastodon() as server:
        ws = open_workspace(tmp_path)
        try:
            credentials = Credentials()
            accounts = AccountsService(ws.sessions, credentials)
            account = ConnectService(accounts, credentials).connect_mastodon_token(
                server.url, server.issue_token())
        finally:
            ws.close()
        yield Shop(tmp_path, server, account.id)
        ws = open_workspace(tmp_path)
        AccountsService(ws.sessions, Credentials()).remove(account.id, keep_mentions=False)
        ws.close()
        assert not server.errors, server.errors[0]


@pytest.mark.real_keyring
def test_post_without_at_publishes_now_and_prints_json(shop: Shop) -> None:
    result = post(shop.data_dir, "--account", str(shop.account_id), "--text",
                  "本日は18時まで営業しています。", "--json")
    assert result.returncode == 0, result.stderr
    target = json.loads(result.stdout)
    assert set(target) == TARGET_KEYS
    assert target["state"] == "sent" and target["error"] is None
    (status,) = [s for s in shop.server.shop_posts() if s["id"] != shop.server.shop_post]
    assert (target["remote_id"], target["remote_url"]) == (status["id"], status["url"])
    (request,) = shop.server.made("POST", "/api/v1/statuses")
    assert request.body["language"] == "ja" and "scheduled_at" not in request.body


@pytest.mark.real_keyring
def test_post_at_a_later_time_is_handed_to_the_server(shop: Shop) -> None:
    result = post(shop.data_dir, "--account", str(shop.account_id), "--text", "Xmas hours",
                  "--at", later(hours=2))
    assert result.returncode == 0, result.stderr
    (held,) = shop.server.state.scheduled.values()
    assert result.stdout.strip() == held["id"]  # without --json: where it is
    assert held["params"]["text"] == "Xmas hours"


@pytest.mark.real_keyring
def test_a_busy_server_leaves_the_post_waiting_in_the_outbox(shop: Shop) -> None:
    shop.server.inject("500", path="/api/v1/statuses", times=1)
    result = post(shop.data_dir, "--account", str(shop.account_id), "--text", "Hello",
                  "--json")
    assert "waits in the outbox" in assert_one_clear_line(result)
    assert json.loads(result.stdout)["state"] == "queued"
