"""`community-desk accounts …` as a script uses it: secrets on standard input, stable JSON,
one sentence on stderr when something is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import assert_one_clear_line, run
from fakes.feed_server import ALERTS_PATH, FeedServer, feed_server
from fakes.mastodon_server import FakeMastodon

__all__ = ["feed_server"]  # the fixture, used by name

ACCOUNT_KEYS = {"id", "network", "handle", "server", "state"}


def listed(data_dir: Path) -> list[dict[str, object]]:
    result = run("accounts", "list", "--json", "--data-dir", data_dir)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_add_list_and_remove_a_feed(tmp_path: Path, feed_server: FeedServer) -> None:
    added = run("accounts", "add", "feed", "--url", feed_server.url(ALERTS_PATH),
                "--name", "Google Alerts", "--data-dir", tmp_path)
    assert added.returncode == 0, added.stderr
    account = json.loads(added.stdout)
    assert set(account) == ACCOUNT_KEYS
    assert account["network"] == "feed" and account["state"] == "ok"

    assert listed(tmp_path) == [account]
    removed = run("accounts", "remove", str(account["id"]), "--data-dir", tmp_path)
    assert removed.returncode == 0, removed.stderr
    assert listed(tmp_path) == []


def test_a_plain_http_feed_elsewhere_is_refused_in_one_sentence(tmp_path: Path) -> None:
    result = run("accounts", "add", "feed", "--url", "http://example.com/feed",
                 "--data-dir", tmp_path)
    line = assert_one_clear_line(result)
    assert "https" in line
    assert listed(tmp_path) == []


def test_an_unreachable_server_is_one_sentence(tmp_path: Path) -> None:
    # Port 9 on loopback: nothing listens there, so the connection is refused at once.
    result = run("accounts", "add", "feed", "--url", "http://127.0.0.1:9/feed",
                 "--data-dir", tmp_path)
    assert_one_clear_line(result)


def test_removing_an_unknown_account_is_one_sentence(tmp_path: Path) -> None:
    assert_one_clear_line(run("accounts", "remove", "42", "--data-dir", tmp_path))


@pytest.mark.real_keyring
def test_mastodon_with_a_token_on_stdin(tmp_path: Path) -> None:
    with FakeMastodon() as server:
        token = server.issue_token()
        added = run("accounts", "add", "mastodon", "--server", server.url, "--token-stdin",
                    "--data-dir", tmp_path, input=token + "\n")
        assert added.returncode == 0, added.stderr
        assert json.loads(added.stdout)["network"] == "mastodon"
        assert token not in added.stdout + added.stderr
        removed = run("accounts", "remove", str(json.loads(added.stdout)["id"]),
                      "--data-dir", tmp_path)
        assert removed.returncode == 0, removed.stderr


@pytest.mark.real_keyring
def test_a_refused_mastodon_token_is_one_sentence_without_the_token(tmp_path: Path) -> None:
    with FakeMastodon() as server:
        result = run("accounts", "add", "mastodon", "--server", server.url, "--token-stdin",
                     "--data-dir", tmp_path, input="not-a-valid-token\n")
    line = assert_one_clear_line(result)
    assert "not-a-valid-token" not in line
