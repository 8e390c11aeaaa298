"""The weekly summary as plain values: what the Reports screen, the PDF and the CSV all show.

One meaning everywhere (see app.services.reports for how each is counted): a mention belongs to
the week it was written in (local time); "answered" counts first responses given in the week;
"waiting" is what had neither an answer nor a done/archived mark at the week's end.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
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


def percentiles(seconds: Sequence[float]) -> Percentiles:
    """Median and 90th percentile by nearest rank: each is a response time someone really got.

    Given in seconds (a week's worth of timedeltas would cost more to make than to sort)."""
    if not seconds:
        return Percentiles(0, None, None)
    ordered = sorted(seconds)
    n = len(ordered)
    return Percentiles(n, timedelta(seconds=ordered[math.ceil(0.5 * n) - 1]),
                       timedelta(seconds=ordered[math.ceil(0.9 * n) - 1]))


@dataclass(frozen=True, slots=True)
class WeekTotals:
    """The headline figures: all that the comparison with the week before needs."""

    week: IsoWeek
    start: datetime  # aware UTC
    end: datetime  # aware UTC: the week's end, or now for the week in progress
    complete: bool
    mentions: int
    answered: int
    waiting_at_end: int
    response: Percentiles
    complaints: int
    complaints_answered: int
    posts_published: int
    posts_failed: int
    posts_missed: int

    @property
    def empty(self) -> bool:
        return not (self.mentions or self.answered or self.waiting_at_end or self.posts_published
                    or self.posts_failed or self.posts_missed)


@dataclass(frozen=True, slots=True)
class WeekFigures(WeekTotals):
    """The week on show: its totals and how they spread over days, hours and customers."""

    per_network: dict[str, int]
    per_day: tuple[dict[str, int], ...]  # Monday first
    oldest_waiting: Waiting | None
    top_customers: tuple[Customer, ...]
    hours: tuple[tuple[int, ...], ...]  # 7 weekdays x 24 local hours


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
    previous: WeekTotals  # the week before, for the comparison
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
