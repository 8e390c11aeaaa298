"""How a reply starts on each network, and which language it is tagged with."""

from __future__ import annotations

import pytest

from app.core.model import Network
from app.core.replytext import guess_language, reply_prefix

SHOP = "@maple@shop.example"


def test_a_mastodon_reply_names_the_author() -> None:
    assert reply_prefix(Network.MASTODON, "@alice@mastodon.social", SHOP) == \
        "@alice@mastodon.social "
    assert reply_prefix(Network.MASTODON, "alice@mastodon.social", SHOP) == \
        "@alice@mastodon.social "


def test_a_mastodon_reply_never_names_the_shop_itself() -> None:
    assert reply_prefix(Network.MASTODON, SHOP, SHOP) == ""
    assert reply_prefix(Network.MASTODON, "@Maple@Shop.Example", SHOP) == ""  # any case


@pytest.mark.parametrize("author", ["", "  ", "@", "@a b@example.social", "@a@b@c"])
def test_no_prefix_from_an_unusable_handle(author: str) -> None:
    assert reply_prefix(Network.MASTODON, author, SHOP) == ""


@pytest.mark.parametrize("network", [Network.BLUESKY, Network.FEED])
def test_other_networks_need_no_prefix(network: Network) -> None:
    assert reply_prefix(network, "customer.bsky.social", "shop.bsky.social") == ""


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ご注文ありがとうございます！ @shop.example.com 詳細は https://shop.example.com/faq "
         "#手作り", "ja"),
        ("はい、あります。", "ja"),
        ("ラーメン", "ja"),
        ("感謝", "ja"),  # kanji alone
        ("新しいMaple Croissant Sandwich入荷しました", "ja"),  # English names in Japanese
        ("Community Deskをご利用いただきありがとうございます", "ja"),
        ("Thank you for your order!", "en"),
        ("@alice@mastodon.social Thanks! https://shop.example.com/faq", "en"),
        ("Thanks for visiting our Tokyo shop 東京!", "en"),  # one Japanese word in English
        ("ok", "en"),
        ("", ""),
        ("x", ""),
        ("👍", ""),
        ("https://shop.example.com #手作り @alice.bsky.social", ""),  # nothing but addresses
        ("안녕하세요 감사합니다", ""),
        ("Спасибо большое", ""),
    ],
)
def test_guess_language(text: str, language: str) -> None:
    assert guess_language(text) == language
