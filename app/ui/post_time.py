"""The owner's zone and the wall-clock times they plan posts at, for the calendar and its dialogs.

The calendar works in wall-clock readings ("10:00 on the 29th") in the owner's zone; only when
a post is saved does a reading become an instant, through app.core.localtime.to_utc. Twice a
year that is not one instant, and then the owner is asked which they mean (`resolve_local`):
the post is never moved by an hour behind their back.

Date and time editors hold their reading in UTC on purpose (`to_qdatetime`): Qt would otherwise
read them in the computer's own zone and quietly step over a time its clocks skip.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime, QTimeZone
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.localtime import AmbiguousTime, LocalTimeProblem, NonexistentTime, to_utc

log = logging.getLogger(__name__)

# Given the problem, the instant the owner chose (aware) or None: they cancelled.
ChooseInstant = Callable[[LocalTimeProblem], "datetime | None"]

DEFAULT_HOUR = 10  # a post planned on a day, in the month view, goes out at 10:00


def system_zone() -> tzinfo:
    """This computer's zone as an IANA zone (UTC when the system names none Python knows)."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("the system time zone %r is unknown; showing times in UTC", name)
        return UTC


def zone_name(zone: tzinfo) -> str:
    return str(getattr(zone, "key", None) or zone)


def local_now(clock: Callable[[], datetime], zone: tzinfo) -> datetime:
    """The wall clock now in `zone`, naive, to the minute."""
    return clock().astimezone(zone).replace(tzinfo=None, second=0, microsecond=0)


def next_hour(now: datetime) -> datetime:
    """The next full hour after a naive wall-clock time: a sensible default for a new post."""
    return now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def on_day(day: date) -> datetime:
    return datetime.combine(day, time(DEFAULT_HOUR))


def to_qdatetime(local: datetime) -> QDateTime:
    """A naive wall-clock reading for a QDateTimeEdit set to UTC (see the module docstring)."""
    return QDateTime(QDate(local.year, local.month, local.day),
                     QTime(local.hour, local.minute), QTimeZone.utc())


def from_qdatetime(value: QDateTime) -> datetime:
    moment = value.date()
    clock = value.time()
    return datetime(moment.year(), moment.month(), moment.day(), clock.hour(), clock.minute())


def time_text(local: datetime) -> str:
    return QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)


def date_time_text(local: datetime) -> str:
    """"Sunday, March 29, 2026 2:30 AM" in the owner's language."""
    day = QLocale().toString(QDate(local.year, local.month, local.day),
                             QLocale.FormatType.LongFormat)
    return QCoreApplication.translate("PostTime", "{date} {time}").format(
        date=day, time=time_text(local))


def offset_text(moment: datetime) -> str:
    """"UTC+02:00" for an aware instant."""
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def choice_text(candidate: datetime) -> str:
    """One of the instants a DST-troubled time could mean: "3:30 AM (UTC+02:00)"."""
    return QCoreApplication.translate("PostTime", "{time} ({offset})").format(
        time=time_text(candidate.replace(tzinfo=None)), offset=offset_text(candidate))


def resolve_local(local: datetime, zone: tzinfo, parent: QWidget | None, *,
                  choose: ChooseInstant | None = None) -> datetime | None:
    """The instant (aware, UTC) a wall-clock time names in `zone`; when the clocks change that
    night, the owner chooses (`choose`, a question box by default). None: they cancelled."""
    try:
        return to_utc(local, zone)
    except LocalTimeProblem as problem:
        chosen = (choose or (lambda p: ask_instant(p, parent)))(problem)
        return chosen.astimezone(UTC) if chosen is not None else None


def problem_text(problem: LocalTimeProblem) -> tuple[str, str]:
    """The question and its explanation for a time the clocks skip or repeat."""
    translate = QCoreApplication.translate
    when = date_time_text(problem.local)
    zone = zone_name(problem.zone)
    if isinstance(problem, NonexistentTime):
        return (translate("PostTime", "{when} does not exist in {zone}.").format(
                    when=when, zone=zone),
                translate("PostTime", "The clocks go forward that night and skip this time. "
                          "Choose when the post should go out."))
    return (translate("PostTime", "{when} happens twice in {zone}.").format(when=when, zone=zone),
            translate("PostTime", "The clocks go back that night and repeat this hour. "
                      "Choose which of the two times you mean."))


def ask_instant(problem: LocalTimeProblem, parent: QWidget | None) -> datetime | None:
    question, explanation = problem_text(problem)
    box = QMessageBox(QMessageBox.Icon.Question,
                      QCoreApplication.translate("PostTime", "Choose the Time"), question,
                      parent=parent)
    box.setInformativeText(explanation)
    buttons = []
    for index, candidate in enumerate(problem.candidates):
        if isinstance(problem, AmbiguousTime):
            label = (QCoreApplication.translate("PostTime", "The first {choice}") if index == 0
                     else QCoreApplication.translate("PostTime", "The second {choice}"))
            text = label.format(choice=choice_text(candidate))
        else:
            text = choice_text(candidate)
        buttons.append((box.addButton(text, QMessageBox.ButtonRole.AcceptRole), candidate))
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    return next((candidate for button, candidate in buttons if button is clicked), None)
