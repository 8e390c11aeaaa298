"""Durations a person reads at a glance, and the UTC timestamps the command line prints."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.core.timefmt import as_utc, format_duration, iso_utc, split_duration

JST = timezone(timedelta(hours=9))


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(seconds=0), (0, "minute")),
        (timedelta(seconds=59), (0, "minute")),
        (timedelta(minutes=1), (1, "minute")),
        (timedelta(minutes=59, seconds=59), (59, "minute")),
        (timedelta(minutes=60), (1, "hour")),
        (timedelta(hours=1, minutes=59), (1, "hour")),
        (timedelta(hours=47, minutes=59), (47, "hour")),
        (timedelta(hours=48), (2, "day")),
        (timedelta(days=13, hours=23), (13, "day")),
        (timedelta(days=14), (2, "week")),
        (timedelta(days=20), (2, "week")),
        (timedelta(days=21), (3, "week")),
        (timedelta(days=400), (57, "week")),
    ],
)
def test_duration_is_rounded_down_to_one_unit(delta: timedelta, expected: tuple[int, str]) -> None:
    assert split_duration(delta) == expected


@pytest.mark.parametrize("delta", [timedelta(seconds=-1), timedelta(hours=-5), timedelta(days=-30)])
def test_negative_duration_reads_as_zero_minutes(delta: timedelta) -> None:
    # A clock that moved backwards must not show "-3 h" in the inbox.
    assert split_duration(delta) == (0, "minute")


def test_duration_words_come_from_the_callers_formatter() -> None:
    assert format_duration(timedelta(minutes=45)) == "45 min"
    assert format_duration(timedelta(hours=3)) == "3 h"
    assert format_duration(timedelta(days=3)) == "3 d"
    assert format_duration(timedelta(days=35)) == "5 w"
    japanese = {"minute": "分", "hour": "時間", "day": "日", "week": "週間"}
    assert format_duration(timedelta(hours=5), lambda n, unit: f"{n}{japanese[unit]}") == "5時間"


def test_naive_time_is_taken_as_utc() -> None:
    # SQLite hands back naive datetimes, and every one of them was stored in UTC.
    assert iso_utc(datetime(2026, 11, 22, 9, 5, 7)) == "2026-11-22T09:05:07Z"
    assert as_utc(datetime(2026, 11, 22, 9, 5)) == datetime(2026, 11, 22, 9, 5, tzinfo=UTC)


def test_aware_time_is_converted_to_utc() -> None:
    tokyo_morning = datetime(2026, 11, 22, 8, 30, 0, tzinfo=JST)
    assert iso_utc(tokyo_morning) == "2026-11-21T23:30:00Z"
    assert as_utc(tokyo_morning) == datetime(2026, 11, 21, 23, 30, tzinfo=UTC)
    assert as_utc(tokyo_morning).utcoffset() == timedelta(0)


def test_iso_utc_is_second_precision_with_z_and_none_stays_none() -> None:
    stamp = iso_utc(datetime(2026, 1, 2, 3, 4, 5, 999_999, tzinfo=UTC))
    assert stamp == "2026-01-02T03:04:05Z"
    assert datetime.fromisoformat(stamp.replace("Z", "+00:00")).tzinfo is not None
    assert iso_utc(None) is None
