"""The inbox model pages through a real workspace; a stale answer never overwrites a new one;
triage changes update rows in place or drop them from the view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from app.core.model import Flag, InboxFilter, TriageState
from app.core.timefmt import utc_now
from app.services.inbox import Deadlines, InboxService
from app.storage.models import Account, Mention
from app.ui import inbox_model
from app.ui.inbox_model import AMBER, ID_ROLE, RED, InboxModel
from app.ui.tasks import Tasks


def fill(workspace, *, new: int = 0, done: int = 0, answered_after: timedelta | None = None
         ) -> None:
    """`new` waiting and `done` answered mentions, one minute apart, oldest first."""
    now = utc_now().replace(tzinfo=None)
    with Session(workspace.engine) as session, session.begin():
        account = Account(network="bluesky", handle="shop.bsky.social", created_at=now)
        session.add(account)
        session.flush()
        rows = []
        for index in range(new + done):
            state = TriageState.NEW if index < new else TriageState.DONE
            created = now - timedelta(minutes=10_000 - index)
            rows.append({
                "account_id": account.id, "external_id": f"at://post/{index}",
                "kind": "mention", "author_handle": f"user{index}.bsky.social",
                "author_name": "" if index % 2 else f"User {index}",
                "text": f"Message {index}\nsecond line", "created_at": created,
                "received_at": now, "state": state.value,
                "first_response_at": (created + answered_after
                                      if answered_after and state is TriageState.DONE
                                      else None),
            })
        session.execute(insert(Mention), rows)


@dataclass
class Pending:
    work: Callable[[], Any]
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], None]


class DeferredTasks:
    """Holds every request until the test answers it, in whatever order the test likes."""

    def __init__(self) -> None:
        self.pending: list[Pending] = []

    def db(self, work, on_done=None, on_error=None, *, owner=None) -> None:
        self.pending.append(Pending(work, on_done, on_error))

    def answer(self, index: int) -> None:
        job = self.pending[index]
        try:
            result = job.work()
        except Exception as exc:
            job.on_error(exc)
        else:
            job.on_done(result)


@pytest.fixture
def service(workspace) -> InboxService:
    return InboxService(workspace.sessions)


def paged(workspace, service, monkeypatch) -> tuple[InboxModel, DeferredTasks]:
    """12 waiting mentions in pages of 5, the first page shown; later reads wait for the test."""
    monkeypatch.setattr(inbox_model, "PAGE_SIZE", 5)
    fill(workspace, new=12)
    tasks = DeferredTasks()
    model = InboxModel(service, tasks)
    model.reload(InboxFilter(state=TriageState.NEW))
    tasks.answer(0)
    return model, tasks


def fetch_more(qtbot, model: InboxModel) -> None:
    """What the view does at the end of the list; the page comes once the scroll has painted."""
    with qtbot.waitSignal(model.pageLoaded):
        model.fetchMore(QModelIndex())


def test_pages_load_on_demand_until_the_end(qtbot, workspace, service) -> None:
    fill(workspace, new=450)
    assert inbox_model.PAGE_SIZE == 200
    model = InboxModel(service, Tasks(inline=True))
    added: list[int] = []
    model.pageLoaded.connect(added.append)

    model.reload(InboxFilter(state=TriageState.NEW))
    assert model.rowCount() == 200
    assert model.canFetchMore(QModelIndex())

    fetch_more(qtbot, model)
    assert model.rowCount() == 400
    assert model.canFetchMore(QModelIndex())

    fetch_more(qtbot, model)
    assert model.rowCount() == 450
    assert not model.canFetchMore(QModelIndex())
    assert added == [200, 200, 50]

    # Every row exactly once, in order: keyset paging neither skips nor repeats.
    texts = [model.index(row, InboxModel.COLUMN_MESSAGE).data() for row in range(450)]
    assert texts == [f"Message {n}" for n in range(450)]


def test_an_exact_multiple_of_the_page_size_ends_with_an_empty_page(qtbot, workspace, service,
                                                                    monkeypatch) -> None:
    monkeypatch.setattr(inbox_model, "PAGE_SIZE", 5)
    fill(workspace, new=10)
    model = InboxModel(service, Tasks(inline=True))
    model.reload(InboxFilter(state=TriageState.NEW))
    fetch_more(qtbot, model)
    assert model.rowCount() == 10
    assert model.canFetchMore(QModelIndex())
    fetch_more(qtbot, model)
    assert model.rowCount() == 10
    assert not model.canFetchMore(QModelIndex())


def test_no_second_request_while_a_page_is_on_its_way(workspace, service) -> None:
    fill(workspace, new=3)
    tasks = DeferredTasks()
    model = InboxModel(service, tasks)
    model.reload(InboxFilter(state=TriageState.NEW))
    assert not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert len(tasks.pending) == 1


def test_reload_with_another_filter_drops_the_outdated_answer(workspace, service) -> None:
    fill(workspace, new=4, done=2)
    tasks = DeferredTasks()
    model = InboxModel(service, tasks)

    model.reload(InboxFilter(state=TriageState.NEW))  # request 0
    model.reload(InboxFilter(state=TriageState.DONE))  # request 1, the one that counts
    tasks.answer(1)
    assert model.rowCount() == 2
    tasks.answer(0)  # the waiting list arrives late: ignored
    assert model.rowCount() == 2
    assert {model.row_at(r).state for r in range(2)} == {TriageState.DONE}

    # Also when the outdated answer arrives first.
    model.reload(InboxFilter(state=TriageState.NEW))  # request 2, outdated by 3
    model.reload(InboxFilter(state=None))  # request 3
    tasks.answer(2)
    assert model.rowCount() == 0
    tasks.answer(3)
    assert model.rowCount() == 6


def test_an_outdated_failure_does_not_stop_the_current_list(workspace, service) -> None:
    fill(workspace, new=2)
    tasks = DeferredTasks()
    model = InboxModel(service, tasks)
    failures: list[BaseException] = []
    model.loadFailed.connect(failures.append)

    model.reload(InboxFilter(state=TriageState.DONE))
    tasks.pending[0].work = lambda: (_ for _ in ()).throw(OSError("database is locked"))
    model.reload(InboxFilter(state=TriageState.NEW))
    tasks.answer(0)
    assert failures == []
    tasks.answer(1)
    assert model.rowCount() == 2


def test_a_failed_page_is_reported_and_stops_paging(workspace, service) -> None:
    tasks = DeferredTasks()
    model = InboxModel(service, tasks)
    failures: list[BaseException] = []
    model.loadFailed.connect(failures.append)
    model.reload(InboxFilter(state=TriageState.NEW))
    tasks.pending[0].work = lambda: (_ for _ in ()).throw(OSError("disk I/O error"))
    tasks.answer(0)
    assert [type(f) for f in failures] == [OSError]
    assert not model.canFetchMore(QModelIndex())


def test_a_page_asked_for_that_fails_keeps_the_rows_shown_and_is_reported_once(
        qtbot, workspace, service, monkeypatch) -> None:
    model, tasks = paged(workspace, service, monkeypatch)
    failures: list[BaseException] = []
    model.loadFailed.connect(failures.append)
    model.fetchMore(QModelIndex())  # before the read-ahead: the page is asked for
    qtbot.waitUntil(lambda: len(tasks.pending) == 2)
    qtbot.wait(2 * inbox_model.READ_DELAY_MS)
    assert len(tasks.pending) == 2  # one read, not one for the scroll and one read-ahead
    tasks.pending[1].work = lambda: (_ for _ in ()).throw(OSError("disk I/O error"))
    tasks.answer(1)
    assert [type(f) for f in failures] == [OSError]
    assert model.rowCount() == 5  # what the owner was reading stays


def test_a_filter_chosen_while_a_page_waits_to_be_read_drops_that_read(
        qtbot, workspace, service, monkeypatch) -> None:
    model, tasks = paged(workspace, service, monkeypatch)
    model.fetchMore(QModelIndex())
    model.reload(InboxFilter(state=TriageState.DONE))  # within the delay
    qtbot.wait(2 * inbox_model.READ_DELAY_MS)
    assert len(tasks.pending) == 2  # the new filter's first page only
    tasks.answer(1)
    assert model.rowCount() == 0
    assert model.filter.state is TriageState.DONE


def test_rows_show_name_or_handle_flags_first_line_time_and_answer_time(workspace,
                                                                        service) -> None:
    fill(workspace, done=2, answered_after=timedelta(hours=3))
    model = InboxModel(service, Tasks(inline=True))
    model.reload(InboxFilter(state=TriageState.DONE))
    assert model.columnCount() == 5
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == \
        ["From", "Flags", "Message", "Received", "Waiting"]
    first, second = (
        [model.index(row, column).data() for column in (0, 2, 4)] for row in range(2)
    )
    assert first == ["User 0", "Message 0", "answered in 3 h"]
    assert second == ["user1.bsky.social", "Message 1", "answered in 3 h"]
    # Answered mentions are never coloured as overdue.
    assert model.index(0, InboxModel.COLUMN_WAITING).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, InboxModel.COLUMN_FROM).data(Qt.ItemDataRole.ToolTipRole) == \
        "<p>user0.bsky.social</p>"
    assert model.index(0, InboxModel.COLUMN_FROM).data(ID_ROLE) == model.row_at(0).id


def test_every_flag_is_shown_and_named(workspace, service) -> None:
    fill(workspace, new=2)
    with Session(workspace.engine) as session, session.begin():
        session.execute(update(Mention).where(Mention.external_id == "at://post/0")
                        .values(is_complaint=True, is_question=True))
    model = InboxModel(service, Tasks(inline=True))
    model.reload(InboxFilter(state=TriageState.NEW))
    flagged = model.index(0, InboxModel.COLUMN_FLAGS)
    pixmap = flagged.data(Qt.ItemDataRole.DecorationRole)
    assert pixmap.width() / pixmap.devicePixelRatio() == 16 * 2 + 3  # two icons side by side
    assert flagged.data(Qt.ItemDataRole.ToolTipRole) == "Complaint, Question"
    plain = model.index(1, InboxModel.COLUMN_FLAGS)
    assert plain.data(Qt.ItemDataRole.DecorationRole) is None
    assert plain.data(Qt.ItemDataRole.ToolTipRole) is None


def test_waiting_is_coloured_by_the_deadlines_read_with_the_first_page(workspace,
                                                                      service) -> None:
    fill(workspace, new=3)  # created 10000, 9999 and 9998 minutes ago
    model = InboxModel(service, Tasks(inline=True))
    model.reload(InboxFilter(state=TriageState.NEW))
    assert model.deadlines is not None  # default threshold 24 h: all three are overdue
    assert [model.index(r, InboxModel.COLUMN_WAITING).data(Qt.ItemDataRole.ForegroundRole)
            for r in range(3)] == [RED, RED, RED]

    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last, _roles=(): changed.append(
        (first.column(), last.column())))
    middle = model.row_at(1).created_at
    model.set_deadlines(Deadlines(amber=middle + timedelta(seconds=1),
                                  red=middle - timedelta(seconds=1)))
    assert [model.index(r, InboxModel.COLUMN_WAITING).data(Qt.ItemDataRole.ForegroundRole)
            for r in range(3)] == [RED, AMBER, None]
    assert changed == [(InboxModel.COLUMN_RECEIVED, InboxModel.COLUMN_WAITING)]


def test_received_is_short_and_its_tooltip_says_exactly_when(qapp, service) -> None:
    now = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
    model = InboxModel(service, Tasks(inline=True), now=lambda: now)
    today = model.received_text(now - timedelta(hours=1))
    assert ":" in today and len(today) <= 8
    this_week = model.received_text(now - timedelta(days=3))
    assert len(this_week.split()) >= 2  # the weekday and the time
    assert model.received_text(now - timedelta(days=40)) != model.received_text(
        now - timedelta(days=41))
    last_year = model.received_text(now.replace(year=2025))
    assert "25" in last_year
    assert "2026" in model.full_time_text(now)


def test_a_triage_change_drops_the_rows_the_filter_no_longer_shows(workspace,
                                                                    service) -> None:
    fill(workspace, new=5)
    model = InboxModel(service, Tasks(inline=True))
    model.reload(InboxFilter(state=TriageState.NEW))
    ids = [model.row_at(r).id for r in range(5)]
    dropped: list[list[int]] = []
    model.rowsDropped.connect(dropped.append)

    assert model.apply_state([ids[1], ids[3], ids[4]], TriageState.DONE) == \
        [ids[1], ids[3], ids[4]]
    assert [model.row_at(r).id for r in range(model.rowCount())] == [ids[0], ids[2]]
    assert dropped == [[ids[1], ids[3], ids[4]]]
    # A flag does not take a row out of the waiting list, but changes it in place.
    assert model.apply_flag([ids[0]], Flag.PRAISE, True) == []
    assert model.row_at(0).flags == {Flag.PRAISE}


def test_in_the_all_view_a_done_row_stays_and_says_so(workspace, service) -> None:
    fill(workspace, new=2)
    model = InboxModel(service, Tasks(inline=True))
    model.reload(InboxFilter(state=None))
    first = model.row_at(0).id
    assert model.index(0, InboxModel.COLUMN_WAITING).data() != ""
    assert model.apply_state([first], TriageState.DONE) == []
    assert model.rowCount() == 2
    assert model.index(0, InboxModel.COLUMN_WAITING).data() == ""
    # Unflagging in a complaints-only view takes the row out.
    service.set_flag([first], Flag.COMPLAINT, True)
    model.reload(InboxFilter(state=None, flag=Flag.COMPLAINT))
    assert [model.row_at(r).id for r in range(model.rowCount())] == [first]
    assert model.apply_flag([first], Flag.COMPLAINT, False) == [first]
    assert model.rowCount() == 0


def test_a_row_that_comes_again_in_a_later_page_is_not_listed_twice(qtbot, workspace, service,
                                                                     monkeypatch) -> None:
    monkeypatch.setattr(inbox_model, "PAGE_SIZE", 3)
    fill(workspace, new=6)
    with Session(workspace.engine) as session, session.begin():
        session.execute(update(Mention).where(Mention.external_id.in_(
            ["at://post/0", "at://post/1", "at://post/2"])).values(is_complaint=True))
    model = InboxModel(service, Tasks(inline=True))
    model.reload(InboxFilter(state=TriageState.NEW))
    assert model.rowCount() == 3
    # The owner unflags the last complaint loaded: the next page starts after it, as loaded,
    # and the row, now an ordinary mention, is read again. It is listed once.
    last = model.row_at(2).id
    service.set_flag([last], Flag.COMPLAINT, False)
    model.apply_flag([last], Flag.COMPLAINT, False)
    fetch_more(qtbot, model)
    fetch_more(qtbot, model)
    ids = [model.row_at(r).id for r in range(model.rowCount())]
    assert len(ids) == len(set(ids)) == 6


def test_unflagged_messages_have_no_flag_icons(workspace, service) -> None:
    fill(workspace, new=1)
    model = InboxModel(service, Tasks(inline=True))
    model.reload(InboxFilter(state=TriageState.NEW))
    decoration = model.index(0, InboxModel.COLUMN_FLAGS).data(Qt.ItemDataRole.DecorationRole)
    assert decoration is None


def test_waiting_column_width_samples_cover_every_unit(qapp, service) -> None:
    texts = InboxModel(service, Tasks(inline=True)).widest_waiting_texts()
    assert "Waiting" in texts
    assert {"59 min", "47 h", "13 d", "99 wk", "answered in 47 h"} <= set(texts)


def test_received_column_width_samples_cover_every_form(qapp, service) -> None:
    texts = InboxModel(service, Tasks(inline=True)).widest_received_texts()
    assert "Received" in texts
    assert len(set(texts)) >= 8


def test_the_next_page_is_read_ahead_so_scrolling_only_inserts_rows(workspace, service, qtbot,
                                                                     monkeypatch) -> None:
    model, tasks = paged(workspace, service, monkeypatch)
    assert model.rowCount() == 5
    assert len(tasks.pending) == 1  # the shown rows are painted first, without competition...
    qtbot.waitUntil(lambda: len(tasks.pending) == 2)  # ...then the next page is read
    tasks.answer(1)
    assert model.rowCount() == 5  # read, not shown yet

    model.fetchMore(QModelIndex())
    assert model.rowCount() == 10  # at once, without waiting for the database
    qtbot.waitUntil(lambda: len(tasks.pending) == 3)
    tasks.pending[2].work = lambda: (_ for _ in ()).throw(OSError("database is locked"))
    tasks.answer(2)  # a failed read-ahead is no error for the owner...
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # ...the page is read again when they scroll there,
    assert len(tasks.pending) == 3  # once the scroll has painted
    qtbot.waitUntil(lambda: len(tasks.pending) == 4)
    tasks.answer(3)
    assert model.rowCount() == 12
    assert model.exhausted
