"""Localized words for app.core.timefmt, the one place durations become text."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication

from app.core import timefmt


def _unit(count: int, unit: str) -> str:
    texts = {
        "minute": QCoreApplication.translate("TimeWords", "{n} min"),
        "hour": QCoreApplication.translate("TimeWords", "{n} h"),
        "day": QCoreApplication.translate("TimeWords", "{n} d"),
        "week": QCoreApplication.translate("TimeWords", "{n} wk"),
    }
    return texts[unit].format(n=count)


def duration(delta: timedelta) -> str:
    return timefmt.format_duration(delta, _unit)
