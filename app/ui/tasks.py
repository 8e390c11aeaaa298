"""The one way screens run work off the UI thread and get the result back on it.

Database work runs on a single worker thread, so SQLite writes never race each other; network
work runs on a small pool, so one slow server never blocks another. Results and errors come back
through a queued signal, so callbacks always run on the UI thread. Tests can make every task run
inline for determinism.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives on the UI thread; the worker emits, Qt queues the call back to the UI thread."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:
            self._emit(self._relay.failed, exc)
        else:
            self._emit(self._relay.succeeded, result)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        # RuntimeError: the application is shutting down and took the relay with it.
        with contextlib.suppress(RuntimeError):
            signal.emit(value)


class Tasks(QObject):
    """Owns the worker threads. Pass it to each screen; there is no global instance."""

    def __init__(self, parent: QObject | None = None, *, inline: bool = False) -> None:
        super().__init__(parent)
        self._inline = inline
        self._db = QThreadPool(self)
        self._db.setMaxThreadCount(1)
        self._net = QThreadPool(self)
        self._net.setMaxThreadCount(4)
        self._relays: set[_Relay] = set()
        self._on_error: Failed | None = None

    def set_error_handler(self, handler: Failed) -> None:
        """Where failures go when a caller gives no on_error: one notifier the user sees."""
        self._on_error = handler

    def db(self, work: Callable[[], Any], on_done: Done | None = None,
           on_error: Failed | None = None, *, owner: QObject | None = None) -> None:
        self._start(self._db, work, on_done, on_error, owner)

    def net(self, work: Callable[[], Any], on_done: Done | None = None,
            on_error: Failed | None = None, *, owner: QObject | None = None) -> None:
        self._start(self._net, work, on_done, on_error, owner)

    def _start(self, pool: QThreadPool, work: Callable[[], Any], on_done: Done | None,
               on_error: Failed | None, owner: QObject | None) -> None:
        handle_error = on_error or self._report
        if self._inline:
            try:
                result = work()
            except Exception as exc:
                handle_error(exc)
            else:
                if on_done is not None:
                    on_done(result)
            return
        # The relay lives as long as the job, on the UI thread, so the worker never emits on an
        # object that another thread is deleting. The owner (a screen) may close meanwhile: its
        # callbacks are then dropped, never run on a deleted widget.
        relay = _Relay(self)
        self._relays.add(relay)

        def owner_gone() -> bool:
            return owner is not None and not shiboken6.isValid(owner)

        @Slot(object)
        def finished(result: object) -> None:
            self._forget(relay)
            if on_done is not None and not owner_gone():
                on_done(result)

        @Slot(object)
        def failed(exc: object) -> None:
            self._forget(relay)
            if owner_gone():
                log.info("background task failed after its screen closed", exc_info=exc)
                return
            handle_error(exc)  # type: ignore[arg-type]

        relay.succeeded.connect(finished)
        relay.failed.connect(failed)
        pool.start(_Job(work, relay))

    def _forget(self, relay: _Relay) -> None:
        self._relays.discard(relay)
        relay.deleteLater()

    def _report(self, exc: BaseException) -> None:
        log.error("background task failed", exc_info=exc)
        if self._on_error is not None:
            self._on_error(exc)

    def wait(self, msecs: int = -1) -> bool:
        """Wait for running work to finish (on quit, and in tests)."""
        return self._db.waitForDone(msecs) and self._net.waitForDone(msecs)
