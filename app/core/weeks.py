"""ISO 8601 weeks in the owner's zone: Monday 00:00 local time to the next Monday 00:00.

A week is a pair of numbers, not a span of 168 hours: across a daylight-saving change it lasts
167 or 169 hours, and its bounds are found by turning each local midnight into UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

_WEEK = re.compile(r"\s*(\d{4})-?[Ww](\d{1,2})\s*")


class InvalidWeek(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(f"not an ISO week: {text!r}")
        self.text = text


@dataclass(frozen=True, order=True, slots=True)
class IsoWeek:
    year: int
    week: int

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """"2026-W47" (also "2026W47", "2026-w47"); a week the year does not have is refused."""
        match = _WEEK.fullmatch(text or "")
        if match is None:
            raise InvalidWeek(text)
        year, week = int(match[1]), int(match[2])
        try:
            date.fromisocalendar(year, week, 1)
        except ValueError:
            raise InvalidWeek(text) from None
        return cls(year, week)

    @classmethod
    def of(cls, day: date) -> IsoWeek:
        year, week, _weekday = day.isocalendar()
        return cls(year, week)

    @classmethod
    def last_complete(cls, now: datetime, zone: tzinfo) -> IsoWeek:
        """The latest week that has ended in `zone` by `now` (aware)."""
        return cls.of(now.astimezone(zone).date()).previous()

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    def days(self) -> tuple[date, ...]:
        first = self.monday()
        return tuple(first + timedelta(days=offset) for offset in range(7))

    def previous(self) -> IsoWeek:
        return IsoWeek.of(self.monday() - timedelta(days=7))

    def next(self) -> IsoWeek:
        return IsoWeek.of(self.monday() + timedelta(days=7))

    def bounds(self, zone: tzinfo) -> tuple[datetime, datetime]:
        """[start, end) as aware UTC datetimes: local midnights of this Monday and the next."""
        return local_midnight(self.monday(), zone), local_midnight(self.next().monday(), zone)


def local_midnight(day: date, zone: tzinfo) -> datetime:
    """The instant (aware UTC) a day starts in `zone`.

    Where a zone skips midnight itself (a few do, at a DST change), the day starts at the first
    moment after the gap: fold=0 with a round trip finds it."""
    local = datetime.combine(day, time(0), tzinfo=zone)
    instant = local.astimezone(UTC)
    if instant.astimezone(zone).date() != day:  # midnight fell in a gap: the day began later
        instant += timedelta(hours=1)
    return instant
