"""The Mastodon connector against the fake server: who the account is, mentions paged like the
real API, threads, replies, posts, and every way a server answers badly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fakes.mastodon_server import FakeMastodon

from app.core.connector import FetchedMention, TextRules
from app.core.model import MentionKind
from app.networks.base import Connector
from app.networks.errors import (
    AuthExpired,
    BadResponse,
    NotFound,
    RateLimited,
    Rejected,
    ServerError,
)
from app.networks.http import Transport
from app.networks.mastodon import CURSOR_KEY, MastodonConnector, html_to_text


@pytest.fixture
def sleeps() -> Iterator[list[float]]:
    """Retry delays the transport asked for (none is slept). Also closes the test's
    transports, which connectors leave open because they did not make them."""
    delays: list[float] = []
    yield delays
    for transport in _open_transports:
        transport.close()
    _open_transports.clear()


_open_transports: list[Transport] = []


def connect(server: FakeMastodon, sleeps: list[float], token: str | None = None,
            **options: object) -> MastodonConnector:
    transport = Transport(server.url, sleep=sleeps.append)
    _open_transports.append(transport)
    return MastodonConnector(server.url, token or server.issue_token(), transport=transport,
                             **options)  # type: ignore[arg-type]


@pytest.fixture
def connector(server: FakeMastodon, sleeps: list[float]) -> Iterator[MastodonConnector]:
    with connect(server, sleeps) as c:
        yield c


def by_id(mentions: tuple[FetchedMention, ...], external_id: str) -> FetchedMention:
    [found] = [m for m in mentions if m.external_id == external_id]
    return found


def two_weeks_ago() -> datetime:
    return datetime.now(UTC) - timedelta(days=14)


# -- who the account is -------------------------------------------------------------------------


def test_it_is_a_connector_that_can_reply_post_schedule_search_and_listen(
        connector: MastodonConnector) -> None:
    as_protocol: Connector = connector  # checked by the type checker
    assert as_protocol.network == "mastodon"
    caps = connector.capabilities
    assert caps.can_reply and caps.can_post and caps.can_schedule
    assert caps.can_fetch_thread and caps.can_direct_message and caps.can_search
    assert caps.can_listen


def test_verify_tells_the_handle_the_limit_and_the_url_weight(
        server: FakeMastodon, connector: MastodonConnector) -> None:
    info = connector.verify()
    assert info.handle == f"@shop@{server.domain}"
    assert info.display_name == "Shop Name"
    assert info.avatar_url == "https://fake.example/avatars/shop.png"
    assert info.server_url == server.url
    assert info.text_rules == TextRules(max_graphemes=500, url_weight=23,
                                        mentions_count_local_part=True)
    assert info.extra["account_id"] == "1"
    assert connector.text_rules() == info.text_rules


def test_a_server_with_a_higher_limit_gets_it(server: FakeMastodon,
                                              connector: MastodonConnector) -> None:
    server.max_characters = 5000
    server.characters_reserved_per_url = 30
    rules = connector.text_rules()
    assert (rules.max_graphemes, rules.url_weight) == (5000, 30)


def test_a_server_before_4_0_is_read_from_the_v1_instance(
        server: FakeMastodon, connector: MastodonConnector) -> None:
    server.v2_instance = False
    server.max_characters = 1000
    info = connector.verify()
    assert info.text_rules is not None and info.text_rules.max_graphemes == 1000
    assert info.text_rules.url_weight == 23
    assert info.handle == f"@shop@{server.domain}"


def test_a_revoked_or_unknown_token_asks_to_reconnect(server: FakeMastodon,
                                                      sleeps: list[float]) -> None:
    with connect(server, sleeps, token="revoked-token-value") as connector:
        with pytest.raises(AuthExpired) as caught:
            connector.verify()
        with pytest.raises(AuthExpired):
            connector.fetch_mentions({})
    assert "revoked-token-value" not in str(caught.value)
    assert "revoked-token-value" not in repr(connector)


# -- mentions -----------------------------------------------------------------------------------


def test_first_sync_reaches_back_only_to_since(server: FakeMastodon, sleeps: list[float]) -> None:
    server.max_page_size = 3  # many pages, as a long inbox would have
    with connect(server, sleeps) as connector:
        result = connector.fetch_mentions({}, since=two_weeks_ago())
    ids = [m.external_id for m in result.mentions]
    assert len(ids) == 14  # 8 greetings and 6 special ones; the 4 old questions stay out
    assert not any("old question" in m.text for m in result.mentions)
    assert server.filtered_status in ids  # a stranger's mention the server filters
    assert ids == sorted(ids, key=lambda i: (len(i), i))  # oldest first
    assert result.cursor == {CURSOR_KEY: server.notification_ids()[-1]}
    pages = server.made("GET", "/api/v1/notifications")
    assert pages[0].q("max_id") is None and all(p.q("max_id") for p in pages[1:])
    assert all(p.q("types[]") == "mention" and p.q("include_filtered") == "true"
               and p.q("limit") == "80" for p in pages)
    assert len(pages) < 8  # stopped at the first page older than `since`


def test_resync_with_the_returned_cursor_finds_nothing_new(
        server: FakeMastodon, connector: MastodonConnector) -> None:
    first = connector.fetch_mentions({}, since=two_weeks_ago())
    again = connector.fetch_mentions(first.cursor)
    assert again.mentions == ()
    assert again.cursor == first.cursor
    assert server.made("GET", "/api/v1/notifications")[-1].q("min_id") == \
        first.cursor[CURSOR_KEY]


def test_new_mentions_are_paged_forward_from_the_cursor(server: FakeMastodon,
                                                        sleeps: list[float]) -> None:
    with connect(server, sleeps) as connector:
        first = connector.fetch_mentions({}, since=two_weeks_ago())
        customer = server.account("9", "kenji", "Kenji", local=False, domain="k.example")
        new = [server.add_mention(customer, f"<p>@shop new {i}</p>")[1] for i in range(7)]
        server.max_page_size = 3
        result = connector.fetch_mentions(first.cursor)
    assert [m.external_id for m in result.mentions] == new
    assert result.cursor == {CURSOR_KEY: server.notification_ids()[-1]}
    forward = server.made("GET", "/api/v1/notifications")[-4:]  # 3 + 3 + 1, then empty
    assert [len(p.q("min_id") or "") > 0 for p in forward] == [True] * 4


def test_paging_forward_crosses_99_to_100_without_losing_anything(
        server: FakeMastodon, connector: MastodonConnector) -> None:
    # The seed's notification ids run from 96 upwards: "100" < "99" as text.
    result = connector.fetch_mentions({CURSOR_KEY: "99"})
    expected = [i for i in server.notification_ids() if int(i) > 99]
    assert result.cursor == {CURSOR_KEY: expected[-1]}
    assert len(result.mentions) == len(expected) - 1  # one of them is a favourite


def test_a_long_backlog_is_fetched_over_several_syncs(server: FakeMastodon,
                                                      sleeps: list[float]) -> None:
    server.max_page_size = 2
    with connect(server, sleeps, max_pages=2) as connector:
        cursor = connector.fetch_mentions({}, since=datetime.now(UTC)).cursor
        customer = server.account("9", "kenji", "Kenji", local=False, domain="k.example")
        new = [server.add_mention(customer, f"<p>@shop new {i}</p>")[1] for i in range(7)]
        got: list[str] = []
        for _ in range(3):
            result = connector.fetch_mentions(cursor)
            got += [m.external_id for m in result.mentions]
            cursor = result.cursor
    assert got == new


def test_an_unreadable_cursor_starts_a_first_sync(connector: MastodonConnector) -> None:
    result = connector.fetch_mentions({CURSOR_KEY: 12345}, since=two_weeks_ago())
    assert len(result.mentions) == 14
    assert isinstance(result.cursor[CURSOR_KEY], str)


def test_plain_text_keeps_whole_links_and_decoded_entities(
        server: FakeMastodon, connector: MastodonConnector) -> None:
    mentions = connector.fetch_mentions({}, since=two_weeks_ago()).mentions
    link = by_id(mentions, server.link_status)
    assert link.text == ("@shop Is this your menu? "
                         "https://example.shop/menu/spring-2026?lang=ja&ref=fedi "
                         "Tom & Jerry's favourite <3\n\nSecond line")
    assert 'class="invisible"' in link.html  # the raw HTML, sanitized later by the inbox


def test_japanese_mentions_stay_japanese(server: FakeMastodon,
                                         connector: MastodonConnector) -> None:
    mentions = connector.fetch_mentions({}, since=two_weeks_ago()).mentions
    japanese = by_id(mentions, server.japanese_status)
    assert japanese.text == "@shop こんにちは！\n明日の営業時間を教えてください。"
    assert japanese.language == "ja"
    assert japanese.author_handle == "@yuki@mstdn.example.jp"
    assert japanese.author_name == "ゆき"


def test_mentions_say_who_wrote_them_and_what_they_answer(
        server: FakeMastodon, connector: MastodonConnector) -> None:
    mentions = connector.fetch_mentions({}, since=two_weeks_ago()).mentions
    reply = by_id(mentions, server.reply_status)
    assert reply.kind is MentionKind.REPLY
    assert reply.parent_id == server.shop_post
    assert reply.author_handle == f"@aiko@{server.domain}"  # a local account gets the domain
    assert reply.author_name == "Aiko 🌸"
    assert reply.url.startswith("https://fake.example/@aiko/")
    assert reply.created_at.tzinfo is UTC
    stranger = by_id(mentions, server.filtered_status)
    assert stranger.kind is MentionKind.MENTION and stranger.parent_id == ""
    assert stranger.author_handle == "@newbie@faraway.example"
    assert stranger.author_name == "newbie"  # no display name: the username


def test_html_to_text_reads_mastodon_formatting() -> None:
    assert html_to_text("<p>one<br>two<br/>three</p><p>four</p>") == "one\ntwo\nthree\n\nfour"
    assert html_to_text("no wrapper &amp; &#x1F600;") == "no wrapper & 😀"
    assert html_to_text("<ul><li>a</li><li>b</li></ul><p>c</p>") == "a\nb\n\nc"
    assert html_to_text("<p>x<script>alert(1)</script>y</p>") == "xy"
    assert html_to_text("") == ""


# -- threads ------------------------------------------------------------------------------------


def test_a_thread_comes_oldest_first_with_its_root(server: FakeMastodon,
                                                   connector: MastodonConnector) -> None:
    thread = connector.fetch_thread(server.reply_status)
    assert [m.author_handle.split("@")[1] for m in thread] == ["shop", "aiko", "shop", "aiko"]
    assert thread[0].external_id == server.shop_post
    assert thread[-1].external_id == server.thanks
    assert {m.thread_root_id for m in thread} == {server.shop_post}
    assert [m.created_at for m in thread] == sorted(m.created_at for m in thread)


def test_a_strange_status_id_is_refused_before_any_request(
        server: FakeMastodon, connector: MastodonConnector) -> None:
    with pytest.raises(NotFound):
        connector.fetch_thread("../../admin")
    assert server.requests == []


# -- replies and posts --------------------------------------------------------------------------


def test_a_reply_sends_in_reply_to_and_a_retry_does_not_post_twice(
        server: FakeMastodon, connector: MastodonConnector) -> None:
    mention = by_id(connector.fetch_mentions({}, since=two_weeks_ago()).mentions,
                    server.reply_status)
    before = len(server.state.statuses)
    first = connector.send_reply(mention, "@aiko Yes, two of them!", idempotency_key="k-1")
    again = connector.send_reply(mention, "@aiko Yes, two of them!", idempotency_key="k-1")
    assert again == first
    assert len(server.state.statuses) == before + 1
    sent = server.made("POST", "/api/v1/statuses")
    assert [r.headers["idempotency-key"] for r in sent] == ["k-1", "k-1"]
    assert sent[0].body["in_reply_to_id"] == server.reply_status
    assert sent[0].body["visibility"] == "public"
    assert first.remote_url.startswith("https://fake.example/@shop/")
    assert not first.scheduled


def test_a_reply_keeps_a_private_conversation_private(server: FakeMastodon,
                                                      connector: MastodonConnector) -> None:
    connector.send_reply(server.private_status, "@aiko thanks, we found it",
                         idempotency_key="k-private")
    connector.send_reply(server.direct_status, "@ben we will call you", idempotency_key="k-dm")
    connector.send_reply(server.reply_status, "@aiko let's talk", idempotency_key="k-move",
                         direct=True)
    sent = server.made("POST", "/api/v1/statuses")
    assert [r.body["visibility"] for r in sent] == ["private", "direct", "direct"]


def test_a_reply_to_a_deleted_post_says_not_found(connector: MastodonConnector) -> None:
    with pytest.raises(NotFound):
        connector.send_reply("999", "hello", idempotency_key="k")


def test_a_post_goes_out_now(server: FakeMastodon, connector: MastodonConnector) -> None:
    published = connector.publish("Spring menu is out!", idempotency_key="p-1")
    assert published.remote_id in server.state.statuses
    assert not published.scheduled
    [sent] = server.made("POST", "/api/v1/statuses")
    assert sent.body == {"status": "Spring menu is out!", "visibility": "public"}


def test_a_scheduled_post_is_kept_by_the_server(server: FakeMastodon,
                                                connector: MastodonConnector) -> None:
    when = datetime.now(UTC) + timedelta(minutes=30)
    published = connector.publish("Opening soon", idempotency_key="p-2", scheduled_at=when)
    assert published.scheduled
    assert published.remote_id in server.state.scheduled
    [sent] = server.made("POST", "/api/v1/statuses")
    assert sent.body["scheduled_at"] == when.isoformat(timespec="seconds").replace("+00:00", "Z")


def test_a_post_scheduled_less_than_five_minutes_ahead_is_rejected(
        server: FakeMastodon, connector: MastodonConnector) -> None:
    with pytest.raises(Rejected):
        connector.publish("Too soon", idempotency_key="p-3",
                          scheduled_at=datetime.now(UTC) + timedelta(minutes=1))
    assert server.state.scheduled == {}


def test_too_long_a_post_is_rejected(server: FakeMastodon,
                                     connector: MastodonConnector) -> None:
    with pytest.raises(Rejected):
        connector.publish("x" * 501, idempotency_key="p-4")


# -- servers that answer badly ------------------------------------------------------------------


def test_too_many_requests_says_when_to_come_back(server: FakeMastodon,
                                                  connector: MastodonConnector,
                                                  sleeps: list[float]) -> None:
    server.inject("429", path="/api/v1/notifications")
    with pytest.raises(RateLimited) as caught:
        connector.fetch_mentions({})
    assert caught.value.retry_after == 42
    assert len(server.made("GET", "/api/v1/notifications")) == 1 and sleeps == []


def test_a_failing_server_is_asked_three_times_then_reported(
        server: FakeMastodon, connector: MastodonConnector, sleeps: list[float]) -> None:
    server.inject("500", path="/api/v1/accounts")
    with pytest.raises(ServerError):
        connector.verify()
    assert len(server.made("GET", "/api/v1/accounts/verify_credentials")) == 3
    assert sleeps == [0.5, 2.0]


def test_a_server_that_fails_once_is_not_noticed(server: FakeMastodon,
                                                 connector: MastodonConnector) -> None:
    server.inject("500", path="/api/v1/notifications", times=1)
    assert len(connector.fetch_mentions({}, since=two_weeks_ago()).mentions) == 14


def test_a_failed_post_is_not_sent_again_by_the_connector(
        server: FakeMastodon, connector: MastodonConnector, sleeps: list[float]) -> None:
    server.inject("500", path="/api/v1/statuses")
    with pytest.raises(ServerError):
        connector.publish("hello", idempotency_key="p-5")
    assert len(server.made("POST", "/api/v1/statuses")) == 1 and sleeps == []


def test_a_web_page_instead_of_mastodon_is_a_bad_response(
        server: FakeMastodon, connector: MastodonConnector) -> None:
    server.inject("html")
    with pytest.raises(BadResponse) as caught:
        connector.verify()
    assert "<" not in str(caught.value) and "Traceback" not in str(caught.value)


def test_malformed_json_is_a_bad_response(server: FakeMastodon,
                                          connector: MastodonConnector) -> None:
    server.inject("malformed_json", path="/api/v1/notifications")
    with pytest.raises(BadResponse):
        connector.fetch_mentions({})


@pytest.mark.parametrize("kind", ["huge", "huge_unsized"])
def test_a_six_megabyte_answer_is_refused(server: FakeMastodon, connector: MastodonConnector,
                                          kind: str) -> None:
    server.inject(kind)
    with pytest.raises(BadResponse, match="too large"):
        connector.verify()


@pytest.mark.parametrize("path", ["/api/v1/accounts", "/api/v1/notifications",
                                  "/api/v1/statuses"])
def test_missing_fields_are_a_bad_response_never_a_crash(
        server: FakeMastodon, connector: MastodonConnector, path: str) -> None:
    server.inject("missing_fields", path=path)
    with pytest.raises(BadResponse):
        if path == "/api/v1/accounts":
            connector.verify()
        elif path == "/api/v1/notifications":
            connector.fetch_mentions({})
        else:
            connector.fetch_thread(server.reply_status)


def test_one_ill_typed_post_is_left_out_and_the_rest_arrive(
        server: FakeMastodon, connector: MastodonConnector,
        caplog: pytest.LogCaptureFixture) -> None:
    server.state.statuses[server.reply_status]["account"] = ["not", "an", "object"]
    result = connector.fetch_mentions({}, since=two_weeks_ago())
    ids = [m.external_id for m in result.mentions]
    assert server.reply_status not in ids and len(ids) == 13
    assert result.cursor == {CURSOR_KEY: server.notification_ids()[-1]}  # paged past it
    assert "missing account" in caplog.text


def test_a_thread_whose_own_post_is_unreadable_is_a_bad_response(
        server: FakeMastodon, connector: MastodonConnector) -> None:
    server.state.statuses[server.reply_status]["created_at"] = 1700000000
    with pytest.raises(BadResponse):
        connector.fetch_thread(server.reply_status)
