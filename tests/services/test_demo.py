"""The demo workspace looks like a real shop's inbox, and is the same every time."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.services.demo import DemoSummary, WorkspaceNotEmptyError, fill_demo
from app.services.workspace import Workspace, open_workspace
from app.storage.models import Account, Mention, OutboxItem, Rule
from app.storage.settings import load_settings

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
NOW_NAIVE = NOW.replace(tzinfo=None)
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, DemoSummary]]:
    workspace = open_workspace(tmp_path_factory.mktemp("demo"))
    try:
        yield workspace, fill_demo(workspace.engine, now=NOW)
    finally:
        workspace.close()


@pytest.fixture
def engine(demo: tuple[Workspace, DemoSummary]) -> Engine:
    return demo[0].engine


def _mentions(engine: Engine) -> list[Mention]:
    with Session(engine) as session:
        return list(session.scalars(select(Mention).order_by(Mention.id)))


def _networks_by_account(engine: Engine) -> dict[int, str]:
    with Session(engine) as session:
        return {row.id: row.network for row in session.execute(select(Account.id, Account.network))}


def test_accounts_cover_all_networks_and_are_healthy(engine: Engine) -> None:
    with Session(engine) as session:
        accounts = list(session.scalars(select(Account)))
    assert sorted(a.network for a in accounts) == ["bluesky", "feed", "feed", "mastodon"]
    assert {a.state for a in accounts} == {"ok"}
    assert all(a.created_at.tzinfo is None and a.created_at < NOW_NAIVE for a in accounts)


def test_mentions_come_from_every_network_with_matching_kinds(engine: Engine) -> None:
    networks = _networks_by_account(engine)
    kinds: dict[str, set[str]] = {}
    for mention in _mentions(engine):
        kinds.setdefault(networks[mention.account_id], set()).add(mention.kind)
    assert set(kinds) == {"mastodon", "bluesky", "feed"}
    assert kinds["feed"] == {"feed_item"}
    for network in ("mastodon", "bluesky"):
        assert kinds[network] == {"mention", "reply", "quote", "keyword"}


def test_roughly_half_japanese_and_language_matches_text(engine: Engine) -> None:
    mentions = _mentions(engine)
    japanese = [m for m in mentions if JAPANESE.search(m.text)]
    assert 0.35 < len(japanese) / len(mentions) < 0.65
    # Author names are bilingual, but the text decides the language.
    assert all(m.language == ("ja" if JAPANESE.search(m.text) else "en") for m in mentions)
    assert any(JAPANESE.search(m.author_name) for m in mentions)


def test_complaints_both_waiting_and_answered(engine: Engine) -> None:
    complaints = [m for m in _mentions(engine) if m.is_complaint]
    assert any(m.state == "new" and m.first_response_at is None for m in complaints)
    assert any(m.state == "done" and m.first_response_at is not None for m in complaints)
    overdue = [
        m for m in complaints if m.state == "new" and m.created_at < NOW_NAIVE - timedelta(hours=24)
    ]
    assert overdue


def test_first_responses_follow_their_mention_within_thirty_hours(engine: Engine) -> None:
    answered = [m for m in _mentions(engine) if m.first_response_at is not None]
    assert answered
    for mention in answered:
        assert mention.state == "done"
        delay = mention.first_response_at - mention.created_at
        assert timedelta(minutes=1) <= delay <= timedelta(hours=30)
        assert mention.first_response_at <= NOW_NAIVE


def test_spam_is_archived(engine: Engine) -> None:
    mentions = _mentions(engine)
    archived = [m for m in mentions if m.state == "archived"]
    assert archived
    for mention in archived:
        assert "https://promo.example/" in mention.text
        assert not (mention.is_complaint or mention.is_question or mention.is_praise)
    old_spam = [
        m
        for m in mentions
        if "promo.example" in m.text and m.created_at < NOW_NAIVE - timedelta(hours=30)
    ]
    assert old_spam
    assert all(m.state == "archived" for m in old_spam)


def test_recent_mentions_are_mostly_waiting(engine: Engine) -> None:
    mentions = _mentions(engine)
    recent = [m for m in mentions if m.created_at > NOW_NAIVE - timedelta(hours=6)]
    older = [m for m in mentions if m.created_at < NOW_NAIVE - timedelta(days=3)]
    assert sum(m.state == "new" for m in recent) > len(recent) / 2
    assert sum(m.state == "done" for m in older) > 0.8 * len(older)


def test_flags_match_the_default_rules(engine: Engine) -> None:
    """What the rules would flag is exactly what the demo flags, so the demo never contradicts
    the app's own classifier."""
    with Session(engine) as session:
        rules = [(row.kind, row.phrase) for row in session.execute(select(Rule.kind, Rule.phrase))]
    for mention in _mentions(engine):
        text = mention.text.lower()
        matched = {kind for kind, phrase in rules if phrase.lower() in text}
        flagged = {
            kind
            for kind, flag in (
                ("complaint", mention.is_complaint),
                ("question", mention.is_question),
                ("praise", mention.is_praise),
            )
            if flag
        }
        assert matched == flagged, mention.text


def test_row_details_are_plausible(engine: Engine) -> None:
    for mention in _mentions(engine):
        assert 30 <= len(mention.text) <= 160
        assert "{" not in mention.text
        assert mention.html == f"<p>{html.escape(mention.text)}</p>"
        assert mention.url.startswith("https://")
        assert ".example" in mention.url
        assert mention.author_handle and mention.author_name
        assert NOW_NAIVE - timedelta(days=21) <= mention.created_at < NOW_NAIVE
        assert timedelta(0) < mention.received_at - mention.created_at <= timedelta(seconds=90)
        if mention.kind in ("reply", "quote"):
            assert mention.parent_id


def test_external_ids_unique_per_account(engine: Engine) -> None:
    mentions = _mentions(engine)
    assert len({(m.account_id, m.external_id) for m in mentions}) == len(mentions)


def test_scheduled_posts_in_the_next_ten_days_and_sent_ones_in_the_past(engine: Engine) -> None:
    with Session(engine) as session:
        items = list(session.scalars(select(OutboxItem)))
    scheduled = [i for i in items if i.state == "scheduled"]
    sent = [i for i in items if i.state == "sent"]
    assert len(scheduled) >= 3
    assert all(NOW_NAIVE < i.scheduled_at <= NOW_NAIVE + timedelta(days=10) for i in scheduled)
    assert len(sent) >= 2
    assert all(i.sent_at is not None and i.sent_at < NOW_NAIVE and i.remote_url for i in sent)
    assert all(i.kind == "post" for i in items)
    keys = [i.idempotency_key for i in items]
    assert len(set(keys)) == len(keys)
    assert all(re.fullmatch(r"[0-9a-f]{32}", key) for key in keys)


def test_shop_settings_are_filled(engine: Engine) -> None:
    with Session(engine) as session:
        settings = load_settings(session)
    assert "はなもりベーカリー" in settings.shop_name
    assert settings.contact_email.endswith(".example")
    assert settings.contact_phone.startswith("03-")
    assert settings.staff_name


def test_summary_matches_the_database(demo: tuple[Workspace, DemoSummary]) -> None:
    workspace, summary = demo
    mentions = _mentions(workspace.engine)
    assert summary.mentions == len(mentions) == 400
    assert summary.accounts == 4
    assert summary.waiting == sum(m.state == "new" for m in mentions)
    assert summary.answered == sum(m.state == "done" for m in mentions)
    assert summary.archived == sum(m.state == "archived" for m in mentions)
    assert summary.overdue == sum(
        m.state == "new" and m.created_at < NOW_NAIVE - timedelta(hours=24) for m in mentions
    )
    assert summary.overdue > 0
    assert summary.scheduled_posts >= 3
    assert summary.sent_posts == 2


def test_times_are_stored_exactly_as_sqlalchemy_writes_them(engine: Engine) -> None:
    """Mentions bypass SQLAlchemy's parameter processing; their text must match the ORM's, or
    comparisons in SQL between demo rows and synced rows would go wrong."""
    column = Mention.__table__.c.created_at
    to_db = column.type.dialect_impl(engine.dialect).bind_processor(engine.dialect)
    with engine.connect() as connection:
        raw = connection.exec_driver_sql(
            "SELECT created_at, received_at, first_response_at FROM mention"
            " WHERE first_response_at IS NOT NULL LIMIT 5"
        ).all()
    with Session(engine) as session:
        parsed = session.execute(
            select(Mention.created_at, Mention.received_at, Mention.first_response_at)
            .where(Mention.first_response_at.is_not(None))
            .limit(5)
        ).all()
    assert raw
    for raw_row, parsed_row in zip(raw, parsed, strict=True):
        for text, moment in zip(raw_row, parsed_row, strict=True):
            assert isinstance(moment, datetime)
            assert text == to_db(moment)


def _dump(engine: Engine) -> tuple[list[tuple], list[tuple], list[tuple]]:
    with engine.connect() as connection:
        return tuple(  # type: ignore[return-value]
            connection.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id").all()
            for table in ("account", "mention", "outbox_item")
        )


def _filled(path: Path, seed: int) -> tuple[list[tuple], list[tuple], list[tuple]]:
    workspace = open_workspace(path)
    try:
        fill_demo(workspace.engine, mentions=200, now=NOW, seed=seed)
        return _dump(workspace.engine)
    finally:
        workspace.close()


def test_same_seed_and_now_give_identical_data(tmp_path: Path) -> None:
    first = _filled(tmp_path / "a", seed=3)
    assert first == _filled(tmp_path / "b", seed=3)
    assert first[1] != _filled(tmp_path / "c", seed=4)[1]


def test_refuses_a_workspace_that_already_has_accounts(engine: Engine) -> None:
    with Session(engine) as session:
        before = session.scalar(select(func.count()).select_from(Mention))
    with pytest.raises(WorkspaceNotEmptyError):
        fill_demo(engine, mentions=10, now=NOW)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Mention)) == before


def test_zero_mentions_still_makes_a_usable_workspace(tmp_path: Path) -> None:
    workspace = open_workspace(tmp_path)
    try:
        summary = fill_demo(workspace.engine, mentions=0, now=NOW)
        assert summary.mentions == 0
        assert summary.accounts == 4
        assert summary.scheduled_posts >= 3
        # One connection at a time means the pool hands back the one the fill used: its
        # durability and cache settings must be back to the workspace's own.
        with workspace.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar_one() == 1  # NORMAL
            assert connection.exec_driver_sql("PRAGMA cache_size").scalar_one() == -2000
    finally:
        workspace.close()
