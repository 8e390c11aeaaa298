"""The outbox's worker on the UI side: sends each reply and post when it falls due, off the UI
thread.

One single-shot timer is set to the outbox's next due time (the end of a reply's undo window,
or of a back-off), so nothing polls. When it fires, `send_due` runs on the network pool; its
report says which replies changed and which mentions are now answered, and the timer is set
again. Start-up first settles what a crash may have left half-sent, marks missed the posts
whose time passed while the app was closed, and checks the posts a server published meanwhile
(`reconcile`, once, after the inbox's first page); `postsChanged` then names the posts the
calendar should redraw. The composer calls `poke()` after every Send and Undo. Quitting calls
`stop()`: the timer stops and a pass in progress stops before its next reply.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.model import OutboxState
from app.core.timefmt import utc_now
from app.ui.tasks import Tasks

if TYPE_CHECKING:
    from app.services.outbox import OutboxReport, OutboxService

log = logging.getLogger(__name__)

MAX_WAIT_MS = 5 * 60_000  # look again at least this often (the clock may jump, a laptop sleep)
AFTER_ERROR_MS = 60_000  # a pass that failed as a whole (the database) is tried again then
SLACK_MS = 10  # the timer fires a hair late rather than before the reply is due

OutboxFactory = Callable[[], "OutboxService"]


class OutboxRunner(QObject):
    entriesChanged = Signal(list)  # outbox entry ids whose state changed (sent, failed, waiting)
    mentionsAnswered = Signal(list)  # mention ids a sent reply answered
    postsChanged = Signal(list)  # ids of planned posts (app.services.posts) whose targets changed
    deliveriesFailed = Signal(int)  # replies or posts a pass could not send (or found missed)

    def __init__(self, outbox: OutboxFactory, tasks: Tasks, parent: QObject | None = None, *,
                 clock: Callable[[], datetime] = utc_now) -> None:
        super().__init__(parent)
        self._outbox = outbox  # built on first use, on a worker: it brings in network code
        self._tasks = tasks
        self._clock = clock
        self._cancel = threading.Event()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._started = False
        self._busy = False  # reconcile or send_due is running; the timer is set again after it
        self._generation = 0  # only the newest next_due answer sets the timer

    @property
    def timer(self) -> QTimer:
        """The single-shot timer set to the next due reply (inactive: nothing waits)."""
        return self._timer

    @property
    def running(self) -> bool:
        return self._started and not self._cancel.is_set()

    def start(self) -> None:
        """Settle replies a crash left sending, then send whatever falls due. Once."""
        if self._started or self._cancel.is_set():
            return
        self._started = True
        self._busy = True
        outbox = self._outbox

        def work() -> tuple[list[int], list[int], list[int]]:
            service = outbox()
            settled = service.reconcile()
            answered: list[int] = []
            posts: list[int] = []
            for entry_id in settled:
                entry = service.get(entry_id)
                if entry is not None and entry.state is OutboxState.SENT and entry.mention_id:
                    answered.append(entry.mention_id)
                if entry is not None and entry.post_id is not None and entry.post_id not in posts:
                    posts.append(entry.post_id)
            return settled, answered, posts

        self._tasks.net(work, self._on_reconciled, self._on_failed, owner=self)

    def poke(self) -> None:
        """Something was queued or taken back: set the timer to the next due reply again."""
        if self.running and not self._busy:
            self._arm()

    def stop(self) -> None:
        """On quit: no more passes, and one in progress stops before its next reply."""
        self._cancel.set()
        self._timer.stop()

    # Internals ---------------------------------------------------------------------------------
    def _arm(self) -> None:
        self._generation += 1
        generation = self._generation
        outbox = self._outbox
        self._tasks.db(lambda: outbox().next_due(),
                       lambda due: self._on_next_due(generation, due),
                       lambda exc: self._on_next_due_failed(generation, exc), owner=self)

    def _on_next_due(self, generation: int, due: datetime | None) -> None:
        if generation != self._generation or self._busy or not self.running:
            return
        if due is None:
            self._timer.stop()
            return
        wait = (due - self._clock()).total_seconds()
        milliseconds = max(0, math.ceil(wait * 1000) + SLACK_MS) if wait > 0 else 0
        self._timer.start(min(milliseconds, MAX_WAIT_MS))

    def _on_timer_timeout(self) -> None:
        if self._busy or not self.running:
            return
        self._busy = True
        outbox, cancel = self._outbox, self._cancel
        self._tasks.net(lambda: outbox().send_due(cancel=cancel), self._on_sent,
                        self._on_failed, owner=self)

    def _on_reconciled(self, result: tuple[list[int], list[int], list[int]]) -> None:
        settled, answered, posts = result
        self._finish(settled, answered, posts)

    def _on_sent(self, report: OutboxReport) -> None:
        if report.failed or report.missed:
            self.deliveriesFailed.emit(len(report.failed) + len(report.missed))
        self._finish(list(report.changed), list(report.mention_ids), list(report.post_ids))

    def _finish(self, changed: list[int], answered: list[int], posts: list[int]) -> None:
        self._busy = False
        if changed:
            self.entriesChanged.emit(changed)
        if answered:
            self.mentionsAnswered.emit(answered)
        if posts:
            self.postsChanged.emit(posts)
        if self.running:
            self._arm()

    def _on_failed(self, exc: BaseException) -> None:
        """A pass failed as a whole (the database, a bug): the replies wait, none is lost."""
        self._busy = False
        log.error("the outbox could not be worked through", exc_info=exc)
        if self.running:
            self._timer.start(AFTER_ERROR_MS)

    def _on_next_due_failed(self, generation: int, exc: BaseException) -> None:
        log.error("the outbox's next due time could not be read", exc_info=exc)
        if generation == self._generation and not self._busy and self.running:
            self._timer.start(AFTER_ERROR_MS)
