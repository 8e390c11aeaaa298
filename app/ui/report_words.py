"""The weekly summary in words: figure names, changes, week titles and the CSV's headings.

The Reports screen, the PDF and the command line's CSV export all word the summary here, so a
figure has one name and a change reads the same everywhere ("▲ 12%", "no change", "new"). Every
word follows the installed translator; dates follow QLocale's default (the UI language).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
from enum import Enum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from app.core.model import Flag, MentionKind, Network, TriageState
from app.core.report import Change, WeeklyReport, WeekTotals, change
from app.core.weeks import IsoWeek
from app.services.report_csv import SUMMARY_FIGURES, CsvLabels
from app.ui.post_time import date_time_text
from app.ui.timewords import duration
from app.ui.widgets.text_counter import network_name as _network_name

NETWORKS = tuple(network.value for network in Network)  # the order of bars, legends and totals
UP, DOWN = "▲", "▼"
POST_FIGURES = ("posts_published", "posts_failed", "posts_missed")


# Spelled out at each call (translate("ReportWords", ...)) so lupdate finds the text.
translate = QCoreApplication.translate


def network_name(code: str) -> str:
    """"Mastodon"; a network this version does not know keeps its code."""
    try:
        return _network_name(Network(code))
    except ValueError:
        return code


def figure_name(key: str) -> str:
    names = {
        "mentions": translate("ReportWords", "Mentions"),
        "answered": translate("ReportWords", "Answered"),
        "waiting_at_end": translate("ReportWords", "Waiting at the end"),
        "median_response_hours": translate("ReportWords", "First reply, median"),
        "p90_response_hours": translate("ReportWords", "First reply, 90th percentile"),
        "complaints": translate("ReportWords", "Complaints"),
        "complaints_answered": translate("ReportWords", "Complaints answered"),
        "posts_published": translate("ReportWords", "Posts published"),
        "posts_failed": translate("ReportWords", "Posts failed"),
        "posts_missed": translate("ReportWords", "Posts missed"),
    }
    return names.get(key, key)


def post_figure_name(key: str) -> str:
    """The posts' figures under a "Posts" heading: "Published" rather than "Posts published"."""
    names = {
        "posts_published": translate("ReportWords", "Published"),
        "posts_failed": translate("ReportWords", "Failed"),
        "posts_missed": translate("ReportWords", "Missed"),
    }
    return names.get(key, figure_name(key))


def post_rows(rows: list[FigureRow]) -> list[FigureRow]:
    return [replace(row, name=post_figure_name(row.key)) for row in rows
            if row.key in POST_FIGURES]


def csv_labels() -> CsvLabels:
    """The CSV's headings and words in the UI language ({zone}, {week}, {previous} are kept)."""
    words = {network: network_name(network) for network in NETWORKS}
    words.update({
        MentionKind.MENTION.value: translate("ReportWords", "mention"),
        MentionKind.REPLY.value: translate("ReportWords", "reply"),
        MentionKind.QUOTE.value: translate("ReportWords", "quote"),
        MentionKind.KEYWORD.value: translate("ReportWords", "keyword"),
        MentionKind.FEED_ITEM.value: translate("ReportWords", "feed item"),
        TriageState.NEW.value: translate("ReportWords", "waiting"),
        TriageState.DONE.value: translate("ReportWords", "done"),
        TriageState.ARCHIVED.value: translate("ReportWords", "archived"),
        Flag.COMPLAINT.value: translate("ReportWords", "complaint"),
        Flag.QUESTION.value: translate("ReportWords", "question"),
        Flag.PRAISE.value: translate("ReportWords", "praise"),
    })
    columns = (
        translate("ReportWords", "ID"), translate("ReportWords", "Network"),
        translate("ReportWords", "Account"), translate("ReportWords", "Kind"),
        translate("ReportWords", "Author"), translate("ReportWords", "Author name"),
        translate("ReportWords", "Flags"), translate("ReportWords", "Received ({zone})"),
        translate("ReportWords", "First response ({zone})"),
        translate("ReportWords", "Response time (hours)"), translate("ReportWords", "State"),
        translate("ReportWords", "URL"), translate("ReportWords", "Text"),
    )
    summary = (translate("ReportWords", "Figure"), "{week}", "{previous}",
               translate("ReportWords", "Change"))
    return CsvLabels(columns=columns, summary_columns=summary, words=words,
                     figures={key: figure_name(key) for key in SUMMARY_FIGURES})


# Changes --------------------------------------------------------------------------------------
class Trend(Enum):
    UP = "up"
    DOWN = "down"
    SAME = "same"
    NEW = "new"  # nothing the week before
    NONE = "none"  # nothing to compare (no response times in one of the weeks)


def trend(moved: Change | None) -> Trend:
    if moved is None:
        return Trend.NONE
    if moved.delta == 0:
        return Trend.SAME
    if moved.percent is None:
        return Trend.NEW
    return Trend.UP if moved.delta > 0 else Trend.DOWN


def change_text(moved: Change | None) -> str:
    """"▲ 12%", "▼ 5%", "no change", "new"; "" when there is nothing to compare."""
    kind = trend(moved)
    if kind is Trend.NONE or moved is None:
        return ""
    if kind is Trend.SAME:
        return translate("ReportWords", "no change")
    if kind is Trend.NEW:
        return translate("ReportWords", "new", "a figure that was 0 the week before")
    size = abs(moved.percent or 0.0)
    # A change under 1% still says which way it went, and by how little.
    percent = (QLocale().toString(round(size)) if size >= 1 else
               QLocale().toString(max(size, 0.1), "f", 1))
    arrow = UP if kind is Trend.UP else DOWN
    return translate("ReportWords", "{arrow} {percent}%").format(arrow=arrow, percent=percent)


# Figures, as the cards and the PDF's table show them -------------------------------------------
# Which way is good for each figure: more answers are good, more waiting is not. None: neither.
_UP_IS_GOOD: dict[str, bool | None] = {
    "mentions": None, "answered": True, "waiting_at_end": False,
    "median_response_hours": False, "p90_response_hours": False, "complaints": False,
    "complaints_answered": True, "posts_published": True, "posts_failed": False,
    "posts_missed": False,
}


@dataclass(frozen=True, slots=True)
class FigureRow:
    key: str
    name: str
    value: str  # this week
    previous: str  # the week before
    change: str  # "▲ 12%", "no change", "new", ""
    trend: Trend
    good: bool | None  # whether the change is good news; None: neither (or no change)
    note: str  # a line under the value: the oldest waiting, the per-network split, ...


def figure_rows(report: WeeklyReport) -> list[FigureRow]:
    """The summary's figures in the order of SUMMARY_FIGURES (the CSV's order too)."""
    current, previous = report.current, report.previous
    rows = []
    for key in SUMMARY_FIGURES:
        now, before = _value(current, key), _value(previous, key)
        moved = None if now is None or before is None else change(now, before)
        kind = trend(moved)
        up_good = _UP_IS_GOOD.get(key)
        good = None
        if up_good is not None and kind in (Trend.UP, Trend.DOWN, Trend.NEW):
            good = up_good if kind is not Trend.DOWN else not up_good
        rows.append(FigureRow(
            key=key, name=figure_name(key), value=_text(current, key),
            previous=_text(previous, key), change=change_text(moved), trend=kind, good=good,
            note=_note(report, key)))
    return rows


def _value(figures: WeekTotals, key: str) -> int | None:
    if key == "median_response_hours":
        return _seconds(figures.response.median)
    if key == "p90_response_hours":
        return _seconds(figures.response.p90)
    return int(getattr(figures, key))


def _seconds(delta: timedelta | None) -> int | None:
    return None if delta is None else int(delta.total_seconds())


def _text(figures: WeekTotals, key: str) -> str:
    if key == "median_response_hours":
        return _duration(figures.response.median)
    if key == "p90_response_hours":
        return _duration(figures.response.p90)
    if key == "complaints_answered":
        return translate("ReportWords", "{answered} of {received}").format(
            answered=QLocale().toString(figures.complaints_answered),
            received=QLocale().toString(figures.complaints))
    return QLocale().toString(int(getattr(figures, key)))


def _duration(delta: timedelta | None) -> str:
    return "—" if delta is None else duration(delta)


def _note(report: WeeklyReport, key: str) -> str:
    current = report.current
    if key == "mentions":
        return " · ".join(f"{network_name(network)} {QLocale().toString(count)}"
                          for network, count in ordered_networks(current.per_network))
    if key == "waiting_at_end":
        oldest = current.oldest_waiting
        if oldest is None:
            return ""
        return translate("ReportWords", "Oldest: {author}, {waited}").format(
            author=oldest.author or network_name(oldest.network), waited=duration(oldest.waited))
    if key in ("median_response_hours", "p90_response_hours"):
        if report.opening_hours:
            return translate("ReportWords", "In opening hours")
        return ""
    return ""


def ordered_networks(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Known networks first, in the app's order, then any others by name."""
    known = [(network, counts.get(network, 0)) for network in NETWORKS]
    others = sorted((network, count) for network, count in counts.items()
                    if network not in NETWORKS)
    return known + others


# Weeks and times ------------------------------------------------------------------------------
def week_dates(week: IsoWeek, *, long: bool = False) -> str:
    """"16–22 Nov 2026"; a week across two months or years names both."""
    locale = QLocale()
    first, last = week.days()[0], week.days()[-1]
    form = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    values = {
        "first_day": locale.toString(first.day), "last_day": locale.toString(last.day),
        "first_month": locale.monthName(first.month, form),
        "last_month": locale.monthName(last.month, form),
        "first_year": str(first.year), "last_year": str(last.year),
    }
    if first.year != last.year:
        text = translate("ReportWords", "{first_day} {first_month} {first_year} – "
                         "{last_day} {last_month} {last_year}")
    elif first.month != last.month:
        text = translate("ReportWords",
                         "{first_day} {first_month} – {last_day} {last_month} {last_year}")
    else:
        text = translate("ReportWords", "{first_day}–{last_day} {last_month} {last_year}")
    return text.format(**values)


def week_title(week: IsoWeek, *, long: bool = False) -> str:
    """"Week 47 · 16–22 Nov 2026" on the screen; "Week 47, 16–22 November 2026" in the PDF."""
    number = QLocale().toString(week.week)
    if long:
        return translate("ReportWords", "Week {number}, {dates}").format(
            number=number, dates=week_dates(week, long=True))
    return translate("ReportWords", "Week {number} · {dates}").format(
        number=number, dates=week_dates(week))


def day_names() -> list[str]:
    """Monday first, short: "Mon" … "Sun", "月" … "日"."""
    locale = QLocale()
    return [locale.dayName(day, QLocale.FormatType.ShortFormat) for day in range(1, 8)]


def day_labels(week: IsoWeek) -> list[str]:
    """"Mon 16" … under the bars: the day and its date."""
    locale = QLocale()
    return [translate("ReportWords", "{day} {date}").format(day=name, date=locale.toString(day.day))
            for name, day in zip(day_names(), week.days(), strict=True)]


def report_zone(report: WeeklyReport) -> tzinfo | None:
    try:
        return ZoneInfo(report.zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def generated_text(report: WeeklyReport) -> str:
    """"Made on Wednesday, 2 December 2026 20:31 · times in Asia/Tokyo"."""
    zone = report_zone(report)
    local = report.generated_at.astimezone(zone) if zone else report.generated_at.astimezone()
    return translate("ReportWords", "Made on {time} · times in {zone}").format(
        time=date_time_text(local.replace(tzinfo=None)), zone=report.zone_name)


def compared_text(report: WeeklyReport) -> str:
    """What the changes are measured against, and whether the week is still going."""
    text = translate("ReportWords", "Compared with week {number}").format(
        number=QLocale().toString(report.previous.week.week))
    if not report.current.complete:
        text = translate("ReportWords", "{compared} · this week so far").format(compared=text)
    return text


def local_date(moment: datetime, report: WeeklyReport) -> QDate:
    zone = report_zone(report)
    local = moment.astimezone(zone) if zone else moment.astimezone()
    return QDate(local.year, local.month, local.day)
