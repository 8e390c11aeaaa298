"""The one place that turns durations and times into words for people.

Pure functions that take the words from the caller's translator, so the core stays free of Qt
while the UI and the CLI still speak the user's language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

# A unit formatter receives (count, unit) with unit in "minute", "hour", "day", "week" and
# returns the localized text, e.g. "3 h" or "3時間".
UnitFormatter = Callable[[int, str], str]


def english_units(count: int, unit: str) -> str:
    """Default short English units, used by the CLI and tests."""
    short = {"minute": "min", "hour": "h", "day": "d", "week": "w"}[unit]
    return f"{count} {short}"


def split_duration(delta: timedelta) -> tuple[int, str]:
    """Round a duration to the one unit a person reads at a glance (45 min, 3 h, 2 d, 5 w)."""
    seconds = max(0, int(delta.total_seconds()))
    minutes = seconds // 60
    if minutes < 60:
        return minutes, "minute"
    hours = minutes // 60
    if hours < 48:
        return hours, "hour"
    days = hours // 24
    if days < 14:
        return days, "day"
    return days // 7, "week"


def format_duration(delta: timedelta, units: UnitFormatter = english_units) -> str:
    count, unit = split_duration(delta)
    return units(count, unit)


def utc_now() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every naive time in this app is UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def iso_utc(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z, the form the command line's --json output promises."""
    if moment is None:
        return None
    return as_utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")
