"""ISO weeks: parsing, year boundaries and bounds in the owner's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.core.hours import open_duration
from app.core.weeks import InvalidWeek, IsoWeek

TOKYO, BERLIN = ZoneInfo("Asia/Tokyo"), ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize("text", ["2026-W47", "2026W47", " 2026-w47 "])
def test_parse(text: str) -> None:
    assert IsoWeek.parse(text) == IsoWeek(2026, 47)
    assert str(IsoWeek.parse(text)) == "2026-W47"


@pytest.mark.parametrize("text", ["2025-W53", "2027-W53", "2026-W60", "2026-W00", "",
                                  "2026-47", "abc"])
def test_weeks_that_do_not_exist_are_refused(text: str) -> None:
    with pytest.raises(InvalidWeek):
        IsoWeek.parse(text)


def test_year_boundaries() -> None:
    # 2026 starts on a Thursday, so ISO 8601 gives it 53 weeks: W53 runs from Monday 28
    # December 2026 to Sunday 3 January 2027, and 2027-W01 starts on Monday 4 January.
    assert IsoWeek.parse("2026-W53").monday() == date(2026, 12, 28)
    assert IsoWeek(2027, 1).monday() == date(2027, 1, 4)
    assert IsoWeek(2026, 52).next() == IsoWeek(2026, 53)
    assert IsoWeek(2026, 53).next() == IsoWeek(2027, 1)
    assert IsoWeek(2027, 1).previous() == IsoWeek(2026, 53)
    assert IsoWeek.of(date(2027, 1, 3)) == IsoWeek(2026, 53)
    assert IsoWeek.of(date(2025, 12, 29)) == IsoWeek(2026, 1)  # 2026-W01 starts in 2025


def test_last_complete_week_turns_at_local_midnight_on_monday() -> None:
    sunday_night = datetime(2026, 11, 22, 23, 59, tzinfo=TOKYO)
    monday = datetime(2026, 11, 23, 0, 0, tzinfo=TOKYO)
    assert IsoWeek.last_complete(sunday_night, TOKYO) == IsoWeek(2026, 46)
    assert IsoWeek.last_complete(monday, TOKYO) == IsoWeek(2026, 47)
    # The same instant is still Sunday afternoon in Berlin.
    assert IsoWeek.last_complete(monday, BERLIN) == IsoWeek(2026, 46)


def test_bounds_across_daylight_saving() -> None:
    start, end = IsoWeek(2026, 13).bounds(BERLIN)  # contains 2026-03-29, spring forward
    assert end - start == timedelta(hours=167)
    start, end = IsoWeek(2026, 43).bounds(BERLIN)  # contains 2026-10-25, fall back
    assert end - start == timedelta(hours=169)
    start, end = IsoWeek(2026, 47).bounds(TOKYO)
    assert start == datetime(2026, 11, 15, 15, 0, tzinfo=UTC)
    assert end - start == timedelta(days=7)


HOURS = {str(day): [["09:00", "12:00"], ["13:00", "18:00"]] for day in range(1, 6)}


def test_open_duration_counts_only_opening_hours() -> None:
    def local(*parts: int) -> datetime:
        return datetime(*parts, tzinfo=TOKYO)  # type: ignore[misc]

    assert open_duration(local(2026, 11, 16, 11), local(2026, 11, 16, 14), HOURS, TOKYO) == \
        timedelta(hours=2)  # the lunch hour does not count
    assert open_duration(local(2026, 11, 20, 17), local(2026, 11, 23, 10), HOURS, TOKYO) == \
        timedelta(hours=2)  # Friday's last hour and Monday's first; the weekend does not count
    assert open_duration(local(2026, 11, 21, 10), local(2026, 11, 21, 20), HOURS, TOKYO) == \
        timedelta(0)
    assert open_duration(local(2026, 11, 16, 11), local(2026, 11, 16, 14), {}, TOKYO) == \
        timedelta(hours=3)


def test_open_duration_past_midnight_and_across_daylight_saving() -> None:
    night = {"6": [["20:00", "02:00"]]}  # Saturday 20:00 to Sunday 02:00
    start = datetime(2026, 10, 24, 19, 0, tzinfo=BERLIN)
    end = datetime(2026, 10, 25, 12, 0, tzinfo=BERLIN)
    assert open_duration(start, end, night, BERLIN) == timedelta(hours=6)
    every_hour = {str(day): [["00:00", "24:00"]] for day in range(1, 8)}
    day_start = datetime(2026, 10, 25, 0, 0, tzinfo=BERLIN)
    day_end = datetime(2026, 10, 26, 0, 0, tzinfo=BERLIN)
    assert open_duration(day_start, day_end, every_hour, BERLIN) == timedelta(hours=25)


def test_open_clock_agrees_with_open_duration() -> None:
    """The fast path the weekly summary uses gives the same answers, DST weeks included."""
    import random

    from app.core.hours import OpenClock

    hours = {**HOURS, "6": [["20:00", "02:00"]], "7": [["00:00", "24:00"]]}
    first = datetime(2026, 10, 20, tzinfo=BERLIN)
    last = datetime(2026, 11, 3, tzinfo=BERLIN)
    clock = OpenClock(first, last, hours, BERLIN)
    rng = random.Random(7)
    span = (last - first).total_seconds()
    for _ in range(300):
        a = first + timedelta(seconds=rng.uniform(0, span))
        b = a + timedelta(seconds=rng.uniform(0, span / 2))
        b = min(b, last)
        expected = open_duration(a, b, hours, BERLIN).total_seconds()
        assert abs(clock.seconds(a.timestamp(), b.timestamp()) - expected) < 1e-3


def test_open_clock_durations_agree_with_one_at_a_time() -> None:
    """Many intervals at once, as the weekly summary asks (answers in order, written times in
    any order, some outside every open period), give what seconds() gives for each."""
    import random

    from app.core.hours import OpenClock

    hours = {**HOURS, "6": [["20:00", "02:00"]]}
    first = datetime(2026, 10, 20, tzinfo=BERLIN).timestamp()
    last = datetime(2026, 11, 3, tzinfo=BERLIN).timestamp()
    clock = OpenClock(datetime.fromtimestamp(first, BERLIN), datetime.fromtimestamp(last, BERLIN),
                      hours, BERLIN)
    rng = random.Random(11)
    ends = sorted(rng.uniform(first, last) for _ in range(2000))
    starts = [rng.uniform(first - 3600, end) for end in ends]
    shuffled = list(zip(starts, ends, strict=True))
    rng.shuffle(shuffled)
    for written, answered in ((starts, ends), tuple(zip(*shuffled, strict=True))):
        expected = [clock.seconds(a, b) for a, b in zip(written, answered, strict=True)]
        got = clock.durations(written, answered)
        assert max(abs(x - y) for x, y in zip(got, expected, strict=True)) < 1e-6
    assert any(got) and not all(got)  # both open and closed intervals were tried
