"""The week as CSV for a spreadsheet: one row per mention, and the summary in a second file.

UTF-8 with a byte-order mark, so Excel on a Japanese Windows reads it as UTF-8 rather than
Shift_JIS. Headings and words come from the caller in the owner's language (CsvLabels); times
are local, "2026-11-16 09:30", with the zone named in the heading. A cell that a spreadsheet
would run as a formula (=, +, -, @ first) gets a leading apostrophe: mentions are written by
strangers. Each file goes to a temporary name first, so a failed write leaves nothing half-done.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from app.core.report import ReportMention, WeeklyReport, WeekTotals, change
from app.services.atomic_file import replacing


@dataclass(frozen=True)
class CsvLabels:
    """Column headings and words; English by default (the UI passes translated ones)."""

    columns: tuple[str, ...] = (
        "ID", "Network", "Account", "Kind", "Author", "Author name", "Flags",
        "Received ({zone})", "First response ({zone})", "Response time (hours)", "State", "URL",
        "Text")
    summary_columns: tuple[str, ...] = ("Figure", "{week}", "{previous}", "Change")
    words: dict[str, str] = field(default_factory=dict)  # "complaint" → "苦情", "done" → "対応済み"
    figures: dict[str, str] = field(default_factory=dict)  # figure key → its name

    def word(self, code: str) -> str:
        return self.words.get(code, code)


SUMMARY_FIGURES = ("mentions", "answered", "waiting_at_end", "median_response_hours",
                   "p90_response_hours", "complaints", "complaints_answered", "posts_published",
                   "posts_failed", "posts_missed")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def summary_path(path: Path) -> Path:
    """`week.csv` → `week-summary.csv`, beside it."""
    return path.with_name(f"{path.stem}-summary{path.suffix or '.csv'}")


def write_csv(path: Path, report: WeeklyReport, mentions: Sequence[ReportMention],
              labels: CsvLabels | None = None) -> None:
    labels = labels or CsvLabels()
    zone = report.zone_name
    heading = [column.format(zone=zone) for column in labels.columns]
    rows = [heading, *(_mention_row(m, report, labels) for m in mentions)]
    summary = [[column.format(week=str(report.current.week), previous=str(report.previous.week))
                for column in labels.summary_columns]]
    for key in SUMMARY_FIGURES:
        now, before = _figure(report.current, key), _figure(report.previous, key)
        summary.append([labels.figures.get(key, key), _cell(now), _cell(before),
                        _change(now, before)])
    _write_atomically(path, rows)
    _write_atomically(summary_path(path), summary)


def _mention_row(mention: ReportMention, report: WeeklyReport,
                 labels: CsvLabels) -> list[str]:
    # What strangers wrote (names, text, links) is guarded; the app's own figures are not.
    return [
        str(mention.id), labels.word(mention.network), _safe(mention.account),
        labels.word(mention.kind), _safe(mention.author_handle), _safe(mention.author_name),
        " ".join(labels.word(flag) for flag in mention.flags),
        _local(mention.created_at, report), _local(mention.first_response_at, report),
        _cell(_hours(mention.response)), labels.word(mention.state), _safe(mention.url),
        _safe(mention.text),
    ]


def _local(moment: datetime | None, report: WeeklyReport) -> str:
    if moment is None:
        return ""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        zone = ZoneInfo(report.zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        return moment.astimezone().strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _hours(duration: timedelta | None) -> float | None:
    return None if duration is None else round(duration.total_seconds() / 3600, 1)


def _figure(figures: WeekTotals, key: str) -> float | int | None:
    if key == "median_response_hours":
        return _hours(figures.response.median)
    if key == "p90_response_hours":
        return _hours(figures.response.p90)
    return int(getattr(figures, key))


def _cell(value: float | int | None) -> str:
    return "" if value is None else str(value)


def _change(now: float | int | None, before: float | int | None) -> str:
    if now is None or before is None:
        return ""
    if isinstance(now, float) or isinstance(before, float):
        return f"{now - before:+.1f}"
    moved = change(now, before)
    return f"{moved.delta:+d}" if moved.percent is None else \
        f"{moved.delta:+d} ({moved.percent:+.0f}%)"


def _safe(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _write_atomically(path: Path, rows: Iterable[list[str]]) -> None:
    with replacing(path) as raw:
        out = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        csv.writer(out).writerows(rows)  # Excel's dialect: CRLF, quotes where needed
        out.flush()
        out.detach()  # `replacing` syncs and closes the file itself
