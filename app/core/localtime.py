"""Wall-clock times in the owner's zone, turned into UTC without ever guessing.

A post is planned as "10:00 on Sunday" in the owner's zone and stored in UTC. Twice a year that
is not one instant: in a spring-forward gap (Europe/Berlin, 2026-03-29 02:30) the time does not
exist, and in a fall-back fold (2026-10-25 02:30) it exists twice. Python would silently pick
one (PEP 495's `fold`); here both cases raise, carrying the candidates, so the editor can ask
the owner which one they mean, and a post is never shifted by an hour behind their back.

Pure functions on `zoneinfo` values: the first day of the week is not here (the UI asks QLocale).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo


class LocalTimeProblem(ValueError):
    """A wall-clock time that is not exactly one instant in its zone.

    `candidates` are the instants it could mean, earliest first, each aware with the fixed
    offset it has in the zone then (so the UI can show "01:30 (+01:00)" or "03:30 (+02:00)",
    and arithmetic on them is exact: Python ignores `fold` between two times of one zone)."""

    def __init__(self, local: datetime, zone: tzinfo, candidates: tuple[datetime, ...]) -> None:
        super().__init__(f"{local.isoformat()} in {_name(zone)}")
        self.local = local
        self.zone = zone
        self.candidates = candidates


class NonexistentTime(LocalTimeProblem):
    """The clocks jumped over this time that day (spring forward). The candidates are the same
    wall-clock reading taken with the offset from before the jump and from after it: for
    Berlin's 02:30 on 2026-03-29, 01:30 (+01:00) and 03:30 (+02:00)."""


class AmbiguousTime(LocalTimeProblem):
    """The clocks went back over this time that day (fall back), so it happens twice: the
    candidates are the first (summer time) and the second (standard time)."""


def to_utc(local: datetime, zone: tzinfo) -> datetime:
    """The one UTC instant (aware) that `local` (naive, a wall-clock reading) names in `zone`.

    Raises NonexistentTime or AmbiguousTime, with the candidates; seconds are kept as given."""
    if local.tzinfo is not None:
        raise ValueError("to_utc takes a naive wall-clock time")
    first = local.replace(tzinfo=zone, fold=0)
    second = local.replace(tzinfo=zone, fold=1)
    first_utc, second_utc = first.astimezone(UTC), second.astimezone(UTC)
    if first_utc == second_utc:
        return first_utc
    candidates = tuple(_fixed(moment.astimezone(zone))
                       for moment in sorted((first_utc, second_utc)))
    if first_utc.astimezone(zone).replace(tzinfo=None) != local:
        # In a gap the reading does not survive the round trip: that wall time never shows.
        raise NonexistentTime(local, zone, candidates)
    raise AmbiguousTime(local, zone, candidates)


def resolve_utc(local: datetime, zone: tzinfo) -> datetime:
    """Like to_utc, but never raising: for the edges of a day or a month on the calendar, not
    for a post's time. A gap resolves to the instant the clocks jumped to (so a day that starts
    inside a gap starts when its first minute shows), a fold to its first occurrence."""
    try:
        return to_utc(local, zone)
    except NonexistentTime:
        return _gap_end(local, zone)
    except AmbiguousTime as fold:
        return fold.candidates[0].astimezone(UTC)


def _gap_end(local: datetime, zone: tzinfo) -> datetime:
    """The first instant after a gap: step forward a minute at a time until the wall clock
    shows again (gaps are whole minutes and at most a day, even for zones that skipped one)."""
    probe = local.replace(second=0, microsecond=0)
    for _ in range(24 * 60 + 1):
        probe += timedelta(minutes=1)
        try:
            return to_utc(probe, zone)
        except AmbiguousTime as fold:
            return fold.candidates[0].astimezone(UTC)
        except NonexistentTime:
            continue
    raise ValueError(f"no valid time after {local.isoformat()} in {_name(zone)}")


def to_local(moment: datetime, zone: tzinfo) -> datetime:
    """A stored instant (aware, or naive UTC as SQLite hands it back) in `zone`, aware."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone)


def day_start_utc(day: date, zone: tzinfo) -> datetime:
    """When `day` begins in `zone`, as a UTC instant (a day may begin at 01:00 after a gap)."""
    return resolve_utc(datetime.combine(day, time(0, 0)), zone)


def month_range_utc(year: int, month: int, zone: tzinfo) -> tuple[datetime, datetime]:
    """[start, end) of a calendar month in `zone`, as UTC instants."""
    first = date(year, month, 1)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return day_start_utc(first, zone), day_start_utc(following, zone)


def days_range_utc(first: date, days: int, zone: tzinfo) -> tuple[datetime, datetime]:
    """[start, end) of `days` calendar days from `first` in `zone` (a week: 7), as UTC."""
    return day_start_utc(first, zone), day_start_utc(first + timedelta(days=days), zone)


def _fixed(moment: datetime) -> datetime:
    return moment.astimezone(timezone(moment.utcoffset() or timedelta(0)))


def _name(zone: tzinfo) -> str:
    return str(getattr(zone, "key", None) or zone)
