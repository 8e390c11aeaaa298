"""Saves each complete week's summary as a PDF into the folder chosen in Settings.

Checked soon after start-up (a Monday the computer was off is caught up then) and every hour
after, so an app left running over the weekend saves early on Monday. The report and the PDF are
made on the database worker: the window never waits for them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.orm import Session, sessionmaker

from app.core.timefmt import utc_now
from app.services.preferences import PreferencesService
from app.services.weekly_save import target_path, weeks_due
from app.ui import messages
from app.ui.tasks import Tasks

log = logging.getLogger(__name__)

START_DELAY_MS = 20_000  # after start-up's own work: the first page, counts, the first sync
CHECK_INTERVAL_MS = 60 * 60_000


class _SaveFailed(Exception):
    def __init__(self, folder: str) -> None:
        super().__init__(folder)
        self.folder = folder


class WeeklyAutosave(QObject):
    saved = Signal(list)  # [(week, Path)]: the PDFs one check wrote, oldest first
    failed = Signal(str)  # one sentence for the owner

    def __init__(self, sessions: sessionmaker[Session], tasks: Tasks, zone: Callable[[], tzinfo],
                 *, clock: Callable[[], datetime] = utc_now,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._tasks = tasks
        self._zone = zone
        self._clock = clock
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        QTimer.singleShot(START_DELAY_MS, self, self.check)
        self._timer.start()

    def check(self) -> None:
        """Save whatever weeks are due; a check already running is not doubled."""
        if self._busy:
            return
        self._busy = True
        sessions, zone, now = self._sessions, self._zone(), self._clock()
        self._tasks.db(lambda: save_due_weeks(sessions, zone, now), self._on_done,
                       self._on_failed, owner=self)

    def _on_done(self, written: list[tuple[str, Path]]) -> None:
        self._busy = False
        if written:
            self.saved.emit(written)

    def _on_failed(self, exc: BaseException) -> None:
        self._busy = False
        if isinstance(exc, _SaveFailed):
            self.failed.emit(messages.weekly_save_failed(exc.folder))
        else:
            log.error("the weekly summary could not be saved", exc_info=exc)
            self.failed.emit(messages.unexpected_error())


def save_due_weeks(sessions: sessionmaker[Session], zone: tzinfo,
                   now: datetime) -> list[tuple[str, Path]]:
    """Write each due week's PDF (a file already there is kept) and record it as saved."""
    from app.services.reports import ReportsService
    from app.ui.report_pdf import write_pdf

    preferences = PreferencesService(sessions)
    settings = preferences.load()
    written: list[tuple[str, Path]] = []
    for week in weeks_due(settings, now, zone):
        path = target_path(settings, week)
        if not path.exists():
            try:
                if not path.parent.is_dir():
                    raise FileNotFoundError(path.parent)
                write_pdf(ReportsService(sessions).weekly(week, zone, now), path)
            except OSError as exc:
                log.warning("weekly summary %s not saved in the chosen folder: %s", week,
                            type(exc).__name__)
                raise _SaveFailed(settings.weekly_pdf_folder) from None
            written.append((str(week), path))
        settings = preferences.update(weekly_pdf_saved=str(week))
    return written
