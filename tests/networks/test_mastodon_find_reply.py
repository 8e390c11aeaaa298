"""Finding a reply the shop already sent (after a crash, or an answer lost on the way), and the
language a reply carries, against the Mastodon-like server."""

from __future__ import annotations

import pytest
from fakes.mastodon_server import FakeMastodon, now

from app.networks.errors import NotFound
from app.networks.mastodon import MastodonConnector


def test_a_sent_reply_is_found_by_its_text_as_mastodon_shows_it(
        server: FakeMastodon, connector: MastodonConnector) -> None:
    parent = server.japanese_status
    text = "@yuki@mstdn.example.jp 明日は10時から\n\n18時まで営業しています。"
    sent = connector.send_reply(parent, text, idempotency_key="k-1")
    # As a real server renders it: the remote mention by its local part, paragraphs as HTML.
    with server.lock:
        server.state.statuses[sent.remote_id]["content"] = (
            '<p><span class="h-card"><a href="https://mstdn.example.jp/@yuki" class="u-url '
            'mention">@<span>yuki</span></a></span> 明日は10時から</p>'
            '<p>18時まで営業しています。</p>')

    found = connector.find_reply(parent, "another-key", text)
    assert found == sent


def test_nothing_is_found_when_no_reply_was_made(server: FakeMastodon,
                                                 connector: MastodonConnector) -> None:
    assert connector.find_reply(server.japanese_status, "k-1", "@yuki はい") is None


def test_only_the_shops_own_direct_answer_with_that_text_counts(
        server: FakeMastodon, connector: MastodonConnector) -> None:
    parent = server.japanese_status
    someone = server.account("9", "mimic", "Mimic", local=False, domain="elsewhere.example")
    server.add_status(someone, "<p>@yuki はい、あります。</p>", created_at=now(),
                      in_reply_to=parent)
    other_text = connector.send_reply(parent, "@yuki いいえ", idempotency_key="k-1")
    deeper = connector.send_reply(other_text.remote_id, "@yuki はい、あります。",
                                  idempotency_key="k-2")
    assert deeper.remote_id  # the same words, but answering another post
    assert connector.find_reply(parent, "k-3", "@yuki はい、あります。") is None


def test_a_deleted_original_is_not_found(server: FakeMastodon,
                                         connector: MastodonConnector) -> None:
    with pytest.raises(NotFound):
        connector.find_reply("113999999999999999", "k-1", "hello")


def test_a_reply_carries_its_language_when_one_is_given(server: FakeMastodon,
                                                        connector: MastodonConnector) -> None:
    connector.send_reply(server.japanese_status, "@yuki はい", idempotency_key="k-1",
                         language="ja")
    connector.send_reply(server.japanese_status, "@yuki yes", idempotency_key="k-2")
    first, second = server.made("POST", "/api/v1/statuses")
    assert first.body["language"] == "ja"
    assert "language" not in second.body
