"""Read queries the screens need, each bounded so it stays fast on a million mentions.

The inbox's reads select plain columns from the tables (Core), not ORM entities: they load no
objects, so the ORM's per-statement compilation and its one-off mapper configuration would be
pure cost on the way to the first painted page. `list_mentions` loads whole rows for the
command line and stays an ORM query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, and_, false, func, or_, select, true
from sqlalchemy.orm import Session

from app.core.model import Flag, MentionKind, MentionRecord, MentionRow, Network, TriageState
from app.core.timefmt import as_utc
from app.storage.models import Account, Mention

_mention = Mention.__table__
_account = Account.__table__


@dataclass(frozen=True, slots=True)
class InboxCursor:
    """Where the previous page ended, in the inbox's sort order (keyset paging, no OFFSET)."""

    is_complaint: bool
    created_at: datetime
    id: int


def _first_line(text: str, limit: int = 200) -> str:
    line = text.strip().split("\n", 1)[0]
    return line[:limit]


def _flags(row: object) -> frozenset[Flag]:
    return frozenset(
        flag
        for flag, on in (
            (Flag.COMPLAINT, row.is_complaint),  # type: ignore[attr-defined]
            (Flag.QUESTION, row.is_question),  # type: ignore[attr-defined]
            (Flag.PRAISE, row.is_praise),  # type: ignore[attr-defined]
        )
        if on
    )


def _triage_order(query: Select) -> Select:
    m = _mention.c
    return query.order_by(m.is_complaint.desc(), m.created_at.asc(), m.id.asc())


def inbox_page(
    session: Session,
    state: TriageState | None,
    after: InboxCursor | None = None,
    limit: int = 200,
) -> list[MentionRow]:
    """One page of the inbox: complaints first, then the oldest waiting first."""
    m = _mention.c
    columns = (
        m.id,
        _account.c.network,
        m.kind,
        m.author_name,
        m.author_handle,
        func.substr(m.text, 1, 400).label("text"),
        m.created_at,
        m.state,
        m.is_complaint,
        m.is_question,
        m.is_praise,
        m.first_response_at,
    )
    query = select(*columns).join(_account, _account.c.id == m.account_id)
    if state is not None:
        query = query.where(m.state == state.value)
    if after is not None:
        later = or_(
            m.created_at > after.created_at,
            and_(m.created_at == after.created_at, m.id > after.id),
        )
        # Complaints come first, so after a complaint come later complaints and then every
        # other mention; after a non-complaint, only later non-complaints. (SQLAlchemy refuses
        # `<` against a Python bool, so the two cases are spelled out.)
        if after.is_complaint:
            query = query.where(
                or_(m.is_complaint == false(), and_(m.is_complaint == true(), later))
            )
        else:
            query = query.where(m.is_complaint == false(), later)
    rows = []
    for r in session.execute(_triage_order(query).limit(limit)):
        rows.append(
            MentionRow(
                id=r.id,
                network=Network(r.network),
                kind=MentionKind(r.kind),
                author_name=r.author_name,
                author_handle=r.author_handle,
                first_line=_first_line(r.text),
                created_at=as_utc(r.created_at),
                state=TriageState(r.state),
                flags=_flags(r),
                first_response_at=as_utc(r.first_response_at) if r.first_response_at else None,
            )
        )
    return rows


def list_mentions(session: Session, state: TriageState | None, limit: int) -> list[MentionRecord]:
    """Whole mentions in inbox order, for the command line."""
    query = select(Mention, Account.network).join(Account, Account.id == Mention.account_id)
    if state is not None:
        query = query.where(Mention.state == state.value)
    records = []
    for mention, network in session.execute(_triage_order(query).limit(limit)):
        records.append(
            MentionRecord(
                id=mention.id,
                account_id=mention.account_id,
                network=Network(network),
                kind=MentionKind(mention.kind),
                external_id=mention.external_id,
                url=mention.url,
                author_handle=mention.author_handle,
                author_name=mention.author_name,
                text=mention.text,
                created_at=as_utc(mention.created_at),
                state=TriageState(mention.state),
                flags=_flags(mention),
                first_response_at=(
                    as_utc(mention.first_response_at) if mention.first_response_at else None
                ),
            )
        )
    return records


def cursor_after(row: MentionRow) -> InboxCursor:
    return InboxCursor(
        is_complaint=Flag.COMPLAINT in row.flags,
        created_at=row.created_at.replace(tzinfo=None),
        id=row.id,
    )


def count_by_state(session: Session) -> dict[TriageState, int]:
    counts = dict.fromkeys(TriageState, 0)
    for state, count in session.execute(
        select(_mention.c.state, func.count()).group_by(_mention.c.state)
    ):
        counts[TriageState(state)] = count
    return counts


def account_count(session: Session) -> int:
    """Connected accounts (removed ones whose mentions were kept do not count)."""
    query = select(func.count()).select_from(Account).where(Account.state != "removed")
    return session.scalar(query) or 0
