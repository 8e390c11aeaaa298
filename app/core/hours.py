"""How long a mention has waited in the shop's opening hours, and when it becomes overdue.

With no opening hours set, every hour counts. With opening hours, a message sent on Saturday
night to a shop open Monday to Friday starts waiting on Monday morning. Waiting only grows as a
mention gets older, so "overdue" is one cut-off time: every unanswered mention created before it
is overdue. That keeps the overdue filter an index range on the created time.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, tzinfo

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

    Each open period is turned into instants in `zone`, so a day with a daylight-saving change
    counts the hours the clock really ran."""
    if end <= start:
        return timedelta(0)
    if not hours or not any(hours.values()):
        return end - start
    # In UTC: Python subtracts two times of one zone as wall-clock readings, DST ignored.
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    first = start.astimezone(zone).date() - timedelta(days=1)  # periods past midnight
    last = end.astimezone(zone).date()
    total = timedelta(0)
    day = datetime.combine(first, time(0))
    while day.date() <= last:
        for period_start, period_end in _periods(day, hours):
            opened = period_start.replace(tzinfo=zone).astimezone(UTC)
            closed = period_end.replace(tzinfo=zone).astimezone(UTC)
            overlap = min(closed, end) - max(opened, start)
            if overlap > timedelta(0):
                total += overlap
        day += timedelta(days=1)
    return total
