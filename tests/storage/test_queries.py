"""The inbox's reads on a real workspace: complaints first, oldest waiting first, page by page."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import insert

from app.core.model import Flag, InboxFilter, TriageState
from app.services.workspace import Workspace
from app.storage import queries
from app.storage.models import Account, Mention

START = datetime(2026, 3, 1, 9, 0)


def _fill(ws: Workspace, specs: list[tuple[str, bool, int]]) -> None:
    """Mentions as (text, is_complaint, minutes after START), in the given order of ids."""
    with ws.sessions.begin() as session:
        account = Account(network="mastodon", handle="@shop@example.social", created_at=START)
        session.add(account)
        session.flush()
        session.execute(
            insert(Mention),
            [
                {
                    "account_id": account.id,
                    "external_id": str(i),
                    "kind": "mention",
                    "text": body,
                    "created_at": START + timedelta(minutes=minutes),
                    "received_at": START,
                    "state": "new",
                    "is_complaint": complaint,
                }
                for i, (body, complaint, minutes) in enumerate(specs)
            ],
        )


def _page(**wanted: object) -> queries.PageQuery:
    return queries.PageQuery(InboxFilter(**wanted))  # type: ignore[arg-type]


def _all_pages(ws: Workspace, limit: int) -> list[list[str]]:
    pages: list[list[str]] = []
    after = None
    with ws.sessions() as session:
        while True:
            rows = queries.inbox_page(session, _page(), after, limit)
            if not rows:
                return pages
            pages.append([row.first_line for row in rows])
            after = queries.cursor_after(rows[-1])


def test_inbox_pages_put_complaints_first_then_the_oldest_and_repeat_nothing(
    workspace: Workspace,
) -> None:
    # Same-minute mentions check the id tie-break; complaints straddle page boundaries.
    specs = [
        ("calm 1", False, 1),
        ("angry 1", True, 5),
        ("calm 2", False, 2),
        ("angry 2", True, 5),
        ("calm 3", False, 2),
        ("angry 3", True, 0),
        ("calm 4", False, 0),
        ("calm 5", False, 9),
        ("angry 4", True, 7),
    ]
    _fill(workspace, specs)

    pages = _all_pages(workspace, limit=2)

    assert [len(page) for page in pages] == [2, 2, 2, 2, 1]
    assert [line for page in pages for line in page] == [
        "angry 3",
        "angry 1",
        "angry 2",
        "angry 4",
        "calm 4",
        "calm 1",
        "calm 2",
        "calm 3",
        "calm 5",
    ]


def test_one_page_holds_plain_values_in_utc(workspace: Workspace) -> None:
    _fill(workspace, [("Where is my order?\nIt is late.", True, 3)])

    with workspace.sessions() as session:
        (row,) = queries.inbox_page(session, _page(state=None), None, 10)
        counts = queries.count_by_state(session)

    assert row.first_line == "Where is my order?"
    assert row.flags == frozenset({Flag.COMPLAINT})
    assert row.created_at.isoformat() == "2026-03-01T09:03:00+00:00"
    assert counts == {TriageState.NEW: 1, TriageState.DONE: 0, TriageState.ARCHIVED: 0}
