"""Weekly reports built by hand, for the tests that paint them (the screen's cards, the PDF):
plain values whose every figure is known, with no workspace behind them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.core.report import Customer, Percentiles, Waiting, WeekFigures, WeeklyReport
from app.core.weeks import IsoWeek

NETWORKS = ("mastodon", "bluesky", "feed")
WEEK = IsoWeek(2026, 47)


def empty_figures(week: IsoWeek) -> WeekFigures:
    start, end = week.bounds(UTC)
    return WeekFigures(
        week=week, start=start, end=end, complete=True, mentions=0,
        per_network=dict.fromkeys(NETWORKS, 0),
        per_day=tuple(dict.fromkeys(NETWORKS, 0) for _ in range(7)), answered=0,
        waiting_at_end=0, oldest_waiting=None, response=Percentiles(0, None, None),
        complaints=0, complaints_answered=0, top_customers=(),
        hours=tuple(tuple(0 for _ in range(24)) for _ in range(7)), posts_published=0,
        posts_failed=0, posts_missed=0)


def busy_figures(week: IsoWeek, scale: int = 1) -> WeekFigures:
    """57 mentions at scale 1 (Mastodon 42, Bluesky 12, Feed 3), busiest on weekday evenings."""
    start, end = week.bounds(UTC)
    per_day = tuple({"mastodon": (3 + day) * scale, "bluesky": (2 * day) % 5 * scale,
                     "feed": day % 2} for day in range(7))
    hours = tuple(tuple(((day + 1) * (hour - 8)) % 7 if 8 <= hour <= 21 else 0
                        for hour in range(24)) for day in range(7))
    total = sum(sum(day.values()) for day in per_day)
    return WeekFigures(
        week=week, start=start, end=end, complete=True, mentions=total,
        per_network={n: sum(day[n] for day in per_day) for n in NETWORKS}, per_day=per_day,
        answered=total - 4, waiting_at_end=3,
        oldest_waiting=Waiting(1, "bluesky", "山田花子", start, timedelta(hours=30)),
        response=Percentiles(total - 4, timedelta(minutes=47 * scale), timedelta(hours=5)),
        complaints=4 * scale, complaints_answered=3,
        top_customers=(Customer("mastodon", "@hanako@example.social", "山田花子", 6),
                       Customer("bluesky", "taro.bsky.social", "Taro", 4),
                       Customer("feed", "https://reviews.example/1", "Reviews", 3)),
        hours=hours, posts_published=5, posts_failed=1, posts_missed=0)


def sample_report(shop_name: str = "山田商店", *, empty: bool = False,
                  week: IsoWeek = WEEK) -> WeeklyReport:
    if empty:
        current, previous = empty_figures(week), empty_figures(week.previous())
    else:
        current, previous = busy_figures(week), busy_figures(week.previous(), 2)
    return WeeklyReport(current=current, previous=previous, shop_name=shop_name,
                        zone_name="Asia/Tokyo", opening_hours=True,
                        generated_at=datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
