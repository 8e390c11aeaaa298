"""The weekly summary: figures for a week and the week before, and the week's mentions.

A complete week's report is fixed as of the week's end (answers given later do not change what
was waiting then), so a PDF saved on Monday and one made months later agree. Times the customer
waited are counted in opening hours when the shop has set them.
"""

from __future__ import annotations

import math
from dataclasses import fields
from datetime import UTC, datetime, timedelta, tzinfo

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
            current = _figures(session, settings, week, zone, now)
            previous = _totals(session, settings, week.previous(), zone, now)
        return WeeklyReport(
            current=current, previous=previous, shop_name=settings.shop_name,
            zone_name=str(getattr(zone, "key", None) or zone),
            opening_hours=any(settings.opening_hours.values()), generated_at=now)

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


def _totals(session: Session, settings: Settings, week: IsoWeek, zone: tzinfo,
            now: datetime) -> WeekTotals:
    """The headline figures, each an index-only read (see app.storage.reports)."""
    start, week_end = week.bounds(zone)
    end = min(week_end, max(now, start))
    started = end > start  # a week still to come has nothing in it yet
    created, responded = queries.response_times(session, _naive(start), _naive(end))
    if created:
        clock = OpenClock(datetime.fromtimestamp(min(created), UTC), end,
                          settings.opening_hours, zone)
        response = percentiles(clock.durations(created, responded))
    else:
        response = percentiles([])
    complaints, complaints_answered = queries.complaint_counts(
        session, _naive(start), _naive(end), _naive(end))
    posts = queries.post_states(session, _naive(start), _naive(end)) if started else {}
    return WeekTotals(
        week=week, start=start, end=end, complete=now >= week_end,
        mentions=queries.mention_count(session, _naive(start), _naive(end)),
        answered=len(created),
        waiting_at_end=queries.waiting_count(session, _naive(end)) if started else 0,
        response=response, complaints=complaints, complaints_answered=complaints_answered,
        posts_published=posts.get(OutboxState.SENT.value, 0),
        posts_failed=posts.get(OutboxState.FAILED.value, 0),
        posts_missed=posts.get(OutboxState.MISSED.value, 0))


def _figures(session: Session, settings: Settings, week: IsoWeek, zone: tzinfo,
             now: datetime) -> WeekFigures:
    """The totals, and how the week's mentions spread over networks, days and hours (counted
    by SQLite per account and hour), its most frequent authors and the oldest still waiting."""
    totals = _totals(session, settings, week, zone, now)
    start, end = totals.start, totals.end
    started = end > start
    networks = [n.value for n in Network]
    per_network = dict.fromkeys(networks, 0)
    per_day = [dict.fromkeys(networks, 0) for _ in range(7)]
    grid = [[0] * 24 for _ in range(7)]
    # Hour k of the week, as the owner's clock showed it (25 or 23 of them on a DST day).
    hours = math.ceil((end - start) / timedelta(hours=1))
    bounds = [start + timedelta(hours=k) for k in range(hours)] + [end]
    for network, hour, count in queries.counts_per_hour(session, [_naive(b) for b in bounds]):
        local = bounds[hour].astimezone(zone)
        weekday = min(6, (local.date() - week.monday()).days)
        per_network[network] = per_network.get(network, 0) + count
        per_day[weekday][network] = per_day[weekday].get(network, 0) + count
        grid[weekday][local.hour] += count
    oldest = queries.oldest_waiting(session, _naive(end)) if started else None
    waiting = None
    if oldest is not None:
        mention_id, network, author, created = oldest
        waiting = Waiting(mention_id, network, author, _aware(created),
                          open_duration(_aware(created), end, settings.opening_hours, zone))
    top = queries.top_authors(session, _naive(start), _naive(end), TOP_CUSTOMERS)
    return WeekFigures(
        **{field.name: getattr(totals, field.name) for field in fields(WeekTotals)},
        per_network=per_network, per_day=tuple(per_day), oldest_waiting=waiting,
        top_customers=tuple(Customer(*row) for row in top),
        hours=tuple(tuple(row) for row in grid))
