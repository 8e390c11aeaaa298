"""The weekly summary's reads. Bounds are naive UTC, like the stored times.

Each read is an index range (created_at, first_response_at, handled_at), so a week's summary on a
workspace of a million mentions reads only that week's rows and a few counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Integer, and_, case, func, literal, or_, select, true
from sqlalchemy.orm import Session

from app.storage.models import Account, Mention, OutboxItem


@dataclass(frozen=True, slots=True)
class WeekRow:
    id: int
    network: str
    account: str
    kind: str
    author_handle: str
    author_name: str
    created_at: datetime
    first_response_at: datetime | None
    is_complaint: bool
    is_question: bool
    is_praise: bool
    state: str
    url: str
    text: str


def week_rows(session: Session, start: datetime, end: datetime, *,
              with_text: bool = False) -> list[WeekRow]:
    """The mentions written in [start, end), oldest first."""
    m, a = Mention, Account
    text_columns = (m.url, m.text) if with_text else (literal(""), literal(""))
    query = (
        select(m.id, a.network, a.handle, m.kind, m.author_handle, m.author_name, m.created_at,
               m.first_response_at, m.is_complaint, m.is_question, m.is_praise, m.state,
               *text_columns)
        .join(a, a.id == m.account_id)
        .where(m.created_at >= start, m.created_at < end)
        .order_by(m.created_at, m.id)
    )
    return [WeekRow(*row) for row in session.execute(query)]


def _epoch(column: object) -> object:
    """Whole seconds since 1970 of a stored (naive UTC) time, computed by SQLite."""
    return func.cast(func.strftime("%s", column), Integer)


def hourly_counts(session: Session, start: datetime, end: datetime, response_end: datetime
                  ) -> list[tuple[str, int, int, int, int]]:
    """(network, hour since start, mentions, complaints, complaints answered before
    `response_end`) for the mentions written in [start, end), counted by SQLite in one pass."""
    m, a = Mention, Account
    start_epoch = int(start.replace(tzinfo=UTC).timestamp())
    hour = (_epoch(m.created_at) - start_epoch) // 3600
    answered = case((and_(m.is_complaint == true(), m.first_response_at < response_end), 1),
                    else_=0)
    query = (
        select(a.network, hour, func.count(), func.sum(case((m.is_complaint == true(), 1),
                                                            else_=0)),
               func.sum(answered))
        .join(a, a.id == m.account_id)
        .where(m.created_at >= start, m.created_at < end)
        .group_by(a.network, hour)
    )
    return [(network, int(k), n, c or 0, r or 0) for network, k, n, c, r in session.execute(query)]


def top_authors(session: Session, start: datetime, end: datetime, limit: int
                ) -> list[tuple[str, str, str, int]]:
    """(network, handle, latest name, mentions) of the week's most frequent authors."""
    m, a = Mention, Account
    who = func.coalesce(func.nullif(m.author_handle, ""), m.author_name)
    count = func.count().label("mentions")
    rows = session.execute(
        select(a.network, who.label("who"), count, func.max(m.created_at))
        .join(a, a.id == m.account_id)
        .where(m.created_at >= start, m.created_at < end)
        .group_by(a.network, who).order_by(count.desc(), who).limit(limit)).all()
    result = []
    for network, handle, mentions, latest in rows:
        name = session.scalar(
            select(func.coalesce(func.nullif(m.author_name, ""), m.author_handle))
            .join(a, a.id == m.account_id)
            .where(a.network == network, who == handle, m.created_at == latest).limit(1))
        result.append((network, handle, name or handle, mentions))
    return result


def answered(session: Session, start: datetime, end: datetime) -> list[tuple[int, int]]:
    """(created, first response) in epoch seconds of each mention first answered in
    [start, end)."""
    m = Mention
    query = select(_epoch(m.created_at), _epoch(m.first_response_at)).where(
        m.first_response_at >= start, m.first_response_at < end)
    return [(created, responded) for created, responded in session.execute(query)]


def waiting_count(session: Session, end: datetime) -> int:
    """Mentions written before `end` and not yet handled then.

    Counted as "written before" minus "handled before": two index-only counts. (A mention is
    handled after it is written; the sync keeps future creation times out.)"""
    m = Mention
    written = session.scalar(select(func.count()).where(m.created_at < end)) or 0
    handled = session.scalar(select(func.count()).where(m.handled_at < end)) or 0
    return max(0, written - handled)


def oldest_waiting(session: Session, end: datetime) -> tuple[int, str, str, datetime] | None:
    """(id, network, author, created) of the earliest mention still waiting at `end`."""
    m, a = Mention, Account
    row = session.execute(
        select(m.id, a.network, func.coalesce(func.nullif(m.author_name, ""), m.author_handle),
               m.created_at)
        .join(a, a.id == m.account_id)
        .where(m.created_at < end, or_(m.handled_at.is_(None), m.handled_at >= end))
        .order_by(m.created_at, m.id).limit(1)
    ).first()
    return None if row is None else (row[0], row[1], row[2], row[3])


def post_states(session: Session, start: datetime, end: datetime) -> dict[str, int]:
    """Planned posts' copies due (or, unplanned, sent) in [start, end), counted by state."""
    o = OutboxItem
    when = func.coalesce(o.scheduled_at, o.sent_at)
    rows = session.execute(
        select(o.state, func.count()).where(and_(o.kind == "post", when >= start, when < end))
        .group_by(o.state))
    return {state: count for state, count in rows}


def any_data(session: Session) -> bool:
    return session.scalar(select(Mention.id).limit(1)) is not None or session.scalar(
        select(OutboxItem.id).where(OutboxItem.kind == "post").limit(1)) is not None
