"""The outbox's runner and planned posts: at start it marks missed what passed while the app was
closed (and says which posts changed, for the calendar), and its one timer is set to the next
post's time, firing then to publish it. Time is an injected clock: nothing sleeps."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from keyrings import MemoryKeyring

from app.core.connector import AccountInfo, Published
from app.core.model import Network, OutboxState
from app.credentials import Credentials
from app.networks import bluesky
from app.services.accounts import AccountsService
from app.services.outbox import OutboxService
from app.services.posts import PostsService
from app.services.workspace import Workspace
from app.ui.outbox_runner import SLACK_MS, OutboxRunner
from app.ui.tasks import Tasks

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


class Bluesky:
    network = Network.BLUESKY

    def __init__(self) -> None:
        self.published: list[str] = []

    def publish(self, text: str, **_options: Any) -> Published:
        self.published.append(text)
        return Published(f"at://did:plc:shop/app.bsky.feed.post/{len(self.published)}")

    def find_post(self, *_args: Any, **_options: Any) -> Published | None:
        return None

    def close(self) -> None:
        pass


class Desk:
    def __init__(self, workspace: Workspace) -> None:
        self.clock = Clock()
        self.connector = Bluesky()
        accounts = AccountsService(workspace.sessions, Credentials(MemoryKeyring()))
        self.account = accounts.save_connected(AccountInfo(
            network=Network.BLUESKY, handle="shop.bsky.social", server_url="https://bsky.social",
            capabilities=bluesky.CAPABILITIES, text_rules=bluesky.TEXT_RULES), None)
        self.posts = PostsService(workspace.sessions, accounts, lambda _a: self.connector,
                                  clock=self.clock)
        self.outbox = OutboxService(workspace.sessions, accounts, lambda _a: self.connector,
                                    clock=self.clock)

    def runner(self, tasks: Tasks) -> OutboxRunner:
        return OutboxRunner(lambda: self.outbox, tasks, clock=self.clock)


@pytest.fixture
def desk(workspace: Workspace) -> Desk:
    return Desk(workspace)


@pytest.fixture
def inline(qapp) -> Iterator[Tasks]:
    tasks = Tasks(inline=True)
    yield tasks
    tasks.deleteLater()


def test_at_start_a_post_missed_while_closed_is_marked_and_named(qtbot, desk: Desk,
                                                                 inline: Tasks) -> None:
    record = desk.posts.create("Open at 10", [desk.account.id], T0 + timedelta(hours=1))
    desk.clock.now = T0 + timedelta(hours=5)  # the app was closed at the time
    runner = desk.runner(inline)

    with qtbot.waitSignal(runner.postsChanged, timeout=1000) as changed:
        runner.start()

    assert changed.args == [[record.id]]
    assert desk.posts.get(record.id).state is OutboxState.MISSED
    assert desk.connector.published == []  # never silently late
    assert not runner.timer.isActive()


def test_the_timer_is_set_to_the_posts_time_and_publishes_it_then(qtbot, desk: Desk,
                                                                  inline: Tasks) -> None:
    runner = desk.runner(inline)
    runner.start()
    record = desk.posts.create("Open at 10", [desk.account.id], T0 + timedelta(minutes=3))
    runner.poke()  # the calendar, after saving
    assert runner.timer.isActive() and runner.timer.interval() == 3 * 60_000 + SLACK_MS

    desk.clock.now = T0 + timedelta(minutes=3)
    with qtbot.waitSignal(runner.postsChanged, timeout=2000) as changed:
        runner.poke()
    assert changed.args == [[record.id]]
    assert desk.connector.published == ["Open at 10"]
    assert desk.posts.get(record.id).state is OutboxState.SENT
