"""`community-desk sync` and `mentions list --search` as a script uses them: stable JSON, an
exit code that says whether every account synced, one sentence per failure on stderr."""

from __future__ import annotations

import json
from pathlib import Path

from clirun import run
from fakes.feed_server import ALERTS_PATH, COMMENTS_PATH, GARBAGE_PATH, FeedServer, feed_server

__all__ = ["feed_server"]  # the fixture, used by name


def _add_feed(data_dir: Path, url: str, name: str) -> int:
    added = run("accounts", "add", "feed", "--url", url, "--name", name, "--data-dir", data_dir)
    assert added.returncode == 0, added.stderr
    return int(json.loads(added.stdout)["id"])


def test_sync_json_then_list_and_search_the_mentions(tmp_path: Path,
                                                     feed_server: FeedServer) -> None:
    account_id = _add_feed(tmp_path, feed_server.url(ALERTS_PATH), "Alerts")

    synced = run("sync", "--json", "--data-dir", tmp_path)
    assert synced.returncode == 0, synced.stderr
    report = json.loads(synced.stdout)
    (entry,) = report["accounts"]
    assert entry == {"account_id": account_id, "new": report["new"], "updated": 0,
                     "error": None}
    assert report["new"] > 0

    listed = run("mentions", "list", "--state", "all", "--json", "--data-dir", tmp_path)
    mentions = json.loads(listed.stdout)
    assert len(mentions) == report["new"]
    assert {m["kind"] for m in mentions} == {"feed_item"}

    word = mentions[0]["text"].split()[0]
    searched = run("mentions", "list", "--state", "all", "--search", word, "--json",
                   "--data-dir", tmp_path)
    assert searched.returncode == 0, searched.stderr
    found = json.loads(searched.stdout)
    assert found and all(word.lower() in (m["text"] + m["author_name"]).lower() for m in found)

    again = json.loads(run("sync", "--json", "--data-dir", tmp_path).stdout)
    assert again["new"] == 0


def test_one_broken_account_fails_the_exit_code_but_not_the_others(
        tmp_path: Path, feed_server: FeedServer) -> None:
    good = _add_feed(tmp_path, feed_server.url(ALERTS_PATH), "Alerts")
    broken = _add_feed(tmp_path, feed_server.url(COMMENTS_PATH), "Comments")
    # The second feed's address starts answering with garbage after it was connected.
    from app.services.workspace import open_workspace
    from app.storage.models import Account

    ws = open_workspace(tmp_path)
    with ws.sessions.begin() as session:
        session.get(Account, broken).server_url = feed_server.url(GARBAGE_PATH)
    ws.close()

    synced = run("sync", "--json", "--data-dir", tmp_path)
    assert synced.returncode == 1
    by_id = {a["account_id"]: a for a in json.loads(synced.stdout)["accounts"]}
    assert by_id[good]["error"] is None and by_id[good]["new"] > 0
    assert by_id[broken]["error"] == "BadResponse"
    assert synced.stderr.strip().splitlines() == [
        "Comments: The server's answer could not be understood. Check that the address is "
        "right."]


def test_an_unknown_account_is_one_sentence(tmp_path: Path) -> None:
    result = run("sync", "--account", "42", "--data-dir", tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "There is no account with the number 42: see `accounts list`."
