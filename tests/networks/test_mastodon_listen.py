"""Listening on Mastodon (fetch_keywords): hashtag timelines paged like the real API, phrases
through full-text search where the server has it, and the per-term cursor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from fakes.mastodon_server import FakeMastodon

from app.core.model import MentionKind
from app.networks.errors import AuthExpired
from app.networks.mastodon import SEARCH_KEY, TAGS_KEY, MastodonConnector

Connect = Callable[..., MastodonConnector]


def ago(**delta: float) -> datetime:
    return datetime.now(UTC) - timedelta(**delta)


def ids(result: object) -> list[str]:
    return [m.external_id for m in result.mentions]  # type: ignore[attr-defined]


def tag_requests(server: FakeMastodon, name: str) -> list:
    return server.made("GET", f"/api/v1/timelines/tag/{name}")


@pytest.fixture
def customers(server: FakeMastodon) -> tuple[dict, dict]:
    return (server.account("20", "mika", "Mika", local=False, domain="m.example"),
            server.account("21", "leo", "Leo", local=True))


# -- hashtags -----------------------------------------------------------------------------------


def test_a_watched_hashtag_brings_its_last_two_weeks_oldest_first(
        server: FakeMastodon, connector: MastodonConnector, customers: tuple[dict, dict]) -> None:
    mika, leo = customers
    for day in (20, 16):  # before the window
        server.add_tagged(mika, f"old visit {day}", ["shop"], created_at=ago(days=day))
    recent = [server.add_tagged(leo if i % 2 else mika, f"visit {i}", ["Shop"],
                                created_at=ago(days=12 - i)) for i in range(9)]
    server.add_tagged(mika, "about something else", ["cats"], created_at=ago(hours=1))
    server.max_page_size = 4  # several pages, as a busy tag would have

    result = connector.fetch_keywords(("#shop",), {}, since=ago(days=14))

    assert ids(result) == recent
    assert all(m.kind is MentionKind.KEYWORD for m in result.mentions)
    assert [m.created_at for m in result.mentions] == sorted(m.created_at
                                                             for m in result.mentions)
    assert result.mentions[0].text.startswith("visit 0 #Shop")
    assert result.mentions[1].author_handle == f"@leo@{server.domain}"
    assert result.cursor == {TAGS_KEY: {"shop": recent[-1]}}
    pages = tag_requests(server, "shop")
    assert pages[0].q("max_id") is None and all(p.q("max_id") for p in pages[1:])
    assert all(p.q("limit") == "40" and p.bearer for p in pages)
    assert len(pages) == 3  # 4 + 4, then 1 recent with the posts from before the window


def test_the_next_pass_pages_forward_and_brings_only_new_posts(
        server: FakeMastodon, connector: MastodonConnector, customers: tuple[dict, dict]) -> None:
    mika, _ = customers
    server.add_tagged(mika, "before", ["shop"], created_at=ago(days=1))
    first = connector.fetch_keywords(("#shop",), {}, since=ago(days=14))
    new = [server.add_tagged(mika, f"new {i}", ["shop"]) for i in range(5)]
    server.max_page_size = 2
    before = len(tag_requests(server, "shop"))

    again = connector.fetch_keywords(("#shop",), first.cursor)

    assert ids(again) == new
    assert again.cursor == {TAGS_KEY: {"shop": new[-1]}}
    forward = tag_requests(server, "shop")[before:]
    assert [p.q("min_id") is not None for p in forward] == [True] * 4  # 2 + 2 + 1, then empty
    assert connector.fetch_keywords(("#shop",), again.cursor).mentions == ()


def test_a_busy_tag_is_caught_up_over_several_syncs(
        server: FakeMastodon, connect: Connect, customers: tuple[dict, dict]) -> None:
    mika, _ = customers
    server.known_tags.add("shop")
    connector = connect(max_pages=2)
    cursor = connector.fetch_keywords(("shop",), {}).cursor
    assert cursor == {}  # nothing yet: the next pass is a first pass again
    server.add_tagged(mika, "first", ["shop"], created_at=ago(minutes=5))
    cursor = connector.fetch_keywords(("shop",), cursor).cursor
    new = [server.add_tagged(mika, f"new {i}", ["shop"]) for i in range(9)]
    server.max_page_size = 2
    got: list[str] = []
    for _ in range(3):
        result = connector.fetch_keywords(("shop",), cursor)
        got += ids(result)
        cursor = result.cursor
    assert got == new


def test_a_single_word_is_watched_as_its_hashtag_in_any_script_and_case(
        server: FakeMastodon, connector: MastodonConnector, customers: tuple[dict, dict]) -> None:
    mika, _ = customers
    refund = server.add_tagged(mika, "返金してください", ["返金"], language="ja")
    shop = server.add_tagged(mika, "nice", ["shop"])

    result = connector.fetch_keywords(("返金", "Shop", "#SHOP", "＃shop"), {})

    assert ids(result) == [refund, shop]
    assert result.cursor == {TAGS_KEY: {"返金": refund, "shop": shop}}
    assert {r.path for r in server.requests} == {  # four spellings, one tag
        f"/api/v1/timelines/tag/{quote('返金')}", "/api/v1/timelines/tag/shop"}
    assert result.mentions[0].text == "返金してください #返金"
    assert result.mentions[0].language == "ja"


def test_a_post_under_two_watched_tags_arrives_once(
        server: FakeMastodon, connector: MastodonConnector, customers: tuple[dict, dict]) -> None:
    mika, leo = customers
    both = server.add_tagged(mika, "coffee at the shop", ["shop", "coffee"])
    only = server.add_tagged(leo, "coffee elsewhere", ["coffee"])
    result = connector.fetch_keywords(("#shop", "#coffee"), {})
    assert ids(result) == [both, only]
    assert result.cursor == {TAGS_KEY: {"shop": both, "coffee": only}}


def test_followers_only_posts_and_other_tags_stay_out(
        server: FakeMastodon, connector: MastodonConnector, customers: tuple[dict, dict]) -> None:
    mika, _ = customers
    public = server.add_tagged(mika, "public", ["shop"])
    server.add_tagged(mika, "followers only", ["shop"], visibility="private")
    server.add_tagged(mika, "shopping", ["shopping"])
    assert ids(connector.fetch_keywords(("#shop",), {})) == [public]


def test_links_in_a_tagged_post_stay_whole(
        server: FakeMastodon, connector: MastodonConnector, customers: tuple[dict, dict]) -> None:
    mika, _ = customers
    server.add_tagged(
        mika, 'menu: <a href="https://example.shop/menu/spring-2026" rel="nofollow noopener" '
        'target="_blank"><span class="invisible">https://</span><span class="ellipsis">'
        'example.shop/menu/spri</span><span class="invisible">ng-2026</span></a>', ["shop"])
    [post] = connector.fetch_keywords(("#shop",), {}).mentions
    assert post.text == "menu: https://example.shop/menu/spring-2026 #shop"


# -- the cursor ---------------------------------------------------------------------------------


def test_terms_no_longer_watched_leave_the_cursor_and_a_new_one_gets_its_first_pass(
        server: FakeMastodon, connector: MastodonConnector, customers: tuple[dict, dict]) -> None:
    mika, _ = customers
    old_cake = server.add_tagged(mika, "old cake", ["cake"], created_at=ago(days=30))
    shop = server.add_tagged(mika, "shop post", ["shop"], created_at=ago(days=3))
    cake = server.add_tagged(mika, "cake post", ["cake"], created_at=ago(days=3))
    first = connector.fetch_keywords(("#shop",), {"someone_elses": 1})
    assert first.cursor == {"someone_elses": 1, TAGS_KEY: {"shop": shop}}

    result = connector.fetch_keywords(("#cake",), first.cursor)

    assert ids(result) == [cake]  # two weeks back for the new tag, not the 30-day-old post
    assert old_cake not in ids(result)
    assert result.cursor == {"someone_elses": 1, TAGS_KEY: {"cake": cake}}
    assert connector.fetch_keywords((), result.cursor).cursor == {"someone_elses": 1}


def test_an_unreadable_cursor_is_a_first_pass(
        server: FakeMastodon, connector: MastodonConnector, customers: tuple[dict, dict]) -> None:
    mika, _ = customers
    post = server.add_tagged(mika, "hello", ["shop"])
    for cursor in ({TAGS_KEY: "shop"}, {TAGS_KEY: {"shop": 12}}, {TAGS_KEY: {"shop": "../x"}},
                   {SEARCH_KEY: []}):
        result = connector.fetch_keywords(("#shop",), cursor)  # type: ignore[arg-type]
        assert ids(result) == [post]
        assert result.cursor[TAGS_KEY] == {"shop": post}


def test_a_tag_nobody_has_used_yet_is_quietly_empty(server: FakeMastodon,
                                                    connector: MastodonConnector) -> None:
    result = connector.fetch_keywords(("#brandnewtag",), {})
    assert result.mentions == () and result.cursor == {}
    assert len(tag_requests(server, "brandnewtag")) == 1  # answered 404


# -- phrases ------------------------------------------------------------------------------------


def test_a_phrase_is_searched_where_the_server_has_full_text_search(
        server: FakeMastodon, connector: MastodonConnector, customers: tuple[dict, dict]) -> None:
    mika, leo = customers
    server.full_text_search = True
    server.add_status(mika, "<p>Free shipping over $50? Old news</p>", created_at=ago(days=20),
                      mentions_shop=False)
    found = server.add_status(mika, "<p>Does the shop offer FREE shipping?</p>",
                              created_at=ago(days=2), mentions_shop=False)["id"]
    other = server.add_status(leo, "<p>shipping was free?</p>", created_at=ago(days=1),
                              mentions_shop=False)["id"]  # both words: the server's match

    result = connector.fetch_keywords(("free   shipping",), {}, since=ago(days=14))

    assert ids(result) == [found, other]  # not the one from 20 days ago
    assert all(m.kind is MentionKind.KEYWORD for m in result.mentions)
    assert result.cursor == {SEARCH_KEY: {"free shipping": other}}
    [asked] = server.made("GET", "/api/v2/search")
    assert (asked.q("q"), asked.q("type"), asked.q("resolve"), asked.q("min_id")) == (
        "free shipping", "statuses", "false", None)

    later = server.add_status(leo, "<p>free shipping please</p>", created_at=ago(seconds=1),
                              mentions_shop=False)["id"]
    again = connector.fetch_keywords(("free shipping",), result.cursor)
    assert ids(again) == [later]
    assert server.made("GET", "/api/v2/search")[-1].q("min_id") == \
        result.cursor[SEARCH_KEY]["free shipping"]  # type: ignore[index]


def test_a_phrase_finds_nothing_on_a_server_without_full_text_search(
        server: FakeMastodon, connector: MastodonConnector, customers: tuple[dict, dict]) -> None:
    mika, _ = customers
    server.add_status(mika, "<p>free shipping?</p>", created_at=ago(hours=1),
                      mentions_shop=False)
    result = connector.fetch_keywords(("free shipping",), {})
    assert result.mentions == () and result.cursor == {}


def test_a_token_without_search_permission_still_hears_hashtags(
        server: FakeMastodon, connect: Connect, customers: tuple[dict, dict],
        caplog: pytest.LogCaptureFixture) -> None:
    mika, _ = customers
    server.full_text_search = True
    post = server.add_tagged(mika, "free shipping", ["shop"])
    token = server.issue_token("profile read:notifications read:statuses write:statuses")
    result = connect(token).fetch_keywords(("free shipping", "#shop"), {})
    assert ids(result) == [post]
    assert result.cursor == {TAGS_KEY: {"shop": post}}
    assert "'free shipping' skipped" in caplog.text
    assert token not in caplog.text


# -- language, and a dead token -----------------------------------------------------------------


def test_a_language_keeps_posts_in_it_and_posts_that_declare_none(
        server: FakeMastodon, connector: MastodonConnector, customers: tuple[dict, dict]) -> None:
    mika, _ = customers
    japanese = server.add_tagged(mika, "美味しい", ["shop"], language="ja")
    server.add_tagged(mika, "tasty", ["shop"], language="en")
    undeclared = server.add_tagged(mika, "???", ["shop"], language=None)
    result = connector.fetch_keywords(("#shop",), {}, language="ja")
    assert ids(result) == [japanese, undeclared]
    assert result.cursor == {TAGS_KEY: {"shop": undeclared}}  # the English one is behind it


def test_a_revoked_token_stops_listening_with_auth_expired(
        server: FakeMastodon, connector: MastodonConnector, customers: tuple[dict, dict]) -> None:
    mika, _ = customers
    server.add_tagged(mika, "hello", ["shop"])
    server.add_tagged(mika, "hello", ["cake"])
    server.inject("401", path="/api/v1/timelines/tag/", after=1)
    with pytest.raises(AuthExpired):
        connector.fetch_keywords(("#shop", "#cake"), {})
