"""Inbox filters and search on a real workspace file: what the owner sees when narrowing down."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, event, text, update
from sqlalchemy.orm import Session

from app.core.connector import FetchedMention
from app.core.model import Flag, InboxFilter, MentionKind, MentionRow, Network, TriageState
from app.core.triage import FlagRules
from app.services.workspace import Workspace
from app.storage import queries
from app.storage.mentions import store_fetched
from app.storage.models import Account, Mention

START = datetime(2026, 3, 1, 9, 0)
RULES = FlagRules.build({Flag.COMPLAINT: ["返金", "refund", "届かない"],
                         Flag.QUESTION: ["?", "ますか"], Flag.PRAISE: ["thank"]})


def _account(ws: Workspace, network: str, handle: str) -> int:
    with ws.sessions.begin() as session:
        account = Account(network=network, handle=handle, created_at=START)
        session.add(account)
        session.flush()
        return account.id


def _mention(external_id: str, body: str, minutes: int, *, author: str = "Customer",
             kind: MentionKind = MentionKind.MENTION) -> FetchedMention:
    return FetchedMention(external_id=external_id, kind=kind, author_handle="@c@example.social",
                          author_name=author, text=body,
                          created_at=(START + timedelta(minutes=minutes)).replace(tzinfo=UTC))


def _store(ws: Workspace, account_id: int, mentions: list[FetchedMention]) -> list[int]:
    with ws.sessions.begin() as session:
        return store_fetched(session.connection(), account_id, mentions, RULES,
                             START + timedelta(days=1)).new_ids


def _read(ws: Workspace, limit: int = 2, **wanted: object) -> list[str]:
    """Every page of a filter, read page by page as the screen does; first lines in order."""
    filt = InboxFilter(**wanted)  # type: ignore[arg-type]
    rows: list[MentionRow] = []
    with ws.sessions() as session:
        accounts = None
        if filt.account_id is not None:
            accounts = (filt.account_id,)
        elif filt.network is not None:
            accounts = queries.account_ids_of(session, filt.network)
        page = queries.PageQuery(filt, accounts, START + timedelta(minutes=30))
        while True:
            if filt.search:
                got = queries.search_page(session, page, rows[-1].id if rows else None, limit)
            else:
                got = queries.inbox_page(session, page,
                                         queries.cursor_after(rows[-1]) if rows else None, limit)
            rows += got
            if len(got) < limit:
                return [row.first_line for row in rows]


@pytest.fixture
def shop(workspace: Workspace) -> dict[str, int]:
    masto = _account(workspace, "mastodon", "@shop@example.social")
    masto2 = _account(workspace, "mastodon", "@shop@other.example")
    sky = _account(workspace, "bluesky", "shop.example.com")
    feed = _account(workspace, "feed", "reviews")
    _store(workspace, masto, [
        _mention("1", "Where is my refund?", 50),
        _mention("2", "Lovely cake, thank you", 10),
        _mention("3", "返金してください。商品が届かない", 40, author="山田 花子"),
    ])
    _store(workspace, masto2, [
        _mention("1", "Is the shop open on Sunday?", 5),
        _mention("2", "#cake day", 20, kind=MentionKind.KEYWORD),
    ])
    _store(workspace, sky, [
        _mention("a", "配送の遅延について", 15),
        _mention("b", "refunded already, thanks!", 60),
        _mention("c", "在庫はありますか", 1),
    ])
    _store(workspace, feed, [_mention("x", "Review: the worst AND best \"cake\" -ever", 25,
                                      kind=MentionKind.FEED_ITEM)])
    return {"masto": masto, "masto2": masto2, "sky": sky, "feed": feed}


def test_rules_flag_complaints_and_they_come_first(workspace: Workspace,
                                                    shop: dict[str, int]) -> None:
    assert _read(workspace, state=None) == [
        "返金してください。商品が届かない", "Where is my refund?",
        "在庫はありますか", "Is the shop open on Sunday?", "Lovely cake, thank you",
        "配送の遅延について", "#cake day", "Review: the worst AND best \"cake\" -ever",
        "refunded already, thanks!",
    ]


def test_a_network_with_two_accounts_pages_through_both_in_order(
        workspace: Workspace, shop: dict[str, int]) -> None:
    assert _read(workspace, limit=1, network=Network.MASTODON) == [
        "返金してください。商品が届かない", "Where is my refund?",
        "Is the shop open on Sunday?", "Lovely cake, thank you", "#cake day",
    ]


def test_account_kind_and_flag_filters(workspace: Workspace, shop: dict[str, int]) -> None:
    assert _read(workspace, account_id=shop["sky"]) == [
        "在庫はありますか", "配送の遅延について", "refunded already, thanks!"]
    assert _read(workspace, state=None, kind=MentionKind.KEYWORD) == ["#cake day"]
    assert _read(workspace, flag=Flag.QUESTION) == [
        "Where is my refund?", "在庫はありますか", "Is the shop open on Sunday?"]
    assert _read(workspace, flag=Flag.PRAISE) == ["Lovely cake, thank you"]
    assert _read(workspace, flag=Flag.COMPLAINT) == [
        "返金してください。商品が届かない", "Where is my refund?"]


def test_state_changes_move_mentions_between_filters(workspace: Workspace,
                                                     shop: dict[str, int]) -> None:
    with workspace.sessions.begin() as session:
        session.execute(update(Mention).where(Mention.text.like("Where%"))
                        .values(state=TriageState.DONE.value))
    assert "Where is my refund?" not in _read(workspace)
    assert _read(workspace, state=TriageState.DONE) == ["Where is my refund?"]
    assert _read(workspace, state=TriageState.DONE, network=Network.MASTODON) == [
        "Where is my refund?"]


def test_overdue_only_lists_unanswered_new_mentions_created_before_the_cut_off(
        workspace: Workspace, shop: dict[str, int]) -> None:
    # The cut-off in _read is START + 30 minutes.
    assert _read(workspace, overdue_only=True) == [
        "在庫はありますか", "Is the shop open on Sunday?", "Lovely cake, thank you",
        "配送の遅延について", "#cake day", "Review: the worst AND best \"cake\" -ever"]


@pytest.mark.parametrize(("typed", "found"), [
    ("refund", ["refunded already, thanks!", "Where is my refund?"]),
    ("REFU", ["refunded already, thanks!", "Where is my refund?"]),
    ("返金", ["返金してください。商品が届かない"]),
    ("遅延", ["配送の遅延について"]),
    ("届かない", ["返金してください。商品が届かない"]),
    ("在", ["在庫はありますか"]),
    ("花子", ["返金してください。商品が届かない"]),  # the author's name
    ("cake day", ["#cake day"]),
    ("ＣＡＫＥ", ["Review: the worst AND best \"cake\" -ever", "#cake day",
                "Lovely cake, thank you"]),
])
def test_search_finds_english_and_japanese_words_newest_first(
        workspace: Workspace, shop: dict[str, int], typed: str, found: list[str]) -> None:
    assert _read(workspace, limit=1, state=None, search=typed) == found


@pytest.mark.parametrize("typed", ['"cake', "AND", "worst AND", "-ever", "cake*", "(", "NEAR(",
                                   "OR best", '"', "*", "^", "col:cake", "'; DROP TABLE x"])
def test_search_syntax_is_text_never_an_error(workspace: Workspace, shop: dict[str, int],
                                              typed: str) -> None:
    result = _read(workspace, state=None, search=typed)
    assert all(isinstance(line, str) for line in result)
    if typed in ("AND", "worst AND", "-ever"):
        assert result == ["Review: the worst AND best \"cake\" -ever"]


def test_search_follows_edits_and_deletions(workspace: Workspace, shop: dict[str, int]) -> None:
    edited = _mention("1", "Where is my parcel?", 50)
    with workspace.sessions.begin() as session:
        stored = store_fetched(session.connection(), shop["masto"],
                               [FetchedMention(**{**_fields(edited),
                                                  "edited_at": datetime.now(UTC)})],
                               RULES, START + timedelta(days=1))
    assert stored.updated_ids and not stored.new_ids
    assert _read(workspace, state=None, search="parcel") == ["Where is my parcel?"]
    assert _read(workspace, state=None, search="refund") == ["refunded already, thanks!"]

    with workspace.sessions.begin() as session:
        session.execute(delete(Account).where(Account.id == shop["sky"]))  # cascades
    assert _read(workspace, state=None, search="refund") == []
    # A new mention may take a deleted one's id: it must not inherit its words.
    with workspace.engine.begin() as connection:
        connection.execute(text("DELETE FROM mention WHERE id = (SELECT max(id) FROM mention)"))
    _store(workspace, shop["masto"], [_mention("new", "Opening hours?", 3)])
    assert _read(workspace, state=None, search="worst") == []
    assert _read(workspace, state=None, search="opening") == ["Opening hours?"]


def _fields(mention: FetchedMention) -> dict[str, object]:
    return {name: getattr(mention, name) for name in mention.__slots__}


def test_storing_the_same_batch_twice_changes_nothing(workspace: Workspace,
                                                      shop: dict[str, int]) -> None:
    again = [_mention("1", "Where is my refund?", 50), _mention("1", "Where is my refund?", 50)]
    with workspace.sessions.begin() as session:
        stored = store_fetched(session.connection(), shop["masto"], again, RULES,
                               START + timedelta(days=2))
    assert (stored.new_ids, stored.updated_ids) == ([], [])
    assert _read(workspace, state=None, search="where") == ["Where is my refund?"]


def test_a_post_from_the_future_has_waited_zero_not_negative(workspace: Workspace,
                                                             shop: dict[str, int]) -> None:
    now = START + timedelta(days=1)
    future = _mention("f", "from the future", 60 * 24 * 400)
    with workspace.sessions.begin() as session:
        (new_id,) = store_fetched(session.connection(), shop["feed"], [future], RULES,
                                  now).new_ids
        created = session.get(Mention, new_id).created_at
    assert created == now


def _plans(session: Session, read: Callable[[], object]) -> list[str]:
    """The query plans of every statement `read` runs."""
    statements: list[tuple[str, object]] = []

    def capture(_conn: object, _cursor: object, statement: str, parameters: object,
                _context: object, _executemany: bool) -> None:
        statements.append((statement, parameters))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", capture)
    try:
        read()
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    return [" ".join(str(r) for r in session.connection().exec_driver_sql(
        "EXPLAIN QUERY PLAN " + statement, parameters)) for statement, parameters in statements]


def test_every_filter_reads_its_pages_from_an_index(workspace: Workspace,
                                                    shop: dict[str, int]) -> None:
    """No filter sorts the table, on its first page or any later one: each query plan walks
    an ordered index."""
    filters = [InboxFilter(), InboxFilter(state=None), InboxFilter(account_id=shop["sky"]),
               InboxFilter(kind=MentionKind.KEYWORD), InboxFilter(flag=Flag.QUESTION),
               InboxFilter(flag=Flag.PRAISE), InboxFilter(flag=Flag.COMPLAINT),
               InboxFilter(state=None, account_id=shop["sky"]),
               InboxFilter(state=TriageState.DONE, account_id=shop["sky"], flag=Flag.PRAISE),
               InboxFilter(state=None, kind=MentionKind.REPLY, flag=Flag.QUESTION)]
    cursors = (None, queries.InboxCursor(True, START, 1), queries.InboxCursor(False, START, 1))
    with workspace.sessions() as session:
        for wanted in filters:
            page = queries.PageQuery(wanted, (wanted.account_id,) if wanted.account_id else None)
            for after in cursors:
                for plan in _plans(session, lambda p=page, a=after: queries.inbox_page(
                        session, p, a, 200)):
                    assert "TEMP B-TREE" not in plan, (wanted, after, plan)
                    if wanted.flag in (Flag.QUESTION, Flag.PRAISE):
                        assert f"ix_mention_{wanted.flag.value}" in plan, plan


def test_search_pages_come_from_the_index_newest_first_without_a_sort(
        workspace: Workspace, shop: dict[str, int]) -> None:
    with workspace.sessions() as session:
        for wanted in (InboxFilter(state=None, search="refund"),
                       InboxFilter(search="返金", network=Network.MASTODON)):
            page = queries.PageQuery(wanted)
            for after in (None, 10**9):
                for plan in _plans(session, lambda p=page, a=after: queries.search_page(
                        session, p, a, 200)):
                    assert "TEMP B-TREE" not in plan, plan
