"""What the inbox screen and `mentions list` read: pages of mentions and counts."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from app.core.model import MentionRecord, MentionRow, TriageState
from app.storage import queries
from app.storage.queries import InboxCursor


class InboxService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def page(self, state: TriageState | None, after: MentionRow | None = None,
             limit: int = 200) -> list[MentionRow]:
        cursor: InboxCursor | None = queries.cursor_after(after) if after else None
        with self._sessions() as session:
            return queries.inbox_page(session, state, cursor, limit)

    def counts(self) -> dict[TriageState, int]:
        with self._sessions() as session:
            return queries.count_by_state(session)

    def account_count(self) -> int:
        with self._sessions() as session:
            return queries.account_count(session)

    def records(self, state: TriageState | None, limit: int) -> list[MentionRecord]:
        with self._sessions() as session:
            return queries.list_mentions(session, state, limit)
