"""Each week's summary saved as a PDF into a folder the owner chose, on Monday or the next start.

The app may be closed on a Monday, or the computer off for a holiday: the weeks since the last one
saved are caught up (at most MAX_CATCH_UP, the most recent), and a week is recorded as saved only
once its file is written, so a failed write is tried again. A file of the same name already in
the folder is left alone: it may be one the owner has annotated.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from pathlib import Path

from app.core.settings import Settings
from app.core.weeks import InvalidWeek, IsoWeek

MAX_CATCH_UP = 8  # weeks: a long holiday brings back two months of summaries, not a year

# Characters no file system takes in a name (Windows' list is the longest), and control codes.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')
_MAX_STEM = 120  # characters: room for the week and extension within any file system's limit


def export_name(shop_name: str, week: IsoWeek, extension: str) -> str:
    """`Yamada Shop 2026-W47.pdf`: the shop's name made safe as a file name on every system."""
    shop = _UNSAFE.sub(" ", shop_name).strip(" .")
    shop = " ".join(shop.split())[:_MAX_STEM].strip(" .") or "Community Desk"
    return f"{shop} {week}.{extension}"


def weeks_due(settings: Settings, now: datetime, zone: tzinfo) -> list[IsoWeek]:
    """The complete weeks whose PDF is still to be saved, oldest first (none when switched off).

    Just switched on (nothing saved yet): the last complete week only, so the owner sees a file
    appear and knows the folder works."""
    if not settings.weekly_pdf_folder:
        return []
    last = IsoWeek.last_complete(now, zone)
    try:
        saved: IsoWeek | None = IsoWeek.parse(settings.weekly_pdf_saved)
    except InvalidWeek:
        saved = None
    if saved is None:
        return [last]
    due: list[IsoWeek] = []
    week = last
    while week > saved and len(due) < MAX_CATCH_UP:
        due.append(week)
        week = week.previous()
    return due[::-1]


def target_path(settings: Settings, week: IsoWeek) -> Path:
    folder = Path(settings.weekly_pdf_folder).expanduser()
    return folder / export_name(settings.shop_name, week, "pdf")
