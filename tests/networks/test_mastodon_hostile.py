"""Bad input from a Mastodon server must not crash, stop the sync or lose a mention: broken
items, huge posts, hostile HTML, pages served twice, Links pointing backwards, times in the
future, and 429 or 401 halfway through."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fakes.mastodon_server import FakeMastodon

from app.networks.errors import AuthExpired, BadResponse, RateLimited
from app.networks.mastodon import (
    CURSOR_KEY,
    MAX_HTML_CHARS,
    MAX_TEXT_CHARS,
    TAGS_KEY,
    MastodonConnector,
    html_to_text,
)

Connect = Callable[..., MastodonConnector]
NOTIFICATIONS = "/api/v1/notifications"


@pytest.fixture
def kenji(server: FakeMastodon) -> dict[str, Any]:
    return server.account("9", "kenji", "Kenji", local=False, domain="k.example")


def two_weeks_ago() -> datetime:
    return datetime.now(UTC) - timedelta(days=14)


def ids(result: object) -> list[str]:
    return [m.external_id for m in result.mentions]  # type: ignore[attr-defined]


def first_sync(connector: MastodonConnector) -> dict[str, object]:
    return connector.fetch_mentions({}, since=two_weeks_ago()).cursor


def tamper_status(server: FakeMastodon, status_id: str,
                  change: Callable[[dict[str, Any]], None]) -> None:
    """Change one status as the notifications page carries it (the server's copy stays)."""

    def tamper(path: str, payload: Any) -> Any:
        if path == NOTIFICATIONS:
            for item in payload:
                if isinstance(item.get("status"), dict) and item["status"]["id"] == status_id:
                    change(item["status"])
        return payload

    server.tamper = tamper


# -- broken items -------------------------------------------------------------------------------


@pytest.mark.parametrize("field,value", [
    ("account", None), ("account", {}), ("account", {"acct": "two words"}), ("id", None),
    ("id", "../../etc"),
])
def test_a_post_with_a_broken_field_is_skipped_and_the_others_arrive(
        server: FakeMastodon, connector: MastodonConnector, kenji: dict[str, Any],
        caplog: pytest.LogCaptureFixture, field: str, value: object) -> None:
    cursor = first_sync(connector)
    good1 = server.add_mention(kenji, "<p>@shop one</p>")[1]
    broken = server.add_mention(kenji, "<p>@shop two</p>")[1]
    good2 = server.add_mention(kenji, "<p>@shop three</p>")[1]

    tamper_status(server, broken, lambda status: status.update({field: value}))
    result = connector.fetch_mentions(cursor)

    assert ids(result) == [good1, good2]
    assert result.cursor == {CURSOR_KEY: server.notification_ids()[-1]}  # paged past it
    assert "skipped" in caplog.text


def test_missing_optional_fields_still_make_a_mention(
        server: FakeMastodon, connector: MastodonConnector, kenji: dict[str, Any]) -> None:
    cursor = first_sync(connector)
    nid, status_id = server.add_mention(kenji, "<p>@shop hi</p>",
                                        created_at=datetime.now(UTC) - timedelta(hours=1))

    def change(status: dict[str, Any]) -> None:
        for key in ("content", "url", "uri", "language", "visibility", "spoiler_text"):
            status[key] = None
        status["created_at"] = 12  # unreadable: the notification's time stands in
        status["in_reply_to_id"] = {"not": "an id"}
        status["edited_at"] = "not a time"
        status["account"] = {"acct": "kenji@k.example", "display_name": 42}

    tamper_status(server, status_id, change)
    [mention] = connector.fetch_mentions(cursor).mentions
    assert mention.external_id == status_id
    assert (mention.text, mention.html, mention.url, mention.language) == ("", "", "", "")
    assert mention.author_handle == "@kenji@k.example" and mention.author_name == "kenji@k.example"
    assert mention.parent_id == "" and mention.edited_at is None
    notification = next(n for n in server.state.notifications if str(n.id) == nid)
    assert abs(mention.created_at - notification.created_at) < timedelta(milliseconds=1)


def test_garbage_between_good_notifications_is_skipped(
        server: FakeMastodon, connector: MastodonConnector, kenji: dict[str, Any]) -> None:
    cursor = first_sync(connector)
    new = [server.add_mention(kenji, f"<p>@shop {i}</p>")[1] for i in range(2)]
    server.tamper = lambda path, page: [None, "text", 7, {"type": "mention"}, *page, []] \
        if page else page
    assert ids(connector.fetch_mentions(cursor)) == new


def test_a_page_of_nothing_but_garbage_is_a_bad_response_and_the_cursor_stays(
        server: FakeMastodon, connector: MastodonConnector, kenji: dict[str, Any]) -> None:
    cursor = first_sync(connector)
    kept = dict(cursor)
    new = server.add_mention(kenji, "<p>@shop lost?</p>")[1]
    server.tamper = lambda path, page: [{"id": None}, None, {"status": {}}]
    with pytest.raises(BadResponse):
        connector.fetch_mentions(cursor)
    assert cursor == kept
    server.tamper = None
    assert ids(connector.fetch_mentions(cursor)) == [new]  # not lost: the next sync has it


def test_malformed_json_on_one_watched_tag_does_not_stop_the_others(
        server: FakeMastodon, connector: MastodonConnector, kenji: dict[str, Any],
        caplog: pytest.LogCaptureFixture) -> None:
    broken = server.add_tagged(kenji, "a", ["broken"])
    fine = server.add_tagged(kenji, "b", ["fine"])
    server.inject("malformed_json", path="/api/v1/timelines/tag/broken")
    result = connector.fetch_keywords(("#broken", "#fine"), {TAGS_KEY: {"broken": "5"}})
    assert ids(result) == [fine]
    assert result.cursor == {TAGS_KEY: {"broken": "5", "fine": fine}}  # tried again next time
    assert "'broken' skipped" in caplog.text
    server.clear_faults()
    assert ids(connector.fetch_keywords(("#broken",), result.cursor)) == [broken]


def test_a_broken_reply_in_a_thread_is_left_out(server: FakeMastodon,
                                                connector: MastodonConnector) -> None:
    server.state.statuses[server.thanks]["account"] = None
    thread = connector.fetch_thread(server.reply_status)
    assert len(thread) == 3 and server.thanks not in [m.external_id for m in thread]


# -- sizes --------------------------------------------------------------------------------------


def test_a_five_megabyte_post_arrives_cut_to_size_with_its_neighbours(
        server: FakeMastodon, connector: MastodonConnector, kenji: dict[str, Any]) -> None:
    cursor = first_sync(connector)
    before = server.add_mention(kenji, "<p>@shop before</p>")[1]
    huge = server.add_mention(kenji, "<p>" + "refund please " * 357_000 + "</p>")[1]
    after = server.add_mention(kenji, "<p>@shop after</p>")[1]
    assert len(server.state.statuses[huge]["content"]) > 4_990_000

    result = connector.fetch_mentions(cursor)

    assert ids(result) == [before, huge, after]
    post = result.mentions[1]
    assert post.text.startswith("refund please refund please")
    assert post.text.endswith("…") and len(post.text) <= MAX_TEXT_CHARS + 1
    assert len(post.html) <= MAX_HTML_CHARS


def test_posts_too_big_for_one_page_are_read_one_at_a_time(
        server: FakeMastodon, connector: MastodonConnector, kenji: dict[str, Any]) -> None:
    cursor = first_sync(connector)
    big = [server.add_mention(kenji, "<p>" + "x" * 3_000_000 + "</p>")[1] for _ in range(2)]
    small = server.add_mention(kenji, "<p>@shop small</p>")[1]

    assert ids(connector.fetch_mentions(cursor)) == [*big, small]
    assert [r.q("limit") for r in server.made("GET", NOTIFICATIONS)][-4:] == ["80", "1", "80",
                                                                             "80"]


def test_a_cut_never_leaves_half_a_tag_in_the_text(
        server: FakeMastodon, connector: MastodonConnector, kenji: dict[str, Any]) -> None:
    cursor = first_sync(connector)
    filler = "a" * (MAX_HTML_CHARS - 10)
    server.add_mention(kenji, f'<p>{filler}<a href="https://example.com/very/long">link</a></p>')
    [post] = connector.fetch_mentions(cursor).mentions
    assert post.text == filler + "…" and "<" not in post.text


# -- hostile HTML -------------------------------------------------------------------------------


HOSTILE = (
    '<p>Hello<script>alert("stolen")</script> <style>p { color: red }</style>'
    '<img src="https://tracker.example/pixel.gif" onerror="alert(1)">'
    '<a href="javascript:alert(document.cookie)">click me</a> '
    '<span style="background:url(https://tracker.example/bg.png)">styled</span>'
    '<noscript>enable js</noscript><iframe src="https://evil.example/">frame</iframe>'
    '<svg><style>.x{}</style><text>svg</text></svg><!-- a comment -->\x00\x07bye</p>'
)


def test_scripts_css_and_images_leave_nothing_in_the_plain_text(
        server: FakeMastodon, connector: MastodonConnector, kenji: dict[str, Any]) -> None:
    cursor = first_sync(connector)
    server.add_mention(kenji, HOSTILE)
    [post] = connector.fetch_mentions(cursor).mentions
    assert post.text == "Hello click me styledbye"
    assert "<script>" in post.html  # kept as sent: the inbox sanitizes it before display


def test_a_post_whose_links_cannot_be_parsed_arrives_without_them(
        server: FakeMastodon, connector: MastodonConnector, kenji: dict[str, Any]) -> None:
    cursor = first_sync(connector)
    _, status_id = server.add_mention(kenji, "<p>@shop hello</p>")
    with server.lock:
        server.state.statuses[status_id]["url"] = "https://[::1/x"
        server.state.statuses[status_id]["uri"] = "https://[not-an-address/y"
    [post] = connector.fetch_mentions(cursor).mentions  # not an error that stops every sync
    assert post.external_id == status_id and post.url == ""


def test_html_to_text_keeps_links_whole_and_drops_what_is_not_text() -> None:
    assert html_to_text(
        '<p><a href="https://a.example/x"><span class="invisible">https://</span>'
        '<span class="ellipsis">a.example/very/lo</span><span class="invisible">ng/path'
        '</span></a></p>') == "https://a.example/very/long/path"
    assert html_to_text(HOSTILE) == "Hello click me styledbye"
    assert html_to_text("<p>unclosed <script>secret") == "unclosed"
    assert html_to_text("<p>a</p>" * 3 + "<br>" * 5) == "a\n\na\n\na"


# -- pages served twice, Links pointing backwards -----------------------------------------------


def test_the_same_page_served_again_brings_each_mention_once_and_ends(
        server: FakeMastodon, connector: MastodonConnector, kenji: dict[str, Any]) -> None:
    cursor = first_sync(connector)
    new = [server.add_mention(kenji, f"<p>@shop {i}</p>")[1] for i in range(2)]
    server.max_page_size = 3
    server.ignore_cursor = True
    asked = len(server.made("GET", NOTIFICATIONS))

    result = connector.fetch_mentions(cursor)

    assert ids(result) == new  # the old one that came along is not brought back
    assert result.cursor == {CURSOR_KEY: server.notification_ids()[-1]}
    assert len(server.made("GET", NOTIFICATIONS)) - asked == 2
    first = connector.fetch_mentions({}, since=two_weeks_ago())
    assert len(ids(first)) == len(set(ids(first))) == 3


def test_a_link_header_pointing_backwards_neither_loops_nor_loses_mentions(
        server: FakeMastodon, connect: Connect, kenji: dict[str, Any]) -> None:
    normal = connect().fetch_mentions({}, since=two_weeks_ago())
    server.link_backwards = True
    server.max_page_size = 3
    connector = connect()
    first = connector.fetch_mentions({}, since=two_weeks_ago())
    assert ids(first) == ids(normal) and first.cursor == normal.cursor
    new = [server.add_mention(kenji, f"<p>@shop {i}</p>")[1] for i in range(7)]
    assert ids(connector.fetch_mentions(first.cursor)) == new
    assert len(server.requests) < 30


def test_a_tag_page_served_again_or_linked_backwards_is_read_once(
        server: FakeMastodon, connector: MastodonConnector, kenji: dict[str, Any]) -> None:
    posts = [server.add_tagged(kenji, f"p{i}", ["shop"]) for i in range(5)]
    server.max_page_size = 2
    server.link_backwards = True
    first = connector.fetch_keywords(("#shop",), {})
    assert ids(first) == posts
    server.ignore_cursor = True
    more = [server.add_tagged(kenji, f"q{i}", ["shop"]) for i in range(2)]
    assert ids(connector.fetch_keywords(("#shop",), first.cursor)) == more


# -- times --------------------------------------------------------------------------------------


def test_a_post_dated_in_the_future_counts_as_just_arrived(
        server: FakeMastodon, connector: MastodonConnector, kenji: dict[str, Any]) -> None:
    cursor = first_sync(connector)
    start = datetime.now(UTC)
    future = server.add_mention(kenji, "<p>@shop from a fast clock</p>",
                                created_at=start + timedelta(days=3))[1]
    tamper_status(server, future, lambda s: s.update(edited_at="2999-01-01T00:00:00Z"))
    [mention] = connector.fetch_mentions(cursor).mentions
    assert start <= mention.created_at <= datetime.now(UTC)  # never a negative wait
    assert mention.edited_at is not None and mention.edited_at <= datetime.now(UTC)
    first = connector.fetch_mentions({}, since=two_weeks_ago())
    assert future in ids(first)


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00",
                                    "2026-13-45T99:00:00Z", "x" * 1000])
def test_an_impossible_time_falls_back_to_the_notification_time(
        server: FakeMastodon, connector: MastodonConnector, kenji: dict[str, Any],
        moment: str) -> None:
    cursor = first_sync(connector)
    status_id = server.add_mention(kenji, "<p>@shop when?</p>")[1]
    tamper_status(server, status_id, lambda s: s.update(created_at=moment))
    [mention] = connector.fetch_mentions(cursor).mentions
    assert abs(mention.created_at - datetime.now(UTC)) < timedelta(minutes=1)


# -- 429 and 401 halfway through ----------------------------------------------------------------


@pytest.mark.parametrize("fault,error", [("429", RateLimited), ("401", AuthExpired)])
def test_a_failure_halfway_raises_and_the_next_sync_loses_nothing(
        server: FakeMastodon, connector: MastodonConnector, kenji: dict[str, Any],
        fault: str, error: type[Exception]) -> None:
    cursor = first_sync(connector)
    kept = dict(cursor)
    new = [server.add_mention(kenji, f"<p>@shop {i}</p>")[1] for i in range(7)]
    server.max_page_size = 2
    server.inject(fault, path=NOTIFICATIONS, after=2, times=1)  # the third page fails

    with pytest.raises(error) as caught:
        connector.fetch_mentions(cursor)

    if fault == "429":
        assert caught.value.retry_after == 42  # type: ignore[attr-defined]
    assert cursor == kept  # nothing to store: the caller keeps its cursor
    result = connector.fetch_mentions(cursor)  # the next sync, once the server is happy
    assert ids(result) == new
    assert result.cursor == {CURSOR_KEY: server.notification_ids()[-1]}
