"""Storing a long batch: every mention once, its id handed back in batch order, and indexed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, select, text

from app.core.connector import FetchedMention
from app.core.model import Flag, MentionKind
from app.core.triage import FlagRules
from app.services.workspace import Workspace
from app.storage.mentions import store_fetched
from app.storage.models import Account, Mention

START = datetime(2026, 3, 1, 9, 0)
RULES = FlagRules.build({Flag.COMPLAINT: ["refund", "返金"]})
COUNT = 1_234  # more than one chunk, and more than one multi-row INSERT


def _batch(count: int) -> list[FetchedMention]:
    return [FetchedMention(
        external_id=f"post-{i}", kind=MentionKind.MENTION, author_handle=f"@c{i}@example.social",
        author_name=f"Customer {i}",
        text=f"order {i}: " + ("返金してください" if i % 3 == 0 else "thank you"),
        created_at=(START + timedelta(seconds=i)).replace(tzinfo=UTC),
        html=f"<p>order {i}<script>alert({i})</script></p>") for i in range(count)]


@pytest.mark.parametrize("returning", [True, False], ids=["returning", "without-returning"])
def test_a_long_batch_is_stored_in_order_and_searchable(workspace: Workspace, returning: bool,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    if not returning:  # an SQLite older than 3.35, or another database without RETURNING
        monkeypatch.setattr(workspace.engine.dialect, "insert_returning", False)
    with workspace.sessions.begin() as session:
        account = Account(network="mastodon", handle="@shop@example.social", created_at=START)
        session.add(account)
        session.flush()
        account_id = account.id
    batch = _batch(COUNT)
    inserts: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.startswith("INSERT INTO mention "):
            inserts.append(statement)

    event.listen(workspace.engine, "before_cursor_execute", seen)
    try:
        with workspace.sessions.begin() as session:
            stored = store_fetched(session.connection(), account_id, batch, RULES,
                                   START + timedelta(days=1))
    finally:
        event.remove(workspace.engine, "before_cursor_execute", seen)
    # A few multi-row statements with RETURNING; else one executemany per chunk.
    assert all(("RETURNING" in s) == returning for s in inserts)
    assert len(inserts) < 10
    assert stored.updated_ids == []
    with workspace.sessions() as session:
        external_of = {row.id: row.external_id for row in session.execute(
            select(Mention.id, Mention.external_id).where(Mention.account_id == account_id))}
        html = session.scalar(select(Mention.html).where(Mention.external_id == "post-3"))
        complaints = set(session.scalars(select(Mention.id).where(Mention.is_complaint)))
        found = set(session.scalars(text(
            "SELECT rowid FROM mention_search WHERE mention_search MATCH '\"返金\"'")))
    assert [external_of[i] for i in stored.new_ids] == [m.external_id for m in batch]
    assert stored.complaint_ids == [i for i in stored.new_ids if i in complaints]
    assert len(stored.complaint_ids) == len(range(0, COUNT, 3))
    assert found == set(stored.complaint_ids)  # the full-text index followed every row
    assert html == "<p>order 3</p>"

    with workspace.sessions.begin() as session:  # the same batch again changes nothing
        again = store_fetched(session.connection(), account_id, batch, RULES,
                              START + timedelta(days=2))
    assert (again.new_ids, again.updated_ids) == ([], [])
