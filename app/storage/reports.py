"""The weekly summary's reads. Bounds are naive UTC, like the stored times.

Each read is an index range (created_at, first_response_at, handled_at), so a week's summary on a
workspace of a million mentions reads only that week's rows and a few counts.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    DateTime,
    Integer,
    and_,
    bindparam,
    case,
    column,
    func,
    literal,
    or_,
    select,
    text,
    true,
    values,
)
from sqlalchemy.orm import Session

from app.core.hours import Pieces
from app.storage.models import AUTHOR_KEY, Account, Mention, OutboxItem


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


def counts_per_hour(session: Session, bounds: Sequence[datetime]) -> list[tuple[str, int, int]]:
    """(network, k, mentions written in [bounds[k], bounds[k + 1])) per account, zeros left out.

    The hours come from the caller, so a day with a daylight-saving change or a zone half an
    hour off UTC is counted as the owner's clock showed it; each count is a range of
    ix_mention_account_created, which beats grouping the week's rows by a computed hour."""
    if len(bounds) < 2:
        return []
    m, a = Mention, Account
    hours = values(column("k", Integer), column("lo", DateTime), column("hi", DateTime),
                   name="hours").data([(k, lo, hi) for k, (lo, hi)
                                       in enumerate(itertools.pairwise(bounds))]).cte()
    count = (select(func.count()).where(m.account_id == a.id, m.created_at >= hours.c.lo,
                                        m.created_at < hours.c.hi)
             .correlate(a, hours).scalar_subquery())
    rows = session.execute(select(a.network, hours.c.k, count).select_from(a).join(hours, true()))
    return [(network, k, n) for network, k, n in rows if n]


def mention_count(session: Session, start: datetime, end: datetime) -> int:
    m = Mention
    return session.scalar(select(func.count()).where(m.created_at >= start,
                                                     m.created_at < end)) or 0


def complaint_counts(session: Session, start: datetime, end: datetime, answered_by: datetime
                     ) -> tuple[int, int]:
    """(complaints written in [start, end), those of them first answered before `answered_by`),
    read from ix_mention_order alone."""
    m = Mention
    row = session.execute(
        select(func.count(), func.count(case((m.first_response_at < answered_by, 1))))
        .where(m.is_complaint == true(), m.created_at >= start, m.created_at < end)).one()
    return row[0], row[1]


# Each author's mentions in the week, without reading the week's rows: a loose index scan of
# ix_mention_author steps from one author to the next (a seek each), then counts each one's
# range. Its cost follows the number of authors, where GROUP BY would sort every row of a week.
_AUTHOR_COUNTS = text(f"""
WITH RECURSIVE author(account_id, who) AS (
    SELECT id, (SELECT min({AUTHOR_KEY}) FROM mention WHERE account_id = account.id)
    FROM account
    UNION ALL
    SELECT account_id, (SELECT min({AUTHOR_KEY}) FROM mention
                        WHERE mention.account_id = author.account_id
                        AND {AUTHOR_KEY} > author.who)
    FROM author WHERE who IS NOT NULL
)
SELECT account_id, who, mentions FROM (
    SELECT account_id, who, (SELECT count(*) FROM mention
                             WHERE mention.account_id = author.account_id
                             AND {AUTHOR_KEY} = author.who
                             AND created_at >= :start AND created_at < :end) AS mentions
    FROM author WHERE who IS NOT NULL
) WHERE mentions > 0
""").bindparams(bindparam("start", type_=DateTime), bindparam("end", type_=DateTime))


def top_authors(session: Session, start: datetime, end: datetime, limit: int
                ) -> list[tuple[str, str, str, int]]:
    """(network, handle, latest name, mentions) of the week's most frequent authors."""
    m, a = Mention, Account
    networks = dict(session.execute(select(a.id, a.network)).all())
    # The same customer on two accounts of one network counts once.
    merged: dict[tuple[str, str], list[int]] = {}
    for account_id, who, mentions in session.execute(_AUTHOR_COUNTS,
                                                      {"start": start, "end": end}):
        entry = merged.setdefault((networks[account_id], who), [0])
        entry[0] += mentions
        entry.append(account_id)
    top = sorted(merged.items(), key=lambda item: (-item[1][0], item[0][1]))[:limit]
    result = []
    for (network, who), (mentions, *accounts) in top:
        name = session.scalar(
            select(func.coalesce(func.nullif(m.author_name, ""), m.author_handle))
            .where(m.account_id.in_(accounts), who == AUTHOR_KEY, m.created_at >= start,
                   m.created_at < end)
            .order_by(m.created_at.desc()).limit(1))
        result.append((network, who, name or who, mentions))
    return result


def _evaluate(pieces: Pieces, moment: str, low: int = 0, high: int | None = None) -> str:
    """SQL for `pieces` (pieces low..high) at `moment`: CASEs nested as a balanced tree, so
    each value takes a handful of comparisons however many open periods there are. Written
    as text from ints of our own making: a clock of a year has a thousand pieces, which
    SQLAlchemy's expression objects take a tenth of a second to build."""
    high = len(pieces.slopes) - 1 if high is None else high
    if low == high:
        offset = int(pieces.offsets[low])
        return f"({moment} + {offset})" if pieces.slopes[low] else str(offset)
    middle = (low + high + 1) // 2
    return (f"CASE WHEN {moment} < {int(pieces.breaks[middle - 1])} "
            f"THEN {_evaluate(pieces, moment, low, middle - 1)} "
            f"ELSE {_evaluate(pieces, moment, middle, high)} END")


# Whole seconds since 1970 of a stored (naive UTC) time: julianday is the cheapest of SQLite's
# date functions (unixepoch() needs SQLite 3.38).
_EPOCH = "CAST(round((julianday({}) - 2440587.5) * 86400) AS INTEGER)"


def response_times(session: Session, start: datetime, end: datetime, open_before: Pieces
                   ) -> tuple[datetime | None, list[int]]:
    """When the earliest of the mentions first answered in [start, end) was written (`None`
    when there are none), and how many seconds each waited for that answer, on the clock of
    `open_before` (open seconds before a moment), in no particular order.

    Computed by SQLite over ix_mention_responded and handed over as one JSON array: a week of
    a busy shop is a few hundred thousand answers, and one string is far cheaper than a row
    each. The epoch seconds come from a subquery with a LIMIT, which SQLite does not flatten
    into an aggregate: it runs it as a co-routine and works each one out once, where a
    flattened query would do it again at every comparison."""
    waited = (f"({_evaluate(open_before, 'answered')}) "
              f"- ({_evaluate(open_before, 'written')})")
    query = text(f"""
        SELECT min(written), json_group_array(max(0, {waited}))
        FROM (SELECT {_EPOCH.format("created_at")} AS written,
                     {_EPOCH.format("first_response_at")} AS answered
              FROM mention WHERE first_response_at >= :start AND first_response_at < :end
              LIMIT -1) AS answered
    """).bindparams(bindparam("start", type_=DateTime), bindparam("end", type_=DateTime))
    earliest, times = session.execute(query, {"start": start, "end": end}).one()
    if earliest is None:
        return None, []
    return datetime.fromtimestamp(earliest, UTC).replace(tzinfo=None), json.loads(times)


def waiting_count(session: Session, end: datetime) -> int:
    """Mentions written before `end` and not yet handled then.

    Counted as "never handled" plus "handled at or after `end`" less "written at or after
    `end`" (a mention is handled after it is written; the sync keeps future creation times
    out): three short index ranges for a recent week, not a count of all history."""
    m = Mention
    unhandled = session.scalar(select(func.count()).where(m.handled_at.is_(None))) or 0
    handled_later = session.scalar(select(func.count()).where(m.handled_at >= end)) or 0
    written_later = session.scalar(select(func.count()).where(m.created_at >= end)) or 0
    return max(0, unhandled + handled_later - written_later)


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
