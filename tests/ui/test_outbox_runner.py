"""The outbox's worker in the window: it settles what a crash left half-sent, waits out the undo
window on one timer (no polling), sends on the network pool, and stops on quit.

The outbox is the real service over the test workspace; time is an injected clock, so the
timer's waits are read, never slept through."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fakes.mastodon_server import FakeMastodon
from keyrings import MemoryKeyring
from sqlalchemy import update

from app.core.connector import AccountInfo, Capabilities, Published, TextRules
from app.core.model import Network, OutboxState, TriageState
from app.credentials import Credentials
from app.networks.errors import NotFound, ServerError
from app.networks.http import Transport
from app.networks.mastodon import MastodonConnector
from app.services.accounts import AccountsService
from app.services.outbox import FIRST_RETRY, OutboxService
from app.services.preferences import PreferencesService
from app.services.sync import SyncService
from app.services.workspace import Workspace
from app.storage.models import Mention, OutboxItem
from app.ui.main_window import Context, MainWindow
from app.ui.outbox_runner import SLACK_MS, OutboxRunner
from app.ui.tasks import Tasks

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


class Recorder:
    """A connector that records what it was asked; `gate` holds each send until released."""

    network = Network.MASTODON

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.found: Published | None = None
        self.failures: list[Exception] = []
        self.gate: threading.Event | None = None
        self.sending = threading.Event()

    def find_reply(self, in_reply_to: str, idempotency_key: str, text: str) -> Published | None:
        return self.found

    def send_reply(self, in_reply_to: str, text: str, **_options: Any) -> Published:
        self.sending.set()
        if self.gate is not None:
            assert self.gate.wait(10), "the test never released the send"
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append(text)
        return Published(remote_id=f"r{len(self.sent)}", remote_url=f"https://x.example/{text}")

    def close(self) -> None:
        pass


class Desk:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.clock = Clock()
        self.connector = Recorder()
        accounts = AccountsService(workspace.sessions, Credentials(MemoryKeyring()))
        account = accounts.save_connected(AccountInfo(
            network=Network.MASTODON, handle="@shop@example.social",
            server_url="https://example.social", capabilities=Capabilities(can_reply=True),
            text_rules=TextRules(max_graphemes=500, url_weight=23)), None)
        self.mentions: list[int] = []
        with workspace.sessions.begin() as session:
            for n in range(2):
                row = Mention(account_id=account.id, external_id=f"10{n}", kind="mention",
                              author_handle="@aoi@example.social", text="Where is my order?",
                              created_at=T0.replace(tzinfo=None),
                              received_at=T0.replace(tzinfo=None))
                session.add(row)
                session.flush()
                self.mentions.append(row.id)
        self.outbox = OutboxService(workspace.sessions, accounts, lambda _a: self.connector,
                                    clock=self.clock)

    def runner(self, tasks: Tasks) -> OutboxRunner:
        return OutboxRunner(lambda: self.outbox, tasks, clock=self.clock)

    def mention(self, mention_id: int) -> Mention:
        with self.workspace.sessions() as session:
            return session.get(Mention, mention_id)


@pytest.fixture
def desk(workspace: Workspace) -> Desk:
    return Desk(workspace)


@pytest.fixture
def inline(qapp) -> Iterator[Tasks]:
    tasks = Tasks(inline=True)
    yield tasks
    tasks.deleteLater()


def test_a_reply_a_crash_left_sending_is_settled_at_start(qtbot, desk: Desk,
                                                         inline: Tasks) -> None:
    entry = desk.outbox.send(desk.mentions[0], "@aoi It left this morning.")
    with desk.workspace.sessions.begin() as session:
        session.execute(update(OutboxItem).where(OutboxItem.id == entry.id)
                        .values(state=OutboxState.SENDING.value, attempts=1))
    desk.connector.found = Published(remote_id="r-before-the-crash")
    runner = desk.runner(inline)

    with qtbot.waitSignal(runner.entriesChanged, timeout=1000) as changed, \
            qtbot.waitSignal(runner.mentionsAnswered, timeout=1000) as answered:
        runner.start()
    assert changed.args == [[entry.id]] and answered.args == [[desk.mentions[0]]]
    assert desk.connector.sent == []  # found on the network: not sent again
    assert desk.outbox.get(entry.id).remote_id == "r-before-the-crash"  # type: ignore[union-attr]
    assert desk.mention(desk.mentions[0]).state == TriageState.DONE.value
    assert not runner.timer.isActive()  # nothing else waits


def test_the_timer_waits_out_the_undo_window_then_sends(qtbot, desk: Desk,
                                                        inline: Tasks) -> None:
    runner = desk.runner(inline)
    runner.start()
    assert not runner.timer.isActive()
    desk.outbox.send(desk.mentions[0], "@aoi Yes!", delay=timedelta(seconds=5))
    runner.poke()  # the composer, after Send
    assert runner.timer.isActive() and runner.timer.interval() == 5000 + SLACK_MS
    assert desk.connector.sent == []

    desk.clock.now += timedelta(seconds=5)
    runner.poke()
    with qtbot.waitSignal(runner.mentionsAnswered, timeout=2000) as answered:
        pass
    assert answered.args == [[desk.mentions[0]]]
    assert desk.connector.sent == ["@aoi Yes!"]
    assert not runner.timer.isActive()


def test_undo_inside_the_window_stops_the_timer(qtbot, desk: Desk, inline: Tasks) -> None:
    runner = desk.runner(inline)
    runner.start()
    entry = desk.outbox.send(desk.mentions[0], "@aoi Yes!", delay=timedelta(seconds=5))
    runner.poke()
    assert runner.timer.isActive()
    assert desk.outbox.undo(entry.id) is not None
    runner.poke()  # the composer, after Undo
    assert not runner.timer.isActive()
    desk.clock.now += timedelta(seconds=30)
    runner.poke()
    assert not runner.timer.isActive()  # a draft is never due
    assert desk.connector.sent == []


def test_a_passing_failure_sets_the_timer_to_its_back_off(qtbot, desk: Desk,
                                                          inline: Tasks) -> None:
    desk.connector.failures = [ServerError("HTTP 503")]
    entry = desk.outbox.send(desk.mentions[0], "@aoi Yes!")
    runner = desk.runner(inline)
    with qtbot.waitSignal(runner.entriesChanged, timeout=2000) as changed:
        runner.start()  # due now: the timer fires at once
    assert changed.args == [[entry.id]]
    assert desk.outbox.get(entry.id).state is OutboxState.QUEUED  # type: ignore[union-attr]
    assert runner.timer.isActive()
    assert runner.timer.interval() == FIRST_RETRY.total_seconds() * 1000 + SLACK_MS


def test_a_reply_refused_for_good_is_announced_once(qtbot, desk: Desk, inline: Tasks) -> None:
    desk.connector.failures = [NotFound("the post was deleted")]
    entry = desk.outbox.send(desk.mentions[0], "@aoi Yes!")
    runner = desk.runner(inline)
    with qtbot.waitSignal(runner.deliveriesFailed, timeout=2000) as failed:
        runner.start()
    assert failed.args == [1]  # the window passes it to the tray's notification
    assert desk.outbox.get(entry.id).state is OutboxState.FAILED  # type: ignore[union-attr]


def test_a_passing_failure_is_not_announced(qtbot, desk: Desk, inline: Tasks) -> None:
    desk.connector.failures = [ServerError("HTTP 503")]
    desk.outbox.send(desk.mentions[0], "@aoi Yes!")
    runner = desk.runner(inline)
    with qtbot.assertNotEmitted(runner.deliveriesFailed), \
            qtbot.waitSignal(runner.entriesChanged, timeout=2000):
        runner.start()


def test_quitting_stops_the_timer_and_a_pass_before_its_next_reply(qtbot, desk: Desk,
                                                                   threads: Tasks) -> None:
    first = desk.outbox.send(desk.mentions[0], "@aoi first")
    second = desk.outbox.send(desk.mentions[1], "@aoi second")
    desk.connector.gate = threading.Event()
    runner = desk.runner(threads)
    runner.start()
    qtbot.waitUntil(desk.connector.sending.is_set, timeout=5000)  # the first is on its way

    runner.stop()
    assert not runner.running and not runner.timer.isActive()
    with qtbot.waitSignal(runner.mentionsAnswered, timeout=5000):
        desk.connector.gate.set()
    assert desk.connector.sent == ["@aoi first"]
    assert desk.outbox.get(first.id).state is OutboxState.SENT  # type: ignore[union-attr]
    assert desk.outbox.get(second.id).state is OutboxState.QUEUED  # type: ignore[union-attr]
    assert threads.wait(5000)
    assert not runner.timer.isActive()  # stopped for good: not set again after the pass
    runner.poke()
    assert not runner.timer.isActive()


# --- In the main window, against the Mastodon-like server ------------------------------------


def test_the_window_sends_a_queued_reply_after_the_first_page_and_marks_it_done(
        qtbot, workspace: Workspace) -> None:
    credentials = Credentials(MemoryKeyring())
    accounts = AccountsService(workspace.sessions, credentials)
    with FakeMastodon() as server:
        token = server.issue_token()

        def connector(_account: object = None) -> MastodonConnector:
            return MastodonConnector(server.url, token,
                                     transport=Transport(server.url, sleep=lambda _: None))

        probe = connector()
        accounts.save_connected(probe.verify(), token)
        probe.close()
        SyncService(workspace.sessions, accounts, connector).sync()
        with workspace.sessions() as session:
            mention_id = session.query(Mention.id).filter(
                Mention.external_id == server.reply_status).scalar()
        # Queued in an earlier session, its undo window long over.
        OutboxService(workspace.sessions, accounts, connector).send(
            mention_id, "@aiko Yes: the spring menu has two!")

        settings = PreferencesService(workspace.sessions).load()
        context = Context(workspace, Tasks(inline=True), settings, background_sync=False,
                          credentials=credentials)
        window = MainWindow(context)
        qtbot.addWidget(window)
        assert window.inbox.model.row_of(mention_id) is not None  # waiting, in the first page
        assert window.outbox_runner.timer.isActive()  # due already: the timer fires at once
        with qtbot.waitSignal(window.outbox_runner.mentionsAnswered, timeout=5000):
            pass
        (post,) = server.made("POST", "/api/v1/statuses")
        assert post.body["in_reply_to_id"] == server.reply_status
        assert window.inbox.model.row_of(mention_id) is None  # done: the inbox was reloaded
        sent = context.outbox().entries([OutboxState.SENT])
        assert [e.mention_id for e in sent] == [mention_id]

        window.prepare_to_quit()
        assert not window.outbox_runner.running
