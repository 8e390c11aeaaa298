"""What the inbox screen and `mentions list` read and change: pages, counts, details, triage.

Every call opens its own short session, so the UI's database worker and the sync thread never
share one. Changes return the ids they touched, so a screen redraws only those rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from sqlalchemy import func, update
from sqlalchemy.orm import Session, sessionmaker

from app.core.hours import overdue_cutoff
from app.core.model import (
    Flag,
    InboxFilter,
    MentionDetail,
    MentionKind,
    MentionRecord,
    MentionRow,
    Network,
    TriageState,
)
from app.core.timefmt import as_utc, utc_now
from app.storage import queries
from app.storage.models import Mention
from app.storage.settings import load_settings

_FLAG_COLUMNS = {Flag.COMPLAINT: "is_complaint", Flag.QUESTION: "is_question",
                 Flag.PRAISE: "is_praise"}


@dataclass(frozen=True, slots=True)
class Deadlines:
    """When an unanswered mention turns amber (half the threshold) and red (overdue).

    Mentions created before `red` are overdue; between `red` and `amber`, soon overdue.
    """

    amber: datetime
    red: datetime


def _local_zone() -> tzinfo:
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


class InboxService:
    def __init__(self, sessions: sessionmaker[Session], *, zone: tzinfo | None = None) -> None:
        self._sessions = sessions
        self._zone = zone  # the owner's time zone, for opening hours; None: this computer's

    # Reading ---------------------------------------------------------------------------------
    def deadlines(self, now: datetime | None = None) -> Deadlines:
        """Counted in opening hours when the shop has set them (Settings)."""
        with self._sessions() as session:
            settings = load_settings(session)
        now = now or utc_now()
        threshold = timedelta(hours=settings.overdue_hours)
        zone = self._zone or _local_zone()
        hours = settings.opening_hours
        return Deadlines(amber=overdue_cutoff(now, threshold / 2, hours, zone),
                         red=overdue_cutoff(now, threshold, hours, zone))

    def _page_query(self, session: Session, wanted: InboxFilter) -> queries.PageQuery:
        accounts = None
        if wanted.account_id is not None:
            accounts = (wanted.account_id,)
        elif wanted.network is not None:
            accounts = queries.account_ids_of(session, wanted.network)
        overdue = None
        if wanted.overdue_only:
            overdue = self.deadlines().red.replace(tzinfo=None)
        return queries.PageQuery(wanted, accounts, overdue)

    def page(self, wanted: InboxFilter, after: MentionRow | None = None,
             limit: int = 200) -> list[MentionRow]:
        """The next page after `after`: in triage order, or newest first when searching."""
        with self._sessions() as session:
            page = self._page_query(session, wanted)
            if wanted.search.strip():
                return queries.search_page(session, page, after.id if after else None, limit)
            cursor = queries.cursor_after(after) if after else None
            return queries.inbox_page(session, page, cursor, limit)

    def counts(self) -> dict[TriageState, int]:
        with self._sessions() as session:
            return queries.count_by_state(session)

    def new_complaints(self) -> int:
        with self._sessions() as session:
            return queries.new_complaint_count(session)

    def account_count(self) -> int:
        with self._sessions() as session:
            return queries.account_count(session)

    def records(self, wanted: InboxFilter, limit: int) -> list[MentionRecord]:
        """Whole mentions for the command line, through the same queries as the screen."""
        rows: list[MentionRow] = []
        while len(rows) < limit:
            page = self.page(wanted, rows[-1] if rows else None, min(500, limit - len(rows)))
            rows += page
            if len(page) < min(500, limit - len(rows) + len(page)):
                break
        with self._sessions() as session:
            return queries.records(session, [row.id for row in rows])

    def detail(self, mention_id: int) -> MentionDetail | None:
        with self._sessions() as session:
            found = queries.detail(session, mention_id)
            if found is None:
                return None
            mention, account = found
            capabilities = account.capabilities or {}
            network = Network(account.network)
            return MentionDetail(
                id=mention.id, account_id=account.id, account_handle=account.handle,
                network=network, kind=MentionKind(mention.kind),
                external_id=mention.external_id, author_handle=mention.author_handle,
                author_name=mention.author_name, author_url=mention.author_url,
                text=mention.text, html=mention.html, url=mention.url,
                language=mention.language, created_at=as_utc(mention.created_at),
                edited_at=as_utc(mention.edited_at) if mention.edited_at else None,
                state=TriageState(mention.state),
                flags=frozenset(f for f, column in _FLAG_COLUMNS.items()
                                if getattr(mention, column)),
                first_response_at=(as_utc(mention.first_response_at)
                                   if mention.first_response_at else None),
                can_reply=bool(capabilities.get("can_reply", network is not Network.FEED)),
                can_fetch_thread=bool(capabilities.get("can_fetch_thread",
                                                       network is not Network.FEED)),
            )

    # Triage ----------------------------------------------------------------------------------
    def set_state(self, ids: list[int], state: TriageState) -> list[int]:
        """Mark done, archive or reopen; returns the ids that changed.

        handled_at keeps when a mention stopped waiting (the weekly summary's "still waiting"):
        the first move out of "new" sets it, moving between done and archived keeps it, and
        reopening clears it."""
        if state is TriageState.NEW:
            handled: object = None
        else:
            handled = func.coalesce(Mention.handled_at, utc_now().replace(tzinfo=None))
        return self._update(ids, {"state": state.value, "handled_at": handled},
                            Mention.state != state.value)

    def set_flag(self, ids: list[int], flag: Flag, on: bool) -> list[int]:
        column = getattr(Mention, _FLAG_COLUMNS[flag])
        return self._update(ids, {_FLAG_COLUMNS[flag]: on}, column != on)

    def _update(self, ids: list[int], values: dict[str, object], differs: object) -> list[int]:
        if not ids:
            return []
        changed: list[int] = []
        with self._sessions.begin() as session:
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                result = session.execute(
                    update(Mention).where(Mention.id.in_(chunk), differs)  # type: ignore[arg-type]
                    .values(values).returning(Mention.id))
                changed += [row[0] for row in result]
        return changed
