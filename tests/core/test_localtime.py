"""Wall-clock times become one UTC instant, or a clear question: never a silent shift."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.core.localtime import (
    AmbiguousTime,
    NonexistentTime,
    day_start_utc,
    days_range_utc,
    month_range_utc,
    resolve_utc,
    to_local,
    to_utc,
)

BERLIN = ZoneInfo("Europe/Berlin")
TOKYO = ZoneInfo("Asia/Tokyo")


def test_an_ordinary_time_is_one_instant() -> None:
    assert to_utc(datetime(2026, 12, 24, 10, 0), TOKYO) == datetime(2026, 12, 24, 1, 0,
                                                                    tzinfo=UTC)
    assert to_utc(datetime(2026, 7, 1, 12, 0), BERLIN) == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)


def test_berlin_0230_on_the_spring_forward_day_does_not_exist() -> None:
    with pytest.raises(NonexistentTime) as caught:
        to_utc(datetime(2026, 3, 29, 2, 30), BERLIN)
    earlier, later = caught.value.candidates
    # The same reading with the offset from before the jump, and from after it.
    assert (earlier.isoformat(), later.isoformat()) == ("2026-03-29T01:30:00+01:00",
                                                        "2026-03-29T03:30:00+02:00")
    assert earlier.astimezone(UTC) == datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    assert later.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert caught.value.local == datetime(2026, 3, 29, 2, 30)
    # Either side of the gap is an ordinary time.
    assert to_utc(datetime(2026, 3, 29, 1, 59), BERLIN) == datetime(2026, 3, 29, 0, 59,
                                                                    tzinfo=UTC)
    assert to_utc(datetime(2026, 3, 29, 3, 0), BERLIN) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)


def test_berlin_0230_on_the_fall_back_day_happens_twice() -> None:
    with pytest.raises(AmbiguousTime) as caught:
        to_utc(datetime(2026, 10, 25, 2, 30), BERLIN)
    first, second = caught.value.candidates
    assert (first.isoformat(), second.isoformat()) == ("2026-10-25T02:30:00+02:00",
                                                       "2026-10-25T02:30:00+01:00")
    assert second - first == timedelta(hours=1)
    assert to_utc(datetime(2026, 10, 25, 3, 0), BERLIN) == datetime(2026, 10, 25, 2, 0,
                                                                    tzinfo=UTC)


def test_a_zone_without_daylight_saving_never_asks() -> None:
    for hour in range(24):
        to_utc(datetime(2026, 3, 29, hour, 30), TOKYO)


def test_an_aware_time_is_refused_it_is_no_wall_clock_reading() -> None:
    with pytest.raises(ValueError):
        to_utc(datetime(2026, 3, 29, 2, 30, tzinfo=UTC), BERLIN)


def test_calendar_edges_resolve_a_gap_to_when_the_clocks_jumped() -> None:
    assert resolve_utc(datetime(2026, 3, 29, 2, 30), BERLIN) == datetime(2026, 3, 29, 1, 0,
                                                                         tzinfo=UTC)
    assert resolve_utc(datetime(2026, 10, 25, 2, 30), BERLIN) == datetime(2026, 10, 25, 0, 30,
                                                                          tzinfo=UTC)
    # Santiago springs forward at midnight: that day starts at 01:00.
    santiago = ZoneInfo("America/Santiago")
    assert to_local(day_start_utc(date(2026, 9, 6), santiago), santiago).hour == 1


def test_month_and_week_ranges_follow_the_zone() -> None:
    start, end = month_range_utc(2026, 3, BERLIN)
    assert start == datetime(2026, 2, 28, 23, 0, tzinfo=UTC)  # winter time
    assert end == datetime(2026, 3, 31, 22, 0, tzinfo=UTC)  # summer time
    start, end = month_range_utc(2026, 12, TOKYO)
    assert (start, end) == (datetime(2026, 11, 30, 15, 0, tzinfo=UTC),
                            datetime(2026, 12, 31, 15, 0, tzinfo=UTC))
    start, end = days_range_utc(date(2026, 10, 19), 7, BERLIN)
    assert end - start == timedelta(days=7, hours=1)  # the week with the fall-back night


def test_stored_naive_utc_is_shown_in_the_zone() -> None:
    shown = to_local(datetime(2026, 10, 25, 1, 30), BERLIN)
    assert shown.isoformat() == "2026-10-25T02:30:00+01:00"
