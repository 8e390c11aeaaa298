"""app.ui.tasks with real threads: work off the UI thread, results back on it, failures reported."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QObject, QThread, Signal

from app.ui.tasks import Tasks

TIMEOUT_MS = 5000


class Receiver(QObject):
    """Turns callbacks into signals, so tests can wait for them with qtbot."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[int] = []

    def on_done(self, result: object) -> None:
        self.threads.append(threading.get_ident())
        self.done.emit(result)

    def on_error(self, exc: BaseException) -> None:
        self.threads.append(threading.get_ident())
        self.failed.emit(exc)


@pytest.fixture
def tasks(qapp):
    tasks = Tasks()
    yield tasks
    assert tasks.wait(TIMEOUT_MS), "background work still running after the test"
    tasks.deleteLater()


@pytest.mark.parametrize("kind", ["db", "net"])
def test_work_runs_off_the_ui_thread_and_the_callback_on_it(qtbot, tasks, kind) -> None:
    ui_thread = threading.get_ident()
    ui_qthread = QThread.currentThread()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["thread"] = threading.get_ident()
        seen["qthread_is_ui"] = QThread.currentThread() is ui_qthread
        return 42

    receiver = Receiver()
    with qtbot.waitSignal(receiver.done, timeout=TIMEOUT_MS) as blocker:
        getattr(tasks, kind)(work, receiver.on_done)

    assert blocker.args == [42]
    assert seen["thread"] != ui_thread
    assert seen["qthread_is_ui"] is False
    assert receiver.threads == [ui_thread]


def test_exception_reaches_on_error_on_the_ui_thread(qtbot, tasks) -> None:
    def work() -> None:
        raise ValueError("broken page")

    receiver = Receiver()
    with qtbot.waitSignal(receiver.failed, timeout=TIMEOUT_MS) as blocker:
        tasks.db(work, receiver.on_done, receiver.on_error)

    (exc,) = blocker.args
    assert isinstance(exc, ValueError)
    assert str(exc) == "broken page"
    assert receiver.threads == [threading.get_ident()]


def test_without_on_error_the_failure_reaches_the_error_handler(qtbot, tasks) -> None:
    receiver = Receiver()
    tasks.set_error_handler(receiver.on_error)

    def work() -> None:
        raise OSError("disk full")

    with qtbot.waitSignal(receiver.failed, timeout=TIMEOUT_MS) as blocker:
        tasks.net(work, receiver.on_done)

    assert isinstance(blocker.args[0], OSError)
    assert receiver.threads == [threading.get_ident()]


def test_on_error_given_means_the_error_handler_is_not_called(qtbot, tasks) -> None:
    general = Receiver()
    tasks.set_error_handler(general.on_error)
    local = Receiver()

    def work() -> None:
        raise KeyError("x")

    with qtbot.assertNotEmitted(general.failed, wait=100), \
            qtbot.waitSignal(local.failed, timeout=TIMEOUT_MS):
        tasks.db(work, local.on_done, local.on_error)


def test_no_callback_after_the_owner_is_deleted(qtbot, tasks) -> None:
    release = threading.Event()
    finished = threading.Event()
    calls: list[object] = []

    def slow() -> str:
        release.wait(TIMEOUT_MS / 1000)
        finished.set()
        return "late"

    def failing() -> None:
        release.wait(TIMEOUT_MS / 1000)
        raise RuntimeError("late failure")

    general = Receiver()
    tasks.set_error_handler(general.on_error)
    owner = QObject()
    tasks.net(slow, calls.append, calls.append, owner=owner)
    tasks.net(failing, calls.append, calls.append, owner=owner)
    tasks.net(failing, calls.append, owner=owner)  # would go to the general handler

    with qtbot.waitSignal(owner.destroyed, timeout=TIMEOUT_MS):
        owner.deleteLater()
    release.set()
    assert finished.wait(TIMEOUT_MS / 1000)
    assert tasks.wait(TIMEOUT_MS)

    with qtbot.assertNotEmitted(general.failed, wait=200):
        qtbot.wait(50)  # let any queued results arrive
    assert calls == []


def test_owner_alive_still_gets_its_callback(qtbot, tasks) -> None:
    owner = QObject()
    receiver = Receiver()
    with qtbot.waitSignal(receiver.done, timeout=TIMEOUT_MS):
        tasks.db(lambda: "ok", receiver.on_done, owner=owner)


def test_database_tasks_run_one_at_a_time(qtbot, tasks) -> None:
    lock = threading.Lock()
    running = 0
    most_at_once = 0
    order: list[int] = []

    def work(n: int) -> int:
        nonlocal running, most_at_once
        with lock:
            running += 1
            most_at_once = max(most_at_once, running)
        time.sleep(0.02)
        with lock:
            running -= 1
            order.append(n)
        return n

    results: list[int] = []
    for n in range(6):
        tasks.db(lambda n=n: work(n), results.append)
    qtbot.waitUntil(lambda: len(results) == 6, timeout=TIMEOUT_MS)

    assert most_at_once == 1
    assert order == list(range(6))  # and in the order they were asked for
    assert results == list(range(6))


def test_network_tasks_run_side_by_side(qtbot, tasks) -> None:
    """One slow server must not block another: the network pool runs work in parallel."""
    barrier = threading.Barrier(2, timeout=TIMEOUT_MS / 1000)
    results: list[str] = []
    for name in ("a", "b"):
        tasks.net(lambda name=name: (barrier.wait(), name)[1], results.append)
    qtbot.waitUntil(lambda: len(results) == 2, timeout=TIMEOUT_MS)
    assert sorted(results) == ["a", "b"]


def test_inline_tasks_run_at_once(qapp) -> None:
    tasks = Tasks(inline=True)
    results: list[object] = []
    errors: list[BaseException] = []
    tasks.db(lambda: 1, results.append)
    tasks.db(lambda: 1 / 0, results.append, errors.append)
    tasks.set_error_handler(errors.append)
    tasks.net(lambda: [][1])
    assert results == [1]
    assert [type(e) for e in errors] == [ZeroDivisionError, IndexError]
