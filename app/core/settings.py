"""Every workspace setting, declared once with its type and default.

The database stores values as JSON under these keys; anything unknown or of the wrong type reads
as the default, so an old or hand-edited workspace never breaks start-up. When a setting's
meaning changes, bump SCHEMA_VERSION and add an upgrade step in app.storage.settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields

SCHEMA_VERSION = 1

LANGUAGES = ("system", "en", "ja")

# Inclusive bounds of the numbers a person can set; the settings screen offers the same range.
# A value outside them (hand-edited, or from a buggy build) reads as the default, so nothing
# downstream meets an hour count that overflows a timedelta or a sync that never runs.
RANGES: dict[str, tuple[int, int]] = {
    "overdue_hours": (1, 24 * 14),
    "sync_interval_minutes": (1, 24 * 60),
    "undo_seconds": (0, 30),
}

REPLY_LANGUAGES = ("auto", "ja", "en")

_WEEKDAYS = frozenset(str(day) for day in range(1, 8))
_CLOCK = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00")


@dataclass(frozen=True)
class Settings:
    # Shop profile: the values templates fill in.
    shop_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    staff_name: str = ""
    # Opening hours per ISO weekday (1 = Monday) as [["09:00", "12:00"], ["13:00", "18:00"]].
    opening_hours: dict[str, list[list[str]]] = field(default_factory=dict)
    # Triage and sync.
    overdue_hours: int = 24
    sync_interval_minutes: int = 5
    # Replies: the shop's social-media policy at hand, and a moment to take a Send back.
    policy_reminders: str = ""  # shown beside the composer, one reminder a line
    undo_seconds: int = 5  # a reply waits this long after Send before it leaves
    reply_language: str = "auto"  # the language tag replies carry: guessed from the text, or set
    # Weekly summary: a folder to save each week's PDF in on Monday ("" = off), and the last
    # ISO week saved there ("2026-W47"), so a Monday the computer was off is caught up later.
    weekly_pdf_folder: str = ""
    weekly_pdf_saved: str = ""
    # Application behaviour.
    language: str = "system"
    close_to_tray: bool = False

    @classmethod
    def keys(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @classmethod
    def from_mapping(cls, values: dict[str, object]) -> Settings:
        """Build settings from stored values, keeping defaults for anything missing or mistyped."""
        return cls(**cls.valid_values(values))  # type: ignore[arg-type]

    @classmethod
    def valid_values(cls, values: dict[str, object]) -> dict[str, object]:
        """The entries of `values` that name a setting and hold a value it accepts."""
        defaults = cls()
        accepted: dict[str, object] = {}
        for f in fields(cls):
            if f.name in values and _valid(f.name, values[f.name], getattr(defaults, f.name)):
                accepted[f.name] = values[f.name]
        return accepted


def _valid(name: str, value: object, default: object) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        low, high = RANGES.get(name, (1, 2**31 - 1))
        return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
    if name == "language":
        return value in LANGUAGES
    if name == "reply_language":
        return value in REPLY_LANGUAGES
    if name == "opening_hours":
        return _valid_opening_hours(value)
    return isinstance(value, type(default))


def _valid_opening_hours(value: object) -> bool:
    """{"1": [["09:00", "12:00"], ...], ...}: ISO weekday keys, lists of [start, end] times.

    An end before its start is allowed: it is a period that runs past midnight.
    """
    if not isinstance(value, dict):
        return False
    for day, periods in value.items():
        if day not in _WEEKDAYS or not isinstance(periods, list):
            return False
        for period in periods:
            if not (isinstance(period, list) and len(period) == 2):
                return False
            if not all(isinstance(t, str) and _CLOCK.fullmatch(t) for t in period):
                return False
    return True
