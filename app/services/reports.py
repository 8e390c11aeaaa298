"""The weekly summary: figures for a week and the week before, and the week's mentions.

A complete week's report is fixed as of the week's end (answers given later do not change what
was waiting then), so a PDF saved on Monday and one made months later agree. Times the customer
waited are counted in opening hours when the shop has set them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TypeVar

from sqlalchemy.orm import Session, sessionmaker

from app.core.hours import OpenClock, open_duration
from app.core.model import Flag, Network, OutboxState
from app.core.report import (
    Customer,
    ReportMention,
    Waiting,
    WeekFigures,
    WeeklyReport,
    WeekTotals,
    percentiles,
)
from app.core.settings import Settings
from app.core.timefmt import utc_now
from app.core.weeks import IsoWeek
from app.storage import reports as queries
from app.storage.settings import load_settings

TOP_CUSTOMERS = 5

_T = TypeVar("_T")


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)


class ReportsService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def weekly(self, week: IsoWeek, zone: tzinfo, now: datetime | None = None) -> WeeklyReport:
        now = now or utc_now()
        with self._sessions() as session:
            settings = load_settings(session)
        span, before = _Span.of(week, zone, now), _Span.of(week.previous(), zone, now)
        # Three independent reads, each on a connection of its own: SQLite does most of the
        # work with the GIL released, so on more than one core they overlap. A sync writing
        # meanwhile can only add to the later reads; the week's total and its spread over days
        # come from one read, so they always agree.
        with ThreadPoolExecutor(max_workers=3, thread_name_prefix="report") as pool:
            previous = pool.submit(self._read, _totals, settings, before)
            answers = pool.submit(self._read, _answers, settings, span)
            spread = pool.submit(self._read, _spread, settings, span)
            current = WeekFigures(week=week, start=span.start, end=span.end,
                                  complete=span.complete, **answers.result(), **spread.result())
        return WeeklyReport(
            current=current, previous=previous.result(), shop_name=settings.shop_name,
            zone_name=str(getattr(zone, "key", None) or zone),
            opening_hours=any(settings.opening_hours.values()), generated_at=now)

    def _read(self, read: Callable[[Session, Settings, _Span], _T], settings: Settings,
              span: _Span) -> _T:
        with self._sessions() as session:
            return read(session, settings, span)

    def mentions(self, week: IsoWeek, zone: tzinfo) -> list[ReportMention]:
        """The week's mentions for the CSV, oldest first."""
        start, end = week.bounds(zone)
        with self._sessions() as session:
            hours = load_settings(session).opening_hours
            rows = queries.week_rows(session, _naive(start), _naive(end), with_text=True)
        answered = [row for row in rows if row.first_response_at]
        responses: dict[int, timedelta] = {}
        if answered:
            latest = max(_aware(row.first_response_at) for row in answered)
            clock = OpenClock(start, max(end, latest), hours, zone)
            seconds = clock.durations([_aware(row.created_at).timestamp() for row in answered],
                                      [_aware(row.first_response_at).timestamp()
                                       for row in answered])
            responses = {row.id: timedelta(seconds=s)
                         for row, s in zip(answered, seconds, strict=True)}
        result = []
        for row in rows:
            created = _aware(row.created_at)
            responded = _aware(row.first_response_at) if row.first_response_at else None
            flags = tuple(flag.value for flag, on in ((Flag.COMPLAINT, row.is_complaint),
                                                      (Flag.QUESTION, row.is_question),
                                                      (Flag.PRAISE, row.is_praise)) if on)
            result.append(ReportMention(
                id=row.id, network=row.network, account=row.account, kind=row.kind,
                author_handle=row.author_handle, author_name=row.author_name, flags=flags,
                created_at=created, first_response_at=responded,
                response=responses.get(row.id),
                state=row.state, url=row.url, text=row.text))
        return result

    def has_data(self) -> bool:
        with self._sessions() as session:
            return queries.any_data(session)


@dataclass(frozen=True, slots=True)
class _Span:
    """A week's bounds (aware UTC) and the zone they were found in; for the week in progress
    the end is now."""

    week: IsoWeek
    zone: tzinfo
    start: datetime
    end: datetime
    complete: bool

    @classmethod
    def of(cls, week: IsoWeek, zone: tzinfo, now: datetime) -> _Span:
        start, week_end = week.bounds(zone)
        return cls(week, zone, start, min(week_end, max(now, start)), now >= week_end)

    @property
    def started(self) -> bool:
        return self.end > self.start  # a week still to come has nothing in it yet

    def naive(self) -> tuple[datetime, datetime]:
        return _naive(self.start), _naive(self.end)


# Most answers come within days. Answers to older mentions make the clock be laid out again,
# back to their creation but no further than _LONGEST_WAIT: a mention said to be written long
# before (a feed item dated 1970) counts as written then, rather than stalling the report.
_CLOCK_LOOKBACK = timedelta(days=28)
_LONGEST_WAIT = timedelta(days=400)


def _answers(session: Session, settings: Settings, span: _Span) -> dict[str, object]:
    """The WeekTotals fields about answers, waiting, complaints and posts, by name. Each an
    index-only read (see app.storage.reports); response times are worked out by SQLite from
    the open periods the clock lays out."""
    start, end = span.naive()
    clock_from = span.start - _CLOCK_LOOKBACK
    clock = OpenClock(clock_from, span.end, settings.opening_hours, span.zone)
    earliest, waited = queries.response_times(session, start, end, clock.pieces)
    if earliest is not None and _aware(earliest) < clock_from:
        clock_from = max(_aware(earliest), span.start - _LONGEST_WAIT)
        clock = OpenClock(clock_from, span.end, settings.opening_hours, span.zone)
        earliest, waited = queries.response_times(session, start, end, clock.pieces)
    complaints, complaints_answered = queries.complaint_counts(session, start, end, end)
    posts = queries.post_states(session, start, end) if span.started else {}
    return dict(
        answered=len(waited), response=percentiles(waited),
        waiting_at_end=queries.waiting_count(session, end) if span.started else 0,
        complaints=complaints, complaints_answered=complaints_answered,
        posts_published=posts.get(OutboxState.SENT.value, 0),
        posts_failed=posts.get(OutboxState.FAILED.value, 0),
        posts_missed=posts.get(OutboxState.MISSED.value, 0))


def _totals(session: Session, settings: Settings, span: _Span) -> WeekTotals:
    """The headline figures, all that the week before is compared on."""
    return WeekTotals(week=span.week, start=span.start, end=span.end, complete=span.complete,
                      mentions=queries.mention_count(session, *span.naive()),
                      **_answers(session, settings, span))


def _spread(session: Session, settings: Settings, span: _Span) -> dict[str, object]:
    """The WeekFigures fields on how the week's mentions spread, by name: over networks, days
    and hours (counted by SQLite per account and hour), its most frequent authors, the oldest
    still waiting, and their total."""
    start, end = span.start, span.end
    monday = span.week.monday()
    networks = [n.value for n in Network]
    per_network = dict.fromkeys(networks, 0)
    per_day = [dict.fromkeys(networks, 0) for _ in range(7)]
    grid = [[0] * 24 for _ in range(7)]
    # Hour k of the week, as the owner's clock showed it (25 or 23 of them on a DST day).
    hours = math.ceil((end - start) / timedelta(hours=1))
    bounds = [start + timedelta(hours=k) for k in range(hours)] + [end]
    for network, hour, count in queries.counts_per_hour(session, [_naive(b) for b in bounds]):
        local = bounds[hour].astimezone(span.zone)
        weekday = min(6, (local.date() - monday).days)
        per_network[network] = per_network.get(network, 0) + count
        per_day[weekday][network] = per_day[weekday].get(network, 0) + count
        grid[weekday][local.hour] += count
    oldest = queries.oldest_waiting(session, _naive(end)) if span.started else None
    waiting = None
    if oldest is not None:
        mention_id, network, author, created = oldest
        waiting = Waiting(mention_id, network, author, _aware(created),
                          open_duration(_aware(created), end, settings.opening_hours,
                                        span.zone))
    top = queries.top_authors(session, _naive(start), _naive(end), TOP_CUSTOMERS)
    return dict(
        mentions=sum(per_network.values()), per_network=per_network, per_day=tuple(per_day),
        hours=tuple(tuple(row) for row in grid), oldest_waiting=waiting,
        top_customers=tuple(Customer(*row) for row in top))
