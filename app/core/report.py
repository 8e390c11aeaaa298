"""The weekly summary as plain values: what the Reports screen, the PDF and the CSV all show.

One meaning everywhere (see app.services.reports for how each is counted): a mention belongs to
the week it was written in (local time); "answered" counts first responses given in the week;
"waiting" is what had neither an answer nor a done/archived mark at the week's end.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.core.weeks import IsoWeek


@dataclass(frozen=True, slots=True)
class Customer:
    network: str
    handle: str
    name: str
    mentions: int


@dataclass(frozen=True, slots=True)
class Waiting:
    """The oldest mention still waiting at the week's end, and how long it had waited then."""

    mention_id: int
    network: str
    author: str
    created_at: datetime  # aware UTC
    waited: timedelta


@dataclass(frozen=True, slots=True)
class Percentiles:
    count: int
    median: timedelta | None
    p90: timedelta | None


def percentiles(durations: list[timedelta]) -> Percentiles:
    """Median and 90th percentile by nearest rank: each is a response time someone really got."""
    if not durations:
        return Percentiles(0, None, None)
    ordered = sorted(durations)
    n = len(ordered)
    return Percentiles(n, ordered[math.ceil(0.5 * n) - 1], ordered[math.ceil(0.9 * n) - 1])


@dataclass(frozen=True, slots=True)
class WeekFigures:
    week: IsoWeek
    start: datetime  # aware UTC
    end: datetime  # aware UTC: the week's end, or now for the week in progress
    complete: bool
    mentions: int
    per_network: dict[str, int]
    per_day: tuple[dict[str, int], ...]  # Monday first
    answered: int
    waiting_at_end: int
    oldest_waiting: Waiting | None
    response: Percentiles
    complaints: int
    complaints_answered: int
    top_customers: tuple[Customer, ...]
    hours: tuple[tuple[int, ...], ...]  # 7 weekdays x 24 local hours
    posts_published: int
    posts_failed: int
    posts_missed: int

    @property
    def empty(self) -> bool:
        return not (self.mentions or self.answered or self.waiting_at_end or self.posts_published
                    or self.posts_failed or self.posts_missed)


@dataclass(frozen=True, slots=True)
class Change:
    delta: int
    percent: float | None  # None when there was nothing the week before


def change(current: int, previous: int) -> Change:
    delta = current - previous
    return Change(delta, None if previous == 0 else 100.0 * delta / previous)


@dataclass(frozen=True, slots=True)
class WeeklyReport:
    current: WeekFigures
    previous: WeekFigures
    shop_name: str
    zone_name: str
    opening_hours: bool  # response and waiting times counted in opening hours
    generated_at: datetime  # aware UTC


@dataclass(frozen=True, slots=True)
class ReportMention:
    """One row of the CSV: a mention of the week."""

    id: int
    network: str
    account: str
    kind: str
    author_handle: str
    author_name: str
    flags: tuple[str, ...]
    created_at: datetime  # aware UTC
    first_response_at: datetime | None
    response: timedelta | None  # in opening hours when set
    state: str
    url: str
    text: str
