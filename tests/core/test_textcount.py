"""Counting a post the way each network does: graphemes everywhere, Mastodon's 23-character URLs
and short remote mentions, Bluesky's 300 graphemes and 3,000 bytes."""

from __future__ import annotations

import pytest

from app.core.connector import AccountInfo, TextRules
from app.core.model import Network
from app.core.textcount import BLUESKY, MASTODON_DEFAULT, count, grapheme_count, rules_for
from app.networks import bluesky, mastodon
from app.services.accounts import _capabilities_json

# social-apis.md §2.7 and §5: 70 graphemes, 110 bytes, a 28-character URL.
EXAMPLE = ("ご注文ありがとうございます！ @shop.example.com "
           "詳細は https://shop.example.com/faq #手作り")


def test_the_reference_example_counts_65_on_mastodon_and_70_on_bluesky() -> None:
    on_mastodon = count(EXAMPLE, MASTODON_DEFAULT)
    assert (on_mastodon.used, on_mastodon.limit) == (65, 500)  # 70 - 28 + 23
    assert on_mastodon.bytes_used is None and on_mastodon.fits
    on_bluesky = count(EXAMPLE, BLUESKY)
    assert (on_bluesky.used, on_bluesky.limit) == (70, 300)
    assert (on_bluesky.bytes_used, on_bluesky.max_bytes) == (110, 3000)
    assert on_bluesky.fits


@pytest.mark.parametrize(
    ("text", "graphemes"),
    [
        ("ありがとう", 5),  # Japanese: 1 per character, never 2 or 3
        ("パン🍞", 3),
        ("👨‍👩‍👧‍👦", 1),  # a family joined by zero-width joiners
        ("🇯🇵🇫🇷", 2),  # flags
        ("👍🏽", 1),  # skin tone
        ("#️⃣", 1),  # keycap
        ("か\u3099", 1),  # か + combining voiced mark = が
        ("ｶﾞ", 1),  # half-width katakana with its half-width voiced mark
        ("e\u0301", 1),
        ("", 0),
    ],
)
def test_characters_are_counted_as_a_reader_sees_them(text: str, graphemes: int) -> None:
    assert grapheme_count(text) == graphemes
    assert count(text, BLUESKY).used == graphemes
    assert count(text, MASTODON_DEFAULT).used == graphemes


@pytest.mark.parametrize(
    ("text", "used"),
    [
        ("https://example.com", 23),  # short URLs count 23 as well
        ("https://shop.example.com/" + "a" * 200, 23),
        ("http://shop.example.com/faq?item=42&size=L#top", 23),
        ("see https://example.com/faq.", 4 + 23 + 1),  # the full stop is not the URL's
        ("(https://example.com/a_(b))", 1 + 23 + 1),
        ("詳細は https://shop.example.com/faq です", 3 + 1 + 23 + 1 + 2),
        ("詳細はhttps://shop.example.com/faq", 3 + 23),
        ("a https://example.com b https://example.org/x c", 1 + 1 + 23 + 3 + 23 + 2),
        ("example.com", 11),  # no scheme: Mastodon counts it as written
        ("xhttps://example.com/" + "a" * 30, 21 + 30),  # not after a letter
    ],
)
def test_every_url_counts_23_on_mastodon(text: str, used: int) -> None:
    assert count(text, MASTODON_DEFAULT).used == used


def test_bluesky_counts_urls_in_full() -> None:
    url = "https://shop.example.com/" + "a" * 50
    assert count(url, BLUESKY).used == len(url)


@pytest.mark.parametrize(
    ("text", "used"),
    [
        ("@alice@mastodon.social", len("@alice")),
        ("@alice@mastodon.social ありがとう", len("@alice") + 1 + 5),
        ("@alice", 6),
        ("@alice@mastodon.social @bob@example.jp", len("@alice @bob")),
        ("info@shop.example.com", len("info@shop.example.com")),  # an email, not a mention
        ("ありがとう@alice@mastodon.social", 5 + len("@alice@mastodon.social")),
    ],
)
def test_a_remote_mention_counts_as_its_local_part_on_mastodon(text: str, used: int) -> None:
    assert count(text, MASTODON_DEFAULT).used == used


def test_bluesky_counts_mentions_in_full() -> None:
    assert count("@alice@mastodon.social", BLUESKY).used == len("@alice@mastodon.social")


def test_bluesky_allows_300_graphemes() -> None:
    fits = count("あ" * 300, BLUESKY)
    assert fits.fits and fits.remaining == 0 and fits.bytes_used == 900
    over = count("あ" * 301, BLUESKY)
    assert not over.fits
    assert (over.over_by, over.bytes_over_by, over.remaining) == (1, 0, -1)


def test_bluesky_allows_3000_bytes_even_with_fewer_graphemes() -> None:
    family = "👨‍👩‍👧‍👦"  # one grapheme, 25 bytes
    text = family * 121  # 121 graphemes, 3,025 bytes
    result = count(text, BLUESKY)
    assert result.used == 121 and result.over_by == 0
    assert result.bytes_used == 3025
    assert result.bytes_over_by == 25
    assert not result.fits


def test_mastodon_counts_against_the_servers_own_limit() -> None:
    rules = rules_for(Network.MASTODON, {"text_rules": {
        "max_graphemes": 1000, "url_weight": 30, "max_bytes": None,
        "mentions_count_local_part": True}})
    assert rules == TextRules(max_graphemes=1000, url_weight=30, mentions_count_local_part=True)
    result = count("a" * 990 + " https://example.com", rules)
    assert (result.used, result.limit, result.fits) == (1021, 1000, False)
    assert result.over_by == 21
    assert count("a" * 501, rules).fits


def test_rules_round_trip_through_the_stored_capabilities() -> None:
    for network, rules in [
        (Network.MASTODON, TextRules(max_graphemes=5000, url_weight=23,
                                     mentions_count_local_part=True)),
        (Network.BLUESKY, bluesky.TEXT_RULES),
    ]:
        info = AccountInfo(network=network, handle="@shop", server_url="https://example.com",
                           text_rules=rules)
        assert rules_for(network, _capabilities_json(info)) == rules


@pytest.mark.parametrize(
    "stored",
    [
        None,
        {},
        {"can_reply": True},
        {"text_rules": "500"},
        {"text_rules": {"max_graphemes": "500", "url_weight": -1}},
        {"text_rules": {"max_graphemes": 0}},
        {"text_rules": {"max_graphemes": True, "mentions_count_local_part": "yes"}},
    ],
)
def test_missing_or_unusable_stored_rules_give_the_network_defaults(stored: object) -> None:
    assert rules_for(Network.MASTODON, stored) == MASTODON_DEFAULT  # type: ignore[arg-type]
    assert rules_for(Network.BLUESKY, stored) == BLUESKY  # type: ignore[arg-type]


def test_a_partly_stored_rule_keeps_the_defaults_for_the_rest() -> None:
    rules = rules_for(Network.MASTODON, {"text_rules": {"max_graphemes": 11_000}})
    assert rules == TextRules(max_graphemes=11_000, url_weight=23, mentions_count_local_part=True)


def test_feeds_have_no_rules() -> None:
    assert rules_for(Network.FEED, {"text_rules": {"max_graphemes": 500}}) is None


def test_the_defaults_are_the_connectors_own() -> None:
    assert BLUESKY == bluesky.TEXT_RULES
    assert (MASTODON_DEFAULT.max_graphemes, MASTODON_DEFAULT.url_weight) == (
        mastodon.DEFAULT_MAX_CHARACTERS, mastodon.DEFAULT_URL_WEIGHT)
    assert MASTODON_DEFAULT.mentions_count_local_part and MASTODON_DEFAULT.max_bytes is None
