"""Read queries the screens need, each bounded so it stays fast on a million mentions.

The inbox's reads select plain columns from the tables (Core), not ORM entities: they load no
objects, so the ORM's per-statement compilation and its one-off mapper configuration would be
pure cost on the way to the first painted page. `list_mentions` loads whole rows for the
command line and stays an ORM query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    Integer,
    Select,
    and_,
    column,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
    true,
)
from sqlalchemy.orm import Session

from app.core.model import (
    Flag,
    InboxFilter,
    MentionKind,
    MentionRecord,
    MentionRow,
    Network,
    TriageState,
)
from app.core.searchtext import like_terms, match_query
from app.core.timefmt import as_utc
from app.storage.models import SEARCH_TABLE, Account, Mention

_mention = Mention.__table__
_account = Account.__table__


@dataclass(frozen=True, slots=True)
class InboxCursor:
    """Where the previous page ended, in the inbox's sort order (keyset paging, no OFFSET)."""

    is_complaint: bool
    created_at: datetime
    id: int


@dataclass(frozen=True, slots=True)
class PageQuery:
    """A filter made concrete: the accounts a network means, and the overdue cut-off time."""

    filter: InboxFilter
    account_ids: tuple[int, ...] | None = None  # None: every account
    overdue_before: datetime | None = None  # naive UTC


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


def _sort_key(row: MentionRow) -> tuple[bool, datetime, int]:
    return (Flag.COMPLAINT not in row.flags, row.created_at, row.id)


_ROW_COLUMNS = (
    _mention.c.id,
    _account.c.network,
    _mention.c.kind,
    _mention.c.author_name,
    _mention.c.author_handle,
    func.substr(_mention.c.text, 1, 400).label("text"),
    _mention.c.created_at,
    _mention.c.state,
    _mention.c.is_complaint,
    _mention.c.is_question,
    _mention.c.is_praise,
    _mention.c.first_response_at,
)


# Rows are built for every page while the owner scrolls, on a worker that shares the
# interpreter with the painting UI thread: each lookup here is one less Python step per row.
_NETWORKS = {n.value: n for n in Network}
_KINDS = {k.value: k for k in MentionKind}
_STATES = {t.value: t for t in TriageState}
_FLAG_SETS = {
    (bool(c), bool(q), bool(p)): frozenset(
        f for f, on in ((Flag.COMPLAINT, c), (Flag.QUESTION, q), (Flag.PRAISE, p)) if on)
    for c in (0, 1) for q in (0, 1) for p in (0, 1)
}


def _rows(session: Session, query: Select) -> list[MentionRow]:
    rows = []
    for (mention_id, network, kind, author_name, author_handle, body, created, state,
         complaint, question, praise, responded) in session.execute(query):
        rows.append(MentionRow(
            id=mention_id,
            network=_NETWORKS[network],
            kind=_KINDS[kind],
            author_name=author_name,
            author_handle=author_handle,
            first_line=_first_line(body),
            created_at=created.replace(tzinfo=UTC),  # stored naive UTC
            state=_STATES[state],
            flags=_FLAG_SETS[bool(complaint), bool(question), bool(praise)],
            first_response_at=responded.replace(tzinfo=UTC) if responded else None,
        ))
    return rows


def _filtered(query: Select, page: PageQuery, state: TriageState | None,
              account_id: int | None) -> Select:
    m = _mention.c
    wanted = page.filter
    account, kind = m.account_id, m.kind
    if wanted.flag in (Flag.QUESTION, Flag.PRAISE):
        # Few mentions carry these flags: read them from their partial index, never by
        # walking an account's or a kind's whole index and rejecting row after row. A unary
        # plus keeps SQLite (and PostgreSQL) from choosing an index for those terms.
        account = literal_column("+mention.account_id")
        kind = literal_column("+mention.kind")
    if state is not None:
        query = query.where(m.state == state.value)
    if account_id is not None:
        query = query.where(account == account_id)
    elif page.account_ids is not None:
        query = query.where(account.in_(page.account_ids))
    if wanted.kind is not None:
        query = query.where(kind == wanted.kind.value)
    if wanted.flag is Flag.COMPLAINT:
        query = query.where(m.is_complaint == true())
    elif wanted.flag is Flag.QUESTION:
        query = query.where(m.is_question == true())
    elif wanted.flag is Flag.PRAISE:
        query = query.where(m.is_praise == true())
    if wanted.overdue_only:
        query = query.where(m.first_response_at.is_(None))
        if page.overdue_before is not None:
            query = query.where(m.created_at < page.overdue_before)
    return query


def _after(query: Select, after: InboxCursor) -> list[Select]:
    """The rest of the order after the cursor, as index range reads.

    After a complaint come the later complaints, then every other mention from the start;
    after a non-complaint, only later non-complaints. Each part is its own query: one OR over
    both would be planned as a multi-index OR with a sort of the whole table.
    """
    m = _mention.c
    later = or_(
        m.created_at > after.created_at,
        and_(m.created_at == after.created_at, m.id > after.id),
    )
    if after.is_complaint:
        return [query.where(m.is_complaint == true(), later),
                query.where(m.is_complaint == false())]
    return [query.where(m.is_complaint == false(), later)]


def inbox_page(
    session: Session,
    page: PageQuery,
    after: InboxCursor | None = None,
    limit: int = 200,
) -> list[MentionRow]:
    """One page of the inbox: complaints first, then the oldest waiting first.

    Every page is read from an ordered index, never by sorting the table. A filter with no
    single index behind it (all states of one account, the accounts of one network) is split
    into one query per state and account, each reading its index in order, and the pages are
    merged here: a few hundred rows, whatever the size of the table.
    """
    wanted = page.filter
    state = TriageState.NEW if wanted.overdue_only else wanted.state
    narrow = (page.account_ids is not None or wanted.kind is not None
              or wanted.flag in (Flag.QUESTION, Flag.PRAISE))
    states: list[TriageState | None] = [state]
    if state is None and narrow:
        states = list(TriageState)
    accounts: list[int | None] = [None]
    if page.account_ids is not None and len(page.account_ids) > 1:
        accounts = list(page.account_ids)
    if page.account_ids == ():
        return []
    base = select(*_ROW_COLUMNS).join(_account, _account.c.id == _mention.c.account_id)
    merged: list[MentionRow] = []
    for part_state in states:
        for account in accounts:
            query = _filtered(base, page, part_state, account)
            found: list[MentionRow] = []
            for part in _after(query, after) if after is not None else [query]:
                found += _rows(session, _triage_order(part).limit(limit - len(found)))
                if len(found) >= limit:
                    break
            merged += found
    if len(states) * len(accounts) > 1:
        merged.sort(key=_sort_key)
    return merged[:limit]


def search_page(session: Session, page: PageQuery, after_id: int | None = None,
                limit: int = 200) -> list[MentionRow]:
    """Mentions containing every word typed, newest first, within the filter.

    On SQLite the full-text index finds them (Japanese words of any length included; see
    app.core.searchtext); elsewhere each word must appear in the text or the author's name.
    """
    m = _mention.c
    wanted = page.filter
    state = TriageState.NEW if wanted.overdue_only else wanted.state
    if session.get_bind().dialect.name == "sqlite":
        expression = match_query(wanted.search)
        if expression is None:
            return []
        # The index drives the query: FTS5 hands its hits over newest first (by rowid, which
        # is the mention id) and stops at the page's end, so a common word never means
        # joining and sorting every mention that contains it.
        fts = table(SEARCH_TABLE, column("rowid", Integer))
        query = (select(*_ROW_COLUMNS).select_from(fts)
                 .join(_mention, m.id == fts.c.rowid)
                 .join(_account, _account.c.id == m.account_id)
                 .where(text(f"{SEARCH_TABLE} MATCH :q").bindparams(q=expression)))
        newest_first = fts.c.rowid
    else:
        terms = like_terms(wanted.search)
        if not terms:
            return []
        query = select(*_ROW_COLUMNS).join(_account, _account.c.id == m.account_id)
        for term in terms:
            pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace(
                "_", "\\_") + "%"
            query = query.where(or_(m.text.ilike(pattern, escape="\\"),
                                    m.author_name.ilike(pattern, escape="\\"),
                                    m.author_handle.ilike(pattern, escape="\\")))
        newest_first = m.id
    query = _filtered(query, page, state, None)
    if after_id is not None:
        query = query.where(newest_first < after_id)
    return _rows(session, query.order_by(newest_first.desc()).limit(limit))


def records(session: Session, ids: list[int]) -> list[MentionRecord]:
    """Whole mentions, in the order of `ids` (a page read by inbox_page or search_page)."""
    query = select(Mention, Account.network).join(Account, Account.id == Mention.account_id)
    found = {}
    for mention, network in session.execute(query.where(Mention.id.in_(ids))):
        found[mention.id] = MentionRecord(
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
    return [found[i] for i in ids if i in found]


def detail(session: Session, mention_id: int) -> tuple[Mention, Account] | None:
    """The mention and its account, for the detail pane (the service copies what it needs)."""
    row = session.execute(
        select(Mention, Account).join(Account, Account.id == Mention.account_id)
        .where(Mention.id == mention_id)).first()
    return (row[0], row[1]) if row else None


def account_ids_of(session: Session, network: Network) -> tuple[int, ...]:
    return tuple(session.scalars(select(_account.c.id).where(_account.c.network == network.value)
                                 .order_by(_account.c.id)))


def cursor_after(row: MentionRow) -> InboxCursor:
    return InboxCursor(
        is_complaint=Flag.COMPLAINT in row.flags,
        created_at=row.created_at.replace(tzinfo=None),
        id=row.id,
    )


def new_complaint_count(session: Session) -> int:
    m = _mention.c
    return session.scalar(select(func.count()).select_from(_mention).where(
        m.state == TriageState.NEW.value, m.is_complaint == true())) or 0


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
