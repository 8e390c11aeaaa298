"""How long a mention has waited in the shop's opening hours, and when it becomes overdue.

With no opening hours set, every hour counts. With opening hours, a message sent on Saturday
night to a shop open Monday to Friday starts waiting on Monday morning. Waiting only grows as a
mention gets older, so "overdue" is one cut-off time: every unanswered mention created before it
is overdue. That keeps the overdue filter an index range on the created time.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

OpeningHours = dict[str, list[list[str]]]  # ISO weekday "1".."7" → [["09:00", "18:00"], ...]

_MAX_DAYS_BACK = 400  # a threshold of 14 days in a shop open one hour a week still ends


def _clock(text: str) -> time | None:
    if text == "24:00":
        return None  # midnight at the end of the day
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _periods(day: datetime, hours: OpeningHours) -> list[tuple[datetime, datetime]]:
    """The open periods that start on `day` (local midnight), as local datetimes."""
    result = []
    for start_text, end_text in hours.get(str(day.isoweekday()), []):
        start_clock, end_clock = _clock(start_text), _clock(end_text)
        start = day.replace(hour=start_clock.hour, minute=start_clock.minute) if start_clock \
            else day + timedelta(days=1)
        end = day.replace(hour=end_clock.hour, minute=end_clock.minute) if end_clock \
            else day + timedelta(days=1)
        if end <= start:
            end += timedelta(days=1)  # a period that runs past midnight
        result.append((start, end))
    return sorted(result)


def overdue_cutoff(now: datetime, threshold: timedelta, hours: OpeningHours | None,
                   zone: tzinfo) -> datetime:
    """The latest creation time at which a mention has waited `threshold` by `now`.

    `now` is aware; the result is aware, in UTC terms comparable with stored times.
    """
    if not hours or not any(hours.values()):
        return now - threshold
    local_now = now.astimezone(zone)
    remaining = threshold
    day = local_now.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    naive_now = local_now.replace(tzinfo=None)
    for _ in range(_MAX_DAYS_BACK):
        # Periods that start on the day before may run into this one: walk back day by day,
        # latest periods first, counting only the open time before `now`.
        for start, end in reversed(_periods(day, hours)):
            end = min(end, naive_now)
            if end <= start:
                continue
            length = end - start
            if length >= remaining:
                return (end - remaining).replace(tzinfo=zone).astimezone(now.tzinfo)
            remaining -= length
        day -= timedelta(days=1)
    return now - threshold * 7  # opening hours too sparse to count: fall back generously


def open_duration(start: datetime, end: datetime, hours: OpeningHours | None,
                  zone: tzinfo) -> timedelta:
    """How much of [start, end) (aware) falls in opening hours; all of it when none are set.

    Open periods are turned into instants in `zone`, so a day with a daylight-saving change
    counts the hours the clock really ran, and periods that overlap count once."""
    if end <= start:
        return timedelta(0)
    clock = OpenClock(start, end, hours, zone)
    return timedelta(seconds=clock.seconds(start.timestamp(), end.timestamp()))


@dataclass(frozen=True, slots=True)
class Pieces:
    """A function of epoch seconds in straight pieces: on [breaks[i - 1], breaks[i]) it is
    t * slopes[i] + offsets[i] (the first piece runs from the start of time, the last to its
    end). Plain numbers, so the database can evaluate it too."""

    breaks: tuple[int, ...]
    slopes: tuple[int, ...]  # 1 while open, 0 while closed
    offsets: tuple[int, ...]


class OpenClock:
    """open_duration for many intervals at once: the open periods between two instants are laid
    out once as "open seconds since the first period", a function in straight pieces, and each
    interval is the difference of two look-ups.

    The weekly summary times hundreds of thousands of first responses this way."""

    def __init__(self, first: datetime, last: datetime, hours: OpeningHours | None,
                 zone: tzinfo) -> None:
        breaks: list[int] = []
        slopes, offsets = [0], [0]
        if not hours or not any(hours.values()):
            self.pieces = Pieces((), (1,), (0,))  # every second counts
            return
        day = datetime.combine(first.astimezone(zone).date() - timedelta(days=1), time(0))
        stop = last.astimezone(zone).date()
        total = 0
        while day.date() <= stop:
            for period_start, period_end in _periods(day, hours):
                opened = int(period_start.replace(tzinfo=zone).timestamp())
                closed = int(period_end.replace(tzinfo=zone).timestamp())
                if breaks and opened < breaks[-1]:  # overlaps the one before: merge
                    if closed > breaks[-1]:
                        total += closed - breaks[-1]
                        breaks[-1] = closed
                        offsets[-1] = total
                    continue
                breaks += [opened, closed]
                slopes += [1, 0]
                offsets += [total - opened, total + closed - opened]
                total += closed - opened
            day += timedelta(days=1)
        self.pieces = Pieces(tuple(breaks), tuple(slopes), tuple(offsets))

    def durations(self, starts: Sequence[float], ends: Sequence[float]) -> list[float]:
        """Open seconds of each interval (starts[i], ends[i]): seconds() for a week's worth of
        first responses at once (a call per interval would cost more than the arithmetic)."""
        if not self.pieces.breaks:
            return [max(0.0, end - start) for start, end in zip(starts, ends, strict=True)]
        return [max(0.0, done - begun) for begun, done in
                zip(self._open_before_each(starts), self._open_before_each(ends), strict=True)]

    def _open_before_each(self, moments: Sequence[float]) -> list[float]:
        if all(map(operator.le, moments, itertools.islice(moments, 1, None))):
            return self._open_before_ascending(moments)
        find, breaks = bisect.bisect_right, self.pieces.breaks
        slopes, offsets = self.pieces.slopes, self.pieces.offsets
        result = []
        for moment in moments:
            piece = find(breaks, moment)
            result.append(moment + offsets[piece] if slopes[piece] else offsets[piece])
        return result

    def _open_before_ascending(self, moments: Sequence[float]) -> list[float]:
        """The same for times in ascending order (answers as their index hands them over): a
        constant run for each closed piece and a shifted copy for each open one."""
        result: list[float] = []
        done = 0
        pieces = self.pieces
        for end, slope, offset in itertools.zip_longest(pieces.breaks, pieces.slopes,
                                                        pieces.offsets):
            stop = len(moments) if end is None else bisect.bisect_left(moments, end, done)
            if slope:
                result.extend([moment + offset for moment in moments[done:stop]])
            else:
                result.extend([float(offset)] * (stop - done))
            done = stop
        return result

    def seconds(self, start: float, end: float) -> float:
        """Open seconds between two epoch times (within the span given at construction)."""
        if end <= start:
            return 0.0
        return self.durations((start,), (end,))[0]
